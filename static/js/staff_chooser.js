// The staff chooser (/sessions/<id>/book-staff/): as the search is typed, fetch the matching
// people from the server and replace the results in place. Without JavaScript the search
// form submits as usual. People already ticked stay ticked across searches.
(function () {
  var form = document.querySelector("form[data-staff-chooser]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var timer = null;
  var latest = 0;

  function ticked() {
    return Array.prototype.map.call(
      document.querySelectorAll("input[name=staff]:checked"),
      function (box) { return box.closest(".govuk-table__row"); }
    );
  }

  function search() {
    var params = new URLSearchParams(new FormData(form));
    params.set("partial", "1");
    var request = ++latest;
    fetch(form.action.split("?")[0] + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || request !== latest) return;
        var keep = ticked();
        var current = document.querySelector(form.getAttribute("data-staff-chooser"));
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.firstElementChild;
        var body = fresh.querySelector("tbody");
        keep.forEach(function (row) {
          var box = row.querySelector("input[name=staff]");
          var same = fresh.querySelector("input[name=staff][value='" + box.value + "']");
          if (same) { same.checked = true; } else if (body) { body.insertBefore(row, body.firstChild); }
        });
        current.replaceWith(fresh);
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
})();
