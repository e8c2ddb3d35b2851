import type { RawCellContent } from "hyperformula";
import { DetailedCellError, ErrorType } from "hyperformula";
import {
  MAX_ROWS,
  containsRect as contains,
  inRect,
  intersection,
  intersects,
  rectCols,
  rectRows,
  shiftFormula,
  type Rect,
} from "./address";
import { EmulatorError, notEmulated } from "./errors";
import { inlineTableRefs } from "./structured";
import { escapeRegExp } from "../text";
import { newConditionalFormat } from "./input";
import { usedRect } from "./extent";
import { blocksOf, markRangesDirty } from "./columns";
import { CLEARED_FORMAT, effectiveFormatOf, formatsInRect, uniqueHeaders } from "./cell-formats";
import {
  registerVector,
  shapeAt,
  unregisterVector,
  vectorConfig,
  vectorPlan,
  vectorsOf,
  type VectorSpec,
} from "./vector";

export * from "./types";
import {
  cellKey,
  keyCol,
  keyRow,
  toGrid,
  type ConditionalFormatModel,
  type FormatProps,
  type NameModel,
  type SheetModel,
  type TableModel,
} from "./types";
import { pushAll } from "../arrays";

import { SheetStore } from "./sheet-store";

/**
 * An in-memory workbook over HyperFormula: the sheets, cells and column store (sheet-store.ts),
 * and here the columns held as one (vector.ts), formats, tables, names and conditional formats.
 */
export class WorkbookModel extends SheetStore {
  // ---- formula columns held as one (vector.ts) ----------------------------------------------

  /**
   * A column of thousands of formulas that are one formula in R1C1, held in the engine as one
   * (vector.ts); false when it does not qualify (then it is written cell by cell).
   */
  protected vectorWrite(sheet: SheetModel, rect: Rect, grid: unknown[][], typed: boolean): boolean {
    const plan = this.planVector(sheet, rect, (i) => grid[i][0], typed);
    // The whole write or nothing: a column whose first or last row holds no formula is written cell by cell.
    if (!plan || plan.rect.r0 !== rect.r0 || plan.rect.r1 !== rect.r1) return false;
    plan.commit();
    return true;
  }

  /**
   * The columns of a wider write that each qualify to be held as one (the portfolio's account
   * columns, 2,000 rows of one formula each beside columns whose formulas differ row by row; the
   * copy's sums, on some of its rows): the write's grid with those columns' rows marked `held`
   * (the rest is written cell by cell, they are emptied there) and what puts them in the engine,
   * once the rest is written. Null when none. No cell is written here: a write that fails on
   * another column leaves these untouched too.
   */
  protected vectorColumns(
    sheet: SheetModel,
    rect: Rect,
    grid: unknown[][],
    typed: boolean,
    held: unknown,
  ): { grid: unknown[][]; commit: () => void } | null {
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    if (cols < 2 || rows < vectorConfig.minRows) return null;
    const commits: (() => void)[] = [];
    // Each column's rows held, from the write's first row (its first and last formula's).
    const taken = new Map<number, { i0: number; i1: number }>();
    for (let j = 0; j < cols; j++) {
      const c = rect.c0 + j;
      const plan = this.planVector(sheet, { r0: rect.r0, r1: rect.r1, c0: c, c1: c }, (i) => grid[i][j], typed);
      if (!plan) continue;
      commits.push(plan.commit);
      taken.set(j, { i0: plan.rect.r0 - rect.r0, i1: plan.rect.r1 - rect.r0 });
    }
    if (!commits.length) return null;
    return {
      grid: grid.map((row, i) =>
        row.map((v, j) => {
          const t = taken.get(j);
          return t && i >= t.i0 && i <= t.i1 ? held : v;
        }),
      ),
      commit: () => {
        for (const commit of commits) commit();
      },
    };
  }

  /**
   * What holds a qualifying column as one (nothing is changed until `commit` is called), or null:
   * its rows' contents are `cellAt(i)`. Every row a formula, or a column of formulas on some rows
   * (the others written empty: ""), which is held from its first formula to its last (`rect`);
   * anything else refuses it.
   */
  private planVector(
    sheet: SheetModel,
    rect: Rect,
    cellAt: (i: number) => unknown,
    typed: boolean,
  ): { rect: Rect; commit: () => void } | null {
    const rows = rectRows(rect);
    if (rect.c0 !== rect.c1 || rows < vectorConfig.minRows) return null;
    const all: (string | null)[] = [];
    let formulas = 0;
    for (let i = 0; i < rows; i++) {
      const v = cellAt(i);
      if (v === "") {
        all.push(null);
        continue;
      }
      if (typeof v !== "string" || v.length < 2 || v.length > 8192 || v[0] !== "=") return null;
      if (typed && this.numberFormat(sheet, rect.r0 + i, rect.c0) === "@") return null;
      all.push(v);
      formulas++;
    }
    // A column of sums on some rows is worth it when a quarter of the fewest rows are formulas.
    if (formulas < Math.max(2, vectorConfig.minRows / 4)) return null;
    let i0 = 0;
    while (all[i0] === null) i0++;
    let i1 = rows - 1;
    while (all[i1] === null) i1--;
    const texts = all.slice(i0, i1 + 1);
    const held = { ...rect, r0: rect.r0 + i0, r1: rect.r0 + i1 };
    const translate = (i: number) =>
      this.translator.translate(texts[i]!, { sheet: sheet.name, row: held.r0 + i, col: held.c0 });
    const translated = new Map<number, ReturnType<typeof translate>>();
    const at = (i: number) => {
      let t = translated.get(i);
      if (!t) translated.set(i, (t = translate(i)));
      return t;
    };
    const plan = vectorPlan(this.hf, sheet.hfId, held, texts, (i) => at(i).formula, this.nameExpr);
    if (!plan) return null;
    for (const h of plan.heads) {
      // Each shape's first row as a single write would take it (the syntax check): its rows are the same formula.
      if (this.typedInput(sheet, held.r0 + h, held.c0, texts[h]!, typed).input.formula !== texts[h]) return null;
      this.checkReads(at(h).formula, { sheet: sheet.hfId, row: held.r0 + h, col: held.c0 });
    }
    const commit = () => {
      for (let i = 0; i < texts.length; i++) {
        const key = cellKey(held.r0 + i, held.c0);
        this.forgetFormula(sheet, key);
        const text = texts[i];
        if (text === null) continue;
        sheet.formulas.set(key, text);
        this.translator.depend(`${sheet.id}:${key}`, at(plan.heads[shapeAt(plan.shapeOf, i)]).tables);
      }
      this.deferCalc();
      const origin = { sheet: sheet.hfId, row: held.r0, col: held.c0 };
      // The array goes over empty cells: emptied first, unless they are (a new sheet's rows, or a
      // wider write's column it has just emptied).
      let empty = true;
      for (let r = held.r0; r <= held.r1 && empty; r++) empty = this.hf.isCellEmpty({ ...origin, row: r });
      if (!empty)
        this.hf.setCellContents(
          origin,
          texts.map(() => [null]),
        );
      this.hf.setCellContents(origin, [[registerVector(this.hf, sheet.hfId, held, plan)]]);
    };
    return { rect: held, commit };
  }

  /**
   * Before cells are written or cleared: each column held as one that meets `rect` (any, when no
   * sheet is given) is let go — dropped when every one of its cells is about to be replaced
   * (`grid`, the write's, null where a cell is left alone; "all" for a clear), else turned back
   * into single formulas, as they were written. Returns what puts the dropped ones' cells back as
   * single formulas from the sheet's formulas, for a write that fails after this.
   */
  protected releaseVectors(sheet?: SheetModel, rect?: Rect, grid?: unknown[][] | "all"): () => void {
    const vectors = vectorsOf(this.hf);
    const dropped: VectorSpec[] = [];
    if (!vectors.size) return () => undefined;
    for (const v of [...vectors.values()]) {
      if (sheet && (v.sheet !== sheet.hfId || (rect && !intersects(v.rect, rect)))) continue;
      const replaced = rect && grid && contains(rect, v.rect) && this.replacesAll(rect, v.rect, grid);
      this.releaseVector(v, replaced);
      if (replaced) dropped.push(v);
    }
    return () => {
      for (const v of dropped) this.singleFormulas(v);
    };
  }

  /** A column held as one let go: dropped (`replaced`: its cells are about to be written), else single formulas again. */
  private releaseVector(v: VectorSpec, replaced: boolean | undefined): void {
    unregisterVector(this.hf, v);
    const origin = { sheet: v.sheet, row: v.rect.r0, col: v.rect.c0 };
    this.deferCalc();
    this.hf.setCellContents(origin, [[null]]);
    if (!replaced) this.singleFormulas(v);
  }

  /** A column's cells, once held as one, as the single formulas the sheet's formulas hold there. */
  private singleFormulas(v: VectorSpec): void {
    const s = this.sheets.find((x) => x.hfId === v.sheet);
    if (!s) return;
    const cells: RawCellContent[][] = [];
    for (let r = v.rect.r0; r <= v.rect.r1; r++) {
      const f = s.formulas.get(cellKey(r, v.rect.c0));
      cells.push([f === undefined ? null : this.translateCell(s, r, v.rect.c0, f)]);
    }
    this.deferCalc();
    this.hf.setCellContents({ sheet: v.sheet, row: v.rect.r0, col: v.rect.c0 }, cells);
  }

  /**
   * After a recalculation: a column held as one that the engine found in a cycle goes back to
   * single formulas, and the engine computes again. Its rows may be in no cycle as cells (column
   * K reads J, a cell of J reads another row of K): the column as one reads the whole of J.
   * True when one was let go.
   */
  protected releaseCycles(): boolean {
    // Every one read first: letting one go suspends the engine, whose values cannot be read then.
    const cycled = [...vectorsOf(this.hf).values()].filter((v) => {
      const value = this.hf.getCellValue({ sheet: v.sheet, row: v.rect.r0, col: v.rect.c0 });
      return value instanceof DetailedCellError && value.type === ErrorType.CYCLE;
    });
    for (const v of cycled) this.releaseVector(v, false);
    return cycled.length > 0;
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

  /** Recomputes the HyperFormula text of every formula that depends on a table (after it grew). */
  retranslateTable(tableName: string): void {
    this.retranslateDependents(tableName);
    this.syncNames();
  }

  private retranslateDependents(tableName: string): void {
    const deps = this.translator.readersOf(tableName);
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
  protected retranslateAll(): void {
    for (const name of this.translator.tablesRead()) this.retranslateDependents(name);
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
      this.dropCellFormats(sheet, rect);
      sheet.numberFormatLayers.push({ rect, format: "General" });
      sheet.formatLayers.push({ rect, props: CLEARED_FORMAT });
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !contains(rect, cf.rect));
      sheet.validations = sheet.validations.filter((v) => !contains(rect, v.rect));
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    }
    this.changed(sheet.id);
  }

  /**
   * A tall grid whose rows are all alike (the writer's chunks: one format a column) as one format
   * layer a column, as a single format over each column would be, not a format a cell: the same
   * formats read back, without 300,000 cell entries for the portfolio's copy. A chunk right under
   * the last one, alike, grows that one's layers (whatever its height: the last chunk is often
   * short), so a column keeps one layer — as the export's bulk rows want: a layer ending inside a
   * sheet keeps them out below it.
   */
  private columnFormats(sheet: SheetModel, rect: Rect, grid: unknown[][]): boolean {
    const first = grid[0];
    if (grid.length < 2 || !first.every((f) => typeof f === "string")) return false;
    for (const row of grid) for (let j = 0; j < first.length; j++) if (row[j] !== first[j]) return false;
    const layers = sheet.numberFormatLayers;
    const columns = first.map((_, j) => ({ ...rect, c0: rect.c0 + j, c1: rect.c0 + j }));
    const prevs = columns.map((col, j) => this.layerAbove(layers, col, first[j] as string, first.length));
    if (grid.length < 1_000 && prevs.some((p) => !p)) return false;
    this.dropCellFormats(sheet, rect);
    columns.forEach((col, j) => {
      const prev = prevs[j];
      if (prev) prev.rect = { ...prev.rect, r1: rect.r1 };
      else layers.push({ rect: col, format: first[j] as string });
    });
    this.changed(sheet.id);
    return true;
  }

  /** Forgets the per-cell number formats in `rect` (a layer over it is to show instead). */
  private dropCellFormats(sheet: SheetModel, rect: Rect): void {
    for (const key of [...sheet.numberFormats.keys()]) {
      if (inRect(rect, keyRow(key), keyCol(key))) sheet.numberFormats.delete(key);
    }
  }

  /**
   * The one-column layer of `format` ending right above `region` that may grow over it: the newest
   * layer over those cells (none since meets them), looked for among the last few.
   */
  private layerAbove(layers: SheetModel["numberFormatLayers"], region: Rect, format: string, width: number) {
    for (let i = layers.length - 1; i >= Math.max(0, layers.length - 64 - width); i--) {
      const l = layers[i];
      if (intersects(l.rect, region)) return undefined;
      if (l.rect.c0 === region.c0 && l.rect.c1 === region.c0 && l.rect.r1 === region.r0 - 1 && l.format === format)
        return l;
    }
    return undefined;
  }

  setNumberFormat(sheet: SheetModel, rect: Rect, data: unknown): void {
    if (!Array.isArray(data)) {
      if (typeof data !== "string") throw new EmulatorError("InvalidArgument", "numberFormat must be text");
      this.dropCellFormats(sheet, rect);
      sheet.numberFormatLayers.push({ rect, format: data });
    } else {
      const grid = toGrid(data, rectRows(rect), rectCols(rect));
      if (this.columnFormats(sheet, rect, grid)) return;
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
    return this.tableStore.byName(name);
  }

  requireTable(name: string): TableModel {
    return this.tableStore.require(name);
  }

  tableColumns(t: TableModel): string[] {
    return [...t.columns];
  }

  tableDataRect(t: TableModel): Rect {
    return this.tableStore.dataRect(t);
  }

  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean, name?: string): TableModel {
    if (!hasHeaders)
      throw new EmulatorError("NotEmulated", "not emulated: TableCollection.add with hasHeaders = false");
    // A header row alone makes a table with one empty data row, as in Excel.
    if (rectRows(rect) < 2) rect = { ...rect, r1: rect.r0 + 1 };
    const overlap = this.tableStore.meets(sheet.id, rect);
    if (overlap) throw new EmulatorError("InvalidOperation", `the range overlaps the table "${overlap.name}"`);
    const defined = (lower: string) => this.nameStore.has(lower);
    const n = name || this.tableStore.defaultName(defined);
    this.tableStore.checkNewName(n, defined);
    // Header cells become unique, non-blank text, as Excel makes them.
    const header = this.plainValues(sheet, { ...rect, r1: rect.r0 })[0];
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
    this.tableStore.add(table);
    this.retranslateTable(n);
    this.changed(sheet.id);
    return table;
  }

  checkNewTableName(name: string, self?: TableModel): void {
    this.tableStore.checkNewName(name, (lower) => this.nameStore.has(lower), self);
  }

  renameTable(t: TableModel, name: string): void {
    if (t.name === name) return;
    this.checkNewTableName(name, t);
    const old = t.name;
    const re = new RegExp(`(^|[^\\w.\\u0080-\\uffff])${escapeRegExp(old)}\\[`, "gi");
    for (const s of this.sheets) for (const [k, f] of s.formulas) s.formulas.set(k, f.replace(re, `$1${name}[`));
    this.nameStore.rewrite((f) => f.replace(re, `$1${name}[`));
    this.translator.renameTable(old, name);
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

  /**
   * A table deleted, or converted to a range (`keepCells`): as Excel does then, the formulas and
   * names over it are rewritten to the cells it covered (docs/excel-behaviour.md row 45).
   */
  deleteTable(t: TableModel, keepCells: boolean): void {
    const sheet = this.sheetById(t.sheetId)!;
    if (keepCells) this.inlineTable(t);
    this.tableStore.remove(t);
    if (!keepCells) this.clear(sheet, t.rect, "All");
    this.retranslateTable(t.name);
    // Converted, the formulas over it read cells: a table of its name added later is not theirs.
    if (keepCells) this.translator.dropReaders(t.name);
    this.changed(sheet.id);
  }

  /** Each formula and name over a table, its references to it written as cell references. */
  private inlineTable(t: TableModel): void {
    for (const id of this.translator.readersOf(t.name) ?? []) {
      const [sheetId, keyStr] = id.split(":");
      const s = this.sheetById(sheetId);
      const key = Number(keyStr);
      const f = s?.formulas.get(key);
      if (!s || f === undefined) continue;
      const cell = { sheet: s.name, row: keyRow(key), col: keyCol(key) };
      s.formulas.set(key, inlineTableRefs(f, this.translator.context(cell), t.name));
      this.changed(s.id);
    }
    this.nameStore.rewrite((f) => inlineTableRefs(f, this.translator.context(), t.name));
  }

  /**
   * Table.resize: the header stays in its row and the new range overlaps the old; its columns
   * stay (a change of columns is not emulated). Formulas over it follow.
   */
  resizeTable(t: TableModel, sheet: SheetModel, rect: Rect): void {
    const old = t.rect;
    if (sheet.id !== t.sheetId || rect.r0 !== old.r0 || !intersects(rect, old)) {
      throw new EmulatorError(
        "InvalidArgument",
        "the new range must overlap the table, on its sheet, with its header in the same row",
      );
    }
    if (rect.c0 !== old.c0 || rect.c1 !== old.c1) throw notEmulated("Table.resize to other columns");
    if (t.showTotals) throw notEmulated("Table.resize of a table with its totals row shown");
    if (rect.r1 === rect.r0) throw new EmulatorError("InvalidArgument", "a table needs a row under its header");
    const other = this.tableStore.meets(sheet.id, rect, t);
    if (other) throw new EmulatorError("InvalidOperation", `the range overlaps the table "${other.name}"`);
    t.rect = { ...rect };
    this.retranslateTable(t.name);
    this.changed(sheet.id);
  }

  // ---- names --------------------------------------------------------------------------------

  /** Re-points a defined name (Excel keeps the name; formulas over it follow). */
  setNameFormula(name: string, formula: string): void {
    this.nameStore.get(name).formula = formula.startsWith("=") ? formula : `=${formula}`;
    this.syncNames();
  }

  addName(name: string, formula: string, comment = ""): NameModel {
    const n = this.nameStore.add(name, formula, comment, this.tableByName(name) !== undefined);
    this.syncNames();
    return n;
  }

  deleteName(name: string): void {
    this.nameStore.remove(name);
    this.syncNames();
  }

  /** Mirrors defined names into HyperFormula (translated), so formulas over them recalculate. */
  private syncNames(): void {
    const changedNames = this.nameStore.sync(this.hf, (f) => this.translator.translate(f).formula);
    // A name now over a block: the formulas using it are checked as if written again.
    if (!changedNames.length || !blocksOf(this.hf).size) return;
    // One case-blind test a formula, no lower-case copy of each (100,000 formulas on the portfolio).
    // Names in ASCII: Unicode case folding (`u`) matches what lower-casing the formula would (the
    // Kelvin sign is a k); others, lower-cased as the names are keyed.
    const ascii = changedNames.every((n) => /^[\x20-\x7e]*$/.test(n));
    const mentions = ascii
      ? new RegExp(changedNames.map(escapeRegExp).join("|"), "iu")
      : { test: (f: string) => changedNames.some((n) => f.toLowerCase().includes(n)) };
    // forEach, not for…of: no [key, formula] pair made for each of them.
    for (const s of this.sheets)
      s.formulas.forEach((f, k) => {
        if (!mentions.test(f)) return;
        const { translated, base } = this.formulaAt(s, k, f);
        this.checkReads(translated, base);
      });
  }

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
    const translated = this.translator.translate(shifted, { sheet: sheet.name, row, col }).formula;
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
