// Dot voting: keep "You have N dots left" up to date while the voter types. The page already
// shows the count saved on the server; this only adds the live update, and the server checks
// the ballot again when it is saved.
(function () {
  "use strict";
  var form = document.querySelector("[data-dots-per-voter]");
  var counter = document.getElementById("dots-left-count");
  if (!form || !counter) {
    return;
  }
  var total = parseInt(form.getAttribute("data-dots-per-voter"), 10);
  function update() {
    var used = 0;
    form.querySelectorAll("input[type=number]").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (!isNaN(value) && value > 0) {
        used += value;
      }
    });
    var left = total - used;
    if (left >= 0) {
      counter.textContent = "You have " + left + " dot" + (left === 1 ? "" : "s") + " left";
    } else {
      counter.textContent = "You have used " + -left + " dot" + (left === -1 ? "" : "s") + " too many";
    }
  }
  form.addEventListener("input", update);
  update();
})();
