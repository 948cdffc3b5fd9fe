// The error summary (includes/form_errors.html): when a page comes back with errors, move focus
// to the summary so it is in view and read out first, above everything a phone would otherwise
// show; a link in it moves focus to its field and scrolls the field's label into view with it.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + input.id + "']");
    var fieldset = input.closest("fieldset");
    if (!label && fieldset) {
      label = fieldset.querySelector("legend");
    }
    (label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
