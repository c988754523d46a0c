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

  // Copy buttons on the traceback, the reproduction and the config lines
  // ([data-copy]: its value, or else the element's text).
  if (navigator.clipboard) {
    var copyLabel = document.documentElement.lang === "zh-CN" ? "复制" : "Copy";
    var copiedLabel = document.documentElement.lang === "zh-CN" ? "已复制" : "Copied";
    document.querySelectorAll("[data-copy]").forEach(function (el) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "copy";
      b.textContent = copyLabel;
      b.addEventListener("click", function () {
        var text = el.getAttribute("data-copy") || (el.querySelector("pre") || el).innerText;
        navigator.clipboard.writeText(text.replace(/\n$/, "")).then(function () {
          b.textContent = copiedLabel;
          setTimeout(function () { b.textContent = copyLabel; }, 1500);
        });
      });
      if (el.tagName === "TR") {
        var td = document.createElement("td");
        td.className = "copy-cell";
        td.append(b);
        el.append(td);
      } else if (el.tagName === "CODE") {
        el.after(b);
      } else {
        el.append(b);
      }
    });
  }
})();
