/* "Watch this search": turns the page's filters into a watch through POST /api/watches (needs the
   server's write token, typed by the user and sent only with this request). */
(function () {
  "use strict";
  var form = document.getElementById("watch-form");
  var filtersNode = document.getElementById("watch-filters");
  var out = document.getElementById("watch-result");
  if (!form || !filtersNode) { return; }
  form.addEventListener("submit", function (evt) {
    evt.preventDefault();
    var raw = JSON.parse(filtersNode.textContent || "{}");
    var filters = {};
    Object.keys(raw).forEach(function (k) { if (raw[k] !== "" && raw[k] !== false && raw[k] !== null) { filters[k] = raw[k]; } });
    var body = { name: form.elements.name.value };
    body[form.getAttribute("data-kind") || "events"] = filters;
    if (form.elements.email.value) { body.emails = [form.elements.email.value]; }
    out.textContent = "Saving…";
    fetch("/api/watches", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + form.elements.token.value },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, body: j }; });
    }).then(function (res) {
      if (res.ok) {
        out.textContent = "Saved: watch " + res.body.name + ". ";
        var a = document.createElement("a");
        a.textContent = "Atom feed";
        a.href = res.body.feed;
        out.appendChild(a);
      } else {
        out.textContent = (res.body.error && (res.body.error.code + ": " + res.body.error.message)) || "failed";
      }
    }).catch(function (err) { out.textContent = "Could not save: " + err.message; });
  });
})();
