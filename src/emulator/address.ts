/**
 * Formula-text helpers of the emulator (literals, brackets, moving a formula). Addresses
 * themselves live in src/address.ts, shared with the add-in; re-exported here for the
 * emulator's modules, with address errors turned into the emulator's InvalidArgument.
 */
import {
  AddressError,
  columnIndex as colIndex,
  columnLetter as colLetters,
  parseRect as parseAddress,
  type Rect,
} from "../address";
import { EmulatorError } from "./errors";
import { escapeRegExp } from "../text";

export { colIndex, colLetters };
export {
  MAX_COLS,
  MAX_ROWS,
  cellA1,
  containsRect,
  inRect,
  intersection,
  intersects,
  qualified,
  quoteSheet,
  rectA1,
  rectCols,
  rectRows,
  splitSheet,
} from "../address";
export type { Rect } from "../address";

/** parseRect with the emulator's error, as Excel's InvalidArgument. */
export function parseRect(address: string): Rect {
  try {
    return parseAddress(address);
  } catch (e) {
    if (e instanceof AddressError) throw new EmulatorError("InvalidArgument", e.message);
    throw e;
  }
}

/**
 * Length of the literal starting at `i` that formula rewriting must copy untouched: a string
 * ("…" with "" escapes) or a quoted sheet prefix ('…'!); 0 when none starts there.
 */
export function literalLength(formula: string, i: number): number {
  if (formula[i] === '"') {
    let j = i + 1;
    while (j < formula.length) {
      if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
      else if (formula[j] === '"') break;
      else j++;
    }
    return Math.min(j + 1, formula.length) - i;
  }
  if (formula[i] === "'") {
    const m = /^'(?:[^']|'')*'!/.exec(formula.slice(i));
    if (m) return m[0].length;
  }
  return 0;
}

/** Index of the "]" closing the "[" at `open` (nested, with ' escapes); -1 when unclosed. */
export function matchBracket(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === "'" && j + 1 < s.length) {
      j++;
      continue;
    }
    if (s[j] === "[") depth++;
    else if (s[j] === "]" && --depth === 0) return j;
  }
  return -1;
}

/**
 * Shifts the relative parts of A1 references in a formula by (dr, dc), leaving $-anchored parts,
 * strings and sheet names alone — how Excel reads a conditional-format rule for each cell of
 * its range relative to the range's top-left cell.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    const lit = literalLength(formula, i);
    if (lit > 0) {
      out += formula.slice(i, i + lit);
      i += lit;
      continue;
    }
    if (ch === "[") {
      // a structured reference: copied whole
      const end = matchBracket(formula, i);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(])/.exec(formula.slice(i));
    const prev = i > 0 ? formula[i - 1] : "";
    if (m && !/[\w.]/.test(prev)) {
      const col = m[1] ? m[2] : colLetters(colIndex(m[2]) + dc);
      const row = m[3] ? m[4] : String(Number(m[4]) + dr);
      out += `${m[1]}${col}${m[3]}${row}`;
      i += m[0].length;
      continue;
    }
    const w = /^[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*/.exec(formula.slice(i));
    if (w) {
      out += w[0];
      i += w[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * A formula with every reference into a deleted sheet, and every structured reference to one of
 * its tables, replaced by #REF! (text in quotes is left alone).
 */
export function refsToREF(formula: string, sheetName: string, tables: string[]): string {
  const sheetRef = new RegExp(
    `^(?:'${escapeRegExp(sheetName.replace(/'/g, "''"))}'|${escapeRegExp(sheetName)})!` +
      "(\\$?[A-Za-z]{1,3}\\$?\\d+(?::\\$?[A-Za-z]{1,3}\\$?\\d+)?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3}|\\$?\\d+:\\$?\\d+|[A-Za-z_\\\\\\u0080-\\uffff][\\w.\\u0080-\\uffff]*)",
    "i",
  );
  const lowerTables = new Set(tables.map((t) => t.toLowerCase()));
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const prev = formula[i - 1] ?? "";
    if (formula[i] === '"') {
      const end = formula.indexOf('"', i + 1);
      let j = end;
      while (j >= 0 && formula[j + 1] === '"') j = formula.indexOf('"', j + 2);
      const stop = j < 0 ? formula.length : j + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (!/[\w.\u0080-\uffff]/.test(prev)) {
      const m = sheetRef.exec(formula.slice(i));
      if (m) {
        out += "#REF!";
        i += m[0].length;
        continue;
      }
      const w = /^[A-Za-z_\\\u0080-\uffff][\w.\u0080-\uffff]*\[/.exec(formula.slice(i));
      if (w && lowerTables.has(w[0].slice(0, -1).toLowerCase())) {
        const end = matchBracket(formula, i + w[0].length - 1);
        if (end > 0) {
          out += "#REF!";
          i = end + 1;
          continue;
        }
      }
    }
    out += formula[i];
    i++;
  }
  return out;
}
