/* panel.js: the page around the map: the period chips, the legend, In numbers, the list of
 * stops and the card of the stop shown.
 *
 * Kept apart because it is all DOM text: it is where user text meets the page, and every piece
 * of it goes in with textContent or DOM nodes (it.el), never as HTML. It also keeps the list
 * cheap at 100,000 stops (chunks made lazily, see below).
 */
(function () {
  'use strict';

  var it = window.itineraryPage;
  var ui = it.ui, el = it.el, state = it.state, stops = it.stops, places = it.places;
  var stopBySeq = it.stopBySeq;
  var SVG = 'http://www.w3.org/2000/svg';

  // ---- the teacher's summary: In numbers, for the stops shown ----------------------------------
  /* The figures of the period (or the whole life, or the window built) shown, computed here from
     the data: stops, places (markers), countries (today's, of those places), the distance of
     the moves between shown stops and the longest of them. For the whole trip they equal
     page.py's _facts (DATA.facts, tested). O(stops + moves) per period chosen. */
  function km(n) { return it.t('unit.km', { n: it.number(n) }); }
  function factsOf(visible) {
    var inSet = Object.create(null), placeSeen = Object.create(null), countrySeen = Object.create(null);
    var nPlaces = 0, nCountries = 0, total = 0, longest = null;
    visible.forEach(function (s) {
      inSet[s.seq] = true;
      if (s.place_index === null || s.place_index === undefined || placeSeen[s.place_index]) return;
      placeSeen[s.place_index] = true;
      nPlaces++;
      var cc = places[s.place_index].country;
      if (cc && !countrySeen[cc]) { countrySeen[cc] = true; nCountries++; }
    });
    it.moves.forEach(function (mv) {
      if (!inSet[mv.from_seq] || !inSet[mv.to_seq] || typeof mv.km !== 'number') return;
      total += mv.km;
      if (mv.km && (!longest || mv.km > longest.km)) {
        longest = { from: stopBySeq[mv.from_seq].name, to: stopBySeq[mv.to_seq].name, km: mv.km };
      }
    });
    return { stops: visible.length, places: nPlaces, countries: nCountries, km: total, longest: longest };
  }
  it.factsOf = factsOf;
  function showFacts(visible) {
    var box = ui.facts;
    if (!box) return;
    var facts = visible ? factsOf(visible) : it.DATA.facts;
    if (!facts) return;
    var p = it.periodById[state.period];
    var title = document.getElementById('facts-title');
    if (title) title.textContent = p ? it.t('facts.title_period', { title: p.title }) : it.t('facts.title');
    var rows = [
      [it.t('facts.stops'), it.number(facts.stops)], [it.t('facts.places'), it.number(facts.places)],
      [it.t('facts.countries'), it.number(facts.countries)], [it.t('facts.distance'), km(facts.km)]
    ];
    if (facts.longest) {
      rows.push([it.t('facts.longest'), it.t('facts.longest_value',
        { from: facts.longest.from, to: facts.longest.to, km: km(facts.longest.km) })]);
    }
    while (box.firstChild) box.removeChild(box.firstChild);
    rows.forEach(function (row) {
      box.appendChild(el('dt', null, row[0]));
      box.appendChild(el('dd', null, row[1]));
    });
  }
  showFacts(null);
  it.onShown.push(showFacts);

  // ---- the legend: one entry per kind of move, drawn from the data -------------------------------
  /* page.html lists the kinds in the order the legend shows them (<li data-kind=...>); each gets
     a swatch drawn like the map draws that kind (colour, dash, width from DATA.moveStyles) and
     its label. A kind the data does not know is dropped, one page.html does not list is added. */
  function lineSwatch(style) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'line');
    svg.setAttribute('viewBox', '0 0 28 8');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var line = document.createElementNS(SVG, 'line');
    [['x1', '0'], ['y1', '4'], ['x2', '28'], ['y2', '4'], ['stroke', String(style.color)],
      ['stroke-width', String(Number(style.weight) || 2)]].forEach(function (a) {
      line.setAttribute(a[0], a[1]);
    });
    if (style.dash) line.setAttribute('stroke-dasharray', String(style.dash));
    svg.appendChild(line);
    return svg;
  }
  var legendKinds = [];
  (function showLegend(list) {
    if (!list) return;
    var listed = Object.create(null);
    Array.prototype.slice.call(list.querySelectorAll('li[data-kind]')).forEach(function (li) {
      var kind = li.getAttribute('data-kind');
      if (!it.own(it.moveStyles, kind) || listed[kind]) { list.removeChild(li); return; }
      listed[kind] = li;
    });
    var after = list.querySelector('li:not([data-kind])'); // the place and region entries
    Object.keys(it.moveStyles).forEach(function (kind) {
      if (listed[kind]) return;
      var li = el('li');
      li.setAttribute('data-kind', kind);
      list.insertBefore(li, after);
      listed[kind] = li;
    });
    Array.prototype.slice.call(list.querySelectorAll('li[data-kind]')).forEach(function (li) {
      var kind = li.getAttribute('data-kind'), style = it.moveStyles[kind];
      while (li.firstChild) li.removeChild(li.firstChild);
      // several lives: a line is in its person's colour, so a kind shows by its dash alone
      li.appendChild(lineSwatch(it.manyLives ? { color: '#555555', weight: style.weight, dash: style.dash } : style));
      li.appendChild(el('span', null, it.moveName(kind)));
      legendKinds.push(kind);
    });
    if (!it.manyLives) return;
    it.persons.slice().reverse().forEach(function (p) {
      var li = el('li', 'legend-person');
      li.appendChild(lineSwatch({ color: p.color, weight: 3 }));
      li.appendChild(el('span', null, it.t('legend.person', { name: p.name })));
      list.insertBefore(li, list.firstChild);
    });
  })(ui.legend);

  // ---- period chips ----------------------------------------------------------------------------
  var periodButtons = [];
  function addPeriodButton(id, title, color) {
    var b = el('button', 'period');
    b.type = 'button';
    var sw = el('span', 'swatch');
    sw.setAttribute('aria-hidden', 'true');
    if (color) {
      sw.style.backgroundColor = color;
    } else { // the whole life: a wheel of the move colours
      sw.classList.add('all');
      var colours = legendKinds.map(function (kind) { return String(it.moveStyles[kind].color); });
      if (colours.length) sw.style.background = 'conic-gradient(' + colours.concat(colours[0]).join(', ') + ')';
    }
    b.appendChild(sw);
    b.appendChild(el('span', null, title));
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', function () { it.setPeriod(id); it.writeHash(); });
    b.periodId = id;
    ui.periods.appendChild(b);
    periodButtons.push(b);
  }
  addPeriodButton(null, it.t('ui.whole_life'), null);
  it.periods.forEach(function (p) { addPeriodButton(p.id, p.title, p.color); });

  function scrollChipIntoView(b) {
    var row = ui.periods; // a sideways-scrolling row on narrow screens
    if (row.scrollWidth <= row.clientWidth + 1) return;
    var left = b.offsetLeft - row.offsetLeft;
    if (left < row.scrollLeft || left + b.offsetWidth > row.scrollLeft + row.clientWidth) {
      row.scrollLeft = Math.max(0, left - 16);
    }
  }
  it.pressPeriodButton = function (id) {
    periodButtons.forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.periodId === id));
      if (b.periodId === id) scrollChipIntoView(b);
    });
  };

  // ---- the list of stops -----------------------------------------------------------------------
  /* Long lists (a regiment, a congress) are split into chunks of CHUNK items, each skipped by
     layout and paint while off-screen (content-visibility): 100,000 items would otherwise take
     ~20 s to lay out. Chunk wrappers are role="none", so the list still reads as one list.
     A chunk's items are made when it comes near the screen, when one of its stops is shown,
     or in idle time after the map is up, so a 10,000-stop page is usable before its list is
     complete (building 60,000 DOM nodes up front took most of a second). */
  var CHUNK = 100;
  var chunks = [];
  var listItems = new Array(stops.length);
  var chunked = it.listChunked = stops.length > 10 * CHUNK;
  function makeItem(s) {
    var li = el('li', 'item');
    var b = el('button', 'stop');
    b.type = 'button';
    b.appendChild(el('span', 'when', s.uncertain ? it.t('list.uncertain', { date: s.label }) : s.label));
    b.appendChild(el('span', 'where', it.displayName(s)));
    var who = it.manyLives && it.personOf(s);
    if (who) { var tag = el('span', 'who', who.name); tag.style.borderColor = who.color; b.appendChild(tag); }
    if (!s.placed) b.appendChild(el('span', 'unplaced', it.t('list.unplaced')));
    var sw = el('span', 'swatch');
    sw.setAttribute('aria-hidden', 'true');
    sw.style.backgroundColor = it.colorOf(s);
    b.insertBefore(sw, b.firstChild);
    b.addEventListener('click', function () { it.goToStop(s.id || s.seq, true); });
    li.appendChild(b);
    li.hidden = !!state.segments.length && !state.visibleSet[s.seq];
    return { li: li, button: b };
  }
  function fillChunk(c) {
    var chunk = chunks[c];
    if (chunk.filled) return;
    chunk.filled = true;
    var frag = document.createDocumentFragment();
    for (var i = c * CHUNK; i < Math.min(stops.length, (c + 1) * CHUNK); i++) {
      listItems[i] = makeItem(stops[i]);
      frag.appendChild(listItems[i].li);
    }
    chunk.list.appendChild(frag);
    chunk.li.classList.remove('pending');
    if (chunkObserver) chunkObserver.unobserve(chunk.li);
  }
  function itemOf(i) {
    if (!listItems[i]) fillChunk(Math.floor(i / CHUNK));
    return listItems[i];
  }
  var chunkObserver = chunked && window.IntersectionObserver ? new IntersectionObserver(function (seen) {
    seen.forEach(function (e) { if (e.isIntersecting) fillChunk(e.target.chunkIndex); });
  }, { rootMargin: '1500px 0px' }) : null;
  if (!chunked) {
    stops.forEach(function (s, i) { listItems[i] = makeItem(s); ui.list.appendChild(listItems[i].li); });
  } else {
    for (var c = 0; c * CHUNK < stops.length; c++) {
      var wrap = el('li', 'chunk pending');
      wrap.setAttribute('role', 'none');
      wrap.chunkIndex = c;
      var inner = el('ol');
      inner.setAttribute('role', 'none');
      wrap.appendChild(inner);
      ui.list.appendChild(wrap);
      chunks.push({ li: wrap, list: inner, filled: false });
      if (chunkObserver) chunkObserver.observe(wrap);
    }
  }
  it.fillInIdleTime = function () { // the rest of the list, a chunk at a time, between frames
    var next = 0;
    var idle = window.requestIdleCallback || function (f) {
      return setTimeout(function () { f({ timeRemaining: function () { return 8; } }); }, 50);
    };
    idle(function step(deadline) {
      while (next < chunks.length && deadline.timeRemaining() > 6) fillChunk(next++);
      while (next < chunks.length && chunks[next].filled) next++;
      if (next < chunks.length) idle(step);
    });
  };
  /* Only the stops of the period in the list (state.visibleSet), and only chunks that show any. */
  it.showListed = function () {
    var shownInChunk = chunks.map(function () { return 0; });
    stops.forEach(function (s, i) {
      var on = !!state.visibleSet[s.seq];
      if (listItems[i]) listItems[i].li.hidden = !on;
      if (on && chunked) shownInChunk[Math.floor(i / CHUNK)]++;
    });
    chunks.forEach(function (ch, k) { ch.li.hidden = !shownInChunk[k]; });
  };

  function scrollListTo(li) {
    var box = ui.list;
    if (box.scrollHeight <= box.clientHeight + 1) return; // not a scroll box (narrow layout)
    var top = li.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top + li.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  // ---- the card --------------------------------------------------------------------------------
  function showCard(s) {
    ui.card.hidden = false;
    ui.card.classList.remove('meeting');
    ui.cardTitle.textContent = it.displayName(s);
    var body = ui.cardBody;
    while (body.firstChild) body.removeChild(body.firstChild);
    var who = it.manyLives && it.personOf(s);
    if (who) body.appendChild(personLine(who, it.t('card.person_stop', { name: who.name })));
    var when = el('p', 'when', s.label);
    if (s.uncertain) when.appendChild(el('span', 'badge', it.t('card.uncertain')));
    body.appendChild(when);
    if (s.matched) body.appendChild(el('p', 'hint', it.t('card.matched', { name: s.matched })));
    if (s.calendar === 'julian') body.appendChild(el('p', 'hint', it.t('card.julian')));
    var facts = [];
    if (s.kind) facts.push(it.hasText('kind.' + s.kind) ? it.t('kind.' + s.kind) : s.kind);
    if (s.country) facts.push(it.countryName(s.country));
    if (facts.length) body.appendChild(el('p', 'kind', facts.join(' · ')));
    if (s.note) body.appendChild(el('p', 'note', s.note));
    if (!s.placed) body.appendChild(el('p', 'hint', it.t('card.unplaced')));
    if (s.evidence || s.source) {
      var fig = el('figure', 'evidence');
      if (s.evidence) {
        var quote = el('blockquote');
        quote.appendChild(el('p', null, it.t('card.quote', { text: s.evidence })));
        fig.appendChild(quote);
      }
      if (s.source) fig.appendChild(el('figcaption', null, it.t('card.source', { source: s.source })));
      body.appendChild(fig);
    }
    var place = s.place_index === null ? null : places[s.place_index];
    if (place && place.visits.length > 1) {
      body.appendChild(el('h3', null, it.plural('card.visits', place.visits.length)));
      var ol = el('ol', 'visits');
      place.visits.forEach(function (seq) {
        var v = stopBySeq[seq];
        var li = el('li');
        var vp = it.manyLives && it.personOf(v);
        var b = el('button', 'visit', vp ? it.t('card.of_person', { name: vp.name, text: v.label }) : v.label);
        b.type = 'button';
        if (seq === s.seq) b.setAttribute('aria-current', 'true');
        b.addEventListener('click', function () { it.goToStop(v.id || v.seq, true); });
        li.appendChild(b);
        ol.appendChild(li);
      });
      body.appendChild(ol);
    }
  }

  function personLine(p, text) {
    var line = el('p', 'person');
    var sw = el('span', 'swatch');
    sw.setAttribute('aria-hidden', 'true');
    sw.style.backgroundColor = p.color;
    line.appendChild(sw);
    line.appendChild(el('span', null, text));
    return line;
  }

  // ---- several lives: the person chips, the meetings' list and card ----------------------------
  var personButtons = [];
  if (it.manyLives) {
    var row = el('div', 'periods persons');
    row.id = 'persons';
    row.setAttribute('role', 'group');
    row.setAttribute('aria-label', it.t('ui.people'));
    ui.periods.parentNode.insertBefore(row, ui.periods);
    [null].concat(it.persons).forEach(function (p) {
      var b = el('button', 'period');
      b.type = 'button';
      var sw = el('span', 'swatch');
      sw.setAttribute('aria-hidden', 'true');
      if (p) sw.style.backgroundColor = p.color;
      else sw.style.background = 'conic-gradient(' + it.persons.map(function (q) { return q.color; })
        .concat(it.persons[0].color).join(', ') + ')';
      b.appendChild(sw);
      b.appendChild(el('span', null, p ? p.name : it.t('ui.everyone')));
      b.setAttribute('aria-pressed', String(!p));
      b.personId = p ? p.id : null;
      b.addEventListener('click', function () { it.setPerson(b.personId); it.writeHash(); });
      row.appendChild(b);
      personButtons.push(b);
    });
  }
  var periodPeople = Object.create(null); // period id -> {person id: true}
  stops.forEach(function (s) {
    if (s.period && s.person) (periodPeople[s.period] = periodPeople[s.period] || {})[s.person] = true;
  });
  it.pressPersonButton = function (id) {
    personButtons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.personId === id)); });
    periodButtons.forEach(function (b) { // only the periods of the person shown
      b.hidden = !!(id && b.periodId && periodPeople[b.periodId] && !periodPeople[b.periodId][id]);
    });
  };

  var meetingItems = [];
  if (it.encounters.length) {
    var box = el('section', 'meetings');
    box.setAttribute('aria-labelledby', 'meetings-title');
    var head = el('h2', null, it.t('meeting.title'));
    head.id = 'meetings-title';
    box.appendChild(head);
    var ol = el('ol');
    ol.id = 'meetings';
    it.encounters.forEach(function (e) {
      var li = el('li', 'item');
      var b = el('button', 'stop meeting-item');
      b.type = 'button';
      b.appendChild(el('span', 'when', it.meetingWhen(e)));
      b.appendChild(el('span', 'where', it.meetingTitle(e)));
      b.addEventListener('click', function () { it.goToMeeting(e.id); });
      li.appendChild(b);
      ol.appendChild(li);
      meetingItems.push({ li: li, meeting: e });
    });
    box.appendChild(ol);
    var listSection = ui.list.closest('section');
    listSection.parentNode.insertBefore(box, listSection);
  }
  it.showListedMeetings = function () {
    meetingItems.forEach(function (m) {
      m.li.hidden = !!state.person && m.meeting.persons.indexOf(state.person) < 0;
    });
  };

  /* Go to a meeting: its first day on the clock (everyone, or one of the two, shown; the period
     left if it holds neither stop), the map on it, and its card. */
  it.goToMeeting = function (id) {
    var e = it.own(it.encounterById, id) ? it.encounterById[id] : null;
    if (!e) return false;
    if (state.person && e.persons.indexOf(state.person) < 0) it.setPerson(null);
    if (!e.stops.some(function (seq) { return state.visibleSet[seq]; })) it.setPeriod(null);
    it.pause();
    it.seek(it.isoOf(e.d0));
    if (it.map.getZoom() < 5) it.map.setView([e.lat, e.lon], 5, { animate: false }); // the ring in sight
    else it.follow([e.lat, e.lon]);
    it.showMeeting(e);
    return true;
  };

  /* The card of a meeting: who, where, when, and the two stops (buttons). */
  it.showMeeting = function (e) {
    state.meeting = e;
    ui.card.hidden = false;
    ui.card.classList.add('meeting');
    ui.cardTitle.textContent = it.meetingTitle(e);
    var body = ui.cardBody;
    while (body.firstChild) body.removeChild(body.firstChild);
    var when = el('p', 'when', it.meetingWhen(e));
    if (e.status !== 'met') when.appendChild(el('span', 'badge', it.t('meeting.badge')));
    body.appendChild(when);
    body.appendChild(el('p', 'hint', it.t(e.status === 'met' ? 'meeting.both_met' : 'meeting.both_maybe',
      { place: e.place })));
    var visits = el('ol', 'visits');
    e.stops.forEach(function (seq) {
      var s = stopBySeq[seq], p = it.personOf(s);
      if (!s) return;
      var li = el('li');
      var text = it.t('card.place_date', { place: it.displayName(s), date: s.label });
      var b = el('button', 'visit', p ? it.t('card.of_person', { name: p.name, text: text }) : text);
      b.type = 'button';
      b.addEventListener('click', function () { it.goToStop(s.id || s.seq, true); });
      li.appendChild(b);
      visits.appendChild(li);
    });
    body.appendChild(visits);
    ui.live.textContent = it.t('live.meeting', { title: it.meetingTitle(e), date: it.meetingWhen(e) });
  };

  /* The stop now shown (null: none): marked in the list, on the card, told to the parent page
     and, when announce, to screen readers. */
  it.setCurrentStop = function (s, announce) {
    if (state.stop === s) return;
    if (state.stop) itemOf(state.stop.index).button.removeAttribute('aria-current');
    state.stop = s;
    if (!s) return;
    it.tellParentStop(s); // parent page protocol (embed.js)
    var item = itemOf(s.index);
    item.button.setAttribute('aria-current', 'step');
    scrollListTo(item.li);
    state.meeting = null;
    showCard(s);
    showNow(s);
    if (it.labels) it.labels.update(); // the current stop's name stands out on the map
    if (announce) ui.live.textContent = it.t('live.stop', { place: it.displayName(s), date: s.label });
  };

  // ---- the embed's line of the stop shown: name and dates in one line, the note a tap away -----
  var now = document.getElementById('now');
  var nowName = document.getElementById('now-name'), nowWhen = document.getElementById('now-when');
  var noteButton = document.getElementById('now-note'), notePanel = document.getElementById('note-panel');
  function setNoteOpen(open) {
    if (!noteButton || !notePanel) return;
    noteButton.setAttribute('aria-expanded', String(open));
    notePanel.hidden = !open;
  }
  function showNow(s) {
    if (!now || !s) return;
    nowName.textContent = s.name || s.today || it.t('card.unnamed');
    nowWhen.textContent = s.label;
    now.title = it.t('card.place_date', { place: it.displayName(s), date: s.label });
    var text = document.getElementById('note-text');
    var head = document.getElementById('note-title');
    if (head) head.textContent = it.t('card.note_title', { place: it.displayName(s), date: s.label });
    if (text) text.textContent = s.note || it.t(s.placed ? 'card.no_note' : 'card.unplaced');
    if (noteButton) noteButton.disabled = !s.note && s.placed;
    if (noteButton && noteButton.disabled) setNoteOpen(false);
  }
  if (noteButton && notePanel) {
    noteButton.addEventListener('click', function () {
      setNoteOpen(noteButton.getAttribute('aria-expanded') !== 'true');
    });
    var close = document.getElementById('note-close');
    if (close) close.addEventListener('click', function () { setNoteOpen(false); noteButton.focus(); });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !notePanel.hidden) { setNoteOpen(false); noteButton.focus(); }
    });
  }
}());
