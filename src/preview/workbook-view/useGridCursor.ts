/**
 * The grid's cursor as a hook: the reducer (./cursor) kept in step with the workbook, the writes
 * of the view's sheet and selection to it, and the scrolling and focus that follow an API's move.
 */
import { useLayoutEffect, useReducer, useRef, useState, type RefObject } from "react";
import { showInWorkbook, type DrawnWorkbook } from "../drawn";
import { cursorReducer, initialCursor, selectionOf, type Cell, type Seen } from "./cursor";

/** The workbook as the view reads it while rendering. */
function seenOf(model: DrawnWorkbook, version: number): Seen {
  return {
    model,
    version,
    selection: model.selection,
    activeSheetId: model.activeSheetId,
    visible: model.sheets.filter((s) => s.visibility === "Visible").map((s) => s.id),
  };
}

/** An element's client size, measured when it appears and whenever it is resized. */
export function useElementSize(ref: RefObject<HTMLElement>, present: boolean) {
  const [size, setSize] = useState({ w: 800, h: 500 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [ref, present]);
  return size;
}

export function useGridCursor(model: DrawnWorkbook, version: number) {
  const [cursor, dispatch] = useReducer(cursorReducer, seenOf(model, version), initialCursor);
  // A new version or a new model: follow what the API changed, or keep the view on the new model.
  if (model !== cursor.model || version !== cursor.version) dispatch({ type: "sync", ...seenOf(model, version) });
  /** The grid (the keyboard's one stop) and its body's scroll box. */
  const grid = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);

  // The workbook shows the view's sheet and selection: written here when the view followed the API
  // to another sheet (its remembered selection), took a new model, or mounted.
  const { sheetId, selection, jump, tops } = cursor;
  useLayoutEffect(() => {
    if (sheetId !== null) showInWorkbook(model, sheetId, selection);
  }, [model, sheetId, selection]);
  // A selection made through the API (the task pane's "Go to") moves the view there and takes the
  // keyboard to the grid.
  useLayoutEffect(() => {
    if (!jump.count) return;
    const el = scroller.current;
    if (el) {
      el.scrollTop = Math.max(0, jump.row * 22 - 44);
      el.scrollLeft = 0;
    }
    grid.current?.focus();
  }, [jump]);
  // Another sheet shows from its top.
  useLayoutEffect(() => {
    if (!tops || !scroller.current) return;
    scroller.current.scrollTop = 0;
    scroller.current.scrollLeft = 0;
  }, [tops]);

  /** Moves the selection (written to the workbook at once, so the API sees the analyst's move). */
  const select = (sel: Cell, ext: Cell) => {
    if (sheetId === null) return;
    const next = selectionOf(sheetId, sel, ext, selection);
    showInWorkbook(model, sheetId, next);
    dispatch({ type: "select", sel, ext, selection: next });
  };
  /** Shows another sheet, at its remembered cell. */
  const activate = (id: string) => {
    if (id === sheetId) return;
    const at = cursor.remembered[id] ?? { r: 0, c: 0 };
    const next = selectionOf(id, at, at, null);
    showInWorkbook(model, id, next);
    dispatch({ type: "show", sheetId: id, selection: next });
  };
  const onScroll = (top: number, left: number) => dispatch({ type: "scroll", top, left });
  return { cursor, select, activate, onScroll, refs: { grid, scroller } };
}

export type GridCursor = ReturnType<typeof useGridCursor>;
