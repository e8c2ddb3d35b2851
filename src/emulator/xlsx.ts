/**
 * .xlsx in and out of the emulator with ExcelJS: values, formulas with their computed values,
 * number formats, tables (structured references kept as written), column widths, fills and fonts,
 * conditional formats, data validation, merges, frozen panes, sheet order and visibility.
 * ExcelJS cannot write charts: the emulator keeps its recorded charts, the file has none.
 * Workbook settings (Office.context / workbook.settings) live in a very hidden sheet, since an
 * .xlsx written here has no add-in part to hold them.
 */
import ExcelJS from "exceljs";
import { splitBulkSheets, type BulkRows } from "./xlsx-bulk-read";
import { writePackage } from "./zip";
import JSZip from "jszip";
import { addChartParts, sheetParts } from "./xlsx-charts";
import { addColumnBreaks } from "./xlsx-print";
import { addBulkRows, bulkPlan, BULK_MIN_CELLS, type BulkPlan } from "./xlsx-bulk";
import type { PrintModel } from "./types";
import { colLetters, inRect, parseRect, rectA1, shiftFormula, splitSheet, type Rect } from "./address";
import { rejectedFormat } from "./numfmt";
import {
  WorkbookModel,
  cellKey,
  keyCol,
  keyRow,
  type CellValue,
  type ConditionalFormatModel,
  type FormatProps,
  type SheetModel,
  type ValidationModel,
} from "./model";
import { maxOf, pushAll } from "../arrays";
import { formatRuns, type CellFormat } from "./format-runs";
import { fileStyles } from "./xlsx-styles";
import { addDefinedNames, LARGE_NAME_CELLS } from "./xlsx-names";

export const SETTINGS_SHEET = "__sixstep_settings__";
const POINTS_PER_CHAR = 5.69; // Excel: 8.43 characters = 48 points

function argb(color: string | null | undefined): string | undefined {
  if (!color) return undefined;
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
}
function hex(argbColor: string | undefined): string | undefined {
  if (!argbColor || argbColor.length < 6) return undefined;
  return `#${argbColor.slice(-6).toUpperCase()}`;
}

// ---- export -------------------------------------------------------------------------------

const ICONSETS: Record<string, string> = {
  FiveQuarters: "5Quarters",
  fiveQuarters: "5Quarters",
  ThreeTrafficLights1: "3TrafficLights1",
  threeTrafficLights1: "3TrafficLights1",
  ThreeArrows: "3Arrows",
  threeArrows: "3Arrows",
  ThreeSymbols: "3Symbols",
  threeSymbols: "3Symbols",
  FiveRating: "5Rating",
  fiveRating: "5Rating",
  ThreeFlags: "3Flags",
  threeFlags: "3Flags",
};

function cfvoType(t: string): string {
  const map: Record<string, string> = {
    Number: "num",
    number: "num",
    Percent: "percent",
    percent: "percent",
    Percentile: "percentile",
    percentile: "percentile",
    Formula: "formula",
    formula: "formula",
    LowestValue: "min",
    lowestValue: "min",
    HighestValue: "max",
    highestValue: "max",
  };
  return map[t] ?? "num";
}

function cfRule(cf: ConditionalFormatModel): ExcelJS.ConditionalFormattingRule | null {
  if (cf.type === "Custom" && cf.custom?.formula) {
    return {
      type: "expression",
      priority: cf.priority + 1,
      formulae: [cf.custom.formula.replace(/^=/, "")],
      style: {
        ...(cf.custom.fill
          ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.custom.fill) } } }
          : {}),
        ...(cf.custom.fontColor || cf.custom.bold
          ? {
              font: {
                color: cf.custom.fontColor ? { argb: argb(cf.custom.fontColor) } : undefined,
                bold: cf.custom.bold,
              },
            }
          : {}),
      },
    } as ExcelJS.ConditionalFormattingRule;
  }
  if (cf.type === "IconSet" && cf.iconSet) {
    const crit = cf.iconSet.criteria.length
      ? cf.iconSet.criteria.map((c, i) => ({
          type: i === 0 ? "percent" : cfvoType(c?.type ?? "Percent"),
          value: i === 0 ? 0 : Number(String(c?.formula ?? "0").replace(/^=/, "")),
        }))
      : undefined;
    return {
      type: "iconSet",
      priority: cf.priority + 1,
      iconSet: ICONSETS[cf.iconSet.style] ?? "3TrafficLights1",
      showValue: !cf.iconSet.showIconOnly,
      reverse: cf.iconSet.reverseIconOrder,
      cfvo: crit,
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  if (cf.type === "ColorScale" && cf.colorScale) {
    const parts = (["minimum", "midpoint", "maximum"] as const).map((k) => cf.colorScale!.criteria[k]).filter(Boolean);
    return {
      type: "colorScale",
      priority: cf.priority + 1,
      cfvo: parts.map((p) => ({
        type: cfvoType(p!.type),
        value: p!.formula !== undefined ? Number(String(p!.formula).replace(/^=/, "")) : undefined,
      })),
      color: parts.map((p) => ({ argb: argb(p!.color) })),
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  if (cf.type === "DataBar" && cf.dataBar) {
    return {
      type: "dataBar",
      priority: cf.priority + 1,
      cfvo: [{ type: "min" }, { type: "max" }],
      color: { argb: argb(cf.dataBar.barColor) },
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }
  return null;
}

function validationOf(v: ValidationModel): ExcelJS.DataValidation | null {
  const [type, spec] = Object.entries(v.rule)[0] ?? [];
  if (!type || !spec) return null;
  const s = spec as Record<string, unknown>;
  const ops: Record<string, string> = {
    Between: "between",
    NotBetween: "notBetween",
    EqualTo: "equal",
    NotEqualTo: "notEqual",
    GreaterThan: "greaterThan",
    LessThan: "lessThan",
    GreaterThanOrEqualTo: "greaterThanOrEqual",
    LessThanOrEqualTo: "lessThanOrEqual",
  };
  const base = {
    allowBlank: v.ignoreBlanks,
    showErrorMessage: true,
    errorTitle: (v.errorAlert?.title as string) ?? undefined,
    error: (v.errorAlert?.message as string) ?? undefined,
    showInputMessage: Boolean(v.prompt?.message),
    promptTitle: (v.prompt?.title as string) ?? undefined,
    prompt: (v.prompt?.message as string) ?? undefined,
  };
  const f = (x: unknown) => (typeof x === "string" ? x.replace(/^=/, "") : x);
  if (type === "list") {
    const src = String(s.source ?? "");
    return {
      ...base,
      type: "list",
      formulae: [src.startsWith("=") ? src.slice(1) : `"${src}"`],
    } as ExcelJS.DataValidation;
  }
  if (type === "custom") return { ...base, type: "custom", formulae: [f(s.formula)] } as ExcelJS.DataValidation;
  const kinds: Record<string, string> = {
    wholeNumber: "whole",
    decimal: "decimal",
    textLength: "textLength",
    date: "date",
  };
  if (!kinds[type]) return null;
  return {
    ...base,
    type: kinds[type],
    operator: ops[String(s.operator)] ?? "between",
    formulae: [f(s.formula1), ...(s.formula2 !== undefined ? [f(s.formula2)] : [])],
  } as ExcelJS.DataValidation;
}

/**
 * Functions newer than Excel 2007 are stored in a file with the `_xlfn.` prefix; without it Excel
 * and LibreOffice read them as unknown names (#NAME?). The formula a user sees has no prefix.
 */
const FUTURE_FUNCTIONS = /(?<![A-Za-z0-9_.])(MINIFS|MAXIFS|IFS|SWITCH|CONCAT|TEXTJOIN|XLOOKUP|XMATCH)\(/g;
export function toFileFormula(f: string): string {
  return f.replace(FUTURE_FUNCTIONS, "_xlfn.$1(");
}
export function fromFileFormula(f: string): string {
  return f.replace(/_xlfn\./g, "");
}

/** A cell as ExcelJS writes it: a formula with its computed result, an error, or a value. */
function exportCell(formula: string | undefined, v: CellValue): ExcelJS.CellValue {
  const isError = typeof v === "string" && /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/.test(v);
  if (formula !== undefined) {
    return { formula: toFileFormula(formula.slice(1)), result: isError ? { error: v } : v } as ExcelJS.CellFormulaValue;
  }
  if (v === "") return null;
  return isError ? ({ error: v } as ExcelJS.CellErrorValue) : v;
}

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
export type FileProblem =
  | { kind: "name"; name: string; formula: string }
  | { kind: "format"; sheet: string; cell: string; format: string; reason: string };

/**
 * Issue 30, no silent fallback: the defined names holding a formula (not a range), which the
 * export drops (ExcelJS writes range names only), and the number formats SSF rejects (their
 * cells show in General here), each with its first cell.
 */
export function fileProblems(model: WorkbookModel): FileProblem[] {
  const out: FileProblem[] = [];
  for (const n of model.names.values()) {
    if (!exportableName(n.formula)) out.push({ kind: "name", name: n.name, formula: n.formula });
  }
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

export async function exportXlsx(model: WorkbookModel, opts: { bulkMinCells?: number } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  // Large plain sheets: ExcelJS writes their head, the rest goes straight into the part (xlsx-bulk.ts).
  const bulk: { sheet: SheetModel; plan: BulkPlan; valueAt: (r: number, c: number) => CellValue }[] = [];
  wb.creator = "Six-Step Key-Account Analysis";
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.visibility === "Visible" ? "visible" : sheet.visibility === "Hidden" ? "hidden" : "veryHidden",
      views:
        sheet.freeze.rows || sheet.freeze.cols
          ? [{ state: "frozen", xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }]
          : [{ state: "normal" }],
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : undefined,
    });
    exportPrint(ws, sheet.print);
    for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;
    const used = model.usedRect(sheet);
    const tables = model.tables.filter((t) => t.sheetId === sheet.id);
    // One read of the sheet's values; every cell below is taken from it (a column-store block's
    // cells from the block: a 1,000,000-row table is not copied into a grid first).
    const block = model.blockOf(sheet);
    const underBlock =
      used && block && block.r0 >= used.r0 && block.r1 >= used.r1 && block.c0 <= used.c0 && block.c1 >= used.c1;
    const gridRect = underBlock ? (block.r0 > used.r0 ? { ...used, r1: block.r0 - 1 } : null) : used;
    const grid = gridRect ? model.values(sheet, gridRect) : [];
    const valueAt = (r: number, c: number): CellValue =>
      block?.has(r, c)
        ? block.get(r, c)
        : gridRect && inRect(gridRect, r, c)
          ? grid[r - gridRect.r0][c - gridRect.c0]
          : "";
    const cellAt = (r: number, c: number) => exportCell(sheet.formulas.get(cellKey(r, c)), valueAt(r, c));
    const plan = bulkPlan(sheet, used, tables, opts.bulkMinCells ?? BULK_MIN_CELLS);
    if (plan) bulk.push({ sheet, plan, valueAt });
    // The last row ExcelJS writes: the template row of a bulk sheet, else the used area's last.
    const lastRow = plan ? plan.template : (used?.r1 ?? 0);
    if (used) {
      for (let r = used.r0; r <= lastRow; r++) {
        for (let c = used.c0; c <= used.c1; c++) {
          if (valueAt(r, c) === "" && !sheet.formulas.has(cellKey(r, c))) continue;
          ws.getCell(r + 1, c + 1).value = cellAt(r, c);
        }
      }
    }
    // Number formats and styles: per-cell formats, then layer rectangles clipped to the used area.
    const styleArea: Rect | null = used
      ? {
          r0: 0,
          c0: 0,
          r1: plan
            ? lastRow
            : maxOf(
                sheet.formatLayers.map((l) => Math.min(l.rect.r1, used.r1 + 50)),
                used.r1,
              ),
          c1: used.c1,
        }
      : null;
    if (styleArea) {
      const formats = model.formatsIn(sheet, styleArea);
      const touched = new Set<number>(formats.keys());
      for (const l of sheet.numberFormatLayers) forEachCell(l.rect, styleArea, (r, c) => touched.add(cellKey(r, c)));
      // A bulk sheet's rows below the template take the template's styles (xlsx-bulk.ts).
      for (const key of sheet.numberFormats.keys()) if (!plan || keyRow(key) <= lastRow) touched.add(key);
      for (const key of touched) {
        const r = keyRow(key);
        const c = keyCol(key);
        const cell = ws.getCell(r + 1, c + 1);
        const nf = model.numberFormat(sheet, r, c);
        if (nf !== "General") cell.numFmt = nf;
        applyStyle(cell, formats.get(key) ?? {});
      }
    }
    for (const [c, w] of sheet.columnWidths) ws.getColumn(c + 1).width = Math.round((w / POINTS_PER_CHAR) * 100) / 100;
    for (const [r, h] of sheet.rowHeights) ws.getRow(r + 1).height = h;
    for (const m of sheet.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    for (const t of tables) {
      const cols = model.tableColumns(t);
      const data = model.tableDataRect(t);
      const rows: ExcelJS.CellValue[][] = [];
      const upTo = plan && plan.tables.includes(t) ? plan.template : data.r1;
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
        columns: cols.map((name, j) => {
          const totalCell = t.showTotals ? cellAt(t.rect.r1, t.rect.c0 + j) : null;
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
        }),
        rows,
      });
    }
    for (const cf of [...sheet.conditionalFormats].reverse()) {
      const rule = cfRule(cf);
      if (rule) ws.addConditionalFormatting({ ref: rectA1(cf.rect), rules: [rule] });
    }
    for (const v of sheet.validations) {
      const dv = validationOf(v);
      if (!dv) continue;
      const r1 = Math.min(v.rect.r1, v.rect.r0 + 20_000);
      for (let r = v.rect.r0; r <= r1; r++)
        for (let c = v.rect.c0; c <= v.rect.c1; c++) ws.getCell(r + 1, c + 1).dataValidation = dv;
    }
    if (sheet.protection.protected) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
  }
  const largeNames: { name: string; ref: string }[] = [];
  for (const n of model.names.values()) {
    // ExcelJS writes range names only; a formula name is dropped from the file (fileProblems lists it).
    if (!exportableName(n.formula)) continue;
    if (nameCells(model, n.formula) > LARGE_NAME_CELLS) largeNames.push({ name: n.name, ref: n.formula.slice(1) });
    else wb.definedNames.add(n.formula.slice(1), n.name);
  }
  if (model.settings.size) {
    const s = wb.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
    s.getCell("A1").value = JSON.stringify(Object.fromEntries(model.settings));
    // Worksheet ids survive a save in Excel; settings refer to them (our ownership markers).
    s.getCell("B1").value = JSON.stringify(Object.fromEntries(model.sheets.map((x) => [x.name, x.id])));
  }
  const active = model.sheets.findIndex((s) => s.id === model.activeSheetId);
  wb.views = [
    { activeTab: Math.max(0, active), x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: "visible" },
  ];
  const buf = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  // ExcelJS writes no charts or shapes, and the bulk rows are ours: both go into its package, opened once.
  const withCharts = model.sheets.some((x) => x.charts.length > 0 || x.shapes.length > 0);
  const withColBreaks = model.sheets.some((x) => x.print.colBreaks.length > 0);
  let out: Uint8Array = buf;
  if (bulk.length || withCharts || withColBreaks || largeNames.length) {
    const zip = await JSZip.loadAsync(buf);
    let bulkParts = new Map<string, Uint8Array[]>();
    if (bulk.length) {
      const parts = await sheetParts(zip);
      bulkParts = await addBulkRows(
        zip,
        bulk.flatMap((b) => {
          const part = parts.get(b.sheet.name);
          return part ? [{ ...b, part }] : [];
        }),
        toFileFormula,
      );
    }
    await addChartParts(zip, model);
    if (withColBreaks) await addColumnBreaks(zip, model);
    await addDefinedNames(zip, largeNames);
    out = await writePackage(zip, bulkParts);
  }
  // A Buffer in Node (callers write it to disk); plain bytes in the browser, which has no Buffer.
  const nodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  return nodeBuffer ? nodeBuffer.from(out) : out;
}

function forEachCell(rect: Rect, clip: Rect, f: (r: number, c: number) => void): void {
  const r0 = Math.max(rect.r0, clip.r0);
  const r1 = Math.min(rect.r1, clip.r1);
  const c0 = Math.max(rect.c0, clip.c0);
  const c1 = Math.min(rect.c1, clip.c1);
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(r, c);
}

function applyStyle(cell: ExcelJS.Cell, f: FormatProps): void {
  if (f.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } };
  if (f.bold || f.italic || f.fontColor || f.fontSize || f.fontName) {
    cell.font = {
      bold: f.bold,
      italic: f.italic,
      color: f.fontColor ? { argb: argb(f.fontColor) } : undefined,
      // A font record names its face and size: one without them is the workbook's default in
      // Excel, but LibreOffice falls back to a serif of other widths (totals printed as ###).
      size: f.fontSize ?? 11,
      name: f.fontName ?? "Calibri",
    };
  }
  if (f.horizontalAlignment || f.verticalAlignment || f.wrapText || f.indentLevel) {
    const h: Record<string, string> = { Left: "left", Center: "center", Right: "right", General: "general" };
    const v: Record<string, string> = { Top: "top", Center: "middle", Bottom: "bottom" };
    cell.alignment = {
      horizontal: f.horizontalAlignment ? (h[f.horizontalAlignment] as ExcelJS.Alignment["horizontal"]) : undefined,
      vertical: f.verticalAlignment ? (v[f.verticalAlignment] as ExcelJS.Alignment["vertical"]) : undefined,
      wrapText: f.wrapText,
      indent: f.indentLevel,
    };
  }
  if (f.locked === false) cell.protection = { locked: false };
  if (f.borders) {
    const b: Partial<ExcelJS.Borders> = {};
    const map: Record<string, keyof ExcelJS.Borders> = {
      EdgeTop: "top",
      EdgeBottom: "bottom",
      EdgeLeft: "left",
      EdgeRight: "right",
    };
    for (const [edge, spec] of Object.entries(f.borders)) {
      if (map[edge] && spec && spec.style !== "None") {
        (b as Record<string, unknown>)[map[edge]] = {
          style: spec.weight === "Medium" ? "medium" : "thin",
          color: { argb: argb(spec.color) },
        };
      }
    }
    if (Object.keys(b).length) cell.border = b;
  }
}

// ---- import -------------------------------------------------------------------------------

function excelSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

/** Turns one ExcelJS cell value into what Range.values/formulas take ("=…" for formulas). */
function importValue(
  v: ExcelJS.CellValue,
  masters: Map<string, { formula: string; row: number; col: number }>,
  r: number,
  c: number,
): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v.startsWith("=") ? `'${v}` : v;
  if (v instanceof Date) return excelSerial(v);
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.formula === "string") return `=${fromFileFormula(o.formula)}`;
  if (typeof o.sharedFormula === "string") {
    const m = masters.get(o.sharedFormula);
    if (m) return `=${fromFileFormula(shiftFormula(m.formula, r - m.row, c - m.col))}`;
    return o.result ?? null;
  }
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
  if (typeof o.text === "string") return o.text;
  if (typeof o.error === "string") return o.error;
  return null;
}

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
  const wb = new ExcelJS.Workbook();
  // Large uniform sheets: ExcelJS reads their head, the rows below go straight into column-store
  // blocks (src/emulator/xlsx-bulk-read.ts).
  const split = opts.bulk === false ? null : await splitBulkSheets(data, opts.bulkMinBytes);
  await wb.xlsx.load((split ? split.head : data) as ArrayBuffer);
  const fontSize = split?.defaultFontSize ?? (await defaultFontSize(data));
  return importWorkbook(wb, opts, split?.sheets, fontSize);
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
): Promise<WorkbookModel> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS (4.4) writes a sheet's merges to its model as `merges` and reads them back from
  // `mergeCells` (the file reader's name): the parsed model carries both.
  for (const ws of (parsed as { worksheets?: { merges?: string[]; mergeCells?: string[] }[] }).worksheets ?? [])
    if (ws.merges && !ws.mergeCells) ws.mergeCells = ws.merges;
  (wb as unknown as { model: unknown }).model = parsed;
  return importWorkbook(wb, opts, bulk);
}

async function importWorkbook(
  wb: ExcelJS.Workbook,
  opts: ImportOptions,
  bulk?: Map<string, BulkRows>,
  /** The file's default font size: a cell's font of this size has no size of its own. */
  fontSize = 11,
): Promise<WorkbookModel> {
  const model = new WorkbookModel();
  const pendingFormulas: { sheet: SheetModel; r: number; c: number; f: string }[] = [];
  const protect: SheetModel[] = [];
  let sheetIds: Record<string, string> = {};
  const sheets: { ws: ExcelJS.Worksheet; sheet: SheetModel }[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === SETTINGS_SHEET) {
      try {
        const obj = JSON.parse(String(ws.getCell("A1").value ?? "{}")) as Record<string, unknown>;
        for (const [k, v] of Object.entries(obj)) model.settings.set(k, v);
        sheetIds = JSON.parse(String(ws.getCell("B1").value ?? "{}")) as Record<string, string>;
      } catch {
        // unreadable settings: start without them
      }
      continue;
    }
    sheets.push({ ws, sheet: model.addSheet(ws.name) });
  }
  // Saved ids first; a sheet without one keeps its fresh id unless a saved id took it.
  const saved = new Set(Object.values(sheetIds));
  for (const { sheet } of sheets) if (sheetIds[sheet.name]) sheet.id = sheetIds[sheet.name];
  let n = 1;
  for (const { sheet } of sheets) {
    if (sheetIds[sheet.name] || !saved.has(sheet.id)) continue;
    while (saved.has(`{S${n}}`) || model.sheets.some((x) => x.id === `{S${n}}`)) n++;
    sheet.id = `{S${n}}`;
    saved.add(sheet.id);
  }
  for (const { ws, sheet } of sheets) {
    const masters = new Map<string, { formula: string; row: number; col: number }>();
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
    const dims = ws.actualRowCount ? ws.rowCount : 0;
    const width = ws.columnCount;
    if (dims > 0 && width > 0) {
      const grid: unknown[][] = Array.from({ length: dims }, () => new Array(width).fill(null));
      const formats: CellFormat[] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) =>
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          const r = rowNumber - 1;
          const c = colNumber - 1;
          // A merged range's other cells are empty in Excel (ExcelJS reports the first cell's value
          // there); their formats still count.
          const slave = cell.type === ExcelJS.ValueType.Merge;
          const v = slave ? "" : importValue(cell.value, masters, r, c);
          if (typeof v === "string" && v.startsWith("=")) pendingFormulas.push({ sheet, r, c, f: v });
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
    const rows = bulk?.get(ws.name);
    if (rows) model.attachBlock(sheet, rows.block, rows.template);
    await opts.pause?.();
    ws.columns?.forEach((col, i) => {
      if (col?.hidden) sheet.hiddenColumns.add(i);
      if (col && col.width) sheet.columnWidths.set(i, col.width * POINTS_PER_CHAR);
    });
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    if (view?.state === "frozen") sheet.freeze = { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
    sheet.visibility = ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible";
    const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
    for (const m of merges) sheet.merges.push(parseRect(m));
    for (const cf of (ws as unknown as { conditionalFormattings?: { ref: string; rules: Record<string, unknown>[] }[] })
      .conditionalFormattings ?? []) {
      for (const rule of cf.rules) importRule(model, sheet, cf.ref, rule);
    }
    const dv =
      (ws as unknown as { dataValidations?: { model?: Record<string, ExcelJS.DataValidation> } }).dataValidations
        ?.model ?? {};
    for (const [addr, v] of Object.entries(dv)) {
      const rule = importValidation(v);
      if (rule)
        sheet.validations.push({
          rect: parseRect(addr.replace(/^range:/, "")),
          rule,
          ignoreBlanks: v.allowBlank ?? true,
        });
    }
    // Protection goes on after the formulas below are written: the model refuses locked cells.
    if ((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet) protect.push(sheet);
  }
  // Tables before formulas, so structured references resolve.
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
  for (const name of wb.definedNames.model as unknown as { name: string; ranges: string[] }[]) {
    if (name.ranges?.[0]) {
      try {
        model.addName(name.name, `=${name.ranges[0]}`);
      } catch {
        // a name Excel allows but we cannot hold is left out
      }
    }
  }
  for (const p of pendingFormulas) model.write(p.sheet, { r0: p.r, r1: p.r, c0: p.c, c1: p.c }, [[p.f]], false);
  for (const sheet of protect) sheet.protection = { protected: true, options: {} };
  const active = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  model.activeSheetId = model.sheets[active]?.id ?? model.sheets[0]?.id ?? null;
  return model;
}

function styleProps(cell: ExcelJS.Cell, defaultSize: number): FormatProps | null {
  const p: FormatProps = {};
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") p.fill = hex(fill.fgColor?.argb);
  if (cell.font) {
    if (cell.font.bold) p.bold = true;
    if (cell.font.italic) p.italic = true;
    if (cell.font.color?.argb) p.fontColor = hex(cell.font.color.argb);
    if (cell.font.size && cell.font.size !== defaultSize) p.fontSize = cell.font.size;
  }
  if (cell.alignment) {
    const h: Record<string, string> = { left: "Left", center: "Center", right: "Right" };
    if (cell.alignment.horizontal && h[cell.alignment.horizontal]) p.horizontalAlignment = h[cell.alignment.horizontal];
    if (cell.alignment.wrapText) p.wrapText = true;
  }
  if (cell.protection && cell.protection.locked === false) p.locked = false;
  return Object.keys(p).length ? p : null;
}

function importRule(model: WorkbookModel, sheet: SheetModel, ref: string, rule: Record<string, unknown>): void {
  const rect = parseRect(ref.split(" ")[0]);
  if (rule.type === "expression") {
    const cf = model.addConditionalFormat(sheet, rect, "Custom");
    const style = rule.style as
      { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string }; bold?: boolean } } | undefined;
    cf.custom = {
      formula: `=${(rule.formulae as string[])[0]}`,
      fill: hex(style?.fill?.bgColor?.argb),
      fontColor: hex(style?.font?.color?.argb),
      bold: style?.font?.bold,
    };
  } else if (rule.type === "iconSet") {
    const cf = model.addConditionalFormat(sheet, rect, "IconSet");
    const back = Object.entries(ICONSETS).find(([k, v]) => v === rule.iconSet && /^[A-Z]/.test(k));
    const cfvo = (rule.cfvo as { type: string; value?: number }[] | undefined) ?? [];
    cf.iconSet = {
      style: back ? back[0] : "ThreeTrafficLights1",
      reverseIconOrder: Boolean(rule.reverse),
      showIconOnly: rule.showValue === false,
      criteria: cfvo.map((c) => ({
        type:
          c.type === "num"
            ? "Number"
            : c.type === "percentile"
              ? "Percentile"
              : c.type === "formula"
                ? "Formula"
                : "Percent",
        operator: "GreaterThanOrEqual",
        formula: `=${c.value ?? 0}`,
      })),
    };
  } else if (rule.type === "colorScale") {
    const cf = model.addConditionalFormat(sheet, rect, "ColorScale");
    const cfvo = (rule.cfvo as { type: string; value?: number }[]) ?? [];
    const colors = (rule.color as { argb?: string }[]) ?? [];
    const crit = (i: number) =>
      cfvo[i]
        ? {
            type:
              cfvo[i].type === "min"
                ? "LowestValue"
                : cfvo[i].type === "max"
                  ? "HighestValue"
                  : cfvo[i].type === "percentile"
                    ? "Percentile"
                    : "Number",
            formula: cfvo[i].value !== undefined ? String(cfvo[i].value) : undefined,
            color: hex(colors[i]?.argb) ?? "#FFFFFF",
          }
        : undefined;
    cf.colorScale = {
      criteria:
        cfvo.length === 3
          ? { minimum: crit(0), midpoint: crit(1), maximum: crit(2) }
          : { minimum: crit(0), midpoint: undefined, maximum: crit(1) },
    };
  } else if (rule.type === "dataBar") {
    const cf = model.addConditionalFormat(sheet, rect, "DataBar");
    cf.dataBar = { barColor: hex((rule.color as { argb?: string } | undefined)?.argb) ?? "#638EC6" };
  }
}

function importValidation(v: ExcelJS.DataValidation): Record<string, unknown> | null {
  const f = (x: unknown) => (typeof x === "string" && !/^-?\d+(\.\d+)?$/.test(x) ? `=${x}` : Number(x));
  const ops: Record<string, string> = {
    between: "Between",
    notBetween: "NotBetween",
    equal: "EqualTo",
    notEqual: "NotEqualTo",
    greaterThan: "GreaterThan",
    lessThan: "LessThan",
    greaterThanOrEqual: "GreaterThanOrEqualTo",
    lessThanOrEqual: "LessThanOrEqualTo",
  };
  const fm = v.formulae ?? [];
  if (v.type === "list") {
    const src = String(fm[0] ?? "");
    return { list: { inCellDropDown: true, source: src.startsWith('"') ? src.slice(1, -1) : `=${src}` } };
  }
  const kinds: Record<string, string> = {
    whole: "wholeNumber",
    decimal: "decimal",
    textLength: "textLength",
    date: "date",
  };
  if (v.type === "custom") return { custom: { formula: `=${fm[0]}` } };
  if (!kinds[v.type]) return null;
  return {
    [kinds[v.type]]: {
      operator: ops[v.operator ?? "between"] ?? "Between",
      formula1: f(fm[0]),
      ...(fm[1] !== undefined ? { formula2: f(fm[1]) } : {}),
    },
  };
}
