/**
 * Where the grid is: the sheet shown, the active cell and the selection's other corner, each
 * sheet's last active cell, and the scroll. A reducer, so that the grid's state changes in one
 * place and can be tested without React.
 *
 * The selection and the active sheet are the workbook's (getSelectedRange, getActiveCell and
 * getActiveWorksheet see them), so the view and the workbook's API both move them:
 * - the view writes them when the analyst moves (in the handler, before it dispatches), and when
 *   it follows the API to another sheet (its effect writes the sheet's remembered selection);
 * - the API moves them inside Excel.run, after which the host bumps the version: the view then
 *   compares the workbook with what it last wrote (`selection`, the very object) and follows.
 * A model swapped under the view (the sample's live workbook replacing its snapshot) takes the
 * view's sheet and selection instead.
 */
import type { Rect } from "../../address";
import type { DrawnWorkbook } from "../drawn";

export interface Cell {
  r: number;
  c: number;
}

export type Selection = NonNullable<DrawnWorkbook["selection"]>;

export interface Cursor {
  /** The workbook drawn, and the host's version of it as last seen. */
  model: DrawnWorkbook;
  version: number;
  /** The sheet shown (null when the workbook has none). */
  sheetId: string | null;
  /** The active cell, and the selection's other corner. */
  sel: Cell;
  ext: Cell;
  /** The workbook's selection as the view last wrote it or took it from the API. */
  selection: Selection | null;
  /** Each sheet's last active cell, restored when its tab is chosen again (as in Excel). */
  remembered: Record<string, Cell>;
  scroll: { top: number; left: number };
  /** An API's selection to bring into view (its first row); counted, so each one is brought. */
  jump: { count: number; row: number };
  /** How many times a sheet was shown from its top (its body scrolled back to the start). */
  tops: number;
}

/** What the view reads of the workbook while rendering, to see what the API changed. */
export interface Seen {
  model: DrawnWorkbook;
  version: number;
  selection: Selection | null;
  activeSheetId: string | null;
  /** The visible sheets' ids, in tab order. */
  visible: string[];
}

export type CursorAction =
  | ({ type: "sync" } & Seen)
  /** The analyst moved the selection; `selection` is what the view wrote to the workbook. */
  | { type: "select"; sel: Cell; ext: Cell; selection: Selection }
  /** The analyst chose a sheet; its remembered selection was written to the workbook. */
  | { type: "show"; sheetId: string; selection: Selection }
  | { type: "scroll"; top: number; left: number };

export const rectOfCells = (a: Cell, b: Cell): Rect => ({
  r0: Math.min(a.r, b.r),
  c0: Math.min(a.c, b.c),
  r1: Math.max(a.r, b.r),
  c1: Math.max(a.c, b.c),
});

const sameRect = (a: Rect, b: Rect) => a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;

/** The selection of (sel, ext) on a sheet: `current` itself when it is already that, else a new one. */
export function selectionOf(sheetId: string, sel: Cell, ext: Cell, current: Selection | null): Selection {
  const rect = rectOfCells(sel, ext);
  return current && current.sheetId === sheetId && sameRect(current.rect, rect) ? current : { sheetId, rect };
}

/** The sheet the view shows for a workbook: its active sheet if visible, else the first visible one. */
const shownSheet = (seen: Pick<Seen, "activeSheetId" | "visible">) =>
  seen.activeSheetId !== null && seen.visible.includes(seen.activeSheetId)
    ? seen.activeSheetId
    : (seen.visible[0] ?? null);

export function initialCursor(seen: Seen): Cursor {
  const sheetId = shownSheet(seen);
  const at = { r: 0, c: 0 };
  return {
    model: seen.model,
    version: seen.version,
    sheetId,
    sel: at,
    ext: at,
    // Written by the view's effect when it mounts (an API selection made before is not followed).
    selection: sheetId === null ? seen.selection : selectionOf(sheetId, at, at, seen.selection),
    remembered: {},
    scroll: { top: 0, left: 0 },
    jump: { count: 0, row: 0 },
    tops: 0,
  };
}

/** Leaves the shown sheet (remembering its active cell) for another, at its remembered cell, from its top. */
function show(s: Cursor, sheetId: string | null, selection: (at: Cell) => Selection | null): Cursor {
  const remembered = s.sheetId === null ? s.remembered : { ...s.remembered, [s.sheetId]: s.sel };
  const at = (sheetId !== null && remembered[sheetId]) || { r: 0, c: 0 };
  return {
    ...s,
    sheetId,
    sel: at,
    ext: at,
    selection: selection(at),
    remembered,
    scroll: { top: 0, left: 0 },
    tops: s.tops + 1,
  };
}

/** The workbook as read while rendering: a new model keeps the view; a new version is followed. */
function sync(s: Cursor, a: Seen): Cursor {
  // The same workbook under a new model: it takes the view's sheet and selection (the effect writes them).
  if (a.model !== s.model) return { ...s, model: a.model, version: a.version };
  if (a.version === s.version) return s;
  const seen = { ...s, version: a.version };
  const api = a.selection;
  if (api && api !== s.selection) {
    // The API selected a range (the task pane's "Go to"): the view moves there.
    const remembered = s.sheetId === null ? s.remembered : { ...s.remembered, [s.sheetId]: s.sel };
    return {
      ...seen,
      sheetId: api.sheetId,
      sel: { r: api.rect.r0, c: api.rect.c0 },
      ext: { r: api.rect.r1, c: api.rect.c1 },
      selection: api,
      remembered,
      jump: { count: s.jump.count + 1, row: api.rect.r0 },
    };
  }
  const sheetId = shownSheet(a);
  // The API activated a sheet (a step's sheet after its Generate): shown from its top, at its remembered cell.
  if (sheetId !== s.sheetId) return show(seen, sheetId, (at) => (sheetId ? selectionOf(sheetId, at, at, null) : null));
  return seen;
}

export function cursorReducer(s: Cursor, a: CursorAction): Cursor {
  switch (a.type) {
    case "sync":
      return sync(s, a);
    case "select":
      return { ...s, sel: a.sel, ext: a.ext, selection: a.selection };
    case "show":
      return a.sheetId === s.sheetId ? s : show(s, a.sheetId, () => a.selection);
    case "scroll":
      return s.scroll.top === a.top && s.scroll.left === a.left ? s : { ...s, scroll: { top: a.top, left: a.left } };
  }
}
