// Swagger UI on this server's live OpenAPI document (the copy next to this page, open like the page).
// "Authorize" takes HTTP Basic credentials; Swagger UI sends them with every "Try it out" call.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', window.location.href).toString(),
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'none',
    // No badge calling an online validator: nothing leaves the server the explorer came from.
    validatorUrl: null,
    persistAuthorization: false
  });
});
