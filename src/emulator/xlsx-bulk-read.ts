/**
 * Large plain sheets read straight from their sheet part into a column-store block (issue 20; the
 * mirror of xlsx-bulk.ts, which writes them). ExcelJS builds an object per cell and keeps the
 * whole workbook in memory (100,000 revenue rows: 5.2 s of a 5.4 s import; 1,000,000 rows do not
 * fit). So: each large sheet part is cut after its first two rows — the header and a template
 * row — and ExcelJS reads that cut workbook (styles, tables, names, merges, validations, views:
 * everything it knows); the rows below are scanned here, byte by byte, into typed columns.
 *
 * A sheet qualifies only where its rows below the template are uniform: plain values (numbers,
 * shared or inline text, booleans) and each cell's style index (`s`) the same as the template
 * row's cell in its column, so the template's formats cover the whole column. A formula, an
 * error, an ISO date cell, or a cell styled apart sends the whole file through ExcelJS as before.
 */
import JSZip from "jszip";
import { ColumnBlock } from "./columns";

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

/** A tag's attributes from just after its name up to `>` (or `/>`): the map and where the tag ends. */
function attributes(b: Uint8Array, i: number): { attrs: Map<string, string>; end: number; selfClosing: boolean } {
  const attrs = new Map<string, string>();
  for (;;) {
    while (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d) i++;
    if (b[i] === GT) return { attrs, end: i + 1, selfClosing: false };
    if (b[i] === SLASH && b[i + 1] === GT) return { attrs, end: i + 2, selfClosing: true };
    const nameStart = i;
    while (b[i] !== EQ && i < b.length) i++;
    const name = utf8.decode(b.subarray(nameStart, i)).trim();
    i++;
    while (b[i] !== QUOTE && b[i] !== APOS) i++;
    const q = b[i];
    const vStart = i + 1;
    const vEnd = b.indexOf(q, vStart);
    attrs.set(name, utf8.decode(b.subarray(vStart, vEnd)));
    i = vEnd + 1;
  }
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

/** Column index (0-based) of a cell reference's letters ("AB12" → 27). */
function colOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    c = c * 26 + (ch - 64);
  }
  return c - 1;
}

class NotPlain extends Error {}

interface Cell {
  col: number;
  style: number;
  value: number | string | boolean | null;
}

/** One `<row>` element's cells from `i` (just after `<row`): the row number, its cells, and where it ends. */
function readRow(
  b: Uint8Array,
  i: number,
  shared: string[],
  rowGuess: number,
): { row: number; cells: Cell[]; end: number } {
  const head = attributes(b, i);
  const row = head.attrs.has("r") ? Number(head.attrs.get("r")) - 1 : rowGuess;
  const cells: Cell[] = [];
  if (head.selfClosing) return { row, cells, end: head.end };
  let k = head.end;
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
    const a = attributes(b, lt + 2);
    const ref = a.attrs.get("r");
    const col = ref ? colOf(ref) : nextCol;
    nextCol = col + 1;
    const style = Number(a.attrs.get("s") ?? 0);
    const type = a.attrs.get("t") ?? "n";
    let value: number | string | boolean | null = null;
    if (a.selfClosing) {
      k = a.end;
    } else {
      const close = find(b, "</c>", a.end);
      if (close < 0) throw new NotPlain("unterminated cell");
      const inner = b.subarray(a.end, close);
      k = close + 4;
      if (find(inner, "<f", 0) >= 0) throw new NotPlain("a formula");
      if (type === "inlineStr") {
        value = textOf(utf8.decode(inner));
      } else {
        const v0 = find(inner, "<v>", 0);
        if (v0 >= 0) {
          const v1 = find(inner, "</v>", v0);
          const text = utf8.decode(inner.subarray(v0 + 3, v1));
          if (type === "n") {
            value = Number(text);
            if (!Number.isFinite(value)) throw new NotPlain("not a number");
          } else if (type === "s") {
            const s = shared[Number(text)];
            if (s === undefined) throw new NotPlain("no such shared string");
            value = s;
          } else if (type === "b") value = text === "1" || text === "true";
          else throw new NotPlain(`a cell of type ${type}`);
        } else if (type !== "n" && type !== "s") throw new NotPlain(`a cell of type ${type}`);
      }
    }
    cells.push({ col, style, value });
  }
}

interface Part {
  name: string;
  path: string;
}

/** The workbook's sheets and their parts (xl/workbook.xml and its relationships). */
async function sheetParts(zip: JSZip): Promise<Part[]> {
  const wb = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!wb || !rels) return [];
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out: Part[] = [];
  for (const m of wb.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    const path = id ? targets.get(id) : undefined;
    if (name && path) out.push({ name: decodeXmlText(name), path });
  }
  return out;
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
  const parts = (await sheetParts(zip)).filter((p) => {
    const f = zip.file(p.path) as unknown as { _data?: { uncompressedSize?: number } } | null;
    return (f?._data?.uncompressedSize ?? 0) >= minBytes;
  });
  if (!parts.length) return null;
  const shared = sharedStrings((await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "");
  const sheets = new Map<string, BulkRows>();
  for (const part of parts) {
    const bytes = await zip.file(part.path)!.async("uint8array");
    const cut = cutSheet(bytes, shared);
    if (!cut) continue;
    zip.file(part.path, cut.head);
    sheets.set(part.name, cut.rows);
  }
  if (!sheets.size) return null;
  const head = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  return { head, sheets };
}

/** One sheet part: its head (rows up to the template) and the rows below in a block; null when not uniform. */
export function cutSheet(b: Uint8Array, shared: string[]): { head: Uint8Array; rows: BulkRows } | null {
  const open = find(b, "<sheetData", 0);
  if (open < 0) return null;
  const openEnd = b.indexOf(GT, open) + 1;
  if (b[openEnd - 2] === SLASH) return null; // <sheetData/>
  const close = find(b, "</sheetData>", openEnd);
  if (close < 0) return null;
  try {
    // The header and the template row stay for ExcelJS.
    let i = openEnd;
    let guess = 0;
    const kept: { row: number; cells: Cell[] }[] = [];
    while (kept.length < 2) {
      const at = find(b, "<row", i, close);
      if (at < 0) return null;
      const r = readRow(b, at + 4, shared, guess);
      kept.push(r);
      guess = r.row + 1;
      i = r.end;
    }
    const headEnd = i;
    const template = kept[1];
    const styles = new Map<number, number>();
    for (const c of template.cells) styles.set(c.col, c.style);
    let c0 = Infinity;
    let c1 = -1;
    for (const c of [...kept[0].cells, ...template.cells]) {
      c0 = Math.min(c0, c.col);
      c1 = Math.max(c1, c.col);
    }
    if (c1 < 0) return null;
    // The rows below, straight into the block (grown as they come).
    const block = new ColumnBlock(-1, { r0: template.row + 1, r1: template.row + 1, c0, c1 });
    let last = template.row;
    for (;;) {
      const at = find(b, "<row", i, close);
      if (at < 0) break;
      const r = readRow(b, at + 4, shared, guess);
      if (r.row <= last) throw new NotPlain("rows out of order");
      block.growTo(r.row);
      for (const c of r.cells) {
        if (c.col < c0 || c.col > c1) throw new NotPlain("a cell outside the header's columns");
        if ((styles.get(c.col) ?? 0) !== c.style) throw new NotPlain("a cell styled apart from its column");
        if (c.value !== null && c.value !== "") block.set(r.row, c.col, c.value);
      }
      last = r.row;
      guess = r.row + 1;
      i = r.end;
    }
    if (last === template.row) return null;
    const head = new Uint8Array(headEnd - 0 + (b.length - close));
    head.set(b.subarray(0, headEnd), 0);
    head.set(b.subarray(close), headEnd);
    return { head, rows: { block, template: template.row } };
  } catch (e) {
    if (e instanceof NotPlain) return null;
    throw e;
  }
}
