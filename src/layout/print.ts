/**
 * Print designed, not shrunk (issue 28, item 4). "Fit to one page wide" printed the Solutions
 * sheet at 30% of its font size; a manager cannot read that. Here each sheet prints at one
 * percentage scale of 70% or more on the run's paper (A4, or Letter for en-US), landscape:
 *
 * - the scale is the largest (up to 100%) at which the widest column band fits the page;
 * - a sheet too wide for one page at 70% is cut into column bands at block boundaries (manual
 *   vertical page breaks), with its title columns repeated;
 * - pages are cut between blocks (manual horizontal page breaks), never through a table or a
 *   chart when a block fits a page;
 * - rows holding wrapped text get the height their lines need (estimated: src/text-metrics).
 *
 * Excel honours manual page breaks only under a percentage scale, not under "Fit to"
 * (docs/excel-behaviour.md), which is why the scale is a percentage.
 */
import { columnLetter, parseRect } from "../address";
import { maxOf } from "../arrays";
import { lineHeight, wrappedLines } from "../text-metrics";
import type { Block, PlanCell, SheetPlan } from "./plan";

export type Paper = "A4" | "Letter";

/** Landscape page sizes in points (A4 297 × 210 mm; Letter 11 × 8.5 in). */
const PAGE: Record<Paper, { w: number; h: number }> = { A4: { w: 842, h: 595 }, Letter: { w: 792, h: 612 } };
/** The margins every sheet prints with (inches, as the writer and the file export set them). */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/** Excel's default column width (8.43 characters of Calibri 11) and row height, in points. */
const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;
/** The share of a page's height the designer fills. */
const PAGE_SLACK = 0.9;
/** No printed page below this share of its font's size. */
export const MIN_SCALE = 70;

/** The printable width and height of a landscape page, in points. */
export function printable(paper: Paper): { w: number; h: number } {
  const p = PAGE[paper];
  return {
    w: p.w - (PRINT_MARGINS.left + PRINT_MARGINS.right) * 72,
    h: p.h - (PRINT_MARGINS.top + PRINT_MARGINS.bottom) * 72,
  };
}

/** Which columns (0-based) the plan hides. */
function hiddenSet(plan: SheetPlan): Set<number> {
  const out = new Set<number>();
  for (const spec of plan.hiddenColumns ?? []) {
    const { c0, c1 } = parseRect(spec.replace(/\$/g, ""));
    for (let c = c0; c <= c1; c++) out.add(c);
  }
  return out;
}

/** A column's width in points as it prints (0 when hidden). */
export function columnWidthOf(plan: SheetPlan, c: number, hidden = hiddenSet(plan)): number {
  if (hidden.has(c)) return 0;
  return plan.columnWidths?.[columnLetter(c)] ?? DEFAULT_COLUMN_WIDTH;
}

interface Span {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** The rectangles that should not be cut by a page break: visible blocks, merges, charts and diagrams. */
function spans(plan: SheetPlan): Span[] {
  const out: Span[] = [];
  for (const b of plan.blocks) {
    if (b.helper || !b.cells.length) continue;
    const { r0, c0 } = parseRect(b.at);
    const width = maxOf(
      b.cells.map((r) => r.length),
      1,
    );
    out.push({ r0, r1: r0 + b.cells.length - 1, c0, c1: c0 + width - 1 });
  }
  for (const m of plan.merges ?? []) out.push(parseRect(m));
  for (const ch of [...(plan.charts ?? []), ...(plan.diagrams ?? [])]) {
    const a = parseRect(ch.at);
    const z = parseRect(ch.to);
    out.push({ r0: a.r0, r1: z.r1, c0: a.c0, c1: z.c1 });
  }
  return out;
}

/** The merged range a cell heads, if any. */
function mergeAt(plan: SheetPlan, r: number, c: number): Span | undefined {
  for (const m of plan.merges ?? []) {
    const x = parseRect(m);
    if (x.r0 === r && x.c0 === c) return x;
  }
  return undefined;
}

/**
 * Heights for rows whose text wraps: constant text in a wrapped block, over its column (or its
 * merged range). A row keeps a larger height the plan gave it. Formula text is not known here;
 * Excel (autofitRows) and the emulator's autofit size those rows after the values are computed.
 */
export function wrappedRowHeights(plan: SheetPlan): Record<number, number> {
  const hidden = hiddenSet(plan);
  const out: Record<number, number> = {};
  for (const b of plan.blocks) {
    if (!b.style?.wrap || b.helper) continue;
    const { r0, c0 } = parseRect(b.at);
    const size = b.style.fontSize ?? 11;
    b.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v !== "string" || v === "") return;
        const r = r0 + i;
        const c = c0 + j;
        const m = mergeAt(plan, r, c);
        if (m && m.r1 > m.r0) return; // a tall merge spreads its lines over rows: left as planned
        let width = 0;
        for (let k = c; k <= (m?.c1 ?? c); k++) width += columnWidthOf(plan, k, hidden);
        if (!width) return;
        const lines = wrappedLines(v, width, size);
        if (lines < 2) return;
        const h = lines * lineHeight(size) + 2;
        out[r + 1] = Math.max(out[r + 1] ?? 0, Math.min(409, h));
      }),
    );
  }
  return out;
}

/** A row's height in points as planned (1-based keys in plan.rowHeights). */
function rowHeightOf(plan: SheetPlan, r: number): number {
  return plan.rowHeights?.[r + 1] ?? DEFAULT_ROW_HEIGHT;
}

/**
 * Where to cut `[first, last]` (0-based) into pieces no longer than `room`, measured by `size`;
 * a cut falls where `clean(i)` (i starts a new piece) when it can. Returns the first index of each
 * new piece.
 */
function cuts(
  first: number,
  last: number,
  room: (pieceStart: number) => number,
  size: (i: number) => number,
  clean: (i: number) => boolean,
): number[] {
  const out: number[] = [];
  let start = first;
  let used = 0;
  for (let i = first; i <= last; i++) {
    const s = size(i);
    if (used + s <= room(start) || i === start) {
      used += s;
      continue;
    }
    // Too long: cut at the last clean place after the piece's start from which the rest up to
    // here still fits (a block taller than a page is cut inside, where it overflows), else here.
    let at = i;
    let tail = s;
    for (let k = i; k > start; k--) {
      if (k < i) tail += size(k);
      if (tail > room(k)) break;
      if (clean(k)) {
        at = k;
        break;
      }
    }
    out.push(at);
    start = at;
    used = 0;
    for (let k = at; k <= i; k++) used += size(k);
  }
  return out;
}

/**
 * Designs the sheet's print on `paper`: the scale, the column bands and the page breaks, the
 * heights of rows with wrapped text, and the print area without hidden helper columns at its
 * right edge. Mutates and returns the plan.
 */
export function designPrint(plan: SheetPlan, paper: Paper): SheetPlan {
  const print = plan.print;
  if (!print) return plan;
  // Rows with wrapped constant text grow to show it.
  const wrapped = wrappedRowHeights(plan);
  plan.rowHeights = { ...plan.rowHeights };
  for (const [r, h] of Object.entries(wrapped)) plan.rowHeights[+r] = Math.max(plan.rowHeights[+r] ?? 0, h);

  const hidden = hiddenSet(plan);
  const area = parseRect(print.area);
  // Hidden helper columns at the area's right edge do not belong to it.
  while (area.c1 > area.c0 && hidden.has(area.c1)) area.c1--;
  print.area = `${columnLetter(area.c0)}${area.r0 + 1}:${columnLetter(area.c1)}${area.r1 + 1}`;

  const page = printable(paper);
  const blocks = spans(plan);
  const width = (c: number) => columnWidthOf(plan, c, hidden);
  let titleWidth = 0;
  if (print.titleColumns) {
    const { c0, c1 } = parseRect(print.titleColumns);
    for (let c = c0; c <= c1; c++) titleWidth += width(c);
  }
  // Columns: bands no wider than the page at the smallest scale allowed.
  const widest = (page.w * 100) / MIN_SCALE;
  const colClean = (c: number) => blocks.every((s) => !(s.c0 < c && c <= s.c1));
  const colBreaks = cuts(area.c0, area.c1, (start) => widest - (start > area.c0 ? titleWidth : 0), width, colClean);
  const bands: [number, number][] = [];
  let s0 = area.c0;
  for (const b of [...colBreaks, area.c1 + 1]) {
    bands.push([s0, b - 1]);
    s0 = b;
  }
  let bandMax = 0;
  bands.forEach(([a, b], i) => {
    let w = i > 0 ? titleWidth : 0;
    for (let c = a; c <= b; c++) w += width(c);
    bandMax = Math.max(bandMax, w);
  });
  let scale = Math.max(MIN_SCALE, Math.min(100, Math.floor((page.w * 100) / Math.max(1, bandMax))));
  // A sheet meant for one page (the overview) shrinks to one page tall when 70% allows it.
  if (print.pagesTall === 1 && bands.length === 1) {
    let total = 0;
    for (let r = area.r0; r <= area.r1; r++) total += rowHeightOf(plan, r);
    const tallScale = Math.floor((page.h * 100) / Math.max(1, total));
    if (tallScale < scale) scale = Math.max(MIN_SCALE, tallScale);
  }

  // Rows: pages as tall as the page at that scale, less the title rows repeated on each.
  const titleRows = print.titleRows ? parseRect(print.titleRows) : null;
  let titleHeight = 0;
  if (titleRows) for (let r = titleRows.r0; r <= titleRows.r1; r++) titleHeight += rowHeightOf(plan, r);
  // A margin for the hosts' own row heights (fonts, wrapped formula text sized after the run):
  // a page planned a little short is never cut again by an automatic break just before ours.
  // A one-page sheet sets its rows' heights itself: no margin needed.
  const tallest = ((page.h * 100) / scale) * (print.pagesTall === 1 ? 1 : PAGE_SLACK);
  // A page is not cut through a block, nor just under a one-row block (a section's heading stays
  // with what it heads).
  const rowClean = (r: number) =>
    blocks.every((s) => !(s.r0 < r && r <= s.r1)) && !blocks.some((s) => s.r0 === r - 1 && s.r1 === r - 1);
  const rowBreaks = cuts(
    area.r0,
    area.r1,
    (start) => tallest - (start > area.r0 && titleRows && start > titleRows.r1 ? titleHeight : 0),
    (r) => rowHeightOf(plan, r),
    rowClean,
  );
  Object.assign(print, { paper, scale, rowBreaks, colBreaks });
  return plan;
}

/** A number format that shows a number (digits, a percentage or a date), not text. */
function numericFormat(f: string | undefined): boolean {
  return !!f && f !== "@" && /[0#?%]|yy|mm|dd/i.test(f);
}

/** The number format of a block's cell (row i, column j of the block). */
function formatAt(b: Block, i: number, j: number): string | undefined {
  return typeof b.numberFormat === "string" ? b.numberFormat : b.numberFormat?.[i]?.[j];
}

/**
 * Headers aligned as their column's values (issue 28): a header cell over a column of numbers is
 * right-aligned, so a value reads under its own header and not the next. A one-row header block
 * (the sheets' header style) is split into runs of left- and right-aligned cells; the block right
 * under it tells which columns hold numbers (its first row's number formats).
 */
export function alignHeaders(plan: SheetPlan, headerFill: string): SheetPlan {
  const out: Block[] = [];
  for (const b of plan.blocks) {
    if (b.cells.length !== 1 || b.style?.fill !== headerFill || b.style.align || b.helper) {
      out.push(b);
      continue;
    }
    const { r0, c0 } = parseRect(b.at);
    const below = plan.blocks.filter((d) => !d.helper && d !== b && parseRect(d.at).r0 === r0 + 1);
    const right = b.cells[0].map((_, j) => {
      const c = c0 + j;
      const d = below.find((x) => {
        const at = parseRect(x.at);
        return c >= at.c0 && c < at.c0 + (x.cells[0]?.length ?? 0);
      });
      if (!d) return false;
      const k = c - parseRect(d.at).c0;
      const v = d.cells[0]?.[k];
      return numericFormat(formatAt(d, 0, k)) && (typeof v === "number" || (typeof v === "object" && v !== null));
    });
    if (!right.some(Boolean)) {
      out.push(b);
      continue;
    }
    // Runs of the same alignment, each its own block.
    let start = 0;
    for (let j = 1; j <= right.length; j++) {
      if (j < right.length && right[j] === right[start]) continue;
      const cells: PlanCell[][] = [b.cells[0].slice(start, j)];
      out.push({
        ...b,
        at: `${columnLetter(c0 + start)}${r0 + 1}`,
        cells,
        style: right[start] ? { ...b.style, align: "Right" } : b.style,
      });
      start = j;
    }
  }
  plan.blocks = out;
  return plan;
}
