/* Project calendar page: "Add another exception" appends an empty row from the formset's template, and
   "Discard" empties a new row again (an empty row is not saved). Without JavaScript the page still
   works: one empty row is offered on every visit. */
(function () {
  "use strict";
  var button = document.getElementById("holiday-add");
  var template = document.getElementById("holiday-template");
  var rows = document.getElementById("holiday-rows");
  var total = document.querySelector('input[name$="-TOTAL_FORMS"]');
  if (!button || !template || !rows || !total) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var index = Number(total.value);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var input = rows.lastElementChild.querySelector('input[type="date"]');
    if (input) { input.focus(); }
  });
  rows.addEventListener("click", function (event) {
    var discard = event.target.closest(".holiday-discard");
    if (!discard) { return; }
    // The row keeps its place (the formset numbers rows by position), emptied and hidden.
    var row = discard.closest("tr");
    row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
    row.querySelectorAll("select").forEach(function (select) { select.selectedIndex = 0; });
    row.hidden = true;
    button.focus();
  });
})();
