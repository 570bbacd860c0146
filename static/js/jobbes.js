// Small enhancements on top of htmx. Every page works without this file.
"use strict";

// After htmx swaps in a form with errors, move focus to its error summary, as a full page load
// does through the `autofocus` attribute.
document.addEventListener("htmx:after:swap", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
