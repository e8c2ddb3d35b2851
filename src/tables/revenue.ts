import { parseMonth, type MonthIndex, type PeriodForm } from "./period";
import { TableError, type TableProblem } from "./problems";
import { columnLetter } from "../address";
import { fold, headerKey } from "../text";
import { headerMonth, headerUnit, matchColumns, type FieldKind, type FieldMatch } from "./header-match";
import { maxOf } from "../arrays";
import type { ColumnMapping, RevenueField } from "../settings";

/** The fields and the saved mapping are the settings' schema (core): re-exported for the readers. */
export type { ColumnMapping, RevenueField };

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

/**
 * Header aliases (compared case- and space-insensitively, full-width folded). A header also
 * matches with units, currencies and qualifiers around an alias (see header-match.ts).
 */
export const REVENUE_ALIASES: Record<RevenueField, string[]> = {
  period: ["月份", "期间", "账期", "帐期", "年月", "统计月份", "日期", "period", "month", "billing period", "date"],
  customerId: [
    "客户编号",
    "客户id",
    "客户代码",
    "客户编码",
    "客户号",
    "用户编号",
    "customerid",
    "customer id",
    "customer no",
    "customer code",
    "accountid",
    "account id",
    "account no",
    "customerno",
  ],
  customer: [
    "客户名称",
    "客户",
    "客户名",
    "单位名称",
    "用户名称",
    "customer",
    "account",
    "client",
    "customername",
    "accountname",
  ],
  industry: ["行业", "所属行业", "industry", "sector", "vertical"],
  subIndustry: ["细分行业", "子行业", "行业细分", "sub-industry", "subindustry", "sub industry", "segment"],
  service: ["业务", "产品", "业务类型", "业务种类", "service", "product", "service line"],
  amount: [
    "收入(元)",
    "收入",
    "金额",
    "收入(万元)",
    "金额(元)",
    "金额(万元)",
    "销售额",
    "营业额",
    "通信费",
    "revenue",
    "amount",
    "revenue(yuan)",
    "amount(yuan)",
    "sales",
    "income",
  ],
};

/** What each field's cells look like, for the data to settle a tie between two columns. */
export const REVENUE_KINDS: Record<RevenueField, FieldKind> = {
  period: "month",
  customerId: "text",
  customer: "text",
  industry: "text",
  subIndustry: "text",
  service: "text",
  amount: "number",
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
  /** The period cell's number as the table holds it (a date serial), where it is a number. */
  monthValue?: number;
}

export interface RevenueTable {
  rows: RevenueRow[];
  mapping: ColumnMapping;
  /** How each field's column was matched (the mapping view shows it). */
  matches: Partial<Record<RevenueField, FieldMatch>>;
  headers: string[];
  /** Rows above the header (a report title, a source line): 0 when the header is the first row. */
  headerRow: number;
  /** "wide": one column per month (read as one row per customer × service × month). */
  layout: "long" | "wide";
  /** 10,000 when the amount header says 万元, else 1. */
  unitFactor: number;
  /** True when formulas can read the user's table directly (numbers, one period form). */
  directlyReadable: boolean;
  periodForms: PeriodForm[];
  notes: TableProblem[];
  /** Why formulas cannot read the table directly, with the first cells that show it (sheet-local A1). */
  copyReasons?: CopyReason[];
}

/** One reason a table goes through the normalised copy, and up to three cells that show it. */
export interface CopyReason {
  kind: "textAmount" | "textMonth" | "mixedMonths" | "unit";
  cells: string[];
}

export interface TableSource {
  sheet: string;
  /** The table's cells, header row first. */
  values: unknown[][];
  /** Where values[0][0] sits on the sheet (0-based). */
  origin: { row: number; col: number };
}

/** Column of each field by its aliases (see header-match.ts), each column used once. */
export function mapFields<F extends string>(
  headers: unknown[],
  fields: readonly F[],
  aliases: Record<F, string[]>,
  manual: Partial<Record<F, number>> = {},
): Partial<Record<F, number>> {
  return matchColumns(headers, fields, aliases, { manual }).mapping;
}

/** The header row's reading: long (one row per month) or wide (one column per month). */
export interface HeaderLayout {
  layout: "long" | "wide";
  mapping: ColumnMapping;
  matches: Partial<Record<RevenueField, FieldMatch>>;
  ambiguous: { field: RevenueField; columns: [number, number] }[];
  /** Wide: the month columns and their months; the total columns left out. */
  monthColumns: { column: number; month: MonthIndex }[];
  totalColumns: number[];
  /** The multiplier of the amounts (万元: 10,000). */
  unit: number;
  /** The required fields all found. */
  complete: boolean;
}

const WIDE_FIELDS: RevenueField[] = ["customerId", "customer", "industry", "subIndustry", "service"];
const WIDE_REQUIRED: RevenueField[] = ["customer", "industry", "service"];

/** Reads a header row: which column is which field, and whether months run across the columns. */
export function layoutOf(headers: unknown[], manual: ColumnMapping = {}, data?: unknown[][]): HeaderLayout {
  const monthColumns: { column: number; month: MonthIndex }[] = [];
  const totalColumns: number[] = [];
  headers.forEach((h, c) => {
    if (Object.values(manual).includes(c)) return;
    const m = headerMonth(h);
    if (m !== null) monthColumns.push({ column: c, month: m });
    else if (typeof h === "string" && TOTAL_LABEL.test(headerKey(h).replace(/[(（].*$/, ""))) totalColumns.push(c);
  });
  if (monthColumns.length >= 2 && manual.period === undefined && manual.amount === undefined) {
    const exclude = new Set([...monthColumns.map((x) => x.column), ...totalColumns]);
    const m = matchColumns(headers, WIDE_FIELDS, REVENUE_ALIASES, { manual, data, kinds: REVENUE_KINDS, exclude });
    if (WIDE_REQUIRED.every((f) => m.mapping[f] !== undefined)) {
      const unit = maxOf(
        monthColumns.map((x) => headerUnit(headers[x.column])),
        1,
      );
      return { layout: "wide", ...m, monthColumns, totalColumns, unit, complete: true };
    }
  }
  const m = matchColumns(headers, REVENUE_FIELDS, REVENUE_ALIASES, { manual, data, kinds: REVENUE_KINDS });
  const unit = m.matches.amount?.unit ?? 1;
  const complete = REQUIRED_REVENUE_FIELDS.every((f) => m.mapping[f] !== undefined);
  return { layout: "long", ...m, monthColumns: [], totalColumns: [], unit, complete };
}

/** A mapping by header text (the command line's --map field=Header): columns found, and fields whose header is not there. */
export function headerMapping(
  headers: unknown[],
  byHeader: Partial<Record<RevenueField, string>> | undefined,
): { mapping: ColumnMapping; missing: RevenueField[] } {
  const mapping: ColumnMapping = {};
  const missing: RevenueField[] = [];
  const keys = headers.map(headerKey);
  for (const [f, h] of Object.entries(byHeader ?? {}) as [RevenueField, string][]) {
    const i = keys.indexOf(headerKey(h));
    if (i >= 0) mapping[f] = i;
    else missing.push(f);
  }
  return { mapping, missing };
}

/** Rows a header row may sit below (a report title, a source line, a blank row). */
export const HEADER_SEARCH_ROWS = 20;

/** The first row, within the first 20, that reads as the table's header (0 when none does). */
export function findHeaderRow(
  values: unknown[][],
  manual: ColumnMapping = {},
  byHeader?: Partial<Record<RevenueField, string>>,
): number {
  const n = Math.min(HEADER_SEARCH_ROWS, values.length);
  const named = Object.keys(byHeader ?? {}).length;
  for (let r = 0; r < n; r++) {
    const row = values[r] ?? [];
    if (row.filter((v) => !isBlank(v)).length < 3) continue;
    // The row holding every header the analyst named is the header.
    if (named && headerMapping(row, byHeader).missing.length === 0) return r;
    if (layoutOf(row, manual, values.slice(r + 1, r + 21)).complete) return r;
  }
  return 0;
}

const TOTAL_LABEL = /^(合计|总计|总和|小计|全年合计|年度合计|total|grandtotal|sum|yeartotal|ytd)$/i;
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

/**
 * Collects a table's problems, the first five of each kind and column, and at the end one line
 * counting the rest; throws them all, or "no data rows" when nothing was read.
 */
function problemLog(sheet: string) {
  const problems: TableProblem[] = [];
  const counts = new Map<string, number>();
  return {
    problems,
    report(p: TableProblem) {
      const n = (counts.get(p.key + p.column) ?? 0) + 1;
      counts.set(p.key + p.column, n);
      if (n <= MAX_REPORTED) problems.push(p);
    },
    throwIfAny(rows: number) {
      for (const [key, n] of counts) {
        if (n > MAX_REPORTED) {
          const first = problems.find((p) => p.key + p.column === key)!;
          problems.push({
            key: "table.moreProblems",
            sheet,
            column: first.column,
            params: { count: n - MAX_REPORTED },
          });
        }
      }
      if (problems.length) throw new TableError(problems);
      if (rows === 0) throw new TableError([{ key: "table.empty", sheet, params: {} }]);
    },
  };
}

/** A revenue row from a table row: the key fields' text through the mapping, the month and the amount in yuan. */
function revenueRow(
  get: (f: RevenueField) => unknown,
  month: MonthIndex,
  amount: number,
  sheetRow: number,
): RevenueRow {
  return {
    month,
    customerId: text(get("customerId")),
    customer: text(get("customer")),
    industry: text(get("industry")),
    subIndustry: text(get("subIndustry")),
    service: text(get("service")),
    amount,
    sheetRow,
  };
}

/** Parses a revenue table; throws TableError naming sheet, column and row for what it cannot read. */
export function parseRevenueTable(src: TableSource, manual: ColumnMapping = {}): RevenueTable {
  const { sheet } = src;
  const notes: TableProblem[] = [];
  if (src.values.length === 0) throw new TableError([{ key: "table.empty", sheet, params: {} }]);
  // The header may sit below a title and a source line: the rows above it are left alone.
  const headerRow = findHeaderRow(src.values, manual);
  const values = headerRow ? src.values.slice(headerRow) : src.values;
  const origin = { row: src.origin.row + headerRow, col: src.origin.col };
  const headers = values[0].map((h) => text(h));
  const head = layoutOf(values[0], manual, values.slice(1, 51));
  checkHeader({ sheet, origin, headers, head });
  if (headerRow) notes.push({ key: "table.headerBelow", sheet, row: origin.row + 1, params: { rows: headerRow } });
  const last = lastDataRow(values, sheet, origin, notes);
  const o = { sheet, values, origin, last, head, headers, headerRow, notes };
  return head.layout === "wide" ? parseWide(o) : parseLong(o);
}

/** Throws the header row's problems: a required column missing (with the headers it holds), or two alike. */
function checkHeader(o: {
  sheet: string;
  origin: { row: number; col: number };
  headers: string[];
  head: HeaderLayout;
}) {
  const { sheet, origin, headers, head } = o;
  const problems: TableProblem[] = [];
  const colOf = (i: number) => columnLetter(origin.col + i);
  const required = head.layout === "wide" ? WIDE_REQUIRED : REQUIRED_REVENUE_FIELDS;
  for (const field of required) {
    if (head.mapping[field] === undefined) {
      problems.push({
        key: "table.missingColumn",
        sheet,
        row: origin.row + 1,
        params: { field: `field.${field}`, aliases: REVENUE_ALIASES[field].slice(0, 4).join(", ") },
      });
    }
  }
  // What the header row does hold, once, so the analyst can see why nothing fitted.
  if (problems.length)
    problems.push({
      key: "table.headersFound",
      sheet,
      row: origin.row + 1,
      params: { headers: headers.filter(Boolean).slice(0, 12).join(", ") },
    });
  for (const a of head.ambiguous) {
    if (!required.includes(a.field)) continue;
    problems.push({
      key: "table.ambiguousColumn",
      sheet,
      row: origin.row + 1,
      params: {
        field: `field.${a.field}`,
        first: `${colOf(a.columns[0])} “${headers[a.columns[0]]}”`,
        second: `${colOf(a.columns[1])} “${headers[a.columns[1]]}”`,
      },
    });
  }
  if (problems.length) throw new TableError(problems);
}

/** The last row to read: trailing blank rows dropped, then a trailing total row (noted). */
function lastDataRow(values: unknown[][], sheet: string, origin: { row: number }, notes: TableProblem[]): number {
  let last = values.length - 1;
  while (last > 0 && values[last].every(isBlank)) last--;
  if (last > 0 && values[last].some((v) => typeof v === "string" && TOTAL_LABEL.test(headerKey(v)))) {
    const label = values[last].find((v) => typeof v === "string" && TOTAL_LABEL.test(headerKey(v))) as string;
    notes.push({ key: "table.totalRowSkipped", sheet, row: origin.row + last + 1, params: { label: fold(label) } });
    last--;
  }
  return last;
}

/** A table read from its header: its rows, the header's reading, and what is noted so far. */
interface HeaderRead {
  sheet: string;
  values: unknown[][];
  origin: { row: number; col: number };
  /** The last row to read (values' index). */
  last: number;
  head: HeaderLayout;
  headers: string[];
  headerRow: number;
  notes: TableProblem[];
}

/** A long table: one row per month, the month in one column and the amount in another. */
function parseLong(o: HeaderRead): RevenueTable {
  const { sheet, values, origin, last, head } = o;
  const { mapping } = head;
  const unitFactor = head.unit;
  const colOf = (i: number) => columnLetter(origin.col + i);
  const rows: RevenueRow[] = [];
  const forms = new Set<PeriodForm>();
  let textAmounts = false;
  // The first cells of each kind that keep formulas from reading the table (for the message).
  const seen: Seen = { textAmount: [], serial: [], text: [] };
  const note = (kind: keyof Seen, cell: string) => {
    if (seen[kind].length < 3) seen[kind].push(cell);
  };
  const log = problemLog(sheet);
  const report = log.report;
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
      note(month.form, `${colOf(mapping.period!)}${sheetRow}`);
    }
    const av = get("amount");
    const amount = parseAmount(av);
    if (amount === null) flag("table.badAmount", "amount", { value: text(av).slice(0, 40) });
    else if (typeof av !== "number") {
      textAmounts = true;
      note("textAmount", `${colOf(mapping.amount!)}${sheetRow}`);
    }
    if (bad) continue;
    const parsed = revenueRow(get, month!.month, amount! * unitFactor, sheetRow);
    if (typeof pv === "number") parsed.monthValue = pv;
    rows.push(parsed);
  }
  log.throwIfAny(rows.length);
  // Formulas compare months as dates (>= the period's first day): text months such as "2002-10"
  // go through the normalised copy, as do text amounts and 万元.
  const directlyReadable = !textAmounts && unitFactor === 1 && forms.size === 1 && forms.has("serial");
  const unitCell = `${colOf(mapping.amount!)}${origin.row + 1}`;
  return {
    rows,
    mapping,
    matches: head.matches,
    headers: o.headers,
    headerRow: o.headerRow,
    layout: "long",
    unitFactor,
    directlyReadable,
    periodForms: [...forms],
    notes: o.notes,
    copyReasons: copyReasons(seen, forms, textAmounts, unitFactor, unitCell),
  };
}

/** The first cells of each kind that keep formulas from reading a long table directly. */
type Seen = Record<"textAmount" | PeriodForm, string[]>;

/** Why formulas cannot read a long table directly, each reason with the first cells that show it. */
function copyReasons(
  seen: Seen,
  forms: Set<PeriodForm>,
  textAmounts: boolean,
  unitFactor: number,
  unitCell: string,
): CopyReason[] {
  const reasons: CopyReason[] = [];
  if (textAmounts) reasons.push({ kind: "textAmount", cells: seen.textAmount });
  if (forms.has("text") && forms.has("serial"))
    reasons.push({ kind: "mixedMonths", cells: [seen.serial[0], ...seen.text.slice(0, 2)] });
  else if (forms.has("text")) reasons.push({ kind: "textMonth", cells: seen.text });
  if (unitFactor !== 1) reasons.push({ kind: "unit", cells: [unitCell] });
  return reasons;
}

/**
 * A wide table: one row per customer × service, one column per month (a total column left out
 * with a note). Each month cell becomes a row; a blank cell is no revenue.
 */
function parseWide(o: HeaderRead): RevenueTable {
  const { sheet, values, origin, last, head, headers, headerRow, notes } = o;
  const { mapping } = head;
  const colOf = (i: number) => columnLetter(origin.col + i);
  for (const c of head.totalColumns)
    notes.push({ key: "table.totalColumnSkipped", sheet, column: colOf(c), params: { label: headers[c] } });
  notes.push({ key: "table.wideRead", sheet, row: origin.row + 1, params: { months: head.monthColumns.length } });
  const log = problemLog(sheet);
  const report = log.report;
  const rows: RevenueRow[] = [];
  for (let i = 1; i <= last; i++) {
    const row = values[i];
    if (row.every(isBlank)) continue;
    const sheetRow = origin.row + i + 1;
    const get = (f: RevenueField) => (mapping[f] === undefined ? undefined : row[mapping[f]!]);
    // A total row inside the table (合计 in the customer column) is not a customer.
    if (TOTAL_LABEL.test(headerKey(get("customer")))) {
      notes.push({ key: "table.totalRowSkipped", sheet, row: sheetRow, params: { label: text(get("customer")) } });
      continue;
    }
    let bad = false;
    for (const f of WIDE_REQUIRED) {
      if (isBlank(get(f))) {
        report({
          key: "table.blankRequired",
          sheet,
          column: colOf(mapping[f]!),
          row: sheetRow,
          params: { field: `field.${f}` },
        });
        bad = true;
      }
    }
    if (bad) continue;
    for (const { column, month } of head.monthColumns) {
      const v = row[column];
      if (isBlank(v)) continue;
      const amount = parseAmount(v);
      if (amount === null) {
        report({
          key: "table.badAmount",
          sheet,
          column: colOf(column),
          row: sheetRow,
          params: { value: text(v).slice(0, 40) },
        });
        continue;
      }
      rows.push(revenueRow(get, month, amount * head.unit, sheetRow));
    }
  }
  log.throwIfAny(rows.length);
  return {
    rows,
    mapping,
    matches: head.matches,
    headers,
    headerRow,
    layout: "wide",
    unitFactor: head.unit,
    // The formulas read the normalised copy (one row per month, amounts in yuan).
    directlyReadable: false,
    periodForms: [],
    notes,
  };
}
