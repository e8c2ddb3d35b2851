/**
 * Typing into the grid, as Excel's UI takes it: an entry starts by typing (or F2, or a double
 * click), commits on Enter, Tab, an arrow (when started by typing) or click-away, and Esc cancels
 * it; a typed value is checked against the cell's data validation (Stop, Warning, Information);
 * a locked cell says what it holds and where to type instead. Delete clears the selection, and
 * ranges copy and paste as tab-separated text. Every write goes through the workbook's Excel.run.
 */
import { useRef, useState, type ClipboardEvent } from "react";
import type { Rect } from "../../address";
import type { SheetModel } from "../../emulator/model";
import type { Translate } from "../../i18n";
import type { DrawnWorkbook, ShownWorkbook } from "../drawn";
import { isLockedCell, nearestInput, parseTsv, pasteRect, refusal, toTsv, type Refusal } from "../entry";
import { a1, typedValue } from "../grid";
import type { Cell } from "./cursor";

export interface Editing {
  sheetId: string;
  r: number;
  c: number;
  text: string;
  /** "enter": started by typing (arrows commit and move); "edit": F2 or a double click (arrows move the caret). */
  mode: "enter" | "edit";
}

export interface Alert {
  title: string;
  message: string;
  buttons: "retryCancel" | "yesNoCancel" | "okCancel" | "ok";
  /** Retry / No: back to the entry; Yes / OK (Warning, Information): keep it. */
  onRetry?: () => void;
  onAccept?: () => void;
}

/** Excel's refusal of a locked cell, in the UI's language: what it holds and where to type instead. */
export function lockedAlert(model: DrawnWorkbook, s: SheetModel, r: number, c: number, t: Translate): Alert {
  const formula = model.formula(s, r, c);
  const input = nearestInput(model, s, r, c);
  const cell = a1(r, c);
  const f = typeof formula === "string" && formula.startsWith("=") ? formula : null;
  const what = f
    ? t("preview.locked.formula", { cell, formula: f.length > 60 ? `${f.slice(0, 57)}…` : f })
    : t("preview.locked.label", { cell });
  const where = input ? t("preview.locked.typeAt", { input }) : t("preview.locked.noInput");
  return { title: t("preview.locked.title", { sheet: s.name }), message: `${what} ${where}`, buttons: "ok" };
}

/** Writes cells through the workbook's Excel.run; a failure is reported, not thrown. */
async function writeCells(
  emu: ShownWorkbook,
  s: SheetModel,
  rect: Rect,
  cells: (string | number | boolean)[][],
  onError: (message: string) => void,
): Promise<boolean> {
  try {
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(s.name);
      ws.getRangeByIndexes(rect.r0, rect.c0, rect.r1 - rect.r0 + 1, rect.c1 - rect.c0 + 1).values = cells;
      await context.sync();
    });
    return true;
  } catch (e) {
    onError(`${s.name}!${a1(rect.r0, rect.c0)}: ${(e as Error).message}`);
    return false;
  }
}

/**
 * Data validation's alert for a refused entry, as Excel's UI shows it: Stop (Retry or Cancel),
 * Warning (Yes keeps it, No returns to the entry) or Information (OK keeps it).
 */
function refusalAlert(refused: Refusal, t: Translate, retry: () => void, accept: () => void): Alert {
  const title = refused.title || t("preview.validation.defaultTitle");
  const message = refused.message || t("preview.validation.defaultMessage");
  if (refused.style === "Stop") return { title, message, buttons: "retryCancel", onRetry: retry };
  if (refused.style === "Warning")
    return {
      title,
      message: `${message}\n${t("preview.validation.continue")}`,
      buttons: "yesNoCancel",
      onRetry: retry,
      onAccept: accept,
    };
  return { title, message, buttons: "okCancel", onAccept: accept };
}

/** The first locked cell of a rectangle, if any. */
function firstLocked(model: DrawnWorkbook, s: SheetModel, rect: Rect): Cell | null {
  for (let r = rect.r0; r <= rect.r1; r++)
    for (let c = rect.c0; c <= rect.c1; c++) if (isLockedCell(model, s, r, c)) return { r, c };
  return null;
}

export interface EntryContext {
  emu: ShownWorkbook;
  sheet: SheetModel;
  sel: Cell;
  selRect: Rect;
  t: Translate;
  onError: (message: string) => void;
  /** Moves the active cell (after Enter, Tab or an arrow commits). */
  goTo: (r: number, c: number) => void;
  select: (sel: Cell, ext: Cell) => void;
  focusGrid: () => void;
}

export function useGridEntry(x: EntryContext) {
  const { emu, sheet, sel, t } = x;
  const model = emu.model;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [alert, setAlert] = useState<Alert | null>(null);
  /** The entry already committed or cancelled (so the blur that follows does not commit it again). */
  const settled = useRef<Editing | null>(null);
  const refuseLocked = (at: Cell) => setAlert(lockedAlert(model, sheet, at.r, at.c, t));

  const write = (s: SheetModel, rect: Rect, cells: (string | number | boolean)[][]) =>
    writeCells(emu, s, rect, cells, x.onError);

  /**
   * Commits an entry (Enter, Tab, an arrow in Enter mode, or click-away): checked against the
   * cell's data validation as Excel's UI checks typed input, then written through the API.
   */
  const commit = async (ed: Editing, text: string, dr: number, dc: number, refocus: boolean) => {
    setEditing(null);
    const s = model.sheetById(ed.sheetId);
    if (!s) return;
    const value = text.startsWith("=") ? text : typedValue(text);
    const refused = text.startsWith("=") ? null : refusal(model, s, ed.r, ed.c, value);
    const done = async () => {
      if (await write(s, { r0: ed.r, c0: ed.c, r1: ed.r, c1: ed.c }, [[value]])) {
        if (dr || dc) x.goTo(ed.r + dr, ed.c + dc);
      }
      if (refocus) x.focusGrid();
    };
    if (!refused) return done();
    const retry = () => {
      x.select({ r: ed.r, c: ed.c }, { r: ed.r, c: ed.c });
      setEditing({ ...ed, text, mode: "edit" });
    };
    setAlert(refusalAlert(refused, t, retry, () => void done()));
  };

  return {
    editing,
    alert,
    closeAlert: () => setAlert(null),
    startEdit: (text: string, mode: Editing["mode"]) => {
      if (isLockedCell(model, sheet, sel.r, sel.c)) refuseLocked(sel);
      else setEditing({ sheetId: sheet.id, r: sel.r, c: sel.c, text, mode });
    },
    /** The editor's ways out: commit with a move, commit in place (click-away), or cancel. */
    finish: (ed: Editing, text: string, dr: number, dc: number) => {
      settled.current = ed;
      void commit(ed, text, dr, dc, true);
    },
    blur: (ed: Editing, text: string) => {
      if (settled.current === ed) return;
      settled.current = ed;
      void commit(ed, text, 0, 0, false);
    },
    cancel: (ed: Editing) => {
      settled.current = ed;
      setEditing(null);
      x.focusGrid();
    },
    clearSelection: async () => {
      const locked = firstLocked(model, sheet, x.selRect);
      if (locked) return refuseLocked(locked);
      const { r0, r1, c0, c1 } = x.selRect;
      await write(
        sheet,
        x.selRect,
        Array.from({ length: r1 - r0 + 1 }, () => Array<string>(c1 - c0 + 1).fill("")),
      );
    },
    onCopy: (e: ClipboardEvent<HTMLDivElement>) => {
      if (editing) return;
      e.preventDefault();
      // The cells as they are shown, tab-separated: what Excel puts on the clipboard as text.
      e.clipboardData.setData("text/plain", toTsv(model.texts(sheet, x.selRect)));
    },
    onPaste: (e: ClipboardEvent<HTMLDivElement>) => {
      if (editing) return;
      e.preventDefault();
      const block = parseTsv(e.clipboardData.getData("text/plain"));
      if (!block.length || !block[0].length) return;
      const rect = pasteRect(sel, block);
      const locked = firstLocked(model, sheet, rect);
      if (locked) return refuseLocked(locked);
      // Pasted text is entered as typed (numbers, dates, "=" formulas); pasting does not check
      // data validation, as in Excel.
      void write(sheet, rect, block).then(
        (ok) => ok && x.select({ r: rect.r0, c: rect.c0 }, { r: rect.r1, c: rect.c1 }),
      );
    },
  };
}

export type GridEntry = ReturnType<typeof useGridEntry>;
