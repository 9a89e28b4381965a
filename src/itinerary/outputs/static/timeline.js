/* timeline.js: dates, the timeline, the playhead and playback; choosing a period.
 *
 * Kept apart because it is the page's clock: every other part only reacts to where the playhead
 * is (apply), and nothing here draws on the map or writes the panel itself.
 *
 * Time model: the show runs on a "timeline" of segments (a stay at a stop, or a move between
 * two stops), each with a duration in milliseconds of show time and a range of day numbers
 * (proleptic Gregorian ordinals, 0001-01-01 = 1, computed by the page builder). In story time
 * each segment gets a visible share (a long stay is a little longer, not years longer); in real
 * time durations are proportional to days. The playhead `pos` is a position on that timeline.
 *
 * Performance: only what changed is touched per frame: the travelling marker, the date text,
 * the slider and, when the segment changes, the trail (moves are appended or removed at its
 * end, never redrawn all at once).
 */
(function () {
  'use strict';

  var it = window.itineraryPage;
  var ui = it.ui, stops = it.stops, stopBySeq = it.stopBySeq, periodById = it.periodById;
  var MS_PER_DAY_REAL = 3000 / 365.25; // real time: one year takes three seconds at 1x

  // ---- dates (integer arithmetic only; valid for any year) ----------------------------------
  function ordinal(y, m, d) { // days_from_civil (H. Hinnant) shifted so 0001-01-01 = 1
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468 + 719163;
  }
  function civil(n) {
    var z = n - 719163 + 719468;
    var era = Math.floor(z / 146097);
    var doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) -
      Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp + (mp < 10 ? 3 : -9);
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }
  function parseIso(text) {
    var m = /^(-?\d{1,6})-(\d{1,2})(?:-(\d{1,2}))?/.exec(String(text || '').trim());
    if (!m) { m = /^(-?\d{1,6})$/.exec(String(text || '').trim()); if (!m) return null; }
    return ordinal(+m[1], +(m[2] || 1), +(m[3] || 1));
  }
  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) s = '0' + s; return (n < 0 ? '-' : '') + s; }
  function isoOf(n) { var c = civil(n); return pad(c[0], 4) + '-' + pad(c[1], 2) + '-' + pad(c[2], 2); }
  /* What the clock reads, never finer than the table: at a stop, the stop's own label (its
     dates as written: "1867", "July 1895", "summer 1902", "c. 1888", "9 (22) January 1905",
     "1902 – 1905"); between two stops the month the playhead has reached ("March 1903",
     it.monthText), or only the year when either stop is dated only to the year. */
  function clockText(seg, day) {
    if (seg.type === 'stop') return seg.stop.label;
    if (seg.from.precision === 'year' || seg.to.precision === 'year') return String(civil(day)[0]);
    return it.monthText(day);
  }
  it.ordinal = ordinal;
  it.civil = civil;
  it.clockText = clockText;
  it.isoOf = isoOf;

  // ---- state -----------------------------------------------------------------------------------
  var state = it.state = {
    period: null, person: null, realTime: false, speed: 1, playing: false, pos: 0,
    segments: [], total: 0, visible: [], visibleSet: {},
    segIndex: -1, stop: null, trail: [], moveSegs: [], lastFrame: null
  };

  function stopDuration(days) {
    if (state.realTime) return Math.max(150, days * MS_PER_DAY_REAL);
    return (it.reducedMotion ? 2500 : 1500) + 600 * Math.log(1 + days / 30);
  }
  function moveDuration(mv, days) {
    if (it.reducedMotion) return 0;
    if (state.realTime) return Math.max(300, days * MS_PER_DAY_REAL);
    return 1000 + 250 * Math.log(1 + (mv.km || 0) / 500);
  }

  /* The segments of the current period: stays, and the moves between visible stops. */
  function buildTimeline() {
    var segs = [];
    var t = 0;
    state.visible = stops.filter(function (s) {
      return it.inPeriod(s, state.period) && it.inPerson(s, state.person);
    });
    state.visibleSet = Object.create(null); // seq -> position in state.visible
    state.visible.forEach(function (s, k) { state.visibleSet[s.seq] = k + 1; });
    state.visible.forEach(function (s, k) {
      (it.movesInto[s.seq] || []).forEach(function (mv) {
        if (!state.visibleSet[mv.from_seq]) return;
        var from = stopBySeq[mv.from_seq];
        var d0 = mv.d0 !== null ? mv.d0 : from.d1;
        var d1 = Math.max(d0, mv.d1 !== null ? mv.d1 : s.d0);
        var dur = moveDuration(mv, d1 - d0);
        segs.push({ type: 'move', move: mv, from: from, to: s, t0: t, t1: t + dur, d0: d0, d1: d1 });
        t += dur;
      });
      var dur = stopDuration(s.d1 - s.d0);
      segs.push({ type: 'stop', stop: s, k: k, t0: t, t1: t + dur, d0: s.d0, d1: s.d1 });
      t += dur;
    });
    if (it.manyLives) clockDays(segs);
    state.segments = segs;
    state.total = t;
    state.moveSegs = [];
    segs.forEach(function (g, i) { if (g.type === 'move') state.moveSegs.push(i); });
    state.stopSegs = [];
    segs.forEach(function (g, i) { if (g.type === 'stop') state.stopSegs.push(i); });
    ui.slider.max = String(Math.max(1, Math.round(t / 100)));
  }

  /* Several lives: one stop's stay overlaps the next stops of the other lives, so the clock
     reads each segment's days only up to where the next segment starts, never going back:
     c0..c1 (the days of one life alone are d0..d1, as before). */
  function clockDays(segs) {
    var prev = -Infinity;
    segs.forEach(function (g, i) {
      var next = segs[i + 1];
      g.c0 = Math.max(g.d0, prev);
      g.c1 = Math.max(g.c0, next ? Math.min(g.d1, next.d0) : g.d1);
      prev = g.c1;
    });
  }

  /* The last segment starting at or before pos (zero-length segments give way to the next). */
  function segmentAt(pos) {
    var segs = state.segments;
    var lo = 0, hi = segs.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (segs[mid].t0 <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function fraction(seg, pos) {
    return seg.t1 > seg.t0 ? Math.min(1, Math.max(0, (pos - seg.t0) / (seg.t1 - seg.t0))) : 1;
  }
  function dayAt(seg, pos) {
    if (seg.c0 !== undefined) return Math.floor(seg.c0 + fraction(seg, pos) * (seg.c1 - seg.c0) + 1e-9);
    return Math.floor(seg.d0 + fraction(seg, pos) * (seg.d1 - seg.d0) + 1e-9);
  }
  it.dayAt = dayAt;

  // ---- applying the playhead -------------------------------------------------------------------
  function lastPlacedUpTo(k) {
    for (var i = k; i >= 0; i--) if (state.visible[i].placed) return state.visible[i];
    return null;
  }

  var lastShownDay = null;
  var lastSlider = null;
  /* Move the playhead to pos and bring the map, the panel and the controls up to date;
     why is 'init', 'play', 'seek' or 'slider'. */
  function apply(pos, why) {
    state.pos = Math.max(0, Math.min(state.total, pos));
    var i = segmentAt(state.pos);
    if (i < 0) { ui.date.textContent = it.t('ui.no_stops'); return; }
    var seg = state.segments[i];
    var changed = i !== state.segIndex;
    if (changed) {
      state.segIndex = i;
      it.syncTrail(i);
      if (seg.type === 'move') {
        it.showCurrentMove(seg.move);
        it.setCurrentStop(seg.from, why !== 'init');
        if (state.playing) it.follow(seg.move.pts ? seg.move.pts[seg.move.pts.length - 1] : [seg.to.lat, seg.to.lon]);
      } else {
        it.showCurrentMove(null);
        it.setCurrentStop(seg.stop, why !== 'init');
        if (state.playing && seg.stop.placed) it.follow([seg.stop.lat, seg.stop.lon]);
      }
    }
    if (seg.type === 'move') {
      it.setTraveller(it.pointAlong(seg.move, fraction(seg, state.pos)) || [seg.to.lat, seg.to.lon]);
    } else {
      var at = lastPlacedUpTo(seg.k);
      if (at) it.setTraveller([at.lat, at.lon]);
    }
    var day = dayAt(seg, state.pos);
    if (it.manyLives) {
      it.placeTravellers(day, seg, fraction(seg, state.pos));
      it.showMeetingsOn(day);
      if (changed && it.labels) it.labels.later(); // names placed around where the lives now are
    }
    if (day !== lastShownDay || changed) {
      lastShownDay = day;
      var text = clockText(seg, day);
      if (text !== ui.date.textContent) ui.date.textContent = text;
      ui.slider.setAttribute('aria-valuetext', it.t('ui.slider_value', { date: text, place: it.displayName(state.stop) }));
    }
    var sv = Math.round(state.pos / 100);
    if (sv !== lastSlider && why !== 'slider') { ui.slider.value = String(sv); lastSlider = sv; }
  }

  // ---- playback --------------------------------------------------------------------------------
  function frame(ts) {
    if (!state.playing) return;
    if (state.lastFrame !== null) {
      var dt = Math.min(250, ts - state.lastFrame); // a background tab must not leap ahead
      apply(state.pos + dt * state.speed, 'play');
    }
    state.lastFrame = ts;
    if (state.pos >= state.total) { pause(); return; }
    window.requestAnimationFrame(frame);
  }
  function play() {
    if (state.playing) return;
    if (state.pos >= state.total) apply(0, 'seek');
    state.playing = true;
    state.lastFrame = null;
    ui.play.classList.add('playing');
    ui.play.setAttribute('aria-label', it.t('ui.pause'));
    ui.play.title = it.t('ui.pause_title');
    if (state.stop) ui.live.textContent = it.t('live.stop', { place: it.displayName(state.stop), date: state.stop.label });
    window.requestAnimationFrame(frame);
  }
  function pause() {
    state.playing = false;
    ui.play.classList.remove('playing');
    ui.play.setAttribute('aria-label', it.t('ui.play'));
    ui.play.title = it.t('ui.play_title');
  }
  function toggle() { if (state.playing) pause(); else play(); }
  it.play = play;
  it.pause = pause;

  // ---- going to a stop, a place, a date --------------------------------------------------------
  function currentStopPosition() {
    // Index in state.visible of the stop now shown (the origin while a move is under way).
    return state.stop && state.visibleSet[state.stop.seq] ? state.visibleSet[state.stop.seq] - 1 : 0;
  }
  function jumpToVisible(k) {
    if (k < 0 || k >= state.visible.length) return;
    var seg = state.segments[state.stopSegs[k]];
    apply(seg.t0, 'seek');
    var s = seg.stop;
    if (s.placed) it.follow([s.lat, s.lon]);
  }
  function next() { jumpToVisible(currentStopPosition() + 1); }
  function prev() { jumpToVisible(currentStopPosition() - 1); }
  it.next = next;
  it.prev = prev;

  function goToStop(id, fromUser) {
    var s = it.findStop(id);
    if (!s) return false;
    if (!state.visibleSet[s.seq]) setPeriod(null);
    jumpToVisible(state.visibleSet[s.seq] - 1);
    if (fromUser) it.closeIn(s);
    return true;
  }
  it.goToStop = goToStop;
  it.goToPlace = function (pi) {
    // A click on a place shows its next visit after the current date (else its first).
    var today = state.stop ? state.stop.d0 : -Infinity;
    var visits = it.places[pi].visits.map(function (q) { return stopBySeq[q]; })
      .filter(function (v) { return state.visibleSet[v.seq]; });
    if (!visits.length) return;
    var pick = visits.filter(function (v) { return v.d0 > today || v === state.stop; })[0] || visits[0];
    if (pick === state.stop && visits.length > 1) pick = visits[(visits.indexOf(pick) + 1) % visits.length];
    goToStop(pick.id || pick.seq);
  };

  function seek(iso) {
    var day = parseIso(iso);
    if (day === null) return false;
    var segs = state.segments, pos = null;
    for (var i = 0; i < segs.length && pos === null; i++) {
      var g = segs[i];
      var g0 = g.c0 !== undefined ? g.c0 : g.d0, g1 = g.c0 !== undefined ? g.c1 : g.d1;
      if (g0 <= day && day <= g1 && g.t1 > g.t0) {
        pos = g.t0 + (g1 > g0 ? (day - g0) / (g1 - g0) : 0) * (g.t1 - g.t0);
      }
    }
    for (var j = 0; j < segs.length && pos === null; j++) {
      if ((segs[j].c0 !== undefined ? segs[j].c0 : segs[j].d0) >= day) pos = segs[j].t0;
    }
    apply(pos === null ? state.total : pos, 'seek');
    return true;
  }
  it.seek = seek;

  // ---- periods ---------------------------------------------------------------------------------
  function setPeriod(id) {
    if (id && !(id in periodById)) id = null;
    id = id || null;
    if (id && state.person && !stops.some(function (s) { return s.person === state.person && it.inPeriod(s, id); })) {
      state.person = null; // another life's period: shown for everyone
      if (it.pressPersonButton) it.pressPersonButton(null);
    }
    var wasPlaying = state.playing;
    pause();
    state.period = id;
    buildTimeline();
    it.showPlaces(state.visible);
    it.showListed();
    it.pressPeriodButton(id);
    it.clearTrail();
    state.segIndex = -1;
    it.setCurrentStop(null, false);
    it.fitVisible();
    apply(0, 'init');
    var p = periodById[id];
    ui.live.textContent = p ? it.t('live.period', { title: p.title }) : it.t('ui.whole_life');
    if (wasPlaying) play();
  }
  it.setPeriod = setPeriod;

  /* Several lives: show one person's stops (id), or everyone's (null); a period that holds
     none of that person's stops is left. */
  function setPerson(id) {
    if (id && !(id in it.personById)) id = null;
    id = id || null;
    state.person = id;
    var period = state.period;
    if (period && id && !stops.some(function (s) { return s.person === id && it.inPeriod(s, period); })) {
      period = null;
    }
    if (it.pressPersonButton) it.pressPersonButton(id);
    setPeriod(period);
    if (it.showListedMeetings) it.showListedMeetings();
    var p = it.personById[id];
    if (p) ui.live.textContent = it.t('live.person', { name: p.name });
  }
  it.setPerson = setPerson;

  // ---- the playback controls -------------------------------------------------------------------
  Array.prototype.forEach.call(ui.speed.options, function (o) { // "0,5×" in German
    var v = Number(o.value);
    o.textContent = it.t('ui.speed_value', { n: it.number(v, v % 1 ? 1 : 0) });
  });
  ui.play.addEventListener('click', toggle);
  ui.next.addEventListener('click', next);
  ui.prev.addEventListener('click', prev);
  ui.speed.addEventListener('change', function () { state.speed = Number(ui.speed.value) || 1; });
  ui.realtime.addEventListener('change', function () {
    var day = state.segIndex >= 0 ? dayAt(state.segments[state.segIndex], state.pos) : null;
    var seq = state.stop;
    state.realTime = ui.realtime.checked;
    buildTimeline();
    state.segIndex = -1;
    it.clearTrail();
    if (seq) jumpToVisible(state.visibleSet[seq.seq] - 1);
    if (day !== null) seek(isoOf(day));
  });
  ui.slider.addEventListener('input', function () {
    var v = Number(ui.slider.value);
    apply(v >= Number(ui.slider.max) ? state.total : v * 100, 'slider');
  });
  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target, tag = t && t.tagName;
    var field = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || (t && t.isContentEditable);
    var inMap = t && t.closest && t.closest('#map');
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (field || tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return;
      e.preventDefault();
      toggle();
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      if (field || inMap) return; // sliders and the focused map keep their own arrow keys
      e.preventDefault();
      if (e.key === 'ArrowRight') next(); else prev();
    }
  });
}());
