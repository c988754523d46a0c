// The traceback parser, a port of fupan's Go package internal/traceback
// (its doc.go specifies the formats): a Python traceback, a Java stack
// trace or a Go panic. parse(text) returns {language, chain: [{type,
// message, frames: [{file, line, function}]}]} or throws an Error; final(tb)
// is the final exception. The traceback mode of the search page uses it to
// rank as "fupan similar" does; its parity test compares the two.

const PY_HEADER = "Traceback (most recent call last):";
const PY_CONTEXT = "During handling of the above exception, another exception occurred:";
const PY_CAUSE = "The above exception was the direct cause of the following exception:";
const JAVA_THREAD = 'Exception in thread "';
const JAVA_CAUSED_BY = "Caused by: ";
const JAVA_SUPPRESSED = "Suppressed: ";
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

export function final(tb) {
  if (tb.chain.length === 0) return { type: "", message: "", frames: [] };
  return tb.language === "python" ? tb.chain[tb.chain.length - 1] : tb.chain[0];
}

export function parse(text) {
  const lines = splitLines(text);
  if (lines.length === 0) throw new Error("line 1: empty traceback");
  if (goHead(lines[0].text)[1]) return parseGo(lines);
  if (isPython(lines)) return parsePython(lines);
  if (isJava(lines)) return parseJava(lines);
  throw new Error(`line ${lines[0].num}: not a traceback`);
}

const indented = (l) => l.text !== "" && (l.text[0] === " " || l.text[0] === "\t");
const trimmed = (l) => l.text.replace(/^[ \t]+/, "");

function splitLines(text) {
  const lines = [];
  let indent = "";
  text.split("\n").forEach((raw, i) => {
    const s = trimEnd(raw, " \t\r");
    if (s === "") {
      if (lines.length > 0) lines.push({ num: i + 1, text: "" });
      return;
    }
    const ws = s.slice(0, s.length - s.replace(/^[ \t]+/, "").length);
    indent = lines.length === 0 ? ws : commonPrefix(indent, ws);
    lines.push({ num: i + 1, text: s });
  });
  while (lines.length > 0 && lines[lines.length - 1].text === "") lines.pop();
  for (const l of lines) if (l.text.startsWith(indent)) l.text = l.text.slice(indent.length);
  return lines;
}

// trimEnd removes the characters in chars from the end of s, in one pass
// from the end. (V8 reads /[ \t\r]+$/ in linear time; a backtracking
// engine may take time quadratic in a run of spaces inside a long line.)
function trimEnd(s, chars) {
  let n = s.length;
  while (n > 0 && chars.includes(s[n - 1])) n--;
  return s.slice(0, n);
}

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function cut(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s, "", false] : [s.slice(0, i), s.slice(i + sep.length), true];
}

function cutLast(s, sep) {
  const i = s.lastIndexOf(sep);
  return i < 0 ? [s, "", false] : [s.slice(0, i), s.slice(i + sep.length), true];
}

function cutMessage(s) {
  const [typ, msg, ok] = cut(s, ": ");
  return ok ? [typ, msg] : [s.endsWith(":") ? s.slice(0, -1) : s, ""];
}

// atoi is strconv.Atoi for the numbers of a traceback, or NaN.
function atoi(s) {
  return /^[+-]?[0-9]+$/.test(s) ? parseInt(s, 10) : NaN;
}

// isIdentifier is Go's: a letter or "_" followed by letters, digits, "_"
// and the characters in extra. ASCII is told without a regular expression.
function isIdentifier(s, extra) {
  if (s === "") return false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const letter = c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || extra.includes(s[i]);
      if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
      i++;
      continue;
    }
    const r = String.fromCodePoint(s.codePointAt(i));
    if (!(LETTER.test(r) || extra.includes(r) || (i > 0 && DIGIT.test(r)))) return false;
    i += r.length;
  }
  return true;
}

// dotted reports whether s is parts joined by ".", each of which part
// accepts.
function dotted(s, part) {
  if (s === "") return false;
  for (let a = 0; ; ) {
    const b = s.indexOf(".", a);
    if (!part(b < 0 ? s.slice(a) : s.slice(a, b))) return false;
    if (b < 0) return true;
    a = b + 1;
  }
}

// --- Python ---

const isPythonSeparator = (s) => s === PY_CONTEXT || s === PY_CAUSE;

function isPython(lines) {
  return lines[0].text === PY_HEADER || lines.some((l) => isPythonSeparator(l.text));
}

function isPythonName(s) {
  return dotted(s, (p) => p === "<locals>" || isIdentifier(p, ""));
}

function pythonFrame(s) {
  if (!s.startsWith('File "')) return null;
  const [file, rest, ok] = cut(s.slice(6), '", line ');
  if (!ok) return null;
  const [num, fn] = cut(rest, ", in ");
  const n = atoi(num);
  if (!(n >= 0)) return null;
  return { file, line: n, function: fn };
}

function parsePython(lines) {
  const tb = { language: "python", chain: [] };
  let i = 0;
  for (;;) {
    const start = lines[i];
    let exc = null;
    const frames = [];
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (isPythonSeparator(l.text)) break;
      if (exc || l.text === "") continue;
      if (indented(l)) {
        const f = pythonFrame(trimmed(l));
        if (f) frames.push(f);
        continue;
      }
      const [typ, msg] = cutMessage(l.text);
      if (isPythonName(typ)) exc = { type: typ, message: msg, line: l.num };
    }
    if (!exc) throw new Error(`line ${start.num}: Python traceback has no exception line`);
    exc.frames = frames;
    tb.chain.push(exc);
    if (i === lines.length) return tb;
    const sep = lines[i];
    for (i++; i < lines.length && lines[i].text === ""; i++);
    if (i === lines.length) throw new Error(`line ${sep.num}: no traceback follows the chain separator`);
  }
}

// --- Java ---

function isJavaClass(s) {
  return dotted(s, (p) => isIdentifier(p, "$"));
}

function javaException(s) {
  const [typ, msg] = cutMessage(s);
  return isJavaClass(typ) ? [typ, msg, true] : ["", "", false];
}

function javaHead(s) {
  if (!s.startsWith(JAVA_THREAD)) return javaException(s);
  const rest = s.slice(JAVA_THREAD.length);
  // The thread name may itself hold '" ': try each end in turn, reading
  // each part of the line once (see Go's javaHead).
  for (let i = rest.indexOf('" '); i >= 0; ) {
    const cand = rest.slice(i + 2);
    const n = classRun(cand);
    const tail = cand.slice(n);
    if (tail === "" || tail === ":" || tail.startsWith(": ")) {
      const r = javaException(cand);
      if (r[2]) return r;
    }
    const j = tail.indexOf('" ');
    if (j < 0) break;
    i += 2 + n + j;
  }
  return ["", "", false];
}

// classRun is the length, in UTF-16 code units, of the longest prefix of s
// made of the characters a binary class name may hold.
function classRun(s) {
  let i = 0;
  for (const r of s) {
    if (!(r === "_" || r === "$" || r === "." || LETTER.test(r) || DIGIT.test(r))) break;
    i += r.length;
  }
  return i;
}

function isJava(lines) {
  if (!javaHead(lines[0].text)[2]) return false;
  if (lines[0].text.startsWith(JAVA_THREAD)) return true;
  return lines.slice(1).some((l) => (indented(l) && trimmed(l).startsWith("at ")) || l.text.startsWith(JAVA_CAUSED_BY));
}

function javaFrame(s) {
  const [fn0, loc0, ok] = cut(s, "(");
  const [loc, , closed] = cut(loc0, ")");
  if (!ok || !closed) return { file: "", line: 0, function: s };
  const i = fn0.lastIndexOf("/");
  const f = { file: loc, line: 0, function: i >= 0 ? fn0.slice(i + 1) : fn0 };
  const [file, num, found] = cutLast(loc, ":");
  const n = atoi(num);
  if (found && n >= 0) {
    f.file = file;
    f.line = n;
  }
  return f;
}

function parseJava(lines) {
  const [typ, msg] = javaHead(lines[0].text);
  const tb = { language: "java", chain: [{ type: typ, message: msg, line: lines[0].num, frames: [] }] };
  let cur = tb.chain[0];
  let suppressed = false;
  for (const l of lines.slice(1)) {
    if (l.text.startsWith(JAVA_CAUSED_BY)) {
      const rest = l.text.slice(JAVA_CAUSED_BY.length);
      const [t, m, ok] = javaException(rest);
      if (!ok) throw new Error(`line ${l.num}: "Caused by:" names no exception class`);
      cur = { type: t, message: m, line: l.num, frames: [] };
      tb.chain.push(cur);
      suppressed = false;
      continue;
    }
    if (suppressed || !indented(l)) continue;
    const s = trimmed(l);
    if (s.startsWith(JAVA_SUPPRESSED)) suppressed = true;
    else if (s.startsWith("at ")) cur.frames.push(javaFrame(s.slice(3)));
  }
  return tb;
}

// --- Finding a traceback in a log ---

// find is Go's traceback.Find (its comment explains how): {start, tb,
// error} for the first line from which parse accepts the rest of text,
// as if parse were tried from each line in turn, in time linear in the
// length of text. On failure tb is null and error is parse's error for
// the text from the first line that is not blank, whose offset is start;
// or start is -1 when every line is blank. Offsets count UTF-16 code
// units, where Go's count bytes.
export function find(text) {
  const start = findStart(text);
  try {
    return { start, tb: parse(start < 0 ? "" : text.slice(start)), error: null };
  } catch (error) {
    return { start, tb: null, error };
  }
}

// isBlank is strings.TrimSpace(s) === "" in Go: only Unicode white space.
const isBlank = (s) => /^\p{White_Space}*$/u.test(s);

const NONE = Infinity;

const newGroup = () => ({
  nextSep: NONE, // the next chain separator at column 0, from the current line on
  nextExc: NONE, // the next Python exception line
  chainOK: false, // each part of the chain after nextSep has an exception line
  anyAt: false, // a line starting "at " below the current line
  indentedAt: false, // an indented one
  causedBy: false, // a "Caused by: " at column 0 below the current line
  badCausedBy: false, // one that names no class
});

function findStart(text) {
  let found = -1, first = -1, indent = "", common = -1, laterAt = false;
  let g = newGroup();
  // From the last line to the first: each is text.slice(begin, end),
  // without its "\n".
  for (let end = text.length, more = true; more; ) {
    const nl = end === 0 ? -1 : text.lastIndexOf("\n", end - 1);
    const begin = nl + 1;
    const raw = text.slice(begin, end);
    end = Math.max(nl, 0);
    more = nl >= 0;
    const s = trimEnd(raw, " \t\r");
    if (s === "") continue;
    let w = 0;
    while (s[w] === " " || s[w] === "\t") w++;
    const c = s.slice(w);
    const ws = s.slice(0, w);
    if (common < 0) {
      indent = ws;
      common = ws.length;
    }
    const n = commonPrefix(ws, indent.slice(0, common)).length;
    if (n < common) {
      // A new group, indented less.
      common = n;
      laterAt ||= g.anyAt;
      g = newGroup();
    }
    const col0 = ws.length === common;
    if (col0) {
      if (isPythonSeparator(c)) {
        g.chainOK = g.nextExc < g.nextSep && (g.nextSep === NONE || g.chainOK);
        g.nextSep = begin;
      } else if (isPythonName(cutMessage(c)[0])) g.nextExc = begin;
    }
    const printable = c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127;
    if (printable || !isBlank(raw)) {
      first = begin;
      if (accepts(g, c, col0, laterAt)) found = begin;
    }
    if (c.startsWith("at ")) {
      g.anyAt = true;
      if (!col0) g.indentedAt = true;
    }
    if (col0 && c.startsWith(JAVA_CAUSED_BY)) {
      g.causedBy = true;
      if (!javaException(c.slice(JAVA_CAUSED_BY.length))[2]) g.badCausedBy = true;
    }
  }
  return found >= 0 ? found : first;
}

function accepts(g, c, col0, laterAt) {
  if (col0) {
    const [value, ok] = goHead(c);
    if (ok) return value !== "";
  }
  if ((col0 && c === PY_HEADER) || g.nextSep !== NONE) return g.nextExc < g.nextSep && (g.nextSep === NONE || g.chainOK);
  if (!col0 || !javaHead(c)[2]) return false;
  if (c.startsWith(JAVA_THREAD) || laterAt || g.indentedAt || g.causedBy) return !g.badCausedBy;
  return false;
}

// --- Go ---

// goHead is [value, true] for the first line of a Go panic or fatal
// runtime error, else ["", false].
function goHead(s) {
  for (const p of ["panic:", "fatal error:"]) {
    if (s.startsWith(p) && (s.length === p.length || s[p.length] === " ")) return [panicValue(s.slice(p.length)), true];
  }
  return ["", false];
}

function panicValue(s) {
  for (const suffix of [" [recovered]", " [recovered, repanicked]"]) if (s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  return s.trim();
}

const isGoroutineHeader = (s) => s.startsWith("goroutine ") && s.endsWith("]:");

function parseGo(lines) {
  const first = lines[0];
  const value = goHead(first.text)[0];
  if (value === "") throw new Error(`line ${first.num}: Go panic has no value`);
  const tb = { language: "go", chain: [{ type: value, message: "", line: first.num, frames: [] }] };
  let i = 1;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (isGoroutineHeader(l.text)) break;
    const t = trimmed(l);
    if (indented(l) && t.startsWith("panic: ")) {
      const v = panicValue(t.slice(7));
      if (v !== "") tb.chain.push({ type: v, message: "", line: l.num, frames: [] });
    }
  }
  if (i < lines.length) tb.chain[0].frames = goFrames(lines.slice(i + 1));
  return tb;
}

function goFrames(lines) {
  const frames = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.text === "...additional frames elided...") continue;
    if (l.text === "" || indented(l) || i + 1 === lines.length || !indented(lines[i + 1])) break;
    i++;
    if (l.text.startsWith("created by ")) continue;
    const [file, line] = goLocation(trimmed(lines[i]));
    frames.push({ function: goFunction(l.text), file, line });
  }
  return frames;
}

function goFunction(s) {
  if (s.endsWith(")")) {
    const i = s.lastIndexOf("(");
    if (i > 0) return s.slice(0, i);
  }
  return s;
}

function goLocation(s) {
  for (const tail of [" +0x", " fp=0x"]) {
    const i = s.indexOf(tail);
    if (i >= 0) s = s.slice(0, i);
  }
  const [file, num, ok] = cutLast(s, ":");
  const n = atoi(num);
  if (ok && n >= 0) return [file, n];
  return [s, 0];
}
