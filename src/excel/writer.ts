/**
 * Applies a sheet plan in a fixed number of syncs, whatever the size of the data the formulas
 * read: a new sheet takes 1 read (which sheets exist, which are ours) and 2 writes (the plan,
 * then the ownership marker, which needs the new sheet's id); regenerating our own sheet takes
 * 2 reads (the second finds its old charts) and 1 write. A sheet with diagrams takes one more
 * write: its shapes, placed once its rows have their heights.
 */
import {
  SHAPE_PREFIX,
  type Block,
  type ChartPlan,
  type DiagramPlan,
  type PlanCell,
  type SheetPlan,
} from "../layout/plan";
import { excelWouldConvert } from "../typed-input";
import { BULK_CHUNK_BYTES, blockBytes, bulkParts, chunkEnd, rowBytes } from "./request-size";
import { maxOf } from "../arrays";
import { columnLetter, parseRect, quoteSheet, rectA1 } from "../address";
import type { ExcelRun } from "./run";
import { queueSettings, resolveOwned } from "./read";

import { INPUT_TABLES_SETTING, OWNED_NAMES_SETTING, OWNED_SHEETS_SETTING } from "./settings";

export { INPUT_TABLES_SETTING, OWNED_SHEETS_SETTING };

/** Excel's limit for the text of a formula. */
export const MAX_FORMULA_LENGTH = 8_192;
/** Excel's limit for the text of one cell. */
export const MAX_CELL_TEXT = 32_767;

/**
 * A plan cell as Excel must receive it: a formula as is; text that Excel would turn into a
 * number, date, boolean or formula (`2003-05`, `50%`, `1,000`, `=x`) behind an apostrophe, so it
 * stays the text it is — except in a Text-formatted cell, which keeps any string as written.
 */
function toFormulaCell(c: PlanCell, format: string | undefined): string | number | boolean {
  if (c === null) return "";
  if (typeof c === "object") {
    // Layouts keep formulas short; a longer one is a bug to report, not a cell to half-write.
    if (c.f.length > MAX_FORMULA_LENGTH)
      throw new Error(`formula longer than ${MAX_FORMULA_LENGTH} characters: ${c.f.slice(0, 80)}…`);
    return c.f;
  }
  if (typeof c === "string") {
    const text = c.length > MAX_CELL_TEXT ? `${c.slice(0, MAX_CELL_TEXT - 1)}…` : c;
    return format !== "@" && excelWouldConvert(text) ? `'${text}` : text;
  }
  return c;
}

/**
 * A block's number formats, one per cell. A formula never gets the Text format: Excel stores a
 * formula entered into a Text cell as text and never calculates it, so such a cell is General.
 */
export function blockFormats(b: Block): string[][] | undefined {
  if (b.numberFormat === undefined) return undefined;
  const fmt = b.numberFormat;
  return b.cells.map((row, i) =>
    row.map((cell, j) => {
      const f = typeof fmt === "string" ? fmt : (fmt[i]?.[j] ?? "General");
      return f === "@" && cell !== null && typeof cell === "object" ? "General" : f;
    }),
  );
}

function a1Offset(at: string, rows: number, cols: number): string {
  const r = parseRect(at);
  return rectA1({ r0: r.r0, c0: r.c0, r1: r.r0 + rows - 1, c1: r.c0 + cols - 1 });
}

/** Our sheet is protected with a password the add-in does not have: nothing was written. */
export class ProtectedSheetError extends Error {
  constructor(
    readonly sheet: string,
    override readonly cause: unknown,
  ) {
    super(`the sheet "${sheet}" is protected with a password`);
    this.name = "ProtectedSheetError";
  }
}

/** Page layout is ExcelApi 1.9: where the host is older, the sheet keeps Excel's default print setup. */
function pageLayoutSupported(): boolean {
  return typeof Office === "undefined" || Office.context.requirements.isSetSupported("ExcelApi", "1.9");
}

/**
 * Shapes are ExcelApi 1.9 (Worksheet.shapes): where the host is older, the diagrams are not drawn
 * and the run says so; their tables stand alone.
 */
export function shapesSupported(): boolean {
  return typeof Office === "undefined" || Office.context.requirements.isSetSupported("ExcelApi", "1.9");
}

export interface WriteResult {
  sheetName: string;
  created: boolean;
}

/** What a run adds to a sheet's batch: before its content, and after it (with the sheet). */
export interface BatchExtras {
  first?: (context: Excel.RequestContext) => void;
  last?: (context: Excel.RequestContext, sheet: Excel.Worksheet) => void;
}

/**
 * What the writes of one run know of the workbook, read once before them (the run's read phase)
 * and kept up to date as each sheet is written: so each sheet takes one write sync, no read.
 */
export interface WriteState {
  /** Our sheets by step (worksheet ids). */
  owned: Record<string, string>;
  /** Sheets added by this run, by step, until their ids are recorded: { step: sheet name }. */
  ownedNames: Record<string, string>;
  inputTables: Record<string, unknown>;
  sheets: { id: string; name: string; protected: boolean }[];
  /** The workbook's names, lower case. */
  names: Set<string>;
  /** Our sheets' charts (by worksheet id), deleted when the sheet is written again. */
  charts: Record<string, string[]>;
  /** Our sheets' Excel tables (by worksheet id), deleted when the sheet is written again. */
  tables: Record<string, string[]>;
  /** Sheets (lower-case names) the add-in does not own that are empty: adopted if they bear a plan's name. */
  emptyNamesakes: Set<string>;
}

/**
 * Writes a plan to the sheet the add-in owns for its step (recreating its contents), or to a new
 * sheet. A sheet with the plan's name that the add-in did not create is never touched: the plan
 * goes to "<name> (2)" instead — unless that sheet is empty (a leftover of an interrupted
 * Generate), which is adopted.
 *
 * One write sync, no read: what it needs to know comes from the run's read phase (`state`).
 * Failure-safe: the content, the ownership marker and the input-table locations go in that one
 * sync, so a failed write leaves the workbook as it was (Excel applies a failed batch not at
 * all). A new sheet is marked ours by its name in its own write, by its id from the next write on.
 * `also` adds the run's last writes (its settings) to the batch.
 */
export async function applyPlan(
  run: ExcelRun,
  plan: SheetPlan,
  state?: WriteState,
  also?: BatchExtras,
): Promise<WriteResult> {
  return run({ delayForCellEdit: true }, async (context) =>
    writePlan(context, plan, state ?? (await loadWriteState(context)), also),
  );
}

/** What a write state is built from: the workbook's lists, as a run's first read has them. */
export interface KnownWorkbook {
  owned: Record<string, string>;
  inputTables: Record<string, unknown>;
  sheets: { id: string; name: string; protected: boolean }[];
  names: string[];
}

/**
 * Queues what the writes need beyond the workbook's lists — our sheets' charts (deleted on the next
 * write) and whether each other sheet is empty (adopted when it bears a plan's name) — and returns
 * the function that builds the write state once the sync has run.
 */
export function queueWriteState(context: Excel.RequestContext, known: KnownWorkbook): () => WriteState {
  const ownedIds = new Set(Object.values(known.owned));
  const charts: Record<string, Excel.ChartCollection> = {};
  const tables: Record<string, Excel.TableCollection> = {};
  const others: { name: string; used: Excel.Range; charts: Excel.ChartCollection }[] = [];
  for (const s of known.sheets) {
    const c = context.workbook.worksheets.getItem(s.id).charts;
    c.load("items/name");
    if (ownedIds.has(s.id)) {
      charts[s.id] = c;
      const tb = context.workbook.worksheets.getItem(s.id).tables;
      tb.load("items/name");
      tables[s.id] = tb;
    } else {
      const used = context.workbook.worksheets.getItem(s.id).getUsedRangeOrNullObject(false);
      used.load("address");
      others.push({ name: s.name, used, charts: c });
    }
  }
  return () => ({
    owned: { ...known.owned },
    ownedNames: {},
    inputTables: { ...known.inputTables },
    sheets: known.sheets.map((s) => ({ ...s })),
    names: new Set(known.names.map((n) => n.toLowerCase())),
    charts: Object.fromEntries(Object.entries(charts).map(([id, c]) => [id, c.items.map((x) => x.name)])),
    tables: Object.fromEntries(Object.entries(tables).map(([id, c]) => [id, c.items.map((x) => x.name)])),
    emptyNamesakes: new Set(
      others.filter((o) => o.used.isNullObject && o.charts.items.length === 0).map((o) => o.name.toLowerCase()),
    ),
  });
}

/** The write state read on its own (a plan applied outside a run, as tests do): two syncs. */
export async function loadWriteState(context: Excel.RequestContext): Promise<WriteState> {
  const settingValues = queueSettings(context, [OWNED_SHEETS_SETTING, OWNED_NAMES_SETTING, INPUT_TABLES_SETTING]);
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/protection/protected");
  const names = context.workbook.names;
  names.load("items/name");
  await context.sync();
  const [byId, byName, inputs] = settingValues();
  const finish = queueWriteState(context, {
    owned: resolveOwned(byId as Record<string, string>, byName as Record<string, string>, sheets.items),
    inputTables: inputs as Record<string, unknown>,
    sheets: sheets.items.map((w) => ({ id: w.id, name: w.name, protected: w.protection.protected })),
    names: names.items.map((n) => n.name),
  });
  await context.sync();
  return finish();
}

/** How our sheets are protected: the analyst may still size, sort and filter. */
const SHEET_PROTECTION = { allowFormatColumns: true, allowFormatRows: true, allowSort: true, allowAutoFilter: true };

/**
 * A plan's bulk block, after the sheet's own batch and before its deferred blocks: its constant
 * columns, then its formula columns, each in row chunks under the request cap, one sync a chunk
 * (the sheet unprotected for the write and protected again in the same batch); the last chunk
 * also carries what `atLast` queues: the small blocks that read the bulk, and the completion cell
 * when no large block follows (else the last of those carries it).
 * The constants go first and whole where they fit: a large plain block is stored compactly.
 */
async function writeBulk(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  bulk: NonNullable<SheetPlan["bulk"]>,
  atLast: () => void,
): Promise<void> {
  const formats = bulk.numberFormat;
  const rows = bulk.cells.map((r) => r.map((c, k) => toFormulaCell(c, formats?.[k])));
  const cols = rows[0]?.length ?? 0;
  // The leading columns that hold no formula in any row.
  let split = 0;
  while (split < cols && !bulk.cells.some((r) => typeof r[split] === "object" && r[split] !== null)) split++;
  const start = parseRect(bulk.at);
  const parts = rows.length ? bulkParts(bulk.cells, split, cols) : [];
  if (!parts.length) parts.push({ c0: 0, c1: 0, property: "values" });
  for (let p = 0; p < parts.length; p++) {
    const { c0, c1, property } = parts[p];
    // A row's bytes in the request: its cells, and its number formats when the plan gives them
    // (each row's measured once, without copying it: 60,000 rows in three parts).
    const partFormats = formats?.slice(c0, c1);
    const formatBytes = partFormats ? partFormats.reduce((n, f) => n + f.length + 3, 2) : 0;
    const sizes = rows.map((r) => {
      let n = 2 + formatBytes;
      for (let k = c0; k < c1; k++) n += String(r[k]).length + 3;
      return n;
    });
    let i = 0;
    while (i < rows.length || i === 0) {
      const j = chunkEnd(rows.length, i, (k) => sizes[k]);
      const last = p === parts.length - 1 && j >= rows.length;
      // One chunk a sync: each under the request cap.
      await syncUnprotected(context, sheet, () => {
        if (j > i && c1 > c0) {
          const range = sheet.getRangeByIndexes(start.r0 + i, start.c0 + c0, j - i, c1 - c0);
          // Every row the same formats: one array for all of them (nothing writes into it).
          if (partFormats) range.numberFormat = new Array(j - i).fill(partFormats);
          range[property] = rows.slice(i, j).map((r) => r.slice(c0, c1)) as never;
        }
        if (last) atLast();
      });
      if (j >= rows.length) break;
      i = j;
    }
  }
}

/** Queues `write` on the sheet unprotected (protected again in the same batch), calculation suspended, and syncs. */
async function syncUnprotected(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  write: () => void,
): Promise<void> {
  context.application.suspendApiCalculationUntilNextSync();
  sheet.protection.unprotect();
  write();
  sheet.protection.protect(SHEET_PROTECTION);
  await context.sync();
}

/** The sheet a plan is written into: ours (cleared, renamed to the plan's name when free) or a new one. */
function openSheet(
  context: Excel.RequestContext,
  plan: SheetPlan,
  state: WriteState,
): { sheet: Excel.Worksheet; name: string; existing: WriteState["sheets"][number] | undefined } {
  const sheets = context.workbook.worksheets;
  const ownedIds = new Set(Object.values(state.owned));
  let existing = state.sheets.find((s) => s.id === state.owned[plan.step]);
  const namesake = state.sheets.find((s) => s.name.toLowerCase() === plan.name.toLowerCase());
  // A sheet bearing the plan's name is adopted only if empty (a leftover of an interrupted Generate).
  if (!existing && namesake && !ownedIds.has(namesake.id) && state.emptyNamesakes.has(namesake.name.toLowerCase()))
    existing = namesake;
  let name = plan.name;
  if (!existing) {
    const taken = new Set(state.sheets.map((s) => s.name.toLowerCase()));
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${plan.name} (${i})`;
    const sheet = sheets.add(name);
    sheet.load("id");
    return { sheet, name, existing };
  }
  const sheet = sheets.getItem(existing.id);
  // Unprotect first: a protected sheet refuses to clear its locked cells, and a password the
  // analyst set fails the batch here, with nothing written.
  if (existing.protected) sheet.protection.unprotect();
  // Clearing cells leaves charts behind: our old ones go, so regenerating does not stack them.
  for (const c of state.charts[existing.id] ?? []) sheet.charts.getItem(c).delete();
  // Its tables go too (a table outlives clearing its cells, and a new one may not overlap it).
  for (const tb of state.tables[existing.id] ?? []) sheet.tables.getItem(tb).delete();
  sheet.getRange().unmerge();
  sheet.getRange().clear("All");
  const current = existing;
  const taken = state.sheets.some((s) => s !== current && s.name.toLowerCase() === plan.name.toLowerCase());
  if (existing.name !== plan.name && !taken) sheet.name = plan.name;
  else name = existing.name;
  return { sheet, name, existing };
}

/**
 * Queues the plan's blocks into the sheet's batch. On a sheet with a bulk block, a block too large
 * for one request (the portfolio at 20,000 accounts: 50 MB) and a block that reads the bulk
 * (`afterBulk`) get their styles here and their cells after the bulk (`writeRowChunks`, or the
 * bulk's last request): the blocks returned.
 */
function writeBlocks(sheet: Excel.Worksheet, plan: SheetPlan): Block[] {
  const deferred: Block[] = [];
  for (const b of plan.blocks) {
    const rows = b.cells.length;
    const cols = b.cells[0]?.length ?? 0;
    if (!rows || !cols) continue;
    const range = sheet.getRange(a1Offset(b.at, rows, cols));
    if (plan.bulk && (b.afterBulk || b.afterRows || (rows * cols > 10_000 && blockBytes(b) > BULK_CHUNK_BYTES / 2)))
      deferred.push(b);
    else queueCells(range, b);
    if (b.style?.bold) range.format.font.bold = true;
    if (b.style?.fill) range.format.fill.color = b.style.fill;
    if (b.style?.fontColor) range.format.font.color = b.style.fontColor;
    if (b.style?.fontSize) range.format.font.size = b.style.fontSize;
    if (b.style?.wrap) range.format.wrapText = true;
    if (b.style?.align) range.format.horizontalAlignment = b.style.align;
    if (b.style?.valign) range.format.verticalAlignment = b.style.valign;
    if (b.input) range.format.protection.locked = false;
  }
  return deferred;
}

/** A block's number formats and cells into its range, queued in one request. */
function queueCells(range: Excel.Range, b: Block): void {
  const formats = blockFormats(b);
  if (formats) range.numberFormat = formats;
  range.formulas = b.cells.map((r, i) => r.map((c, j) => toFormulaCell(c, formats?.[i][j])));
}

/** A small block that reads the bulk rides in the bulk's last request (these bytes at most). */
const AFTER_BULK_BYTES = 200_000;

/** A large block's cells, in row chunks under the request cap, one sync a chunk (unprotected for the write). */
async function writeRowChunks(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  b: Block,
  withLast?: () => void,
): Promise<void> {
  const formats = blockFormats(b);
  const rows = b.cells.map((r, i) => r.map((c, j) => toFormulaCell(c, formats?.[i][j])));
  const start = parseRect(a1Offset(b.at, 1, 1));
  const cols = b.cells[0].length;
  // A row's bytes: its cells, and its number formats when the block has them.
  const sizes = b.cells.map((r, k) => rowBytes(r) + (formats ? formats[k].reduce((n, f) => n + f.length + 3, 2) : 0));
  for (let i = 0; i < rows.length;) {
    const j = chunkEnd(rows.length, i, (k) => sizes[k]);
    // One chunk a sync: each under the request cap.
    await syncUnprotected(context, sheet, () => {
      const range = sheet.getRangeByIndexes(start.r0 + i, start.c0, j - i, cols);
      if (formats) range.numberFormat = formats.slice(i, j);
      range.formulas = rows.slice(i, j);
      if (j >= rows.length) withLast?.();
    });
    i = j;
  }
}

/** Merges, tables, widths, heights, frozen panes, position and hidden helper columns. */
function writeLayout(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const m of plan.merges ?? []) sheet.getRange(m).merge(false);
  for (const tb of plan.tables ?? []) {
    const table = sheet.tables.add(tb.range, true);
    table.name = tb.name;
    table.style = "TableStyleLight9";
  }
  for (const [col, width] of Object.entries(plan.columnWidths ?? {}))
    sheet.getRange(`${col}:${col}`).format.columnWidth = width;
  // Rows grow to show their wrapped text, in the columns' final widths (Excel's autofit skips
  // merged cells: the plan's own heights, applied after, cover those).
  if (plan.print) sheet.getRange(plan.print.area).format.autofitRows();
  for (const [row, height] of Object.entries(plan.rowHeights ?? {}))
    sheet.getRange(`${row}:${row}`).format.rowHeight = height;
  if (plan.freezeColumns) {
    // Rows and columns: the top-left pane, e.g. A1:C1 keeps the title row and the task columns.
    sheet.freezePanes.freezeAt(`A1:${columnLetter(plan.freezeColumns - 1)}${Math.max(1, plan.freezeRows ?? 1)}`);
  } else if (plan.freezeRows) sheet.freezePanes.freezeRows(plan.freezeRows);
  if (plan.first) sheet.position = 0;
  // Helper columns (sort keys, running lists, chart data) are plumbing: hidden.
  for (const cols of plan.hiddenColumns ?? []) sheet.getRange(cols).columnHidden = true;
}

/** The page layout: landscape, the scale and breaks, the print area, titles, header and footer. */
function writePrint(sheet: Excel.Worksheet, plan: SheetPlan): void {
  if (plan.print && pageLayoutSupported()) {
    // Landscape, one page wide; the print area, its titles, and who/what/page on every page.
    // A navigation property (written, never read): nothing to load first.
    const layout = sheet.pageLayout;
    layout.orientation = "Landscape";
    const pr = plan.print;
    if (pr.scale) {
      // Designed print (src/layout/print): a percentage scale, which keeps the manual page
      // breaks Excel drops under "Fit to", on the run's paper.
      layout.zoom = { scale: pr.scale };
      if (pr.paper) layout.paperSize = pr.paper;
      sheet.horizontalPageBreaks.removePageBreaks();
      sheet.verticalPageBreaks.removePageBreaks();
      for (const r of pr.rowBreaks ?? []) sheet.horizontalPageBreaks.add(`A${r + 1}`);
      for (const c of pr.colBreaks ?? []) sheet.verticalPageBreaks.add(`${columnLetter(c)}1`);
    } else layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: pr.pagesTall };
    layout.setPrintArea(plan.print.area);
    if (plan.print.titleRows) layout.setPrintTitleRows(`$${plan.print.titleRows.replace(":", ":$")}`);
    if (plan.print.titleColumns) layout.setPrintTitleColumns(`$${plan.print.titleColumns.replace(":", ":$")}`);
    const all = layout.headersFooters.defaultForAllPages;
    const [hl, hc, hr] = plan.print.header ?? ["", "", ""];
    const [fl, fc, fr] = plan.print.footer ?? ["", "", ""];
    Object.assign(all, {
      leftHeader: hl,
      centerHeader: hc,
      rightHeader: hr,
      leftFooter: fl,
      centerFooter: fc,
      rightFooter: fr,
    });
  }
}

function writeConditionalFormats(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const cf of plan.conditionalFormats ?? []) {
    const range = sheet.getRange(cf.range);
    if (cf.type === "colorScale") {
      const f = range.conditionalFormats.add("ColorScale");
      f.colorScale.criteria = {
        minimum: { type: "LowestValue", color: cf.min },
        ...(cf.mid ? { midpoint: { type: "Percentile", formula: "50", color: cf.mid } } : {}),
        maximum: { type: "HighestValue", color: cf.max },
      } as Excel.ConditionalColorScaleCriteria;
    } else if (cf.type === "custom") {
      const f = range.conditionalFormats.add("Custom");
      f.custom.rule.formula = cf.formula;
      if (cf.fill) f.custom.format.fill.color = cf.fill;
      if (cf.fontColor) f.custom.format.font.color = cf.fontColor;
    } else {
      const f = range.conditionalFormats.add("IconSet");
      f.iconSet.style = cf.style as Excel.IconSet;
      f.iconSet.criteria = [
        {} as Excel.ConditionalIconCriterion,
        ...cf.thresholds.map(
          (t) =>
            ({ type: "Number", operator: "GreaterThanOrEqual", formula: `=${t}` }) as Excel.ConditionalIconCriterion,
        ),
      ];
    }
  }
}

function writeValidations(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const v of plan.validations ?? []) {
    const dv = sheet.getRange(v.range).dataValidation;
    dv.clear();
    if (v.type === "list") {
      dv.rule = { list: { inCellDropDown: true, source: v.source.map((x) => x.replace(/,/g, " ")).join(",") } };
    } else {
      dv.rule = { [v.type]: { formula1: v.min, formula2: v.max, operator: "Between" } } as Excel.DataValidationRule;
    }
    dv.errorAlert = {
      showAlert: true,
      style: "Stop",
      title: v.alert?.title ?? "",
      message: v.alert?.message ?? `${v.type === "list" ? "" : `${v.min}–${v.max}`}`,
    };
  }
}

function writeCharts(sheet: Excel.Worksheet, plan: SheetPlan, name: string): void {
  for (const c of plan.charts ?? []) {
    const chart = sheet.charts.add(
      c.type as Excel.ChartType,
      sheet.getRange(c.source),
      (c.seriesBy ?? "Auto") as Excel.ChartSeriesBy,
    );
    chart.title.text = c.title;
    chart.setPosition(c.at, c.to);
    // Its data sits in hidden helper columns: plot them anyway (Excel skips hidden cells by default).
    if (c.plotHidden) chart.plotVisibleOnly = false;
    // The horizontal axis is the category axis, a scatter chart's X values included.
    if (c.axes?.x) {
      chart.axes.categoryAxis.minimum = c.axes.x.min;
      chart.axes.categoryAxis.maximum = c.axes.x.max;
    }
    if (c.axes?.y) {
      chart.axes.valueAxis.minimum = c.axes.y.min;
      chart.axes.valueAxis.maximum = c.axes.y.max;
    }
    (c.seriesFills ?? []).forEach((fill, i) => {
      if (fill === undefined) return;
      const s = chart.series.getItemAt(i);
      if (fill === null) s.format.fill.clear();
      else s.format.fill.setSolidColor(fill);
    });
    (c.extraSeries ?? []).forEach((def) => {
      const s = chart.series.add(def.name);
      if (def.chartType) s.chartType = def.chartType as Excel.ChartType;
      s.setXAxisValues(sheet.getRange(def.xValues));
      s.setValues(sheet.getRange(def.values));
    });
    writeChartText(chart, c, name);
  }
}

/**
 * After a failed batch (it stops at the failing operation, and what ran before it stays): a sheet
 * the batch added goes again (its name was free, so a sheet bearing it now is ours); an existing
 * protected sheet is probed for a password. Always throws.
 */
async function recoverFailedWrite(
  context: Excel.RequestContext,
  e: unknown,
  name: string,
  existing: WriteState["sheets"][number] | undefined,
): Promise<never> {
  const sheets = context.workbook.worksheets;
  if (!existing) {
    try {
      const added = sheets.getItemOrNullObject(name);
      added.load("id");
      await context.sync();
      if (!added.isNullObject) {
        added.delete();
        await context.sync();
      }
    } catch {
      // If even this fails, the sheet is adopted or renamed around by the next Generate.
    }
    throw e;
  }
  // Was it the password of a protected sheet? Unprotect and protect it again on their own:
  // without a password this leaves the sheet as it was.
  if (existing.protected) {
    const probe = sheets.getItem(existing.id).protection;
    probe.unprotect();
    probe.protect(SHEET_PROTECTION);
    try {
      await context.sync();
    } catch (p) {
      throw new ProtectedSheetError(existing.name, p);
    }
  }
  throw e;
}

async function writePlan(
  context: Excel.RequestContext,
  plan: SheetPlan,
  state: WriteState,
  also?: BatchExtras,
): Promise<WriteResult> {
  const settings = context.workbook.settings;
  // The run's own writes that must come before any formula of this sheet (workbook names).
  also?.first?.(context);
  const { sheet, name, existing } = openSheet(context, plan, state);
  context.application.suspendApiCalculationUntilNextSync();
  const deferred = writeBlocks(sheet, plan);
  writeLayout(sheet, plan);
  writePrint(sheet, plan);
  writeConditionalFormats(sheet, plan);
  writeValidations(sheet, plan);
  writeCharts(sheet, plan, name);
  // Names other sheets' formulas use (e.g. the focus customer's average): re-pointed every time.
  const quoted = quoteSheet(name);
  for (const [n, local] of Object.entries(plan.names ?? {})) {
    const ref = `=${quoted}!${rectA1(parseRect(local), true)}`;
    if (state.names.has(n.toLowerCase())) context.workbook.names.getItem(n).formula = ref;
    else context.workbook.names.add(n, ref);
  }
  sheet.protection.protect(SHEET_PROTECTION);
  const inputTables = { ...state.inputTables, [plan.step]: plan.inputTables ?? [] };
  settings.add(INPUT_TABLES_SETTING, inputTables);
  // The marker that makes the sheet ours, in the same batch as its content: by id, or by name
  // for a sheet this batch adds (its id is known after it).
  const owned = existing ? { ...state.owned, [plan.step]: existing.id } : { ...state.owned };
  if (!existing) delete owned[plan.step];
  const ownedNames = existing
    ? Object.fromEntries(Object.entries(state.ownedNames).filter(([k]) => k !== plan.step))
    : { ...state.ownedNames, [plan.step]: name };
  settings.add(OWNED_SHEETS_SETTING, owned);
  settings.add(OWNED_NAMES_SETTING, ownedNames);
  also?.last?.(context, sheet);
  // The diagrams' places (the reserved rows' top-left corners, known once the rows have their
  // heights) and our old shapes, read in this batch: drawn in the next.
  const drawing = shapesSupported() && (existing || plan.diagrams?.length) ? queueDiagrams(sheet, plan) : null;
  try {
    await context.sync();
  } catch (e) {
    await recoverFailedWrite(context, e, name, existing);
  }
  // The bulk block (the portfolio's sorted copy) before the large blocks that sum over it: the
  // formulas then find the rows in place. In the emulator a range over cells not yet written gives
  // each of them an empty vertex (60,000 rows: 15% of the run's time, and 0.2 GB).
  // Small blocks that read the bulk go with its last chunk; the rest in chunks of their own.
  const withLast = deferred.filter((b) => b.afterBulk && !b.afterRows && blockBytes(b) <= AFTER_BULK_BYTES);
  // The completion cell goes with the last request of all, so a run stopped part way never shows
  // a sheet that looks complete. Blocks that read the large blocks' rows come after those.
  const large = [
    ...deferred.filter((b) => !withLast.includes(b) && !b.afterRows),
    ...deferred.filter((b) => b.afterRows),
  ];
  const bulk = plan.bulk;
  const complete = () => {
    if (bulk) sheet.getRange(bulk.done.at).values = [[bulk.done.value]];
  };
  if (bulk)
    await writeBulk(context, sheet, bulk, () => {
      for (const b of withLast) queueCells(sheet.getRange(a1Offset(b.at, b.cells.length, b.cells[0].length)), b);
      if (!large.length) complete();
    });
  for (const [k, b] of large.entries())
    await writeRowChunks(context, sheet, b, k === large.length - 1 ? complete : undefined);
  if (drawing) await drawDiagrams(context, sheet, plan, drawing);
  // What the next write needs to know.
  for (const n of Object.keys(plan.names ?? {})) state.names.add(n.toLowerCase());
  state.inputTables = inputTables;
  if (existing) {
    existing.name = name;
    existing.protected = true;
    state.owned = owned;
    state.ownedNames = ownedNames;
    state.charts[existing.id] = [];
    state.tables[existing.id] = (plan.tables ?? []).map((tb) => tb.name);
    state.emptyNamesakes.delete(name.toLowerCase());
  } else {
    state.sheets.push({ id: sheet.id, name, protected: true });
    state.tables[sheet.id] = (plan.tables ?? []).map((tb) => tb.name);
    // Recorded by id from now on (the next batch writes it).
    state.owned = { ...owned, [plan.step]: sheet.id };
    state.ownedNames = Object.fromEntries(Object.entries(ownedNames).filter(([k]) => k !== plan.step));
  }
  return { sheetName: name, created: !existing };
}

/**
 * What makes a chart speak (every member ExcelApi 1.8 or lower, the manifest's minimum): axis
 * titles, data labels on the series a manager reads (ChartSeries.hasDataLabels 1.7, dataLabels
 * 1.8), helper series out of the legend (ChartLegendEntry.visible 1.7; a legend lists a chart's
 * series in their order), and points labelled from cells (ChartPoint.dataLabel 1.7, its formula
 * 1.8: the label follows the cell).
 */
function writeChartText(chart: Excel.Chart, c: ChartPlan, sheetName: string): void {
  if (c.axisTitles) {
    chart.axes.categoryAxis.title.text = c.axisTitles.x;
    chart.axes.valueAxis.title.text = c.axisTitles.y;
  }
  for (const { series, options: o } of c.labels ?? []) {
    const s = chart.series.getItemAt(series);
    s.hasDataLabels = true;
    s.dataLabels.showValue = o.showValue ?? false;
    s.dataLabels.showPercentage = o.showPercentage ?? false;
    s.dataLabels.showCategoryName = o.showCategoryName ?? false;
    s.dataLabels.showSeriesName = false;
    if (o.numberFormat) s.dataLabels.numberFormat = o.numberFormat;
    if (o.position) s.dataLabels.position = o.position as Excel.ChartDataLabelPosition;
  }
  for (const i of c.legendHidden ?? []) chart.legend.legendEntries.getItemAt(i).visible = false;
  if (c.pointLabels) {
    const s = chart.series.getItemAt(0);
    const r = parseRect(c.pointLabels.range);
    for (let row = r.r0; row <= r.r1; row++) {
      const p = s.points.getItemAt(row - r.r0);
      p.hasDataLabel = true;
      p.dataLabel.formula = `=${quoteSheet(sheetName)}!${rectA1({ r0: row, r1: row, c0: r.c0, c1: r.c0 }, true)}`;
      p.dataLabel.position = c.pointLabels.position as Excel.ChartDataLabelPosition;
    }
  }
}

/** Queues the reads a sheet's diagrams need: each one's anchor cell, and the sheet's shapes. */
function queueDiagrams(sheet: Excel.Worksheet, plan: SheetPlan) {
  if (!shapesSupported()) return null;
  // A diagram's top is the sum of the heights of the rows above it (Range.top is ExcelApi 1.10;
  // RangeFormat.rowHeight 1.2); its anchor is always in column A, at the sheet's left edge.
  const last = maxOf(
    (plan.diagrams ?? []).map((d) => parseRect(d.at).r0),
    0,
  );
  const rows: Excel.RangeFormat[] = [];
  for (let r = 1; r <= last; r++) {
    const f = sheet.getRange(`${r}:${r}`).format;
    f.load("rowHeight");
    rows.push(f);
  }
  const shapes = sheet.shapes;
  shapes.load("items/name");
  return { rows, shapes };
}

/**
 * Deletes our old shapes (their names start with SHAPE_PREFIX; the analyst's own stay) and draws
 * the plan's diagrams (ExcelApi 1.9), in one more sync: the sheet is unprotected for it and
 * protected again in the same batch, since a protected sheet takes no new shape.
 */
async function drawDiagrams(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  plan: SheetPlan,
  read: NonNullable<ReturnType<typeof queueDiagrams>>,
): Promise<void> {
  if (!shapesSupported()) return;
  const old = read.shapes.items.filter((x) => x.name.startsWith(SHAPE_PREFIX));
  if (!old.length && !plan.diagrams?.length) return;
  sheet.protection.unprotect();
  for (const x of old) x.delete();
  for (const d of plan.diagrams ?? []) {
    const { r0, c0 } = parseRect(d.at);
    if (c0 !== 0) throw new Error(`a diagram is anchored in column A, not at ${d.at}`);
    let top = 0;
    for (let r = 0; r < r0; r++) top += read.rows[r].rowHeight;
    drawDiagram(sheet, d, 0, top);
  }
  sheet.protection.protect(SHEET_PROTECTION);
  await context.sync();
}

/** One diagram's shapes, placed from its anchor's corner (points). */
function drawDiagram(sheet: Excel.Worksheet, d: DiagramPlan, left: number, top: number): void {
  if (!shapesSupported()) return;
  d.shapes.forEach((s, i) => {
    const name = `${SHAPE_PREFIX}${d.id}_${i + 1}`;
    if (s.kind === "line") {
      const line = sheet.shapes.addLine(left + s.x1, top + s.y1, left + s.x2, top + s.y2, "Straight");
      line.name = name;
      line.lineFormat.color = s.color;
      line.lineFormat.weight = s.weight;
      if (s.dash) line.lineFormat.dashStyle = "Dash";
      if (s.arrow) line.line.endArrowheadStyle = "Triangle";
      return;
    }
    const shape = s.kind === "box" ? sheet.shapes.addGeometricShape("Rectangle") : sheet.shapes.addTextBox(s.text);
    shape.name = name;
    shape.left = left + s.x;
    shape.top = top + s.y;
    shape.width = s.w;
    shape.height = s.h;
    if (s.kind === "box") {
      shape.fill.setSolidColor(s.fill);
      shape.lineFormat.color = s.line;
      shape.lineFormat.weight = 0.75;
    } else {
      shape.fill.clear();
      shape.lineFormat.visible = false;
    }
    // The first shape carries the diagram's description for screen readers.
    if (i === 0) shape.altTextDescription = d.title;
    const frame = shape.textFrame;
    frame.textRange.text = s.text;
    frame.textRange.font.color = s.fontColor;
    frame.textRange.font.size = s.fontSize;
    if (s.kind === "box" && s.bold) frame.textRange.font.bold = true;
    frame.horizontalAlignment = s.kind === "box" ? "Center" : (s.align ?? "Left");
    frame.verticalAlignment = "Middle";
  });
}
