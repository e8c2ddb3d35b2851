/**
 * The normalised copy of the revenue data (sheet `数据` / `Data`, table `SixStepData`): month as
 * a real date and amount in yuan as a number, for tables whose own cells formulas cannot read
 * (text amounts, mixed month forms, a 万元 unit). Written in row chunks under the 5 MB request
 * cap; a new table is added last, so a failure never leaves a new table over half the rows.
 *
 * A copy written again keeps its table (Table.resize, ExcelApi 1.13): the formulas over it on
 * sheets the run does not rewrite keep reading it. It is resized in the last chunk's sync: a
 * failure before leaves it over its former extent, partly written, until the next run. Converting
 * it to a range would have Excel rewrite the formulas over it to the cells it covered then
 * (docs/excel-behaviour.md row 45); on an older host, or when the table is not where the copy
 * keeps it, that is the only way, and the run says so (`converted`).
 */
import type { Translate } from "../i18n";
import { monthToSerial } from "../tables/period";
import { REVENUE_FIELDS, type RevenueTable } from "../tables/revenue";
import { MAX_ROWS, columnLetter, rectOf } from "../address";
import type { ExcelRun } from "./run";
import { excelWouldConvert } from "../typed-input";
import { OWNED_SHEETS_SETTING } from "./settings";

export const DATA_TABLE = "SixStepData";
/** The copy's columns are the revenue fields, named by their ids (stable across languages). */
export const DATA_COLUMNS = REVENUE_FIELDS;
/** Rows per write sync: 7 cells of at most ~24 bytes each, well under 5 MB. */
export const ROWS_PER_WRITE = 20_000;

/** What the run's read phase already knows: our sheets, the workbook's sheets, where the copy's table is. */
export interface CopyState {
  owned: Record<string, string>;
  sheets: { id: string; name: string }[];
  /** The copy's table as the read found it (its sheet's name, its address with the header), or null. */
  table: { sheet: string; address: string } | null;
}

/**
 * Why the copy's table was converted to a range and added again: the host has no Table.resize,
 * or the table is not where the copy keeps it (moved, or columns added); null when it was kept
 * or new.
 */
export type CopyConverted = "host" | "layout" | null;

/** Table.resize is ExcelApi 1.13. */
function tableResizeSupported(): boolean {
  return typeof Office === "undefined" || Office.context.requirements.isSetSupported("ExcelApi", "1.13");
}

/** Whether the copy's table can be kept: on our sheet, from A1, over the copy's columns. */
function keepsTable(table: CopyState["table"], own: { name: string } | undefined): boolean {
  if (!table || !own || table.sheet !== own.name) return false;
  const r = rectOf(table.address);
  return r.r0 === 0 && r.c0 === 0 && r.c1 === DATA_COLUMNS.length - 1;
}

export async function writeDataCopy(
  run: ExcelRun,
  table: RevenueTable,
  t: Translate,
  known: CopyState,
): Promise<{ name: string; id: string; converted: CopyConverted }> {
  // Text from the user's data is written as text, as Excel would not take it typed: "=HYPERLINK(…)"
  // in a customer name stays a name, an id "110" or "2003-05" stays the text the criteria compare.
  const safe = (s: string) => (excelWouldConvert(s) ? `'${s}` : s);
  const cells = table.rows.map((r) => [
    monthToSerial(r.month),
    safe(r.customerId),
    safe(r.customer),
    safe(r.industry),
    safe(r.subIndustry),
    safe(r.service),
    r.amount,
  ]);
  const last = columnLetter(DATA_COLUMNS.length - 1);
  // No read: the run's read phase knows the sheets, our copy's sheet and whether its table exists.
  return run({ delayForCellEdit: true }, async (context) => {
    const settings = context.workbook.settings;
    const sheets = context.workbook.worksheets;
    const map = known.owned;
    const own = known.sheets.find((s) => s.id === map.data);
    let name = t("sheet.data.name");
    let sheet: Excel.Worksheet;
    const placed = keepsTable(known.table, own);
    const keep = placed && tableResizeSupported();
    if (own) {
      sheet = sheets.getItem(own.id);
      if (keep) {
        // Everything but the header row cleared (a totals row the analyst showed goes too); the
        // table stays, resized once the rows are in.
        context.workbook.tables.getItem(DATA_TABLE).showTotals = false;
        sheet.getRange(`A2:XFD${MAX_ROWS}`).clear("All");
        sheet.getRange(`${columnLetter(DATA_COLUMNS.length)}1:XFD1`).clear("All");
      } else {
        if (known.table) context.workbook.tables.getItem(DATA_TABLE).convertToRange();
        sheet.getRange().clear("All");
      }
      // Renamed into the run's language (数据 / Data) when that name is free.
      const free = !known.sheets.some((s) => s !== own && s.name.toLowerCase() === name.toLowerCase());
      if (own.name !== name && free) sheet.name = name;
      else name = own.name;
    } else {
      const taken = new Set(known.sheets.map((s) => s.name.toLowerCase()));
      const base = name;
      for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} (${i})`;
      sheet = sheets.add(name);
      sheet.load("id");
    }
    context.application.suspendApiCalculationUntilNextSync();
    sheet.getRange(`A1:${last}1`).values = [[...DATA_COLUMNS]];
    for (let i = 0; i < cells.length; i += ROWS_PER_WRITE) {
      const chunk = cells.slice(i, i + ROWS_PER_WRITE);
      sheet.getRange(`A${i + 2}:${last}${i + 1 + chunk.length}`).values = chunk;
      sheet.getRange(`A${i + 2}:A${i + 1 + chunk.length}`).numberFormat = chunk.map(() => ["yyyy-mm"]);
      // The last chunk carries the table (and, for our own sheet, the marker): one sync a chunk,
      // each under the 5 MB request cap.
      if (i + ROWS_PER_WRITE >= cells.length) {
        const range = `A1:${last}${cells.length + 1}`;
        if (!keep) sheet.tables.add(range, true).name = DATA_TABLE;
        else if (tableResizeSupported()) context.workbook.tables.getItem(DATA_TABLE).resize(sheet.getRange(range));
        if (own) settings.add(OWNED_SHEETS_SETTING, { ...map, data: own.id });
      }
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    // A sheet added here is marked ours once its id is known.
    if (!own) {
      settings.add(OWNED_SHEETS_SETTING, { ...map, data: sheet.id });
      await context.sync();
    }
    const converted = !own || !known.table || keep ? null : placed ? "host" : "layout";
    return { name, id: own ? own.id : sheet.id, converted };
  });
}
