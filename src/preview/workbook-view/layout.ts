/**
 * What the grid draws at its scroll and size: the rows and columns in view (frozen rows apart),
 * each cell's look, and the moves that keep the active cell in view.
 */
import type { Rect } from "../../address";
import type { SheetModel } from "../../emulator/model";
import type { DrawnWorkbook } from "../drawn";
import { cellLooks, landingColumn, visibleSpan, type Axis, type CellLook } from "../grid";
import type { Cell } from "./cursor";

export interface GridLayout {
  rows: Axis;
  cols: Axis;
  nRows: number;
  nCols: number;
  /** Frozen rows (drawn on top, not scrolled), and their height. */
  frozen: number;
  frozenH: number;
  /** The body's rows in view (from firstBody to r1) and the columns in view (c0 to c1). */
  firstBody: number;
  r1: number;
  c0: number;
  c1: number;
  /** The looks of the body's cells in view, and of the frozen rows' cells in view. */
  body: CellLook[][];
  top: CellLook[][];
}

export function gridLayout(
  model: DrawnWorkbook,
  sheet: SheetModel,
  axes: { rows: Axis; cols: Axis },
  scroll: { top: number; left: number },
  size: { w: number; h: number },
): GridLayout {
  const { rows, cols } = axes;
  const nRows = rows.offsets.length - 1;
  const nCols = cols.offsets.length - 1;
  const frozen = Math.min(sheet.freeze.rows, nRows);
  const frozenH = rows.offsets[frozen];
  const [r0, r1] = visibleSpan(rows, frozenH + scroll.top, size.h);
  const [c0, c1] = visibleSpan(cols, scroll.left, size.w);
  const firstBody = Math.max(r0, frozen);
  const body = firstBody <= r1 ? cellLooks(model, sheet, { r0: firstBody, r1, c0, c1 }) : [];
  const top = frozen ? cellLooks(model, sheet, { r0: 0, r1: frozen - 1, c0, c1 }) : [];
  return { rows, cols, nRows, nCols, frozen, frozenH, firstBody, r1, c0, c1, body, top };
}

/** Scrolls the body so that cell (r, c) is in view; a cell in the frozen rows scrolls it back to the top. */
export function scrollInto(el: HTMLElement, g: GridLayout, r: number, c: number): void {
  const y = g.rows.offsets[r] - g.frozenH;
  const y2 = g.rows.offsets[r + 1] - g.frozenH;
  // Into the frozen rows (Ctrl+Home, PageUp to the top): the rows under them scroll back to the top too.
  if (r < g.frozen) el.scrollTop = 0;
  else if (y < el.scrollTop) el.scrollTop = y;
  else if (y2 > el.scrollTop + el.clientHeight) el.scrollTop = y2 - el.clientHeight;
  const x = g.cols.offsets[c];
  const x2 = g.cols.offsets[c + 1];
  if (x < el.scrollLeft) el.scrollLeft = x;
  else if (x2 > el.scrollLeft + el.clientWidth) el.scrollLeft = x2 - el.clientWidth;
}

/** Where a move to (r, c) lands: inside the sheet, and past hidden columns in the direction of travel. */
export function landing(sheet: SheetModel, g: GridLayout, from: Cell, r: number, c: number): Cell {
  const clampR = Math.max(0, Math.min(g.nRows - 1, r));
  const clampC = Math.max(0, Math.min(g.nCols - 1, c));
  return { r: clampR, c: landingColumn(sheet.hiddenColumns, from.c, clampC, g.nCols) };
}

/** Whether the active cell is drawn (in view, and not covered by a merge): only then is it the active descendant. */
export function activeDrawn(g: GridLayout, sel: Cell): boolean {
  if (sel.c < g.c0 || sel.c > g.c1) return false;
  if (sel.r < g.frozen) return !g.top[sel.r]?.[sel.c - g.c0]?.covered;
  if (sel.r < g.firstBody || sel.r > g.r1) return false;
  return !g.body[sel.r - g.firstBody]?.[sel.c - g.c0]?.covered;
}

export const inRect = (rect: Rect, r: number, c: number) =>
  r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;
