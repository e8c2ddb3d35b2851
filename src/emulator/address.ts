import { columnIndex, columnLetter } from "../tables/text";
import { EmulatorError } from "./errors";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, zero-based and inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Column letters (A, B, …, AA) for a zero-based index: the one definition lives with the table readers. */
export const colLetters = columnLetter;

export const colIndex = columnIndex;

export function cellA1(r: number, c: number, absolute = false): string {
  return absolute ? `$${colLetters(c)}$${r + 1}` : `${colLetters(c)}${r + 1}`;
}

export function rectA1(rect: Rect, absolute = false): string {
  const a = cellA1(rect.r0, rect.c0, absolute);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return a;
  return `${a}:${cellA1(rect.r1, rect.c1, absolute)}`;
}

/** Quotes a sheet name for a formula or address when Excel would. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function qualified(sheet: string, rect: Rect, absolute = false): string {
  return `${quoteSheet(sheet)}!${rectA1(rect, absolute)}`;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

/** Parses "A1", "A1:C3", "A:C" (whole columns), "2:5" (whole rows); no sheet part. */
export function parseRect(address: string): Rect {
  const parts = address.trim().split(":");
  if (parts.length > 2 || parts[0] === "") throw new EmulatorError("InvalidArgument", `invalid address: ${address}`);
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  let rect: Rect;
  const ca = CELL_RE.exec(a);
  const cb = CELL_RE.exec(b);
  if (ca && cb) {
    rect = { r0: Number(ca[2]) - 1, c0: colIndex(ca[1]), r1: Number(cb[2]) - 1, c1: colIndex(cb[1]) };
  } else if (parts.length === 2 && COL_RE.test(a) && COL_RE.test(b)) {
    rect = { r0: 0, c0: colIndex(COL_RE.exec(a)![1]), r1: MAX_ROWS - 1, c1: colIndex(COL_RE.exec(b)![1]) };
  } else if (parts.length === 2 && ROW_RE.test(a) && ROW_RE.test(b)) {
    rect = { r0: Number(ROW_RE.exec(a)![1]) - 1, c0: 0, r1: Number(ROW_RE.exec(b)![1]) - 1, c1: MAX_COLS - 1 };
  } else {
    throw new EmulatorError("InvalidArgument", `invalid address: ${address}`);
  }
  const norm = {
    r0: Math.min(rect.r0, rect.r1),
    r1: Math.max(rect.r0, rect.r1),
    c0: Math.min(rect.c0, rect.c1),
    c1: Math.max(rect.c0, rect.c1),
  };
  if (norm.r0 < 0 || norm.c0 < 0 || norm.r1 >= MAX_ROWS || norm.c1 >= MAX_COLS) {
    throw new EmulatorError("InvalidArgument", `address outside the grid: ${address}`);
  }
  return norm;
}

/** Splits "Sheet1!A1:B2" or "'My sheet'!A1" into sheet name (or null) and the local address. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!(.+)$/.exec(address.trim());
  if (!m) return { sheet: null, local: address.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], local: m[3] };
}

export function rectRows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}
export function rectCols(r: Rect): number {
  return r.c1 - r.c0 + 1;
}
export function inRect(r: Rect, row: number, col: number): boolean {
  return row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;
}
/** The overlap of two rectangles, or null. */
export function intersection(a: Rect, b: Rect): Rect | null {
  const r = { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
  return r.r0 <= r.r1 && r.c0 <= r.c1 ? r : null;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
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
