// The traceback mode: a port of "fupan similar" (Similar of fupan's Go
// package internal/search, similar.go) over the static index.
// similar(searcher, found, limit) ranks the reviews by what they share
// with the traceback found in a pasted log (readLog, parselog.js):
// exception types, frame functions and files, words of the final message.
// Hits carry reasons.

import { final } from "./traceback.js";
import { wordTerms, phraseTerms } from "./search.js";
import { lower, byteLen } from "./analysis.js";

const MAX_CHAIN = 10;
const MAX_FRAMES = 20;
const MAX_MESSAGE_WORDS = 12;
const MAX_PHRASE_TERMS = 16;
const DIGIT = /\p{Nd}/u;
// A review is like a traceback when it shares an exception, a frame
// function or file, or MIN_MESSAGE_WORDS words of its message; a hit
// keeps its strongest MAX_REASONS reasons (search's similar.go).
const MIN_MESSAGE_WORDS = 3;
const MAX_REASONS = 3;
// STOP_WORDS is search's stopWords: message words not looked for.
const STOP_WORDS = new Set(`the and for with from that this was were are has have had not but you your its into than then
  when which while value line lines none null true false object type self call most recent last cannot could would
  should there their been being also only other some such more per via all any each one two see use used got get
  set new old out too can did does doing done may might must our than them they what where who why will yet`.split(/\s+/));

// nearFinal is search's nearFinal: the final exception and those printed
// nearest it, MAX_CHAIN at most, in the order printed.
function nearFinal(tb) {
  const c = tb.chain;
  if (c.length <= MAX_CHAIN) return c;
  return tb.language === "python" ? c.slice(c.length - MAX_CHAIN) : c.slice(0, MAX_CHAIN);
}

// features is search's features: what Similar looks for, without repeats.
export function features(tb) {
  const out = [];
  const seen = new Set();
  const add = (kind, text, ...fields) => {
    const key = kind + "\0" + lower(text);
    if (text === "" || seen.has(key)) return;
    seen.add(key);
    out.push({ kind, text, fields });
  };
  const chain = nearFinal(tb);
  for (let i = chain.length - 1; i >= 0; i--) add("exception", chain[i].type, "exceptions", "traceback", "summary", "title");
  const frames = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const fs = chain[i].frames;
    for (let j = fs.length - 1; j >= 0; j--) frames.push(fs[j]);
  }
  for (const f of frames.slice(0, MAX_FRAMES)) {
    if (f.function && !f.function.startsWith("<")) add("function", f.function, "function", "traceback", "caller");
    if (f.file) add("file", f.file, "traceback");
  }
  let words = 0;
  for (const t of wordTerms(final(tb).message)) {
    if (words === MAX_MESSAGE_WORDS) break;
    if (byteLen(t) < 3 || DIGIT.test(t) || STOP_WORDS.has(t)) continue;
    words++;
    add("message", t, "traceback", "summary", "title", "body");
  }
  return out;
}

// phraseHead is search's phraseHead: the first MAX_PHRASE_TERMS terms of
// a phrase, without the gaps ("") that would end it.
function phraseHead(terms) {
  if (terms.length <= MAX_PHRASE_TERMS) return terms;
  terms = terms.slice(0, MAX_PHRASE_TERMS);
  while (terms.length > 0 && terms[terms.length - 1] === "") terms.pop();
  return terms;
}

// unit is a feature's unit: {label, terms, phrase} (phrase: match the
// terms as a phrase; else any term in any of the fields).
function unit(f) {
  let terms = [];
  switch (f.kind) {
    case "exception": {
      const whole = wordTerms(f.text);
      if (whole.length !== 1) return { label: f.kind + " " + f.text, terms: phraseHead(phraseTerms(f.text)), phrase: true, fields: f.fields };
      terms = whole;
      const i = f.text.lastIndexOf(".");
      if (i >= 0) terms = terms.concat(wordTerms(f.text.slice(i + 1)));
      break;
    }
    case "function": {
      const t = wordTerms(f.text);
      terms = t.slice(-1);
      break;
    }
    case "file":
      terms = wordTerms(f.text.replace(/^\//, "")).slice(0, 1);
      break;
    default:
      terms = [f.text];
  }
  const label = f.kind === "file" ? "file " + f.text.slice(f.text.lastIndexOf("/") + 1) : f.kind + " " + f.text;
  return { label, terms, phrase: false, fields: f.fields };
}

// similar ranks the reviews by the traceback found in a pasted log,
// {tb, error, note} as readLog (parselog.js) returns it: {query, hits,
// error, note}; the reviews that raised one of its exceptions first, then
// by score, as Similar does; each hit has reasons, the features it shares
// with it.
export async function similar(s, found, limit = 20) {
  const { tb, note } = found;
  if (!tb) return { query: null, hits: [], error: found.error, note };
  const units = features(tb).map(unit).filter((u) => u.terms.length > 0 && u.terms[0] !== "");
  if (units.length === 0) return { query: null, hits: [], error: "no traceback found (Python, Java or Go)", note };
  // What to load: every term; the phrases' positions.
  const q = {
    words: units.filter((u) => !u.phrase).flatMap((u) => u.terms.map((t) => ({ terms: [t], prefix: false }))),
    phrases: units.filter((u) => u.phrase).map((u) => ({ terms: u.terms })),
  };
  await s.load(q);
  const fieldIndex = (name) => s.fields.findIndex((f) => f.name === name);
  const nodes = units.map((u) => {
    if (u.phrase) return s.phraseNode(u.terms, u.fields.map(fieldIndex)); // raised: the phrase in exceptions
    const leaves = [];
    for (const t of u.terms) for (const name of u.fields) leaves.push(s.leaf(fieldIndex(name), t));
    const node = s.disjunction(leaves, 0);
    if (u.label.startsWith("exception ")) {
      // The reviews that raised it: its whole or class name in exceptions.
      const own = leaves.filter((_, i) => u.fields[i % u.fields.length] === "exceptions");
      node.raised = (qnorm) => [...new Set(own.flatMap((l) => [...l.scores(qnorm).docs]))];
    } else {
      node.raised = null;
    }
    return node;
  });
  const ranked = s.rank(nodes, () => true, limit, "raised");
  const qnorm = 1 / Math.sqrt(nodes.reduce((w, n) => w + n.weight, 0));
  const hits = [];
  for (const h of ranked) {
    const reasons = [], words = [];
    units.forEach((u, i) => {
      if (!nodes[i].scores(qnorm).docs.includes(h.doc)) return;
      if (u.label.startsWith("message ")) words.push(u.label.slice(8));
      else reasons.push(u.label);
    });
    if (reasons.length === 0 && words.length < MIN_MESSAGE_WORDS) continue; // not like it
    if (words.length) reasons.push("message words: " + words.join(", "));
    h.reasons = reasons.slice(0, MAX_REASONS);
    hits.push(h);
  }
  await Promise.all(hits.map(async (h) => (h.meta = await s.doc(h.doc))));
  // Highlight the exception types and functions in the cards.
  const query = { words: units.filter((u) => !u.phrase).map((u) => ({ terms: u.terms, prefix: false })), phrases: [] };
  return { query, hits, error: "", note };
}
