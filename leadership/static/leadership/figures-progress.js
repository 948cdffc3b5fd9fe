// The Figures page while a run is open (leadership/snapshots/figures.html): every few seconds,
// ask how far each open run has got (the JSON of leadership:figures_progress) and put its words
// in the page's status line, which is read out politely. When a run has finished, reload the
// page so it shows the new time and the button again. A bundled file, so the site's
// Content-Security-Policy (no inline script) allows it; without script, the page says to reload.
(function () {
  "use strict";
  var root = document.querySelector("[data-figures-progress]");
  if (!root) {
    return;
  }
  var url = root.getAttribute("data-figures-progress");
  var every = 3000;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var finished = false;
        data.organisations.forEach(function (item) {
          var line = document.querySelector("[data-run-progress='" + item.organisation + "']");
          if (!line) {
            return;
          }
          if (item.open) {
            line.textContent = item.progress;
            var bar = document.querySelector("[data-run-bar='" + item.organisation + "']");
            if (bar && item.total) {
              bar.max = item.total;
              bar.value = item.done;
            }
          } else {
            finished = true;
          }
        });
        if (finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, every);
        }
      })
      .catch(function () {
        window.setTimeout(poll, every * 3);
      });
  }
  window.setTimeout(poll, every);
})();
