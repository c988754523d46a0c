// The English (Porter2) stemmer of Snowball, as bleve ships it
// (github.com/blevesearch/snowballstem/english), for words of ASCII
// lower-case letters: the only words fupan stems (internal/analysis,
// Stem). It must give Go's stem for every word; the parity test runs it
// on every word of the example reviews and of the public postmortems.

const V = "aeiouy";
const isV = (c) => V.includes(c); // "Y" (a consonant y) is not a vowel
const isVWXY = (c) => isV(c) || c === "w" || c === "x" || c === "Y";
const VALID_LI = "cdeghkmnrt";

const EXCEPTION1 = {
  skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
  ugly: "ugli", early: "earli", only: "onli", singly: "singl",
  sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
};
const EXCEPTION2 = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

// longest returns the longest of suffixes that w ends with, or "".
function longest(w, suffixes) {
  let best = "";
  for (const s of suffixes) if (s.length > best.length && w.endsWith(s)) best = s;
  return best;
}

// shortv: the word up to end ends with a short syllable.
function shortv(w, end) {
  const a = w[end - 1], b = w[end - 2], c = w[end - 3];
  if (end >= 3 && !isVWXY(a) && isV(b) && !isV(c)) return true;
  return end === 2 && !isV(a) && isV(b);
}

// regions returns [p1, p2] of the word.
function regions(w) {
  let p1 = w.length, p2 = w.length;
  const after = (from) => {
    let i = from;
    while (i < w.length && !isV(w[i])) i++;
    if (i >= w.length) return -1;
    i++;
    while (i < w.length && isV(w[i])) i++;
    if (i >= w.length) return -1;
    return i + 1;
  };
  const pre = ["gener", "commun", "arsen"].find((p) => w.startsWith(p));
  const a = pre ? pre.length : after(0);
  if (a < 0) return [p1, p2];
  p1 = a;
  const b = after(p1);
  if (b >= 0) p2 = b;
  return [p1, p2];
}

// stem returns the stem of a word of ASCII lower-case letters.
export function stem(word) {
  if (Object.hasOwn(EXCEPTION1, word)) return EXCEPTION1[word];
  if (word.length < 3) return word;
  let w = word;
  // Prelude: y at the start or after a vowel is a consonant (Y).
  let ys = w[0] === "y" ? "Y" : w[0];
  for (let i = 1; i < w.length; i++) ys += w[i] === "y" && isV(ys[i - 1]) ? "Y" : w[i];
  w = ys;
  const [p1, p2] = regions(w);
  const r1 = (i) => i >= p1;
  const r2 = (i) => i >= p2;
  const hasV = (end) => {
    for (let i = 0; i < end; i++) if (isV(w[i])) return true;
    return false;
  };

  // Step 1a.
  let s = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]);
  if (s === "sses") w = w.slice(0, -2);
  else if (s === "ied" || s === "ies") w = w.slice(0, -3) + (w.length - 3 >= 2 ? "i" : "ie");
  else if (s === "s" && hasV(w.length - 2)) w = w.slice(0, -1);

  if (!EXCEPTION2.has(w)) {
    // Step 1b.
    s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (r1(w.length - s.length)) w = w.slice(0, -s.length) + "ee";
    } else if (s && hasV(w.length - s.length)) {
      w = w.slice(0, -s.length);
      const t = longest(w, ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
      if (t === "at" || t === "bl" || t === "iz") w += "e";
      else if (t) w = w.slice(0, -1);
      else if (w.length === p1 && shortv(w, w.length)) w += "e";
    }
    // Step 1c.
    const last = w[w.length - 1];
    if ((last === "y" || last === "Y") && w.length > 2 && !isV(w[w.length - 2])) w = w.slice(0, -1) + "i";
    // Step 2.
    s = longest(w, Object.keys(STEP2));
    if (s && r1(w.length - s.length)) {
      const to = STEP2[s];
      const at = w.length - s.length;
      if (s === "ogi") {
        if (w[at - 1] === "l") w = w.slice(0, at) + "og";
      } else if (s === "li") {
        if (VALID_LI.includes(w[at - 1])) w = w.slice(0, at);
      } else w = w.slice(0, at) + to;
    }
    // Step 3.
    s = longest(w, Object.keys(STEP3));
    if (s && r1(w.length - s.length)) {
      const at = w.length - s.length;
      if (s === "ative") {
        if (r2(at)) w = w.slice(0, at);
      } else w = w.slice(0, at) + STEP3[s];
    }
    // Step 4.
    s = longest(w, STEP4);
    if (s && r2(w.length - s.length)) {
      const at = w.length - s.length;
      if (s === "ion") {
        if (w[at - 1] === "s" || w[at - 1] === "t") w = w.slice(0, at);
      } else w = w.slice(0, at);
    }
    // Step 5.
    const end = w[w.length - 1];
    const at = w.length - 1;
    if (end === "e") {
      if (r2(at) || (r1(at) && !shortv(w, at))) w = w.slice(0, at);
    } else if (end === "l") {
      if (r2(at) && w[at - 1] === "l") w = w.slice(0, at);
    }
  }
  return w.replaceAll("Y", "y");
}

const STEP2 = {
  tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
  ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
  ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
  fulli: "ful", lessli: "less", li: "",
};
const STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
const STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];
