/**
 * Large plain sheets read straight from their sheet part into a column-store block (issue 20; the
 * mirror of xlsx-bulk.ts, which writes them). ExcelJS builds an object per cell and keeps the
 * whole workbook in memory (100,000 revenue rows: 5.2 s of a 5.4 s import; 1,000,000 rows do not
 * fit). So: each large sheet part is cut after its first rows — titles, the header and a template
 * row — and ExcelJS reads that cut workbook (styles, tables, names, merges, validations, views:
 * everything it knows); the rows below are scanned here, byte by byte, into typed columns.
 *
 * A sheet qualifies only where its rows below the template are uniform: plain values (numbers,
 * shared or inline text, booleans) and each cell's style index (`s`) one with the same format as the
 * template row's cell in its column (xlsx-styles.ts: LibreOffice gives Chinese and ASCII text
 * different fonts of one size), so the template's formats cover the whole column. A formula, an
 * error, an ISO date cell, or a cell with a value styled apart sends the whole file through ExcelJS
 * as before. A cell with no value below the template is a format alone and is not kept.
 */
import JSZip from "jszip";
import { ColumnBlock } from "./columns";
import { sheetParts } from "./xlsx-charts";
import { partSizes, readPart } from "./zip";
import { fileStyles } from "./xlsx-styles";

/** A sheet part at least this large (uncompressed bytes) is worth cutting. */
export const BULK_READ_MIN_BYTES = 1 << 20;

export interface BulkRows {
  /** The rows below the template, already in typed columns (its sheet id is set on attach). */
  block: ColumnBlock;
  /** 0-based row of the template (the last row ExcelJS reads). */
  template: number;
}

export interface BulkSplit {
  /** The workbook with its large sheets cut after the template row, for ExcelJS. */
  head: Uint8Array;
  /** By sheet name. */
  sheets: Map<string, BulkRows>;
  /** The file's default font size (its first font's), for the formats ExcelJS reads. */
  defaultFontSize: number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const EQ = 0x3d;

const utf8 = new TextDecoder("utf-8");

/** Where `pattern` (ASCII) next occurs in `b` from `from`, or -1. */
function find(b: Uint8Array, pattern: string, from: number, to = b.length): number {
  const p0 = pattern.charCodeAt(0);
  const n = pattern.length;
  outer: for (let i = b.indexOf(p0, from); i >= 0 && i + n <= to; i = b.indexOf(p0, i + 1)) {
    for (let k = 1; k < n; k++) if (b[i + k] !== pattern.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? m),
  );
}

/** The text of every `<t>` inside (phonetic runs `<rPh>` left out), as ExcelJS reads a rich string. */
function textOf(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? "";
  return decodeXmlText(out);
}

export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(m[1] ? textOf(m[1]) : "");
  return out;
}

class NotPlain extends Error {}

interface Cell {
  col: number;
  style: number;
  value: number | string | boolean | null;
}

// The attributes `r`, `s` and `t` of the tag being read (`tagAttributes`), kept in module state:
// a 1,000,000-row sheet has 7,000,000 cells, and a Map and a decoded string per attribute cost
// more than the rest of the scan (issue 20, measured).
let attrR0 = -1;
let attrR1 = -1;
let attrS = 0;
/** 0 number (the default), 1 shared string, 2 boolean, 3 inline string, 9 anything else. */
let attrT = 0;
let selfClosing = false;

/** Reads a tag's attributes from just after its name; returns where the tag ends. */
function tagAttributes(b: Uint8Array, i: number): number {
  attrR0 = -1;
  attrR1 = -1;
  attrS = 0;
  attrT = 0;
  for (;;) {
    let ch = b[i];
    while (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) ch = b[++i];
    if (ch === GT) {
      selfClosing = false;
      return i + 1;
    }
    if (ch === SLASH && b[i + 1] === GT) {
      selfClosing = true;
      return i + 2;
    }
    if (ch === undefined) throw new NotPlain("unterminated tag");
    const nameStart = i;
    while (b[i] !== EQ && i < b.length) i++;
    let nameEnd = i;
    while (b[nameEnd - 1] === 0x20) nameEnd--;
    i++;
    while (b[i] !== QUOTE && b[i] !== APOS) i++;
    const q = b[i];
    const v0 = i + 1;
    const v1 = b.indexOf(q, v0);
    i = v1 + 1;
    if (nameEnd - nameStart !== 1) continue;
    const name = b[nameStart];
    if (name === 0x72 /* r */) {
      attrR0 = v0;
      attrR1 = v1;
    } else if (name === 0x73 /* s */) {
      let n = 0;
      for (let k = v0; k < v1; k++) n = n * 10 + (b[k] - 48);
      attrS = n;
    } else if (name === 0x74 /* t */) {
      const len = v1 - v0;
      const c0 = b[v0];
      attrT =
        len === 1 && c0 === 0x6e
          ? 0
          : len === 1 && c0 === 0x73
            ? 1
            : len === 1 && c0 === 0x62
              ? 2
              : len === 9 && c0 === 0x69 /* inlineStr */
                ? 3
                : 9;
    }
  }
}

/** ASCII bytes as a string (numbers, row numbers). */
function ascii(b: Uint8Array, from: number, to: number): string {
  let out = "";
  for (let k = from; k < to; k++) out += String.fromCharCode(b[k]);
  return out;
}

/** One `<row>` element's cells from `i` (just after `<row`): the row number, its cells, and where it ends. */
function readRow(
  b: Uint8Array,
  i: number,
  shared: string[],
  rowGuess: number,
): { row: number; cells: Cell[]; end: number } {
  let k = tagAttributes(b, i);
  let row = rowGuess;
  if (attrR0 >= 0) {
    let n = 0;
    for (let x = attrR0; x < attrR1; x++) n = n * 10 + (b[x] - 48);
    row = n - 1;
  }
  const cells: Cell[] = [];
  if (selfClosing) return { row, cells, end: k };
  let nextCol = 0;
  for (;;) {
    const lt = b.indexOf(LT, k);
    if (lt < 0) throw new NotPlain("unterminated row");
    if (b[lt + 1] === SLASH) {
      // </row>
      return { row, cells, end: b.indexOf(GT, lt) + 1 };
    }
    if (b[lt + 1] !== 0x63 /* c */ || (b[lt + 2] !== 0x20 && b[lt + 2] !== GT && b[lt + 2] !== SLASH))
      throw new NotPlain("unexpected element in a row");
    k = tagAttributes(b, lt + 2);
    let col = nextCol;
    if (attrR0 >= 0) {
      col = 0;
      for (let x = attrR0; x < attrR1; x++) {
        const ch = b[x];
        if (ch < 65 || ch > 90) break;
        col = col * 26 + (ch - 64);
      }
      col -= 1;
    }
    nextCol = col + 1;
    const style = attrS;
    const type = attrT;
    let value: number | string | boolean | null = null;
    if (type === 9) throw new NotPlain("a cell of another type (error, formula text, date)");
    if (!selfClosing) {
      const p = b.indexOf(LT, k);
      const next = b[p + 1];
      if (next === 0x76 /* v */ && b[p + 2] === GT) {
        const v1 = b.indexOf(LT, p + 3);
        if (type === 0) {
          value = Number(ascii(b, p + 3, v1));
          if (!Number.isFinite(value)) throw new NotPlain("not a number");
        } else if (type === 1) {
          const s = shared[Number(ascii(b, p + 3, v1))];
          if (s === undefined) throw new NotPlain("no such shared string");
          value = s;
        } else if (type === 2) value = b[p + 3] === 0x31 || b[p + 3] === 0x74;
        else throw new NotPlain("a value in an inline-string cell");
        k = v1 + 4; // past </v>
      } else if (next === 0x69 /* is */ && b[p + 2] === 0x73 && type === 3) {
        const close = find(b, "</is>", p + 4);
        value = inlineText(b, p + 4, close);
        k = close + 5;
      } else if (next === 0x66 /* f */) throw new NotPlain("a formula");
      else if (next !== SLASH) throw new NotPlain("unexpected element in a cell");
      // </c>, most often right here.
      const end = b[k] === LT && b[k + 1] === SLASH && b[k + 2] === 0x63 && b[k + 3] === GT ? k : find(b, "</c>", k);
      if (end < 0) throw new NotPlain("unterminated cell");
      k = end + 4;
    }
    cells.push({ col, style, value });
  }
}

const textCache = new Map<string, string>();

/**
 * The text of an inline string (between `<is>` and `</is>`): one `<t>` read straight from the
 * bytes (a revenue table repeats its customers and services, so each distinct run of bytes is
 * decoded once), rich text through `textOf`.
 */
function inlineText(b: Uint8Array, from: number, to: number): string {
  if (b[from] === LT && b[from + 1] === 0x74 /* t */ && (b[from + 2] === GT || b[from + 2] === 0x20)) {
    const open = b.indexOf(GT, from) + 1;
    const close = b.indexOf(LT, open);
    if (close + 4 === to && b[close + 1] === SLASH && b[close + 2] === 0x74) {
      const key = ascii(b, open, close);
      let text = textCache.get(key);
      if (text === undefined) {
        text = decodeXmlText(utf8.decode(b.subarray(open, close)));
        if (textCache.size > 100_000) textCache.clear();
        textCache.set(key, text);
      }
      return text;
    }
  }
  return textOf(utf8.decode(b.subarray(from, to)));
}

/**
 * Cuts the workbook's large uniform sheets after their template row: the head for ExcelJS and the
 * rows below in blocks. Null when no sheet qualifies (the caller reads the file as it is).
 */
export async function splitBulkSheets(
  data: ArrayBuffer | Uint8Array,
  minBytes = BULK_READ_MIN_BYTES,
): Promise<BulkSplit | null> {
  const zip = await JSZip.loadAsync(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const sizes = partSizes(bytes);
  const parts = [...(await sheetParts(zip))]
    .map(([name, path]) => ({ name, path }))
    .filter((p) => (sizes.get(p.path) ?? 0) >= minBytes);
  if (!parts.length) return null;
  const text = (path: string) => {
    const b = readPart(bytes, path);
    return b ? utf8.decode(b) : "";
  };
  const shared = sharedStrings(text("xl/sharedStrings.xml"));
  const styles = fileStyles(text("xl/styles.xml"));
  const sheets = new Map<string, BulkRows>();
  for (const part of parts) {
    const cut = cutSheet(readPart(bytes, part.path)!, shared, styles.classOf);
    if (!cut) continue;
    zip.file(part.path, cut.head);
    sheets.set(part.name, cut.rows);
  }
  if (!sheets.size) return null;
  const head = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  return { head, sheets, defaultFontSize: styles.defaultFontSize };
}

/** Rows from the top among which the template row is looked for. */
const HEAD_WINDOW = 50;

/** One sheet part: its head (rows up to the template) and the rows below in a block; null when not uniform. */
export function cutSheet(
  b: Uint8Array,
  shared: string[],
  /** Style indices with one class are one format (xlsx-styles.ts); by default each is its own. */
  classOf: (s: number) => number = (s) => s,
): { head: Uint8Array; rows: BulkRows } | null {
  const open = find(b, "<sheetData", 0);
  if (open < 0) return null;
  const openEnd = b.indexOf(GT, open) + 1;
  if (b[openEnd - 2] === SLASH) return null; // <sheetData/>
  const close = find(b, "</sheetData>", openEnd);
  if (close < 0) return null;
  try {
    // The first rows — titles, the header, a template row — stay for ExcelJS. The template is the
    // first row (from the second on) that every later row of the first HEAD_WINDOW matches, so
    // title rows above the header do not stop the cut.
    let i = openEnd;
    let guess = 0;
    const early: { row: number; cells: Cell[]; end: number }[] = [];
    while (early.length < HEAD_WINDOW) {
      const at = find(b, "<row", i, close);
      if (at < 0) break;
      const r = readRow(b, at + 4, shared, guess);
      if (early.length && r.row <= early[early.length - 1].row) throw new NotPlain("rows out of order");
      early.push(r);
      guess = r.row + 1;
      i = r.end;
    }
    if (early.length < 3) return null;
    const fits = (r: { cells: Cell[] }, styles: Map<number, number>, c0: number, c1: number) =>
      r.cells.every(
        (c) =>
          c.col >= c0 &&
          c.col <= c1 &&
          (c.value === null || c.value === "" || classOf(styles.get(c.col) ?? 0) === classOf(c.style)),
      );
    let t = -1;
    let styles = new Map<number, number>();
    let c0 = Infinity;
    let c1 = -1;
    for (let k = 1; k < early.length - 1 && t < 0; k++) {
      styles = new Map(early[k].cells.map((c) => [c.col, c.style]));
      c0 = Infinity;
      c1 = -1;
      for (let j = 0; j <= k; j++)
        for (const c of early[j].cells) {
          c0 = Math.min(c0, c.col);
          c1 = Math.max(c1, c.col);
        }
      if (early.slice(k + 1).every((r) => fits(r, styles, c0, c1))) t = k;
    }
    if (t < 0 || c1 < 0) return null;
    const template = early[t];
    const headEnd = template.end;
    // The rows below, straight into the block (grown as they come).
    const block = new ColumnBlock(-1, { r0: template.row + 1, r1: template.row + 1, c0, c1 });
    const put = (r: { row: number; cells: Cell[] }) => {
      let grown = false;
      for (const c of r.cells) {
        if (c.col < c0 || c.col > c1) throw new NotPlain("a cell outside the header's columns");
        // A cell without a value is a format alone (LibreOffice saves a thousand such rows under
        // a CSV's data): it neither grows the block nor has to match its column's style.
        if (c.value === null || c.value === "") continue;
        if (classOf(styles.get(c.col) ?? 0) !== classOf(c.style))
          throw new NotPlain("a cell styled apart from its column");
        if (!grown) block.growTo(r.row);
        grown = true;
        block.set(r.row, c.col, c.value);
      }
    };
    for (const r of early.slice(t + 1)) put(r);
    let last = early[early.length - 1].row;
    for (;;) {
      const at = find(b, "<row", i, close);
      if (at < 0) break;
      const r = readRow(b, at + 4, shared, guess);
      if (r.row <= last) throw new NotPlain("rows out of order");
      put(r);
      last = r.row;
      guess = r.row + 1;
      i = r.end;
    }
    const head = new Uint8Array(headEnd + (b.length - close));
    head.set(b.subarray(0, headEnd), 0);
    head.set(b.subarray(close), headEnd);
    return { head, rows: { block, template: template.row } };
  } catch (e) {
    if (e instanceof NotPlain) return null;
    throw e;
  }
}
