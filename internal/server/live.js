// fupan serve: reload the page when the site is rebuilt, and show the
// problems of a broken review over the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var events = new EventSource(new URL("events", script.src));
  var overlay = null;
  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("ok", clear);
  events.addEventListener("problems", function (e) {
    var problems = JSON.parse(e.data);
    clear();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:1000;" +
      "background:#1f1111;color:#ffdcd7;border:2px solid #ff7b72;border-radius:10px;padding:1rem 1.25rem;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)";
    var h = document.createElement("strong");
    // The site shown is the last good build or, before there was one, the
    // reviews without errors: either way, not these files as they are.
    h.textContent = "fupan: these errors keep the site from showing the reviews as they are now. Mend:";
    overlay.appendChild(h);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      // A problem with no position, such as a missing reviews/ folder, is its message.
      li.textContent = p.line ? p.file + ":" + p.line + ":" + p.col + ": " + p.message : p.message;
      ul.appendChild(li);
    });
    overlay.appendChild(ul);
    var close = document.createElement("button");
    close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss");
    close.style.cssText = "position:absolute;top:.25rem;right:.5rem;background:none;border:0;color:inherit;font-size:1.5rem;cursor:pointer";
    close.onclick = clear;
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  });
})();
