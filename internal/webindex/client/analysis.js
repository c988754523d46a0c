// The incident-text tokenizer, a port of fupan's Go package
// internal/analysis, whose doc.go specifies the algorithm step by step.
// Both must give identical tokens for every text: the parity test runs this
// file in Chromium over the example reviews and compares with Go.
//
// tokens(text) returns [{term, start, end, position, from, to}]: start and
// end are UTF-8 byte offsets (as in Go), from and to the UTF-16 indexes of
// the same span in text (for highlighting in the page).

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/u;

// isCJK reports whether the code point ch is indexed as bigrams (Go's
// analysis.IsCJK).
export function isCJK(ch) {
  return CJK.test(ch);
}
const START = /[\p{L}\p{N}_]/u;
const MARK = /\p{M}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const JOINERS = new Set([".", "-", ":", "/", "=", "@", "#", "?", "&", "%", "+", "~"]);

export const MAX_TERM_BYTES = 64;

// Step 2: classes.
const C_CJK = 0, C_JOIN = 1, C_SEP = 2, C_START = 3, C_MARK = 4;

function classOf(ch, cp) {
  if (CJK.test(ch)) return C_CJK;
  if (JOINERS.has(ch)) return C_JOIN;
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return C_SEP;
  if (START.test(ch)) return C_START;
  if (MARK.test(ch)) return C_MARK;
  return C_SEP;
}

// Step 5: a cluster's kind.
const K_UNDERSCORE = 0, K_UPPER = 1, K_LOWER = 2, K_DIGIT = 3, K_OTHER = 4;

function kindOf(ch) {
  if (ch === "_") return K_UNDERSCORE;
  if (UPPER.test(ch)) return K_UPPER;
  if (LOWER.test(ch)) return K_LOWER;
  if (DIGIT.test(ch)) return K_DIGIT;
  return K_OTHER;
}

function utf8Len(cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Step 7: simple lower-casing, code point by code point (Go's
// unicode.ToLower); the other ports lower-case query words with it too.
export function lower(s) {
  let out = "";
  for (const ch of s) out += ch.codePointAt(0) === 0x130 ? "i" : ch.toLowerCase();
  return out;
}

// byteLen is the length of s in UTF-8 bytes.
export function byteLen(s) {
  let n = 0;
  for (const ch of s) n += utf8Len(ch.codePointAt(0));
  return n;
}

// Step 1: the code points of text, with their offsets and classes.
function codePoints(text) {
  const cps = [];
  let b = 0;
  let u = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const n = utf8Len(cp);
    cps.push({ ch, start: b, end: b + n, from: u, to: u + ch.length, cls: classOf(ch, cp) });
    b += n;
    u += ch.length;
  }
  return cps;
}

export function tokens(text) {
  const cps = codePoints(text);
  const out = [];
  const span = (i, j) => text.slice(cps[i].from, cps[j - 1].to);
  const emit = (i, j, position) => {
    const term = lower(span(i, j));
    if (byteLen(term) <= MAX_TERM_BYTES) {
      out.push({ term, start: cps[i].start, end: cps[j - 1].end, position, from: cps[i].from, to: cps[j - 1].to });
    }
  };
  let pos = 1;
  let i = 0;
  while (i < cps.length) {
    const cls = cps[i].cls;
    if (cls === C_CJK) {
      // Step 4: a CJK run gives its bigrams, or its one code point.
      let j = i;
      while (j < cps.length && cps[j].cls === C_CJK) j++;
      const n = j - i;
      if (n === 1) {
        emit(i, j, pos);
        pos++;
      } else {
        for (let k = 0; k < n - 1; k++) emit(i + k, i + k + 2, pos + k);
        pos += n - 1;
      }
      i = j;
      continue;
    }
    if (cls !== C_START) {
      i++;
      continue;
    }
    // Step 3: a word, with joiner runs only when a Start follows them.
    let j = i;
    let end = i;
    while (j < cps.length) {
      const c = cps[j].cls;
      if (c === C_START || c === C_MARK) {
        j++;
        end = j;
        continue;
      }
      if (c === C_JOIN) {
        let k = j;
        while (k < cps.length && cps[k].cls === C_JOIN) k++;
        if (k < cps.length && cps[k].cls === C_START) {
          j = k;
          continue;
        }
      }
      break;
    }
    const parts = wordParts(cps, i, end);
    if (parts.length > 0) {
      // Step 6: the word, then each segment followed by its parts.
      let last = null;
      const candidate = (a, z, p) => {
        const term = lower(span(a, z));
        if (last && last.term === term && last.p === p) return;
        last = { term, p };
        emit(a, z, p);
      };
      candidate(i, end, pos);
      parts.forEach((part, k) => {
        if (k === 0 || part.segStart !== parts[k - 1].segStart) candidate(part.segStart, part.segEnd, pos + k);
        candidate(part.start, part.end, pos + k);
      });
      pos += parts.length;
    }
    i = end;
  }
  return out;
}

// Step 5: the parts of the word cps[i:end], across its segments.
function wordParts(cps, i, end) {
  const parts = [];
  let s = i;
  while (s < end) {
    if (cps[s].cls === C_JOIN) {
      s++;
      continue;
    }
    let e = s;
    while (e < end && cps[e].cls !== C_JOIN) e++;
    const clusters = [];
    for (let k = s; k < e; k++) {
      if (cps[k].cls === C_MARK) clusters[clusters.length - 1].end = k + 1;
      else clusters.push({ start: k, end: k + 1, kind: kindOf(cps[k].ch) });
    }
    let partStart = -1;
    for (let k = 0; k < clusters.length; k++) {
      const c = clusters[k];
      if (c.kind === K_UNDERSCORE) {
        if (partStart >= 0) {
          parts.push({ start: partStart, end: clusters[k - 1].end, segStart: s, segEnd: e });
          partStart = -1;
        }
        continue;
      }
      if (partStart < 0) {
        partStart = c.start;
        continue;
      }
      const a = clusters[k - 1].kind;
      const b = c.kind;
      const split =
        (a === K_DIGIT) !== (b === K_DIGIT) ||
        (a === K_LOWER && b === K_UPPER) ||
        (a === K_UPPER && b === K_UPPER && k + 1 < clusters.length && clusters[k + 1].kind === K_LOWER);
      if (split) {
        parts.push({ start: partStart, end: c.start, segStart: s, segEnd: e });
        partStart = c.start;
      }
    }
    if (partStart >= 0) parts.push({ start: partStart, end: clusters[clusters.length - 1].end, segStart: s, segEnd: e });
    s = e;
  }
  return parts;
}
