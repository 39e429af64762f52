// Admin: a search box that narrows a long list of checkboxes (the session form's trainers).
// Ticked boxes always stay visible. Without JavaScript the box stays hidden and all show.
(function () {
  function setUp(root) {
    var input = root.querySelector("[data-checkbox-filter-input]");
    var none = root.querySelector("[data-checkbox-filter-none]");
    var items = root.querySelectorAll("[data-checkbox-filter-list] label");
    input.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().trim();
      var shown = 0;
      items.forEach(function (label) {
        var box = label.querySelector("input");
        var match = !words || label.textContent.toLowerCase().indexOf(words) !== -1;
        var visible = match || (box && box.checked);
        (label.closest("div") || label).hidden = !visible;
        if (visible) shown += 1;
      });
      none.hidden = shown > 0;
    });
  }
  function init() {
    document.querySelectorAll("[data-checkbox-filter]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
