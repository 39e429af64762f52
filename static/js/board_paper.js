// A board paper being prepared: ask for its progress every two seconds and show it; once it
// is finished, reload so the server draws the done (or failed) page with its download link.
// Without script the page's <noscript> meta refresh does the same, more coarsely.
(function () {
  var box = document.getElementById("paper-progress");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var text = box.querySelector("[data-paper-status]");
  var state = document.querySelector("[data-paper-state]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (paper) {
        if (!paper) {
          return;
        }
        if (paper.finished) {
          window.location.reload();
          return;
        }
        if (paper.status === "running") {
          text.textContent = "Step " + paper.steps_done + " of " + paper.steps_total + " done (" + paper.percent + "%).";
        }
        if (state) {
          state.textContent = paper.status_label;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
