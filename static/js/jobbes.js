// Small enhancements on top of htmx. Every page works without this file.
"use strict";

// After htmx swaps in a form with errors, move focus to its error summary, as a full page load
// does through the `autofocus` attribute.
document.addEventListener("htmx:after:swap", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// "Show listings" inside the filter panel folds the panel, so that on a phone the results it
// asked for start on the first screen (a page load without JavaScript arrives folded too).
document.addEventListener("submit", (event) => {
  const panel = event.submitter && event.submitter.closest("details.filters");
  if (panel) panel.open = false;
});
