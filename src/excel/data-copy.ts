/**
 * The normalised copy of the revenue data (sheet `数据` / `Data`, table `SixStepData`): month as
 * a real date and amount in yuan as a number, for tables whose own cells formulas cannot read
 * (text amounts, mixed month forms, a 万元 unit). Written in row chunks under the 5 MB request
 * cap; the table is added last, so a failure never leaves a table over half the rows.
 */
import type { Translate } from "../i18n";
import { monthToSerial } from "../tables/period";
import { REVENUE_FIELDS, type RevenueTable } from "../tables/revenue";
import { columnLetter } from "../address";
import type { ExcelRun } from "./run";
import { excelWouldConvert } from "../typed-input";
import { OWNED_SHEETS_SETTING } from "./settings";

export const DATA_TABLE = "SixStepData";
/** The copy's columns are the revenue fields, named by their ids (stable across languages). */
export const DATA_COLUMNS = REVENUE_FIELDS;
/** Rows per write sync: 7 cells of at most ~24 bytes each, well under 5 MB. */
export const ROWS_PER_WRITE = 20_000;

export async function writeDataCopy(
  run: ExcelRun,
  table: RevenueTable,
  t: Translate,
): Promise<{ name: string; id: string }> {
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
  return run({ delayForCellEdit: true }, async (context) => {
    const settings = context.workbook.settings;
    const owned = settings.getItemOrNullObject(OWNED_SHEETS_SETTING);
    owned.load("value");
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    const old = context.workbook.tables.getItemOrNullObject(DATA_TABLE);
    old.load("name");
    await context.sync();
    const map: Record<string, string> = owned.isNullObject ? {} : ((owned.value as Record<string, string>) ?? {});
    let sheet = sheets.items.find((s) => s.id === map.data);
    let name = t("sheet.data.name");
    if (sheet) {
      if (!old.isNullObject) old.convertToRange();
      sheet.getRange().clear("All");
      // Renamed into the run's language (数据 / Data) when that name is free.
      const free = !sheets.items.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase());
      if (sheet.name !== name && free) sheet.name = name;
      else name = sheet.name;
    } else {
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
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
      // One chunk per request keeps each under the 5 MB request cap.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    const tb = sheet.tables.add(`A1:${last}${cells.length + 1}`, true);
    tb.name = DATA_TABLE;
    await context.sync();
    settings.add(OWNED_SHEETS_SETTING, { ...map, data: sheet.id });
    await context.sync();
    return { name, id: sheet.id };
  });
}
