/* Map: events with places on a world map. The basemap is Natural Earth's country outlines shipped in
   the package (world-atlas TopoJSON, decoded by topojson-client); Leaflet draws it with no tile server.
   Places are clustered (Leaflet.markercluster); a place's popup lists its newest events with their
   evidence and links to the evidence in the article. All text goes in with textContent. */
(function () {
  "use strict";
  var box = document.getElementById("map");
  var dataNode = document.getElementById("map-data");
  if (!box || !dataNode || typeof L === "undefined") { return; }
  var data = JSON.parse(dataNode.textContent);
  var QUAD = { 1: "#2e8b57", 2: "#0f5e3a", 3: "#e08a1e", 4: "#c0392b" };

  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.5, attributionControl: true,
                         preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Country outlines: Natural Earth (public domain)");
  map.setView([25, 15], 2);

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function query(extra) {
    var p = new URLSearchParams();
    Object.keys(data.filters || {}).forEach(function (k) {
      var v = data.filters[k];
      if (v === true) { p.set(k, "1"); } else if (v) { p.set(k, v); }
    });
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p.toString();
  }
  function dominant(g) {  // the quad class with most events at a place: its colour
    var best = 0, k = 0;
    [1, 2, 3, 4].forEach(function (q) { if ((g.quad[q] || 0) > best) { best = g.quad[q]; k = q; } });
    return QUAD[k] || "#5f6b7a";
  }
  function popup(g) {
    var div = el("div", null, "map-popup");
    var h = el("h3");
    h.appendChild(document.createTextNode((g.place || "?") + (g.country ? " (" + g.country + ")" : "")));
    div.appendChild(h);
    div.appendChild(el("p", g.n + (g.n === 1 ? " event" : " events") +
      (g.n > g.events.length ? ", the newest " + g.events.length + ":" : ":"), "muted"));
    var ol = el("ol");
    g.events.forEach(function (ev) {
      var li = el("li");
      var head = el("div", null, "kind");
      head.appendChild(el("span", ev.type, "badge quad-" + (ev.quad_class || 0)));
      head.appendChild(document.createTextNode(" " + (ev.day || "undated") + " · " + (ev.source_name || "?") +
        (ev.target_name ? " → " + ev.target_name : "")));
      li.appendChild(head);
      li.appendChild(el("p", ev.evidence_text, "evidence"));
      var a = el("a", ev.headline || ev.article_id);
      a.href = "/articles/" + encodeURIComponent(ev.article_id) + "#ev-" + encodeURIComponent(ev.local_id);
      li.appendChild(a);
      ol.appendChild(li);
    });
    div.appendChild(ol);
    var all = el("a", "All " + g.n + " events here →", "map-all");
    all.href = "/events?" + query({ place: g.place || "" });
    div.appendChild(all);
    return div;
  }

  function unwrapRing(ring) {
    var jumps = false;
    for (var i = 1; i < ring.length; i++) { if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { jumps = true; break; } }
    if (jumps) { ring.forEach(function (pt) { if (pt[0] < 0) { pt[0] += 360; } }); }
  }
  function unwrap(g) {
    if (!g) { return; }
    if (g.type === "Polygon") { g.coordinates.forEach(unwrapRing); }
    if (g.type === "MultiPolygon") { g.coordinates.forEach(function (poly) { poly.forEach(unwrapRing); }); }
  }

  var basemapUrl = box.getAttribute("data-basemap");
  fetch(basemapUrl).then(function (r) { return r.json(); }).then(function (topo) {
    if (typeof topojson === "undefined") { return; }
    var countries = topojson.feature(topo, topo.objects.countries);
    // Antarctica's ring runs round the pole and rings crossing the antimeridian (Russia, Fiji) jump from
    // +180 to -180: drop the first and make the others continuous, or Leaflet draws lines across the map
    countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
    countries.features.forEach(function (f) { unwrap(f.geometry); });
    L.geoJSON(countries, { style: { color: "#9aa7b5", weight: 0.8, fillColor: "#eef1f4", fillOpacity: 1 },
                           interactive: false }).addTo(map);
    box.setAttribute("data-basemap-loaded", String(countries.features.length));
  }).catch(function () { box.setAttribute("data-basemap-loaded", "0"); });

  var points = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
    iconCreateFunction: function (cluster) {
      var n = 0;
      cluster.getAllChildMarkers().forEach(function (m) { n += m.options.events || 1; });
      var size = n < 10 ? 30 : n < 100 ? 38 : 46;
      return L.divIcon({ html: "<span>" + n + "</span>", className: "map-cluster", iconSize: [size, size] });
    } });
  data.groups.forEach(function (g) {
    if (g.lat === null || g.lon === null) { return; }
    var size = Math.round(10 + 6 * Math.sqrt(g.n));
    var icon = L.divIcon({ className: "map-point", iconSize: [size, size],
                           html: "<span style=\"background:" + dominant(g) + "\">" + g.n + "</span>" });
    var m = L.marker([g.lat, g.lon], { icon: icon, events: g.n, title: (g.place || "?") + ": " + g.n + " events",
                                        keyboard: true });
    m.bindPopup(function () { return popup(g); }, { maxWidth: 360, maxHeight: 320 });
    points.addLayer(m);
  });
  map.addLayer(points);
  if (data.groups.length) {
    var bounds = points.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.3), { maxZoom: 5 }); }
  }
  window.datelineMap = { map: map, points: points };
})();
