/* labels.js: the names on the map, as real text (read by screen readers and by tests), placed so
 * that no two overlap and none covers a marker.
 *
 * A greedy placement by priority: the current stop first (always shown when it is in view, bold
 * with a halo), then the stops shown (the period or the whole life) in date order, then the far
 * ends of the moves into and out of a period, then the basemap's reference labels
 * (itineraryPage.basemap.labels, when basemap.js offers them: towns, seas, lakes, rivers,
 * regions; by rank, from their minZoom), which are quieter and never take a stop's place. Each
 * label tries a few positions around its marker (right, left, above, below; a region's name goes
 * inside its area, under its marker) and is skipped when every one overlaps a label already
 * placed or a marker.
 *
 * Cheap by design: only what is inside the view is considered, at most MAX_TRIES stop labels;
 * a label's size is measured once per text and style, on a canvas (no page layout); placement runs when the view settles
 * (moveend, zoomend, resize), when the stops shown change and when the current stop changes,
 * never per animation frame (it.labels.stats counts runs and their cost).
 */
(function () {
  'use strict';

  var it = window.itineraryPage;
  var map = it.map, state = it.state, places = it.places, stopBySeq = it.stopBySeq;
  var pane = map.getPane('labels');
  pane.classList.add('labels-pane');
  var MAX_TRIES = 300, MAX_REFERENCE_TRIES = 200, CELL = 64, GAP = 3, REFERENCE_MARGIN = 6;
  var R = (it.PLACE_RADIUS || 5) + 2;

  var sizes = Object.create(null); // "class|text" -> [width, height]
  var pool = Object.create(null); // key -> element
  var shown = Object.create(null); // key -> element, placed now
  var stats = { runs: 0, lastMs: 0, maxMs: 0, placed: 0, recent: [] };

  // ---- the occupied boxes: a grid of buckets, so each test looks at a few neighbours only ------
  function Grid() { this.cells = Object.create(null); }
  Grid.prototype.keys = function (b, f) {
    for (var x = Math.floor(b[0] / CELL); x <= Math.floor(b[2] / CELL); x++) {
      for (var y = Math.floor(b[1] / CELL); y <= Math.floor(b[3] / CELL); y++) f(x + ',' + y);
    }
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b, function (k) { (cells[k] = cells[k] || []).push(b); });
  };
  Grid.prototype.hits = function (b) {
    var cells = this.cells, hit = false;
    this.keys(b, function (k) {
      var list = cells[k];
      for (var i = 0; !hit && list && i < list.length; i++) {
        var o = list[i];
        if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) hit = true;
      }
    });
    return hit;
  };

  // ---- sizes: measured once per text and class, with a canvas (no page layout) ----------------
  /* Each class's font is read once from a probe element's computed style; a text's width is
     then the canvas's measureText (uppercase and letter spacing as the CSS has them), plus the
     padding and a pixel to spare; its height the line height. */
  var ctx = document.createElement('canvas').getContext('2d');
  var fonts = Object.create(null); // class -> {font, upper, spacing, extra, height}
  var KNOWN = ['current', 'current region', 'stop-label', 'stop-label region', 'context',
    'context region', 'reference ref-sea', 'reference ref-lake', 'reference ref-river',
    'reference ref-town', 'reference ref-region'].map(function (c) { return 'place-label ' + c; });
  /* Read the fonts of the given classes with one style computation for all of them (a probe
     per class would make the browser recompute the page's style each time). */
  function readFonts(classes) {
    var probes = classes.map(function (cls) {
      var probe = it.el('div', cls, 'x');
      probe.style.visibility = 'hidden';
      pane.appendChild(probe);
      return probe;
    });
    probes.forEach(function (probe, i) {
      var cs = getComputedStyle(probe), size = parseFloat(cs.fontSize) || 12;
      var lh = parseFloat(cs.lineHeight);
      fonts[classes[i]] = {
        font: [cs.fontStyle, cs.fontWeight, cs.fontSize, cs.fontFamily].join(' '),
        upper: cs.textTransform === 'uppercase',
        spacing: parseFloat(cs.letterSpacing) || 0,
        extra: (parseFloat(cs.paddingLeft) || 0) + (parseFloat(cs.paddingRight) || 0) + 2,
        height: Math.ceil(isNaN(lh) ? size * 1.2 : lh) + 1
      };
    });
    probes.forEach(function (probe) { pane.removeChild(probe); });
  }
  var lastFont = null;
  function fontOf(cls) {
    if (!fonts[cls]) readFonts(fonts[KNOWN[0]] ? [cls] : KNOWN.concat(KNOWN.indexOf(cls) < 0 ? [cls] : []));
    return fonts[cls];
  }
  function sizeOf(c) {
    var key = c.cls + '|' + c.text;
    if (!(key in sizes)) {
      var f = fontOf(c.cls), text = f.upper ? c.text.toUpperCase() : c.text;
      if (lastFont !== f.font) { ctx.font = f.font; lastFont = f.font; }
      sizes[key] = [Math.ceil(ctx.measureText(text).width + f.spacing * text.length + f.extra), f.height];
    }
    return sizes[key];
  }

  /* Where a label of size w x h may go around point p, in order of preference. */
  function positions(c, p, w, h) {
    var right = [p.x + R + 1, p.y - h / 2, 'right'], left = [p.x - R - 1 - w, p.y - h / 2, 'left'];
    var above = [p.x - w / 2, p.y - R - h, 'above'], below = [p.x - w / 2, p.y + R, 'below'];
    var centre = [p.x - w / 2, p.y - h / 2, 'centre'];
    if (c.region) return [below, above, right, left];
    if (c.kind === 'town') return [right, left];
    if (c.kind) return [centre]; // sea, lake, river, region of the basemap: on the point
    return [right, left, above, below];
  }

  // ---- the candidates, in priority order ---------------------------------------------------------
  function candidates(view) {
    var out = [], seen = Object.create(null);
    var current = state.stop;
    function add(s, cls, key) {
      if (!s || !s.placed || s.place_index === null || seen[s.place_index]) return;
      var place = places[s.place_index];
      if (!view.contains([place.lat, place.lon])) return;
      seen[s.place_index] = true;
      var region = !!(it.placeMarkers[s.place_index] && it.placeMarkers[s.place_index].area);
      out.push({ key: key + s.place_index, text: s.name || s.today, lat: place.lat, lon: place.lon,
        cls: 'place-label ' + cls + (region ? ' region' : ''), region: region, stop: s });
    }
    if (current && state.visibleSet[current.seq]) add(current, 'current', 'p');
    var visible = state.visible;
    for (var i = 0; i < visible.length && out.length < MAX_TRIES; i++) add(visible[i], 'stop-label', 'p');
    (it.context || []).forEach(function (c) { add(c.outside, 'context', 'c'); });
    return out;
  }
  /* A reference label in the page's language where Natural Earth has it (names.de, ...), else
     its English name; the stops' own names stay as the table writes them. */
  function nameOf(r) {
    var own = r.names && it.own(r.names, it.lang) ? r.names[it.lang] : '';
    return typeof own === 'string' && own ? own : r.name;
  }
  var refSorted = null, refSource = null;
  function references(view, zoom, taken) {
    var list = it.basemap && it.basemap.labels;
    if (!list || !list.length) return [];
    if (refSource !== list) { // sorted once per list: by rank, then as given
      refSource = list;
      refSorted = list.map(function (r, i) { return { r: r, i: i }; }).sort(function (a, b) {
        return ((+a.r.rank || 0) - (+b.r.rank || 0)) || a.i - b.i;
      });
    }
    var out = [];
    for (var i = 0; i < refSorted.length && out.length < MAX_REFERENCE_TRIES; i++) {
      var r = refSorted[i].r;
      if (typeof r.name !== 'string' || !r.name || !(zoom >= (+r.minZoom || 0))) continue;
      if (typeof r.lat !== 'number' || typeof r.lon !== 'number' || !view.contains([r.lat, r.lon])) continue;
      var text = nameOf(r);
      // a stop of that name is on the map already
      if (taken[r.name.toLowerCase()] || taken[text.toLowerCase()]) continue;
      var kind = ['sea', 'lake', 'river', 'town', 'region'].indexOf(r.kind) >= 0 ? r.kind : 'town';
      out.push({ key: 'r' + refSorted[i].i, text: text, lat: r.lat, lon: r.lon, kind: kind,
        cls: 'place-label reference ref-' + kind });
    }
    return out;
  }

  /* The map's own controls (zoom, attribution), read once per map size: reading boxes forces a
     layout, which placement otherwise never needs. */
  var controls = null, controlsFor = '';
  function controlBoxes(W, H) {
    if (controlsFor !== W + 'x' + H || !controls) {
      controlsFor = W + 'x' + H;
      var mapBox = map.getContainer().getBoundingClientRect();
      controls = [];
      Array.prototype.forEach.call(map.getContainer().querySelectorAll('.leaflet-control'), function (c) {
        var r = c.getBoundingClientRect();
        if (r.width && r.height) controls.push([r.left - mapBox.left, r.top - mapBox.top, r.right - mapBox.left, r.bottom - mapBox.top]);
      });
    }
    return controls;
  }

  // ---- placing -----------------------------------------------------------------------------------
  function place() {
    var t0 = window.performance ? performance.now() : 0;
    var size = map.getSize(), W = size.x, H = size.y; // kept right by layers.js's ResizeObserver
    var next = Object.create(null);
    if (W > 0 && H > 0 && state.segments.length) {
      var view = map.getBounds(), zoom = map.getZoom();
      var grid = new Grid();
      // markers shown inside the view, the travelling marker, and the map's own controls
      it.placeMarkers.forEach(function (m) {
        if (!m._map || !view.contains(m.getLatLng())) return;
        var p = map.latLngToContainerPoint(m.getLatLng());
        grid.add([p.x - R, p.y - R, p.x + R, p.y + R]);
      });
      (it.context || []).forEach(function (c) {
        var p = map.latLngToContainerPoint([c.outside.lat, c.outside.lon]);
        grid.add([p.x - R, p.y - R, p.x + R, p.y + R]);
      });
      var at = it.travellerAt && it.travellerAt();
      if (at) { var tp = map.latLngToContainerPoint(at); grid.add([tp.x - 11, tp.y - 11, tp.x + 11, tp.y + 11]); }
      if (it.manyLives) { // each life's marker and its name tag
        Object.keys(it.travellers).forEach(function (pid) {
          var t = it.travellers[pid];
          if (!t.at) return;
          var q = map.latLngToContainerPoint(t.at); // (the marker itself sits on a place's box)
          var tag = t.marker.getTooltip() && t.marker.getTooltip().getElement();
          if (tag) { // where the tag goes (layers.js: right or left, 18 px low), not where it was
            var w = tag.offsetWidth, h = tag.offsetHeight, left = it.personById[pid].index % 2 === 1;
            var x0 = left ? q.x - 4 - w : q.x + 4;
            grid.add([x0, q.y + 18 - h / 2, x0 + w, q.y + 18 + h / 2]);
          }
        });
      }
      controlBoxes(W, H).forEach(function (b) { grid.add(b); });
      var stopsFirst = candidates(view), taken = Object.create(null);
      stopsFirst.forEach(function (c) {
        var place = places[c.stop.place_index];
        [c.text, place.name, place.today].forEach(function (n) { if (n) taken[String(n).toLowerCase()] = true; });
      });
      var refs = references(view, zoom, taken);
      var placedBoxes = new Grid(); // labels only: reference labels must not cover stop labels
      stopsFirst.concat(refs).forEach(function (c, n) {
        var wh = sizeOf(c), w = wh[0], h = wh[1];
        var p = map.latLngToContainerPoint([c.lat, c.lon]);
        var chosen = null, fallback = null;
        positions(c, p, w, h).forEach(function (pos) {
          if (chosen) return;
          var b = [pos[0], pos[1], pos[0] + w, pos[1] + h];
          if (b[0] < GAP || b[1] < GAP || b[2] > W - GAP || b[3] > H - GAP) return;
          var m = c.kind ? REFERENCE_MARGIN : 1; // reference labels keep more room: quieter
          var pad = [b[0] - m, b[1] - m, b[2] + m, b[3] + m];
          if (!fallback && !placedBoxes.hits(pad)) fallback = pos;
          if (!grid.hits(pad) && !placedBoxes.hits(pad)) chosen = pos;
        });
        // the current stop's label shows even where it must touch a marker
        if (!chosen && n === 0 && c.cls.indexOf('current') >= 0) chosen = fallback;
        if (!chosen) return;
        placedBoxes.add([chosen[0], chosen[1], chosen[0] + w, chosen[1] + h]);
        var e = pool[c.key];
        if (!e) { e = pool[c.key] = it.el('div'); }
        var cls = c.cls + ' at-' + chosen[2];
        if (e.className !== cls) e.className = cls;
        if (e.textContent !== c.text) e.textContent = c.text;
        if (c.stop) e.setAttribute('data-stop', c.stop.id || String(c.stop.seq));
        L.DomUtil.setPosition(e, map.containerPointToLayerPoint([Math.round(chosen[0]), Math.round(chosen[1])]));
        if (e.parentNode !== pane) pane.appendChild(e);
        next[c.key] = e;
      });
    }
    Object.keys(shown).forEach(function (k) { if (!next[k] && shown[k].parentNode) pane.removeChild(shown[k]); });
    shown = next;
    pane.classList.remove('zooming');
    stats.runs++;
    stats.placed = Object.keys(next).length;
    if (window.performance) {
      stats.lastMs = performance.now() - t0;
      stats.maxMs = Math.max(stats.maxMs, stats.lastMs);
      stats.recent.push(Math.round(stats.lastMs * 10) / 10);
      if (stats.recent.length > 50) stats.recent.shift();
    }
  }

  var pending = false;
  function later() { // coalesce the view's events (zoomend, moveend, resize) into one placement
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; place(); });
  }
  map.on('zoomstart', function () { pane.classList.add('zooming'); });
  map.on('moveend zoomend resize', later);

  it.labels = { update: place, later: later, stats: stats };
}());
