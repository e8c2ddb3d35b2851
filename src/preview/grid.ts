/**
 * What the preview's grid draws, computed from the emulator's model: row and column offsets for
 * virtual scrolling, and each visible cell's text and look — number formats, fills, fonts,
 * merges, and the conditional formats (custom rules, colour scales, icon sets) evaluated as
 * Excel would show them.
 */
import type { ConditionalFormatModel, SheetModel } from "../emulator/model";
import type { DrawnWorkbook } from "./drawn";
import type { Rect } from "../address";
import { columnLetter } from "../address";
import { maxOf } from "../arrays";

export const DEFAULT_ROW_PX = 22;
export const DEFAULT_COL_PX = 72;
/** Excel stores widths in points; the screen shows 96 px per 72 pt. */
export const PX_PER_PT = 4 / 3;

export interface Axis {
  /** offsets[i] = start of item i in px; offsets[n] = total size. */
  offsets: Float64Array;
}

export function axis(count: number, size: (i: number) => number): Axis {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + size(i);
  return { offsets };
}

/** The first item whose end lies after px (binary search). */
export function indexAt(a: Axis, px: number): number {
  const o = a.offsets;
  let lo = 0;
  let hi = o.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o[mid + 1] <= px) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

/** Items overlapping [from, from + size), with a small overscan. */
export function visibleSpan(a: Axis, from: number, size: number, overscan = 3): [number, number] {
  const n = a.offsets.length - 1;
  const first = Math.max(0, indexAt(a, from) - overscan);
  const last = Math.min(n - 1, indexAt(a, from + size) + overscan);
  return [first, last];
}

export function sheetAxes(model: DrawnWorkbook, sheet: SheetModel): { rows: Axis; cols: Axis } {
  const used = model.usedRect(sheet);
  const chartRows = sheet.charts.map((c) => rowOfAddress(c.position.bottomRight) + 2);
  const chartCols = sheet.charts.map((c) => colOfAddress(c.position.bottomRight) + 2);
  const nRows = maxOf(chartRows, Math.max(60, (used ? used.r1 + 1 : 0) + 30));
  const nCols = maxOf(chartCols, Math.max(16, (used ? used.c1 + 1 : 0) + 4));
  return {
    rows: axis(nRows, (r) => (sheet.rowHeights.get(r) ?? 0) * PX_PER_PT || DEFAULT_ROW_PX),
    // A hidden column takes no room, as in Excel.
    cols: axis(nCols, (c) =>
      sheet.hiddenColumns.has(c) ? 0 : (sheet.columnWidths.get(c) ?? 0) * PX_PER_PT || DEFAULT_COL_PX,
    ),
  };
}

function rowOfAddress(a: string | null): number {
  const m = a ? /(\d+)$/.exec(a) : null;
  return m ? Number(m[1]) - 1 : 0;
}
function colOfAddress(a: string | null): number {
  const m = a ? /^(?:.*!)?\$?([A-Z]+)/.exec(a) : null;
  if (!m) return 0;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

export interface CellLook {
  text: string;
  fill?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  align?: "left" | "center" | "right";
  wrap?: boolean;
  /** A Harvey ball or other icon from an icon set. */
  icon?: string;
  /** In a hidden column: nothing is drawn (no text, no spill), as Excel shows nothing of it. */
  hidden?: boolean;
  /** For merged cells: the span, drawn by the top-left cell; covered cells are skipped. */
  span?: { rows: number; cols: number };
  covered?: boolean;
  /** Text that spills into the empty cells to its right, as Excel draws it. */
  spill?: boolean;
  /** How many empty cells to its right spilled text may cover (it is clipped by the first full one). */
  spillCols?: number;
  /** The value is a number (dates included): drawn as "###" when its text does not fit the column. */
  number?: number;
  /** The cell's number format is General: a number is rounded to fit before it turns to "###". */
  general?: boolean;
  locked: boolean;
}

/** At most this many empty neighbours are looked at for spilled text. */
export const MAX_SPILL = 30;

/**
 * What Excel shows for a number in a column of `width` px: its text when it fits; in a General
 * cell, the number rounded to fewer decimals, then in scientific notation, until it fits;
 * otherwise (any other format, or nothing fits) "#" repeated across the cell. Text never turns
 * into "#": it spills or is clipped.
 */
export function fitNumber(
  text: string,
  value: number,
  general: boolean,
  width: number,
  measure: (s: string) => number,
): string {
  if (measure(text) <= width) return text;
  if (general && Number.isFinite(value)) {
    // General rounds the decimals away first…
    if (!Number.isInteger(value)) {
      const whole = Math.trunc(value).toString();
      for (let d = Math.max(0, text.length - whole.length - 2); d >= 0; d--) {
        const s = String(Number(value.toFixed(d)));
        if (Math.abs(Number(s)) >= 1 && measure(s) <= width) return s;
      }
    }
    // …then, for a number whose whole part does not fit, turns to scientific notation (1.2E+11).
    for (let d = 5; d >= 0; d--) {
      const [m, e] = value.toExponential(d).split("e");
      const exp = Number(e);
      const s = `${Number(m)}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
      if (measure(s) <= width) return s;
    }
  }
  return "#".repeat(Math.max(1, Math.floor(width / Math.max(1, measure("#")))));
}

const ICONS: Record<string, string[]> = {
  fivequarters: ["○", "◔", "◑", "◕", "●"],
  threetrafficlights1: ["🔴", "🟡", "🟢"],
  threearrows: ["↓", "→", "↑"],
  threesymbols: ["✖", "!", "✔"],
  fiverating: ["▁", "▂", "▃", "▅", "▇"],
  threeflags: ["⚑", "⚐", "⚑"],
};

function hexToRgb(h: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(h.trim());
  const n = m ? parseInt(m[1], 16) : 0xffffff;
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
export function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  const c = x.map((v, i) => Math.round(v + (y[i] - v) * Math.min(1, Math.max(0, t))));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function inside(rect: Rect, r: number, c: number) {
  return r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;
}

/** Per-render cache of a colour scale's numeric range. */
type Ranges = Map<number, { min: number; max: number; mid: number }>;

function scaleRange(model: DrawnWorkbook, sheet: SheetModel, cf: ConditionalFormatModel, cache: Ranges) {
  let hit = cache.get(cf.id);
  if (!hit) {
    const nums = model
      .values(sheet, cf.rect)
      .flat()
      .filter((v): v is number => typeof v === "number");
    const sorted = [...nums].sort((a, b) => a - b);
    hit = {
      min: sorted[0] ?? 0,
      max: sorted[sorted.length - 1] ?? 0,
      mid: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0,
    };
    cache.set(cf.id, hit);
  }
  return hit;
}

function criterionNumber(formula: string): number {
  return Number(String(formula).replace(/^=/, ""));
}

/** The looks of a block of cells (rows r0..r1, columns c0..c1), as Excel would show them. */
export function cellLooks(model: DrawnWorkbook, sheet: SheetModel, rect: Rect): CellLook[][] {
  const texts = model.texts(sheet, rect);
  const values = model.values(sheet, rect);
  const ranges: Ranges = new Map();
  // Lowest priority first, so the top rule (priority 0, the newest, as in Excel) is applied last and wins.
  const cfs = [...sheet.conditionalFormats].sort((a, b) => b.priority - a.priority);
  const out: CellLook[][] = [];
  for (let i = 0; i <= rect.r1 - rect.r0; i++) {
    const row: CellLook[] = [];
    for (let j = 0; j <= rect.c1 - rect.c0; j++) {
      const r = rect.r0 + i;
      const c = rect.c0 + j;
      const f = model.effectiveFormat(sheet, r, c);
      const v = values[i][j];
      const look: CellLook = {
        text: texts[i][j],
        fill: f.fill ?? undefined,
        color: f.fontColor ?? undefined,
        bold: f.bold,
        italic: f.italic,
        fontSize: f.fontSize,
        wrap: f.wrapText,
        align: f.horizontalAlignment
          ? (f.horizontalAlignment.toLowerCase() as CellLook["align"])
          : typeof v === "number"
            ? "right"
            : undefined,
        locked: f.locked !== false,
        ...(typeof v === "number" ? { number: v, general: model.numberFormat(sheet, r, c) === "General" } : {}),
      };
      for (const cf of cfs) {
        if (!inside(cf.rect, r, c)) continue;
        if (cf.type === "Custom" && cf.custom && model.evaluateRule(sheet, cf, r, c)) {
          if (cf.custom.fill) look.fill = cf.custom.fill;
          if (cf.custom.fontColor) look.color = cf.custom.fontColor;
          if (cf.custom.bold) look.bold = true;
        } else if (cf.type === "ColorScale" && cf.colorScale && typeof v === "number") {
          const { min, max, mid } = scaleRange(model, sheet, cf, ranges);
          const k = cf.colorScale.criteria;
          const lo = k.minimum?.color ?? "#FFFFFF";
          const hi = k.maximum?.color ?? "#63BE7B";
          if (k.midpoint) {
            look.fill =
              v <= mid
                ? mix(lo, k.midpoint.color, mid === min ? 1 : (v - min) / (mid - min))
                : mix(k.midpoint.color, hi, max === mid ? 1 : (v - mid) / (max - mid));
          } else look.fill = mix(lo, hi, max === min ? 1 : (v - min) / (max - min));
        } else if (cf.type === "IconSet" && cf.iconSet && typeof v === "number") {
          const icons = ICONS[cf.iconSet.style.toLowerCase()] ?? ICONS.fivequarters;
          let k = 0;
          cf.iconSet.criteria.forEach((cr, idx) => {
            if (idx > 0 && cr.formula !== undefined && v >= criterionNumber(cr.formula)) k = idx;
          });
          const set = cf.iconSet.reverseIconOrder ? [...icons].reverse() : icons;
          look.icon = set[Math.min(k, set.length - 1)];
          if (cf.iconSet.showIconOnly) look.text = "";
        }
      }
      row.push(look);
    }
    out.push(row);
  }
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < out[i].length; j++) {
      const look = out[i][j];
      const v = values[i][j];
      const at = (k: number) => (k <= rect.c1 - rect.c0 ? values[i][k] : model.value(sheet, rect.r0 + i, rect.c0 + k));
      const empty = (x: unknown) => x === "" || x === null || x === undefined;
      look.hidden = sheet.hiddenColumns.has(rect.c0 + j) || undefined;
      look.spill =
        !look.hidden &&
        typeof v === "string" &&
        v !== "" &&
        !look.wrap &&
        (look.align === undefined || look.align === "left");
      if (look.spill) {
        // Over the empty cells to the right, up to the first full one, which clips it.
        let n = 0;
        while (n < MAX_SPILL && empty(at(j + 1 + n))) n++;
        look.spillCols = n;
        look.spill = n > 0;
      }
    }
  }
  for (const m of sheet.merges) {
    for (let r = Math.max(m.r0, rect.r0); r <= Math.min(m.r1, rect.r1); r++) {
      for (let c = Math.max(m.c0, rect.c0); c <= Math.min(m.c1, rect.c1); c++) {
        const look = out[r - rect.r0][c - rect.c0];
        if (r === m.r0 && c === m.c0) look.span = { rows: m.r1 - m.r0 + 1, cols: m.c1 - m.c0 + 1 };
        else look.covered = true;
      }
    }
  }
  return out;
}

/**
 * The column the active cell lands on when the keyboard moves it from `from` towards `to`: a
 * hidden column is passed over, as in Excel. A one-column step (an arrow, Tab) goes on in its
 * direction; a jump (End, Ctrl+End) comes back to the nearest shown column before it. With none
 * that way, the nearest the other way; with none at all, `from`.
 */
export function landingColumn(hidden: ReadonlySet<number>, from: number, to: number, nCols: number): number {
  const inRange = (c: number) => c >= 0 && c < nCols;
  const step = Math.abs(to - from) === 1 ? Math.sign(to - from) : -Math.sign(to - from) || -1;
  for (const dir of [step, -step]) {
    let c = to;
    while (inRange(c) && hidden.has(c)) c += dir;
    if (inRange(c)) return c;
  }
  return from;
}

/** Excel's A1 name of a cell. */
export function a1(r: number, c: number): string {
  return `${columnLetter(c)}${r + 1}`;
}

/** What the formula bar shows: the formula, or the value as typed. */
export function formulaBarText(model: DrawnWorkbook, sheet: SheetModel, r: number, c: number): string {
  const f = model.formula(sheet, r, c);
  return f === null || f === undefined ? "" : String(f);
}

/** Parses what the analyst typed into a cell: numbers become numbers, "=…" a formula. */
export function typedValue(text: string): string | number | boolean {
  const s = text.trim();
  if (s === "") return "";
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (/^(true|false)$/i.test(s)) return /^true$/i.test(s);
  return text;
}

const axesCache = new WeakMap<
  SheetModel,
  { model: DrawnWorkbook; version: number; axes: ReturnType<typeof sheetAxes> }
>();
/**
 * A sheet's axes at a version of the workbook (the host bumps the version after every change):
 * computed once per version, as the grid redraws on every scroll.
 */
export function sheetAxesAt(model: DrawnWorkbook, sheet: SheetModel, version: number): ReturnType<typeof sheetAxes> {
  const hit = axesCache.get(sheet);
  if (hit && hit.model === model && hit.version === version) return hit.axes;
  const axes = sheetAxes(model, sheet);
  axesCache.set(sheet, { model, version, axes });
  return axes;
}
