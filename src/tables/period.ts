import { fold } from "../text";

/** A calendar month as one integer: year × 12 + (month − 1). */
export type MonthIndex = number;

export function monthIndex(year: number, month: number): MonthIndex {
  return year * 12 + (month - 1);
}
export function monthYear(m: MonthIndex): number {
  return Math.floor(m / 12);
}
export function monthOfYear(m: MonthIndex): number {
  return (m % 12) + 1;
}
export function formatMonth(m: MonthIndex): string {
  return `${monthYear(m)}-${String(monthOfYear(m)).padStart(2, "0")}`;
}

/** Excel serial (days since 1899-12-30) of the first day of a month. */
export function monthToSerial(m: MonthIndex): number {
  return Date.UTC(monthYear(m), monthOfYear(m) - 1, 1) / 86_400_000 + 25_569;
}
export function serialToMonth(serial: number): MonthIndex {
  const d = new Date(Math.round((serial - 25_569) * 86_400_000));
  return monthIndex(d.getUTCFullYear(), d.getUTCMonth() + 1);
}
/** Last day of a month as an Excel serial. */
export function monthEndSerial(m: MonthIndex): number {
  return monthToSerial(m + 1) - 1;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** The form a period cell had: the add-in writes formulas over the table only when one form is used. */
export type PeriodForm = "serial" | "text";

/**
 * Reads a month from a cell: an Excel date serial (real date), a Date, or text such as
 * `2002-10`, `2002/10`, `2002年10月`, `Oct 2002`, `2002-10-01`. Null when unreadable.
 */
export function parseMonth(v: unknown): { month: MonthIndex; form: PeriodForm } | null {
  if (typeof v === "number") {
    // Plausible date serials: 1900-03-01 (61) to 9999-12-31 (2958465).
    if (!Number.isFinite(v) || v < 61 || v > 2_958_465) return null;
    return { month: serialToMonth(v), form: "serial" };
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return { month: monthIndex(v.getUTCFullYear(), v.getUTCMonth() + 1), form: "serial" };
  }
  if (typeof v !== "string") return null;
  const s = fold(v).toLowerCase();
  let m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月)?(?:\s*(?:[-/.]\s*\d{1,2}|\d{1,2}\s*日))?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]));
  m = /^([a-z]{3,9})\.?\s*[-/ ]?\s*(\d{4})$/.exec(s);
  if (m && MONTHS[m[1]]) return valid(Number(m[2]), MONTHS[m[1]]);
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]));
  return null;
}

function valid(year: number, month: number) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12) return null;
  return { month: monthIndex(year, month), form: "text" as PeriodForm };
}

/** An analysis period: a month, a quarter, a year or a from–to month range (inclusive). */
export interface Period {
  from: MonthIndex;
  to: MonthIndex;
  /** The text the user gave, normalised (2002-Q4, 2002, 2002-10, 2002-07..2002-09). */
  label: string;
}

export function parsePeriod(text: string): Period | null {
  const s = fold(text).toUpperCase().replace(/\s+/g, "");
  let m = /^(\d{4})[-/]?Q([1-4])$/.exec(s) ?? /^(\d{4})年?第?([1-4])季度?$/.exec(s);
  if (m) {
    const from = monthIndex(Number(m[1]), (Number(m[2]) - 1) * 3 + 1);
    return { from, to: from + 2, label: `${m[1]}-Q${m[2]}` };
  }
  m = /^(\d{4})年?$/.exec(s);
  if (m) return { from: monthIndex(Number(m[1]), 1), to: monthIndex(Number(m[1]), 12), label: m[1] };
  const range = s.split(/\.\.|~|–|—|至|TO/);
  if (range.length === 2) {
    const a = parseMonth(range[0]);
    const b = parseMonth(range[1]);
    if (a && b && a.month <= b.month) {
      return { from: a.month, to: b.month, label: `${formatMonth(a.month)}..${formatMonth(b.month)}` };
    }
    return null;
  }
  const one = parseMonth(s.replace(/-$/, ""));
  if (one) return { from: one.month, to: one.month, label: formatMonth(one.month) };
  return null;
}

export function periodMonths(p: Period): number {
  return p.to - p.from + 1;
}

/** The quarter holding the latest month (the default analysis period); null without months. */
export function latestQuarter(months: Iterable<MonthIndex>): Period | null {
  let last = -Infinity;
  for (const m of months) if (m > last) last = m;
  if (last === -Infinity) return null;
  return parsePeriod(`${Math.floor(last / 12)}-Q${Math.floor((last % 12) / 3) + 1}`);
}

/** The period of equal length just before (the default comparison). */
export function previousPeriod(p: Period): Period {
  const n = periodMonths(p);
  const from = p.from - n;
  const to = p.to - n;
  const q = /^(\d{4})-Q([1-4])$/.exec(p.label);
  if (q) {
    const qi = Number(q[1]) * 4 + Number(q[2]) - 2;
    return { from, to, label: `${Math.floor(qi / 4)}-Q${(qi % 4) + 1}` };
  }
  if (/^\d{4}$/.test(p.label)) return { from, to, label: String(Number(p.label) - 1) };
  return { from, to, label: n === 1 ? formatMonth(from) : `${formatMonth(from)}..${formatMonth(to)}` };
}
