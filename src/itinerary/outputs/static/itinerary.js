/* itinerary.js: the namespace, the data and the small helpers every other script uses.
 *
 * The animated map of a life is vanilla JS over Leaflet (global L), with no build step: a few
 * plain scripts that the page loads in this order (page.py's PAGE_SCRIPTS; `--self-contained`
 * inlines them one by one, each allowed by its own CSP hash):
 *   itinerary.js  the namespace, the data, shared helpers (this file)
 *   timeline.js   dates, the timeline of segments, the playhead, playback and periods
 *   arcs.js       great-circle arcs, built exactly as Python's itinerary.moves.geodesy does
 *   layers.js     the map: tiles, places, regions, move lines, the travelling marker
 *   basemap.js    the offline atlas basemap (land, lakes, rivers; label points for labels.js)
 *   panel.js      the page around the map: period chips, legend, In numbers, list and card
 *   embed.js      the outside: window.itineraryMap, #hash links, the postMessage protocol;
 *                 it is last, and starts the show
 * They share one object, window.itineraryPage: each script adds what it offers and calls the
 * others' functions only when events happen (never while it loads), so their order matters
 * only for this file, which must come first. Nothing else may run on the page (hashed CSP).
 *
 * Data arrives as JSON in <script type="application/json" id="itinerary-data"> (and the basemap
 * in #itinerary-basemap, which basemap.js reads and draws; it draws on layers.js's map, so it
 * comes after it). Every piece of user text is inserted with textContent or DOM nodes, never as
 * HTML. How moves are drawn (colour, dash, width per kind) comes from the data too
 * (DATA.moveStyles, Python's itinerary.moves.kinds.MOVE_STYLES): one table.
 *
 * Words: every word the page shows or announces is a message of the language's catalogue
 * (DATA.i18n, Python's itinerary.i18n; page.html's own words were filled in by page.py), read
 * through it.t and it.plural; numbers and dates the page writes as it plays go through
 * it.number, it.dayText and it.monthText, which follow the same CLDR rules as Python's labels.
 */
(function () {
  'use strict';

  var it = window.itineraryPage = {};
  var DATA = it.DATA = JSON.parse(document.getElementById('itinerary-data').textContent);
  it.builtForEmbed = document.documentElement.classList.contains('embed');
  it.reducedMotion = !!(window.matchMedia &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches);

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  it.own = own;

  // ---- small DOM helpers (text only) ---------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function $(id) { return document.getElementById(id); }
  it.el = el;
  it.ui = {
    slider: $('slider'), date: $('date'), play: $('play'), prev: $('prev'), next: $('next'),
    speed: $('speed'), realtime: $('realtime'), live: $('live'), list: $('stops'),
    card: $('card'), cardTitle: $('card-title'), cardBody: $('card-body'), periods: $('periods'),
    facts: $('facts'), legend: $('legend-moves')
  };

  // ---- words, numbers and dates in the page's language (DATA.i18n) ---------------------------
  var I18N = DATA.i18n || {};
  var MESSAGES = I18N.messages || {};
  var lang = it.lang = I18N.lang || 'en';
  var DATES = I18N.dates || {};
  var NUMBERS = I18N.numbers || { group: ',', decimal: '.' };
  /* {name} fields filled in one pass (a value is never scanned again); an unknown field stays. */
  function fill(text, fields) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, name) {
      return fields && own(fields, name) ? String(fields[name]) : whole;
    });
  }
  it.hasText = function (key) { return own(MESSAGES, key); };
  /* A message with its fields: it.t('card.matched', {name: 'Manchester'}). A missing key shows
     as itself, so a test (and a reader) sees it. */
  it.t = function (key, fields) {
    var text = own(MESSAGES, key) ? MESSAGES[key] : key;
    if (text && typeof text === 'object') text = text.other;
    return fill(text, fields);
  };
  var pluralRules = null;
  try { pluralRules = new Intl.PluralRules(lang); } catch (e) { /* no Intl: "other" */ }
  /* A count: the message's text for n's CLDR plural category ({n} written by it.number). */
  it.plural = function (key, n, fields) {
    var forms = own(MESSAGES, key) ? MESSAGES[key] : { other: key };
    if (typeof forms === 'string') forms = { other: forms };
    var category = pluralRules ? pluralRules.select(n) : 'other';
    var all = { n: it.number(n) };
    Object.keys(fields || {}).forEach(function (k) { all[k] = fields[k]; });
    return fill(own(forms, category) ? forms[category] : forms.other, all);
  };
  function roundHalfEven(v) { // Python's round(), as Babel's format_decimal(round(n)) is given
    var r = Math.round(v);
    return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }
  /* n as the language writes it: "70,794", "70.794", "70 794" (CLDR's group every three
     digits), rounded to a whole number, or to `digits` decimals ("0,5"). */
  it.number = function (n, digits) {
    var v = Number(n);
    if (!isFinite(v)) return String(n);
    var text = digits ? Math.abs(v).toFixed(digits) : String(Math.abs(roundHalfEven(v)));
    var parts = text.split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, function () { return NUMBERS.group; });
    var sign = v < 0 && Number(text) !== 0 ? '-' : '';
    return sign + whole + (parts[1] ? NUMBERS.decimal + parts[1] : '');
  };
  /* A day number (it.civil: timeline.js, there when this is called) as the language's long
     date or month and year: the CLDR templates Python's labels are written with. */
  function dateText(template, n) {
    var c = it.civil(n);
    return fill(template, { d: c[2], y: c[0], MMMM: (DATES.months || [])[c[1] - 1],
      LLLL: (DATES.monthsStandalone || DATES.months || [])[c[1] - 1] });
  }
  it.dayText = function (n) { return dateText(DATES.day || '{d} {MMMM} {y}', n); };
  it.monthText = function (n) { return dateText(DATES.month || '{MMMM} {y}', n); };

  // ---- the data ------------------------------------------------------------------------------
  /* Stops and moves arrive as columns ({"name": [...], "lat": [...]}): far fewer bytes than
     one object per row at 100,000 stops, and quicker for JSON.parse. */
  function rowsOf(table) {
    var keys = Object.keys(table || {});
    var n = keys.length ? table[keys[0]].length : 0;
    var out = new Array(n);
    for (var i = 0; i < n; i++) {
      var row = {};
      for (var k = 0; k < keys.length; k++) row[keys[k]] = table[keys[k]][i];
      out[i] = row;
    }
    return out;
  }
  var stops = it.stops = rowsOf(DATA.stops);
  it.places = DATA.places;
  var moves = it.moves = rowsOf(DATA.moves);
  var periods = it.periods = DATA.periods;
  // Maps keyed by user data have no prototype: an id like "constructor" is just an id.
  var stopBySeq = it.stopBySeq = Object.create(null);
  var stopById = it.stopById = Object.create(null);
  var periodById = it.periodById = Object.create(null);
  var lastDay = null;
  stops.forEach(function (s, i) {
    s.index = i;
    if (s.d0 === null) { s.d0 = lastDay === null ? 1 : lastDay; s.d1 = s.d0; }
    lastDay = s.d1;
    stopBySeq[s.seq] = s;
    if (s.id && !(s.id in stopById)) stopById[s.id] = s;
  });
  periods.forEach(function (p) { periodById[p.id] = p; });
  var movesInto = it.movesInto = Object.create(null);
  moves.forEach(function (mv, i) {
    mv.index = i;
    (movesInto[mv.to_seq] = movesInto[mv.to_seq] || []).push(mv);
  });

  /* Several lives (DATA.persons: [{id, name, color}], [] for one life): each stop and move has
     a `person` (an id); DATA.encounters are where two of them were at one place at one time. */
  var persons = it.persons = DATA.persons || [];
  var personById = it.personById = Object.create(null);
  persons.forEach(function (p, i) { p.index = i; personById[p.id] = p; });
  it.manyLives = persons.length > 1;
  it.personOf = function (s) { return s && s.person && personById[s.person] || null; };
  it.inPerson = function (s, pid) { return !pid || s.person === pid; };
  var encounters = it.encounters = (DATA.encounters || []).filter(function (e) {
    return e.persons.every(function (pid) { return pid in personById; });
  });
  var encounterById = it.encounterById = Object.create(null);
  encounters.forEach(function (e, i) {
    e.index = i;
    // the names in the order the lives were given ("Trotsky and Lenin")
    e.people = e.persons.map(function (pid) { return personById[pid]; })
      .sort(function (a, b) { return a.index - b.index; });
    if (!(e.id in encounterById)) encounterById[e.id] = e;
  });

  /* A meeting in words: "Trotsky and Lenin in London" ("... may have met in London"), and its
     days "30 November 1902 – 1 January 1903". */
  it.meetingTitle = function (e) {
    var names = e.people.map(function (p) { return p.name; }).reduce(function (a, b) {
      return it.t('meeting.and', { a: a, b: b });
    });
    return it.t(e.status === 'met' ? 'meeting.met' : 'meeting.maybe', { names: names, place: e.place });
  };
  it.meetingWhen = function (e) {
    return e.d0 === e.d1 ? it.dayText(e.d0) : it.dayText(e.d0) + ' \u2013 ' + it.dayText(e.d1);
  };

  it.displayName = function (s) {
    // "name, now X": X decided once, in Python (records.now_names)
    if (s.now) return it.t('card.now', { name: s.name, today: s.now });
    return s.name || s.today || it.t('card.unnamed');
  };
  it.inPeriod = function (s, pid) {
    if (!pid) return true;
    if (s.period) return s.period === pid;
    var p = periodById[pid];
    return !!p && p.d0 !== null && p.d1 !== null && s.d0 >= p.d0 && s.d0 <= p.d1;
  };
  it.colorOf = function (s) {
    var p = periodById[s.period];
    return p ? p.color : '#555555';
  };
  /* A stop by its id, matched exactly as a string, or by its number written the one way
     ("1e0", "01" or " 1" is not stop 1): the one rule for links, the API and messages. */
  it.findStop = function (id) {
    var text = String(id);
    if (own(stopById, text)) return stopById[text];
    return /^(0|[1-9][0-9]*)$/.test(text) && own(stopBySeq, text) ? stopBySeq[text] : null;
  };

  /* How a kind of move is drawn: {color, dash ("" = solid), weight} from the data; an unknown
     kind is drawn as travel. Its name is the catalogue's: move.<kind> in the legend ("forced
     (arrest, exile)"), move_name.<kind> on a line ("forced"). */
  var moveStyles = it.moveStyles = DATA.moveStyles || {};
  it.moveStyleOf = function (kind) {
    if (own(moveStyles, kind)) return moveStyles[kind];
    return own(moveStyles, 'travel') ? moveStyles.travel : { color: '#555555', dash: '', weight: 2 };
  };
  /* Today's country of a stop as the page's language names it (CLDR, from Python); the code
     itself when CLDR has no name for it. */
  it.countryName = function (code) {
    var names = I18N.countries || {};
    return own(names, code) ? names[code] : String(code);
  };
  it.moveName = function (kind, short) {
    var key = (short ? 'move_name.' : 'move.') + kind;
    return it.hasText(key) ? it.t(key) : String(kind);
  };
}());
