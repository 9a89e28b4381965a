/* itinerary: the animated map of a life. Vanilla JS over Leaflet (global L), no build step.
 *
 * Data arrives as JSON in <script type="application/json" id="itinerary-data"> (and the land
 * outline in #itinerary-land). Every piece of user text is inserted with textContent or DOM
 * nodes, never as HTML.
 *
 * Time model: the show runs on a "timeline" of segments (a stay at a stop, or a move between
 * two stops), each with a duration in milliseconds of show time and a range of day numbers
 * (proleptic Gregorian ordinals, 0001-01-01 = 1, computed by the page builder). In story time
 * each segment gets a visible share (a long stay is a little longer, not years longer); in real
 * time durations are proportional to days. The playhead `pos` is a position on that timeline.
 *
 * Performance: layers are created once (places) or lazily (move lines) and only what changed
 * is touched per frame: the travelling marker, the date text, the slider and, when the segment
 * changes, the trail (moves are appended or removed at its end, never redrawn all at once).
 */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('itinerary-data').textContent);
  var LAND = JSON.parse(document.getElementById('itinerary-land').textContent);
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  var MOVE_STYLES = {
    forced: { color: '#8b0000', dashArray: '7 5' },
    escape: { color: '#e07000' },
    travel: { color: '#1f5fbf' },
    'return': { color: '#2e7d32' }
  };
  var MS_PER_DAY_REAL = 3000 / 365.25; // real time: one year takes three seconds at 1x
  var builtForEmbed = document.documentElement.classList.contains('embed');
  var reducedMotion = window.matchMedia &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches;

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
  function longDate(n) { var c = civil(n); return c[2] + ' ' + MONTHS[c[1] - 1] + ' ' + c[0]; }

  // ---- small DOM helpers (text only) ---------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function $(id) { return document.getElementById(id); }

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
  var stops = rowsOf(DATA.stops);
  var places = DATA.places;
  var moves = rowsOf(DATA.moves);
  var periods = DATA.periods;
  // Maps keyed by user data have no prototype: an id like "constructor" is just an id.
  var stopBySeq = Object.create(null);
  var stopById = Object.create(null);
  var periodById = Object.create(null);
  var lastDay = null;
  stops.forEach(function (s, i) {
    s.index = i;
    if (s.d0 === null) { s.d0 = lastDay === null ? 1 : lastDay; s.d1 = s.d0; }
    lastDay = s.d1;
    stopBySeq[s.seq] = s;
    if (s.id && !(s.id in stopById)) stopById[s.id] = s;
  });
  periods.forEach(function (p) { periodById[p.id] = p; });
  var movesInto = Object.create(null);
  moves.forEach(function (mv, i) {
    mv.index = i;
    (movesInto[mv.to_seq] = movesInto[mv.to_seq] || []).push(mv);
  });

  function displayName(s) {
    if (s.today && s.today.toLowerCase() !== s.name.toLowerCase()) return s.name + ', now ' + s.today;
    return s.name || s.today || '(unnamed place)';
  }
  function inPeriod(s, pid) {
    if (!pid) return true;
    if (s.period) return s.period === pid;
    var p = periodById[pid];
    return !!p && p.d0 !== null && p.d1 !== null && s.d0 >= p.d0 && s.d0 <= p.d1;
  }
  function colorOf(s) {
    var p = periodById[s.period];
    return p ? p.color : '#555555';
  }

  // ---- great-circle arcs ---------------------------------------------------------------------
  /* The page gets only each move's two ends; its line is the great-circle arc between them,
     built here when it is first drawn (the same construction as moves.great_circle in Python:
     vertices at most 50 km apart, cut where the arc meets the antimeridian or crosses a pole).
     Sending the arcs themselves made 90 % of the page's bytes at 100,000 stops. */
  var EARTH_RADIUS_KM = 6371.0088, MAX_SEGMENT_KM = 50, POLAR = 90 - 1e-9;
  var RAD = Math.PI / 180, DEG = 180 / Math.PI;
  function unitOf(lat, lon) {
    var a = lat * RAD, b = lon * RAD;
    return [Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)];
  }
  function cross(u, v) {
    return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  }
  function pyMod(a, n) { return ((a % n) + n) % n; } // Python's %: the sign of the divisor
  function roundEven(v) { // numpy's round: halves to even
    var r = Math.round(v);
    return (Math.abs(v % 1) === 0.5 && r % 2 !== 0) ? r - 1 : r;
  }
  function slerp(a, b, maxKm) {
    var u = unitOf(a[0], a[1]), v = unitOf(b[0], b[1]);
    var c = cross(u, v);
    var omega = Math.atan2(Math.hypot(c[0], c[1], c[2]), u[0] * v[0] + u[1] * v[1] + u[2] * v[2]);
    if (Math.PI - omega < 1e-9) { // antipodes: any great circle joins them; go via the east
      var m = Math.abs(u[2]) < 1 - 1e-9 ? [-u[1], u[0], 0] : [1, 0, 0];
      var mid = [Math.atan2(m[2], Math.hypot(m[0], m[1])) * DEG, Math.atan2(m[1], m[0]) * DEG];
      var p = slerp(a, mid, maxKm), q = slerp(mid, b, maxKm);
      return { lat: p.lat.concat(q.lat.slice(1)), lon: p.lon.concat(q.lon.slice(1)) };
    }
    var steps = Math.max(1, Math.ceil(EARTH_RADIUS_KM * omega / maxKm));
    var s = Math.sin(omega), lat = [], lon = [];
    for (var k = 0; k <= steps; k++) {
      var t = k / steps;
      var wa = s < 1e-12 ? 1 - t : Math.sin((1 - t) * omega) / s;
      var wb = s < 1e-12 ? t : Math.sin(t * omega) / s;
      var x = wa * u[0] + wb * v[0], y = wa * u[1] + wb * v[1], z = wa * u[2] + wb * v[2];
      lat.push(Math.atan2(z, Math.hypot(x, y)) * DEG);
      lon.push(Math.atan2(y, x) * DEG);
    }
    lat[0] = a[0]; lon[0] = a[1]; lat[steps] = b[0]; lon[steps] = b[1];
    return { lat: lat, lon: lon };
  }
  function filled(n, value) {
    var out = new Array(n);
    for (var i = 0; i < n; i++) out[i] = value;
    return out;
  }
  function splitAtPole(lat, lon) { // a meridian circle: up one meridian, down the opposite one
    var n = lat.length, last = lon[n - 1], i = -1;
    for (var k = 0; k < n && i < 0; k++) {
      if (Math.abs(pyMod(lon[k] - lon[0] + 180, 360) - 180) > 90 && Math.abs(lat[k]) < POLAR) i = k;
    }
    if (i < 0 || Math.abs(lat[0]) >= POLAR) {
      return [{ y: lat, x: filled(n, Math.abs(lat[0]) >= POLAR ? last : lon[0]) }];
    }
    var sum = lat[i - 1] + lat[i];
    var pole = (sum < 0 || Object.is(sum, -0)) ? -90 : 90;
    var up = lat.slice(0, i).concat([pole]), down = [pole].concat(lat.slice(i));
    return [{ y: up, x: filled(up.length, lon[0]) }, { y: down, x: filled(down.length, last) }];
  }
  function unwrap(lon, lat) { // continuous longitudes (they may leave [-180, 180])
    var n = lon.length, x = lon.slice();
    if (!(x[0] >= -180 && x[0] <= 180)) x[0] = pyMod(x[0] + 180, 360) - 180;
    if (n > 1 && Math.abs(lat[n - 1]) >= POLAR) x[n - 1] = x[n - 2];
    var turns = 0, out = [x[0]];
    for (var i = 1; i < n; i++) {
      turns += roundEven(-(x[i] - x[i - 1]) / 360);
      out.push(x[i] + 360 * turns);
    }
    return out.map(function (v) {
      var seam = 360 * roundEven((v - 180) / 360) + 180;
      return Math.abs(v - seam) < 1e-7 ? seam : v; // float noise must not cross a seam
    });
  }
  function withSeamVertices(x, y, normal) { // the exact point where the arc meets 180 degrees
    var world = x.map(function (v) { return Math.floor((v + 180) / 360); });
    x = x.slice(); y = y.slice();
    for (var i = world.length - 2; i >= 0; i--) {
      if (world[i + 1] === world[i]) continue;
      var seam = 360 * Math.max(world[i], world[i + 1]) - 180;
      if (Math.min(x[i], x[i + 1]) < seam && seam < Math.max(x[i], x[i + 1])) {
        var lat = normal[2] ? Math.atan(normal[0] / normal[2]) * DEG
          : y[i] + (y[i + 1] - y[i]) * (seam - x[i]) / (x[i + 1] - x[i]);
        x.splice(i + 1, 0, seam);
        y.splice(i + 1, 0, lat);
      }
    }
    return { x: x, y: y };
  }
  function cutAtAntimeridian(x, y) { // pieces shifted back into [-180, 180]
    if (x.length < 2) return [{ y: y, x: x }];
    var world = [];
    for (var j = 0; j + 1 < x.length; j++) world.push(Math.floor(((x[j] + x[j + 1]) / 2 + 180) / 360));
    var pieces = [], first = 0;
    for (var k = 1; k <= world.length; k++) {
      if (k < world.length && world[k] === world[k - 1]) continue;
      var shift = 360 * world[first];
      pieces.push({ y: y.slice(first, k + 1),
        x: x.slice(first, k + 1).map(function (v) { return v - shift; }) });
      first = k;
    }
    return pieces;
  }
  function roundedPart(piece) { // [lat, lon] pairs at 5 decimals, no repeated vertex
    var out = [];
    for (var i = 0; i < piece.y.length; i++) {
      var p = [Math.round(piece.y[i] * 1e5) / 1e5 + 0, Math.round(piece.x[i] * 1e5) / 1e5 + 0];
      var q = out[out.length - 1];
      if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
    }
    return out;
  }
  function greatCircle(a, b) {
    var arc = slerp(a, b, MAX_SEGMENT_KM), lat = arc.lat, lon = arc.lon;
    var h = Math.floor(lat.length / 2);
    var normal = cross(unitOf(lat[0], lon[0]), unitOf(lat[h], lon[h]));
    var size = Math.hypot(normal[0], normal[1], normal[2]), runs;
    if (size > 0 && Math.abs(normal[2]) / size < 1e-9) {
      runs = splitAtPole(lat, lon);
    } else {
      var seamed = withSeamVertices(unwrap(lon, lat), lat, normal);
      runs = cutAtAntimeridian(seamed.x, seamed.y);
    }
    var parts = runs.map(roundedPart).filter(function (p) { return p.length >= 2; });
    if (!parts.length) { // the ends coincide at 5 decimals: a valid, invisible line
      var start = roundedPart({ y: [a[0]], x: [a[1]] });
      parts = [start.concat(start)];
    }
    return parts;
  }
  function pathOf(mv) { // built once, when the move is first drawn
    if (!mv.path) {
      var from = stopBySeq[mv.from_seq], to = stopBySeq[mv.to_seq];
      mv.path = greatCircle([from.lat, from.lon], [to.lat, to.lon]);
    }
    return mv.path;
  }

  // ---- state -----------------------------------------------------------------------------------
  var state = {
    period: null, realTime: false, speed: 1, playing: false, pos: 0,
    segments: [], total: 0, visible: [], visibleSet: {},
    segIndex: -1, stop: null, trail: [], moveSegs: [], lastFrame: null
  };

  function stopDuration(days) {
    if (state.realTime) return Math.max(150, days * MS_PER_DAY_REAL);
    return (reducedMotion ? 2500 : 1500) + 600 * Math.log(1 + days / 30);
  }
  function moveDuration(mv, days) {
    if (reducedMotion) return 0;
    if (state.realTime) return Math.max(300, days * MS_PER_DAY_REAL);
    return 1000 + 250 * Math.log(1 + (mv.km || 0) / 500);
  }

  /* The segments of the current period: stays, and the moves between visible stops. */
  function buildTimeline() {
    var segs = [];
    var t = 0;
    state.visible = stops.filter(function (s) { return inPeriod(s, state.period); });
    state.visibleSet = Object.create(null); // seq -> position in state.visible
    state.visible.forEach(function (s, k) { state.visibleSet[s.seq] = k + 1; });
    state.visible.forEach(function (s, k) {
      (movesInto[s.seq] || []).forEach(function (mv) {
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
    state.segments = segs;
    state.total = t;
    state.moveSegs = [];
    segs.forEach(function (g, i) { if (g.type === 'move') state.moveSegs.push(i); });
    state.stopSegs = [];
    segs.forEach(function (g, i) { if (g.type === 'stop') state.stopSegs.push(i); });
    ui.slider.max = String(Math.max(1, Math.round(t / 100)));
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
    return Math.floor(seg.d0 + fraction(seg, pos) * (seg.d1 - seg.d0) + 1e-9);
  }

  // ---- the teacher's summary ---------------------------------------------------------------
  (function showFacts(facts, box) {
    if (!facts || !box) return;
    var fmt = function (n) { // 12,345 (toLocaleString costs ~50 ms the first time)
      return String(Math.round(Number(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    };
    var rows = [
      ['Stops', fmt(facts.stops)], ['Places', fmt(facts.places)],
      ['Countries (today)', fmt(facts.countries)], ['Distance travelled', fmt(facts.km) + ' km']
    ];
    if (facts.longest) {
      rows.push(['Longest journey', facts.longest.from + ' \u2192 ' + facts.longest.to + ', ' +
        fmt(facts.longest.km) + ' km']);
    }
    rows.forEach(function (row) {
      box.appendChild(el('dt', null, row[0]));
      box.appendChild(el('dd', null, row[1]));
    });
  })(DATA.facts, document.getElementById('facts'));

  // ---- the map ---------------------------------------------------------------------------------
  var ui = {
    slider: $('slider'), date: $('date'), play: $('play'), prev: $('prev'), next: $('next'),
    speed: $('speed'), realtime: $('realtime'), live: $('live'), list: $('stops'),
    card: $('card'), cardTitle: $('card-title'), cardBody: $('card-body'), periods: $('periods')
  };
  var map = L.map('map', { zoomSnap: 0.25, minZoom: 1, worldCopyJump: false, zoomControl: true });
  [['land', 150], ['areas', 390], ['places', 420], ['current', 430],
    ['traveller', 640]].forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
  var renderers = {};
  /* Each canvas covers the whole map, and only the topmost receives the mouse. So everything a
     reader can hover or click (places and trail lines) shares one canvas, with lines sent to the
     back; the other canvases are drawing only and let the mouse through (pointer-events: none in
     itinerary.css). */
  ['land', 'areas', 'places', 'current', 'traveller'].forEach(function (name) {
    renderers[name] = L.canvas({ pane: name, padding: 0.2 });
  });
  renderers.trail = renderers.places;
  L.geoJSON(LAND, {
    renderer: renderers.land, interactive: false,
    style: { stroke: true, color: '#c2b79c', weight: 0.6, fillColor: '#f1ecdd', fillOpacity: 1 }
  }).addTo(map);
  map.getPane('land').classList.add('land-pane');
  map.attributionControl.addAttribution('Land: Natural Earth');
  if (DATA.tiles) {
    L.tileLayer(DATA.tiles.url, {
      attribution: DATA.tiles.attribution, maxZoom: DATA.tiles.max_zoom, crossOrigin: false
    }).addTo(map);
  }
  var areaLayer = L.layerGroup().addTo(map);
  /* One click handler and one hover handler for all places, on their group, instead of a
     click handler and a tooltip bound to each of thousands of markers up front: a place's
     tooltip is made when the mouse first reaches it. */
  var placeLayer = L.featureGroup().addTo(map);
  placeLayer.on('click', function (e) { if (e.layer.placeIndex !== undefined) goToPlace(e.layer.placeIndex); });
  placeLayer.on('mouseover', function (e) {
    var marker = e.layer;
    if (marker.placeIndex === undefined || marker.getTooltip()) return;
    var place = places[marker.placeIndex], first = stopBySeq[place.visits[0]];
    marker.bindTooltip(function () {
      var n = place.visits.length;
      return tooltipNode([displayName(first), n > 1 ? n + ' visits' : first.label]);
    }, { direction: 'top', offset: [0, -4] });
    marker.openTooltip(e.latlng);
  });
  var trailLayer = L.layerGroup().addTo(map);

  function tooltipNode(lines) {
    var box = el('div', 'tip');
    lines.forEach(function (line, i) { box.appendChild(el(i ? 'div' : 'strong', null, line)); });
    return box;
  }

  var placeMarkers = places.map(function (place, pi) {
    var first = stopBySeq[place.visits[0]];
    var marker = L.circleMarker([place.lat, place.lon], {
      renderer: renderers.places, radius: 5, weight: 1.5, color: '#ffffff',
      fillColor: colorOf(first), fillOpacity: 0.95
    });
    marker.placeIndex = pi;
    marker.place = place;
    if (place.area) {
      marker.area = L.geoJSON(place.area, {
        renderer: renderers.areas, interactive: false,
        // a faint fill and a dashed edge: an area, not a sea (a blue Siberia read as water)
        style: { color: colorOf(first), weight: 1.2, dashArray: '5 4', fillColor: colorOf(first),
          fillOpacity: 0.07 }
      });
    }
    return marker;
  });

  /* Big itineraries draw thousands of trail lines: Leaflet makes an object per vertex, so each
     part keeps at most TRAIL_POINTS vertices (great-circle arcs are smooth; ends are kept). */
  var TRAIL_POINTS = moves.length > 2000 ? 16 : Infinity;
  function thinned(path) {
    return path.map(function (part) {
      if (part.length <= TRAIL_POINTS) return part;
      var out = [], step = (part.length - 1) / (TRAIL_POINTS - 1);
      for (var i = 0; i < TRAIL_POINTS; i++) out.push(part[Math.round(i * step)]);
      return out;
    });
  }
  var moveLines = {};
  function moveStyle(mv, current) {
    var base = MOVE_STYLES[mv.kind] || MOVE_STYLES.travel;
    return {
      color: base.color, dashArray: base.dashArray || null,
      weight: current ? 5 : 2.5, opacity: current ? 1 : 0.75
    };
  }
  function moveLine(mv) {
    if (!moveLines[mv.index]) {
      var options = moveStyle(mv, false);
      options.renderer = renderers.trail;
      var line = L.polyline(thinned(pathOf(mv)), options);
      line.bindTooltip(function () {
        var from = stopBySeq[mv.from_seq], to = stopBySeq[mv.to_seq];
        return tooltipNode([mv.kind + ': ' + from.name + ' → ' + to.name,
          (mv.km === null ? '?' : Math.round(mv.km).toLocaleString('en')) + ' km']);
      }, { sticky: true });
      moveLines[mv.index] = line;
    }
    return moveLines[mv.index];
  }
  var currentLine = L.polyline([], { renderer: renderers.current, interactive: false });
  var traveller = L.circleMarker([0, 0], {
    renderer: renderers.traveller, radius: 8, weight: 3, color: '#1b1b1b',
    fillColor: '#ffd54a', fillOpacity: 1, interactive: false
  });
  var travellerAt = null;

  /* The travelling marker's position along a move's path (parts split at the antimeridian). */
  function pointAlong(mv, f) {
    if (!mv.cum) {
      var pts = [], cum = [0], total = 0;
      pathOf(mv).forEach(function (part) {
        part.forEach(function (p, i) {
          if (pts.length && i > 0) {
            var a = pts[pts.length - 1];
            total += Math.sqrt(Math.pow(p[0] - a[0], 2) + Math.pow(p[1] - a[1], 2));
          }
          if (pts.length) cum.push(total);
          pts.push(p);
        });
      });
      mv.pts = pts; mv.cum = cum; mv.len = total;
    }
    var pts2 = mv.pts;
    if (!pts2.length) return null;
    if (pts2.length === 1 || mv.len === 0) return f < 0.5 ? pts2[0] : pts2[pts2.length - 1];
    var target = f * mv.len, lo = 0, hi = pts2.length - 1;
    while (lo < hi - 1) { var mid = (lo + hi) >> 1; if (mv.cum[mid] <= target) lo = mid; else hi = mid; }
    var span = mv.cum[hi] - mv.cum[lo];
    var g = span > 0 ? (target - mv.cum[lo]) / span : 0;
    return [pts2[lo][0] + g * (pts2[hi][0] - pts2[lo][0]), pts2[lo][1] + g * (pts2[hi][1] - pts2[lo][1])];
  }

  // ---- page furniture: period buttons, list, card --------------------------------------------
  var periodButtons = [];
  function addPeriodButton(id, title, color) {
    var b = el('button', 'period');
    b.type = 'button';
    var sw = el('span', 'swatch');
    sw.setAttribute('aria-hidden', 'true');
    if (color) sw.style.backgroundColor = color; else sw.classList.add('all');
    b.appendChild(sw);
    b.appendChild(el('span', null, title));
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', function () { setPeriod(id); writeHash(); });
    b.periodId = id;
    ui.periods.appendChild(b);
    periodButtons.push(b);
  }
  addPeriodButton(null, 'Whole life', null);
  periods.forEach(function (p) { addPeriodButton(p.id, p.title, p.color); });

  /* Long lists (a regiment, a congress) are split into chunks of CHUNK items, each skipped by
     layout and paint while off-screen (content-visibility): 100,000 items would otherwise take
     ~20 s to lay out. Chunk wrappers are role="none", so the list still reads as one list.
     A chunk's items are made when it comes near the screen, when one of its stops is shown,
     or in idle time after the map is up, so a 10,000-stop page is usable before its list is
     complete (building 60,000 DOM nodes up front took most of a second). */
  var CHUNK = 100;
  var chunks = [];
  var listItems = new Array(stops.length);
  var chunked = stops.length > 10 * CHUNK;
  function makeItem(s) {
    var li = el('li', 'item');
    var b = el('button', 'stop');
    b.type = 'button';
    b.appendChild(el('span', 'when', s.label + (s.uncertain ? ' (uncertain)' : '')));
    b.appendChild(el('span', 'where', displayName(s)));
    if (!s.placed) b.appendChild(el('span', 'unplaced', 'not on the map'));
    var sw = el('span', 'swatch');
    sw.setAttribute('aria-hidden', 'true');
    sw.style.backgroundColor = colorOf(s);
    b.insertBefore(sw, b.firstChild);
    b.addEventListener('click', function () { goToStop(s.id || s.seq, true); });
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
  function fillInIdleTime() { // the rest of the list, a chunk at a time, between frames
    var next = 0;
    var idle = window.requestIdleCallback || function (f) {
      return setTimeout(function () { f({ timeRemaining: function () { return 8; } }); }, 50);
    };
    idle(function step(deadline) {
      while (next < chunks.length && deadline.timeRemaining() > 6) fillChunk(next++);
      while (next < chunks.length && chunks[next].filled) next++;
      if (next < chunks.length) idle(step);
    });
  }

  function showCard(s) {
    ui.card.hidden = false;
    ui.cardTitle.textContent = displayName(s);
    var body = ui.cardBody;
    while (body.firstChild) body.removeChild(body.firstChild);
    var when = el('p', 'when', s.label);
    if (s.uncertain) when.appendChild(el('span', 'badge', 'uncertain'));
    body.appendChild(when);
    if (s.calendar === 'julian') {
      body.appendChild(el('p', 'hint', 'Dates in the Julian calendar: Old Style, with New Style (Gregorian) in brackets.'));
    }
    var facts = [];
    if (s.kind) facts.push(s.kind);
    if (s.country) facts.push(s.country);
    if (facts.length) body.appendChild(el('p', 'kind', facts.join(' · ')));
    if (s.note) body.appendChild(el('p', 'note', s.note));
    if (!s.placed) body.appendChild(el('p', 'hint', 'This place could not be found, so it is not on the map.'));
    if (s.evidence || s.source) {
      var fig = el('figure', 'evidence');
      if (s.evidence) {
        var quote = el('blockquote');
        quote.appendChild(el('p', null, '“' + s.evidence + '”'));
        fig.appendChild(quote);
      }
      if (s.source) fig.appendChild(el('figcaption', null, 'Source: ' + s.source));
      body.appendChild(fig);
    }
    var place = s.place_index === null ? null : places[s.place_index];
    if (place && place.visits.length > 1) {
      body.appendChild(el('h3', null, 'All ' + place.visits.length + ' visits to this place'));
      var ol = el('ol', 'visits');
      place.visits.forEach(function (seq) {
        var v = stopBySeq[seq];
        var li = el('li');
        var b = el('button', 'visit', v.label);
        b.type = 'button';
        if (seq === s.seq) b.setAttribute('aria-current', 'true');
        b.addEventListener('click', function () { goToStop(v.id || v.seq, true); });
        li.appendChild(b);
        ol.appendChild(li);
      });
      body.appendChild(ol);
    }
  }

  // ---- applying the playhead -------------------------------------------------------------------
  function syncTrail(segIndex) {
    var wanted = 0; // move segments fully behind the playhead
    while (wanted < state.moveSegs.length && state.moveSegs[wanted] < segIndex) wanted++;
    while (state.trail.length < wanted) {
      var line = moveLine(state.segments[state.moveSegs[state.trail.length]].move);
      trailLayer.addLayer(line);
      line.bringToBack(); // below every place marker on the shared canvas
      state.trail.push(line);
    }
    while (state.trail.length > wanted) trailLayer.removeLayer(state.trail.pop());
  }

  function setTraveller(latlng) {
    if (!latlng) return;
    if (!travellerAt) traveller.addTo(map);
    if (!travellerAt || travellerAt[0] !== latlng[0] || travellerAt[1] !== latlng[1]) {
      traveller.setLatLng(latlng);
      travellerAt = [latlng[0], latlng[1]];
    }
  }

  function lastPlacedUpTo(k) {
    for (var i = k; i >= 0; i--) if (state.visible[i].placed) return state.visible[i];
    return null;
  }

  function setCurrentStop(s, announce) {
    if (state.stop === s) return;
    if (state.stop) itemOf(state.stop.index).button.removeAttribute('aria-current');
    state.stop = s;
    if (!s) return;
    tellParentStop(s); // parent page protocol (below)
    var item = itemOf(s.index);
    item.button.setAttribute('aria-current', 'step');
    scrollListTo(item.li);
    showCard(s);
    if (announce) ui.live.textContent = displayName(s) + ' — ' + s.label;
  }

  function scrollListTo(li) {
    var box = ui.list;
    if (box.scrollHeight <= box.clientHeight + 1) return; // not a scroll box (narrow layout)
    var top = li.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top + li.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  function follow(latlng) {
    if (!latlng) return;
    var view = map.getBounds().pad(-0.08);
    if (!view.contains(latlng)) map.panInside(latlng, { padding: [60, 60], animate: !reducedMotion });
  }

  var lastShownDay = null;
  var lastSlider = null;
  function apply(pos, why) {
    state.pos = Math.max(0, Math.min(state.total, pos));
    var i = segmentAt(state.pos);
    if (i < 0) { ui.date.textContent = 'No stops'; return; }
    var seg = state.segments[i];
    var changed = i !== state.segIndex;
    if (changed) {
      state.segIndex = i;
      syncTrail(i);
      if (seg.type === 'move') {
        currentLine.setLatLngs(pathOf(seg.move));
        currentLine.setStyle(moveStyle(seg.move, true));
        if (!map.hasLayer(currentLine)) currentLine.addTo(map);
        setCurrentStop(seg.from, why !== 'init');
        if (state.playing) follow(seg.move.pts ? seg.move.pts[seg.move.pts.length - 1] : [seg.to.lat, seg.to.lon]);
      } else {
        if (map.hasLayer(currentLine)) map.removeLayer(currentLine);
        setCurrentStop(seg.stop, why !== 'init');
        if (state.playing && seg.stop.placed) follow([seg.stop.lat, seg.stop.lon]);
      }
    }
    if (seg.type === 'move') {
      setTraveller(pointAlong(seg.move, fraction(seg, state.pos)) || [seg.to.lat, seg.to.lon]);
    } else {
      var at = lastPlacedUpTo(seg.k);
      if (at) setTraveller([at.lat, at.lon]);
    }
    var day = dayAt(seg, state.pos);
    if (day !== lastShownDay || changed) {
      lastShownDay = day;
      ui.date.textContent = longDate(day);
      ui.slider.setAttribute('aria-valuetext', longDate(day) + ', ' + displayName(state.stop));
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
    ui.play.setAttribute('aria-label', 'Pause');
    ui.play.title = 'Pause (space)';
    if (state.stop) ui.live.textContent = displayName(state.stop) + ' — ' + state.stop.label;
    window.requestAnimationFrame(frame);
  }
  function pause() {
    state.playing = false;
    ui.play.classList.remove('playing');
    ui.play.setAttribute('aria-label', 'Play');
    ui.play.title = 'Play (space)';
  }
  function toggle() { if (state.playing) pause(); else play(); }

  function currentStopPosition() {
    // Index in state.visible of the stop now shown (the origin while a move is under way).
    return state.stop && state.visibleSet[state.stop.seq] ? state.visibleSet[state.stop.seq] - 1 : 0;
  }
  function jumpToVisible(k) {
    if (k < 0 || k >= state.visible.length) return;
    var seg = state.segments[state.stopSegs[k]];
    apply(seg.t0, 'seek');
    var s = seg.stop;
    if (s.placed) follow([s.lat, s.lon]);
  }
  function next() { jumpToVisible(currentStopPosition() + 1); }
  function prev() { jumpToVisible(currentStopPosition() - 1); }

  function findStop(id) {
    if (id in stopById) return stopById[id];
    var n = Number(id);
    return Number.isInteger(n) && n in stopBySeq ? stopBySeq[n] : null;
  }
  function goToStop(id, fromUser) {
    var s = findStop(id);
    if (!s) return false;
    if (!state.visibleSet[s.seq]) setPeriod(null);
    jumpToVisible(state.visibleSet[s.seq] - 1);
    if (fromUser && s.placed && map.getZoom() < 4) map.setView([s.lat, s.lon], 4, { animate: false });
    return true;
  }
  function goToPlace(pi) {
    // A click on a place shows its next visit after the current date (else its first).
    var today = state.stop ? state.stop.d0 : -Infinity;
    var visits = places[pi].visits.map(function (q) { return stopBySeq[q]; })
      .filter(function (v) { return state.visibleSet[v.seq]; });
    if (!visits.length) return;
    var pick = visits.filter(function (v) { return v.d0 > today || v === state.stop; })[0] || visits[0];
    if (pick === state.stop && visits.length > 1) pick = visits[(visits.indexOf(pick) + 1) % visits.length];
    goToStop(pick.id || pick.seq);
  }

  function seek(iso) {
    var day = parseIso(iso);
    if (day === null) return false;
    var segs = state.segments, pos = null;
    for (var i = 0; i < segs.length && pos === null; i++) {
      var g = segs[i];
      if (g.d0 <= day && day <= g.d1 && g.t1 > g.t0) {
        pos = g.t0 + (g.d1 > g.d0 ? (day - g.d0) / (g.d1 - g.d0) : 0) * (g.t1 - g.t0);
      }
    }
    for (var j = 0; j < segs.length && pos === null; j++) if (segs[j].d0 >= day) pos = segs[j].t0;
    apply(pos === null ? state.total : pos, 'seek');
    return true;
  }

  // ---- periods ---------------------------------------------------------------------------------
  function fitVisible() {
    var pts = state.visible.filter(function (s) { return s.placed; })
      .map(function (s) { return [s.lat, s.lon]; });
    if (!pts.length) { map.setView([30, 20], 2, { animate: false }); return; }
    var b = L.latLngBounds(pts);
    if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), 5, { animate: false });
    else map.fitBounds(b, { paddingTopLeft: [40, 30], paddingBottomRight: [40, 45], maxZoom: 5, animate: false });
  }
  function scrollChipIntoView(b) {
    var row = ui.periods; // a sideways-scrolling row on narrow screens
    if (row.scrollWidth <= row.clientWidth + 1) return;
    var left = b.offsetLeft - row.offsetLeft;
    if (left < row.scrollLeft || left + b.offsetWidth > row.scrollLeft + row.clientWidth) {
      row.scrollLeft = Math.max(0, left - 16);
    }
  }
  function setPeriod(id) {
    if (id && !(id in periodById)) id = null;
    id = id || null;
    var wasPlaying = state.playing;
    pause();
    state.period = id;
    buildTimeline();
    var firstVisit = {}; // place index -> its first visible stop (one pass: O(n) for 100k stops)
    state.visible.forEach(function (s) {
      if (s.place_index !== null && !(s.place_index in firstVisit)) firstVisit[s.place_index] = s;
    });
    placeMarkers.forEach(function (m, pi) {
      var first = firstVisit[pi];
      var on = !!first;
      if (on) m.setStyle({ fillColor: colorOf(first) });
      if (on !== placeLayer.hasLayer(m)) {
        if (on) placeLayer.addLayer(m); else placeLayer.removeLayer(m);
        if (m.area) { if (on) areaLayer.addLayer(m.area); else areaLayer.removeLayer(m.area); }
      }
    });
    var shownInChunk = chunks.map(function () { return 0; });
    stops.forEach(function (s, i) {
      var on = !!state.visibleSet[s.seq];
      if (listItems[i]) listItems[i].li.hidden = !on;
      if (on && chunked) shownInChunk[Math.floor(i / CHUNK)]++;
    });
    chunks.forEach(function (c, k) { c.li.hidden = !shownInChunk[k]; });
    periodButtons.forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.periodId === id));
      if (b.periodId === id) scrollChipIntoView(b);
    });
    while (state.trail.length) trailLayer.removeLayer(state.trail.pop());
    state.segIndex = -1;
    if (state.stop) itemOf(state.stop.index).button.removeAttribute('aria-current');
    state.stop = null;
    fitVisible();
    apply(0, 'init');
    var p = periodById[id];
    ui.live.textContent = p ? 'Period: ' + p.title : 'Whole life';
    if (wasPlaying) play();
  }

  // ---- URL hash: #period=ID, #stop=ID, #embed ---------------------------------------------------
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    document.documentElement.classList.toggle('embed', params.has('embed') || builtForEmbed);
    map.invalidateSize({ animate: false });
    var period = params.get('period');
    if (period !== null && (period || null) !== state.period) setPeriod(period);
    var stop = params.get('stop');
    if (stop) goToStop(stop);
  }
  function writeHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    params.delete('stop');
    if (state.period) params.set('period', state.period); else params.delete('period');
    var text = params.toString().replace(/embed=(&|$)/, 'embed$1');
    try { history.replaceState(null, '', text ? '#' + text : location.pathname + location.search); } catch (e) { /* sandboxed iframe */ }
  }

  // ---- wiring ----------------------------------------------------------------------------------
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
    while (state.trail.length) trailLayer.removeLayer(state.trail.pop());
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
  window.addEventListener('hashchange', readHash);

  setPeriod(null);
  readHash();

  window.itineraryMap = {
    map: map,
    play: play,
    pause: pause,
    next: next,
    prev: prev,
    seek: seek,
    goToStop: function (id) { return goToStop(id, false); },
    greatCircle: greatCircle, // [lat, lon], [lat, lon] -> the parts of the arc drawn
    setPeriod: function (id) { setPeriod(id); writeHash(); },
    state: function () {
      var seg = state.segments[state.segIndex];
      return {
        date: seg ? isoOf(dayAt(seg, state.pos)) : null,
        stopId: state.stop ? (state.stop.id || String(state.stop.seq)) : null,
        period: state.period,
        playing: state.playing,
        realTime: state.realTime,
        position: state.pos,
        duration: state.total,
        moving: !!seg && seg.type === 'move',
        marker: travellerAt ? [travellerAt[0], travellerAt[1]] : null,
        trail: state.trail.length,
        visibleStopIds: state.visible.map(function (s) { return s.id || String(s.seq); })
      };
    }
  };

  if (chunked) fillInIdleTime();

  // ---- parent page protocol ------------------------------------------------------------------
  /* A lesson page that frames this map may drive it with window.postMessage, and hears back
     which stop is shown. Commands are inert (play, pause, seek, go to a stop, choose a period:
     nothing a reader could not do with the controls), so any parent may send them; messages
     from anyone but the parent window, or when the page is not framed, are ignored. Replies go
     to target origin "*" because a file:// parent has an opaque origin that cannot be named;
     they carry only the stop shown, which is in the page anyway. An optional hash parameter
     #parent-origin=https://school.example narrows both directions to that origin.
     Every message is validated strictly; anything else is dropped silently (console.debug). */
  var MAX_ID = 200;
  var framed = window.parent !== window;
  var parentOrigin = new URLSearchParams(location.hash.replace(/^#/, '')).get('parent-origin');
  var protocolReady = false;
  var lastToldStop = null;

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
    var c = civil(ordinal(y, mo, d));
    return c[0] === y && c[1] === mo && c[2] === d;
  }
  function isStopId(v) { return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID && !!findStop(v); }
  function isPeriodId(v) {
    return v === null || (typeof v === 'string' && v.length <= MAX_ID &&
      Object.prototype.hasOwnProperty.call(periodById, v));
  }
  var api = window.itineraryMap;
  var COMMANDS = { // type -> [field checks (exactly these fields), action]
    'itinerary:play': [{}, function () { api.play(); }],
    'itinerary:pause': [{}, function () { api.pause(); }],
    'itinerary:seek': [{ date: isDate }, function (m) { api.seek(m.date); }],
    'itinerary:goToStop': [{ stop: isStopId }, function (m) { api.goToStop(m.stop); }],
    'itinerary:setPeriod': [{ period: isPeriodId }, function (m) { api.setPeriod(m.period); }]
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
  function tellParent(message) {
    if (!framed) return;
    try { window.parent.postMessage(message, parentOrigin || '*'); } catch (e) { /* bad origin */ }
  }
  function tellParentStop(s) {
    if (!protocolReady || !s) return;
    var id = s.id || String(s.seq);
    if (id === lastToldStop) return;
    lastToldStop = id;
    tellParent({ type: 'itinerary:stop',
      stop: { id: id, place: s.name, start: s.start, end: s.end, label: s.label } });
  }
  if (framed) {
    window.addEventListener('message', onMessage);
    protocolReady = true;
    tellParent({ type: 'itinerary:ready', stops: stops.length,
      periods: periods.map(function (p) { return p.id; }) });
    tellParentStop(state.stop);
  }
}());
