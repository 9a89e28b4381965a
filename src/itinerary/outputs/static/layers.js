/* layers.js: the map and what is drawn on it: land, tiles, places and their regions, the trail
 * of moves behind the playhead, the move under way and the travelling marker.
 *
 * Kept apart because it is the only part that knows Leaflet's layers and the costs of drawing:
 * places are created once, move lines lazily (the first time the trail reaches them), and per
 * frame only the travelling marker moves. Moves are drawn in the style of their kind from the
 * data (DATA.moveStyles: colour, dash, width), never from colours of this file's own.
 */
(function () {
  'use strict';

  var it = window.itineraryPage;
  var DATA = it.DATA, state = it.state, places = it.places, stopBySeq = it.stopBySeq;
  var el = it.el;

  var map = it.map = L.map('map', { zoomSnap: 0.25, minZoom: 1, worldCopyJump: false, zoomControl: true });
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
  L.geoJSON(it.LAND, {
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
  placeLayer.on('click', function (e) { if (e.layer.placeIndex !== undefined) it.goToPlace(e.layer.placeIndex); });
  placeLayer.on('mouseover', function (e) {
    var marker = e.layer;
    if (marker.placeIndex === undefined || marker.getTooltip()) return;
    var place = places[marker.placeIndex], first = stopBySeq[place.visits[0]];
    marker.bindTooltip(function () {
      var n = place.visits.length;
      return tooltipNode([it.displayName(first), n > 1 ? n + ' visits' : first.label]);
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
      fillColor: it.colorOf(first), fillOpacity: 0.95
    });
    marker.placeIndex = pi;
    marker.place = place;
    if (place.area) {
      marker.area = L.geoJSON(place.area, {
        renderer: renderers.areas, interactive: false,
        // a faint fill and a dashed edge: an area, not a sea (a blue Siberia read as water)
        style: { color: it.colorOf(first), weight: 1.2, dashArray: '5 4', fillColor: it.colorOf(first),
          fillOpacity: 0.07 }
      });
    }
    return marker;
  });

  /* The places of the visible stops, each in the colour of its first visible visit. */
  it.showPlaces = function (visible) {
    var firstVisit = {}; // place index -> its first visible stop (one pass: O(n) for 100k stops)
    visible.forEach(function (s) {
      if (s.place_index !== null && !(s.place_index in firstVisit)) firstVisit[s.place_index] = s;
    });
    placeMarkers.forEach(function (m, pi) {
      var first = firstVisit[pi];
      var on = !!first;
      if (on) m.setStyle({ fillColor: it.colorOf(first) });
      if (on !== placeLayer.hasLayer(m)) {
        if (on) placeLayer.addLayer(m); else placeLayer.removeLayer(m);
        if (m.area) { if (on) areaLayer.addLayer(m.area); else areaLayer.removeLayer(m.area); }
      }
    });
  };

  // ---- moves -----------------------------------------------------------------------------------
  function pathOf(mv) { // built once, when the move is first drawn
    if (!mv.path) {
      var from = stopBySeq[mv.from_seq], to = stopBySeq[mv.to_seq];
      mv.path = it.greatCircle([from.lat, from.lon], [to.lat, to.lon]);
    }
    return mv.path;
  }

  /* Big itineraries draw thousands of trail lines: Leaflet makes an object per vertex, so each
     part keeps at most TRAIL_POINTS vertices (great-circle arcs are smooth; ends are kept). */
  var TRAIL_POINTS = it.moves.length > 2000 ? 16 : Infinity;
  function thinned(path) {
    return path.map(function (part) {
      if (part.length <= TRAIL_POINTS) return part;
      var out = [], step = (part.length - 1) / (TRAIL_POINTS - 1);
      for (var i = 0; i < TRAIL_POINTS; i++) out.push(part[Math.round(i * step)]);
      return out;
    });
  }
  /* A move in the style of its kind; the move under way is bolder. */
  function moveStyle(mv, current) {
    var style = it.moveStyleOf(mv.kind);
    var weight = Number(style.weight) || 2;
    return {
      color: style.color, dashArray: style.dash || null,
      weight: current ? weight + 3 : weight, opacity: current ? 1 : 0.75
    };
  }
  var moveLines = {};
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

  /* The trail: the lines of the moves fully behind the playhead (segIndex). */
  it.syncTrail = function (segIndex) {
    var wanted = 0; // move segments fully behind the playhead
    while (wanted < state.moveSegs.length && state.moveSegs[wanted] < segIndex) wanted++;
    while (state.trail.length < wanted) {
      var line = moveLine(state.segments[state.moveSegs[state.trail.length]].move);
      trailLayer.addLayer(line);
      line.bringToBack(); // below every place marker on the shared canvas
      state.trail.push(line);
    }
    while (state.trail.length > wanted) trailLayer.removeLayer(state.trail.pop());
  };
  it.clearTrail = function () {
    while (state.trail.length) trailLayer.removeLayer(state.trail.pop());
  };

  var currentLine = L.polyline([], { renderer: renderers.current, interactive: false });
  /* The move under way drawn bold, or (null) none. */
  it.showCurrentMove = function (mv) {
    if (mv) {
      currentLine.setLatLngs(pathOf(mv));
      currentLine.setStyle(moveStyle(mv, true));
      if (!map.hasLayer(currentLine)) currentLine.addTo(map);
    } else if (map.hasLayer(currentLine)) {
      map.removeLayer(currentLine);
    }
  };

  // ---- the travelling marker and the view ------------------------------------------------------
  var traveller = L.circleMarker([0, 0], {
    renderer: renderers.traveller, radius: 8, weight: 3, color: '#1b1b1b',
    fillColor: '#ffd54a', fillOpacity: 1, interactive: false
  });
  var travellerAt = null;
  it.travellerAt = function () { return travellerAt ? [travellerAt[0], travellerAt[1]] : null; };

  /* The travelling marker's position along a move's path (parts split at the antimeridian). */
  it.pointAlong = function (mv, f) {
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
  };

  it.setTraveller = function (latlng) {
    if (!latlng) return;
    if (!travellerAt) traveller.addTo(map);
    if (!travellerAt || travellerAt[0] !== latlng[0] || travellerAt[1] !== latlng[1]) {
      traveller.setLatLng(latlng);
      travellerAt = [latlng[0], latlng[1]];
    }
  };

  it.follow = function (latlng) {
    if (!latlng) return;
    var view = map.getBounds().pad(-0.08);
    if (!view.contains(latlng)) map.panInside(latlng, { padding: [60, 60], animate: !it.reducedMotion });
  };
  /* A stop chosen by the reader: close enough to see where it is. */
  it.closeIn = function (s) {
    if (s.placed && map.getZoom() < 4) map.setView([s.lat, s.lon], 4, { animate: false });
  };
  it.fitVisible = function () {
    var pts = state.visible.filter(function (s) { return s.placed; })
      .map(function (s) { return [s.lat, s.lon]; });
    if (!pts.length) { map.setView([30, 20], 2, { animate: false }); return; }
    var b = L.latLngBounds(pts);
    if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), 5, { animate: false });
    else map.fitBounds(b, { paddingTopLeft: [40, 30], paddingBottomRight: [40, 45], maxZoom: 5, animate: false });
  };
}());
