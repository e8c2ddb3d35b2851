/**
 * What Excel's UI does with an entry that the API would take as it is: data validation on typed
 * input (a Stop alert refuses it), the protected-cell refusal worded for the analyst (what the
 * cell holds and where to type instead), and ranges copied and pasted as tab-separated text.
 * Pure functions over the emulator's model, tested without a browser.
 */
import type { Rect } from "../address";
import { maxOf } from "../arrays";
import type { SheetModel } from "../emulator/model";
import type { DrawnWorkbook } from "./drawn";
import type { ValidationModel } from "../emulator/types";

/** The data validation rule covering a cell (the last one added wins, as rules do not overlap in Excel). */
export function validationAt(sheet: SheetModel, r: number, c: number): ValidationModel | undefined {
  for (let i = sheet.validations.length - 1; i >= 0; i--) {
    const v = sheet.validations[i];
    if (r >= v.rect.r0 && r <= v.rect.r1 && c >= v.rect.c0 && c <= v.rect.c1) return v;
  }
  return undefined;
}

/** An entry the cell's rule refuses, with the alert Excel shows for it. */
export interface Refusal {
  style: "Stop" | "Warning" | "Information";
  /** The rule's own title and message; empty when the rule has none (the UI then shows Excel's default). */
  title: string;
  message: string;
}

type Operator =
  | "Between"
  | "NotBetween"
  | "EqualTo"
  | "NotEqualTo"
  | "GreaterThan"
  | "LessThan"
  | "GreaterThanOrEqualTo"
  | "LessThanOrEqualTo";

/** A rule's bound: a number, "=5", or a reference to a cell holding one. */
function bound(model: DrawnWorkbook, sheet: SheetModel, f: unknown): number {
  if (typeof f === "number") return f;
  const s = String(f ?? "")
    .replace(/^=/, "")
    .trim();
  if (s !== "" && Number.isFinite(Number(s))) return Number(s);
  try {
    const { sheet: at, rect } = model.resolveAddress(s, sheet);
    const v = model.value(at, rect.r0, rect.c0);
    return typeof v === "number" ? v : Number(v);
  } catch {
    return NaN;
  }
}

function compare(x: number, op: Operator, a: number, b: number): boolean {
  switch (op) {
    case "Between":
      return x >= Math.min(a, b) && x <= Math.max(a, b);
    case "NotBetween":
      return x < Math.min(a, b) || x > Math.max(a, b);
    case "EqualTo":
      return x === a;
    case "NotEqualTo":
      return x !== a;
    case "GreaterThan":
      return x > a;
    case "LessThan":
      return x < a;
    case "GreaterThanOrEqualTo":
      return x >= a;
    case "LessThanOrEqualTo":
      return x <= a;
  }
  return true;
}

/** A list rule's choices: "a,b,c" or a reference to the cells holding them. */
export function listChoices(model: DrawnWorkbook, sheet: SheetModel, source: unknown): string[] {
  const s = String(source ?? "");
  if (s.startsWith("=")) {
    try {
      const { sheet: at, rect } = model.resolveAddress(s.slice(1), sheet);
      return model
        .values(at, rect)
        .flat()
        .map((v) => String(v ?? ""))
        .filter((v) => v !== "");
    } catch {
      return [];
    }
  }
  return s.split(",").map((x) => x.trim());
}

/**
 * Whether Excel's UI takes a typed entry (the value as it would be stored) into a cell: null when
 * it does (no rule, a valid value, a blank with "ignore blank", or a rule without an alert), else
 * the alert. Date, time and custom rules are not checked here (the add-in writes none).
 */
export function refusal(
  model: DrawnWorkbook,
  sheet: SheetModel,
  r: number,
  c: number,
  value: string | number | boolean,
): Refusal | null {
  const v = validationAt(sheet, r, c);
  if (!v) return null;
  const alert = (v.errorAlert ?? {}) as { showAlert?: boolean; style?: string; title?: string; message?: string };
  if (alert.showAlert === false) return null;
  if (value === "" && v.ignoreBlanks) return null;
  const [type, spec] = Object.entries(v.rule)[0] ?? [];
  const rule = (spec ?? {}) as { formula1?: unknown; formula2?: unknown; operator?: Operator; source?: unknown };
  const op = rule.operator ?? "Between";
  let ok = true;
  if (type === "wholeNumber" || type === "decimal") {
    const a = bound(model, sheet, rule.formula1);
    const b = bound(model, sheet, rule.formula2);
    ok = typeof value === "number" && (type === "decimal" || Number.isInteger(value)) && compare(value, op, a, b);
  } else if (type === "textLength") {
    ok = compare(String(value).length, op, bound(model, sheet, rule.formula1), bound(model, sheet, rule.formula2));
  } else if (type === "list") {
    // Excel compares a typed entry with the list's items without regard to case.
    const text = String(value).trim().toLowerCase();
    ok = listChoices(model, sheet, rule.source).some((x) => x.toLowerCase() === text);
  }
  if (ok) return null;
  const style = alert.style === "Warning" || alert.style === "Information" ? alert.style : "Stop";
  return { style, title: alert.title ?? "", message: alert.message ?? "" };
}

/** Whether a cell refuses typing: a locked cell on a protected sheet. */
export function isLockedCell(model: DrawnWorkbook, sheet: SheetModel, r: number, c: number): boolean {
  return sheet.protection.protected && model.effectiveFormat(sheet, r, c).locked !== false;
}

/**
 * The unlocked cell nearest to a locked one on a protected sheet (the input to type into instead),
 * searched within the sheet's used range: the same row first, then by distance; null when the
 * sheet has none.
 */
export function nearestInput(model: DrawnWorkbook, sheet: SheetModel, r: number, c: number): string | null {
  const used = model.usedRect(sheet);
  if (!used) return null;
  const rows = { from: Math.max(used.r0, r - 200), to: Math.min(used.r1, r + 200) };
  let best: { r: number; c: number; d: number } | null = null;
  for (let y = rows.from; y <= rows.to; y++) {
    for (let x = used.c0; x <= used.c1; x++) {
      if (model.effectiveFormat(sheet, y, x).locked !== false) continue;
      // Rows weigh more than columns: an input on the same row is the one the analyst means.
      const d = Math.abs(y - r) * 100 + Math.abs(x - c);
      if (!best || d < best.d) best = { r: y, c: x, d };
    }
  }
  return best ? `${columnName(best.c)}${best.r + 1}` : null;
}

function columnName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A block of cells as the clipboard's text: rows by CR LF, cells by tab, a cell holding a tab, a
 * line break or a quote in double quotes (quotes doubled), as Excel puts it on the clipboard.
 */
export function toTsv(cells: string[][]): string {
  const cell = (s: string) => (/[\t\r\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return cells.map((row) => row.map(cell).join("\t")).join("\r\n") + "\r\n";
}

/** Clipboard text (tab-separated, from Excel, a browser table or a text editor) as rows of cells. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let start = true;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (start && ch === '"') {
      quoted = true;
      start = false;
      i++;
      continue;
    }
    start = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      start = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      start = true;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  // A ragged block (a trailing tab left out) is padded to its widest row.
  const width = maxOf(
    rows.map((r) => r.length),
    0,
  );
  return rows.map((r) => r.concat(Array<string>(width - r.length).fill("")));
}

/** The rectangle a pasted block covers from the active cell. */
export function pasteRect(at: { r: number; c: number }, block: string[][]): Rect {
  return { r0: at.r, c0: at.c, r1: at.r + block.length - 1, c1: at.c + (block[0]?.length ?? 1) - 1 };
}
