// The search interface of the site. It mounts into what the pages already
// have: the header's search form (input#q, on every page) and, on the
// search page, #search-results. Typing in the header box shows results as
// you type: in a panel under the box, or on the search page in its results,
// with filters (severity, service, exception, year) and a mode that ranks
// by a pasted traceback as "fupan similar" does. "/" focuses the box;
// arrows move through the results and Enter opens one. The search page
// reads ?q= and keeps it up to date as the query changes, so every search
// is a link. similar.js (and its traceback parser) loads only when the
// traceback mode is opened; the traceback is found in a worker, 200 ms
// after the last keystroke, in the last 1 MiB of the log (parselog.js).
//
// Every result is an element with data-review-id="<id>", in rank order.
// Review text is only ever set with textContent: it is never parsed as HTML.

import { open, highlights } from "./search.js";
import { indexDir } from "./format.js";

const root = new URL("../../", import.meta.url); // the site root
const zh = document.documentElement.lang === "zh-CN";
const T = (en, cn) => (zh ? cn : en);
const LIMIT_PANEL = 8;
const LIMIT_PAGE = 20; // and 20 more each time "More results" is pressed
const PASTE_PAUSE = 200; // ms without input before a pasted traceback is read

let searcher = null;
function index() {
  searcher ??= open(new URL(indexDir, root));
  return searcher;
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

// severities are the site's severity names, the most severe first (the
// body's data-severities, written by the layout), for their badges.
let severities = null;
function sevBadge(name) {
  if (!name) return null;
  severities ??= JSON.parse(document.body.dataset.severities || "[]");
  const i = severities.indexOf(name);
  const rank = Math.min(i < 0 ? severities.length - 1 : i, 3) + 1;
  return el("span", { class: "sev sev" + Math.max(rank, 1) }, name);
}

// snippet returns about width characters of text around its first match
// of the query, with an ellipsis where it is cut, and the matches marked.
function snippet(text, q, width = 140) {
  if (!text) return null;
  const spans = highlights(text, q);
  let from = 0;
  if (spans.length && spans[0][0] > width / 3) from = spans[0][0] - Math.floor(width / 3);
  let to = Math.min(text.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  // Cut at spaces where there are any near, so no word is halved.
  if (from > 0) {
    const sp = text.indexOf(" ", from);
    if (sp > 0 && sp - from < 20) from = sp + 1;
  }
  if (to < text.length) {
    const sp = text.lastIndexOf(" ", to);
    if (sp > from && to - sp < 20) to = sp;
  }
  const f = marked(text.slice(from, to), q);
  if (from > 0) f.prepend("…");
  if (to < text.length) f.append("…");
  return f;
}

// marked returns text as a fragment with the query's matches in <mark>.
function marked(text, q) {
  const f = document.createDocumentFragment();
  let at = 0;
  for (const [a, b] of highlights(text, q)) {
    f.append(text.slice(at, a), el("mark", {}, text.slice(a, b)));
    at = b;
  }
  f.append(text.slice(at));
  return f;
}

// renderHits fills list with the hits.
function renderHits(list, hits, q, compact) {
  list.replaceChildren();
  for (const h of hits) {
    const m = h.meta;
    const href = new URL("reviews/" + encodeURIComponent(m.id) + "/", root).href;
    const li = el("li", { class: "search-hit", "data-review-id": m.id, role: "option", id: "hit-" + m.id });
    li.append(el("a", { href, tabindex: "-1" }, marked(m.title, q)));
    const facts = [m.date, m.services.join(", ")].filter(Boolean).join(" · ");
    li.append(el("p", { class: "search-facts" }, sevBadge(m.severity), " ", facts));
    if (compact) {
      // What matched, under the title: the summary around its first match.
      if (m.summary) li.append(el("p", { class: "search-snippet" }, snippet(m.summary, q)));
    } else {
      if (m.exceptions.length) li.append(el("p", { class: "search-exceptions" }, marked(m.exceptions.join(", "), q)));
      if (h.reasons && h.reasons.length) li.append(el("p", { class: "search-reasons" }, h.reasons.join("; ")));
      if (m.summary) li.append(el("p", { class: "search-summary" }, marked(m.summary, q)));
    }
    list.append(li);
  }
}

// keyboard makes the arrows move through list's hits from input, and
// Enter open the active one.
function keyboard(input, list) {
  let active = -1;
  const items = () => [...list.querySelectorAll("[data-review-id]")];
  const show = () => {
    items().forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    const cur = items()[active];
    if (cur) {
      input.setAttribute("aria-activedescendant", cur.id);
      cur.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  input.addEventListener("keydown", (e) => {
    const n = items().length;
    if (e.key === "ArrowDown" && n) {
      active = (active + 1) % n;
      show();
      e.preventDefault();
    } else if (e.key === "ArrowUp" && n) {
      active = active <= 0 ? n - 1 : active - 1;
      show();
      e.preventDefault();
    } else if (e.key === "Enter" && active >= 0 && active < n) {
      e.preventDefault();
      location.href = items()[active].querySelector("a").href;
    }
  });
  // Where the Enter of a keydown still submits the form (synthetic key
  // events), open the active result instead.
  input.form?.addEventListener("submit", (e) => {
    const cur = items()[active];
    if (cur) {
      e.preventDefault();
      e.stopImmediatePropagation();
      location.href = cur.querySelector("a").href;
    }
  });
  return () => {
    active = -1;
    show();
  };
}

// filterQuery returns the query text with the filter of key set to value
// (or removed when value is ""); a year is since:Y until:Y.
function withFilter(text, key, value) {
  const keys = key === "year" ? ["since", "until"] : [key];
  const items = text.split(/\s+/).filter((w) => w && !keys.some((k) => w.toLowerCase().startsWith(k + ":")));
  if (value) {
    if (key === "year") items.push("since:" + value, "until:" + value);
    else items.push(key + ":" + value);
  }
  return items.join(" ");
}

function filterValue(text, key) {
  if (key === "year") return yearOf(text);
  const w = text.split(/\s+/).find((w) => w.toLowerCase().startsWith(key + ":"));
  return w ? w.slice(key.length + 1).toLowerCase() : "";
}

// yearOf returns the year that since: and until: in text make up: "2025"
// for since:2025 until:2025 (or since:2025-01-01 until:2025-12-31); "" when
// there is neither; CUSTOM for any other range, which no year stands for.
const CUSTOM = "custom";
function yearOf(text) {
  const get = (k) => {
    const w = text.split(/\s+/).find((w) => w.toLowerCase().startsWith(k + ":"));
    return w ? w.slice(k.length + 1) : null;
  };
  const since = get("since"), until = get("until");
  if (since === null && until === null) return "";
  const y = /^(\d{4})(?:-01(?:-01)?)?$/.exec(since || "");
  const z = /^(\d{4})(?:-12(?:-31)?)?$/.exec(until || "");
  return y && z && y[1] === z[1] ? y[1] : CUSTOM;
}

// filters builds the filter controls, which edit the query text.
async function filters(form, input, run) {
  const s = await index();
  const box = el("div", { class: "search-filters" });
  const v = s.meta.values || {};
  const options = { severity: v.severity || [], service: v.service || [], exception: v.exception || [], year: v.year || [] };
  const labels = { severity: T("Severity", "级别"), service: T("Service", "服务"), exception: T("Exception", "异常"), year: T("Year", "年份") };
  const selects = {};
  for (const [key, values] of Object.entries(options)) {
    const sel = el("select", { name: "filter-" + key, "aria-label": labels[key] });
    sel.append(el("option", { value: "" }, labels[key] + ": " + T("any", "全部")));
    for (const v of values) sel.append(el("option", { value: v }, v));
    // A range of since: and until: that is no one year shows as such.
    if (key === "year") sel.append(el("option", { value: CUSTOM, disabled: "", hidden: "" }, labels[key] + ": " + T("other range", "其他范围")));
    sel.addEventListener("change", () => {
      input.value = withFilter(input.value, key, sel.value) + " ";
      run();
    });
    selects[key] = sel;
    box.append(el("label", {}, sel));
  }
  form.before(box);
  return () => {
    for (const [key, sel] of Object.entries(selects)) sel.value = filterValue(input.value, key);
  };
}

// readLogOffThread finds the traceback in a pasted log in a worker
// (parselog-worker.js): {tb, error, note}, as readLog returns it; or null
// when a newer log was passed before this one was read, whose reading is
// then stopped. Where no worker can start, it reads the log here.
let worker = null;
let abandon = null;
async function readLogOffThread(text) {
  if (abandon) {
    abandon();
    worker.terminate();
    worker = null;
  }
  try {
    worker ??= new Worker(new URL("parselog-worker.js", import.meta.url), { type: "module" });
  } catch {
    return (await import("./parselog.js")).readLog(text);
  }
  return new Promise((resolve) => {
    const done = (v) => {
      abandon = null;
      resolve(v);
    };
    abandon = () => done(null);
    worker.onmessage = (e) => done(e.data);
    worker.onerror = async (e) => {
      e.preventDefault();
      worker = null;
      done((await import("./parselog.js")).readLog(text));
    };
    worker.postMessage(text);
  });
}

function mountPage(input, results) {
  const status = el("p", { class: "search-status", role: "status" });
  const count = (r) =>
    r.total > r.hits.length
      ? T(r.hits.length + " of " + r.total + " reviews", "共 " + r.total + " 篇，显示 " + r.hits.length + " 篇")
      : T(r.total === 1 ? "1 review" : r.total + " reviews", r.total + " 篇复盘");
  const list = el("ol", { class: "search-hits", role: "listbox", "aria-label": T("Results", "结果") });
  const tbForm = el("form", { class: "search-traceback", hidden: "" });
  const tbArea = el("textarea", { name: "traceback", rows: "10", "aria-label": T("Traceback", "回溯"), placeholder: T("Paste a traceback (Python, Java or Go)", "粘贴回溯（Python、Java 或 Go）") });
  tbForm.append(tbArea);
  const toggle = el("button", { type: "button", class: "search-mode", "aria-pressed": "false" }, T("Paste a traceback", "粘贴回溯"));
  const bar = el("div", { class: "search-bar" }, toggle);
  results.replaceChildren(bar, tbForm, status, list);
  const reset = keyboard(input, list);
  let seq = 0;
  let syncFilters = () => {};

  const more = el("button", { type: "button", class: "search-more", hidden: "" }, T("More results", "更多结果"));
  results.append(more);
  let limit = LIMIT_PAGE;
  let lastText = null;

  const run = async () => {
    const n = ++seq;
    const text = input.value;
    if (text !== lastText) limit = LIMIT_PAGE;
    lastText = text;
    const url = new URL(location.href);
    if (text.trim()) url.searchParams.set("q", text);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    syncFilters();
    more.hidden = true;
    if (!text.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const s = await index();
    const r = await s.search(text, limit);
    if (n !== seq) return;
    reset();
    if (r.error) {
      status.textContent = r.error;
      list.replaceChildren();
      return;
    }
    renderHits(list, r.hits, r.query, false);
    // How the query was read (a typo, a filter value no review has), then the count or "no match".
    status.textContent = [...(r.notes || []), r.hits.length ? count(r) : T("No review matches.", "没有匹配的复盘。")].filter(Boolean).join(". ");
    more.hidden = r.hits.length < limit;
  };
  more.addEventListener("click", () => {
    limit += LIMIT_PAGE;
    run();
  });

  let pending = 0;
  const runSimilar = async () => {
    clearTimeout(pending);
    const n = ++seq;
    const found = await readLogOffThread(tbArea.value);
    if (n !== seq || !found) return;
    const s = await index();
    const { similar } = await import("./similar.js"); // only in this mode
    const r = await similar(s, found, LIMIT_PAGE);
    if (n !== seq) return;
    more.hidden = true;
    reset();
    const none = r.error || (r.hits.length ? "" : T("No prior incident like this.", "没有类似的历史故障。"));
    status.textContent = [r.note, none].filter(Boolean).join(". ");
    renderHits(list, r.hits, r.query, false);
  };

  toggle.addEventListener("click", () => {
    const on = tbForm.hidden;
    tbForm.hidden = !on;
    toggle.setAttribute("aria-pressed", String(on));
    if (on) {
      tbArea.focus();
      if (tbArea.value.trim()) runSimilar();
    } else run();
  });
  // Typing or pasting waits for a pause before the log is read.
  tbArea.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(runSimilar, PASTE_PAUSE);
  });
  input.addEventListener("input", () => {
    if (!tbForm.hidden) {
      tbForm.hidden = true;
      toggle.setAttribute("aria-pressed", "false");
    }
    run();
  });
  input.form?.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  const q = new URL(location.href).searchParams.get("q");
  if (q) input.value = q;
  filters(bar, input, run).then((sync) => {
    syncFilters = sync;
    sync();
  });
  results.dataset.ready = "true";
  if (q) run();
}

function mountPanel(input) {
  const form = input.form;
  const panel = el("div", { class: "search-panel", hidden: "" });
  const status = el("p", { class: "search-status", role: "status" }); // what is wrong with the query
  const list = el("ol", { class: "search-hits", role: "listbox", "aria-label": T("Results", "结果") });
  const more = el("a", { class: "search-more" }, T("All results", "全部结果"));
  panel.append(status, list, more);
  form.append(panel);
  const reset = keyboard(input, list);
  let seq = 0;
  input.addEventListener("input", async () => {
    const n = ++seq;
    const text = input.value;
    if (!text.trim()) {
      panel.hidden = true;
      return;
    }
    const s = await index();
    const r = await s.search(text, LIMIT_PANEL);
    if (n !== seq) return;
    reset();
    status.textContent = r.error;
    status.hidden = !r.error;
    more.hidden = Boolean(r.error);
    renderHits(list, r.hits, r.query, true);
    more.href = new URL("search/?q=" + encodeURIComponent(text), root).href;
    panel.hidden = false;
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") panel.hidden = true;
  });
  document.addEventListener("click", (e) => {
    if (!panel.contains(e.target) && e.target !== input) panel.hidden = true;
  });
}

function mount() {
  const link = el("link", { rel: "stylesheet", href: new URL("search.css", import.meta.url).href });
  document.head.append(link);
  const input = document.getElementById("q");
  if (!input) return;
  input.setAttribute("autocomplete", "off");
  input.setAttribute("aria-keyshortcuts", "/");
  // The hint of the shortcut, in the box's end while it is empty and not
  // focused (search.css).
  const hint = el("kbd", { class: "search-key", title: T("Press / to search", "按 / 搜索"), "aria-hidden": "true" }, "/");
  input.after(hint);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
    // Where the key's character still arrives, it is not typed.
    input.addEventListener("beforeinput", (b) => b.data === "/" && b.preventDefault(), { once: true });
  });
  const results = document.getElementById("search-results");
  if (results) mountPage(input, results);
  else mountPanel(input);
  // Load the index's entry early, while the reader starts typing.
  input.addEventListener("focus", () => index(), { once: true });
}

mount();
