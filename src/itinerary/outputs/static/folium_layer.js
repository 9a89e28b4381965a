/* Draw an itinerary on a folium map. Text goes in with textContent only: data, never markup.
   Keep this file free of double braces and brace-percent pairs: branca renders it as Jinja. */
function drawItinerary(map, data) {
  var styles = {
    forced: { color: "#8b1a1a", dashArray: "6 4" },
    escape: { color: "#e07b00" },
    travel: { color: "#2b6cb0" },
    "return": { color: "#2f855a" }
  };
  data.moves.forEach(function (move) {
    var style = styles[move.kind] || styles.travel;
    var line = L.polyline(move.path, { color: style.color, dashArray: style.dashArray, weight: 2 });
    if (move.km !== null) {
      line.bindTooltip(move.kind + ", " + Math.round(move.km).toLocaleString("en") + " km");
    }
    line.addTo(map);
  });
  data.stops.forEach(function (stop) {
    var card = document.createElement("div");
    var head = document.createElement("strong");
    head.textContent = stop.place;
    card.appendChild(head);
    if (stop.name && stop.name !== stop.place) {
      card.appendChild(document.createTextNode(" (now " + stop.name + ")"));
    }
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
