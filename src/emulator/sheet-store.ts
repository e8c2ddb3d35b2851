import type { HyperFormula, RawCellContent } from "hyperformula";
import {
  colLetters,
  inRect,
  intersection,
  intersects,
  parseRect,
  quoteSheet,
  rectCols,
  rectRows,
  refsToREF,
  splitSheet,
  type Rect,
} from "./address";
import { EmulatorError } from "./errors";
import { escapeRegExp } from "../text";
import { cellInput } from "./input";
import { createHyperFormula } from "./hf";
import {
  ColumnBlock,
  storeConfig,
  blocksOf,
  blocksReadDirectly,
  markRangesDirty,
  rewireRanges,
  storable,
} from "./columns";
import { usedRect } from "./extent";
import { columnsWithVertices, plainValues, vertexlessAt } from "./hf-internals";
import { formatValue } from "./numfmt";
import { SKIP, valuesOverBlock, writeContents } from "./cell-store";
import { numberFormatOf } from "./cell-formats";
import { TableStore } from "./table-store";
import { NameStore } from "./name-store";
import { FormulaTranslator } from "./translator";

import {
  cellKey,
  checkSheetName,
  defaultPrint,
  keyCol,
  keyRow,
  toExcelValue,
  toGrid,
  type CellValue,
  type FormatProps,
  type NameModel,
  type SheetModel,
  type TableModel,
  type Visibility,
} from "./types";
import { pushAll } from "../arrays";

/**
 * The workbook's sheets, cells and column store (src/emulator/columns.ts): the first half of
 * WorkbookModel (model.ts), which adds formulas held as one, formats, tables, names and
 * conditional formats. Split by size (issue 33); the members the halves share are protected.
 */
/**
 * Whether a formula's text may hold what a column-store block cannot answer for (columns.ts
 * `blocksReadDirectly`): a whole column (`A:A`, `$B:$D`, `Sheet1!A:Sheet1!B`) or row (`3:3`),
 * OFFSET or INDIRECT.
 * Errs towards yes (a time in a string, a name containing OFFSET).
 */
const WHOLE_COLUMN_OR_ROW =
  /(?:^|[^A-Za-z0-9_.$])\$?(?:[A-Za-z]{1,3}\s*:\s*(?:(?:'(?:[^']|'')*'|[^\s!:,()'"]+)!)?\$?[A-Za-z]{1,3}|\d+\s*:\s*(?:(?:'(?:[^']|'')*'|[^\s!:,()'"]+)!)?\$?\d+)(?![A-Za-z0-9_(])/;
const RUN_TIME_REFERENCE = /offset|indirect/i;

function readsWhole(text: string): boolean {
  return WHOLE_COLUMN_OR_ROW.test(text) || RUN_TIME_REFERENCE.test(text);
}

/** A cell of a write's column held as one (model.ts `vectorColumns`): emptied by the cell-by-cell part. */
const HELD = Symbol("held");

export abstract class SheetStore {
  readonly hf: HyperFormula;
  sheets: SheetModel[] = [];
  /** The Excel tables, the defined names, and how a formula's text becomes the engine's. */
  readonly tableStore = new TableStore();
  readonly nameStore = new NameStore();
  readonly translator = new FormulaTranslator(
    this.tableStore,
    (id) => this.sheetById(id),
    (name) => this.sheetByName(name),
  );
  get tables(): TableModel[] {
    return this.tableStore.list;
  }
  get names(): Map<string, NameModel> {
    return this.nameStore.all;
  }
  settings = new Map<string, unknown>();
  activeSheetId: string | null = null;
  selection: { sheetId: string; rect: Rect } | null = null;
  calculationSuspended = false;
  protected nextId = 1;
  protected chartIds = 0;
  /** A new chart's id: counted per workbook, so ids are the same on every run. */
  nextChartId(): number {
    return ++this.chartIds;
  }
  protected shapeIds = 0;
  /** A new shape's id (Excel's Shape.id is a string): counted per workbook. */
  nextShapeId(): string {
    return String(++this.shapeIds);
  }
  /** Called after every change, with the sheet that changed (for the preview's redraw). */
  listeners = new Set<(sheetId: string | null) => void>();

  constructor() {
    this.hf = createHyperFormula();
  }

  protected suspended = false;

  /** Defers HyperFormula's recalculation until the next read: one recalc per batch of writes. */
  protected deferCalc(): void {
    if (!this.suspended) {
      this.hf.suspendEvaluation();
      this.suspended = true;
    }
  }

  /** Recalculates what changed since the last read (before any value is read). */
  flush(): void {
    if (this.suspended) {
      this.suspended = false;
      this.hf.resumeEvaluation();
      // A column held as one found in a cycle: single formulas again, computed again.
      if (this.releaseCycles()) this.flush();
    }
  }

  // ---- sheets -------------------------------------------------------------------------------

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheetByName(name);
    if (!s) throw new EmulatorError("ItemNotFound", `worksheet not found: "${name}"`);
    return s;
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined || n === null || n === "") {
      let i = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    checkSheetName(n);
    if (this.sheetByName(n)) throw new EmulatorError("ItemAlreadyExists", `a worksheet named "${n}" already exists`);
    this.hf.addSheet(n);
    let id = `{S${this.nextId++}}`;
    while (this.sheets.some((x) => x.id === id)) id = `{S${this.nextId++}}`;
    const sheet: SheetModel = {
      id,
      name: n,
      hfId: this.hf.getSheetId(n)!,
      visibility: "Visible",
      tabColor: "",
      formulas: new Map(),
      numberFormats: new Map(),
      numberFormatLayers: [],
      formatLayers: [],
      columnWidths: new Map(),
      hiddenColumns: new Set(),
      rowHeights: new Map(),
      merges: [],
      freeze: { rows: 0, cols: 0 },
      print: defaultPrint(),
      protection: { protected: false, options: {} },
      conditionalFormats: [],
      validations: [],
      charts: [],
      shapes: [],
    };
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    this.changed(sheet.id);
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (sheet.name === name) return;
    checkSheetName(name);
    const other = this.sheetByName(name);
    if (other && other !== sheet)
      throw new EmulatorError("ItemAlreadyExists", `a worksheet named "${name}" already exists`);
    const oldQuoted = quoteSheet(sheet.name);
    const newQuoted = quoteSheet(name);
    this.hf.renameSheet(sheet.hfId, name);
    // Excel rewrites every formula that names the sheet; so do we, in our stored Excel text.
    const re = new RegExp(`(^|[^\\w'\\u0080-\\uffff])${escapeRegExp(oldQuoted)}!`, "gi");
    for (const s of this.sheets) {
      for (const [k, f] of s.formulas) {
        if (f.includes("!")) s.formulas.set(k, f.replace(re, `$1${newQuoted}!`));
      }
    }
    this.nameStore.rewrite((f) => f.replace(re, `$1${newQuoted}!`));
    sheet.name = name;
    this.changed(sheet.id);
  }

  deleteSheet(sheet: SheetModel): void {
    if (this.sheets.filter((s) => s.visibility === "Visible").length <= 1 && sheet.visibility === "Visible") {
      throw new EmulatorError("InvalidOperation", "a workbook must contain at least one visible worksheet");
    }
    const gone = this.tableStore.removeSheet(sheet.id);
    // As in Excel, every formula and name that referred into the deleted sheet (or its tables)
    // now says #REF! — for good: a sheet of the same name added later does not bring them back.
    const orphan = (f: string) => refsToREF(f, sheet.name, gone);
    this.nameStore.rewrite((was) => {
      const f = orphan(was);
      return f === was ? was : /^=#REF!$/.test(f) || !f.startsWith("=") ? "=#REF!" : f;
    });
    this.releaseVectors();
    blocksOf(this.hf).delete(sheet.hfId);
    this.hf.removeSheet(sheet.hfId);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    for (const s of this.sheets) {
      for (const [k, f] of s.formulas) {
        const g = orphan(f);
        if (g === f) continue;
        s.formulas.set(k, g);
        this.hf.setCellContents({ sheet: s.hfId, row: keyRow(k), col: keyCol(k) }, [
          [this.translateCell(s, keyRow(k), keyCol(k), g)],
        ]);
      }
    }
    if (this.activeSheetId === sheet.id)
      this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")?.id ?? null;
    this.retranslateAll();
    this.changed(null);
  }

  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new EmulatorError("InvalidArgument", `invalid worksheet position: ${position}`);
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(position, 0, sheet);
    this.changed(null);
  }

  setVisibility(sheet: SheetModel, v: Visibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(v))
      throw new EmulatorError("InvalidArgument", `invalid visibility: ${v}`);
    if (v !== "Visible" && this.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0) {
      throw new EmulatorError("InvalidOperation", "a workbook must contain at least one visible worksheet");
    }
    sheet.visibility = v;
    if (v !== "Visible" && this.activeSheetId === sheet.id) {
      this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")!.id;
    }
    this.changed(sheet.id);
  }

  // ---- cells --------------------------------------------------------------------------------

  /** Resolves "A1:B2" on a sheet, or "Sheet!A1" anywhere. */
  resolveAddress(address: string, defaultSheet?: SheetModel): { sheet: SheetModel; rect: Rect } {
    const { sheet, local } = splitSheet(address);
    const s = sheet ? this.requireSheet(sheet) : defaultSheet;
    if (!s) throw new EmulatorError("InvalidArgument", `address needs a sheet: ${address}`);
    return { sheet: s, rect: parseRect(local) };
  }

  protected assertWritable(sheet: SheetModel, rect: Rect): void {
    if (!sheet.protection.protected) return;
    // Protected sheet: only unlocked cells may change (as in Excel, API writes included).
    for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 10_000); r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (this.effectiveFormat(sheet, r, c).locked !== false) {
          throw new EmulatorError(
            "AccessDenied",
            `The cell ${colLetters(c)}${r + 1} on "${sheet.name}" is on a protected sheet and locked.`,
          );
        }
      }
    }
  }

  // ---- the column store (src/emulator/columns.ts) ------------------------------------------------

  /** The sheet's column-store block, if its large plain table is held as typed columns. */
  blockOf(sheet: SheetModel): ColumnBlock | undefined {
    return blocksOf(this.hf).get(sheet.hfId);
  }

  /**
   * Moves a sheet's block back into HyperFormula's cells (before anything reads a stored cell in a
   * way the store cannot answer — a whole column, a run-time reference — or writes a formula into
   * it): the same values, every range over them wired as the engine would have wired it, and
   * recalculated.
   */
  demote(sheet: SheetModel): void {
    const b = this.blockOf(sheet);
    if (!b) return;
    blocksOf(this.hf).delete(sheet.hfId);
    this.deferCalc();
    for (let r0 = b.r0; r0 <= b.r1; r0 += 20_000) {
      const r1 = Math.min(b.r1, r0 + 19_999);
      const rows: RawCellContent[][] = [];
      for (let r = r0; r <= r1; r++) {
        const row: RawCellContent[] = [];
        for (let c = b.c0; c <= b.c1; c++) row.push(b.rawContent(r, c));
        rows.push(row);
      }
      this.hf.setCellContents({ sheet: sheet.hfId, row: r0, col: b.c0 }, rows);
    }
    rewireRanges(this.hf, b);
  }

  /**
   * Takes a block read straight from a file (src/emulator/xlsx-bulk-read.ts) as the sheet's rows
   * below its template row; each column takes the template cell's number format and format.
   * Where the sheet cannot hold it as a block, its values go into the engine's cells instead.
   */
  attachBlock(sheet: SheetModel, b: ColumnBlock, template: number): void {
    for (let c = b.c0; c <= b.c1; c++) {
      const column = { r0: b.r0, r1: b.r1, c0: c, c1: c };
      const nf = this.numberFormat(sheet, template, c);
      if (nf !== "General") sheet.numberFormatLayers.push({ rect: column, format: nf });
      const own = sheet.formatLayers.filter((l) => inRect(l.rect, template, c) && l.rect.r0 === l.rect.r1);
      for (const l of own) sheet.formatLayers.push({ rect: column, props: l.props });
    }
    b.hfSheet = sheet.hfId;
    const free = !this.blockOf(sheet) && this.hf.getSheetDimensions(sheet.hfId).height <= b.r0;
    blocksOf(this.hf).set(sheet.hfId, b);
    if (!free) this.demote(sheet);
    this.changed(sheet.id);
  }

  /** The names (lower-case) a formula could read a block through, for a version of the names. */
  private blockReaders: { version: number; names: string[] } | null = null;

  /**
   * Whether a formula's text alone shows that it reads no block in a way the store cannot answer
   * (issue 35: the portfolio's 44,000 account formulas were each parsed for this). What the store
   * cannot answer is a whole column or row, and a reference made at run time (`blocksReadDirectly`):
   * a text with neither, and no name whose expression has one (or names such a name), reads every
   * block through the store. False (the formula is parsed, as before) wherever a text merely looks
   * like one: `"9:30"` in a string, a name that contains OFFSET.
   */
  private readsNoBlock(translated: string): boolean {
    if (readsWhole(translated)) return false;
    if (this.blockReaders?.version !== this.nameStore.version) {
      // A name is read through when its expression has one, or names a name read through.
      const names = new Set<string>();
      const exprs = [...this.nameStore.expressions()];
      for (let grew = true; grew;) {
        grew = false;
        for (const [name, expr] of exprs)
          if (!names.has(name) && (readsWhole(expr) || [...names].some((n) => expr.toLowerCase().includes(n)))) {
            names.add(name);
            grew = true;
          }
      }
      this.blockReaders = { version: this.nameStore.version, names: [...names] };
    }
    if (!this.blockReaders.names.length) return true;
    const lower = translated.toLowerCase();
    return !this.blockReaders.names.some((n) => lower.includes(n));
  }

  /** A defined name's expression as HyperFormula holds it (translated), by lower-case name. */
  protected readonly nameExpr = this.nameStore.exprOf;

  /** Demotes every block a formula (translated, at a cell) would read in a way the store cannot answer. */
  protected checkReads(translated: string, base: { sheet: number; row: number; col: number }): void {
    const blocks = blocksOf(this.hf);
    if (!blocks.size || this.readsNoBlock(translated)) return;
    for (const b of blocksReadDirectly(this.hf, translated, base, blocks, this.nameExpr)) {
      const s = this.sheets.find((x) => x.hfId === b.hfSheet);
      if (s) this.demote(s);
    }
  }

  /**
   * Whether the sheet holds a value or a formula at or below row `r0`: its used range of values
   * (extent.ts). The engine's extent is not enough: a range a formula names gives each cell in it a
   * vertex of its own, empty (the portfolio's sums over the copy it writes next), and stretches the
   * extent over them.
   */
  protected usedFrom(sheet: SheetModel, r0: number): boolean {
    if (this.hf.getSheetDimensions(sheet.hfId).height <= r0) return false;
    return (usedRect(this.hf, sheet, true)?.r1 ?? -1) >= r0;
  }

  /**
   * A large write of plain values goes into the sheet's block: a new block where the sheet has
   * nothing at or below the written rows (and no formula or name would read the cells directly),
   * or the existing block grown by rows appended right under it. Returns false to write the
   * engine's way.
   */
  protected storeWrite(
    sheet: SheetModel,
    rect: Rect,
    grid: unknown[][],
    typed: boolean,
    formats: { r: number; c: number; f: string }[],
  ): boolean {
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    let b = this.blockOf(sheet);
    const grows = b && rect.r0 === b.r1 + 1 && rect.c0 >= b.c0 && rect.c1 <= b.c1;
    if (!grows && (b || rows * cols < storeConfig.minCells)) return false;
    if (this.usedFrom(sheet, rect.r0)) return false;
    if (sheet.conditionalFormats.some((cf) => intersects(cf.rect, rect))) return false;
    for (const [k] of sheet.formulas) if (inRect(rect, keyRow(k), keyCol(k))) return false;
    const values: (number | string | boolean | null)[][] = [];
    const pending: { r: number; c: number; f: string }[] = [];
    for (let i = 0; i < rows; i++) {
      const out: (number | string | boolean | null)[] = [];
      for (let j = 0; j < cols; j++) {
        const v = grid[i][j];
        if (v === null || v === undefined) {
          out.push(null);
          continue;
        }
        const stored = this.storedInput(sheet, rect.r0 + i, rect.c0 + j, v, typed, pending);
        if (stored === undefined) return false;
        out.push(stored);
      }
      values.push(out);
    }
    if (!b) {
      const candidate = new ColumnBlock(sheet.hfId, rect);
      const probe = new Map([[sheet.hfId, candidate]]);
      // A formula already reading these cells in a way the store cannot answer keeps them in the engine.
      for (const s of this.sheets)
        for (const [k, f] of s.formulas) {
          if (s !== sheet && !f.includes(sheet.name)) continue;
          const { translated, base } = this.formulaAt(s, k, f);
          if (blocksReadDirectly(this.hf, translated, base, probe, this.nameExpr).size) return false;
        }
      b = candidate;
      blocksOf(this.hf).set(sheet.hfId, b);
    } else b.growTo(rect.r1);
    pushAll(formats, pending);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) if (values[i][j] !== null) b.set(rect.r0 + i, rect.c0 + j, values[i][j]);
    markRangesDirty(this.hf, b, rect);
    return true;
  }

  /**
   * Writes the part of a write that falls on a block into it, and nulls it in the grid (the rest
   * goes to the engine). A formula or a value the block cannot hold demotes the block instead.
   */
  protected writeIntoBlock(
    sheet: SheetModel,
    b: ColumnBlock,
    rect: Rect,
    grid: unknown[][],
    typed: boolean,
    formats: { r: number; c: number; f: string }[],
  ): unknown[][] {
    const part = intersection(rect, b.rect)!;
    const stores: [number, number, number | string | boolean | null][] = [];
    const pending: { r: number; c: number; f: string }[] = [];
    for (let r = part.r0; r <= part.r1; r++)
      for (let c = part.c0; c <= part.c1; c++) {
        const v = grid[r - rect.r0][c - rect.c0];
        if (v === null || v === undefined) continue;
        const stored = this.storedInput(sheet, r, c, v, typed, pending);
        if (stored === undefined) {
          this.demote(sheet);
          return grid;
        }
        stores.push([r, c, stored]);
      }
    for (const [r, c, v] of stores) b.set(r, c, v);
    pushAll(formats, pending);
    markRangesDirty(this.hf, b, part);
    return grid.map((row, i) => row.map((v, j) => (inRect(part, rect.r0 + i, rect.c0 + j) ? null : v)));
  }

  /** A written value as the cell at (r, c) takes it (cellInput, with the cell's number format), and that format. */
  protected typedInput(sheet: SheetModel, r: number, c: number, v: unknown, typed: boolean) {
    const format = this.numberFormat(sheet, r, c);
    return { format, input: cellInput(v, { typed, format, where: `${colLetters(c)}${r + 1}` }) };
  }

  /**
   * A written value as a block holds it (the number format typed input gives a General cell goes
   * into `formats`), or undefined for what a block cannot hold: a formula, a value the engine
   * would parse.
   */
  protected storedInput(
    sheet: SheetModel,
    r: number,
    c: number,
    v: unknown,
    typed: boolean,
    formats: { r: number; c: number; f: string }[],
  ): number | string | boolean | null | undefined {
    const { format, input } = this.typedInput(sheet, r, c, v, typed);
    if (input.formula !== undefined) return undefined;
    const stored = storable(input.value);
    if (stored !== undefined && input.format && format === "General") formats.push({ r, c, f: input.format });
    return stored;
  }

  /** A kept formula as HyperFormula is given it (translated), with the cell it stands in. */
  protected formulaAt(sheet: SheetModel, key: number, formula: string) {
    const row = keyRow(key);
    const col = keyCol(key);
    return {
      translated: this.translator.translate(formula, { sheet: sheet.name, row, col }).formula,
      base: { sheet: sheet.hfId, row, col },
    };
  }

  /** Raw value of one cell as Excel's Range.values reports it. */
  value(sheet: SheetModel, row: number, col: number): CellValue {
    this.flush();
    const b = this.blockOf(sheet);
    if (b?.has(row, col)) return b.get(row, col);
    return toExcelValue(this.hf.getCellValue({ sheet: sheet.hfId, row, col }));
  }

  values(sheet: SheetModel, rect: Rect): CellValue[][] {
    this.flush();
    const b = this.blockOf(sheet);
    const merged = b && valuesOverBlock(b, rect, (r) => this.engineValues(sheet, r));
    return merged ?? this.engineValues(sheet, rect);
  }

  /**
   * For each column of `rect`, whether any of its cells may hold something: a cell of the engine
   * (any vertex) or of the column store. False only where every cell is certainly empty.
   */
  columnsHolding(sheet: SheetModel, rect: Rect): boolean[] {
    const out = columnsWithVertices(this.hf, sheet.hfId, rect);
    const b = this.blockOf(sheet);
    const part = b && intersection(b.rect, rect);
    if (part) for (let c = part.c0; c <= part.c1; c++) out[c - rect.c0] = true;
    // forEach, not for…of: no iterator result made for each of 100,000 formulas.
    sheet.formulas.forEach((_f, k) => {
      const c = keyCol(k);
      if (c >= rect.c0 && c <= rect.c1 && !out[c - rect.c0] && inRect(rect, keyRow(k), c)) out[c - rect.c0] = true;
    });
    return out;
  }

  /**
   * A rectangle's values without the recalculation `values` runs first, when none of its cells
   * holds a formula, is part of an array or lies in the column store: such cells show the same
   * before and after one. A table's header row read amid a run's writes (the portfolio's, at
   * 2,000 accounts: that recalculation computed 10,000 formulas over cells not yet written, all
   * computed again at the end of the run). Else `values`.
   */
  plainValues(sheet: SheetModel, rect: Rect): CellValue[][] {
    const b = this.blockOf(sheet);
    const plain = this.suspended && !(b && intersects(b.rect, rect)) && plainValues(this.hf, sheet.hfId, rect);
    if (!plain) return this.values(sheet, rect);
    return plain.map((row) => row.map((v) => toExcelValue(v as Parameters<typeof toExcelValue>[0])));
  }

  /**
   * A rectangle's values from the engine, cell by cell through one address (HyperFormula's
   * getRangeValues makes an address object for each cell first: 230 MB of them on the portfolio's
   * export at 60,000 rows). A read keeps no reference to the address it is given.
   */
  protected engineValues(sheet: SheetModel, rect: Rect): CellValue[][] {
    const at = { sheet: sheet.hfId, row: rect.r0, col: rect.c0 };
    // Cells the engine holds nothing at are empty without asking it (never a block's: values
    // reads those from the block).
    const empty = vertexlessAt(this.hf);
    const out: CellValue[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      at.row = r;
      const row: CellValue[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) {
        at.col = c;
        row.push(empty(at) ? "" : toExcelValue(this.hf.getCellValue(at)));
      }
      out.push(row);
    }
    return out;
  }

  /** Range.formulas of one cell: the formula text, or the constant (every formula is in sheet.formulas). */
  formula(sheet: SheetModel, row: number, col: number): CellValue {
    return sheet.formulas.get(cellKey(row, col)) ?? this.value(sheet, row, col);
  }

  formulas(sheet: SheetModel, rect: Rect): CellValue[][] {
    const grid = this.values(sheet, rect);
    for (const [key, f] of sheet.formulas) {
      const r = keyRow(key);
      const c = keyCol(key);
      if (inRect(rect, r, c)) grid[r - rect.r0][c - rect.c0] = f;
    }
    return grid;
  }

  numberFormat(sheet: SheetModel, row: number, col: number): string {
    return numberFormatOf(sheet, row, col);
  }

  numberFormats(sheet: SheetModel, rect: Rect): string[][] {
    const out: string[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: string[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(this.numberFormat(sheet, r, c));
      out.push(row);
    }
    return out;
  }

  texts(sheet: SheetModel, rect: Rect): string[][] {
    const vals = this.values(sheet, rect);
    return vals.map((row, i) => row.map((v, j) => formatValue(v, this.numberFormat(sheet, rect.r0 + i, rect.c0 + j))));
  }

  /**
   * Writes values or formulas as Excel does (`typed`, the API's and the user's way): a leading
   * apostrophe forces text; a cell formatted as Text keeps the string as text, even one starting
   * with "="; otherwise "=…" becomes a formula (refused when it does not parse) and other strings
   * are parsed as typed input (numbers, percentages, currency, dates, times, booleans), giving a
   * General cell the matching format. Not `typed` (a file being opened): formulas stay formulas
   * and only plain numeric text becomes a number. null leaves the cell unchanged; a single value
   * fills the whole range.
   */
  write(sheet: SheetModel, rect: Rect, data: unknown, typed = true): void {
    const grid = toGrid(data, rectRows(rect), rectCols(rect));
    this.assertWritable(sheet, rect);
    const restoreVectors = this.releaseVectors(sheet, rect, grid);
    try {
      this.writeGrid(sheet, rect, grid, typed);
    } catch (e) {
      // A column held as one that this write was to replace is its single formulas again.
      restoreVectors();
      throw e;
    }
  }

  /** `write` once the columns held as one that the write meets are let go. */
  private writeGrid(sheet: SheetModel, rect: Rect, written: unknown[][], typed: boolean): void {
    const formats: { r: number; c: number; f: string }[] = [];
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    let grid = written;
    this.tableStore.noteHeaders(sheet.id, rect, grid);
    // Large plain tables live in the column store (src/emulator/columns.ts).
    const block = this.blockOf(sheet);
    if (block && intersects(block.rect, rect)) grid = this.writeIntoBlock(sheet, block, rect, grid, typed, formats);
    else if (this.storeWrite(sheet, rect, grid, typed, formats) || this.vectorWrite(sheet, rect, grid, typed)) {
      for (const f of formats) sheet.numberFormats.set(cellKey(f.r, f.c), f.f);
      this.deferCalc();
      this.changed(sheet.id);
      return;
    }
    // Columns of the write that are each held as one: emptied here, put in once the rest is written.
    const vectors = block && intersects(block.rect, rect) ? null : this.vectorColumns(sheet, rect, grid, typed, HELD);
    if (vectors) grid = vectors.grid;
    const contents: (RawCellContent | typeof SKIP)[][] = [];
    let skips = false;
    // The formulas the loop replaced, to be put back if a cell refuses (an invalid formula): a
    // write that fails leaves the sheet's formulas as they were, as it leaves the engine.
    const replacedKeys: number[] = [];
    const replacedWas: (string | undefined)[] = [];
    try {
      for (let i = 0; i < rows; i++) {
        const out: (RawCellContent | typeof SKIP)[] = [];
        for (let j = 0; j < cols; j++) {
          const r = rect.r0 + i;
          const c = rect.c0 + j;
          const v = grid[i][j];
          // A cell of a column held as one: left to the commit, which empties the column's cells
          // first where any holds something (a row per call here: 46,000 calls for the copy's sums).
          if (v === HELD) {
            out.push(SKIP);
            skips = true;
            continue;
          }
          // null leaves the cell alone; so does "" on a cell already empty (no formula, no value).
          if (v === null || v === undefined || (v === "" && this.emptyCell(sheet, r, c))) {
            out.push(SKIP);
            skips = true;
            continue;
          }
          const key = cellKey(r, c);
          // Only cells with a formula before or after (a write of values records nothing).
          const was = sheet.formulas.get(key);
          if (was !== undefined) {
            replacedKeys.push(key);
            replacedWas.push(was);
          }
          this.forgetFormula(sheet, key);
          out.push(this.rawContent(sheet, r, c, v, typed, formats));
          if (was === undefined && sheet.formulas.has(key)) {
            replacedKeys.push(key);
            replacedWas.push(undefined);
          }
        }
        contents.push(out);
      }
    } catch (e) {
      for (let k = replacedKeys.length - 1; k >= 0; k--) {
        const key = replacedKeys[k];
        const was = replacedWas[k];
        this.forgetFormula(sheet, key);
        if (was === undefined) continue;
        sheet.formulas.set(key, was);
        const at = { sheet: sheet.name, row: keyRow(key), col: keyCol(key) };
        this.translator.depend(`${sheet.id}:${key}`, this.translator.translate(was, at).tables);
      }
      throw e;
    }
    for (const f of formats) sheet.numberFormats.set(cellKey(f.r, f.c), f.f);
    this.deferCalc();
    // null means "leave this cell alone": only the runs between the nulls are written.
    writeContents(this.hf, sheet.hfId, rect, contents, skips);
    vectors?.commit();
    this.changed(sheet.id);
  }

  /** Whether a cell holds nothing: no formula and an empty value in the engine. */
  private emptyCell(sheet: SheetModel, row: number, col: number): boolean {
    return !sheet.formulas.has(cellKey(row, col)) && this.hf.isCellEmpty({ sheet: sheet.hfId, row, col });
  }

  protected rawContent(
    sheet: SheetModel,
    r: number,
    c: number,
    v: unknown,
    typed: boolean,
    formats: { r: number; c: number; f: string }[],
  ): RawCellContent {
    const { format, input } = this.typedInput(sheet, r, c, v, typed);
    if (input.formula !== undefined) {
      sheet.formulas.set(cellKey(r, c), input.formula);
      return this.translateCell(sheet, r, c, input.formula);
    }
    if (input.format && format === "General") formats.push({ r, c, f: input.format });
    return input.value;
  }

  protected forgetFormula(sheet: SheetModel, key: number): void {
    if (sheet.formulas.delete(key)) {
      this.translator.forget(`${sheet.id}:${key}`);
    }
  }

  protected translateCell(sheet: SheetModel, row: number, col: number, formula: string): string {
    const t = this.translator.translate(formula, { sheet: sheet.name, row, col });
    this.checkReads(t.formula, { sheet: sheet.hfId, row, col });
    this.translator.depend(`${sheet.id}:${cellKey(row, col)}`, t.tables);
    return t.formula;
  }

  // ---- what the other half (model.ts) gives ------------------------------------------------

  abstract changed(sheetId: string | null): void;
  abstract effectiveFormat(sheet: SheetModel, row: number, col: number): FormatProps;
  protected abstract retranslateAll(): void;
  protected abstract vectorWrite(sheet: SheetModel, rect: Rect, grid: unknown[][], typed: boolean): boolean;
  protected abstract vectorColumns(
    sheet: SheetModel,
    rect: Rect,
    grid: unknown[][],
    typed: boolean,
    held: unknown,
  ): { grid: unknown[][]; commit: () => void } | null;
  protected abstract releaseCycles(): boolean;
  protected abstract releaseVectors(sheet?: SheetModel, rect?: Rect, grid?: unknown[][] | "all"): () => void;
}
