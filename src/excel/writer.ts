/**
 * Applies a sheet plan in a fixed number of syncs, whatever the size of the data the formulas
 * read: a new sheet takes 1 read (which sheets exist, which are ours) and 2 writes (the plan,
 * then the ownership marker, which needs the new sheet's id); regenerating our own sheet takes
 * 2 reads (the second finds its old charts) and 1 write.
 */
import type { Block, PlanCell, SheetPlan } from "../layout/plan";
import { excelWouldConvert } from "../typed-input";
import { columnLetter, parseRect, quoteSheet, rectA1 } from "../address";
import type { ExcelRun } from "./run";

import { INPUT_TABLES_SETTING, OWNED_SHEETS_SETTING } from "./settings";

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

export interface WriteResult {
  sheetName: string;
  created: boolean;
}

/**
 * Writes a plan to the sheet the add-in owns for its step (recreating its contents), or to a new
 * sheet. A sheet with the plan's name that the add-in did not create is never touched: the plan
 * goes to "<name> (2)" instead — unless that sheet is empty (a leftover of an interrupted
 * Generate), which is adopted.
 *
 * Failure-safe: the content, the ownership marker and the input-table locations are written in
 * one sync, so a failed write leaves the sheet as it was (Excel applies a failed batch not at
 * all); a new sheet whose write failed is deleted again. Syncs: 1 read + 1 (charts) + 1 write to
 * regenerate; 1 read + 1 (add the sheet, learn its id) + 1 write for a new sheet.
 */
export async function applyPlan(run: ExcelRun, plan: SheetPlan): Promise<WriteResult> {
  let added: string | null = null;
  try {
    return await run({ delayForCellEdit: true }, async (context) => {
      const result = await writePlan(context, plan, (id) => (added = id));
      added = null;
      return result;
    });
  } catch (e) {
    if (added) await removeSheet(run, added);
    throw e;
  }
}

/** Best effort: a new sheet whose content could not be written goes away again. */
async function removeSheet(run: ExcelRun, id: string): Promise<void> {
  try {
    await run({}, async (context) => {
      context.workbook.worksheets.getItem(id).delete();
      await context.sync();
    });
  } catch {
    // If even this fails, the empty sheet is adopted by the next Generate.
  }
}

async function writePlan(
  context: Excel.RequestContext,
  plan: SheetPlan,
  onAdded: (id: string) => void,
): Promise<WriteResult> {
  {
    const settings = context.workbook.settings;
    const owned = settings.getItemOrNullObject(OWNED_SHEETS_SETTING);
    owned.load("value");
    const inputsSetting = settings.getItemOrNullObject(INPUT_TABLES_SETTING);
    inputsSetting.load("value");
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id,items/protection/protected");
    const namesFound = Object.keys(plan.names ?? {}).map((n) => {
      const item = context.workbook.names.getItemOrNullObject(n);
      item.load("name");
      return { name: n, item };
    });
    await context.sync();
    const map: Record<string, string> = owned.isNullObject ? {} : ((owned.value as Record<string, string>) ?? {});
    const ownedIds = new Set(Object.values(map));
    let existing = sheets.items.find((s) => s.id === map[plan.step]);
    const namesake = sheets.items.find((s) => s.name.toLowerCase() === plan.name.toLowerCase());
    if (!existing && namesake && !ownedIds.has(namesake.id)) {
      // A sheet already bearing the plan's name: adopt it only if it is empty (a leftover of an
      // interrupted Generate); a user's sheet is never touched. One more read, in this rare case.
      const used = namesake.getUsedRangeOrNullObject(false);
      used.load("address");
      const charts = namesake.charts;
      charts.load("items/name");
      await context.sync();
      if (used.isNullObject && charts.items.length === 0) existing = namesake;
    }
    let sheet: Excel.Worksheet;
    let name = plan.name;
    let created = false;
    if (existing) {
      sheet = existing;
      // Clearing cells leaves charts behind: find our old ones so regenerating does not stack them.
      const charts = sheet.charts;
      charts.load("items/name");
      // Unprotect in this read, before any change: a protected sheet refuses to clear its locked
      // cells, and a password the analyst set makes it fail here, with nothing written.
      const wasProtected = existing.protection.protected;
      if (wasProtected) sheet.protection.unprotect();
      try {
        await context.sync();
      } catch (e) {
        if (wasProtected) throw new ProtectedSheetError(existing.name, e);
        throw e;
      }
      for (const c of charts.items) c.delete();
      sheet.getRange().unmerge();
      sheet.getRange().clear("All");
      if (existing.name !== plan.name && !sheets.items.some((s) => s.name.toLowerCase() === plan.name.toLowerCase())) {
        sheet.name = plan.name;
      } else name = existing.name;
    } else {
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${plan.name} (${i})`;
      sheet = sheets.add(name);
      sheet.load("id");
      await context.sync();
      onAdded(sheet.id);
      created = true;
    }
    context.application.suspendApiCalculationUntilNextSync();
    for (const b of plan.blocks) {
      const rows = b.cells.length;
      const cols = b.cells[0]?.length ?? 0;
      if (!rows || !cols) continue;
      const range = sheet.getRange(a1Offset(b.at, rows, cols));
      const formats = blockFormats(b);
      if (formats) range.numberFormat = formats;
      range.formulas = b.cells.map((r, i) => r.map((c, j) => toFormulaCell(c, formats?.[i][j])));
      if (b.style?.bold) range.format.font.bold = true;
      if (b.style?.fill) range.format.fill.color = b.style.fill;
      if (b.style?.fontColor) range.format.font.color = b.style.fontColor;
      if (b.style?.fontSize) range.format.font.size = b.style.fontSize;
      if (b.style?.wrap) range.format.wrapText = true;
      if (b.style?.align) range.format.horizontalAlignment = b.style.align;
      if (b.input) range.format.protection.locked = false;
    }
    for (const m of plan.merges ?? []) sheet.getRange(m).merge(false);
    for (const [row, height] of Object.entries(plan.rowHeights ?? {}))
      sheet.getRange(`${row}:${row}`).format.rowHeight = height;
    for (const [col, width] of Object.entries(plan.columnWidths ?? {}))
      sheet.getRange(`${col}:${col}`).format.columnWidth = width;
    if (plan.freezeColumns) {
      // Rows and columns: the top-left pane, e.g. A1:C1 keeps the title row and the task columns.
      sheet.freezePanes.freezeAt(`A1:${columnLetter(plan.freezeColumns - 1)}${Math.max(1, plan.freezeRows ?? 1)}`);
    } else if (plan.freezeRows) sheet.freezePanes.freezeRows(plan.freezeRows);
    if (plan.first) sheet.position = 0;
    // Helper columns (sort keys, running lists, chart data) are plumbing: hidden.
    for (const cols of plan.hiddenColumns ?? []) sheet.getRange(cols).columnHidden = true;
    if (plan.print && pageLayoutSupported()) {
      // Landscape, one page wide; the print area, its titles, and who/what/page on every page.
      const layout = sheet.pageLayout;
      layout.orientation = "Landscape";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: plan.print.pagesTall };
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
        title: "",
        message: `${v.type === "list" ? "" : `${v.min}–${v.max}`}`,
      };
    }
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
    }
    // Names other sheets' formulas use (e.g. the focus customer's average): re-pointed every time.
    const quoted = quoteSheet(name);
    for (const [n, local] of Object.entries(plan.names ?? {})) {
      const ref = `=${quoted}!${rectA1(parseRect(local), true)}`;
      const item = namesFound.find((x) => x.name === n);
      if (item && !item.item.isNullObject) item.item.formula = ref;
      else context.workbook.names.add(n, ref);
    }
    sheet.protection.protect({
      allowFormatColumns: true,
      allowFormatRows: true,
      allowSort: true,
      allowAutoFilter: true,
    });
    const locations = inputsSetting.isNullObject ? {} : ((inputsSetting.value as Record<string, unknown>) ?? {});
    settings.add(INPUT_TABLES_SETTING, { ...locations, [plan.step]: plan.inputTables ?? [] });
    // The marker that makes the sheet ours, in the same batch as its content.
    settings.add(OWNED_SHEETS_SETTING, { ...map, [plan.step]: sheet.id });
    await context.sync();
    return { sheetName: name, created };
  }
}
