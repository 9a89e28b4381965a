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

  var map = it.map = L.map('map', { zoomSnap: 0.25, minZoom: 1, worldCopyJump: false, zoomControl: false });
  L.control.zoom({ zoomInTitle: it.t('ui.zoom_in'), zoomOutTitle: it.t('ui.zoom_out') }).addTo(map);
  [['land', 150], ['areas', 390], ['places', 420], ['current', 430], ['labels', 600],
    ['meetings', 435], ['traveller', 640]].forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
  /* The map's box can change without a window resize (a longer date in the controls, the embed
     layout): Leaflet would keep its old size, drawing and labelling for a box it no longer has. */
  if (window.ResizeObserver) {
    new ResizeObserver(function () { map.invalidateSize({ animate: false }); }).observe(map.getContainer());
  }
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
  /* Leaflet's attribution is HTML: the catalogue's words go in escaped. */
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }
  it.escapeHtml = escapeHtml;
  var attribution = map.attributionControl;
  attribution.setPrefix(String(attribution.options.prefix).replace(/ title="[^"]*"/,
    ' title="' + escapeHtml(it.t('ui.leaflet')) + '"'));
  attribution.addAttribution(escapeHtml(it.t('ui.attribution_land')));
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
      return tooltipNode([it.displayName(first), n > 1 ? it.plural('map.visits', n) : first.label]);
    }, { direction: 'top', offset: [0, -4] });
    marker.openTooltip(e.latlng);
  });
  var trailLayer = L.layerGroup().addTo(map);

  function tooltipNode(lines) {
    var box = el('div', 'tip');
    lines.forEach(function (line, i) { box.appendChild(el(i ? 'div' : 'strong', null, line)); });
    return box;
  }

  /* Several lives: a place's outline is in the colour of the person of its first visit shown. */
  function outlineOf(s) {
    var p = it.manyLives && it.personOf(s);
    return p ? p.color : '#ffffff';
  }
  var placeMarkers = places.map(function (place, pi) {
    var first = stopBySeq[place.visits[0]];
    var marker = L.circleMarker([place.lat, place.lon], {
      renderer: renderers.places, radius: 5, weight: it.manyLives ? 2.5 : 1.5, color: outlineOf(first),
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
  it.placeMarkers = placeMarkers;
  it.PLACE_RADIUS = 5;

  /* Who wants to hear that the shown stops changed (a period chosen): labels.js, panel.js. */
  it.onShown = [];

  /* The places of the visible stops, each in the colour of its first visible visit; the moves
     into and out of them drawn lighter, as context. */
  it.showPlaces = function (visible) {
    var firstVisit = {}; // place index -> its first visible stop (one pass: O(n) for 100k stops)
    visible.forEach(function (s) {
      if (s.place_index !== null && !(s.place_index in firstVisit)) firstVisit[s.place_index] = s;
    });
    placeMarkers.forEach(function (m, pi) {
      var first = firstVisit[pi];
      var on = !!first;
      if (on) m.setStyle(it.manyLives ? { fillColor: it.colorOf(first), color: outlineOf(first) }
        : { fillColor: it.colorOf(first) });
      if (on !== placeLayer.hasLayer(m)) {
        if (on) placeLayer.addLayer(m); else placeLayer.removeLayer(m);
        if (m.area) { if (on) areaLayer.addLayer(m.area); else areaLayer.removeLayer(m.area); }
      }
    });
    showContext(visible);
    it.onShown.forEach(function (f) { f(visible); });
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
    var person = it.manyLives && it.personOf(mv); // several lives: each trail in its colour
    return {
      color: person ? person.color : style.color, dashArray: style.dash || null,
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
        return tooltipNode([it.t('map.move', { kind: it.moveName(mv.kind, true), from: from.name, to: to.name }),
          it.t('unit.km', { n: mv.km === null ? '?' : it.number(mv.km) })]);
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
    if (!travellerAt && !it.manyLives) traveller.addTo(map);
    if (!travellerAt || travellerAt[0] !== latlng[0] || travellerAt[1] !== latlng[1]) {
      traveller.setLatLng(latlng);
      travellerAt = [latlng[0], latlng[1]];
    }
  };

  /* ---- several lives: each person's own marker, named, where that life is on the clock's day;
     the life of the segment under way follows the playhead exactly (along its move). */
  var stopsOf = Object.create(null); // person id -> its stops, in time order
  it.stops.forEach(function (s) { if (s.person) (stopsOf[s.person] = stopsOf[s.person] || []).push(s); });
  var travellers = it.travellers = Object.create(null); // person id -> {marker, at}
  it.persons.forEach(function (p) {
    var marker = L.circleMarker([0, 0], {
      renderer: renderers.traveller, radius: 7, weight: 2.5, color: '#1b1b1b',
      fillColor: p.color, fillOpacity: 1, interactive: false
    });
    var left = p.index % 2 === 1; // two lives at one place: one name each side
    marker.bindTooltip(el('span', null, p.name), { permanent: true, direction: left ? 'left' : 'right',
      offset: [left ? -4 : 4, 18], className: 'traveller-name', interactive: false }); // below: the place's name keeps its side
    travellers[p.id] = { marker: marker, at: null };
  });
  function lastPlacedBefore(list, k) {
    for (var i = k; i >= 0; i--) if (list[i].placed) return list[i];
    return null;
  }
  /* Where person pid is on day: at its stop, along its move, at its last place after its last
     stop; null before its first. */
  function positionOn(pid, day) {
    var list = stopsOf[pid] || [];
    var lo = 0, hi = list.length - 1, k = -1;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (list[mid].d0 <= day) { k = mid; lo = mid + 1; } else hi = mid - 1; }
    if (k < 0) return null;
    var s = list[k], q = list[k + 1];
    if (day > s.d1 && q && s.placed && q.placed) {
      var mv = (it.movesInto[q.seq] || []).filter(function (m) { return m.from_seq === s.seq; })[0];
      var span = q.d0 - s.d1;
      if (mv && span > 0) return it.pointAlong(mv, Math.min(1, (day - s.d1) / span));
    }
    var at = lastPlacedBefore(list, k);
    return at ? [at.lat, at.lon] : null;
  }
  it.positionOn = positionOn;
  it.placeTravellers = function (day, seg, f) {
    var own = seg.type === 'move' ? seg.move.person : seg.stop.person;
    it.persons.forEach(function (p) {
      var t = travellers[p.id], at = null;
      if (!state.person || state.person === p.id) {
        if (p.id === own && seg.type === 'move') at = it.pointAlong(seg.move, f);
        else if (p.id === own && seg.stop.placed) at = [seg.stop.lat, seg.stop.lon];
        else at = positionOn(p.id, day);
      }
      if (!at) { if (t.at) { map.removeLayer(t.marker); t.at = null; } return; }
      if (!t.at) t.marker.addTo(map);
      if (!t.at || t.at[0] !== at[0] || t.at[1] !== at[1]) { t.marker.setLatLng(at); t.at = [at[0], at[1]]; }
    });
  };

  /* ---- meetings (DATA.encounters): a ring in both colours where two lives met, shown while the
     clock's day is within its days (and one of the two is shown). */
  var meetingLayer = L.layerGroup().addTo(map);
  var meetingMarkers = it.encounters.map(function (e) {
    var c = e.people.map(function (p) { return p.color; });
    var group = L.featureGroup([
      L.circleMarker([e.lat, e.lon], { pane: 'meetings', radius: 16, weight: 4, color: c[0], fill: true,
        fillColor: '#ffffff', fillOpacity: 0.7, dashArray: e.status === 'met' ? null : '4 3' }),
      L.circleMarker([e.lat, e.lon], { pane: 'meetings', radius: 12, weight: 4, color: c[1] || c[0], fill: false,
        interactive: false })
    ]);
    group.on('click', function () { it.showMeeting(e); });
    group.bindTooltip(el('span', null, it.t('live.meeting', { title: it.meetingTitle(e), date: it.meetingWhen(e) })),
      { direction: 'top', offset: [0, -10] });
    group.meeting = e;
    return group;
  });
  it.shownMeetings = function () {
    var out = [];
    meetingMarkers.forEach(function (g) { if (meetingLayer.hasLayer(g)) out.push(g.meeting.id); });
    return out;
  };
  it.showMeetingsOn = function (day) {
    meetingMarkers.forEach(function (g) {
      var e = g.meeting;
      var on = day !== null && e.d0 <= day && day <= e.d1 &&
        (!state.person || e.persons.indexOf(state.person) >= 0);
      if (on !== meetingLayer.hasLayer(g)) { if (on) meetingLayer.addLayer(g); else meetingLayer.removeLayer(g); }
    });
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
  /* ---- the view of a period ------------------------------------------------------------------
     A period opens on its stops plus the move into it and the move out of it (drawn lighter,
     each with a small marker at its far end), never closer than about MIN_VIEW_KM across, and a
     region's area never takes more than half of the view (a period in "Siberia" is fitted to
     its towns, not to Siberia). */
  var MIN_VIEW_KM = 1000, WHOLE_CONTEXT_KM = 4500, CONTEXT_LEAD_KM = 1500, MAX_AREA_SHARE = 0.5;
  var contextLayer = L.layerGroup().addTo(map);
  var contextRenderer = L.canvas({ pane: 'areas', padding: 0.2 });
  var context = it.context = []; // [{move, inside: stop, outside: stop, lead: [[lat, lon]...]}]
  var movesFrom = null;
  function movesOutOf(seq) {
    if (!movesFrom) {
      movesFrom = Object.create(null);
      it.moves.forEach(function (mv) { (movesFrom[mv.from_seq] = movesFrom[mv.from_seq] || []).push(mv); });
    }
    return movesFrom[seq] || [];
  }
  function km(a, b) { // haversine, enough for fitting a view
    var R = 6371.0088, r = Math.PI / 180;
    var dLat = (b[0] - a[0]) * r, dLon = (b[1] - a[1]) * r;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  /* The part of a context move's arc to keep in view: all of it up to WHOLE_CONTEXT_KM, else
     its first CONTEXT_LEAD_KM from the period's end (which way the journey went). */
  function leadOf(mv, fromInside) {
    var pts = [];
    pathOf(mv).forEach(function (part) { pts = pts.concat(part); });
    if (!fromInside) pts.reverse();
    if ((mv.km || 0) <= WHOLE_CONTEXT_KM) return pts;
    var out = [pts[0]], total = 0;
    for (var i = 1; i < pts.length && total < CONTEXT_LEAD_KM; i++) {
      total += km(pts[i - 1], pts[i]);
      out.push(pts[i]);
    }
    return out;
  }
  function showContext(visible) {
    contextLayer.clearLayers();
    context.length = 0;
    if (!state.period) return;
    var inSet = state.visibleSet, placed = visible.filter(function (s) { return s.placed; });
    if (!placed.length) return;
    var first = placed[0], last = placed[placed.length - 1];
    var found = [];
    (it.movesInto[first.seq] || []).forEach(function (mv) {
      if (!inSet[mv.from_seq]) found.push({ move: mv, inside: first, outside: stopBySeq[mv.from_seq], into: true });
    });
    movesOutOf(last.seq).forEach(function (mv) {
      if (!inSet[mv.to_seq]) found.push({ move: mv, inside: last, outside: stopBySeq[mv.to_seq], into: false });
    });
    found.forEach(function (c) {
      if (!c.outside || !c.outside.placed) return;
      var style = moveStyle(c.move, false);
      style.opacity = 0.4;
      style.renderer = contextRenderer;
      style.interactive = false;
      contextLayer.addLayer(L.polyline(thinned(pathOf(c.move)), style));
      c.arrow = L.polygon([], { renderer: contextRenderer, interactive: false, stroke: false,
        fill: true, fillColor: style.color, fillOpacity: 0.75 });
      contextLayer.addLayer(c.arrow);
      contextLayer.addLayer(L.circleMarker([c.outside.lat, c.outside.lon], {
        renderer: contextRenderer, radius: 4, weight: 1.5, color: '#6b6f76', fill: true,
        fillColor: '#ffffff', fillOpacity: 1, interactive: false
      }));
      c.lead = leadOf(c.move, !c.into);
      context.push(c);
    });
    pointArrows();
  }
  /* An arrowhead at the end of each context move (which way the journey went), 11 px long
     whatever the zoom: remade when the zoom changes. */
  function pointArrows() {
    context.forEach(function (c) {
      var parts = pathOf(c.move), last = parts[parts.length - 1];
      if (!last || last.length < 2) return;
      var tip = map.latLngToLayerPoint(last[last.length - 1]), back = null;
      for (var i = last.length - 2; i >= 0 && !back; i--) {
        var q = map.latLngToLayerPoint(last[i]);
        if (q.distanceTo(tip) > 14) back = q;
      }
      if (!back) back = map.latLngToLayerPoint(last[0]);
      var d = tip.distanceTo(back);
      if (!d) return;
      var ux = (tip.x - back.x) / d, uy = (tip.y - back.y) / d;
      var end = tip.subtract(L.point(ux * (it.PLACE_RADIUS + 2), uy * (it.PLACE_RADIUS + 2)));
      var base = end.subtract(L.point(ux * 11, uy * 11));
      c.arrow.setLatLngs([end, base.add(L.point(-uy * 5, ux * 5)), base.add(L.point(uy * 5, -ux * 5))]
        .map(function (pt) { return map.layerPointToLatLng(pt); }));
    });
  }
  map.on('zoomend viewreset', pointArrows);

  /* At least MIN_VIEW_KM north-south and east-west around the bounds' centre. */
  function atLeastMinSpan(b) {
    var s = b.getSouth(), n = b.getNorth(), w = b.getWest(), e = b.getEast();
    var lat = (s + n) / 2, kmPerDegLat = 111.2;
    var kmPerDegLon = Math.max(10, kmPerDegLat * Math.cos(lat * Math.PI / 180));
    var needLat = MIN_VIEW_KM / kmPerDegLat - (n - s), needLon = MIN_VIEW_KM / kmPerDegLon - (e - w);
    if (needLat > 0) { s -= needLat / 2; n += needLat / 2; }
    if (needLon > 0) { w -= needLon / 2; e += needLon / 2; }
    return L.latLngBounds([Math.max(-85, s), w], [Math.min(85, n), e]);
  }
  /* The largest share of the view one area of a shown place covers (polygons clipped to the
     view, in screen pixels). */
  function shoelace(pts) {
    var a = 0;
    for (var i = 0, j = pts.length - 1; i < pts.length; j = i++) a += (pts[j].x + pts[i].x) * (pts[j].y - pts[i].y);
    return Math.abs(a / 2);
  }
  function largestAreaShare() {
    var size = map.getSize(), view = L.bounds([0, 0], [size.x, size.y]), best = 0;
    areaLayer.eachLayer(function (geo) {
      var covered = 0;
      geo.eachLayer(function (poly) {
        if (!poly.getLatLngs) return;
        var rings = poly.getLatLngs();
        if (rings.length && !L.LineUtil.isFlat(rings)) {
          // a polygon is [outer, holes...]; a multipolygon [[outer, ...], ...]
          rings = L.LineUtil.isFlat(rings[0]) ? [rings[0]] : rings.map(function (r) { return r[0]; });
        } else { rings = [rings]; }
        rings.forEach(function (ring) {
          var pts = ring.map(function (ll) { return map.latLngToContainerPoint(ll); });
          covered += shoelace(L.PolyUtil.clipPolygon(pts, view));
        });
      });
      best = Math.max(best, covered / (size.x * size.y));
    });
    return best;
  }
  it.largestAreaShare = largestAreaShare;

  it.fitVisible = function () {
    var shown = state.visible.filter(function (s) { return s.placed; });
    var points = shown.filter(function (s) { return !placeMarkers[s.place_index].area; });
    if (!points.length) points = shown; // only regions: their markers
    var pts = points.map(function (s) { return [s.lat, s.lon]; });
    context.forEach(function (c) { pts = pts.concat(c.lead); });
    if (!pts.length) { map.setView([30, 20], 2, { animate: false }); return; }
    var b = atLeastMinSpan(L.latLngBounds(pts));
    var size = map.getSize(), side = Math.min(90, Math.round(size.x * 0.12)), top = Math.min(40, Math.round(size.y * 0.08));
    map.fitBounds(b, { paddingTopLeft: [side, top], paddingBottomRight: [side, top + 10], maxZoom: 8, animate: false });
    for (var i = 0; i < 16 && map.getZoom() > map.getMinZoom() && largestAreaShare() > MAX_AREA_SHARE; i++) {
      map.setZoom(map.getZoom() - 0.25, { animate: false });
    }
  };
}());
