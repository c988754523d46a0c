// The search of the static site: a port of fupan's Go package
// internal/search (Parse and Search; its doc.go specifies the scoring) over
// the files that internal/webindex exports (its doc.go specifies them).
// The relevance parity test runs the search issue's queries in Chromium
// through this file and requires the same top results as Go.
//
//   import { indexDir } from "./format.js";
//   const s = await open(new URL(indexDir, siteRoot));
//   const { hits, query } = await s.search("ConnectTimeout", 20);
//   hits: [{doc, score, all, meta: {id, title, date, severity, services, exceptions, summary}}]

import { tokens, lower, byteLen, isCJK, MAX_TERM_BYTES } from "./analysis.js";
import { stem } from "./stem.js";

export const FILTER_KEYS = ["service", "severity", "status", "exception", "tag", "since", "until"];
const MIN_PREFIX = 2;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// The limits of a query: search.MaxQueryBytes and search.MaxQueryTerms,
// whose doc says why.
export const MAX_QUERY_BYTES = 1000;
export const MAX_QUERY_TERMS = 64;
const SPACE = /\p{White_Space}/u;
const K1 = 1.2, B = 0.75;

// cmp compares strings by code point, as Go compares them by bytes.
export function cmp(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

// wordTerms is search.WordTerms.
export function wordTerms(s) {
  return wordTermsParts(s).terms;
}

// wordTermsParts is search.wordTerms: {terms, parts}; parts (per term,
// the phrase of its parts when it has two distinct ones, else null) is
// null when no term has them.
function wordTermsParts(s) {
  const terms = [], parts = [];
  let end = 0, any = false;
  for (const t of tokens(s)) {
    const cjk = isCJK(String.fromCodePoint(t.term.codePointAt(0)));
    if (!cjk && t.start < end) continue;
    if (!cjk) end = t.end;
    if (terms.includes(t.term)) continue;
    terms.push(t.term);
    let ps = null;
    if (!cjk) {
      const ph = phraseTerms(s.slice(t.from, t.to));
      if (distinctParts(ph) >= 2) {
        ps = ph;
        any = true;
      }
    }
    parts.push(ps);
  }
  return { terms, parts: any ? parts : null };
}

// distinctParts counts the distinct terms of a phrase, "" aside.
function distinctParts(terms) {
  return new Set(terms.filter((t) => t !== "")).size;
}

// isNot is search.isNot: "-" and a letter.
function isNot(item) {
  return item.length >= 2 && item[0] === "-" && /\p{L}/u.test(String.fromCodePoint(item.codePointAt(1)));
}

// cjkPieces is search.cjkPieces: item cut where CJK text meets other
// text (Redis超时了 → Redis, 超时了).
function cjkPieces(item) {
  const pieces = [];
  let piece = "", prev = false;
  for (const c of item) {
    const cjk = isCJK(c);
    if (piece !== "" && cjk !== prev) {
      pieces.push(piece);
      piece = "";
    }
    piece += c;
    prev = cjk;
  }
  pieces.push(piece);
  return pieces;
}

// keepValue is search.keepValue: whether a review with value v of the
// filter's key is kept by the filter's value want.
function keepValue(key, v, want) {
  switch (key) {
    case "exception": return v === want || v.endsWith("." + want);
    case "service": case "tag": return v === want || nameKey(v) === nameKey(want);
  }
  return v === want;
}

// nameKey is search.nameKey: each run of characters other than letters,
// digits and "." made one "-", none at the ends.
function nameKey(s) {
  return s.replace(/[^\p{L}\p{N}.]+/gu, "-").replace(/^-+|-+$/g, "");
}

// phraseTerms is search.PhraseTerms.
export function phraseTerms(s) {
  const ts = tokens(s);
  if (ts.length === 0) return [];
  const first = ts[0].position;
  const terms = new Array(ts[ts.length - 1].position - first + 1).fill("");
  for (const t of ts) terms[t.position - first] = t.term;
  return terms;
}

// parse is search.Parse: {words: [{text, terms, prefix}], phrases:
// [{text, terms}], filters: [{key, value}]}. It throws what Go returns,
// in the same words: a query over the limits, a bad date, an empty query.
// custom are the names of the custom fields of fupan.yaml (meta.custom),
// filter keys besides FILTER_KEYS, as search.ParseCustom.
export function parse(s, custom = []) {
  const bytes = byteLen(s);
  if (bytes > MAX_QUERY_BYTES) {
    throw new Error(`query is ${thousands(bytes)} bytes; the limit is ${thousands(MAX_QUERY_BYTES)}: search for the most distinctive words`);
  }
  const q = { words: [], phrases: [], filters: [] };
  const cps = Array.from(s);
  let lastWord = -1;
  let first = -1, last = -1; // where the first item begins and the last ends
  // For OR: the last word or phrase, whether an OR came after it, the OR
  // groups so far.
  let prev = null, or = false, alts = 0;
  const join = (item) => {
    if (or && prev) {
      if (!prev.alt) prev.alt = ++alts;
      item.alt = prev.alt;
    }
    or = false;
    prev = item;
  };
  let i = 0;
  while (i < cps.length) {
    const c = cps[i];
    if (SPACE.test(c)) {
      i++;
      lastWord = -1;
      continue;
    }
    if (first < 0) first = i;
    if (c === '"') {
      let j = i + 1;
      while (j < cps.length && cps[j] !== '"') j++;
      const text = cps.slice(i + 1, j).join("");
      const terms = phraseTerms(text);
      if (terms.length > 0) {
        const p = { text, terms };
        q.phrases.push(p);
        join(p);
      }
      i = j + 1;
      last = Math.min(i, cps.length);
      lastWord = -1;
      continue;
    }
    let j = i;
    while (j < cps.length && !SPACE.test(cps[j]) && cps[j] !== '"') j++;
    const item = cps.slice(i, j).join("");
    i = j;
    last = j;
    lastWord = -1;
    const colon = item.indexOf(":");
    const key0 = colon >= 0 ? lower(item.slice(0, colon)) : "";
    if (colon >= 0 && colon < item.length - 1 && (FILTER_KEYS.includes(key0) || custom.some((c) => lower(c) === key0))) {
      const key = lower(item.slice(0, colon));
      const value = item.slice(colon + 1);
      if (key === "since" || key === "until") {
        const bad = checkDate(value);
        if (bad) throw new Error(`${key}:${value}: ${bad}`);
      }
      q.filters.push({ key, value: lower(value) });
      prev = null;
      or = false;
      continue;
    }
    if (item === "OR" && prev && cps.slice(j).some((c) => !SPACE.test(c))) {
      or = true;
      continue;
    }
    if (isNot(item)) {
      const terms = wordTerms(item.slice(1));
      if (terms.length > 0) q.words.push({ text: item, terms, prefix: false, not: true });
      continue;
    }
    for (const piece of cjkPieces(item)) {
      const { terms, parts } = wordTermsParts(piece);
      if (terms.length > 0) {
        const w = { text: piece, terms, prefix: false };
        if (parts) w.parts = parts;
        q.words.push(w);
        lastWord = q.words.length - 1;
        join(w);
      }
    }
  }
  if (lastWord >= 0) {
    const w = q.words[lastWord];
    w.prefix = byteLen(w.terms[w.terms.length - 1]) >= MIN_PREFIX;
  }
  const n = [...q.words, ...q.phrases].reduce((n, x) => n + x.terms.length, 0);
  if (n > MAX_QUERY_TERMS) {
    throw new Error(`query has ${n} terms; the limit is ${MAX_QUERY_TERMS}: search for the most distinctive words (a term is a word, a part of a "phrase", or two CJK characters)`);
  }
  if (q.words.length + q.phrases.length + q.filters.length === 0) {
    const hint = 'give a word, a "phrase" or a filter such as service:order-api';
    if (first < 0) throw new Error("empty query: " + hint);
    const text = cps.slice(first, last).join("");
    throw new Error(`no searchable words in "${text}": punctuation, symbols and words over ${MAX_TERM_BYTES} bytes are not indexed; ${hint}`);
  }
  return q;
}

// plan is search.plan: {units: [{label, node, names}], exclude: [node],
// filters} of a parsed query, over an index whose has(term, prefix) tells
// whether a text field holds term (or, for a prefix, a term that begins
// with it). A node is {op: "term", term, prefix} | {op: "phrase", terms} |
// {op: "all", kids} | {op: "any", kids, min}.
export function plan(q, lx) {
  const p = { units: [], exclude: [], filters: q.filters, typos: [] };
  const group = new Map(); // alt → unit
  const add = (alt, label, node, name, prefix) => {
    const names = name ? [{ name, prefix }] : [];
    if (alt && group.has(alt)) {
      const u = group.get(alt);
      u.label += " OR " + label;
      u.node.kids.push(node);
      for (const nm of names) if (!u.names.some((x) => x.name === nm.name && x.prefix === nm.prefix)) u.names.push(nm);
      return;
    }
    if (alt) node = { op: "any", min: 1, kids: [node] };
    const u = { label, node, names };
    if (alt) group.set(alt, u);
    p.units.push(u);
  };
  for (const w of q.words) {
    if (w.not) {
      p.exclude.push(allNode(w.terms.map((term) => ({ op: "term", term, prefix: false }))));
      continue;
    }
    const { node, name, prefix } = wordNode(w, lx, p.typos);
    add(w.alt, w.text, node, name, prefix);
  }
  for (const ph of q.phrases) add(ph.alt, `"${ph.text}"`, { op: "phrase", terms: ph.terms }, phraseName(ph), false);
  const row = inARow(q);
  if (row && row.terms.every((t) => t === "" || lx.has(t, false))) p.units.push({ label: `"${row.text}"`, node: { op: "phrase", terms: row.terms }, names: [], in_a_row: true });
  return p;
}

// MAX_IN_A_ROW is search.maxInARow.
const MAX_IN_A_ROW = 16;

// inARow is search.inARow: {text, terms} of the query's words as one
// phrase, when it is two or more words and no phrase or OR, of at most
// MAX_IN_A_ROW terms; else null.
function inARow(q) {
  if (q.phrases.length > 0 || q.words.some((w) => w.alt)) return null;
  const texts = q.words.filter((w) => !w.not).map((w) => w.text);
  if (texts.length < 2) return null;
  const text = texts.join(" ");
  const terms = phraseTerms(text);
  return terms.length < 2 || terms.length > MAX_IN_A_ROW ? null : { text, terms };
}

const MIN_SUFFIX = 3;
const LETTER = /\p{L}/u;

function isCJKTerm(t) {
  return isCJK(String.fromCodePoint(t.codePointAt(0)));
}

// wordNode is search.wordNode: {node, name, prefix}.
function wordNode(w, lx, typos) {
  const kids = [], cjk = [];
  let name = "", prefix = false;
  w.terms.forEach((t, i) => {
    const pre = w.prefix && i === w.terms.length - 1;
    if (isCJKTerm(t)) cjk.push({ op: "term", term: t, prefix: pre });
    else {
      const { node, typo, name: nm } = fallback(lx, t, pre, w.parts ? w.parts[i] : null);
      if (typo) typos.push(typo);
      kids.push(node);
      name = nm;
      prefix = pre && !typo;
    }
  });
  if (cjk.length >= 3) kids.push({ op: "any", min: Math.floor((2 * cjk.length + 2) / 3), kids: cjk });
  else kids.push(...cjk);
  const node = allNode(kids);
  if (w.terms.length === 1 && name) return { node, name, prefix };
  return { node, name: "", prefix: false };
}

// suffixes are the dotted suffixes of a term that it may fall back to, longest first.
export function suffixes(term) {
  const out = [];
  for (let i = 0; i < term.length; i++) {
    if (term[i] !== ".") continue;
    const s = term.slice(i + 1);
    if (byteLen(s) >= MIN_SUFFIX && s.length > 0 && LETTER.test(String.fromCodePoint(s.codePointAt(0)))) out.push(s);
  }
  return out;
}

// fallback is search.fallback: {node, typo}.
function fallback(lx, term, prefix, parts) {
  const forms = !parts && stemmable(term) ? variants(lx, term).map((v) => ({ op: "term", term: v, prefix: false, boost: FORM_BOOST })) : [];
  if (lx.has(term, prefix)) {
    const n = { op: "term", term, prefix };
    return { node: forms.length ? { op: "any", min: 1, kids: [n, ...forms] } : n, name: term };
  }
  if (forms.length) return { node: { op: "any", min: 1, kids: forms }, name: term };
  for (const s of suffixes(term)) if (lx.has(s, prefix)) return { node: { op: "term", term: s, prefix }, name: s };
  const all = [];
  let held = true;
  if (parts) {
    parts.forEach((t, i) => {
      if (t !== "" && !parts.slice(0, i).includes(t)) {
        all.push({ op: "term", term: t, prefix: false });
        held = held && lx.has(t, false);
      }
    });
  }
  const t = typoTarget(term);
  if (t) {
    const near = nearest(t, lx.vocabulary(), maxTypos(t));
    if (near.length > 0) {
      const kids = near.map((x) => ({ op: "term", term: x, prefix: false }));
      let node = kids.length === 1 ? kids[0] : { op: "any", min: 1, kids };
      if (parts && held) node = { op: "any", min: 1, kids: [{ op: "phrase", terms: parts }, { op: "all", kids: all }, node] };
      return { node, typo: { term: t, as: near }, name: near[0] };
    }
  }
  if (!parts) return { node: { op: "term", term, prefix }, name: term };
  return { node: { op: "any", min: 1, kids: [{ op: "phrase", terms: parts }, { op: "all", kids: all }] }, name: "" };
}

// --- Word endings: search.variants.

const FORM_BOOST = 0.5;
const MAX_FORMS = 16;
const MIN_FORMS = 4;

// stemOf is stem, remembered: typing stems the same terms again and again.
const stems = new Map();
function stemOf(t) {
  let s = stems.get(t);
  if (s === undefined) {
    s = stem(t);
    stems.set(t, s);
  }
  return s;
}

// stemmable is analysis.Stemmable.
export function stemmable(t) {
  return /^[a-z]{3,}$/.test(t);
}

// formsPrefix is the prefix that the other forms of a word are looked up by, or "".
export function formsPrefix(word) {
  if (word.length < MIN_FORMS) return "";
  const st = stemOf(word);
  let p = st.replace(/[ei]+$/, "");
  if (st.length - p.length > 1) p = st.slice(0, -1);
  return p.length >= 3 ? p : "";
}

// variants is search.variants.
function variants(lx, word) {
  const p = formsPrefix(word);
  if (!p) return [];
  const st = stemOf(word);
  const out = [];
  for (const t of lx.expand(p)) {
    if (t !== word && stemmable(t) && stemOf(t) === st) {
      out.push(t);
      if (out.length === MAX_FORMS) break;
    }
  }
  return out;
}

// typoTarget is search.typoTarget.
function typoTarget(term) {
  if (maxTypos(term) > 0) return term;
  const s = suffixes(term);
  return s.length > 0 && maxTypos(s[s.length - 1]) > 0 ? s[s.length - 1] : "";
}

// needsVocabulary tells whether fallback would look term up in the vocabulary.
function needsVocabulary(lx, term, prefix, parts) {
  if (!parts && stemmable(term) && variants(lx, term).length > 0) return false;
  return Boolean(typoTarget(term)) && !lx.has(term, prefix) && !suffixes(term).some((s) => lx.has(s, prefix));
}

// readAs is fupan search's note on typos.
export function readAs(typos) {
  return `showing results for ${typos.map((t) => t.as.join(" or ")).join(", ")} (no review holds ${typos.map((t) => t.term).join(", ")})`;
}

// suggest is search.Suggest, over UTF-8 bytes as Go compares them.
export function suggest(want, values) {
  let best = "";
  for (const v of values) if (v.includes(want) && (best === "" || byteLen(v) < byteLen(best))) best = v;
  if (best) return best;
  const enc = new TextEncoder();
  const w = enc.encode(want);
  let dist = 3;
  for (const v of values) {
    const d = osa(w, enc.encode(v), dist);
    if (d < dist) {
      best = v;
      dist = d;
    }
  }
  return best;
}

// --- Typos: internal/search/typo.go.

const MAX_NEAR = 8;
const VOCAB = /^[a-z][a-z0-9_]{3,63}$/;

// maxTypos is search.maxTypos.
function maxTypos(t) {
  if (!VOCAB.test(t) || t.length < 5) return 0;
  return t.length < 8 ? 1 : 2;
}

// nearest is search.nearest.
export function nearest(t, vocab, max) {
  let out = [];
  let best = max + 1;
  for (const v of vocab) {
    if (v === t || Math.abs(v.length - t.length) > max) continue;
    const d = osa(t, v, best + 1);
    if (d < best) {
      best = d;
      out = [v];
    } else if (d === best && out.length < MAX_NEAR) out.push(v);
  }
  if (best > max) return [];
  return out.sort(cmp);
}

// osa is search.osa: the optimal string alignment distance, or any number
// ≥ limit when it is at least limit.
function osa(a, b, limit) {
  let prev2 = new Array(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let low = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      low = Math.min(low, d);
    }
    if (low >= limit) return limit;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

function allNode(kids) {
  return kids.length === 1 ? kids[0] : { op: "all", kids };
}

// phraseName is search.phraseName.
function phraseName(ph) {
  const ts = wordTerms(ph.text);
  if (ts.length === 1) return isCJKTerm(ts[0]) ? "" : ts[0];
  if (ph.terms.some((t) => t === "" || isCJKTerm(t))) return "";
  return ph.terms.join("");
}

// checkDate is search.checkDate: what is wrong with a value of since: or
// until:, or "" when it is a date that exists, YYYY, YYYY-MM or YYYY-MM-DD.
function checkDate(v) {
  const want = "want a date, YYYY-MM-DD (or YYYY-MM, YYYY)";
  if (!DATE.test(v)) return want;
  if (v.length === 4) return "";
  const year = Number(v.slice(0, 4)), month = Number(v.slice(5, 7));
  if (month < 1 || month > 12) return `there is no month ${v.slice(5, 7)}: ${want}`;
  if (v.length === 7) return "";
  const day = Number(v.slice(8)), days = daysIn(year, month);
  if (day < 1 || day > days) return `${v.slice(0, 7)} has ${days} days: ${want}`;
  return "";
}

// daysIn is the number of days of a month (1-12) of the Gregorian calendar.
function daysIn(year, month) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// thousands formats n with a comma between groups of three digits.
function thousands(n) {
  let s = String(n);
  for (let i = s.length - 3; i > 0; i -= 3) s = s.slice(0, i) + "," + s.slice(i);
  return s;
}

// --- The files ---

function fetcher() {
  const cache = new Map();
  const get = (u) => {
    const url = String(u);
    let p = cache.get(url);
    if (!p) {
      p = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
        return r.json();
      });
      p.catch(() => cache.delete(url));
      cache.set(url, p);
    }
    return p;
  };
  return get;
}

// decode turns a field's flat postings [d, q, l, …] into {docs, freqs, lens}.
function decode(flat) {
  const n = flat.length / 3;
  const docs = new Int32Array(n), freqs = new Int32Array(n), lens = new Int32Array(n);
  let d = 0;
  for (let i = 0, k = 0; i < n; i++, k += 3) {
    d += flat[k];
    docs[i] = d;
    freqs[i] = flat[k + 1];
    lens[i] = flat[k + 2];
  }
  return { docs, freqs, lens };
}

const NONE = { docs: new Int32Array(0), freqs: new Int32Array(0), lens: new Int32Array(0) };

// open loads the index at base (the URL of the folder indexDir, format.js).
export async function open(base) {
  const get = fetcher();
  const entry = await get(new URL("entry.json", base));
  const meta = await get(new URL(entry.meta, base));
  return new Searcher(base, meta, get);
}

export class Searcher {
  constructor(base, meta, get) {
    this.base = base;
    this.meta = meta;
    this.n = meta.n;
    this.get = (name) => get(new URL(name, this.base));
    this.fields = meta.fields.map(([name, boost, avg]) => ({ name, boost, avg }));
    this.exceptions = this.fields.findIndex((f) => f.name === "exceptions");
    this.shards = new Map(); // shard index → {raw, keys (sorted)}
    this.positions = new Map(); // shard index → its positions file
    this.decoded = new Map(); // term → [postings per field, or undefined]
    this.expanded = new Map(); // prefix → [terms per field]
  }

  // shardIndex is the shard whose range holds term.
  shardIndex(term) {
    const s = this.meta.shards.first;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmp(s[mid], term) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // shardsOf returns the shard indexes for a term, or for the terms that
  // begin with it.
  shardsOf(term, prefix) {
    const first = this.shardIndex(term);
    const out = [first];
    if (prefix) {
      const s = this.meta.shards.first;
      for (let i = first + 1; i < s.length && s[i].startsWith(term); i++) out.push(i);
    }
    return out;
  }

  // load fetches the terms shards (and, for phrases, the positions
  // shards) of the query's terms, and nothing more (similar.js).
  async load(q) {
    const need = [];
    for (const w of q.words) w.terms.forEach((t, i) => need.push([t, w.prefix && i === w.terms.length - 1]));
    for (const p of q.phrases) for (const t of p.terms) if (t) need.push([t, false, true]);
    await this.ensure(need);
  }

  // loadQuery fetches what a plan of the query reads: the shards of its
  // terms, of the prefixes their other forms begin with, of the suffixes
  // and parts that a term the index lacks falls back to, and the
  // vocabulary when a term may be a typo.
  async loadQuery(q) {
    const words = (fn) => q.words.forEach((w) => w.terms.forEach((t, i) => fn(t, w.prefix && i === w.terms.length - 1, w, i)));
    const need = [];
    words((t, pre, w, i) => {
      need.push([t, pre]);
      const p = !w.not && !(w.parts && w.parts[i]) && stemmable(t) ? formsPrefix(t) : "";
      if (p) need.push([p, true]);
    });
    for (const p of q.phrases) for (const t of p.terms) if (t) need.push([t, false, true]);
    const row = inARow(q); // the plan asks whether the index holds its terms
    if (row) for (const t of row.terms) if (t) need.push([t, false]);
    await this.ensure(need);
    const more = [];
    words((t, pre, w, i) => {
      if (this.has(t, pre) || isCJKTerm(t)) return;
      for (const x of suffixes(t)) more.push([x, pre]);
      if (w.parts && w.parts[i]) for (const x of w.parts[i]) if (x) more.push([x, false, true]);
    });
    await this.ensure(more);
    let typo = false;
    words((t, pre, w, i) => {
      if (!w.not && !isCJKTerm(t) && needsVocabulary(this, t, pre, w.parts ? w.parts[i] : null)) typo = true;
    });
    if (typo && !this.vocab) this.vocab = await this.get(this.meta.vocab);
  }

  // vocabulary returns the vocabulary, once load has fetched it.
  vocabulary() {
    return this.vocab || [];
  }

  // ensure fetches the shards of [term, prefix, positions too] items.
  async ensure(items) {
    const need = new Set();
    const pos = new Set();
    for (const [t, prefix, positions] of items) {
      for (const k of this.shardsOf(t, prefix)) {
        need.add(k);
        if (positions) pos.add(k);
      }
    }
    const { dir, names } = this.meta.shards;
    await Promise.all([
      ...[...need].filter((k) => !this.shards.has(k)).map(async (k) => {
        const raw = await this.get(dir + names[k] + ".t.json");
        if (!this.shards.has(k)) this.shards.set(k, { raw, keys: Object.keys(raw).sort(cmp) });
      }),
      ...[...pos].filter((k) => !this.positions.has(k)).map(async (k) => {
        const p = await this.get(dir + names[k] + ".p.json");
        this.positions.set(k, p);
      }),
    ]);
  }

  // expand returns the terms of the text fields that begin with p, sorted;
  // their shards must be loaded.
  expand(p) {
    const set = new Set();
    this.fields.forEach((_, fi) => this.expansions(p, fi).forEach((t) => set.add(t)));
    return [...set].sort(cmp);
  }

  // has tells whether a text field holds term (or, for a prefix, a term
  // that begins with it); its shards must be loaded.
  has(term, prefix) {
    if (prefix) return this.fields.some((_, fi) => this.expansions(term, fi).length > 0);
    return this.fields.some((_, fi) => this.postings(term, fi).docs.length > 0);
  }

  // nodeTerms lists the [term, prefix, positions] items of a plan's node.
  nodeTerms(n, out) {
    if (n.op === "term") out.push([n.term, !!n.prefix]);
    else if (n.op === "phrase") for (const t of n.terms) if (t) out.push([t, false, true]);
    else for (const k of n.kids) this.nodeTerms(k, out);
    return out;
  }

  // node returns the query tree of a plan's node.
  node(n) {
    switch (n.op) {
      case "term": return this.termUnit(n.term, !!n.prefix, n.boost || 1);
      case "phrase": return this.phraseUnit(n.terms);
      case "all": return n.kids.length === 1 ? this.node(n.kids[0]) : conj(n.kids.map((k) => this.node(k)), this.n);
      default: return disj(n.kids.map((k) => this.node(k)), n.min || 1, this.n);
    }
  }

  // raisedDocs returns a Uint8Array: 1 for each document raised for one of
  // the names (the raised field, numbered after the text fields).
  raisedDocs(names) {
    const out = new Uint8Array(this.n);
    const rf = this.fields.length;
    for (const { name, prefix } of names) {
      const terms = prefix ? this.expansions(name, rf) : [name];
      for (const t of terms) for (const d of this.postings(t, rf).docs) out[d] = 1;
    }
    return out;
  }

  // postings returns the postings of term in field fi.
  postings(term, fi) {
    let p = this.decoded.get(term);
    if (!p) {
      p = [];
      const shard = this.shards.get(this.shardIndex(term));
      const raw = shard && Object.hasOwn(shard.raw, term) ? shard.raw[term] : [];
      for (let i = 0; i < raw.length; i += 2) p[raw[i]] = decode(raw[i + 1]);
      if (shard) this.decoded.set(term, p); // not before the shard is loaded
    }
    return p[fi] || NONE;
  }

  // positionsOf returns, for term in field fi, a Map doc → positions.
  positionsOf(term, fi) {
    const shard = this.positions.get(this.shardIndex(term));
    const raw = shard && Object.hasOwn(shard, term) ? shard[term] : [];
    const post = this.postings(term, fi);
    const out = new Map();
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i] !== fi) continue;
      const flat = raw[i + 1];
      let k = 0;
      for (let j = 0; j < post.docs.length; j++) {
        const ps = [];
        let x = 0;
        for (let m = 0; m < post.freqs[j]; m++) ps.push((x += flat[k++]));
        out.set(post.docs[j], ps);
      }
    }
    return out;
  }

  // expansions returns the terms of field fi that begin with p, in order.
  expansions(p, fi) {
    let byField = this.expanded.get(p);
    if (!byField) {
      byField = [...this.fields.map(() => []), []]; // the text fields, then raised
      let complete = true;
      for (const k of this.shardsOf(p, true)) {
        const shard = this.shards.get(k);
        if (!shard) {
          complete = false; // not before the shards are loaded
          continue;
        }
        const keys = shard.keys;
        let lo = 0, hi = keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cmp(keys[mid], p) < 0) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < keys.length && keys[i].startsWith(p); i++) {
          const raw = shard.raw[keys[i]];
          for (let j = 0; j < raw.length; j += 2) byField[raw[j]].push(keys[i]);
        }
      }
      if (complete) this.expanded.set(p, byField);
    }
    return byField[fi];
  }

  // --- The query tree, as bleve builds it. A node has a weight (the sum
  // of its leaves' (boost·idf)²) and scores(qnorm) → {docs, s}: the
  // documents it matches, ascending, and their scores.

  leaf(fi, term, b = 1) {
    const f = this.fields[fi];
    const boost = b === 1 ? f.boost : f.boost * b;
    const post = this.postings(term, fi);
    const n = this.n;
    const df = post.docs.length;
    // bleve scores BM25 when it knows the average field length, else TF-IDF.
    const bm25 = f.avg > 0;
    const idf = bm25 ? Math.log(1 + (n - df + 0.5) / (df + 0.5)) : 1 + Math.log(n / (df + 1));
    const w = boost * idf;
    return {
      term,
      weight: w * w,
      scores: memo((qnorm) => {
        const qw = boost * idf * qnorm;
        const s = new Float64Array(df);
        for (let i = 0; i < df; i++) {
          const tf = Math.sqrt(post.freqs[i]);
          const norm = Math.fround(1 / Math.sqrt(post.lens[i]));
          let x;
          if (bm25) {
            const len = 1 / (norm * norm);
            x = (idf * (tf * K1)) / (tf + K1 * (1 - B + (B * len) / f.avg));
          } else x = tf * norm * idf;
          s[i] = qw !== 1 ? x * qw : x;
        }
        return { docs: post.docs, s };
      }),
    };
  }

  // termUnit matches a term (or the terms that begin with it) in any field.
  termUnit(term, prefix, b = 1) {
    const kids = this.fields.map((_, fi) => {
      if (!prefix) return this.leaf(fi, term, b);
      const ex = this.expansions(term, fi);
      if (ex.length === 0 || (ex.length === 1 && ex[0] === term)) return this.leaf(fi, term, b);
      return disj(ex.map((e) => this.leaf(fi, e, b)), 0, this.n);
    });
    return disj(kids, 1, this.n);
  }

  // wordUnit is a word's unit: the term unit of each term (the last a
  // prefix unit if the word is a prefix), in a conjunction when several.
  // raised gives the documents that hold every term in exceptions.
  wordUnit(w) {
    const us = w.terms.map((t, i) => this.termUnit(t, w.prefix && i === w.terms.length - 1));
    const node = us.length === 1 ? us[0] : conj(us, this.n);
    node.raised = (qnorm) => {
      const lists = us.map((u) => u.kids[this.exceptions].scores(qnorm).docs);
      return lists.reduce((a, b) => intersect(a, b));
    };
    return node;
  }

  // phraseUnit matches the terms at consecutive positions in any field;
  // "" matches any term.
  phraseUnit(terms) {
    return this.phraseNode(terms, this.fields.map((_, fi) => fi));
  }

  // disjunction is bleve's disjunction of nodes, for other ports (similar.js).
  disjunction(kids, min) {
    return disj(kids, min, this.n);
  }

  // phraseNode is a disjunction of the phrase in each of the fields.
  phraseNode(terms, fields) {
    const kids = fields.map((fi) => {
      const leaves = [];
      const offsets = [];
      terms.forEach((t, i) => {
        if (t) {
          leaves.push(this.leaf(fi, t));
          offsets.push(i);
        }
      });
      const c = conj(leaves, this.n);
      return {
        weight: c.weight,
        scores: memo((qnorm) => {
          const m = c.scores(qnorm);
          if (m.docs.length === 0) return m;
          const pos = leaves.map((l) => this.positionsOf(l.term, fi));
          const docs = [], s = [];
          m.docs.forEach((doc, i) => {
            const ok = pos[0].get(doc).some((p0) => leaves.every((_, k) => pos[k].get(doc).includes(p0 - offsets[0] + offsets[k])));
            if (ok) {
              docs.push(doc);
              s.push(m.s[i]);
            }
          });
          return { docs: Int32Array.from(docs), s: Float64Array.from(s) };
        }),
      };
    });
    const node = disj(kids, 1, this.n);
    const ex = fields.indexOf(this.exceptions);
    node.raised = (qnorm) => (ex >= 0 ? kids[ex].scores(qnorm).docs : []);
    return node;
  }

  // search runs a query string and returns {query, hits, total, error}: at
  // most limit hits, best first, each {doc, score, all, raised, meta}, and
  // the number of documents that match in all; or, for
  // a query parse refuses, no hits and its error. extra filters ({key,
  // value}; "year" too) are added to the query's.
  async search(s, limit = 20, extra = []) {
    let q;
    try {
      q = parse(s, this.meta.custom || []);
    } catch (e) {
      return { query: null, hits: [], total: 0, error: e.message };
    }
    q.filters.push(...extra);
    const t0 = performance.now();
    const [, keep] = await Promise.all([this.loadQuery(q), this.filter(q.filters)]);
    const p = plan(q, this);
    const items = [];
    for (const u of p.units) {
      this.nodeTerms(u.node, items);
      for (const nm of u.names) items.push([nm.name, nm.prefix]);
    }
    for (const n of p.exclude) this.nodeTerms(n, items);
    await this.ensure(items);
    const t1 = performance.now();
    const ranked = this.rankPlan(p, keep, limit);
    const t2 = performance.now();
    await Promise.all(ranked.map(async (h) => (h.meta = await this.doc(h.doc))));
    // How long loading the index files, ranking and loading the cards took, in ms.
    const timing = { load: t1 - t0, rank: t2 - t1, cards: performance.now() - t2 };
    const notes = q.filters.length ? this.filterNotes(q.filters, await this.filters()) : [];
    if (p.typos.length) notes.unshift(readAs(p.typos));
    return { query: q, plan: p, hits: ranked, total: ranked.total, notes, error: "", timing };
  }

  // filterNotes is search.filterNotes.
  filterNotes(filters, f) {
    const notes = [];
    for (const { key, value } of filters) {
      if (!f[key]) continue; // since, until, year
      const values = [...f[key].keys()].sort(cmp);
      const kept = values.some((v) => keepValue(key, v, value));
      if (kept) continue;
      let note = `${key}:${value} matches no review`;
      let s = suggest(value, values);
      if ((key === "service" || key === "tag") && /\p{White_Space}/u.test(s)) s = nameKey(s); // as it can be typed
      if (s) note += `; did you mean ${key}:${s}?`;
      notes.push(note);
    }
    return notes;
  }

  // rankPlan ranks a plan as search.runPlan: by the number of units
  // matched, then raised, then score, then date and id (the document
  // number); a plan of no units lists the documents kept, newest first.
  rankPlan(p, keep0, limit) {
    let keep = keep0;
    if (p.exclude.length > 0) {
      const out = new Uint8Array(this.n);
      for (const d of disj(p.exclude.map((n) => this.node(n)), 1, this.n).scores(1).docs) out[d] = 1;
      keep = (d) => out[d] === 0 && keep0(d);
    }
    if (p.units.length === 0) return this.newest(keep, limit);
    const units = p.units.map((u) => this.node(u.node));
    const top = disj(units, 1, this.n);
    const qnorm = 1 / Math.sqrt(top.weight);
    const m = top.scores(qnorm);
    const raised = this.raisedDocs(p.units.flatMap((u) => u.names));
    const words = p.units.filter((u) => !u.in_a_row).length; // to match for all the words
    const hits = [];
    for (let i = 0; i < m.docs.length; i++) {
      const doc = m.docs[i];
      if (keep(doc)) hits.push({ doc, score: m.s[i], count: m.count[i], all: m.count[i] >= words, raised: raised[doc] === 1 });
    }
    hits.sort((a, b) => b.count - a.count || b.raised - a.raised || b.score - a.score || a.doc - b.doc);
    const out = hits.slice(0, limit);
    out.total = hits.length; // every hit, before the limit
    return out;
  }

  // newest lists the documents kept, newest first; the list's total is
  // how many are kept.
  newest(keep, limit) {
    const out = [];
    let total = 0;
    for (let d = 0; d < this.n; d++) {
      if (!keep(d)) continue;
      if (out.length < limit) out.push({ doc: d, score: 1, all: true, raised: false });
      total++;
    }
    out.total = total;
    return out;
  }

  // rank scores the units' disjunction and sorts the hits by their tiers,
  // then score, then date and id (the document number). tiers is "search"
  // (all units matched, then raised: Search), "raised" (raised only:
  // Similar) or "" (score only).
  rank(units, keep, limit, tiers) {
    const top = disj(units, 1, this.n);
    const qnorm = 1 / Math.sqrt(top.weight);
    const m = top.scores(qnorm);
    const raised = new Uint8Array(this.n);
    if (tiers) for (const u of units) if (u.raised) for (const d of u.raised(qnorm)) raised[d] = 1;
    const hits = [];
    for (let i = 0; i < m.docs.length; i++) {
      const doc = m.docs[i];
      if (keep(doc)) hits.push({ doc, score: m.s[i], all: m.count[i] === units.length, raised: raised[doc] === 1 });
    }
    const byScore = (a, b) => b.score - a.score || a.doc - b.doc;
    const order =
      tiers === "search" ? (a, b) => b.all - a.all || b.raised - a.raised || byScore(a, b)
      : tiers === "raised" ? (a, b) => b.raised - a.raised || byScore(a, b)
      : byScore;
    const out = hits.sort(order).slice(0, limit);
    out.total = hits.length; // every hit, before the limit
    return out;
  }

  // doc returns the metadata of a document.
  async doc(d) {
    const { dirs, group, per } = this.meta.docs;
    const k = Math.floor(d / per);
    const frag = await this.get(dirs[Math.floor(k / group)] + k + ".json");
    const [id, title, date, severity, services, exceptions, summary] = frag[d % per];
    return { id, title, date, severity, services, exceptions, summary };
  }

  // filters returns the filter file: {severity: Map value → Set, …, dates: [date per doc]}.
  async filters() {
    if (!this.filterData) {
      this.filterData = this.get(this.meta.filters).then((raw) => {
        const out = { dates: [] };
        for (const [date, count] of raw.dates) for (let i = 0; i < count; i++) out.dates.push(date);
        for (const key of ["severity", "status", "service", "tag", "exception", "field"]) {
          out[key] = new Map();
          for (const [v, deltas] of Object.entries(raw[key] || {})) {
            let d = 0;
            out[key].set(v, new Set(deltas.map((x) => (d += x))));
          }
        }
        return out;
      });
    }
    return this.filterData;
  }

  // filter returns a function doc → kept, as search's filterFunc: one key's
  // values are alternatives, keys must all hold.
  async filter(filters) {
    if (filters.length === 0) return () => true;
    const f = await this.filters();
    const byKey = new Map();
    for (const { key, value } of filters) byKey.set(key, [...(byKey.get(key) || []), value]);
    const tests = [...byKey].map(([key, values]) => {
      const one = (v) => {
        switch (key) {
          case "since": return (d) => f.dates[d] >= v || f.dates[d].startsWith(v);
          case "until": return (d) => f.dates[d] <= v || f.dates[d].startsWith(v);
          case "year": return (d) => f.dates[d].startsWith(v);
          case "exception": case "service": case "tag": {
            const sets = [...f[key]].filter(([e]) => keepValue(key, e, v)).map(([, s]) => s);
            return (d) => sets.some((s) => s.has(d));
          }
          case "severity": case "status": {
            const s = (f[key] && f[key].get(v)) || new Set();
            return (d) => s.has(d);
          }
          default: { // a custom field of fupan.yaml: name:value
            const s = f.field.get(key + ":" + v) || new Set();
            return (d) => s.has(d);
          }
        }
      };
      const alts = values.map(one);
      return (d) => alts.some((t) => t(d));
    });
    return (d) => tests.every((t) => t(d));
  }
}

// memo remembers the scores of a node for one qnorm.
function memo(f) {
  let key, val;
  return (qnorm) => {
    if (val === undefined || key !== qnorm) {
      key = qnorm;
      val = f(qnorm);
    }
    return val;
  };
}

// intersect returns the numbers in both ascending lists.
function intersect(a, b) {
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out.push(a[i]);
      i++;
      j++;
    }
  }
  return Int32Array.from(out);
}

// combine adds the children's scores, child by child (the order bleve
// sums them in), over n documents; it returns the documents matched by at
// least min children, with the sum and the number of children matched.
function combine(kids, qnorm, min, n) {
  const sum = new Float64Array(n);
  const cnt = new Uint16Array(n);
  let touched = [];
  for (const k of kids) {
    const { docs, s } = k.scores(qnorm);
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      if (cnt[d] === 0) touched.push(d);
      sum[d] += s[i];
      cnt[d]++;
    }
  }
  touched = Int32Array.from(touched).sort();
  const docs = [], s = [], count = [];
  for (const d of touched) {
    if (cnt[d] >= min) {
      docs.push(d);
      s.push(sum[d]);
      count.push(cnt[d]);
    }
  }
  return { docs: Int32Array.from(docs), s: Float64Array.from(s), count: Uint16Array.from(count) };
}

// disj is bleve's disjunction: the sum of the matching children's scores
// times matched/children, for documents matched by at least min children.
function disj(kids, min, n) {
  return {
    kids,
    weight: kids.reduce((s, k) => s + k.weight, 0),
    scores: memo((qnorm) => {
      const m = combine(kids, qnorm, Math.max(min, 1), n);
      for (let i = 0; i < m.s.length; i++) m.s[i] *= m.count[i] / kids.length;
      return m;
    }),
  };
}

// conj is bleve's conjunction: the sum of the children's scores, for
// documents that all match.
function conj(kids, n) {
  return {
    kids,
    weight: kids.reduce((s, k) => s + k.weight, 0),
    scores: memo((qnorm) => combine(kids, qnorm, kids.length, n)),
  };
}

// highlights returns the [from, to) UTF-16 spans of text whose tokens are
// terms of the query (or begin with its prefix), merged.
export function highlights(text, q) {
  if (!q) return [];
  const exact = new Set();
  const prefixes = [];
  for (const w of q.words) w.terms.forEach((t, i) => (w.prefix && i === w.terms.length - 1 ? prefixes.push(t) : exact.add(t)));
  for (const p of q.phrases) p.terms.forEach((t) => t && exact.add(t));
  const spans = [];
  for (const t of tokens(text)) {
    if (exact.has(t.term) || prefixes.some((p) => t.term.startsWith(p))) spans.push([t.from, t.to]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([...s]);
  }
  return out;
}
