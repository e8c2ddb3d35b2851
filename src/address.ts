/**
 * Addresses and sizes, one home for the add-in and the emulator alike: column letters, A1 cells
 * and rectangles, sheet-name quoting, sheet-qualified addresses, and the UTF-8 size of what a
 * request or response carries. Pure: no Office, no emulator.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, zero-based and inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** An address that is not one: callers turn it into their own error (the emulator's, a user message). */
export class AddressError extends Error {
  constructor(
    readonly address: string,
    why = "invalid address",
  ) {
    super(`${why}: ${address}`);
    this.name = "AddressError";
  }
}

/** Excel column letters for a zero-based index (A, B, …, Z, AA, …, XFD). */
export function columnLetter(c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Zero-based index of Excel column letters ("A" → 0, "AA" → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B7" for 1-based row 7 and 0-based column 1: how the layouts count. */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** A1 of a zero-based cell, optionally absolute ($B$7). */
export function cellA1(r: number, c: number, absolute = false): string {
  return absolute ? `$${columnLetter(c)}$${r + 1}` : `${columnLetter(c)}${r + 1}`;
}

export function rectA1(rect: Rect, absolute = false): string {
  const a = cellA1(rect.r0, rect.c0, absolute);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return a;
  return `${a}:${cellA1(rect.r1, rect.c1, absolute)}`;
}

/**
 * A sheet name as a formula or address writes it: bare when it is a plain identifier that cannot
 * be read as a cell (Excel's rule), otherwise in single quotes with ' doubled. Quoting is always
 * accepted, so anything in doubt is quoted.
 */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^(r|c|rc)\d*$/i.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** "Sheet!$A$1:$B$2", the sheet quoted as needed. */
export function qualified(sheet: string, rect: Rect, absolute = false): string {
  return `${quoteSheet(sheet)}!${rectA1(rect, absolute)}`;
}

/** Splits "Sheet1!A1:B2" or "'My sheet'!A1" into sheet name (or null) and the local address. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!(.+)$/.exec(address.trim());
  if (!m) return { sheet: null, local: address.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], local: m[3] };
}

/** The address without its sheet part. */
export function localAddress(address: string): string {
  return splitSheet(address).local;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

/**
 * The rectangle of "A1", "A1:C3", "A:C" (whole columns) or "2:5" (whole rows), without a sheet
 * part. Throws AddressError for anything else or outside the grid.
 */
export function parseRect(address: string): Rect {
  const parts = address.trim().split(":");
  if (parts.length > 2 || parts[0] === "") throw new AddressError(address);
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  let rect: Rect;
  const ca = CELL_RE.exec(a);
  const cb = CELL_RE.exec(b);
  if (ca && cb) {
    rect = { r0: Number(ca[2]) - 1, c0: columnIndex(ca[1]), r1: Number(cb[2]) - 1, c1: columnIndex(cb[1]) };
  } else if (parts.length === 2 && COL_RE.test(a) && COL_RE.test(b)) {
    rect = { r0: 0, c0: columnIndex(COL_RE.exec(a)![1]), r1: MAX_ROWS - 1, c1: columnIndex(COL_RE.exec(b)![1]) };
  } else if (parts.length === 2 && ROW_RE.test(a) && ROW_RE.test(b)) {
    rect = { r0: Number(ROW_RE.exec(a)![1]) - 1, c0: 0, r1: Number(ROW_RE.exec(b)![1]) - 1, c1: MAX_COLS - 1 };
  } else {
    throw new AddressError(address);
  }
  const norm = {
    r0: Math.min(rect.r0, rect.r1),
    r1: Math.max(rect.r0, rect.r1),
    c0: Math.min(rect.c0, rect.c1),
    c1: Math.max(rect.c0, rect.c1),
  };
  if (norm.r0 < 0 || norm.c0 < 0 || norm.r1 >= MAX_ROWS || norm.c1 >= MAX_COLS) {
    throw new AddressError(address, "address outside the grid");
  }
  return norm;
}

/** The rectangle of an address that may carry a sheet part ("Sheet!$A$1:$G$9"): the sheet is ignored. */
export function rectOf(address: string): Rect {
  return parseRect(localAddress(address));
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
/** True when `inner` lies wholly inside `outer`. */
export function containsRect(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}
export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

/** Node's native count, where there is one (the command line, tests); the browser counts in script. */
const nodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, enc: "utf8"): number } }).Buffer;

/**
 * UTF-8 size of a string, counted by code point (a surrogate pair is one 4-byte character, a lone
 * surrogate the 3 bytes of its replacement character, as Node's Buffer.byteLength counts).
 */
export function utf8Length(s: string): number {
  return nodeBuffer ? nodeBuffer.byteLength(s, "utf8") : utf8LengthInScript(s);
}

/** utf8Length without Node's help (the browser). */
export function utf8LengthInScript(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * UTF-8 bytes of a value as JSON: what a request or response carries. Arrays and strings, numbers,
 * booleans and null (a request's grids) are counted in place, as JSON.stringify would write them,
 * without making the text (a portfolio's chunk is megabytes of it); anything else is stringified.
 */
export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return jsonValueBytes(value);
  } catch {
    return 0;
  }
}

function jsonValueBytes(value: unknown): number {
  if (typeof value === "string") return jsonStringBytes(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === "boolean") return value ? 4 : 5;
  if (value === null) return 4;
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    // A row repeated (one formats array for every row of a block) is counted once.
    let last: unknown = undefined;
    let lastBytes = 0;
    // Indexed: an iterator's result object for each of 400,000 cells is garbage the writes made.
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== last || !Array.isArray(v)) {
        lastBytes = v === undefined || typeof v === "function" || typeof v === "symbol" ? 4 : jsonValueBytes(v);
        last = v;
      }
      n += lastBytes;
    }
    return n;
  }
  return utf8Length(JSON.stringify(value) ?? "");
}

/** jsonStringBytes of a text without a backslash, control character or surrogate; -1 for one with any. */
function shortJsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 92) return -1;
      n += c === 34 ? 2 : 1;
    } else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdfff) return -1;
    else n += 3;
  }
  return n;
}

/** What makes a string need its JSON written to be counted: a backslash, a control character, a surrogate. */
// eslint-disable-next-line no-control-regex -- JSON escapes control characters: they are what is looked for
const ESCAPES_OR_SURROGATES = /[\\\u0000-\u001f\ud800-\udfff]/;

/** A string's JSON bytes: its quotes, a backslash per quote, its UTF-8 bytes; a string needing other escapes, as stringified. */
function jsonStringBytes(s: string): number {
  // A short text (a table's names and codes: 420,000 of them in a 60,000-row read) in one pass:
  // three native calls cost more there.
  if (s.length <= 64) {
    const n = shortJsonStringBytes(s);
    if (n >= 0) return n;
  }
  // The rare text with a backslash, a control character or a surrogate (\\, \n, \u00XX, a lone
  // surrogate's \uXXXX): JSON.stringify writes its escapes.
  if (ESCAPES_OR_SURROGATES.test(s)) return utf8Length(JSON.stringify(s));
  let n = utf8Length(s) + 2;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}
