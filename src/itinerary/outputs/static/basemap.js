/* basemap.js: the offline atlas basemap, drawn by the page itself: sea, land and coasts, lakes and
 * major rivers in a muted school-atlas style, on a canvas pane beneath the journeys; more detail
 * as one zooms in. No tile server, no request: the data is in the page.
 *
 * Data: <script type="application/json" id="itinerary-basemap">, derived from Natural Earth
 * (public domain) by scripts/derive_basemap.py and shipped in itinerary/outputs/basemap/:
 *   {version, levels: [{name, minZoom, q, land, lakes, rivers, minorRivers}, ...],
 *    labels: {kind: [...], name: [...], lat, lon, minZoom, rank, names: {de: [...], ...}}}
 * A level is drawn from its minZoom (110m below zoom 3.5, 50m from 3.5) and decoded the first time
 * it is drawn. Each ring or line is a string of delta-encoded integers in units of 1/q degree
 * (Google's polyline encoding, longitude first; see the script's docstring); a layer's rings are
 * filled together, even-odd, so holes are rings too.
 *
 * Offers, on window.itineraryPage (it loads after layers.js, whose it.map it draws on):
 *   it.basemap.labels   the reference label points, decoded into objects
 *                       {kind: "sea"|"lake"|"river"|"town"|"region", name (English),
 *                        names: {de, fr, es, ru, uk: only those Natural Earth has and that
 *                        differ from name}, lat, lon, minZoom (show from this zoom),
 *                        rank (lower is more important)}, most important first
 *   it.basemap.colors   the palette ({sea, land, coast, lake, river})
 *   it.basemap.levelAt(zoom)  the name of the level drawn at that zoom ("110m", "50m")
 *   it.basemap.renderer the Leaflet canvas renderer (pane "basemap", z-index 150)
 *   it.basemap.stats    {draws, lastMs, maxMs, decodeMs}: what drawing has cost
 * It draws no text: labels.js places the names.
 */
(function () {
  'use strict';

  var it = window.itineraryPage;
  var map = it.map;
  var node = document.getElementById('itinerary-basemap');
  var RAW = (node && JSON.parse(node.textContent)) || {};
  var LEVELS = RAW.levels || [];
  var COLORS = { sea: '#cfdfe8', land: '#f4f0e4', coast: '#92b4cb', lake: '#cfdfe8',
    river: '#7ea8c8' };
  var stats = { draws: 0, lastMs: 0, maxMs: 0, decodeMs: 0 };

  // ---- labels: columns into objects ----------------------------------------------------------
  function labelsOf(cols) {
    if (!cols || !cols.kind) return [];
    var names = cols.names || {}, langs = Object.keys(names), n = cols.kind.length;
    var out = new Array(n);
    for (var i = 0; i < n; i++) {
      var own = {};
      for (var k = 0; k < langs.length; k++) if (names[langs[k]][i]) own[langs[k]] = names[langs[k]][i];
      out[i] = { kind: cols.kind[i], name: cols.name[i], names: own, lat: cols.lat[i],
        lon: cols.lon[i], minZoom: cols.minZoom[i], rank: cols.rank[i] };
    }
    return out;
  }

  // ---- geometry: encoded strings into Web Mercator (0..1 across the world) -------------------
  var MAX_LAT = 85.0511287798, RAD = Math.PI / 180;
  function mercX(lon) { return lon / 360 + 0.5; }
  function mercY(lat) {
    lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
    return 0.5 - Math.log(Math.tan(Math.PI / 4 + lat * RAD / 2)) / (2 * Math.PI);
  }
  /* One ring or line: {pts: [x0, y0, x1, y1, ...] in Mercator units, box: [minX, minY, maxX, maxY]} */
  function decodeLine(text, q) {
    var pts = new Float64Array(text.length), n = 0; // never more numbers than characters
    var shift = 0, result = 0, x = 0, y = 0, odd = false;
    var minX = 1, minY = 1, maxX = 0, maxY = 0;
    for (var i = 0; i < text.length; i++) {
      var group = text.charCodeAt(i) - 63;
      result |= (group & 31) << shift;
      shift += 5;
      if (group < 32) {
        var value = (result & 1) ? ~(result >> 1) : (result >> 1);
        shift = 0; result = 0;
        if (!odd) { x += value; } else {
          y += value;
          var mx = mercX(x / q), my = mercY(y / q);
          pts[n++] = mx; pts[n++] = my;
          if (mx < minX) minX = mx; if (mx > maxX) maxX = mx;
          if (my < minY) minY = my; if (my > maxY) maxY = my;
        }
        odd = !odd;
      }
    }
    return { pts: pts.subarray(0, n), box: [minX, minY, maxX, maxY] };
  }
  /* A level is decoded when it is first drawn, or before, bit by bit while the page is idle
     (decodeSome with a deadline), so that zooming in later does not wait for it. */
  var LAYERS = ['land', 'lakes', 'rivers', 'minorRivers'];
  var decoded = [];
  function decodeSome(index, deadline) {
    var level = LEVELS[index], d = decoded[index];
    if (!d) d = decoded[index] = { layer: 0, i: 0, done: false, land: [], lakes: [], rivers: [], minorRivers: [] };
    var t = performance.now();
    while (!d.done) {
      var name = LAYERS[d.layer], source = level[name] || [];
      if (d.i >= source.length) {
        d.layer++; d.i = 0;
        d.done = d.layer >= LAYERS.length;
        continue;
      }
      d[name].push(decodeLine(source[d.i++], level.q));
      if (deadline !== Infinity && performance.now() > deadline) break;
    }
    stats.decodeMs += performance.now() - t;
    return d;
  }
  function levelData(index) { return decodeSome(index, Infinity); }
  /* Never while the journey plays (its frames come first), and a few milliseconds at a time. */
  function decodeWhenIdle() {
    var index = 0;
    while (index < LEVELS.length && decoded[index] && decoded[index].done) index++;
    if (index >= LEVELS.length || !window.requestIdleCallback) return;
    if (it.state && it.state.playing) { setTimeout(decodeWhenIdle, 2000); return; }
    window.requestIdleCallback(function (idle) {
      if (!(it.state && it.state.playing)) {
        decodeSome(index, performance.now() + Math.min(6, Math.max(1, idle.timeRemaining() - 2)));
      }
      decodeWhenIdle();
    });
  }
  function levelIndexAt(zoom) {
    var best = -1;
    for (var i = 0; i < LEVELS.length; i++) if (LEVELS[i].minZoom <= zoom + 1e-9) best = i;
    return best;
  }

  // ---- drawing ---------------------------------------------------------------------------------
  /* Adds the rings (or lines) inside the view to a fill path and a stroke path. Points closer
     than half a pixel to the last one are skipped; the stroke leaves out the cuts Natural Earth
     makes at the antimeridian and along the bottom of the world (they are not coasts). */
  function addShapes(fill, stroke, shapes, s, ox, oy, v, closed) {
    var bottom = mercY(-90);
    for (var r = 0; r < shapes.length; r++) {
      var shape = shapes[r], b = shape.box;
      if (b[2] * s + ox < v[0] || b[0] * s + ox > v[2] || b[3] * s + oy < v[1] || b[1] * s + oy > v[3]) continue;
      var p = shape.pts, n = p.length;
      if (n < 4) continue;
      var lx = p[0], ly = p[1], px = lx * s + ox, py = ly * s + oy;
      if (fill) fill.moveTo(px, py);
      stroke.moveTo(px, py);
      for (var i = 2; i < n; i += 2) {
        var x = p[i], y = p[i + 1], qx = x * s + ox, qy = y * s + oy;
        if (i < n - 2 && Math.abs(qx - px) + Math.abs(qy - py) < 0.5) continue;
        if (fill) fill.lineTo(qx, qy);
        if (closed && ((x === lx && (x === 0 || x === 1)) || (y >= bottom && ly >= bottom))) stroke.moveTo(qx, qy);
        else stroke.lineTo(qx, qy);
        lx = x; ly = y; px = qx; py = qy;
      }
      if (closed) {
        if (fill) fill.closePath();
        if (!((p[0] === lx && (lx === 0 || lx === 1)) || (p[1] >= bottom && ly >= bottom))) {
          stroke.lineTo(p[0] * s + ox, p[1] * s + oy);
        }
      }
    }
  }

  function draw(renderer) {
    var t = performance.now();
    var ctx = renderer._ctx, b = renderer._bounds, m = renderer._map;
    if (!ctx || !b) return;
    var v = [b.min.x, b.min.y, b.max.x, b.max.y];
    ctx.fillStyle = COLORS.sea;
    ctx.fillRect(v[0], v[1], v[2] - v[0], v[3] - v[1]);
    var zoom = m.getZoom(), index = levelIndexAt(zoom);
    if (index < 0) return;
    var data = levelData(index), s = m.options.crs.scale(zoom), origin = m.getPixelOrigin();
    var paths = { land: [new Path2D(), new Path2D()], lakes: [new Path2D(), new Path2D()],
      rivers: [null, new Path2D()], minorRivers: [null, new Path2D()] };
    var showMinor = zoom >= 5;
    // every copy of the world that the view shows (the journeys are drawn on one)
    var k0 = Math.floor((v[0] + origin.x) / s), k1 = Math.floor((v[2] + origin.x) / s);
    for (var k = k0; k <= k1; k++) {
      var ox = k * s - origin.x, oy = -origin.y;
      addShapes(paths.land[0], paths.land[1], data.land, s, ox, oy, v, true);
      addShapes(paths.lakes[0], paths.lakes[1], data.lakes, s, ox, oy, v, true);
      addShapes(null, paths.rivers[1], data.rivers, s, ox, oy, v, false);
      if (showMinor) addShapes(null, paths.minorRivers[1], data.minorRivers, s, ox, oy, v, false);
    }
    ctx.lineJoin = 'round'; ctx.lineCap = 'round';
    ctx.fillStyle = COLORS.land;
    ctx.fill(paths.land[0], 'evenodd');
    ctx.strokeStyle = COLORS.coast;
    ctx.lineWidth = zoom >= 5 ? 0.9 : 0.7;
    ctx.stroke(paths.land[1]);
    ctx.strokeStyle = COLORS.river;
    ctx.lineWidth = zoom >= 6 ? 0.8 : 0.6;
    if (showMinor) ctx.stroke(paths.minorRivers[1]);
    ctx.lineWidth = zoom >= 6 ? 1.5 : zoom >= 3.5 ? 1.2 : 0.7;
    ctx.stroke(paths.rivers[1]);
    ctx.fillStyle = COLORS.lake;
    ctx.fill(paths.lakes[0], 'evenodd');
    ctx.strokeStyle = COLORS.coast;
    ctx.lineWidth = 0.6;
    ctx.stroke(paths.lakes[1]);
    var spent = performance.now() - t;
    stats.draws++; stats.lastMs = spent; stats.maxMs = Math.max(stats.maxMs, spent);
    if (stats.draws === 1) setTimeout(decodeWhenIdle, 3000); // well after the page is up
  }

  /* A Leaflet canvas renderer that draws the basemap instead of vector layers: Leaflet places
     and (while zooming) scales the canvas. Its _update (at every moveend) only moves the
     canvas, resizes it when the map's size changed and asks for one draw in the next animation
     frame, so the several view changes of a page load or a fitted period cost one draw. */
  var BasemapCanvas = L.Canvas.extend({
    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      var b = this._bounds, size = b.getSize(), m = L.Browser.retina ? 2 : 1;
      var canvas = this._container;
      L.DomUtil.setPosition(canvas, b.min);
      if (canvas.width !== m * size.x || canvas.height !== m * size.y) {
        canvas.width = m * size.x;
        canvas.height = m * size.y;
        canvas.style.width = size.x + 'px';
        canvas.style.height = size.y + 'px';
      }
      this._requestDraw();
    },
    _requestDraw: function () {
      var self = this;
      if (!self._drawRequest) {
        self._drawRequest = L.Util.requestAnimFrame(function () {
          self._drawRequest = null;
          if (self._map) self._draw();
        });
      }
    },
    onAdd: function () { L.Renderer.prototype.onAdd.call(this); }, // no drawing until a frame
    _redraw: function () { this._requestDraw(); },
    _updatePaths: function () {},
    _draw: function () {
      var ctx = this._ctx, b = this._bounds, m = L.Browser.retina ? 2 : 1;
      if (!ctx || !b) return;
      ctx.setTransform(m, 0, 0, m, -m * b.min.x, -m * b.min.y);
      draw(this);
    }
  });
  var pane = map.createPane('basemap');
  pane.style.zIndex = 150;
  pane.style.pointerEvents = 'none';
  var renderer = new BasemapCanvas({ pane: 'basemap', padding: 0.15 });
  renderer.addTo(map);
  var attribution = map.attributionControl;
  if (attribution && !(attribution._attributions || {})[it.escapeHtml(it.t('ui.attribution_land'))]) {
    attribution.addAttribution(it.escapeHtml(it.t('ui.attribution_map')));
  }

  it.basemap = {
    labels: labelsOf(RAW.labels),
    colors: COLORS,
    levelAt: function (zoom) { var i = levelIndexAt(zoom); return i < 0 ? null : LEVELS[i].name; },
    renderer: renderer,
    stats: stats
  };
}());
