import type { HyperFormula, RawCellContent } from "hyperformula";
import { DetailedCellError } from "hyperformula";
import {
  MAX_ROWS,
  colLetters,
  containsRect as contains,
  inRect,
  intersection,
  intersects,
  parseRect,
  quoteSheet,
  rectCols,
  rectRows,
  refsToREF,
  shiftFormula,
  splitSheet,
  type Rect,
} from "./address";
import { EmulatorError } from "./errors";
import { escapeRegExp } from "../text";
import { cellInput, newConditionalFormat } from "./input";
import { usedRect } from "./extent";
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
import { formatValue } from "./numfmt";
import { SKIP, valuesOverBlock, writeContents } from "./cell-store";
import { CLEARED_FORMAT, effectiveFormatOf, formatsInRect, numberFormatOf, uniqueHeaders } from "./cell-formats";
import { translateFormula, type TableInfo, type TranslateContext } from "./structured";
import { registerVector, unregisterVector, vectorConfig, vectorPlan, vectorsOf } from "./vector";

export * from "./types";
import {
  cellKey,
  checkSheetName,
  defaultPrint,
  checkTableOrName,
  keyCol,
  keyRow,
  toExcelValue,
  toGrid,
  type CellValue,
  type ConditionalFormatModel,
  type FormatProps,
  type NameModel,
  type SheetModel,
  type TableModel,
  type Visibility,
} from "./types";
import { pushAll } from "../arrays";

export class WorkbookModel {
  readonly hf: HyperFormula;
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  names = new Map<string, NameModel>();
  settings = new Map<string, unknown>();
  activeSheetId: string | null = null;
  selection: { sheetId: string; rect: Rect } | null = null;
  calculationSuspended = false;
  private nextId = 1;
  private chartIds = 0;
  /** A new chart's id: counted per workbook, so ids are the same on every run. */
  nextChartId(): number {
    return ++this.chartIds;
  }
  private shapeIds = 0;
  /** A new shape's id (Excel's Shape.id is a string): counted per workbook. */
  nextShapeId(): string {
    return String(++this.shapeIds);
  }
  /** Which formula cells (sheetId:key) and names depend on each table (lower-case name). */
  private tableDependents = new Map<string, Set<string>>();
  /** Called after every change, with the sheet that changed (for the preview's redraw). */
  listeners = new Set<(sheetId: string | null) => void>();

  constructor() {
    this.hf = createHyperFormula();
  }

  private suspended = false;

  /** Defers HyperFormula's recalculation until the next read: one recalc per batch of writes. */
  private deferCalc(): void {
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
    for (const n of this.names.values()) n.formula = n.formula.replace(re, `$1${newQuoted}!`);
    sheet.name = name;
    this.changed(sheet.id);
  }

  deleteSheet(sheet: SheetModel): void {
    if (this.sheets.filter((s) => s.visibility === "Visible").length <= 1 && sheet.visibility === "Visible") {
      throw new EmulatorError("InvalidOperation", "a workbook must contain at least one visible worksheet");
    }
    const gone = this.tables.filter((t) => t.sheetId === sheet.id).map((t) => t.name);
    this.tables = this.tables.filter((t) => t.sheetId !== sheet.id);
    // As in Excel, every formula and name that referred into the deleted sheet (or its tables)
    // now says #REF! — for good: a sheet of the same name added later does not bring them back.
    const orphan = (f: string) => refsToREF(f, sheet.name, gone);
    for (const n of this.names.values()) {
      const f = orphan(n.formula);
      if (f !== n.formula) n.formula = /^=#REF!$/.test(f) || !f.startsWith("=") ? "=#REF!" : f;
    }
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

  private assertWritable(sheet: SheetModel, rect: Rect): void {
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

  /** A defined name's expression as HyperFormula holds it (translated), by lower-case name. */
  private readonly nameExpr = (name: string) => this.hfNames.get(name.toLowerCase());

  /** Demotes every block a formula (translated, at a cell) would read in a way the store cannot answer. */
  private checkReads(translated: string, base: { sheet: number; row: number; col: number }): void {
    const blocks = blocksOf(this.hf);
    if (!blocks.size) return;
    for (const b of blocksReadDirectly(this.hf, translated, base, blocks, this.nameExpr)) {
      const s = this.sheets.find((x) => x.hfId === b.hfSheet);
      if (s) this.demote(s);
    }
  }

  /**
   * A large write of plain values goes into the sheet's block: a new block where the sheet has
   * nothing at or below the written rows (and no formula or name would read the cells directly),
   * or the existing block grown by rows appended right under it. Returns false to write the
   * engine's way.
   */
  private storeWrite(
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
    if (this.hf.getSheetDimensions(sheet.hfId).height > rect.r0) return false;
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
  private writeIntoBlock(
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

  /**
   * A written value as a block holds it (the number format typed input gives a General cell goes
   * into `formats`), or undefined for what a block cannot hold: a formula, a value the engine
   * would parse.
   */
  private storedInput(
    sheet: SheetModel,
    r: number,
    c: number,
    v: unknown,
    typed: boolean,
    formats: { r: number; c: number; f: string }[],
  ): number | string | boolean | null | undefined {
    const format = this.numberFormat(sheet, r, c);
    const input = cellInput(v, { typed, format, where: `${colLetters(c)}${r + 1}` });
    if (input.formula !== undefined) return undefined;
    const stored = storable(input.value);
    if (stored !== undefined && input.format && format === "General") formats.push({ r, c, f: input.format });
    return stored;
  }

  /** A kept formula as HyperFormula is given it (translated), with the cell it stands in. */
  private formulaAt(sheet: SheetModel, key: number, formula: string) {
    const row = keyRow(key);
    const col = keyCol(key);
    return {
      translated: translateFormula(formula, this.translateContext({ sheet: sheet.name, row, col })).formula,
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

  private engineValues(sheet: SheetModel, rect: Rect): CellValue[][] {
    const raw = this.hf.getRangeValues({
      start: { sheet: sheet.hfId, row: rect.r0, col: rect.c0 },
      end: { sheet: sheet.hfId, row: rect.r1, col: rect.c1 },
    });
    return raw.map((row) => row.map(toExcelValue));
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
    const formats: { r: number; c: number; f: string }[] = [];
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    let grid = toGrid(data, rows, cols);
    this.assertWritable(sheet, rect);
    this.releaseVectors(sheet, rect, grid);
    for (const t of this.tables) {
      if (t.sheetId !== sheet.id || t.rect.r0 < rect.r0 || t.rect.r0 > rect.r1) continue;
      for (let c = Math.max(t.rect.c0, rect.c0); c <= Math.min(t.rect.c1, rect.c1); c++) {
        const v = grid[t.rect.r0 - rect.r0][c - rect.c0];
        if (v !== null && v !== undefined)
          t.columns[c - t.rect.c0] = typeof v === "string" ? v.replace(/^'/, "") : String(v);
      }
    }
    // Large plain tables live in the column store (src/emulator/columns.ts).
    const block = this.blockOf(sheet);
    if (block && intersects(block.rect, rect)) grid = this.writeIntoBlock(sheet, block, rect, grid, typed, formats);
    else if (this.storeWrite(sheet, rect, grid, typed, formats) || this.vectorWrite(sheet, rect, grid, typed)) {
      for (const f of formats) sheet.numberFormats.set(cellKey(f.r, f.c), f.f);
      this.deferCalc();
      this.changed(sheet.id);
      return;
    }
    const contents: (RawCellContent | typeof SKIP)[][] = [];
    let skips = false;
    for (let i = 0; i < rows; i++) {
      const out: (RawCellContent | typeof SKIP)[] = [];
      for (let j = 0; j < cols; j++) {
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        const v = grid[i][j];
        if (v === null || v === undefined) {
          out.push(SKIP);
          skips = true;
          continue;
        }
        this.forgetFormula(sheet, cellKey(r, c));
        out.push(this.rawContent(sheet, r, c, v, typed, formats));
      }
      contents.push(out);
    }
    for (const f of formats) sheet.numberFormats.set(cellKey(f.r, f.c), f.f);
    this.deferCalc();
    // null means "leave this cell alone": only the runs between the nulls are written.
    writeContents(this.hf, sheet.hfId, rect, contents, skips);
    this.changed(sheet.id);
  }

  private rawContent(
    sheet: SheetModel,
    r: number,
    c: number,
    v: unknown,
    typed: boolean,
    formats: { r: number; c: number; f: string }[],
  ): RawCellContent {
    const format = this.numberFormat(sheet, r, c);
    const input = cellInput(v, { typed, format, where: `${colLetters(c)}${r + 1}` });
    if (input.formula !== undefined) {
      sheet.formulas.set(cellKey(r, c), input.formula);
      return this.translateCell(sheet, r, c, input.formula);
    }
    if (input.format && format === "General") formats.push({ r, c, f: input.format });
    return input.value;
  }

  private forgetFormula(sheet: SheetModel, key: number): void {
    if (sheet.formulas.delete(key)) {
      const id = `${sheet.id}:${key}`;
      for (const set of this.tableDependents.values()) set.delete(id);
    }
  }

  private translateCell(sheet: SheetModel, row: number, col: number, formula: string): string {
    const t = translateFormula(formula, this.translateContext({ sheet: sheet.name, row, col }));
    this.checkReads(t.formula, { sheet: sheet.hfId, row, col });
    this.dependOnTables(`${sheet.id}:${cellKey(row, col)}`, t.tables);
    return t.formula;
  }

  private dependOnTables(id: string, tables: Iterable<string>): void {
    for (const name of tables) {
      if (!this.tableDependents.has(name)) this.tableDependents.set(name, new Set());
      this.tableDependents.get(name)!.add(id);
    }
  }

  // ---- formula columns held as one (vector.ts) ----------------------------------------------

  /**
   * A column of thousands of formulas that are one formula in R1C1, held in the engine as one
   * (vector.ts); false when it does not qualify (then it is written cell by cell).
   */
  private vectorWrite(sheet: SheetModel, rect: Rect, grid: unknown[][], typed: boolean): boolean {
    const rows = rectRows(rect);
    if (rect.c0 !== rect.c1 || rows < vectorConfig.minRows) return false;
    if (this.tables.some((t) => t.sheetId === sheet.id && intersects(t.rect, rect))) return false;
    const texts: string[] = [];
    for (let i = 0; i < rows; i++) {
      const v = grid[i][0];
      if (typeof v !== "string" || v.length < 2 || v.length > 8192 || v[0] !== "=") return false;
      if (typed && this.numberFormat(sheet, rect.r0 + i, rect.c0) === "@") return false;
      texts.push(v);
    }
    // The first row as a single write would take it (the syntax check): the rows are the same formula.
    const format = this.numberFormat(sheet, rect.r0, rect.c0);
    if (cellInput(texts[0], { typed, format, where: `${colLetters(rect.c0)}${rect.r0 + 1}` }).formula !== texts[0])
      return false;
    const at = (i: number) =>
      translateFormula(texts[i], this.translateContext({ sheet: sheet.name, row: rect.r0 + i, col: rect.c0 }));
    const head = at(0);
    const plan = vectorPlan(this.hf, sheet.hfId, rect, texts, (i) => (i === 0 ? head : at(i)).formula, this.nameExpr);
    if (!plan) return false;
    this.checkReads(head.formula, { sheet: sheet.hfId, row: rect.r0, col: rect.c0 });
    for (let i = 0; i < rows; i++) {
      const key = cellKey(rect.r0 + i, rect.c0);
      this.forgetFormula(sheet, key);
      sheet.formulas.set(key, texts[i]);
      this.dependOnTables(`${sheet.id}:${key}`, head.tables);
    }
    this.deferCalc();
    const origin = { sheet: sheet.hfId, row: rect.r0, col: rect.c0 };
    this.hf.setCellContents(
      origin,
      texts.map(() => [null]),
    );
    this.hf.setCellContents(origin, [[registerVector(this.hf, sheet.hfId, rect, plan)]]);
    return true;
  }

  /**
   * Before cells are written or cleared: each column held as one that meets `rect` (any, when no
   * sheet is given) is let go — dropped when every one of its cells is about to be replaced
   * (`grid`, the write's, null where a cell is left alone; "all" for a clear), else turned back
   * into single formulas, as they were written.
   */
  private releaseVectors(sheet?: SheetModel, rect?: Rect, grid?: unknown[][] | "all"): void {
    const vectors = vectorsOf(this.hf);
    if (!vectors.size) return;
    for (const v of [...vectors.values()]) {
      if (sheet && (v.sheet !== sheet.hfId || (rect && !intersects(v.rect, rect)))) continue;
      unregisterVector(this.hf, v);
      const origin = { sheet: v.sheet, row: v.rect.r0, col: v.rect.c0 };
      this.deferCalc();
      this.hf.setCellContents(origin, [[null]]);
      const s = this.sheets.find((x) => x.hfId === v.sheet);
      if (!s || (rect && grid && contains(rect, v.rect) && this.replacesAll(rect, v.rect, grid))) continue;
      const cells: RawCellContent[][] = [];
      for (let r = v.rect.r0; r <= v.rect.r1; r++) {
        const f = s.formulas.get(cellKey(r, v.rect.c0));
        cells.push([f === undefined ? null : this.translateCell(s, r, v.rect.c0, f)]);
      }
      this.hf.setCellContents(origin, cells);
    }
  }

  private replacesAll(rect: Rect, cells: Rect, grid: unknown[][] | "all"): boolean {
    if (grid === "all") return true;
    for (let r = cells.r0; r <= cells.r1; r++)
      for (let c = cells.c0; c <= cells.c1; c++) {
        const v = grid[r - rect.r0]?.[c - rect.c0];
        if (v === null || v === undefined) return false;
      }
    return true;
  }

  translateContext(cell?: { sheet: string; row: number; col: number }): TranslateContext {
    return {
      cell,
      table: (name) => {
        const t = this.tableByName(name);
        return t ? this.tableInfo(t) : undefined;
      },
      tableAt: (sheetName, row, col) => {
        const s = this.sheetByName(sheetName);
        const t = s && this.tables.find((x) => x.sheetId === s.id && inRect(x.rect, row, col));
        return t ? this.tableInfo(t) : undefined;
      },
    };
  }

  /** Recomputes the HyperFormula text of every formula that depends on a table (after it grew). */
  retranslateTable(tableName: string): void {
    this.retranslateDependents(tableName);
    this.syncNames();
  }

  private retranslateDependents(tableName: string): void {
    const deps = this.tableDependents.get(tableName.toLowerCase());
    if (deps) {
      // Formulas re-resolved one by one: a column held as one becomes single formulas first.
      this.releaseVectors();
      for (const id of [...deps]) {
        const [sheetId, keyStr] = id.split(":");
        const sheet = this.sheetById(sheetId);
        const key = Number(keyStr);
        const f = sheet?.formulas.get(key);
        if (!sheet || f === undefined) {
          deps.delete(id);
          continue;
        }
        const r = keyRow(key);
        const c = keyCol(key);
        this.deferCalc();
        this.hf.setCellContents({ sheet: sheet.hfId, row: r, col: c }, [[this.translateCell(sheet, r, c, f)]]);
      }
    }
  }

  /** After a sheet (and its tables) went, formulas over those tables must resolve anew. */
  private retranslateAll(): void {
    for (const name of this.tableDependents.keys()) this.retranslateDependents(name);
    this.syncNames();
  }

  clear(sheet: SheetModel, rect: Rect, applyTo: "All" | "Formats" | "Contents" = "All"): void {
    if (applyTo === "All" || applyTo === "Contents") {
      this.assertWritable(sheet, rect);
      this.releaseVectors(sheet, rect, "all");
      this.flush();
      for (const key of [...sheet.formulas.keys()]) {
        if (inRect(rect, keyRow(key), keyCol(key))) this.forgetFormula(sheet, key);
      }
      const b = this.blockOf(sheet);
      const part = b && intersection(rect, b.rect);
      if (b && part) {
        if (contains(rect, b.rect)) blocksOf(this.hf).delete(sheet.hfId);
        else for (let r = part.r0; r <= part.r1; r++) for (let c = part.c0; c <= part.c1; c++) b.set(r, c, null);
        markRangesDirty(this.hf, b, part);
        this.deferCalc();
        this.flush();
      }
      const dims = this.hf.getSheetDimensions(sheet.hfId);
      const r1 = Math.min(rect.r1, dims.height - 1);
      const c1 = Math.min(rect.c1, dims.width - 1);
      if (r1 >= rect.r0 && c1 >= rect.c0) {
        const empty: null[][] = Array.from({ length: r1 - rect.r0 + 1 }, () => new Array(c1 - rect.c0 + 1).fill(null));
        this.hf.setCellContents({ sheet: sheet.hfId, row: rect.r0, col: rect.c0 }, empty);
      }
    }
    if (applyTo === "All" || applyTo === "Formats") {
      for (const key of [...sheet.numberFormats.keys()]) {
        if (inRect(rect, keyRow(key), keyCol(key))) sheet.numberFormats.delete(key);
      }
      sheet.numberFormatLayers.push({ rect, format: "General" });
      sheet.formatLayers.push({ rect, props: CLEARED_FORMAT });
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !contains(rect, cf.rect));
      sheet.validations = sheet.validations.filter((v) => !contains(rect, v.rect));
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    }
    this.changed(sheet.id);
  }

  setNumberFormat(sheet: SheetModel, rect: Rect, data: unknown): void {
    if (!Array.isArray(data)) {
      if (typeof data !== "string") throw new EmulatorError("InvalidArgument", "numberFormat must be text");
      for (const key of [...sheet.numberFormats.keys()]) {
        if (inRect(rect, keyRow(key), keyCol(key))) sheet.numberFormats.delete(key);
      }
      sheet.numberFormatLayers.push({ rect, format: data });
    } else {
      const grid = toGrid(data, rectRows(rect), rectCols(rect));
      grid.forEach((row, i) =>
        row.forEach((f, j) => {
          if (f !== null && f !== undefined) sheet.numberFormats.set(cellKey(rect.r0 + i, rect.c0 + j), String(f));
        }),
      );
    }
    this.changed(sheet.id);
  }

  /**
   * Bounding box of the cells holding a value or formula, and (unless `valuesOnly`) of formatted
   * cells, as Excel's used range; null for an empty sheet.
   */
  usedRect(sheet: SheetModel, valuesOnly = false): Rect | null {
    this.flush();
    const used = usedRect(this.hf, sheet, valuesOnly);
    const stored = this.blockOf(sheet)?.usedRows();
    if (!stored) return used;
    if (!used) return stored;
    return {
      r0: Math.min(used.r0, stored.r0),
      r1: Math.max(used.r1, stored.r1),
      c0: Math.min(used.c0, stored.c0),
      c1: Math.max(used.c1, stored.c1),
    };
  }

  // ---- formats ------------------------------------------------------------------------------

  setFormat(sheet: SheetModel, rect: Rect, props: FormatProps): void {
    sheet.formatLayers.push({ rect, props });
    this.changed(sheet.id);
  }

  effectiveFormat(sheet: SheetModel, row: number, col: number): FormatProps {
    return effectiveFormatOf(sheet, row, col);
  }

  /** The effective format of every cell in `clip` that a format layer covers, by cell key (cell-formats.ts). */
  formatsIn(sheet: SheetModel, clip: Rect): Map<number, FormatProps> {
    return formatsInRect(sheet, clip);
  }

  merge(sheet: SheetModel, rect: Rect, across: boolean): void {
    const add = across
      ? Array.from({ length: rectRows(rect) }, (_, i) => ({
          r0: rect.r0 + i,
          r1: rect.r0 + i,
          c0: rect.c0,
          c1: rect.c1,
        }))
      : [rect];
    sheet.merges = sheet.merges.filter((m) => !add.some((a) => intersects(a, m)));
    pushAll(
      sheet.merges,
      add.filter((a) => rectRows(a) * rectCols(a) > 1),
    );
    this.changed(sheet.id);
  }

  unmerge(sheet: SheetModel, rect: Rect): void {
    sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    this.changed(sheet.id);
  }

  // ---- tables -------------------------------------------------------------------------------

  tableByName(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  requireTable(name: string): TableModel {
    const t = this.tableByName(name);
    if (!t) throw new EmulatorError("ItemNotFound", `table not found: "${name}"`);
    return t;
  }

  tableColumns(t: TableModel): string[] {
    return [...t.columns];
  }

  tableInfo(t: TableModel): TableInfo {
    return {
      name: t.name,
      sheet: this.sheetById(t.sheetId)!.name,
      rect: t.rect,
      showTotals: t.showTotals,
      columns: this.tableColumns(t),
    };
  }

  tableDataRect(t: TableModel): Rect {
    return { r0: t.rect.r0 + 1, r1: t.showTotals ? t.rect.r1 - 1 : t.rect.r1, c0: t.rect.c0, c1: t.rect.c1 };
  }

  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean, name?: string): TableModel {
    if (!hasHeaders)
      throw new EmulatorError("NotEmulated", "not emulated: TableCollection.add with hasHeaders = false");
    // A header row alone makes a table with one empty data row, as in Excel.
    if (rectRows(rect) < 2) rect = { ...rect, r1: rect.r0 + 1 };
    for (const t of this.tables) {
      if (t.sheetId === sheet.id && intersects(t.rect, rect)) {
        throw new EmulatorError("InvalidOperation", `the range overlaps the table "${t.name}"`);
      }
    }
    let n = name;
    if (!n) {
      let i = this.tables.length + 1;
      while (this.tableByName(`Table${i}`) || this.names.has(`table${i}`)) i++;
      n = `Table${i}`;
    }
    this.checkNewTableName(n);
    // Header cells become unique, non-blank text, as Excel makes them.
    const header = this.values(sheet, { ...rect, r1: rect.r0 })[0];
    const fixed = uniqueHeaders(header);
    if (fixed.some((h, j) => h !== header[j])) {
      this.write(sheet, { ...rect, r1: rect.r0 }, [fixed.map((h) => `'${h}`)]);
    }
    const table: TableModel = {
      id: `{T${this.nextId++}}`,
      name: n,
      sheetId: sheet.id,
      rect: { ...rect },
      showTotals: false,
      showHeaders: true,
      style: "TableStyleMedium2",
      columns: fixed,
    };
    this.tables.push(table);
    this.retranslateTable(n);
    this.changed(sheet.id);
    return table;
  }

  checkNewTableName(name: string, self?: TableModel): void {
    checkTableOrName(name, "table");
    const clash = this.tableByName(name);
    if ((clash && clash !== self) || this.names.has(name.toLowerCase())) {
      throw new EmulatorError("ItemAlreadyExists", `the name "${name}" is already used`);
    }
  }

  renameTable(t: TableModel, name: string): void {
    if (t.name === name) return;
    this.checkNewTableName(name, t);
    const old = t.name;
    const re = new RegExp(`(^|[^\\w.\\u0080-\\uffff])${escapeRegExp(old)}\\[`, "gi");
    for (const s of this.sheets) for (const [k, f] of s.formulas) s.formulas.set(k, f.replace(re, `$1${name}[`));
    for (const n of this.names.values()) n.formula = n.formula.replace(re, `$1${name}[`);
    const deps = this.tableDependents.get(old.toLowerCase());
    this.tableDependents.delete(old.toLowerCase());
    if (deps) this.tableDependents.set(name.toLowerCase(), deps);
    t.name = name;
    this.changed(t.sheetId);
  }

  /** Appends rows to a table (rows.add): the table grows, formulas over it follow. */
  addTableRows(t: TableModel, values: unknown[][] | null, count: number, index?: number | null): void {
    const sheet = this.sheetById(t.sheetId)!;
    const data = this.tableDataRect(t);
    if (index !== undefined && index !== null && index !== data.r1 - data.r0 + 1) {
      throw new EmulatorError("NotEmulated", "not emulated: TableRowCollection.add at an index other than the end");
    }
    const below: Rect = { r0: t.rect.r1 + 1, r1: t.rect.r1 + count, c0: t.rect.c0, c1: t.rect.c1 };
    if (below.r1 >= MAX_ROWS)
      throw new EmulatorError("InvalidOperation", "the table would pass the last row of the sheet");
    if (this.values(sheet, below).some((row) => row.some((v) => v !== ""))) {
      throw new EmulatorError("NotEmulated", "not emulated: inserting table rows above non-empty cells");
    }
    const totals = t.showTotals ? this.formulas(sheet, { ...t.rect, r0: t.rect.r1 }) : null;
    const newRows: Rect = { r0: data.r1 + 1, r1: data.r1 + count, c0: t.rect.c0, c1: t.rect.c1 };
    // Calculated columns (a [@...] formula in the last data row) fill into the new rows.
    const calculated = this.formulas(sheet, { ...data, r0: data.r1 })
      .at(0)!
      .map((f) => (typeof f === "string" && f.startsWith("=") && /\[@|#this row/i.test(f) ? f : null));
    t.rect = { ...t.rect, r1: t.rect.r1 + count };
    if (totals) this.write(sheet, { ...t.rect, r0: t.rect.r1, r1: t.rect.r1 }, totals);
    const fill = Array.from({ length: count }, (_, i) =>
      calculated.map((f, j) => (values && values[i] && values[i][j] !== undefined && !f ? values[i][j] : (f ?? ""))),
    );
    this.retranslateTable(t.name);
    this.write(sheet, newRows, fill);
  }

  setShowTotals(t: TableModel, show: boolean): void {
    if (t.showTotals === show) return;
    const sheet = this.sheetById(t.sheetId)!;
    if (show) {
      const below: Rect = { r0: t.rect.r1 + 1, r1: t.rect.r1 + 1, c0: t.rect.c0, c1: t.rect.c1 };
      if (this.values(sheet, below)[0].some((v) => v !== "")) {
        throw new EmulatorError("NotEmulated", "not emulated: a totals row over non-empty cells");
      }
      t.rect = { ...t.rect, r1: t.rect.r1 + 1 };
      this.write(sheet, below, [["Total", ...new Array(rectCols(below) - 1).fill("")]]);
    } else {
      this.clear(sheet, { ...t.rect, r0: t.rect.r1 }, "Contents");
      t.rect = { ...t.rect, r1: t.rect.r1 - 1 };
    }
    t.showTotals = show;
    this.retranslateTable(t.name);
  }

  deleteTable(t: TableModel, keepCells: boolean): void {
    const sheet = this.sheetById(t.sheetId)!;
    this.tables = this.tables.filter((x) => x !== t);
    if (!keepCells) this.clear(sheet, t.rect, "All");
    this.retranslateTable(t.name);
    this.changed(sheet.id);
  }

  // ---- names --------------------------------------------------------------------------------

  /** Re-points a defined name (Excel keeps the name; formulas over it follow). */
  setNameFormula(name: string, formula: string): void {
    const n = this.names.get(name.toLowerCase());
    if (!n) throw new EmulatorError("ItemNotFound", `no name "${name}"`);
    n.formula = formula.startsWith("=") ? formula : `=${formula}`;
    this.syncNames();
  }

  addName(name: string, formula: string, comment = ""): NameModel {
    checkTableOrName(name, "defined");
    if (this.names.has(name.toLowerCase()) || this.tableByName(name)) {
      throw new EmulatorError("ItemAlreadyExists", `the name "${name}" is already used`);
    }
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    const n: NameModel = { name, formula: f, comment, visible: true };
    this.names.set(name.toLowerCase(), n);
    this.syncNames();
    return n;
  }

  deleteName(name: string): void {
    const n = this.names.get(name.toLowerCase());
    if (!n) throw new EmulatorError("ItemNotFound", `name not found: "${name}"`);
    this.names.delete(name.toLowerCase());
    this.syncNames();
  }

  /** Mirrors defined names into HyperFormula (translated), so formulas over them recalculate. */
  private syncNames(): void {
    const changedNames: string[] = [];
    for (const n of this.names.values()) {
      const t = translateFormula(n.formula, this.translateContext()).formula;
      const key = n.name.toLowerCase();
      // Changing a named expression recomputes every formula over it: only when it really changed.
      if (this.hfNames.get(key) === t && this.hf.isItPossibleToChangeNamedExpression(n.name, t)) continue;
      try {
        if (this.hf.isItPossibleToChangeNamedExpression(n.name, t)) this.hf.changeNamedExpression(n.name, t);
        else if (this.hf.isItPossibleToAddNamedExpression(n.name, t)) this.hf.addNamedExpression(n.name, t);
        else continue;
      } catch {
        // An expression HyperFormula cannot hold (e.g. into a removed sheet): formulas see #REF!.
        if (this.hf.isItPossibleToChangeNamedExpression(n.name, "=#REF!"))
          this.hf.changeNamedExpression(n.name, "=#REF!");
        continue;
      }
      this.hfNames.set(key, t);
      changedNames.push(key);
    }
    // A name now over a block: the formulas using it are checked as if written again.
    if (changedNames.length && blocksOf(this.hf).size)
      for (const s of this.sheets)
        for (const [k, f] of s.formulas) {
          const lower = f.toLowerCase();
          if (!changedNames.some((n) => lower.includes(n))) continue;
          const { translated, base } = this.formulaAt(s, k, f);
          this.checkReads(translated, base);
        }
    for (const existing of this.hf.listNamedExpressions()) {
      if (!this.names.has(existing.toLowerCase())) {
        this.hf.removeNamedExpression(existing);
        this.hfNames.delete(existing.toLowerCase());
      }
    }
  }
  /** The translated expression HyperFormula holds for each name (lower-case). */
  private readonly hfNames = new Map<string, string>();

  // ---- conditional formats ------------------------------------------------------------------

  addConditionalFormat(sheet: SheetModel, rect: Rect, type: ConditionalFormatModel["type"]): ConditionalFormatModel {
    const cf = newConditionalFormat(this.nextId++, rect, type);
    sheet.conditionalFormats.unshift(cf); // newest rule first, as Excel gives it top priority
    sheet.conditionalFormats.forEach((c, i) => (c.priority = i));
    this.changed(sheet.id);
    return cf;
  }

  /** Evaluates a custom rule for one cell of its range (relative references shift). */
  evaluateRule(sheet: SheetModel, cf: ConditionalFormatModel, row: number, col: number): boolean {
    if (!cf.custom?.formula) return false;
    this.flush();
    const shifted = shiftFormula(cf.custom.formula, row - cf.rect.r0, col - cf.rect.c0);
    const translated = translateFormula(shifted, this.translateContext({ sheet: sheet.name, row, col })).formula;
    // A rule that would read a block in a way the store cannot answer moves it back first.
    this.checkReads(translated, { sheet: sheet.hfId, row, col });
    this.flush();
    const v = this.hf.calculateFormula(translated, sheet.hfId);
    if (Array.isArray(v)) return false;
    if (v instanceof DetailedCellError) return false;
    if (typeof v === "number") return v !== 0;
    if (typeof v === "boolean") return v;
    return false;
  }

  // ---- notifications ------------------------------------------------------------------------

  changed(sheetId: string | null): void {
    for (const l of this.listeners) l(sheetId);
  }
}
