import { parseMonth, type MonthIndex, type PeriodForm } from "./period";
import { TableError, type TableProblem } from "./problems";
import { columnLetter } from "../address";
import { fold, headerKey } from "./text";

export type RevenueField = "period" | "customerId" | "customer" | "industry" | "subIndustry" | "service" | "amount";

export const REVENUE_FIELDS: readonly RevenueField[] = [
  "period",
  "customerId",
  "customer",
  "industry",
  "subIndustry",
  "service",
  "amount",
];
export const REQUIRED_REVENUE_FIELDS: readonly RevenueField[] = ["period", "customer", "industry", "service", "amount"];

/** Header aliases (compared case- and space-insensitively, full-width folded). */
export const REVENUE_ALIASES: Record<RevenueField, string[]> = {
  period: ["月份", "期间", "账期", "帐期", "period", "month"],
  customerId: ["客户编号", "客户id", "客户代码", "customerid", "accountid", "customerno"],
  customer: ["客户名称", "客户", "customer", "account", "customername", "accountname"],
  industry: ["行业", "industry", "sector"],
  subIndustry: ["细分行业", "子行业", "sub-industry", "subindustry", "segment"],
  service: ["业务", "产品", "业务类型", "service", "product"],
  amount: [
    "收入(元)",
    "收入",
    "金额",
    "收入(万元)",
    "金额(元)",
    "金额(万元)",
    "revenue",
    "amount",
    "revenue(yuan)",
    "amount(yuan)",
  ],
};

export interface RevenueRow {
  month: MonthIndex;
  customerId: string;
  customer: string;
  industry: string;
  subIndustry: string;
  service: string;
  /** Yuan, after the header's unit (万元 × 10,000). */
  amount: number;
  /** Row number on the sheet (1-based). */
  sheetRow: number;
}

export type ColumnMapping = Partial<Record<RevenueField, number>>;

export interface RevenueTable {
  rows: RevenueRow[];
  mapping: ColumnMapping;
  headers: string[];
  /** 10,000 when the amount header says 万元, else 1. */
  unitFactor: number;
  /** True when formulas can read the user's table directly (numbers, one period form). */
  directlyReadable: boolean;
  periodForms: PeriodForm[];
  notes: TableProblem[];
}

export interface TableSource {
  sheet: string;
  /** The table's cells, header row first. */
  values: unknown[][];
  /** Where values[0][0] sits on the sheet (0-based). */
  origin: { row: number; col: number };
}

/** Finds each field's column from the header row; a manual mapping wins. */
export function mapColumns(headers: unknown[], manual: ColumnMapping = {}): ColumnMapping {
  return mapFields(headers, REVENUE_FIELDS, REVENUE_ALIASES, manual);
}

/** Column of each field by its aliases (compared by headerKey), each column used once. */
export function mapFields<F extends string>(
  headers: unknown[],
  fields: readonly F[],
  aliases: Record<F, string[]>,
  manual: Partial<Record<F, number>> = {},
): Partial<Record<F, number>> {
  const keys = headers.map(headerKey);
  const mapping: Partial<Record<F, number>> = {};
  const used = new Set<number>(Object.values(manual).filter((v): v is number => typeof v === "number"));
  for (const field of fields) {
    if (manual[field] !== undefined) {
      mapping[field] = manual[field];
      continue;
    }
    for (const alias of aliases[field]) {
      const i = keys.findIndex((k, j) => !used.has(j) && k === headerKey(alias));
      if (i >= 0) {
        mapping[field] = i;
        used.add(i);
        break;
      }
    }
  }
  return mapping;
}

const TOTAL_LABEL = /^(合计|总计|总和|小计|total|grandtotal|sum)$/i;
const MAX_REPORTED = 5;

/**
 * Reads an amount: a number, or numeric text with separators, full-width digits, a currency
 * sign, or accounting parentheses for negatives. Null when it is not one.
 */
export function parseAmount(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  let s = fold(v)
    .replace(/[¥￥$€£,\s]/g, "")
    .replace(/元$/, "");
  let sign = 1;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    s = paren[1];
    sign = -1;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const n = Number(s) * sign;
  return Number.isFinite(n) ? n : null;
}

/**
 * Folded text of a cell. Revenue tables repeat the same few industries, services, customers and
 * months on every row: folding each distinct string once (NFKC is the costly part of parsing)
 * makes parsing scale with the rows, not with the characters.
 */
const FOLD_CACHE_LIMIT = 200_000;
let foldCache = new Map<string, string>();
function folded(v: string): string {
  let f = foldCache.get(v);
  if (f === undefined) {
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache = new Map();
    f = fold(v);
    foldCache.set(v, f);
  }
  return f;
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && (v === "" || folded(v) === ""));
}

export function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? folded(v) : String(v);
}

/** Parses a revenue table; throws TableError naming sheet, column and row for what it cannot read. */
export function parseRevenueTable(src: TableSource, manual: ColumnMapping = {}): RevenueTable {
  const { sheet, values, origin } = src;
  const problems: TableProblem[] = [];
  const notes: TableProblem[] = [];
  if (values.length === 0) throw new TableError([{ key: "table.empty", sheet, params: {} }]);
  const headers = values[0].map((h) => text(h));
  const mapping = mapColumns(headers, manual);
  const colOf = (i: number) => columnLetter(origin.col + i);
  for (const field of REQUIRED_REVENUE_FIELDS) {
    if (mapping[field] === undefined) {
      problems.push({
        key: "table.missingColumn",
        sheet,
        row: origin.row + 1,
        params: { field: `field.${field}`, aliases: REVENUE_ALIASES[field].slice(0, 4).join(", ") },
      });
    }
  }
  if (problems.length) throw new TableError(problems);
  const unitFactor = /万元|万/.test(headers[mapping.amount!]) ? 10_000 : 1;

  // Drop trailing blank rows, then a trailing total row.
  let last = values.length - 1;
  while (last > 0 && values[last].every(isBlank)) last--;
  if (last > 0 && values[last].some((v) => typeof v === "string" && TOTAL_LABEL.test(headerKey(v)))) {
    const label = values[last].find((v) => typeof v === "string" && TOTAL_LABEL.test(headerKey(v))) as string;
    notes.push({ key: "table.totalRowSkipped", sheet, row: origin.row + last + 1, params: { label: fold(label) } });
    last--;
  }

  const rows: RevenueRow[] = [];
  const forms = new Set<PeriodForm>();
  let textAmounts = false;
  const counts = new Map<string, number>();
  const report = (p: TableProblem) => {
    const n = (counts.get(p.key + p.column) ?? 0) + 1;
    counts.set(p.key + p.column, n);
    if (n <= MAX_REPORTED) problems.push(p);
  };
  for (let i = 1; i <= last; i++) {
    const row = values[i];
    if (row.every(isBlank)) continue;
    const sheetRow = origin.row + i + 1;
    const get = (f: RevenueField) => (mapping[f] === undefined ? undefined : row[mapping[f]!]);
    let bad = false;
    const flag = (key: TableProblem["key"], field: RevenueField, params: TableProblem["params"]) => {
      report({ key, sheet, column: colOf(mapping[field]!), row: sheetRow, params });
      bad = true;
    };
    for (const f of ["customer", "industry", "service"] as const) {
      if (isBlank(get(f))) flag("table.blankRequired", f, { field: `field.${f}` });
    }
    const pv = get("period");
    const month = parseMonth(pv);
    if (!month) {
      flag("table.badPeriod", "period", { value: text(pv).slice(0, 40) });
    } else {
      forms.add(month.form);
    }
    const av = get("amount");
    const amount = parseAmount(av);
    if (amount === null) flag("table.badAmount", "amount", { value: text(av).slice(0, 40) });
    else if (typeof av !== "number") textAmounts = true;
    if (bad) continue;
    rows.push({
      month: month!.month,
      customerId: text(get("customerId")),
      customer: text(get("customer")),
      industry: text(get("industry")),
      subIndustry: text(get("subIndustry")),
      service: text(get("service")),
      amount: amount! * unitFactor,
      sheetRow,
    });
  }
  for (const [key, n] of counts) {
    if (n > MAX_REPORTED) {
      const first = problems.find((p) => p.key + p.column === key)!;
      problems.push({ key: "table.moreProblems", sheet, column: first.column, params: { count: n - MAX_REPORTED } });
    }
  }
  if (problems.length) throw new TableError(problems);
  if (rows.length === 0) throw new TableError([{ key: "table.empty", sheet, params: {} }]);
  // Formulas compare months as dates (>= the period's first day): text months such as "2002-10"
  // go through the normalised copy, as do text amounts and 万元.
  const directlyReadable = !textAmounts && unitFactor === 1 && forms.size === 1 && forms.has("serial");
  return { rows, mapping, headers, unitFactor, directlyReadable, periodForms: [...forms], notes };
}
