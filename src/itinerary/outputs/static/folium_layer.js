/* folium_layer.js: draws an itinerary on a folium map (the notebook view, folium_view.py).
   Moves are drawn in the style of their kind from the data (data.moveStyles, Python's
   itinerary.moves.kinds.MOVE_STYLES, the table the page uses too); an unknown kind as travel.
   Text goes in with textContent only: data, never markup. Its words (a move's tooltip, a
   stop's "now") arrive written in the chosen language (folium_view.layer_data).
   Keep this file free of double braces and brace-percent pairs: branca renders it as Jinja. */
function drawItinerary(map, data) {
  var styles = data.moveStyles || {};
  function styleOf(kind) {
    var own = Object.prototype.hasOwnProperty;
    if (own.call(styles, kind)) { return styles[kind]; }
    return own.call(styles, "travel") ? styles.travel : { color: "#555555", dash: "", weight: 2 };
  }
  data.moves.forEach(function (move) {
    var style = styleOf(move.kind);
    var line = L.polyline(move.path, {
      color: style.color, dashArray: style.dash || null, weight: Number(style.weight) || 2
    });
    if (move.tip) {
      line.bindTooltip(move.tip);
    }
    line.addTo(map);
  });
  data.stops.forEach(function (stop) {
    var card = document.createElement("div");
    var head = document.createElement("strong");
    head.textContent = stop.heading;
    card.appendChild(head);
    [stop.date, stop.note, stop.source].forEach(function (text) {
      if (!text) { return; }
      var p = document.createElement("div");
      p.textContent = text;
      card.appendChild(p);
    });
    L.circleMarker([stop.lat, stop.lon], {
      radius: 6, color: "#222", weight: 1, fillColor: stop.color, fillOpacity: 0.9
    }).bindPopup(card).addTo(map);
  });
}
