/* The interactive API docs: Swagger UI (vendored) on the app's own OpenAPI document. */
(function () {
  "use strict";
  var box = document.getElementById("swagger-ui");
  if (!box || typeof SwaggerUIBundle === "undefined") { return; }
  window.datelineDocs = SwaggerUIBundle({
    url: box.dataset.openapi,
    domNode: box,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
})();
