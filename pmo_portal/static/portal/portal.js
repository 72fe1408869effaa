// htmx swaps only successful answers: without this a refused or failed htmx request (a 503 while the
// embedded database is busy, a 500, a lost connection) would change nothing on screen and say nothing.
// The words come from the page (data attributes of #request-error), so they are in the reader's language.
(function () {
  "use strict";

  function show(kind, status) {
    var notice = document.getElementById("request-error");
    if (!notice) return;
    var text = notice.dataset[kind] || notice.dataset.failed;
    notice.textContent = status ? text.replace("{status}", String(status)) : text;
    notice.hidden = false;
  }

  document.addEventListener("htmx:beforeRequest", function () {
    var notice = document.getElementById("request-error");
    if (notice) notice.hidden = true;
  });
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    show(status === 503 ? "busy" : status === 429 ? "limited" : "failed", status);
  });
  document.addEventListener("htmx:sendError", function () {
    show("offline", 0);
  });

  // The 503 page of a refused form: back to the form, where the browser kept what was typed.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-history-back]")) history.back();
  });
})();
