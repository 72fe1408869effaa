/* Project calendar page: "Add another holiday" appends an empty row from the formset's template.
   Without JavaScript the page still works: one empty row is offered on every visit. */
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
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var input = rows.lastElementChild.querySelector('input[type="date"]');
    if (input) { input.focus(); }
  });
})();
