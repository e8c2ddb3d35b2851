import * as SSF from "ssf";

/** Renders a cell value with an Excel number format, as Range.text does (SheetJS SSF). */
export function formatValue(value: unknown, format: string | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const fmt = !format || format === "General" ? "General" : format;
  if (typeof value === "string") {
    return fmt.includes("@") ? safe(() => SSF.format(fmt, value), value) : value;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "#NUM!";
    if (fmt === "General") return generalNumber(value);
    const shifted = shiftedDecimal(fmt, value);
    if (shifted !== null) return shifted;
    return safe(() => SSF.format(fmt, value), generalNumber(value));
  }
  return String(value);
}

function safe(f: () => string, fallback: string): string {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/** Excel's General format: up to 11 significant characters, no trailing zeros. */
export function generalNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return v
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace("e", "E");
  const s = v.toPrecision(10);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/**
 * Excel's "shifted decimal" formats, which SSF does not know: `0!.0,` shows yuan in 万 (ten
 * thousands) with one decimal — the trailing commas divide by 1,000 each, and the literal "."
 * (escaped by "!") is inserted before the last k digits. 25,599,999.16 → "2560.0".
 */
export function shiftedDecimal(fmt: string, v: number): string | null {
  const m = /^0!\.(0+)(,*)(?:"([^"]*)")?$/.exec(fmt);
  if (!m) return null;
  const k = m[1].length;
  const scaled = Math.round(Math.abs(v) / 1000 ** m[2].length);
  const digits = String(scaled).padStart(k + 1, "0");
  const text = `${digits.slice(0, -k)}.${digits.slice(-k)}`;
  return `${v < 0 && scaled !== 0 ? "-" : ""}${text}${m[3] ?? ""}`;
}

/**
 * Why SSF cannot render a number format (its message), or null when it can. Such a cell shows in
 * General here (Range.text, the preview): the run lists the format in its warnings (issue 30)
 * instead of letting the fallback pass unseen.
 */
export function rejectedFormat(fmt: string): string | null {
  if (!fmt || fmt === "General" || shiftedDecimal(fmt, 1) !== null) return null;
  try {
    SSF.format(fmt, 1234.5);
    if (fmt.includes("@")) SSF.format(fmt, "x");
    return null;
  } catch (e) {
    return (e as Error).message.trim();
  }
}
