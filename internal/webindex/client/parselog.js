// Finding the traceback in a pasted log: a port of ParseLog, CutLog and
// LongLogNote of fupan's Go package internal/search (parselog.go). The
// search page's traceback mode runs readLog in a worker
// (parselog-worker.js), off the page's thread.

import { find } from "./traceback.js";

// MAX_LOG is search.MaxLog: how much of a log parseLog reads, in UTF-8
// bytes, as Go counts them.
export const MAX_LOG = 1 << 20;

// utf8Length is the length of s in UTF-8, as Go's len.
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // a surrogate pair
      i++;
    } else n += 3; // a lone surrogate is encoded as U+FFFD
  }
  return n;
}

// cutLog is search.CutLog: all of text when it is at most MAX_LOG bytes
// long in UTF-8; else the lines that start in its last MAX_LOG bytes ("" when
// none does).
export function cutLog(text) {
  if (utf8Length(text) <= MAX_LOG) return text;
  const bytes = new TextEncoder().encode(text);
  let cut = bytes.length - MAX_LOG;
  if (bytes[cut - 1] !== 0x0a) {
    const nl = bytes.indexOf(0x0a, cut);
    if (nl < 0) return "";
    cut = nl + 1;
  }
  return new TextDecoder().decode(bytes.subarray(cut));
}

// longLogNote is search.LongLogNote: what to tell the reader of a log of
// size bytes when parseLog reads only its end, else "".
export function longLogNote(size) {
  if (size <= MAX_LOG) return "";
  const tenths = Math.floor((size * 10 + 2 ** 19) / 2 ** 20); // MiB, rounded half up
  return `the log is ${Math.floor(tenths / 10)}.${tenths % 10} MiB; fupan reads its last ${MAX_LOG / 2 ** 20} MiB, from the first line that starts there`;
}

// parseLog is search.ParseLog: the traceback in the part of a pasted log
// that cutLog returns, from the first line from which the parser accepts
// the rest (find); it throws when there is none.
export function parseLog(text) {
  const { start, tb, error } = find(cutLog(text));
  if (tb) return tb;
  throw new Error("no traceback found (Python, Java or Go)" + (start >= 0 ? ": " + error.message : ""));
}

// readLog is what "fupan similar" does with a log before it ranks:
// {tb, error, note}, the traceback (or null and parseLog's error) and
// longLogNote's note.
export function readLog(text) {
  const note = longLogNote(utf8Length(text));
  try {
    return { tb: parseLog(text), error: "", note };
  } catch (e) {
    return { tb: null, error: e.message, note };
  }
}
