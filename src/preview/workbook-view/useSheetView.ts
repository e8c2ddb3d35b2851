/**
 * The state hook of the grid over one sheet (Fluent's split: state here, looks in ./styles, render
 * in ../WorkbookView): its size and what is in view, moving the selection by mouse and keyboard,
 * entries, and the alert.
 */
import { useRef, type KeyboardEvent } from "react";
import type { SheetModel } from "../../emulator/model";
import type { Translate } from "../../i18n";
import type { ShownWorkbook } from "../drawn";
import { formulaBarText, sheetAxesAt } from "../grid";
import type { AlertChoice } from "./AlertDialog";
import { rectOfCells, type Cell } from "./cursor";
import { gridKeyDown } from "./keys";
import { gridLayout, landing, scrollInto } from "./layout";
import { useElementSize, type GridCursor } from "./useGridCursor";
import { useGridEntry } from "./useGridEntry";

export interface SheetViewInput {
  emu: ShownWorkbook;
  version: number;
  t: Translate;
  onError: (message: string) => void;
  /** The sheet shown, and the visible sheets (the tabs). */
  sheet: SheetModel;
  sheets: SheetModel[];
  nav: GridCursor;
}

export function useSheetView(p: SheetViewInput) {
  const { emu, sheet, nav, t } = p;
  const model = emu.model;
  const { cursor, select } = nav;
  const { grid, scroller } = nav.refs;
  const { sel, ext } = cursor;
  const size = useElementSize(scroller, true);
  const dragging = useRef(false);
  const selRect = rectOfCells(sel, ext);
  const g = gridLayout(model, sheet, sheetAxesAt(model, sheet, p.version), cursor.scroll, size);
  const focusGrid = () => grid.current?.focus();
  /** Moves the active cell to (r, c); with `extend`, the selection grows from the active cell instead. */
  const goTo = (r: number, c: number, extend = false) => {
    const at = landing(sheet, g, extend ? ext : sel, r, c);
    if (extend) select(sel, at);
    else select(at, at);
    if (scroller.current) scrollInto(scroller.current, g, at.r, at.c);
  };
  const move = (dr: number, dc: number, extend = false) =>
    extend ? goTo(ext.r + dr, ext.c + dc, true) : goTo(sel.r + dr, sel.c + dc);
  const switchSheet = (delta: number) => {
    const i = p.sheets.findIndex((s) => s.id === sheet.id);
    const next = p.sheets[(i + delta + p.sheets.length) % p.sheets.length];
    if (next) nav.activate(next.id);
  };
  const entry = useGridEntry({ emu, sheet, sel, selRect, t, onError: p.onError, goTo, select, focusGrid });
  const edit = (at: Cell) => entry.startEdit(formulaBarText(model, sheet, at.r, at.c), "edit");

  return {
    g,
    sel,
    selRect,
    entry,
    onKey: (e: KeyboardEvent<HTMLDivElement>) => {
      if (entry.editing !== null || entry.alert !== null) return;
      gridKeyDown(e, {
        sel,
        used: model.usedRect(sheet),
        page: Math.max(1, Math.floor(size.h / 22)),
        goTo,
        move,
        select,
        switchSheet,
        edit: () => edit(sel),
        type: (k) => entry.startEdit(k, "enter"),
        clear: () => void entry.clearSelection(),
      });
    },
    pointer: {
      onPress: (at: Cell, extend: boolean) => {
        dragging.current = true;
        select(extend ? sel : at, at);
      },
      onDrag: (at: Cell) => dragging.current && select(sel, at),
      onRelease: () => {
        dragging.current = false;
      },
      onEdit: edit,
    },
    /** The alert's choice: Retry goes back to the entry; otherwise the grid takes the keyboard again. */
    closeAlert: (choice: AlertChoice) => {
      const alert = entry.alert;
      entry.closeAlert();
      if (choice === "retry") alert?.onRetry?.();
      else if (choice === "accept") alert?.onAccept?.();
      if (choice !== "retry") requestAnimationFrame(focusGrid);
    },
  };
}

export type SheetView = ReturnType<typeof useSheetView>;
