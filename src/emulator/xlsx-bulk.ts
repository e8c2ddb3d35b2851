/**
 * Large plain sheets written straight into their sheet part (issue 20). ExcelJS builds an object
 * per cell and serialises it (100,000 revenue rows: ~8 s of a 22 s CLI run); a revenue table's
 * rows are plain values with one format per column. So: ExcelJS writes such a sheet's head — every
 * row up to and including a template row — and the rows below it are appended here as XML, each
 * cell taking the style index the template row's cell of its column got (`s`), text as inline
 * strings (`t="inlineStr"`: text stays text, never re-read as a number or date). The sheet's
 * dimension and the ref of a table over those rows are widened to match.
 *
 * A formula below the template is written as ExcelJS writes one: its text (`<f>`, with the file's
 * `_xlfn.` prefixes) and its computed value (`<v>`, typed `str`, `b` or `e` as the value is): the
 * portfolio's sorted copy is 60,000 formulas under its accounts (issue 35). A column held as one
 * is written as one shared formula where Excel reads it so; where it names a table column or
 * another sheet it is not (row 41 of docs/excel-behaviour.md: the copy over a table), and its
 * cells are written from one template of the first row's text, each row's numbers put in
 * (`formulaTemplates`): the same bytes, without escaping and encoding 60,000 texts one by one.
 *
 * A sheet qualifies only where the rows below the template are uniform: no merge, row
 * height or validation there, each cell's own number format (a file's dates) the same as the
 * template's in its column, and every format layer covering them covers the template row the same
 * way. Anything else is written by ExcelJS as before.
 *
 * Above that, a large table's data rows go in bulk too (`tablePlans`: the portfolio's accounts),
 * put in their places among the rows ExcelJS writes, each with its own height; validation is
 * written over ranges (xlsx-rules.ts), so it makes no cell there.
 */
import type { Package } from "./zip";
import { colLetters, type Rect } from "./address";
import type { CellValue, SheetModel, TableModel } from "./types";
import { cellKey, keyCol, keyRow } from "./types";
import { maxOf, minOf, pushAll } from "../arrays";
import { isShiftedCopy, relativeKey } from "./parse-memo";

/** A sheet with at least this many cells below its head is written in bulk. */
export const BULK_MIN_CELLS = 50_000;

export interface BulkPlan {
  /** 0-based: the template row (written by ExcelJS) and the last row. */
  template: number;
  last: number;
  c0: number;
  c1: number;
  /** Tables whose data runs to `last`: ExcelJS gets them cut at the template row. */
  tables: TableModel[];
  /**
   * A table's plan (tablePlans): the rows below the template, to `last`, that ExcelJS writes all
   * the same (a number format unlike the template's). Its empty cells keep their column's style.
   */
  own?: Set<number>;
}

/**
 * Every bulk of a sheet, top down (`plans`): the data rows of its large tables above (`tablePlans`),
 * then the rows below its last template (`bottom`, from `bulkPlan`).
 */
export function bulkPlans(
  sheet: SheetModel,
  used: Rect | null,
  tables: TableModel[],
  minCells = BULK_MIN_CELLS,
): { plans: BulkPlan[]; bottom: BulkPlan | null } {
  if (!used) return { plans: [], bottom: null };
  const bottom = bulkPlan(sheet, used, tables, minCells);
  const above = tablePlans(sheet, used, tables, bottom ? bottom.template : used.r1 + 1, minCells);
  return { plans: bottom ? [...above, bottom] : above, bottom };
}

/**
 * The data rows of a sheet's large tables above row `below` (issue 35: the portfolio's 2,000
 * accounts, 22 formulas each, were most of ExcelJS's work on that sheet). Below the template row
 * (`tableTemplate`), to the table's last row, the rows go in bulk, each with its own height, where
 * each cell's number format and format layers are the template's (the others: ExcelJS, `own`; the
 * portfolio's helper columns AX:BB are formatted on one row fewer than the accounts). Refused,
 * all its rows left to ExcelJS, where a merge or another table meets them.
 */
export function tablePlans(
  sheet: SheetModel,
  used: Rect,
  tables: TableModel[],
  below: number,
  minCells = BULK_MIN_CELLS,
): BulkPlan[] {
  const width = used.c1 - used.c0 + 1;
  const out: BulkPlan[] = [];
  for (const t of tables) {
    const d0 = t.rect.r0 + 1;
    const d1 = t.rect.r1;
    if (t.showTotals || d1 >= below || d1 <= d0 || (d1 - d0) * width < minCells) continue;
    // Meets the rows below the first / covers every data row.
    const meets = (r: Rect) => r.r1 > d0 && r.r0 <= d1;
    const covers = (r: Rect) => r.r0 <= d0 && r.r1 >= d1;
    if (sheet.merges.some(meets) || tables.some((o) => o !== t && meets(o.rect))) continue;
    if (out.some((p) => p.last >= t.rect.r0 - 1)) continue;
    // Each row's format layers, where some cover only part of the rows: a mark per layer over it.
    const layers = [...sheet.formatLayers, ...sheet.numberFormatLayers];
    const marks: string[] = new Array<string>(d1 - d0 + 1).fill("");
    layers.forEach((l, i) => {
      if (l.rect.r1 < d0 || l.rect.r0 > d1 || covers(l.rect)) return;
      for (let r = Math.max(d0, l.rect.r0); r <= Math.min(d1, l.rect.r1); r++) marks[r - d0] += `${i},`;
    });
    const { template, own } = tableTemplate(sheet, d0, d1, used, marks);
    if ((d1 - template - own.size) * width < minCells) continue;
    out.push({ template, last: d1, c0: used.c0, c1: used.c1, tables: [t], own });
  }
  return out.sort((a, b) => a.template - b.template);
}

/**
 * The template among a table's data rows `first`…`last`: the first row whose cells' own number
 * formats, and the partial format layers over it (`marks`, by row), are the most common among
 * them. The rows above it are ExcelJS's; below it, those whose formats differ from it are too (`own`).
 */
function tableTemplate(
  sheet: SheetModel,
  first: number,
  last: number,
  used: Rect,
  marks: string[],
): { template: number; own: Set<number> } {
  const signatures: string[] = [];
  const counts = new Map<string, number>();
  for (let r = first; r <= last; r++) {
    let sig = `${marks[r - first]}\u0001`;
    for (let c = used.c0; c <= used.c1; c++) {
      const f = sheet.numberFormats.get(cellKey(r, c));
      if (f !== undefined) sig += `${c}\u0000${f}\u0000`;
    }
    signatures.push(sig);
    counts.set(sig, (counts.get(sig) ?? 0) + 1);
  }
  let best = signatures[0];
  for (const [sig, n] of counts) if (n > (counts.get(best) ?? 0)) best = sig;
  const at = signatures.indexOf(best);
  const own = new Set<number>();
  for (let i = at + 1; i < signatures.length; i++) if (signatures[i] !== best) own.add(first + i);
  return { template: first + at, own };
}

/**
 * Where a sheet's bulk rows start (the row after the template), or null when it has none worth
 * it: `minCells` cells at least, every cell below the template plain and uniformly formatted.
 */
export function bulkPlan(
  sheet: SheetModel,
  used: Rect | null,
  tables: TableModel[],
  minCells = BULK_MIN_CELLS,
): BulkPlan | null {
  if (!used) return null;
  const width = used.c1 - used.c0 + 1;
  // The first row that may be bulk: after the header and one data row, and after anything irregular.
  let from = used.r0 + 2;
  const after = (row: number) => (from = Math.max(from, row + 2));
  for (const r of sheet.rowHeights.keys()) after(r);
  for (const m of sheet.merges) after(m.r1);
  for (const v of sheet.validations) after(v.rect.r1);
  for (const l of [...sheet.formatLayers, ...sheet.numberFormatLayers]) {
    if (l.rect.r1 < used.r0 || l.rect.r0 > used.r1) continue;
    // A layer starting inside the sheet puts the template at least one row into it; one ending
    // inside keeps the bulk out of it.
    if (l.rect.r0 > used.r0) after(l.rect.r0 - 1);
    if (l.rect.r1 < used.r1) after(l.rect.r1);
  }
  // Per-cell number formats (a file's dates, the portfolio copy's columns): fine where each
  // column's equals the template's. Where one differs, the first such row becomes the template
  // (the rows above it go to ExcelJS), and the rows below are checked against it in turn.
  /** The rows below `template` whose format differs from the template's in its column. */
  const unlike = (template: number): number[] => {
    const rows: number[] = [];
    for (const [key, fmt] of sheet.numberFormats) {
      const r = keyRow(key);
      if (r > template && sheet.numberFormats.get(cellKey(template, keyCol(key))) !== fmt) rows.push(r);
    }
    return rows;
  };
  for (let pass = 0; pass < 4; pass++) {
    const rows = unlike(from - 1);
    if (!rows.length) break;
    from = minOf(rows, Infinity) + 1;
  }
  // Still unlike after four templates: the bulk starts below the last row unlike the template.
  for (const r of unlike(from - 1)) after(r);
  const inBulk: TableModel[] = [];
  for (const t of tables) {
    if (t.rect.r1 < from - 1) continue;
    // A table over the bulk must be one that runs to the last row, without a totals row.
    if (t.rect.r1 !== used.r1 || t.showTotals || t.rect.r0 >= from - 1) return null;
    inBulk.push(t);
  }
  if (from > used.r1 || (used.r1 - from + 1) * width < minCells) return null;
  return { template: from - 1, last: used.r1, c0: used.c0, c1: used.c1, tables: inBulk };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const ERROR = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/;

/**
 * Bytes in chunks of about 4 MB: the bulk rows are written as bytes, never as one string (a
 * 1,000,000-row sheet is ~300 MB of XML; building it from strings spent more time collecting
 * garbage than writing).
 */
class ByteWriter {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(1 << 22);
  private at = 0;
  /** Where the bytes not yet handed out as a chunk start in `buf`. */
  private start = 0;

  bytes(b: Uint8Array): void {
    if (this.at + b.length > this.buf.length) this.flush(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** ASCII text (numbers, references): byte by byte. */
  ascii(s: string): void {
    if (this.at + s.length > this.buf.length) this.flush(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.at++] = s.charCodeAt(i);
  }

  /**
   * A templated formula moved `shift` rows down: its pieces with each row number between them, in
   * one loop (small pieces: a call to `set` per piece cost more than copying their bytes).
   */
  template(t: FormulaTemplate, shift: number): void {
    const { pieces, rows } = t;
    const most = t.size + rows.length * 7;
    if (this.at + most > this.buf.length) this.flush(most);
    const buf = this.buf;
    let at = this.at;
    for (let m = 0; m <= rows.length; m++) {
      const b = pieces[m];
      for (let i = 0; i < b.length; i++) buf[at++] = b[i];
      if (m === rows.length) break;
      const s = String(rows[m] + shift);
      for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
    }
    this.at = at;
  }

  /** Any text, as UTF-8 straight into the buffer (no array made for it). */
  text(s: string): void {
    const most = s.length * 3;
    if (this.at + most > this.buf.length) this.flush(most);
    this.at += utf8.encodeInto(s, this.buf.subarray(this.at)).written;
  }

  private flush(need: number): void {
    if (this.at > this.start) this.chunks.push(this.buf.subarray(this.start, this.at));
    this.buf = new Uint8Array(Math.max(1 << 22, need));
    this.at = 0;
    this.start = 0;
  }

  /** The bytes written since the last cut, in chunks; what follows goes on in the same buffer. */
  cut(): Uint8Array[] {
    if (this.at > this.start) this.chunks.push(this.buf.subarray(this.start, this.at));
    this.start = this.at;
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
}

const utf8 = new TextEncoder();

/** How the bulk's cells are written: each one's value, formula, shared group, and its column's style index. */
export interface BulkCells {
  valueAt: (r: number, c: number) => CellValue;
  styleOf: (c: number) => string | undefined;
  formulaAt?: (r: number, c: number) => string | undefined;
  sharedAt?: (r: number, c: number) => SharedCell | undefined;
  /**
   * A cell whose formula is its column's first one moved down (a column held as one that is not
   * written shared): that formula's markup as bytes made once, with each relative row number the
   * row's (the copy's 60,000 checks over a table: each one's text was escaped and encoded alone).
   * Only for a cell that is not in a shared group.
   */
  templateAt?: (r: number, c: number) => FormulaTemplate | undefined;
  /** A row's height in points, where it has its own (written as ExcelJS writes one). */
  heightOf?: (r: number) => number | undefined;
  /**
   * An empty cell keeps its column's style (as ExcelJS writes a formatted empty cell): a table's
   * input cells stay unlocked and formatted with nothing in them.
   */
  styledEmpty?: boolean;
  /** False for a column that certainly holds nothing in the rows written: its cells are not asked for. */
  holds?: (c: number) => boolean;
}

/**
 * The XML of each run of rows (`from`…`to`, 0-based) over columns c0…c1: each column's cell with
 * its style index; the chunks of bytes of each run, in order.
 */
export function bulkRowsBytes(
  runs: { from: number; to: number }[],
  cols: { c0: number; c1: number },
  cells: BulkCells,
): Uint8Array[][] {
  const {
    valueAt,
    styleOf,
    formulaAt = () => undefined,
    sharedAt = () => undefined,
    heightOf,
    styledEmpty,
    holds,
    templateAt,
  } = cells;
  const w = new ByteWriter();
  const open: Uint8Array[] = [];
  const after: Uint8Array[] = [];
  const styled: boolean[] = [];
  for (let c = cols.c0; c <= cols.c1; c++) {
    open.push(utf8.encode(`<c r="${colLetters(c)}`));
    const st = styleOf(c);
    styled.push(st !== undefined);
    after.push(utf8.encode(`"${st ? ` s="${st}"` : ""}`));
  }
  const num = utf8.encode("><v>");
  const numEnd = utf8.encode("</v></c>");
  const bool = utf8.encode(' t="b"><v>');
  const err = utf8.encode(' t="e"><v>');
  const rowEnd = utf8.encode("</row>");
  const emptyEnd = utf8.encode("/>");
  // The columns whose cells are asked for: not those that hold nothing here (a styled empty cell
  // still written where empty cells are).
  const visit: number[] = [];
  for (let c = cols.c0; c <= cols.c1; c++)
    if (!holds || holds(c) || (styledEmpty && styled[c - cols.c0])) visit.push(c);
  const sharedTags = new Map<number, Uint8Array>();
  // Each distinct text once: escaped, encoded, with its inline-string markup.
  const texts = new Map<string, Uint8Array>();
  const out: Uint8Array[][] = [];
  for (const run of runs) {
    for (let r = run.from; r <= run.to; r++) {
      const n = String(r + 1);
      const h = heightOf?.(r);
      w.ascii(h === undefined ? `<row r="${n}">` : `<row r="${n}" ht="${h}" customHeight="1">`);
      for (const c of visit) {
        const v = valueAt(r, c);
        const shared = sharedAt(r, c);
        // A shared group's other cells carry no text of their own: formulaAt is not asked for it.
        // A templated formula with a number (every other value is written as ExcelJS writes it).
        const t = !shared && templateAt && typeof v === "number" ? templateAt(r, c) : undefined;
        const f = (shared && !shared.ref) || t ? "" : formulaAt(r, c);
        const k = c - cols.c0;
        if (f === undefined && (v === "" || v === null || v === undefined)) {
          if (!styledEmpty || !styled[k]) continue;
          w.bytes(open[k]);
          w.ascii(n);
          w.bytes(after[k]);
          w.bytes(emptyEnd);
          continue;
        }
        w.bytes(open[k]);
        w.ascii(n);
        w.bytes(after[k]);
        if (t) {
          w.template(t, r - t.r0);
          w.ascii(String(v));
          w.bytes(numEnd);
          continue;
        }
        if (f !== undefined) {
          // A shared group's other cell with a number (the copy's 60,000 amounts): its markup as
          // bytes made once per group, the number as ASCII.
          if (shared && !shared.ref && typeof v === "number") {
            let b = sharedTags.get(shared.si);
            if (!b) sharedTags.set(shared.si, (b = utf8.encode(`><f t="shared" si="${shared.si}"/><v>`)));
            w.bytes(b);
            w.ascii(String(v));
            w.bytes(numEnd);
          } else w.text(formulaCell(f, v, shared));
          continue;
        }
        if (typeof v === "number") {
          w.bytes(num);
          w.ascii(String(v));
          w.bytes(numEnd);
        } else if (typeof v === "boolean") {
          w.bytes(bool);
          w.ascii(v ? "1" : "0");
          w.bytes(numEnd);
        } else if (ERROR.test(String(v))) {
          w.bytes(err);
          w.text(esc(String(v)));
          w.bytes(numEnd);
        } else {
          const text = String(v);
          let b = texts.get(text);
          if (!b) {
            const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
            b = utf8.encode(` t="inlineStr"><is><t${space}>${esc(text)}</t></is></c>`);
            if (texts.size < 100_000) texts.set(text, b);
          }
          w.bytes(b);
        }
      }
      w.bytes(rowEnd);
    }
    out.push(w.cut());
  }
  return out;
}

/**
 * A column's first formula cut at its relative row numbers: `pieces` (escaped, encoded, the first
 * with the cell's `<f>` and the last with `</f><v>`) around each number, `rows` each number's value on
 * row `r0` (0-based); on row r each is that plus r − r0.
 */
export interface FormulaTemplate {
  pieces: Uint8Array[];
  rows: number[];
  r0: number;
  /** The pieces' bytes together. */
  size: number;
}

/**
 * A cell of a shared formula (ECMA-376 Part 1, 18.3.1.40 `f`, `t="shared"`): the group's first
 * cell holds the text and the group's range (`ref`); the others only the group's index (`si`), and
 * each is read as the first cell's formula moved to it — which is what a column held as one is
 * (vector.ts: every row the same formula in R1C1).
 */
export interface SharedCell {
  si: number;
  /** The group's range, on its first cell only. */
  ref?: string;
}

/** A formula cell's type, formula and value, after its reference and style (`f`: as the file holds it, no `=`). */
function formulaCell(f: string, v: CellValue, shared?: SharedCell): string {
  const formula = !shared
    ? `<f>${esc(f)}</f>`
    : shared.ref
      ? `<f t="shared" ref="${shared.ref}" si="${shared.si}">${esc(f)}</f>`
      : `<f t="shared" si="${shared.si}"/>`;
  if (typeof v === "number") return `>${formula}<v>${v}</v></c>`;
  if (typeof v === "boolean") return ` t="b">${formula}<v>${v ? 1 : 0}</v></c>`;
  const text = String(v ?? "");
  if (ERROR.test(text)) return ` t="e">${formula}<v>${esc(text)}</v></c>`;
  return ` t="str">${formula}<v>${esc(text)}</v></c>`;
}

/** Each column's style index (`s`) on a row of a sheet part, by 0-based column. */
export function rowStyles(sheetXml: string, row1: number): Map<number, string> {
  const out = new Map<number, string>();
  const start = sheetXml.search(new RegExp(`<row [^>]*r="${row1}"[ >]`));
  if (start < 0) return out;
  const end = sheetXml.indexOf("</row>", start);
  const row = sheetXml.slice(start, end < 0 ? undefined : end);
  for (const m of row.matchAll(/<c r="([A-Z]+)\d+"([^>]*)/g)) {
    const st = /\ss="(\d+)"/.exec(m[2]);
    if (st) out.set(colIndex(m[1]), st[1]);
  }
  return out;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Each planned sheet's part among the package's parts (`zip`, as ExcelJS wrote them) with its bulk
 * rows put in their places among ExcelJS's rows, its dimension widened, and its tables' refs
 * widened (those go back into `zip`): the sheet parts as chunks of bytes, by path, for `writePackage`.
 */
export async function addBulkRows(
  zip: Package,
  sheets: {
    sheet: SheetModel;
    plans: BulkPlan[];
    part: string;
    valueAt: (r: number, c: number) => CellValue;
    /** The sheet's columns held as one (vector.ts): written as shared formulas. */
    columns: Rect[];
    /** For each column of `rect`, whether any of its cells may hold something (false: certainly empty). */
    holding?: (rect: Rect) => boolean[];
  }[],
  fileFormula: (formula: string) => string,
): Promise<Map<string, Uint8Array[]>> {
  const out = new Map<string, Uint8Array[]>();
  const encoder = new TextEncoder();
  for (const { sheet, plans, part, valueAt, columns, holding } of sheets) {
    const file = zip.file(part);
    if (!file || !plans.length) continue;
    let xml = await file.async("string");
    if (xml.lastIndexOf("</sheetData>") < 0) continue;
    // Widened to the bulk rows, never narrowed: ExcelJS's rows may reach past a table's.
    xml = xml.replace(
      /<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\/>/,
      (_m, c0: string, r0: string, c1?: string, r1?: string) => {
        const col = Math.max(colIndex(c1 ?? c0), maxOf(plans.map((p) => p.c1)));
        const row = Math.max(Number(r1 ?? r0), maxOf(plans.map((p) => p.last)) + 1);
        return `<dimension ref="${c0}${r0}:${colLetters(col)}${row}"/>`;
      },
    );
    // ExcelJS's rows (1-based numbers, ascending) and where each one's tag starts: a run of bulk
    // rows goes before the first of them below it, or at the end of the sheet's data.
    const rowNumbers: number[] = [];
    const rowOffsets: number[] = [];
    for (const m of xml.matchAll(/<row r="(\d+)"/g)) {
      rowNumbers.push(Number(m[1]));
      rowOffsets.push(m.index);
    }
    const end = xml.lastIndexOf("</sheetData>");
    const offsetAfter = (row0: number) => {
      const i = rowNumbers.findIndex((n) => n > row0 + 1);
      return i < 0 ? end : rowOffsets[i];
    };
    const inserts: { at: number; chunks: Uint8Array[] }[] = [];
    for (const plan of plans) {
      const runs = bulkRuns(plan);
      const held = holding?.({ r0: plan.template + 1, r1: plan.last, c0: plan.c0, c1: plan.c1 });
      const bytes = bulkRowsBytes(runs, plan, {
        valueAt,
        styleOf: (
          (styles) => (c: number) =>
            styles.get(c)
        )(rowStyles(xml, plan.template + 1)),
        ...planFormulas(sheet, plan, columns, fileFormula),
        heightOf: (r) => sheet.rowHeights.get(r),
        styledEmpty: plan.own !== undefined,
        holds: held && ((c: number) => held[c - plan.c0]),
      });
      runs.forEach((run, i) => inserts.push({ at: offsetAfter(run.to), chunks: bytes[i] }));
    }
    // Stable: runs at one place keep their order (top down).
    inserts.sort((a, b) => a.at - b.at);
    const chunks: Uint8Array[] = [];
    let from = 0;
    for (const ins of inserts) {
      chunks.push(encoder.encode(xml.slice(from, ins.at)));
      pushAll(chunks, ins.chunks);
      from = ins.at;
    }
    chunks.push(encoder.encode(xml.slice(from)));
    out.set(part, chunks);
    for (const t of plans.flatMap((p) => p.tables)) await widenTable(zip, t);
  }
  return out;
}

/** The runs of rows a plan writes: below the template to its last, without ExcelJS's own rows. */
function bulkRuns(plan: BulkPlan): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let from = plan.template + 1;
  for (let r = from; r <= plan.last + 1; r++) {
    if (r <= plan.last && !plan.own?.has(r)) continue;
    if (r > from) runs.push({ from, to: r - 1 });
    from = r + 1;
  }
  return runs;
}

/** A plan's formulas as the file holds them, and its shared-formula groups. */
function planFormulas(
  sheet: SheetModel,
  plan: BulkPlan,
  columns: Rect[],
  fileFormula: (formula: string) => string,
): Pick<BulkCells, "formulaAt" | "sharedAt" | "templateAt"> {
  // The bulk's columns that hold a formula (one pass over the sheet's formulas): a plain column's
  // cells are not looked up one by one (300,000 lookups in a 1 GB heap: a quarter of a second).
  // Each such column's rows that hold one, as bits: a column of sums on some rows (the copy's
  // AT:AW, 12,000 formulas in 240,000 cells) is looked up where they are.
  const withFormulas = new Map<number, Uint8Array>();
  const from = plan.template + 1;
  sheet.formulas.forEach((_f, k) => {
    const r = keyRow(k);
    if (r < from || r > plan.last) return;
    const c = keyCol(k);
    let rows = withFormulas.get(c);
    if (!rows) withFormulas.set(c, (rows = new Uint8Array(plan.last - from + 1)));
    rows[r - from] = 1;
  });
  const formulaAt = (r: number, c: number) => {
    if (!withFormulas.get(c)?.[r - from]) return undefined;
    const f = sheet.formulas.get(cellKey(r, c));
    return f === undefined ? undefined : fileFormula(f.slice(1));
  };
  // Shared groups in the bulk below a sheet's last template only (one plan a sheet: their `si`
  // numbers are the sheet's); a table's rows, among which ExcelJS writes some, cell by cell.
  // Every other column held as one from a template.
  const held = heldColumns(plan, columns);
  const inGroups = plan.own === undefined;
  const sharedOnes = inGroups ? held.filter((g) => shareable(formulaAt(g.r0, g.c))) : [];
  return {
    formulaAt,
    sharedAt: inGroups ? sharedGroups(sharedOnes) : undefined,
    templateAt: formulaTemplates(
      sheet,
      held.filter((g) => !sharedOnes.includes(g)),
      fileFormula,
    ),
  };
}

/** A column held as one (vector.ts), cut to a bulk's rows: column c, rows r0…r1 (0-based). */
interface HeldColumn {
  c: number;
  r0: number;
  r1: number;
}

/** The bulk's columns held as one, each cut to its rows (two at least), by column then first row. */
function heldColumns(plan: BulkPlan, columns: Rect[]): HeldColumn[] {
  const from = plan.template + 1;
  const out: HeldColumn[] = [];
  for (const v of columns) {
    const r0 = Math.max(v.r0, from);
    const r1 = Math.min(v.r1, plan.last);
    if (v.c0 !== v.c1 || v.c0 < plan.c0 || v.c0 > plan.c1 || r1 <= r0) continue;
    out.push({ c: v.c0, r0, r1 });
  }
  return out.sort((a, b) => a.c - b.c || a.r0 - b.r0);
}

/**
 * Whether the file may hold a column's formula (as the file writes it) as one shared formula:
 * Excel does not read one naming a table column (`[`) or another sheet (`!`) so.
 */
function shareable(text: string | undefined): boolean {
  return text !== undefined && !text.includes("[") && !text.includes("!");
}

/** The group (of `groups`) a cell is in, by its column then its rows. */
function groupLookup<G extends HeldColumn>(groups: G[]): (r: number, c: number) => G | undefined {
  const byColumn = new Map<number, G[]>();
  for (const g of groups) {
    const list = byColumn.get(g.c);
    if (list) list.push(g);
    else byColumn.set(g.c, [g]);
  }
  return (r, c) => {
    const list = byColumn.get(c);
    if (!list) return undefined;
    for (let i = 0; i < list.length; i++) if (r >= list[i].r0 && r <= list[i].r1) return list[i];
    return undefined;
  };
}

/**
 * The templates of the bulk's columns held as one that are not written shared (`held`: a formula
 * naming a table column or another sheet, or a table's rows): each column's formula on its first
 * row there, cut at its relative row numbers (relativeKey). A row is written from it only when its
 * own text is that formula moved down to it, character for character (isShiftedCopy): the bytes
 * are those the text would give. A formula the scanner does not read, or one the file writes
 * otherwise (`fileFormula`: an `_xlfn.` prefix), has none.
 */
function formulaTemplates(
  sheet: SheetModel,
  held: HeldColumn[],
  fileFormula: (formula: string) => string,
): ((r: number, c: number) => FormulaTemplate | undefined) | undefined {
  const groups: (HeldColumn & { head: string; marks: number[]; t: FormulaTemplate })[] = [];
  for (const { c, r0, r1 } of held) {
    const head = sheet.formulas.get(cellKey(r0, c));
    const marks: number[] = [];
    if (head === undefined || fileFormula(head.slice(1)) !== head.slice(1) || relativeKey(head, r0, c, marks) === null)
      continue;
    const pieces: Uint8Array[] = [];
    const rows: number[] = [];
    let at = 1;
    for (let m = 0; m < marks.length; m += 2) {
      pieces.push(utf8.encode((m === 0 ? "><f>" : "") + esc(head.slice(at, marks[m]))));
      rows.push(Number(head.slice(marks[m], marks[m + 1])));
      at = marks[m + 1];
    }
    pieces.push(utf8.encode(`${marks.length ? "" : "><f>"}${esc(head.slice(at))}</f><v>`));
    groups.push({ c, r0, r1, head, marks, t: { pieces, rows, r0, size: pieces.reduce((n, b) => n + b.length, 0) } });
  }
  if (!groups.length) return undefined;
  const groupAt = groupLookup(groups);
  return (r, c) => {
    const g = groupAt(r, c);
    if (!g) return undefined;
    const text = sheet.formulas.get(cellKey(r, c));
    return text !== undefined && isShiftedCopy(g.head, g.marks, text, r - g.r0) ? g.t : undefined;
  };
}

/** A table whose rows went in bulk: its part's ref (and its filter's) widened to the table's rows. */
async function widenTable(zip: Package, t: TableModel): Promise<void> {
  const ref = `${colLetters(t.rect.c0)}${t.rect.r0 + 1}:${colLetters(t.rect.c1)}${t.rect.r1 + 1}`;
  // The table element's own name (a column of another table may bear it too).
  const named = new RegExp(`<table [^>]*\\sname="${t.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`);
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))) {
    const tx = await zip.file(name)!.async("string");
    if (!named.test(tx)) continue;
    zip.file(
      name,
      tx.replace(/(<table [^>]*\sref=")[^"]+"/, `$1${ref}"`).replace(/(<autoFilter [^>]*ref=")[^"]+"/, `$1${ref}"`),
    );
    return;
  }
}

/**
 * The shared-formula groups of a bulk: each column held as one whose formula Excel reads shared
 * (`shareable`), from its first row there, numbered in order. Left out, written cell by cell (or
 * from a template): a group of one row, and a formula naming a table column (`[`) or another
 * sheet (`!`), which Excel does not read shared (docs/excel-behaviour.md). The portfolio's copy
 * reads the revenue table through its names.
 */
function sharedGroups(held: HeldColumn[]): (r: number, c: number) => SharedCell | undefined {
  if (!held.length) return () => undefined;
  const groupAt = groupLookup(held.map((g, si) => ({ ...g, si })));
  return (r, c) => {
    const g = groupAt(r, c);
    if (!g) return undefined;
    return r === g.r0 ? { si: g.si, ref: `${colLetters(c)}${g.r0 + 1}:${colLetters(c)}${g.r1 + 1}` } : { si: g.si };
  };
}
