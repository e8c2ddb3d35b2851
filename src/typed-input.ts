/**
 * What Excel makes of text typed into a cell formatted General — and of a string written through
 * `Range.values` or `Range.formulas`, which Excel parses the same way: numbers with thousands
 * separators, currency and percent signs, booleans, dates and times become numbers and booleans
 * (and give the cell a matching number format). Text that must stay text is written with a
 * leading apostrophe, or into a cell formatted as Text ("@").
 *
 * The add-in's writer uses this to know which strings need the apostrophe; the emulator uses it
 * to convert what Excel would convert. The rules follow Excel's English (United States) locale;
 * see docs/excel-behaviour.md for the sources.
 */

export interface TypedValue {
  value: number | boolean;
  /** The number format Excel gives a General cell for this input (none for plain numbers). */
  format?: string;
}

const CURRENCY = "[$¥￥€£]";
const NUMBER = new RegExp(
  `^(?<neg1>-)?(?<cur1>${CURRENCY})?(?<neg2>-)?(?<open>\\()?(?<cur2>${CURRENCY})?` +
    `(?<int>\\d{1,3}(?:,\\d{3})+|\\d+)?(?<frac>\\.\\d+)?(?<exp>[eE][+-]?\\d+)?(?<close>\\))?(?<pct>%)?$`,
);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** The Excel serial of a calendar date (1900 date system), or null when the date does not exist. */
export function dateSerial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return null;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return null;
  return t / 86_400_000 + 25_569;
}

function twoDigitYear(y: number): number {
  // Excel: 00–29 are 2000–2029, 30–99 are 1930–1999.
  return y < 30 ? 2000 + y : 1900 + y;
}

function monthIndex(s: string): number | null {
  const i = MONTHS.indexOf(s.slice(0, 3).toLowerCase());
  return i >= 0 && (s.length === 3 || s.toLowerCase() === fullMonth(i)) ? i + 1 : null;
}

function fullMonth(i: number): string {
  return [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
  ][i];
}

function parseNumber(s: string): TypedValue | null {
  const m = NUMBER.exec(s.replace(/\s+/g, ""));
  if (!m?.groups) return null;
  const g = m.groups;
  if (!g.int && !g.frac) return null;
  if (!!g.open !== !!g.close) return null;
  if ((g.neg1 || g.neg2) && g.open) return null;
  if (g.cur1 && g.cur2) return null;
  const currency = g.cur1 ?? g.cur2;
  if (g.pct && currency) return null;
  let v = Number(`${(g.int ?? "0").replace(/,/g, "")}${g.frac ?? ""}${g.exp ?? ""}`);
  if (!Number.isFinite(v)) return null;
  if (g.neg1 || g.neg2 || g.open) v = -v;
  const decimals = g.frac ? "." + "0".repeat(Math.min(g.frac.length - 1, 2)) : "";
  if (g.pct) return { value: v / 100, format: `0${decimals}%` };
  if (currency) return { value: v, format: `${currency === "$" ? "$" : `"${currency}"`}#,##0${g.frac ? ".00" : ""}` };
  if (g.int?.includes(",")) return { value: v, format: `#,##0${decimals}` };
  if (g.exp) return { value: v, format: "0.00E+00" };
  return { value: v };
}

function parseTime(s: string): TypedValue | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a|p)?$/i.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3] ?? 0);
  if (min > 59 || sec > 59) return null;
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/^p/i.test(m[4]) ? 12 : 0);
  } else if (h > 23) return null;
  return { value: (h * 3600 + min * 60 + sec) / 86_400, format: m[4] ? "h:mm AM/PM" : m[3] ? "h:mm:ss" : "h:mm" };
}

function parseDate(s: string, year: number): TypedValue | null {
  let m: RegExpExecArray | null;
  // 2003-05-01, 2003/5/1
  if ((m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(s))) {
    const v = dateSerial(Number(m[1]), Number(m[3]), Number(m[4]));
    return v === null ? null : { value: v, format: "yyyy/m/d" };
  }
  // 2003-05, 2003/5: the first of the month
  if ((m = /^(\d{4})[-/](\d{1,2})$/.exec(s))) {
    const v = dateSerial(Number(m[1]), Number(m[2]), 1);
    return v === null ? null : { value: v, format: "mmm-yy" };
  }
  // 5/1/2003, 5-1-03 (month first, the United States order)
  if ((m = /^(\d{1,2})([-/])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s))) {
    const y = m[4].length === 2 ? twoDigitYear(Number(m[4])) : Number(m[4]);
    const v = dateSerial(y, Number(m[1]), Number(m[3]));
    return v === null ? null : { value: v, format: "m/d/yyyy" };
  }
  // 5/1, 1-2: this year
  if ((m = /^(\d{1,2})[-/](\d{1,2})$/.exec(s))) {
    const v = dateSerial(year, Number(m[1]), Number(m[2]));
    if (v !== null) return { value: v, format: "d-mmm" };
    // 5/2003: month and year
    return null;
  }
  // 1-Jan, 1 Jan 2003, Jan-03, Jan 2003, January 1, 2003
  if ((m = /^(\d{1,2})[-\s/]([A-Za-z]+)(?:[-\s/,]+(\d{2}|\d{4}))?$/.exec(s))) {
    const mon = monthIndex(m[2]);
    if (mon === null) return null;
    const y = m[3] ? (m[3].length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3])) : year;
    const v = dateSerial(y, mon, Number(m[1]));
    return v === null ? null : { value: v, format: m[3] ? "d-mmm-yy" : "d-mmm" };
  }
  if ((m = /^([A-Za-z]+)[-\s/]+(\d{1,2})(?:[,\s]+(\d{4}))?$/.exec(s))) {
    const mon = monthIndex(m[1]);
    if (mon === null) return null;
    // "Jan-03": a number that can be a day is the day, in this year.
    const y = m[3] ? Number(m[3]) : year;
    const v = dateSerial(y, mon, Number(m[2]));
    return v === null ? null : { value: v, format: m[3] ? "mmmm d, yyyy" : "d-mmm" };
  }
  if ((m = /^([A-Za-z]+)[-\s/]+(\d{4})$/.exec(s))) {
    const mon = monthIndex(m[1]);
    if (mon === null) return null;
    const v = dateSerial(Number(m[2]), mon, 1);
    return v === null ? null : { value: v, format: "mmm-yy" };
  }
  return null;
}

/**
 * What Excel stores for this text typed into a General cell: a number or boolean (with the
 * format it then gives the cell), or null when it stays text.
 */
export function parseTypedInput(text: string, year = new Date().getFullYear()): TypedValue | null {
  const s = text.trim();
  if (s === "") return null;
  if (/^(true|false)$/i.test(s)) return { value: /^true$/i.test(s) };
  return parseNumber(s) ?? parseTime(s) ?? parseDate(s, year);
}

/** True for text that Excel would not keep as written in a General cell (a formula, a number, a date…). */
export function excelWouldConvert(text: string): boolean {
  return /^[=+\-@]/.test(text) || parseTypedInput(text) !== null;
}
