// "Share this listing": the phone's own share sheet where there is one, else a copy button.
// Without this file the section still shows the link and an email link.
"use strict";

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
