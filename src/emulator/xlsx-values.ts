/**
 * One cell between the emulator and ExcelJS (src/emulator/xlsx.ts): its value or formula, its
 * colours and its style, each way.
 */
import type ExcelJS from "exceljs";
import { shiftFormula, type Rect } from "./address";
import type { CellValue, FormatProps } from "./types";

export const POINTS_PER_CHAR = 5.69; // Excel: 8.43 characters = 48 points

export function argb(color: string | null | undefined): string | undefined {
  if (!color) return undefined;
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
}
export function hex(argbColor: string | undefined): string | undefined {
  if (!argbColor || argbColor.length < 6) return undefined;
  return `#${argbColor.slice(-6).toUpperCase()}`;
}

// ---- export -------------------------------------------------------------------------------

/**
 * Functions newer than Excel 2007 are stored in a file with the `_xlfn.` prefix; without it Excel
 * and LibreOffice read them as unknown names (#NAME?). The formula a user sees has no prefix.
 */
const FUTURE_FUNCTIONS = /(?<![A-Za-z0-9_.])(MINIFS|MAXIFS|IFS|SWITCH|CONCAT|TEXTJOIN|XLOOKUP|XMATCH)\(/g;
export function toFileFormula(f: string): string {
  return f.replace(FUTURE_FUNCTIONS, "_xlfn.$1(");
}
export function fromFileFormula(f: string): string {
  return f.replace(/_xlfn\./g, "");
}

/** A cell as ExcelJS writes it: a formula with its computed result, an error, or a value. */
export function exportCell(formula: string | undefined, v: CellValue): ExcelJS.CellValue {
  const isError = typeof v === "string" && /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/.test(v);
  if (formula !== undefined) {
    return { formula: toFileFormula(formula.slice(1)), result: isError ? { error: v } : v } as ExcelJS.CellFormulaValue;
  }
  if (v === "") return null;
  return isError ? ({ error: v } as ExcelJS.CellErrorValue) : v;
}

export function forEachCell(rect: Rect, clip: Rect, f: (r: number, c: number) => void): void {
  const r0 = Math.max(rect.r0, clip.r0);
  const r1 = Math.min(rect.r1, clip.r1);
  const c0 = Math.max(rect.c0, clip.c0);
  const c1 = Math.min(rect.c1, clip.c1);
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(r, c);
}

export function applyStyle(cell: ExcelJS.Cell, f: FormatProps): void {
  if (f.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } };
  if (f.bold || f.italic || f.fontColor || f.fontSize || f.fontName) {
    cell.font = {
      bold: f.bold,
      italic: f.italic,
      color: f.fontColor ? { argb: argb(f.fontColor) } : undefined,
      // A font record names its face and size: one without them is the workbook's default in
      // Excel, but LibreOffice falls back to a serif of other widths (totals printed as ###).
      size: f.fontSize ?? 11,
      name: f.fontName ?? "Calibri",
    };
  }
  if (f.horizontalAlignment || f.verticalAlignment || f.wrapText || f.indentLevel) {
    const h: Record<string, string> = { Left: "left", Center: "center", Right: "right", General: "general" };
    const v: Record<string, string> = { Top: "top", Center: "middle", Bottom: "bottom" };
    cell.alignment = {
      horizontal: f.horizontalAlignment ? (h[f.horizontalAlignment] as ExcelJS.Alignment["horizontal"]) : undefined,
      vertical: f.verticalAlignment ? (v[f.verticalAlignment] as ExcelJS.Alignment["vertical"]) : undefined,
      wrapText: f.wrapText,
      indent: f.indentLevel,
    };
  }
  if (f.locked === false) cell.protection = { locked: false };
  if (f.borders) applyBorders(cell, f.borders);
}

function applyBorders(cell: ExcelJS.Cell, borders: NonNullable<FormatProps["borders"]>): void {
  const b: Partial<ExcelJS.Borders> = {};
  const map: Record<string, keyof ExcelJS.Borders> = {
    EdgeTop: "top",
    EdgeBottom: "bottom",
    EdgeLeft: "left",
    EdgeRight: "right",
  };
  for (const [edge, spec] of Object.entries(borders)) {
    if (map[edge] && spec && spec.style !== "None") {
      (b as Record<string, unknown>)[map[edge]] = {
        style: spec.weight === "Medium" ? "medium" : "thin",
        color: { argb: argb(spec.color) },
      };
    }
  }
  if (Object.keys(b).length) cell.border = b;
}

// ---- import -------------------------------------------------------------------------------

function excelSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

/** A shared formula's master cell: its formula and 0-based position. */
export type SharedMasters = Map<string, { formula: string; row: number; col: number }>;

/** Turns one ExcelJS cell value into what Range.values/formulas take ("=…" for formulas). */
export function importValue(v: ExcelJS.CellValue, masters: SharedMasters, r: number, c: number): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v.startsWith("=") ? `'${v}` : v;
  if (v instanceof Date) return excelSerial(v);
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.formula === "string") return `=${fromFileFormula(o.formula)}`;
  if (typeof o.sharedFormula === "string") {
    const m = masters.get(o.sharedFormula);
    if (m) return `=${fromFileFormula(shiftFormula(m.formula, r - m.row, c - m.col))}`;
    return o.result ?? null;
  }
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
  if (typeof o.text === "string") return o.text;
  if (typeof o.error === "string") return o.error;
  return null;
}

export function styleProps(cell: ExcelJS.Cell, defaultSize: number): FormatProps | null {
  const p: FormatProps = {};
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") p.fill = hex(fill.fgColor?.argb);
  if (cell.font) {
    if (cell.font.bold) p.bold = true;
    if (cell.font.italic) p.italic = true;
    if (cell.font.color?.argb) p.fontColor = hex(cell.font.color.argb);
    if (cell.font.size && cell.font.size !== defaultSize) p.fontSize = cell.font.size;
  }
  if (cell.alignment) {
    const h: Record<string, string> = { left: "Left", center: "Center", right: "Right" };
    if (cell.alignment.horizontal && h[cell.alignment.horizontal]) p.horizontalAlignment = h[cell.alignment.horizontal];
    if (cell.alignment.wrapText) p.wrapText = true;
  }
  if (cell.protection && cell.protection.locked === false) p.locked = false;
  return Object.keys(p).length ? p : null;
}
