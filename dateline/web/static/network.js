/* Network: actors as nodes, events as directed edges weighted by count and coloured by mean Goldstein
   score (cooperative green -> conflictual red). Clicking an edge lists its events with their evidence,
   fetched from /api/events. All text is inserted with textContent: nothing from the store becomes markup. */
(function () {
  "use strict";
  var dataNode = document.getElementById("network-data");
  var box = document.getElementById("network-graph");
  var list = document.getElementById("edge-list");
  var hint = document.getElementById("edge-hint");
  if (!dataNode || !box || !list) { return; }
  var net = JSON.parse(dataNode.textContent);
  var filters = JSON.parse(document.getElementById("network-query").textContent || "{}");
  var names = {};
  net.nodes.forEach(function (n) { names[n.id] = n.name || String(n.id); });

  function mix(a, b, t) {
    var pa = [1, 3, 5].map(function (i) { return parseInt(a.substr(i, 2), 16); });
    var pb = [1, 3, 5].map(function (i) { return parseInt(b.substr(i, 2), 16); });
    return "rgb(" + pa.map(function (v, i) { return Math.round(v + (pb[i] - v) * t); }).join(",") + ")";
  }
  function colour(g) {  // -10 conflictual .. +10 cooperative
    if (g === null || g === undefined) { return "#9aa3ad"; }
    var t = Math.max(-1, Math.min(1, g / 10));
    return t >= 0 ? mix("#bbbbbb", "#1a9850", t) : mix("#bbbbbb", "#d73027", -t);
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function showEdge(source, target) {
    var params = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (k !== "actor") { params.set(k, filters[k]); } });
    if (filters.actor) { params.set("actor", filters.actor); }
    params.set("source", source); params.set("target", target); params.set("limit", "100");
    list.replaceChildren(el("p", "Loading…", "muted"));
    if (hint) { hint.textContent = (names[source] || source) + " → " + (names[target] || target); }
    fetch("/api/events?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (page) {
        var ol = el("ol");
        ol.id = "edge-event-list";
        page.items.forEach(function (ev) {
          var li = el("li");
          var head = el("div", null, "kind");
          head.appendChild(el("span", ev.type, "badge quad-" + (ev.quad_class || 0)));
          head.appendChild(document.createTextNode(" " + (ev.day || "undated") + " · " + (ev.modality || "") +
            (ev.negated ? " · negated" : "")));
          li.appendChild(head);
          li.appendChild(el("p", ev.evidence_text, "evidence"));
          var a = el("a", ev.headline || ev.article_id);
          a.href = "/articles/" + encodeURIComponent(ev.article_id) + "#ev-" + encodeURIComponent(ev.local_id);
          li.appendChild(a);
          ol.appendChild(li);
        });
        var summary = el("p", page.total + (page.total === 1 ? " event" : " events") +
          (page.total > page.items.length ? " (first " + page.items.length + " shown)" : ""), "muted");
        list.replaceChildren(summary, ol);
      })
      .catch(function (err) { list.replaceChildren(el("p", "Could not load the events: " + err.message)); });
  }

  // the table's links open the events page without JavaScript; with it, the list loads in the panel
  document.querySelectorAll(".edge-button").forEach(function (b) {
    b.addEventListener("click", function (evt) { evt.preventDefault(); showEdge(b.dataset.source, b.dataset.target); });
  });

  if (typeof cytoscape === "undefined" || !net.nodes.length) {
    if (!net.nodes.length) { box.appendChild(el("p", "No edges for this filter.", "muted")); }
    return;
  }
  var maxN = Math.max.apply(null, net.nodes.map(function (n) { return n.n; }).concat([1]));
  // labels: every actor of a small graph; in a big one the LABELLED busiest (others on hover / tap)
  var LABELLED = 30, LABEL_PX = 13;
  var ranked = net.nodes.slice().sort(function (a, b) { return (b.n - a.n) || ((b.degree || 0) - (a.degree || 0)); });
  var major = {};
  ranked.slice(0, LABELLED).forEach(function (n) { major[n.id] = true; });
  var elements = net.nodes.map(function (n) {
    var label = n.name || String(n.id);
    return { data: { id: "n" + n.id, actor: n.id, label: label, shown: major[n.id] ? label : "",
                     type: n.type || "", size: 18 + 30 * Math.sqrt(n.n / maxN) } };
  }).concat(net.edges.map(function (e, i) {
    return { data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target, s: e.source, t: e.target,
                     n: e.n, g: e.mean_goldstein, colour: colour(e.mean_goldstein),
                     width: 1.5 + 2.5 * Math.log2(1 + e.n), label: String(e.n) } };
  }));
  var cy = cytoscape({
    container: box,
    elements: elements,
    layout: { name: net.nodes.length > 2 ? "cose" : "circle", animate: false, randomize: false, padding: 30,
              nodeRepulsion: function () { return 12000; }, idealEdgeLength: function () { return 90; },
              componentSpacing: 80, nodeOverlap: 20 },
    style: [
      { selector: "node", style: { "label": "data(shown)", "width": "data(size)", "height": "data(size)",
        "background-color": "#33507a", "color": "#1d2330", "font-size": LABEL_PX, "text-valign": "bottom",
        "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 140, "text-outline-color": "#fff",
        "text-outline-width": 2, "min-zoomed-font-size": 0 } },
      { selector: "node:selected, node.hover", style: { "label": "data(label)", "z-index": 10 } },
      { selector: "node[type = 'country']", style: { "shape": "round-rectangle", "background-color": "#6b4f9a" } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "data(colour)",
        "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier",
        "label": "data(label)", "font-size": 10, "color": "#5f6b7a", "text-background-color": "#fff",
        "text-background-opacity": 0.8, "min-zoomed-font-size": 8 } },
      { selector: "edge:selected", style: { "overlay-opacity": 0.15, "overlay-color": "#1f5fa8" } },
      { selector: ".faded", style: { "opacity": 0.2 } }
    ]
  });
  // node labels keep their size on screen whatever the zoom (a fitted graph of 100+ actors is zoomed
  // far out, which would shrink fixed-size labels to a few pixels)
  function scaleLabels() {
    var z = cy.zoom();
    cy.nodes().style({ "font-size": LABEL_PX / z, "text-max-width": 140 / z, "text-outline-width": 2 / z,
                       "text-margin-y": 4 / z });
  }
  cy.on("zoom", scaleLabels);
  scaleLabels();
  cy.on("mouseover", "node", function (evt) { evt.target.addClass("hover"); });
  cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); });
  cy.on("tap", "edge", function (evt) {
    var d = evt.target.data();
    showEdge(d.s, d.t);
  });
  cy.on("tap", "node", function (evt) {
    var n = evt.target;
    cy.elements().addClass("faded");
    n.closedNeighborhood().removeClass("faded");
    var a = el("a", "Open the page of " + n.data("label"));
    a.href = "/actors/" + encodeURIComponent(n.data("actor"));
    list.replaceChildren(a);
  });
  cy.on("tap", function (evt) { if (evt.target === cy) { cy.elements().removeClass("faded"); } });
  window.datelineNetwork = cy;
})();
