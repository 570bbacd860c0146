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

// "Share this listing": the phone's own share sheet where there is one, else a copy button.
// Without this file the section still shows the link and an email link.
document.querySelectorAll("[data-share]").forEach((section) => {
  const url = section.dataset.shareUrl;
  const title = section.dataset.shareTitle;
  const status = section.querySelector("[data-share-status]");
  const nativeButton = section.querySelector("[data-share-native]");
  const copyButton = section.querySelector("[data-share-copy]");

  if (typeof navigator.share === "function") {
    nativeButton.hidden = false;
    nativeButton.addEventListener("click", () => {
      // Closing the share sheet without choosing rejects; that is not an error to show.
      navigator.share({ title, url }).catch(() => {});
    });
  } else if (navigator.clipboard && window.isSecureContext) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", () => {
      navigator.clipboard.writeText(url).then(
        () => { status.textContent = status.dataset.copied; },
        () => { status.textContent = status.dataset.failed; },
      );
    });
  }
});

// A conversation left open in a tab nobody looks at must not tell the other side "Read": its
// polls wait until the tab is shown again, and the next one then catches up.
document.addEventListener("htmx:before:request", (event) => {
  if (document.hidden && event.target.matches && event.target.matches("[data-poll]")) {
    event.preventDefault();
  }
});
