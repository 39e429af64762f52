// Progressive enhancement for GOV.UK Frontend components. Loaded as a file, never inline, so the
// Content Security Policy needs no script exceptions.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
if (window.GOVUKFrontend) {
  window.GOVUKFrontend.initAll();
}

// Report sections that load after the page (data-app-load): fetch the fragment and put it in
// place. On any failure the section keeps its link, which opens the same table as a page.
document.querySelectorAll("[data-app-load]").forEach(function (section) {
  var url = section.getAttribute("data-app-load");
  var status = section.querySelector("[data-app-load-status]");
  var link = status && status.innerHTML;
  if (status) {
    status.textContent = "Loading…";
  }
  var fragmentUrl = url + (url.indexOf("?") === -1 ? "?" : "&") + "fragment=1";
  fetch(fragmentUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.text();
    })
    .then(function (html) {
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var loaded = holder.querySelector("section");
      if (!loaded) {
        throw new Error("no section");
      }
      section.replaceWith(loaded);
    })
    .catch(function () {
      if (status) {
        status.innerHTML = link;
      }
      section.removeAttribute("aria-busy");
    });
});
