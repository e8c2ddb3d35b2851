/**
 * The grid's keyboard, as Excel's: arrows, PageUp/PageDown, Home, End and Ctrl+End move (Shift
 * extends); Enter moves down (Shift+Enter up); F2 edits; Delete clears; Esc collapses the
 * selection; Ctrl+A selects the used range; Ctrl+PgUp/PgDn switch sheets; a character starts an
 * entry. Tab is not taken: the grid is one tab stop (the ARIA grid pattern), so Tab leaves it.
 */
import type { KeyboardEvent } from "react";
import type { Rect } from "../../address";
import type { Cell } from "./cursor";

export interface GridKeys {
  sel: Cell;
  /** The used range (for End, Ctrl+End and Ctrl+A), null on an empty sheet. */
  used: Rect | null;
  /** Rows a page moves. */
  page: number;
  goTo: (r: number, c: number, extend?: boolean) => void;
  move: (dr: number, dc: number, extend?: boolean) => void;
  select: (sel: Cell, ext: Cell) => void;
  switchSheet: (delta: number) => void;
  /** Starts an entry: F2 with the cell's text (edit), or a typed character (enter). */
  edit: () => void;
  type: (text: string) => void;
  clear: () => void;
}

export function gridKeyDown(e: KeyboardEvent<HTMLDivElement>, g: GridKeys): void {
  const k = e.key;
  const ctrl = e.ctrlKey || e.metaKey;
  const { sel, used } = g;
  const last = { r: used ? used.r1 : 0, c: used ? used.c1 : 0 };
  const arrows: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    PageDown: [g.page, 0],
    PageUp: [-g.page, 0],
  };
  // Ctrl+PgUp / Ctrl+PgDn (Ctrl+Alt in browsers that keep Ctrl+PgUp for their own tabs): the previous / next sheet.
  if (ctrl && (k === "PageUp" || k === "PageDown")) g.switchSheet(k === "PageUp" ? -1 : 1);
  else if (arrows[k]) g.move(arrows[k][0], arrows[k][1], e.shiftKey);
  else if (k === "Home") g.goTo(ctrl ? 0 : sel.r, 0, e.shiftKey);
  else if (k === "End") g.goTo(ctrl ? last.r : sel.r, last.c, e.shiftKey);
  // Excel: Enter moves down, Shift+Enter up (F2 edits).
  else if (k === "Enter") g.move(e.shiftKey ? -1 : 1, 0);
  else if (k === "F2") g.edit();
  else if (k === "Delete" || k === "Backspace") g.clear();
  else if (k === "Escape") {
    g.select(sel, sel);
    return;
  } else if (ctrl && (k === "a" || k === "A")) g.select({ r: 0, c: 0 }, last);
  else if (k.length === 1 && !ctrl && !e.altKey) g.type(k);
  else return;
  e.preventDefault();
}
