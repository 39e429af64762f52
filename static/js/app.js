// Progressive enhancement for GOV.UK Frontend components. Loaded as a file, never inline, so the
// Content Security Policy needs no script exceptions.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
if (window.GOVUKFrontend) {
  window.GOVUKFrontend.initAll();
}
