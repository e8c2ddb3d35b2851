/**
 * The emulator's workbook to .xlsx with ExcelJS (src/emulator/xlsx.ts): each sheet's cells with
 * their computed values, formats, sizes, merges, tables, rules and page setup; then the parts
 * ExcelJS cannot write (charts, shapes, column breaks, large names, bulk rows) go into its package.
 */
import type ExcelJS from "exceljs";
import { Workbook } from "./exceljs";
import { colLetters, inRect, parseRect, splitSheet, type Rect } from "./address";
import { maxOf } from "../arrays";
import type { WorkbookModel } from "./model";
import { rejectedFormat } from "./numfmt";
import { cellKey, keyCol, keyRow, type CellValue, type PrintModel, type SheetModel, type TableModel } from "./types";
import { addBulkRows, bulkPlans, BULK_MIN_CELLS, type BulkPlan } from "./xlsx-bulk";
import { vectorsOf } from "./vector";
import { addChartParts, sheetParts } from "./xlsx-charts";
import { addDefinedNames, LARGE_NAME_CELLS } from "./xlsx-names";
import { addColumnBreaks } from "./xlsx-print";
import { exportRules } from "./xlsx-rules";
import { exportSettings } from "./xlsx-settings";
import { applyStyle, argb, exportCell, forEachCell, POINTS_PER_CHAR, toFileFormula } from "./xlsx-values";
import { PackageParts, writePackage } from "./zip";

/** The sheet's page setup: orientation, fit to pages, print area and titles, header and footer. */
function exportPrint(ws: ExcelJS.Worksheet, p: PrintModel): void {
  ws.pageSetup = {
    orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
    ...(p.fit ? { fitToPage: true, fitToWidth: p.fit.wide, fitToHeight: p.fit.tall } : { scale: p.scale }),
    // ST_PaperSize: 1 Letter, 9 A4.
    ...(p.paper ? { paperSize: (p.paper === "A4" ? 9 : 1) as ExcelJS.PaperSize } : {}),
    // ExcelJS writes each corner as "$" + it: "A$1" becomes the absolute $A$1, which LibreOffice
    // needs (it ignores the mixed $A1:$J36 ExcelJS makes of "A1:J36" and prints every used cell).
    ...(p.area ? { printArea: p.area.replace(/([A-Z]+)(\d+)/g, "$1$$$2") } : {}),
    ...(p.titleRows ? { printTitlesRow: p.titleRows } : {}),
    ...(p.titleColumns ? { printTitlesColumn: p.titleColumns } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const part = (x: { left: string; center: string; right: string }) =>
    (x.left ? `&L${x.left}` : "") + (x.center ? `&C${x.center}` : "") + (x.right ? `&R${x.right}` : "");
  const header = part(p.header);
  const footer = part(p.footer);
  if (header || footer) ws.headerFooter = { oddHeader: header, oddFooter: footer };
  // <brk id> is the 0-based row above which the page breaks (ExcelJS writes a row's number, 1-based, as the id).
  for (const r of p.rowBreaks) ws.getRow(r).addPageBreak();
}

/** What a saved file cannot carry, or this engine cannot show, for the run's warnings. */
export type FileProblem = { kind: "format"; sheet: string; cell: string; format: string; reason: string };

/**
 * Issue 30, no silent fallback: the number formats SSF rejects (their cells show in General
 * here), each with its first cell. (A defined name holding a formula, not a range, is written
 * into the file as text: `exportNames`.)
 */
export function fileProblems(model: WorkbookModel): FileProblem[] {
  const out: FileProblem[] = [];
  const seen = new Set<string>();
  for (const sheet of model.sheets) {
    const at = (format: string, r: number, c: number) => {
      if (seen.has(format)) return;
      seen.add(format);
      const reason = rejectedFormat(format);
      if (reason) out.push({ kind: "format", sheet: sheet.name, cell: `${colLetters(c)}${r + 1}`, format, reason });
    };
    for (const [key, f] of sheet.numberFormats) at(f, keyRow(key), keyCol(key));
    for (const l of sheet.numberFormatLayers) at(l.format, l.rect.r0, l.rect.c0);
  }
  return out;
}

/** A name ExcelJS can write: a sheet-qualified rectangle. */
function exportableName(formula: string): boolean {
  const { sheet, local } = splitSheet(formula.slice(1));
  if (!sheet) return false;
  try {
    parseRect(local.replace(/\$/g, ""));
    return true;
  } catch {
    return false;
  }
}

/** Cells a range name covers (0 when it does not resolve). */
function nameCells(model: WorkbookModel, formula: string): number {
  try {
    const { rect } = model.resolveAddress(formula.slice(1));
    return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
  } catch {
    return 0;
  }
}

/** A large plain sheet: ExcelJS writes its head, the rest goes straight into the part (xlsx-bulk.ts). */
interface BulkSheet {
  sheet: SheetModel;
  plans: BulkPlan[];
  valueAt: (r: number, c: number) => CellValue;
}

/** A name ExcelJS does not write (a large range, a formula), written into the package afterwards (xlsx-names.ts). */
type TextName = { name: string; ref: string };

export async function exportXlsx(model: WorkbookModel, opts: { bulkMinCells?: number } = {}): Promise<Uint8Array> {
  const wb = new Workbook();
  const bulk: BulkSheet[] = [];
  wb.creator = "Six-Step Key-Account Analysis";
  for (const sheet of model.sheets) {
    const b = await exportSheet(wb, model, sheet, opts.bulkMinCells ?? BULK_MIN_CELLS);
    if (b) bulk.push(b);
  }
  const textNames = exportNames(wb, model);
  exportSettings(wb, model);
  const active = model.sheets.findIndex((s) => s.id === model.activeSheetId);
  wb.views = [
    { activeTab: Math.max(0, active), x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: "visible" },
  ];
  const out = await completePackage(await excelParts(wb), model, bulk, textNames);
  // A Buffer in Node (callers write it to disk); plain bytes in the browser, which has no Buffer.
  const nodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  return nodeBuffer ? nodeBuffer.from(out) : out;
}

/** What ExcelJS's package writer is given (exceljs 4.4, lib/xlsx/xlsx.js): its steps, called in its order. */
interface ExcelJsWriter {
  prepareModel(model: unknown, options: object): void;
  [step: string]: unknown;
}

/** The steps of ExcelJS's `XLSX.write`, in its order; each appends parts to the zip writer it is given. */
export const EXCELJS_WRITE_STEPS = [
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;

/**
 * The workbook's parts as ExcelJS renders them, into memory: its `write` with the zip writer
 * replaced by `PackageParts` (which has the writer's `append`). Every part is deflated once, by
 * `writePackage` (natively on the command line); no archive is made to be opened again.
 * test/emulator/xlsx-parts.test.ts checks the parts equal what `writeBuffer` packs.
 */
export async function excelParts(wb: ExcelJS.Workbook): Promise<PackageParts> {
  const writer = wb.xlsx as unknown as ExcelJsWriter;
  const { model } = wb as unknown as { model: unknown };
  const parts = new PackageParts();
  writer.prepareModel(model, {});
  for (const step of EXCELJS_WRITE_STEPS) {
    const fn = writer[step];
    if (typeof fn !== "function") throw new Error(`ExcelJS has no ${step}: its package writer changed`);
    await (fn as (zip: PackageParts, model: unknown) => unknown).call(writer, parts, model);
  }
  return parts;
}

/** One sheet into the workbook; its bulk rows when it has some, left for the package. */
async function exportSheet(
  wb: ExcelJS.Workbook,
  model: WorkbookModel,
  sheet: SheetModel,
  bulkMinCells: number,
): Promise<BulkSheet | null> {
  const ws = wb.addWorksheet(sheet.name, sheetOptions(sheet));
  exportPrint(ws, sheet.print);
  for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  const used = model.usedRect(sheet);
  const tables = model.tables.filter((t) => t.sheetId === sheet.id);
  const valueAt = sheetValues(model, sheet, used);
  const cellAt = (r: number, c: number) => exportCell(sheet.formulas.get(cellKey(r, c)), valueAt(r, c));
  const { plans, bottom } = bulkPlans(sheet, used, tables, bulkMinCells);
  // The last row ExcelJS writes: the template row of a bulk to the sheet's end, else the used area's last.
  const lastRow = bottom ? bottom.template : (used?.r1 ?? 0);
  const inBulk = bulkRows(plans);
  if (used) exportCells(ws, sheet, used, lastRow, valueAt, cellAt, inBulk);
  if (used) exportFormats(ws, model, sheet, styleArea(sheet, used, bottom ? lastRow : null), bottom !== null, inBulk);
  for (const [c, w] of sheet.columnWidths) ws.getColumn(c + 1).width = Math.round((w / POINTS_PER_CHAR) * 100) / 100;
  for (const [r, h] of sheet.rowHeights) if (!inBulk(r)) ws.getRow(r + 1).height = h;
  for (const m of sheet.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
  for (const t of tables) exportTable(ws, model, t, plans.find((p) => p.tables.includes(t))?.template ?? null, cellAt);
  exportRules(ws, sheet);
  if (sheet.protection.protected) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
  return plans.length ? { sheet, plans, valueAt } : null;
}

/** Whether a row is written in bulk (below a plan's template, to its last, and not one ExcelJS writes). */
function bulkRows(plans: BulkPlan[]): (r: number) => boolean {
  return (r) => plans.some((p) => r > p.template && r <= p.last && !p.own?.has(r));
}

/** The worksheet's visibility, frozen panes and tab colour. */
function sheetOptions(sheet: SheetModel): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    state: sheet.visibility === "Visible" ? "visible" : sheet.visibility === "Hidden" ? "hidden" : "veryHidden",
    views:
      sheet.freeze.rows || sheet.freeze.cols
        ? [{ state: "frozen", xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }]
        : [{ state: "normal" }],
    properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : undefined,
  };
}

/**
 * The sheet's values, by cell. One read of the sheet's values; every cell is taken from it (a
 * column-store block's cells from the block: a 1,000,000-row table is not copied into a grid first).
 */
function sheetValues(model: WorkbookModel, sheet: SheetModel, used: Rect | null): (r: number, c: number) => CellValue {
  const block = model.blockOf(sheet);
  const underBlock =
    used && block && block.r0 >= used.r0 && block.r1 >= used.r1 && block.c0 <= used.c0 && block.c1 >= used.c1;
  const gridRect = underBlock ? (block.r0 > used.r0 ? { ...used, r1: block.r0 - 1 } : null) : used;
  // Read in chunks of rows as the export walks down the sheet (the portfolio's 62,000 rows × 56
  // columns at once held 3.5 million values while the file was built).
  let from = 0;
  let rows: CellValue[][] = [];
  return (r: number, c: number): CellValue => {
    if (block?.has(r, c)) return block.get(r, c);
    if (!gridRect || !inRect(gridRect, r, c)) return "";
    if (r < from || r >= from + rows.length) {
      from = r;
      rows = model.values(sheet, { ...gridRect, r0: r, r1: Math.min(gridRect.r1, r + VALUE_CHUNK_ROWS - 1) });
    }
    return rows[r - from][c - gridRect.c0];
  };
}

/** Rows of values read at a time by the export. */
const VALUE_CHUNK_ROWS = 4096;

/** The used area's cells down to `lastRow`, those with a value or a formula. */
function exportCells(
  ws: ExcelJS.Worksheet,
  sheet: SheetModel,
  used: Rect,
  lastRow: number,
  valueAt: (r: number, c: number) => CellValue,
  cellAt: (r: number, c: number) => ExcelJS.CellValue,
  inBulk: (r: number) => boolean,
): void {
  for (let r = used.r0; r <= lastRow; r++) {
    if (inBulk(r)) continue;
    for (let c = used.c0; c <= used.c1; c++) {
      if (valueAt(r, c) === "" && !sheet.formulas.has(cellKey(r, c))) continue;
      ws.getCell(r + 1, c + 1).value = cellAt(r, c);
    }
  }
}

/**
 * Where formats are written: the used area, down to a bulk sheet's template row (`bulkLastRow`),
 * else to the last format layer's row (at most 50 rows below the used area).
 */
function styleArea(sheet: SheetModel, used: Rect, bulkLastRow: number | null): Rect {
  return {
    r0: 0,
    c0: 0,
    r1:
      bulkLastRow ??
      maxOf(
        sheet.formatLayers.map((l) => Math.min(l.rect.r1, used.r1 + 50)),
        used.r1,
      ),
    c1: used.c1,
  };
}

/**
 * Number formats and styles: per-cell formats, then layer rectangles clipped to the area. On a bulk
 * sheet (`bulk`) the rows below the template take the template's styles (xlsx-bulk.ts): per-cell
 * formats there are left to it, or ExcelJS would write those rows a second time.
 */
function exportFormats(
  ws: ExcelJS.Worksheet,
  model: WorkbookModel,
  sheet: SheetModel,
  area: Rect,
  bulk: boolean,
  inBulk: (r: number) => boolean,
): void {
  const formats = model.formatsIn(sheet, area);
  const touched = new Set<number>(formats.keys());
  for (const l of sheet.numberFormatLayers) forEachCell(l.rect, area, (r, c) => touched.add(cellKey(r, c)));
  for (const key of sheet.numberFormats.keys()) if (!bulk || keyRow(key) <= area.r1) touched.add(key);
  for (const key of touched) {
    const r = keyRow(key);
    if (inBulk(r)) continue;
    const c = keyCol(key);
    const cell = ws.getCell(r + 1, c + 1);
    const nf = model.numberFormat(sheet, r, c);
    if (nf !== "General") cell.numFmt = nf;
    applyStyle(cell, formats.get(key) ?? {});
  }
}

/** A table with its rows (down to `bulkTemplate` when its data runs into bulk rows) and totals. */
function exportTable(
  ws: ExcelJS.Worksheet,
  model: WorkbookModel,
  t: TableModel,
  bulkTemplate: number | null,
  cellAt: (r: number, c: number) => ExcelJS.CellValue,
): void {
  const cols = model.tableColumns(t);
  const data = model.tableDataRect(t);
  const rows: ExcelJS.CellValue[][] = [];
  const upTo = bulkTemplate ?? data.r1;
  for (let r = data.r0; r <= upTo; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) row.push(cellAt(r, c));
    rows.push(row);
  }
  ws.addTable({
    name: t.name,
    ref: `${colLetters(t.rect.c0)}${t.rect.r0 + 1}`,
    headerRow: true,
    totalsRow: t.showTotals,
    style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: cols.map((name, j) => tableColumn(name, t.showTotals ? cellAt(t.rect.r1, t.rect.c0 + j) : null)),
    rows,
  });
}

/** A table column with its totals row's formula or label. */
function tableColumn(name: string, totalCell: ExcelJS.CellValue): ExcelJS.TableColumnProperties {
  const col: ExcelJS.TableColumnProperties = { name, filterButton: true };
  if (totalCell && typeof totalCell === "object" && "formula" in totalCell) {
    Object.assign(col, {
      totalsRowFunction: "custom",
      totalsRowFormula: totalCell.formula,
      totalsRowResult: totalCell.result,
    });
  } else if (totalCell !== null && totalCell !== undefined) {
    Object.assign(col, { totalsRowLabel: String(totalCell) });
  }
  return col;
}

/**
 * The range names ExcelJS writes; the others, left for the package as text: a large range, and a
 * name holding a formula (ExcelJS writes range names only) — a table's column (`Revenue[金额]`),
 * a constant — as the file holds a formula (`_xlfn.` prefixes).
 */
function exportNames(wb: ExcelJS.Workbook, model: WorkbookModel): TextName[] {
  const textNames: TextName[] = [];
  for (const n of model.names.values()) {
    if (!exportableName(n.formula)) textNames.push({ name: n.name, ref: toFileFormula(n.formula.slice(1)) });
    else if (nameCells(model, n.formula) > LARGE_NAME_CELLS) textNames.push({ name: n.name, ref: n.formula.slice(1) });
    else wb.definedNames.add(n.formula.slice(1), n.name);
  }
  return textNames;
}

/**
 * ExcelJS writes no charts or shapes, and the bulk rows are ours: both go among its parts
 * (`zip`), and every part is deflated once.
 */
async function completePackage(
  zip: PackageParts,
  model: WorkbookModel,
  bulk: BulkSheet[],
  textNames: TextName[],
): Promise<Uint8Array> {
  const withColBreaks = model.sheets.some((x) => x.print.colBreaks.length > 0);
  let bulkParts = new Map<string, Uint8Array[]>();
  if (bulk.length) {
    const parts = await sheetParts(zip);
    const vectors = [...vectorsOf(model.hf).values()];
    bulkParts = await addBulkRows(
      zip,
      bulk.flatMap((b) => {
        const part = parts.get(b.sheet.name);
        // Written shared: a column of one formula on every row. A column of sums on some rows (or
        // of several formulas) is written cell by cell, as each of its formulas is its own.
        const columns = vectors.filter((v) => v.sheet === b.sheet.hfId && v.shapeOf === null).map((v) => v.rect);
        const holding = (rect: Rect) => model.columnsHolding(b.sheet, rect);
        return part ? [{ ...b, part, columns, holding }] : [];
      }),
      toFileFormula,
    );
  }
  await addChartParts(zip, model);
  if (withColBreaks) await addColumnBreaks(zip, model);
  await addDefinedNames(zip, textNames);
  return writePackage(zip, bulkParts);
}
