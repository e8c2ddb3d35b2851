/**
 * Formulas that differ only by where they stand are tokenised once (issue 35). HyperFormula (pinned
 * at 3.5.0, `parser/ParserWithCaching.js`) already shares one syntax tree between formulas whose
 * relative form is the same (its cache is keyed by a hash of the tokens, references made relative
 * to the formula's cell), but it runs its lexer over every formula's text to compute that hash:
 * the portfolio's sorted copy writes 120,000 formulas that are one formula in R1C1, and the lexer
 * was most of their cost.
 *
 * Here a formula's text is made relative by a small scanner (`relativeKey`), and the hash
 * HyperFormula computed for the first text with that key is reused: the lexer runs once per
 * relative form. The scanner is conservative — whatever it cannot read with certainty (a column
 * or row range, a `$` outside a reference, an unmatched bracket, a reference out of Excel's grid)
 * gives no key, and that formula takes HyperFormula's own path. A key is only ever a function of
 * what the hash is a function of: string literals, quoted sheet names and structured references'
 * brackets are copied verbatim, every other character too, except references, which become
 * offsets from the formula's cell (or stay as written where `$` makes them absolute). For a column
 * (vector.ts) the same text of a table's column (`Revenue[客户编号]`) names the same range from any
 * row; what the engine is given is checked too, and `[@column]`, a different cell on each row
 * there, keeps such a column out.
 *
 * What it relies on in the parser instance: `tokenizeFormula(text)` returns `{ errors, tokens }`;
 * `computeHashFromTokens(tokens, address)` returns the cache key; `cache.get(hash)` the entry.
 * Patched on one engine's parser instance (its own properties), not on the prototype, by
 * `memoiseParses` in hf-internals.ts (the one module that reaches HyperFormula's internals); this
 * module is the scanner.
 */

const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

const REF = /^(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})$/;
/** Characters that end a run of non-word characters: a string or sheet quote, a bracket. */
const RUN_STOP = new Set(['"', "'", "[", "]"]);
/** A character of a word: a letter, a digit, `_`, `.`, `$`, or any non-ASCII character. */
function isWord(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 46 ||
    code === 36 ||
    code >= 128
  );
}

/**
 * The formula's text with each cell reference made relative to (row, col) (0-based), or null when
 * the text holds something the scanner does not read with certainty. `marks`, when given, receives
 * where each relative row number stands in the text (start, end).
 */
export function relativeKey(text: string, row: number, col: number, marks?: number[]): string | null {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name, with its doubled quotes: copied as written.
      let j = i + 1;
      for (;;) {
        if (j >= n) return null;
        if (text[j] === ch) {
          if (text[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      // A structured reference's brackets (Revenue[客户编号], [@金额], T[[#This Row],[x]]), with
      // their ' escapes: copied as written (the same text, the same reference in the same place).
      let depth = 0;
      let j = i;
      for (;;) {
        if (j >= n) return null;
        const c = text[j];
        if (c === "'") j++;
        else if (c === "[") depth++;
        else if (c === "]" && --depth === 0) break;
        j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "]") return null;
    if (!isWord(text.charCodeAt(i))) {
      // The run of operators and separators up to the next word, quote or bracket, as one slice.
      let j = i + 1;
      while (j < n && !isWord(text.charCodeAt(j)) && !RUN_STOP.has(text[j])) j++;
      out += text.slice(i, j);
      i = j;
      continue;
    }
    let j = i;
    while (j < n && isWord(text.charCodeAt(j))) j++;
    const word = text.slice(i, j);
    const next = text[j];
    i = j;
    // A function's name, a sheet's name, a column or row range, or a word right after a sheet name
    // that is not a plain reference: as written, or no key.
    if (next === "(" || next === "!" || next === "[") {
      if (word.includes("$")) return null;
      out += word;
      continue;
    }
    // A reference starts with a letter or `$` and ends with a digit: anything else is a word as written.
    const last = word.charCodeAt(word.length - 1);
    const m = last >= 48 && last <= 57 ? REF.exec(word.toUpperCase()) : null;
    if (next === ":" && !m) return null;
    if (!m) {
      if (word.includes("$")) return null;
      out += word;
      continue;
    }
    const c = colIndex(m[2]);
    const r = Number(m[4]) - 1;
    if (c >= MAX_COL || r < 0 || r >= MAX_ROW) return null;
    if (marks && !m[3]) marks.push(j - m[4].length, j);
    out += `\u0001${m[1] ? `$${c}` : `c${c - col}`}${m[3] ? `$${r}` : `r${r - row}`}\u0001`;
  }
  return out;
}

/**
 * A relative key's shape: each absolute row (`$<row>` closing a reference) a mark, the rows
 * collected in the text's order into `rows`. Formulas that differ only in their absolute rows have
 * one shape.
 */
export function keyShape(key: string, rows: number[]): string {
  // eslint-disable-next-line no-control-regex -- \u0001 closes a reference in a key (relativeKey)
  return key.replace(/\$(\d+)\u0001/g, (_m, r: string) => {
    rows.push(Number(r));
    return "$#\u0001";
  });
}

/**
 * Whether `text` is `head` moved down `shift` rows: the same characters, each relative row number
 * (`marks`, from relativeKey of head) plus `shift`. Such a text has head's relative key from its
 * own row (every mark is a reference the scanner read, and stays one within Excel's rows); a
 * text that is not such a copy answers false, though its key may still be the same (a reference
 * typed in lower case): the caller then asks relativeKey. Allocates nothing.
 */
export function isShiftedCopy(head: string, marks: number[], text: string, shift: number): boolean {
  let h = 0;
  let t = 0;
  for (let k = 0; k < marks.length; k += 2) {
    const start = marks[k];
    const end = marks[k + 1];
    while (h < start) if (head.charCodeAt(h++) !== text.charCodeAt(t++)) return false;
    let value = 0;
    while (h < end) value = value * 10 + head.charCodeAt(h++) - 48;
    let moved = 0;
    const from = t;
    for (let d = text.charCodeAt(t); d >= 48 && d <= 57; d = text.charCodeAt(++t)) moved = moved * 10 + d - 48;
    if (t === from || text.charCodeAt(from) === 48 || moved !== value + shift || moved > MAX_ROW) return false;
  }
  while (h < head.length) if (head.charCodeAt(h++) !== text.charCodeAt(t++)) return false;
  return t === text.length;
}
