/**
 * Where the formulas read the revenue table: three data routes, one per kind of source.
 * - an Excel table, read directly: structured references (`Revenue[收入(元)]`);
 * - a plain range, read directly: one workbook name per column, re-pointed on every Refresh;
 * - anything the formulas cannot read as it stands (text amounts, text months): the normalised
 *   copy on the add-in's data sheet, by structured reference (and by names over its columns for
 *   the portfolio's copy, as for a table).
 */
import type { Translate } from "../i18n";
import { columnLetter, quoteSheet, rectOf } from "../address";
import type { KeyField, KeyOf, RevenueRefs } from "../layout/kit";
import type { RevenueField, RevenueTable } from "../tables/revenue";
import { DATA_TABLE, writeDataCopy, type CopyConverted, type CopyState } from "./data-copy";
import type { SourceCandidate } from "./read";
import type { ExcelRun } from "./run";
import { structuredColumn } from "./sources";

const NAME_PREFIX = "SixStep_";
const FIELDS: RevenueField[] = ["period", "amount", "industry", "service", "customerId", "customer", "subIndustry"];

export interface Route {
  refs: RevenueRefs;
  normalised: boolean;
  /** What the run tells the analyst about the route (a copy made, names defined). */
  warning: string | null;
  /**
   * Keys written into the sheets (an industry, a service, the focus customer's id) that criteria
   * compare with the revenue columns must have the cells' type: spreadsheet applications differ
   * in whether a number matches numeric text (Excel: yes; LibreOffice: no).
   */
  key: KeyOf;
  /** The normalised copy's sheet, when the route wrote one. */
  dataSheet?: { name: string; id: string };
  /**
   * The copy's table was converted to a range and added again (a host without Table.resize, or
   * the table not where the copy keeps it): formulas over it on sheets the run does not rewrite
   * now read the cells it covered before.
   */
  converted?: CopyConverted;
  /** Writes the route needs, added to the first sheet's batch (a plain range's workbook names). */
  prelude?: (context: Excel.RequestContext) => void;
  /**
   * Writes a run with the portfolio needs besides (a table's workbook names over its columns, which
   * `refs.named` reads), added to the same batch.
   */
  portfolioPrelude?: (context: Excel.RequestContext) => void;
}

/** Which problems sent the table to the normalised copy, each with the first cells that show it. */
export function copyReasons(table: RevenueTable, sheet: string, t: Translate): string {
  return (table.copyReasons ?? [])
    .map((r) => t(`run.copyReason.${r.kind}`, { cells: r.cells.map((c) => `${sheet}!${c}`).join(t("sheet.listSep")) }))
    .join(t("sheet.listSep"));
}

/** Which keys the user's columns hold as numbers (everything else is text). */
function keyTypes(table: RevenueTable, values: unknown[][]): KeyOf {
  const numeric = new Map<KeyField, Set<string>>();
  for (const f of ["customerId", "customer", "industry", "subIndustry", "service"] as KeyField[]) {
    const col = table.mapping[f];
    if (col === undefined) continue;
    const set = new Set<string>();
    for (let i = 1; i < values.length; i++) {
      const v = values[i][col];
      if (typeof v === "number") set.add(String(v).trim());
    }
    if (set.size) numeric.set(f, set);
  }
  return (field, text) => (numeric.get(field)?.has(text) ? Number(text) : text);
}

/** The formulas' references, one per field, from how this source names a column. */
function refsOf(table: RevenueTable, col: (f: RevenueField) => string): RevenueRefs {
  const optional = (f: RevenueField) => (table.mapping[f] === undefined ? undefined : col(f));
  return {
    month: col("period"),
    amount: col("amount"),
    industry: col("industry"),
    service: col("service"),
    customer: col("customer"),
    customerId: optional("customerId"),
    subIndustry: optional("subIndustry"),
  };
}

export async function chooseRoute(
  run: ExcelRun,
  source: SourceCandidate,
  table: RevenueTable,
  data: { values: unknown[][]; origin: { col: number } },
  t: Translate,
  /** The workbook's names (lower case), from the run's read; kept up to date. */
  knownNames: Set<string> = new Set(),
  /** What the read phase knows for the normalised copy. */
  copyState: CopyState = { owned: {}, sheets: [], table: null },
): Promise<Route> {
  const named = refsOf(table, (f) => NAME_PREFIX + f);
  if (!table.directlyReadable) {
    const copy = await writeDataCopy(run, table, t, copyState);
    const sheetName = copy.name;
    return {
      // The copy's table, read as the analyst's table is (its columns named by field).
      ...overTable(table, (f) => `${DATA_TABLE}[${f}]`, named, knownNames),
      converted: copy.converted,
      normalised: true,
      warning:
        table.layout === "wide"
          ? t("run.normalisedCopyWide", { sheet: sheetName })
          : t("run.normalisedCopy", { sheet: sheetName, reasons: copyReasons(table, source.sheet, t) }),
      // The copy holds every key as text.
      key: (_field, text) => text,
      dataSheet: copy,
    };
  }
  const key = keyTypes(table, data.values);
  if (source.kind === "table") {
    const header = (f: RevenueField) => String(data.values[0][table.mapping[f]!] ?? "");
    return {
      ...overTable(table, (f) => structuredColumn(source.name, header(f)), named, knownNames),
      normalised: false,
      warning: null,
      key,
    };
  }
  const r = rectOf(source.address);
  const top = r.r0 + 2;
  const bottom = Math.max(top, r.r1 + 1);
  const c0 = data.origin.col;
  return {
    refs: named,
    normalised: false,
    warning: t("run.rangeNames"),
    key,
    prelude: (context) =>
      pointNames(
        context,
        table,
        (f) => {
          const letter = columnLetter(c0 + table.mapping[f]!);
          return `=${quoteSheet(source.sheet)}!$${letter}$${top}:$${letter}$${bottom}`;
        },
        knownNames,
      ),
  };
}

/**
 * A table's columns (`column(field)`) as the formulas read them: by structured reference, and,
 * for the portfolio's copy, through the names `named`, which a run with the portfolio points at
 * them. A table's column named in a formula keeps the file from holding the copy's 60,000
 * formulas as one shared formula (docs/excel-behaviour.md row 41); a name over it does not, and
 * grows with it.
 */
function overTable(
  table: RevenueTable,
  column: (f: RevenueField) => string,
  named: RevenueRefs,
  knownNames: Set<string>,
): Pick<Route, "refs" | "portfolioPrelude"> {
  return {
    refs: { ...refsOf(table, column), named },
    portfolioPrelude: (context) => pointNames(context, table, (f) => `=${column(f)}`, knownNames),
  };
}

/**
 * One workbook name per column (`SixStep_<field>`), pointed at `refOf(field)` on every run: a plain
 * range's rows (re-pointed as the range grows), or a table's column (queued, not synced).
 */
function pointNames(
  context: Excel.RequestContext,
  table: RevenueTable,
  refOf: (f: RevenueField) => string,
  known: Set<string>,
): void {
  const names = context.workbook.names;
  for (const f of FIELDS.filter((x) => table.mapping[x] !== undefined)) {
    const ref = refOf(f);
    if (known.has((NAME_PREFIX + f).toLowerCase())) names.getItem(NAME_PREFIX + f).formula = ref;
    else {
      names.add(NAME_PREFIX + f, ref);
      known.add((NAME_PREFIX + f).toLowerCase());
    }
  }
}
