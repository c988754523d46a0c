// Marks overdue action items from their due date and the reader's clock,
// and lets the actions pages show only those:
// the site itself is built without reading the clock, so that two builds of
// the same commit are the same.
(function () {
  "use strict";
  var d = new Date();
  var today = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  var label = document.documentElement.lang === "zh-CN" ? "已逾期" : "overdue";
  document.querySelectorAll("[data-due]").forEach(function (el) {
    if (el.getAttribute("data-due") < today) {
      el.classList.add("overdue");
      var t = el.querySelector("time");
      if (t) {
        var s = document.createElement("span");
        s.className = "overdue-label";
        s.textContent = label;
        t.after(s);
      }
    }
  });

  // "Only overdue" on the actions pages: shown only where it works.
  document.querySelectorAll("[data-overdue-filter]").forEach(function (box) {
    var wrap = box.closest(".overdue-filter");
    var main = box.closest("main");
    if (wrap) wrap.hidden = false;
    box.addEventListener("change", function () {
      main.querySelectorAll("tr[data-due], tbody tr").forEach(function (tr) {
        tr.hidden = box.checked && !tr.classList.contains("overdue");
      });
    });
  });
})();
