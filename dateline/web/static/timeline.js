/* Timeline: events per period of their own date, stacked by quad class, drawn with Chart.js from the
   page's JSON data block. Every period is a bar (empty ones too); the last bar is "undated". */
(function () {
  "use strict";
  var node = document.getElementById("timeline-data");
  var canvas = document.getElementById("timeline-chart");
  if (!node || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  function periodEnd(day, bin) {  /* last day of the period starting on ``day`` (YYYY-MM-DD) */
    var d = new Date(day + "T00:00:00Z");
    if (bin === "week") { d.setUTCDate(d.getUTCDate() + 6); }
    else if (bin === "month") { d.setUTCMonth(d.getUTCMonth() + 1, 0); }
    else if (bin === "year") { d.setUTCFullYear(d.getUTCFullYear(), 11, 31); }
    return d.toISOString().slice(0, 10);
  }
  var colours = { "1": "#2e8b57", "2": "#0f5e3a", "3": "#e08a1e", "4": "#c0392b", "0": "#9aa3ad" };
  var datasets = Object.keys(data.series).map(function (k) {
    return { label: data.names[k], data: data.series[k], backgroundColor: colours[k] || "#999", stack: "events" };
  });
  var chart = new Chart(canvas, {
    type: "bar",
    data: { labels: data.days, datasets: datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "events" } }
      },
      plugins: { legend: { position: "bottom" } },
      onClick: function (evt, elements) {
        if (!elements.length) { return; }
        var day = data.days[elements[0].index];
        var params = new URLSearchParams(window.location.search);
        params.delete("bin");
        params.set("order", "date");
        if (day === "undated") {
          params.delete("since"); params.delete("until");
        } else {
          params.set("since", day); params.set("until", periodEnd(day, data.bin));
        }
        window.location.href = "/events?" + params.toString();
      }
    }
  });
  window.datelineTimeline = chart;
})();
