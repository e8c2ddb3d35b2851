/**
 * .xlsx into the emulator's workbook with ExcelJS (src/emulator/xlsx.ts): settings and sheet ids,
 * each sheet's values, formulas, formats, sizes, views, merges and rules, then tables, names and
 * formulas (in that order, so structured references and names resolve), and protection last.
 */
import type ExcelJS from "exceljs";
import { ValueType, Workbook } from "./exceljs";
import JSZip from "jszip";
import { parseRect } from "./address";
import { pushAll } from "../arrays";
import { formatRuns, type CellFormat } from "./format-runs";
import { WorkbookModel } from "./model";
import { cellKey, type SheetModel } from "./types";
import { splitBulkSheets, type BulkRows } from "./xlsx-bulk-read";
import { fileDefinedNames, type FileName } from "./xlsx-names";
import { importRules } from "./xlsx-rules";
import { importSheetsAndSettings, type ImportedSheet } from "./xlsx-settings";
import { fileStyles } from "./xlsx-styles";
import { importValue, POINTS_PER_CHAR, styleProps, type SharedMasters } from "./xlsx-values";

export interface ImportOptions {
  /** Awaited between blocks of rows and between sheets: lets a page draw while a large file loads. */
  pause?: () => Promise<void>;
  /** false: every sheet through ExcelJS, none cut into a column-store block (tests compare both). */
  bulk?: boolean;
  /** A sheet part this large (uncompressed bytes) is cut; 1 MB unless given (tests go lower). */
  bulkMinBytes?: number;
}

/** Rows written to the engine between pauses. */
const IMPORT_BLOCK_ROWS = 20_000;

export async function importXlsx(
  data: ArrayBuffer | Uint8Array | Buffer,
  opts: ImportOptions = {},
): Promise<WorkbookModel> {
  const wb = new Workbook();
  // Large uniform sheets: ExcelJS reads their head, the rows below go straight into column-store
  // blocks (src/emulator/xlsx-bulk-read.ts).
  const split = opts.bulk === false ? null : await splitBulkSheets(data, opts.bulkMinBytes);
  await wb.xlsx.load((split ? split.head : data) as ArrayBuffer);
  const fontSize = split?.defaultFontSize ?? (await defaultFontSize(data));
  const names = fileDefinedNames(data instanceof Uint8Array ? data : new Uint8Array(data));
  return importWorkbook(wb, opts, split?.sheets, fontSize, names);
}

/** The file's default font size (its first font's; 11 when unreadable). */
async function defaultFontSize(data: ArrayBuffer | Uint8Array | Buffer): Promise<number> {
  try {
    const zip = await JSZip.loadAsync(data);
    return fileStyles((await zip.file("xl/styles.xml")?.async("string")) ?? "").defaultFontSize;
  } catch {
    return 11;
  }
}

/**
 * A workbook from ExcelJS's parsed model (`Workbook.model`, plain data): the preview parses the
 * file in a worker and hands the model over (structured clone), so the page's main thread only
 * builds the workbook, in blocks with pauses between them.
 */
export async function importParsed(
  parsed: unknown,
  opts: ImportOptions = {},
  bulk?: Map<string, BulkRows>,
  /** The file's workbook names with their formulas (`fileDefinedNames`): those ExcelJS leaves out. */
  names: FileName[] = [],
): Promise<WorkbookModel> {
  const wb = new Workbook();
  // ExcelJS (4.4) writes a sheet's merges to its model as `merges` and reads them back from
  // `mergeCells` (the file reader's name): the parsed model carries both.
  for (const ws of (parsed as { worksheets?: { merges?: string[]; mergeCells?: string[] }[] }).worksheets ?? [])
    if (ws.merges && !ws.mergeCells) ws.mergeCells = ws.merges;
  (wb as unknown as { model: unknown }).model = parsed;
  return importWorkbook(wb, opts, bulk, 11, names);
}

/** A formula read from a cell, written once every sheet, table and name is in. */
interface PendingFormula {
  sheet: SheetModel;
  r: number;
  c: number;
  f: string;
}

async function importWorkbook(
  wb: ExcelJS.Workbook,
  opts: ImportOptions,
  bulk?: Map<string, BulkRows>,
  /** The file's default font size: a cell's font of this size has no size of its own. */
  fontSize = 11,
  names: FileName[] = [],
): Promise<WorkbookModel> {
  const model = new WorkbookModel();
  const pendingFormulas: PendingFormula[] = [];
  const protect: SheetModel[] = [];
  const sheets = importSheetsAndSettings(wb, model);
  for (const { ws, sheet } of sheets) {
    await importCells(model, ws, sheet, opts, fontSize, pendingFormulas);
    const rows = bulk?.get(ws.name);
    if (rows) model.attachBlock(sheet, rows.block, rows.template);
    await opts.pause?.();
    importLayout(ws, sheet);
    importRules(model, ws, sheet);
    // Protection goes on after the formulas below are written: the model refuses locked cells.
    if ((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet) protect.push(sheet);
  }
  // Tables before formulas, so structured references resolve.
  importTables(model, sheets);
  importNames(model, wb, names);
  for (const p of pendingFormulas) model.write(p.sheet, { r0: p.r, r1: p.r, c0: p.c, c1: p.c }, [[p.f]], false);
  for (const sheet of protect) sheet.protection = { protected: true, options: {} };
  const active = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  model.activeSheetId = model.sheets[active]?.id ?? model.sheets[0]?.id ?? null;
  return model;
}

/** The masters of the worksheet's shared formulas, by address. */
function sharedMasters(ws: ExcelJS.Worksheet): SharedMasters {
  const masters: SharedMasters = new Map();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as unknown as Record<string, unknown> | null;
      if (v && typeof v === "object" && typeof v.formula === "string" && v.shareType === "shared") {
        masters.set(cell.address, {
          formula: v.formula as string,
          row: Number(cell.row) - 1,
          col: Number(cell.col) - 1,
        });
      }
    }),
  );
  return masters;
}

/**
 * The worksheet's values (its formulas into `pending`), number formats and styles into the sheet,
 * in blocks of rows with pauses between them.
 */
async function importCells(
  model: WorkbookModel,
  ws: ExcelJS.Worksheet,
  sheet: SheetModel,
  opts: ImportOptions,
  fontSize: number,
  pending: PendingFormula[],
): Promise<void> {
  const masters = sharedMasters(ws);
  const dims = ws.actualRowCount ? ws.rowCount : 0;
  const width = ws.columnCount;
  if (dims <= 0 || width <= 0) return;
  const grid: unknown[][] = Array.from({ length: dims }, () => new Array(width).fill(null));
  const formats: CellFormat[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) =>
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const r = rowNumber - 1;
      const c = colNumber - 1;
      // A merged range's other cells are empty in Excel (ExcelJS reports the first cell's value
      // there); their formats still count.
      const slave = cell.type === ValueType.Merge;
      const v = slave ? "" : importValue(cell.value, masters, r, c);
      if (typeof v === "string" && v.startsWith("=")) pending.push({ sheet, r, c, f: v });
      else if (!slave) grid[r][c] = v;
      if (cell.numFmt && cell.numFmt !== "General") sheet.numberFormats.set(cellKey(r, c), cell.numFmt);
      const props = styleProps(cell, fontSize);
      if (props) formats.push({ r, c, props });
    }),
  );
  pushAll(sheet.formatLayers, formatRuns(formats));
  // Numbers formatted as text stay text; everything else is written as Excel would take it.
  for (let r = 0; r < dims; r++) {
    for (let c = 0; c < width; c++) {
      const v = grid[r][c];
      if (typeof v === "string" && !v.startsWith("'")) grid[r][c] = `'${v}`;
    }
  }
  for (let r0 = 0; r0 < dims; r0 += IMPORT_BLOCK_ROWS) {
    const r1 = Math.min(dims, r0 + IMPORT_BLOCK_ROWS) - 1;
    model.write(sheet, { r0, c0: 0, r1, c1: width - 1 }, grid.slice(r0, r1 + 1), false);
    if (opts.pause && r1 < dims - 1) await opts.pause();
  }
}

/** Hidden columns and widths, frozen panes, visibility and merges. */
function importLayout(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  ws.columns?.forEach((col, i) => {
    if (col?.hidden) sheet.hiddenColumns.add(i);
    if (col && col.width) sheet.columnWidths.set(i, col.width * POINTS_PER_CHAR);
  });
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === "frozen") sheet.freeze = { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
  sheet.visibility = ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible";
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  for (const m of merges) sheet.merges.push(parseRect(m));
}

function importTables(model: WorkbookModel, sheets: ImportedSheet[]): void {
  for (const { ws, sheet } of sheets) {
    const tables = (ws as unknown as { getTables?: () => { table: Record<string, unknown> }[] }).getTables?.() ?? [];
    for (const t of tables) {
      const model_ = t.table as {
        name: string;
        tableRef?: string;
        ref?: string;
        totalsRow?: boolean;
        style?: { theme?: string };
      };
      const ref = model_.tableRef ?? model_.ref;
      if (!ref) continue;
      const rect = parseRect(ref);
      const tm = model.addTable(sheet, rect, true, model_.name);
      if (model_.totalsRow) tm.showTotals = true;
      if (model_.style?.theme) tm.style = model_.style.theme;
    }
  }
}

function importNames(model: WorkbookModel, wb: ExcelJS.Workbook, names: FileName[]): void {
  const add = (name: string, formula: string) => {
    try {
      model.addName(name, formula);
    } catch {
      // a name Excel allows but we cannot hold is left out
    }
  };
  // The file's own text first: ExcelJS reads a formula name as a range where its text starts like
  // one (`Data!$B$1*1.1` as `Data!$B$1`), and reads none from a table's column or a constant.
  for (const n of names) add(n.name, n.formula);
  for (const name of wb.definedNames.model as unknown as { name: string; ranges: string[] }[])
    if (name.ranges?.[0] && !model.names.has(name.name.toLowerCase())) add(name.name, `=${name.ranges[0]}`);
}
