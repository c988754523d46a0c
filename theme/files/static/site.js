// Marks overdue action items from their due date and the reader's clock:
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
})();
