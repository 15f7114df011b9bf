// Swagger UI over the hand-written OpenAPI document (the webjar's own initializer points at a demo API)
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../swagger/interlink-api-0.1.yml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
  });
};
