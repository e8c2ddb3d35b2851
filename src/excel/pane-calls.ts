/**
 * The task pane's workbook calls themselves (src/excel/pane.ts is their interface): reading the
 * document's state, the sources and their columns, and "plan this account". A chunk loaded as the
 * pane mounts, so the pane's first bundle carries none of the readers, header matching or
 * settings validation.
 */
import { rectOf } from "../address";
import { MAIN_INPUT_TABLE } from "../steps/meta";
import { PORTFOLIO_KEY_HEADER, PORTFOLIO_NAME_HEADER, PORTFOLIO_TABLE } from "../layout/anchors";
import { hasCatalogue, translator, type Locale } from "../i18n/core";
import { loadCatalogue } from "../i18n/load";
import { isSiteTable } from "../tables/sites";
import { latestQuarter, parseMonth, previousPeriod } from "../tables/period";
import { layoutOf, type ColumnMapping } from "../tables/revenue";
import { readColumns, readPlans, readSnapshot, type SourceCandidate } from "./read";
import type { ExcelRun } from "./run";
import { readStatus, stepStatuses } from "./status";
import type { DataDefaults, PaneState } from "./pane";

export async function readState(run: ExcelRun, steps: readonly string[], mapping: ColumnMapping): Promise<PaneState> {
  const { snap, now } = await run({}, async (context) => {
    const snap = await readSnapshot(context, { selection: true, mapping, remembered: readPlans.get(run) });
    readPlans.set(run, snap.plan);
    return { snap, now: await readStatus(context, snap, MAIN_INPUT_TABLE) };
  });
  return {
    snap,
    statuses: stepStatuses(snap, steps, now),
    candidates: snap.candidates.map((c) => ({ ...c, site: isSiteTable(c.headers) })),
  };
}

export function columns(run: ExcelRun, source: SourceCandidate, cols: number[]): Promise<unknown[][]> {
  return run({}, (context) => readColumns(context, source, cols));
}

/**
 * The source's customer column, and the latest quarter in its data with the one before (a long
 * table's month column, a wide table's month headers); null when the mapping finds no customer
 * or no months.
 */
export async function dataDefaults(
  run: ExcelRun,
  source: SourceCandidate,
  mapping: ColumnMapping,
): Promise<DataDefaults | null> {
  const head = layoutOf(source.headers, mapping);
  const m = head.mapping ?? {};
  // A wide table's months are its month columns' headers.
  const wideMonths = head.layout === "wide" ? head.monthColumns.map((x) => x.month) : null;
  if (m.customer === undefined || (m.period === undefined && !wideMonths)) return null;
  const [names, months] = await columns(run, source, wideMonths ? [m.customer] : [m.customer, m.period!]);
  const period = latestQuarter(wideMonths ?? months.flatMap((v) => parseMonth(v)?.month ?? []));
  return { names, period: period?.label, compare: period ? previousPeriod(period).label : undefined };
}

export function firstRows(
  run: ExcelRun,
  source: SourceCandidate,
  rows: number,
): Promise<{ text: string[][]; values: unknown[][] }> {
  return run({}, async (context) => {
    const r = rectOf(source.address);
    const n = Math.min(rows, r.r1 - r.r0);
    const range = context.workbook.worksheets
      .getItem(source.sheet)
      .getRangeByIndexes(r.r0, r.c0, n + 1, r.c1 - r.c0 + 1);
    range.load("text,values");
    await context.sync();
    return { text: range.text, values: range.values };
  });
}

export function select(run: ExcelRun, sheet: string, cell: string): Promise<void> {
  return run({}, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

/**
 * "Plan this account": the key and the name on the selected row of the Portfolio sheet's table,
 * its columns found by their headers (in either language: the sheet keeps the one it was written
 * in), so a column inserted or moved by the analyst does not shift them. Null when the selection is
 * not on an account of that table.
 */
export function selectedAccount(run: ExcelRun): Promise<{ key: string; name: string } | null> {
  return run({}, async (context) => {
    const snap = await readSnapshot(context, {});
    // Both catalogues where they load (the Chinese one is a chunk: offline, the English headers still match).
    const all: Locale[] = ["zh-CN", "en-US"];
    await Promise.all(all.map((l) => loadCatalogue(l).catch(() => undefined)));
    const locales = all.filter(hasCatalogue);
    const active = context.workbook.getActiveCell();
    active.load("rowIndex");
    // The active cell is on the active sheet.
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load("id");
    const table = context.workbook.tables.getItemOrNullObject(PORTFOLIO_TABLE);
    await context.sync();
    if (!snap.owned.portfolio || ws.id !== snap.owned.portfolio || table.isNullObject) return null;
    const tableSheet = table.worksheet;
    tableSheet.load("id");
    const header = table.getHeaderRowRange();
    header.load("values");
    const body = table.getDataBodyRange();
    body.load("rowIndex,rowCount,columnIndex,columnCount");
    await context.sync();
    const r = active.rowIndex - body.rowIndex;
    if (tableSheet.id !== ws.id || r < 0 || r >= body.rowCount) return null;
    const headers = header.values[0].map((h) => String(h).trim());
    const column = (key: typeof PORTFOLIO_KEY_HEADER | typeof PORTFOLIO_NAME_HEADER) =>
      headers.findIndex((h) => locales.some((l) => translator(l)(key) === h));
    const keyColumn = column(PORTFOLIO_KEY_HEADER);
    const nameColumn = column(PORTFOLIO_NAME_HEADER);
    if (keyColumn < 0 || nameColumn < 0) return null;
    const row = ws.getRangeByIndexes(active.rowIndex, body.columnIndex, 1, body.columnCount);
    row.load("values");
    await context.sync();
    const cells = row.values[0];
    const key = cells[keyColumn];
    const name = cells[nameColumn];
    return key === "" || key === null ? null : { key: String(key), name: String(name) };
  });
}
