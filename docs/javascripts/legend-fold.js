// The legend of the who-says-what page is a native <details>, open in the HTML so that it is
// complete without JavaScript. On a phone it would fill the first screen before any claim, so
// this closes it there once, on load; the reader opens it with one tap. Nothing is fetched.
(function () {
  "use strict";

  function fold() {
    if (!window.matchMedia("(max-width: 44.984375em)").matches) return;
    document.querySelectorAll("article details.legend[open]").forEach(function (d) {
      if (d.dataset.folded) return;
      d.dataset.folded = "1";
      d.removeAttribute("open");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fold);
  } else {
    fold();
  }
})();
