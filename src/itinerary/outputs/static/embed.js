/* embed.js: the map as others see it: #hash links, the window.itineraryMap API (for tests,
 * snapshots and scripts) and the postMessage protocol of a lesson page that frames the map.
 * Loaded last, it also starts the show.
 *
 * Kept apart because everything here takes input from outside the page (the URL, the parent
 * window), and that input is checked here, strictly, before anything else sees it.
 */
(function () {
  'use strict';

  var it = window.itineraryPage;
  var state = it.state, map = it.map;

  // ---- URL hash: #period=ID, #stop=ID, #embed ---------------------------------------------------
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    document.documentElement.classList.toggle('embed', params.has('embed') || it.builtForEmbed);
    map.invalidateSize({ animate: false });
    var person = params.get('person');
    if (person !== null && it.manyLives && (person || null) !== state.person) it.setPerson(person);
    var period = params.get('period');
    if (period !== null && (period || null) !== state.period) it.setPeriod(period);
    var stop = params.get('stop');
    if (stop && it.findStop(stop)) it.goToStop(stop); // exactly, as itinerary.js findStop says
    var meeting = params.get('meeting');
    if (meeting) it.goToMeeting(meeting);
  }
  function writeHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    params.delete('stop');
    params.delete('meeting');
    if (state.person) params.set('person', state.person); else params.delete('person');
    if (state.period) params.set('period', state.period); else params.delete('period');
    var text = params.toString().replace(/embed=(&|$)/, 'embed$1');
    try { history.replaceState(null, '', text ? '#' + text : location.pathname + location.search); } catch (e) { /* sandboxed iframe */ }
  }
  it.writeHash = writeHash;

  // ---- parent page protocol, part 1: telling the parent (used from the start) ------------------
  var framed = window.parent !== window;
  var parentOrigin = new URLSearchParams(location.hash.replace(/^#/, '')).get('parent-origin');
  var protocolReady = false;
  var lastToldStop = null;
  function tellParent(message) {
    if (!framed) return;
    try { window.parent.postMessage(message, parentOrigin || '*'); } catch (e) { /* bad origin */ }
  }
  it.tellParentStop = function (s) {
    if (!protocolReady || !s) return;
    var id = s.id || String(s.seq);
    if (id === lastToldStop) return;
    lastToldStop = id;
    tellParent({ type: 'itinerary:stop',
      stop: { id: id, place: s.name, start: s.start, end: s.end, label: s.label } });
  };

  // ---- start ---------------------------------------------------------------------------------
  window.addEventListener('hashchange', readHash);
  it.setPeriod(null);
  readHash();

  function round2(v) { return Math.round(v * 100) / 100; }
  function boundsOf(b) { // [[south, west], [north, east]], rounded to 0.01 degree
    return [[round2(b.getSouth()), round2(b.getWest())], [round2(b.getNorth()), round2(b.getEast())]];
  }

  function travellersAt() { // person id -> [lat, lon] of its marker, for the lives drawn
    var out = {};
    Object.keys(it.travellers).forEach(function (pid) {
      var t = it.travellers[pid];
      if (t.at) out[pid] = [round2(t.at[0]), round2(t.at[1])];
    });
    return out;
  }

  window.itineraryMap = {
    map: map,
    play: it.play,
    pause: it.pause,
    next: it.next,
    prev: it.prev,
    seek: it.seek,
    goToStop: function (id) { return it.goToStop(id, false); },
    greatCircle: it.greatCircle, // [lat, lon], [lat, lon] -> the parts of the arc drawn
    setPeriod: function (id) { it.setPeriod(id); writeHash(); },
    setPerson: function (id) { it.setPerson(id); writeHash(); },
    goToMeeting: function (id) { return it.goToMeeting(id); },
    state: function () {
      var seg = state.segments[state.segIndex];
      return {
        date: seg ? it.isoOf(it.dayAt(seg, state.pos)) : null,
        stopId: state.stop ? (state.stop.id || String(state.stop.seq)) : null,
        period: state.period,
        // several lives: the ids of the lives shown, the one chosen (null: everyone), the meetings
        persons: it.persons.filter(function (p) { return !state.person || p.id === state.person; })
          .map(function (p) { return p.id; }),
        person: state.person,
        meeting: state.meeting ? state.meeting.id : null,
        meetings: it.shownMeetings(),
        travellers: travellersAt(),
        playing: state.playing,
        realTime: state.realTime,
        position: state.pos,
        duration: state.total,
        moving: !!seg && seg.type === 'move',
        marker: it.travellerAt(),
        trail: state.trail.length,
        visibleStopIds: state.visible.map(function (s) { return s.id || String(s.seq); }),
        zoom: Math.round(map.getZoom() * 100) / 100,
        bounds: boundsOf(map.getBounds()),
        // the moves into and out of the period shown, drawn lighter: [{from, to, kind}]
        context: (it.context || []).map(function (c) {
          var f = it.stopBySeq[c.move.from_seq], t = it.stopBySeq[c.move.to_seq];
          return { from: f.id || String(f.seq), to: t.id || String(t.seq), kind: c.move.kind };
        })
      };
    }
  };

  if (it.listChunked) it.fillInIdleTime();

  // ---- parent page protocol, part 2: hearing the parent ----------------------------------------
  /* A lesson page that frames this map may drive it with window.postMessage, and hears back
     which stop is shown. Commands are inert (play, pause, seek, go to a stop, choose a period:
     nothing a reader could not do with the controls), so any parent may send them; messages
     from anyone but the parent window, or when the page is not framed, are ignored. Replies go
     to target origin "*" because a file:// parent has an opaque origin that cannot be named;
     they carry only the stop shown, which is in the page anyway. An optional hash parameter
     #parent-origin=https://school.example narrows both directions to that origin.
     Every message is validated strictly; anything else is dropped silently (console.debug). */
  var MAX_ID = 200;

  function isPlainObject(v) {
    if (v === null || typeof v !== 'object' || Object.prototype.toString.call(v) !== '[object Object]') return false;
    var proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }
  function isDate(v) { // YYYY, YYYY-MM or YYYY-MM-DD, and a real day (no 1935-02-30)
    if (typeof v !== 'string' || v.length > 10) return false;
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
    if (!m) return false;
    var y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
    var c = it.civil(it.ordinal(y, mo, d));
    return c[0] === y && c[1] === mo && c[2] === d;
  }
  function isStopId(v) { return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID && !!it.findStop(v); }
  function isPeriodId(v) {
    return v === null || (typeof v === 'string' && v.length <= MAX_ID &&
      Object.prototype.hasOwnProperty.call(it.periodById, v));
  }
  function isPersonId(v) {
    return v === null || (typeof v === 'string' && v.length <= MAX_ID &&
      Object.prototype.hasOwnProperty.call(it.personById, v));
  }
  var api = window.itineraryMap;
  var COMMANDS = { // type -> [field checks (exactly these fields), action]
    'itinerary:play': [{}, function () { api.play(); }],
    'itinerary:pause': [{}, function () { api.pause(); }],
    'itinerary:seek': [{ date: isDate }, function (m) { api.seek(m.date); }],
    'itinerary:goToStop': [{ stop: isStopId }, function (m) { api.goToStop(m.stop); }],
    'itinerary:setPeriod': [{ period: isPeriodId }, function (m) { api.setPeriod(m.period); }],
    'itinerary:setPerson': [{ person: isPersonId }, function (m) { api.setPerson(m.person); }]
  };
  function ignore(reason) {
    if (window.console && console.debug) console.debug('itinerary: ignored a message: ' + reason);
  }
  function onMessage(event) {
    if (!framed || event.source !== window.parent) return; // not from our parent: not for us
    if (parentOrigin && event.origin !== parentOrigin) { ignore('origin'); return; }
    var m = event.data;
    if (!isPlainObject(m)) { ignore('not a plain object'); return; }
    if (typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(COMMANDS, m.type)) {
      if (typeof m.type === 'string' && m.type.slice(0, 10) === 'itinerary:' && m.type.length < 40) {
        ignore('unknown type');
      }
      return; // other libraries' messages pass by without a word
    }
    var spec = COMMANDS[m.type], checks = spec[0];
    var keys = Object.keys(m);
    if (keys.length !== Object.keys(checks).length + 1) { ignore(m.type + ': wrong fields'); return; }
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (k === 'type') continue;
      if (!Object.prototype.hasOwnProperty.call(checks, k) || !checks[k](m[k])) {
        ignore(m.type + ': bad field'); return;
      }
    }
    spec[1](m);
  }
  if (framed) {
    window.addEventListener('message', onMessage);
    protocolReady = true;
    var ready = { type: 'itinerary:ready', stops: it.stops.length,
      periods: it.periods.map(function (p) { return p.id; }) };
    if (it.manyLives) ready.persons = it.persons.map(function (p) { return p.id; });
    tellParent(ready);
    it.tellParentStop(state.stop);
  }
}());
