/* arcs.js: the great-circle arc of a move, from its two ends.
 *
 * The page gets only each move's two ends; its line is the great-circle arc between them, built
 * when it is first drawn. Sending the arcs themselves made 90 % of the page's bytes at 100,000
 * stops. The construction is the one of Python's itinerary.moves.geodesy.great_circle (used by
 * the GeoJSON, KML and notebook exports), step by step, so both draw the same line vertex by
 * vertex (tests/test_page_arcs.py): vertices at most 50 km apart (slerp), longitudes unwrapped,
 * cut where the arc meets the antimeridian or crosses a pole, rounded to 5 decimals. Change the
 * two together. Pure functions: this file touches neither the page nor the map.
 */
(function () {
  'use strict';

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
  window.itineraryPage.greatCircle = greatCircle; // [lat, lon], [lat, lon] -> parts of [lat, lon]
}());
