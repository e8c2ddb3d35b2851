import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { rectOf, type Rect } from "../address";
import type { SheetModel } from "../emulator/model";
import type { Translate } from "../i18n";
import { ChartView } from "./charts";
import type { ShownWorkbook } from "./drawn";
import { ShapesView } from "./shapes";
import { isLockedCell, nearestInput, parseTsv, pasteRect, refusal, toTsv, type Refusal } from "./entry";
import {
  a1,
  cellLooks,
  fitNumber,
  formulaBarText,
  landingColumn,
  sheetAxes,
  typedValue,
  visibleSpan,
  type Axis,
  type CellLook,
} from "./grid";

const HEADER_H = 22;
const HEADER_W = 48;
const GRID = "#E1DFDD";
const PAD_X = 4;

export interface WorkbookViewProps {
  emu: ShownWorkbook;
  /** Bumped after every change to the workbook, so the view redraws. */
  version: number;
  /** The UI's language (the task pane's): labels, alerts and messages. */
  t: Translate;
  onError: (message: string) => void;
}

function colName(c: number) {
  return a1(0, c).replace(/\d+$/, "");
}

/** Text widths for "###": the browser's canvas, or an estimate where there is none (jsdom). */
const canvas: { ctx?: CanvasRenderingContext2D | null } = {};
export function measureText(text: string, fontPx: number, bold = false): number {
  if (canvas.ctx === undefined) {
    const jsdom = typeof navigator !== "undefined" && /jsdom/i.test(navigator.userAgent);
    canvas.ctx = jsdom || typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  }
  const ctx = canvas.ctx;
  if (!ctx) return text.length * fontPx * 0.55;
  ctx.font = `${bold ? 600 : 400} ${fontPx}px "Segoe UI", "Noto Sans CJK SC", sans-serif`;
  return ctx.measureText(text).width;
}

interface Editing {
  sheetId: string;
  r: number;
  c: number;
  text: string;
  /** "enter": started by typing (arrows commit and move); "edit": F2 or a double click (arrows move the caret). */
  mode: "enter" | "edit";
}

interface Alert {
  title: string;
  message: string;
  buttons: "retryCancel" | "yesNoCancel" | "okCancel" | "ok";
  /** Retry / No: back to the entry; Yes / OK (Warning, Information): keep it. */
  onRetry?: () => void;
  onAccept?: () => void;
}

/**
 * A virtualised grid over the emulator's model that behaves as Excel's UI does: only the rows and
 * columns in view are drawn (100,000 rows scroll); frozen rows stay on top; the selection is the
 * workbook's (getSelectedRange / getActiveCell see it); an entry commits on Enter, Tab or
 * click-away and Esc cancels it; data validation refuses an invalid typed entry with the rule's
 * alert; a locked cell says what it holds and where to type instead; ranges copy and paste as
 * tab-separated text. It is one ARIA grid (column headers, rows, cells named by address and
 * value, the active cell as the active descendant); the charts float above it, outside it.
 */
export function WorkbookView(props: WorkbookViewProps) {
  const { emu, version, t } = props;
  const model = emu.model;
  // The same workbook under a new model (the sample's live emulator replacing its snapshot, kept
  // under this view by PreviewApp): it takes the view's sheet and selection — the very selection
  // object, so the effects below see no move — as they are now, clicks made during the swap included.
  const shownModel = useRef(model);
  if (shownModel.current !== model) {
    model.activeSheetId = shownModel.current.activeSheetId;
    model.selection = shownModel.current.selection;
    shownModel.current = model;
  }
  const uid = useId().replace(/:/g, "");
  const visibleSheets = model.sheets.filter((s) => s.visibility === "Visible");
  // The sheet shown is the workbook's active sheet: the API's activate() (the overview after
  // Generate all, a step's sheet after its Generate) switches the view as it does in Excel.
  const sheet: SheetModel | undefined = visibleSheets.find((s) => s.id === model.activeSheetId) ?? visibleSheets[0];
  const [, redraw] = useState(0);
  const [sel, setSel] = useState({ r: 0, c: 0 });
  const [ext, setExt] = useState({ r: 0, c: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [alert, setAlert] = useState<Alert | null>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [size, setSize] = useState({ w: 800, h: 500 });
  const scroller = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const tabsRef = useRef<HTMLDivElement>(null);
  /** Each sheet's last selection, restored when its tab is chosen again (as in Excel). */
  const remembered = useRef(new Map<string, { r: number; c: number }>());
  const shownSheet = useRef(sheet?.id);
  const lastSelection = useRef(model.selection);
  const dragging = useRef(false);
  /** The entry already committed or cancelled (so the blur that follows does not commit it again). */
  const settled = useRef<Editing | null>(null);

  // A selection made through the API (the task pane's "Go to") moves the view there and takes
  // the keyboard to the grid; a sheet activated through the API shows from its top.
  useLayoutEffect(() => {
    const s = model.selection;
    if (s && s !== lastSelection.current) {
      lastSelection.current = s;
      shownSheet.current = s.sheetId;
      setSel({ r: s.rect.r0, c: s.rect.c0 });
      setExt({ r: s.rect.r1, c: s.rect.c1 });
      const el = scroller.current;
      if (el) {
        el.scrollTop = Math.max(0, s.rect.r0 * 22 - 44);
        el.scrollLeft = 0;
      }
      gridRef.current?.focus();
    } else if (sheet && sheet.id !== shownSheet.current) {
      shownSheet.current = sheet.id;
      const at = remembered.current.get(sheet.id) ?? { r: 0, c: 0 };
      setSel(at);
      setExt(at);
      setScroll({ top: 0, left: 0 });
      if (scroller.current) {
        scroller.current.scrollTop = 0;
        scroller.current.scrollLeft = 0;
      }
    }
  }, [version, model, sheet?.id]);

  // The grid's selection is the workbook's.
  useEffect(() => {
    if (!sheet || shownSheet.current !== sheet.id) return;
    const rect: Rect = {
      r0: Math.min(sel.r, ext.r),
      c0: Math.min(sel.c, ext.c),
      r1: Math.max(sel.r, ext.r),
      c1: Math.max(sel.c, ext.c),
    };
    const cur = model.selection;
    if (
      cur &&
      cur.sheetId === sheet.id &&
      cur.rect.r0 === rect.r0 &&
      cur.rect.c0 === rect.c0 &&
      cur.rect.r1 === rect.r1 &&
      cur.rect.c1 === rect.c1
    )
      return;
    model.selection = { sheetId: sheet.id, rect };
    model.activeSheetId = sheet.id;
    lastSelection.current = model.selection;
    remembered.current.set(sheet.id, sel);
  }, [sel, ext, sheet?.id, model]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [sheet === undefined]);

  const axes = useMemo(() => (sheet ? sheetAxes(model, sheet) : null), [model, sheet, version]);
  if (!sheet || !axes)
    return (
      <div role="region" aria-label={t("preview.grid")} style={{ padding: 12 }}>
        {t("preview.noSheets")}
      </div>
    );
  const nRows = axes.rows.offsets.length - 1;
  const nCols = axes.cols.offsets.length - 1;
  const frozen = Math.min(sheet.freeze.rows, nRows);
  const frozenH = axes.rows.offsets[frozen];
  const [r0, r1] = visibleSpan(axes.rows, frozenH + scroll.top, size.h);
  const [c0, c1] = visibleSpan(axes.cols, scroll.left, size.w);
  const firstBody = Math.max(r0, frozen);
  const body = firstBody <= r1 ? cellLooks(model, sheet, { r0: firstBody, r1, c0, c1 }) : [];
  const top = frozen ? cellLooks(model, sheet, { r0: 0, r1: frozen - 1, c0, c1 }) : [];
  const selRect: Rect = {
    r0: Math.min(sel.r, ext.r),
    c0: Math.min(sel.c, ext.c),
    r1: Math.max(sel.r, ext.r),
    c1: Math.max(sel.c, ext.c),
  };
  const inSel = (r: number, c: number) => r >= selRect.r0 && r <= selRect.r1 && c >= selRect.c0 && c <= selRect.c1;
  const cellId = (r: number, c: number) => `${uid}-cell-${r}-${c}`;

  const scrollInto = (r: number, c: number) => {
    const el = scroller.current;
    if (!el) return;
    const y = axes.rows.offsets[r] - frozenH;
    const y2 = axes.rows.offsets[r + 1] - frozenH;
    // Into the frozen rows (Ctrl+Home, PageUp to the top): the rows under them scroll back to the top too.
    if (r < frozen) el.scrollTop = 0;
    else if (y < el.scrollTop) el.scrollTop = y;
    else if (y2 > el.scrollTop + el.clientHeight) el.scrollTop = y2 - el.clientHeight;
    const x = axes.cols.offsets[c];
    const x2 = axes.cols.offsets[c + 1];
    if (x < el.scrollLeft) el.scrollLeft = x;
    else if (x2 > el.scrollLeft + el.clientWidth) el.scrollLeft = x2 - el.clientWidth;
  };

  const clampR = (r: number) => Math.max(0, Math.min(nRows - 1, r));
  const clampC = (c: number) => Math.max(0, Math.min(nCols - 1, c));
  /** Moves the active cell to (r, c); with `extend`, the selection grows from the active cell instead. */
  const goTo = (r: number, c: number, extend = false) => {
    const at = { r: clampR(r), c: landingColumn(sheet.hiddenColumns, extend ? ext.c : sel.c, clampC(c), nCols) };
    if (extend) setExt(at);
    else {
      setSel(at);
      setExt(at);
    }
    scrollInto(at.r, at.c);
  };
  const move = (dr: number, dc: number, extend = false) =>
    extend ? goTo(ext.r + dr, ext.c + dc, true) : goTo(sel.r + dr, sel.c + dc);

  const focusGrid = () => gridRef.current?.focus();

  /** Excel's refusal of a locked cell, in the UI's language: what it holds and where to type instead. */
  const lockedAlert = (s: SheetModel, r: number, c: number) => {
    const formula = model.formula(s, r, c);
    const input = nearestInput(model, s, r, c);
    const cell = a1(r, c);
    const f = typeof formula === "string" && formula.startsWith("=") ? formula : null;
    const what = f
      ? t("preview.locked.formula", { cell, formula: f.length > 60 ? `${f.slice(0, 57)}…` : f })
      : t("preview.locked.label", { cell });
    const where = input ? t("preview.locked.typeAt", { input }) : t("preview.locked.noInput");
    setAlert({ title: t("preview.locked.title", { sheet: s.name }), message: `${what} ${where}`, buttons: "ok" });
  };

  const startEdit = (text: string, mode: Editing["mode"]) => {
    if (isLockedCell(model, sheet, sel.r, sel.c)) {
      lockedAlert(sheet, sel.r, sel.c);
      return;
    }
    setEditing({ sheetId: sheet.id, r: sel.r, c: sel.c, text, mode });
  };

  const write = async (s: SheetModel, rect: Rect, cells: (string | number | boolean)[][]) => {
    try {
      await emu.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(s.name);
        ws.getRangeByIndexes(rect.r0, rect.c0, rect.r1 - rect.r0 + 1, rect.c1 - rect.c0 + 1).values = cells;
        await context.sync();
      });
      return true;
    } catch (e) {
      props.onError(`${s.name}!${a1(rect.r0, rect.c0)}: ${(e as Error).message}`);
      return false;
    }
  };

  /**
   * Commits an entry (Enter, Tab, an arrow in Enter mode, or click-away): checked against the
   * cell's data validation as Excel's UI checks typed input, then written through the API.
   */
  const commit = async (ed: Editing, text: string, dr: number, dc: number, refocus: boolean) => {
    setEditing(null);
    const s = model.sheetById(ed.sheetId);
    if (!s) return;
    const value = text.startsWith("=") ? text : typedValue(text);
    const refused: Refusal | null = text.startsWith("=") ? null : refusal(model, s, ed.r, ed.c, value);
    const done = async () => {
      if (await write(s, { r0: ed.r, c0: ed.c, r1: ed.r, c1: ed.c }, [[value]])) {
        if (dr || dc) goTo(ed.r + dr, ed.c + dc);
      }
      if (refocus) focusGrid();
    };
    if (refused) {
      const title = refused.title || t("preview.validation.defaultTitle");
      const message = refused.message || t("preview.validation.defaultMessage");
      const retry = () => {
        setSel({ r: ed.r, c: ed.c });
        setExt({ r: ed.r, c: ed.c });
        setEditing({ ...ed, text, mode: "edit" });
      };
      if (refused.style === "Stop") setAlert({ title, message, buttons: "retryCancel", onRetry: retry });
      else if (refused.style === "Warning")
        setAlert({
          title,
          message: `${message}\n${t("preview.validation.continue")}`,
          buttons: "yesNoCancel",
          onRetry: retry,
          onAccept: () => void done(),
        });
      else setAlert({ title, message, buttons: "okCancel", onAccept: () => void done() });
      return;
    }
    await done();
  };

  const clearSelection = async () => {
    for (let r = selRect.r0; r <= selRect.r1; r++)
      for (let c = selRect.c0; c <= selRect.c1; c++)
        if (isLockedCell(model, sheet, r, c)) return lockedAlert(sheet, r, c);
    const cells = Array.from({ length: selRect.r1 - selRect.r0 + 1 }, () =>
      Array<string>(selRect.c1 - selRect.c0 + 1).fill(""),
    );
    await write(sheet, selRect, cells);
  };

  const switchSheet = (delta: number) => {
    const i = visibleSheets.findIndex((s) => s.id === sheet.id);
    const next = visibleSheets[(i + delta + visibleSheets.length) % visibleSheets.length];
    if (next && next.id !== sheet.id) activate(next.id);
  };

  const activate = (id: string) => {
    model.activeSheetId = id;
    redraw((n) => n + 1);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing !== null || alert !== null) return;
    const k = e.key;
    const ctrl = e.ctrlKey || e.metaKey;
    // Ctrl+PgUp / Ctrl+PgDn (Ctrl+Alt in browsers that keep Ctrl+PgUp for their own tabs): the previous / next sheet.
    if (ctrl && (k === "PageUp" || k === "PageDown")) {
      e.preventDefault();
      switchSheet(k === "PageUp" ? -1 : 1);
      return;
    }
    const used = model.usedRect(sheet);
    const page = Math.max(1, Math.floor(size.h / 22));
    const arrows: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageDown: [page, 0],
      PageUp: [-page, 0],
    };
    if (arrows[k]) {
      e.preventDefault();
      move(arrows[k][0], arrows[k][1], e.shiftKey);
    } else if (k === "Home") {
      e.preventDefault();
      goTo(ctrl ? 0 : sel.r, 0, e.shiftKey);
    } else if (k === "End" && ctrl) {
      e.preventDefault();
      goTo(used ? used.r1 : 0, used ? used.c1 : 0, e.shiftKey);
    } else if (k === "End") {
      e.preventDefault();
      goTo(sel.r, used ? used.c1 : 0, e.shiftKey);
    } else if (k === "Enter") {
      // Excel: Enter moves down, Shift+Enter up (F2 edits).
      e.preventDefault();
      move(e.shiftKey ? -1 : 1, 0);
    } else if (k === "F2") {
      e.preventDefault();
      startEdit(formulaBarText(model, sheet, sel.r, sel.c), "edit");
    } else if (k === "Delete" || k === "Backspace") {
      e.preventDefault();
      void clearSelection();
    } else if (k === "Escape") {
      setExt(sel);
    } else if (ctrl && (k === "a" || k === "A")) {
      e.preventDefault();
      setSel({ r: 0, c: 0 });
      setExt({ r: used ? used.r1 : 0, c: used ? used.c1 : 0 });
    } else if (k.length === 1 && !ctrl && !e.altKey) {
      e.preventDefault();
      startEdit(k, "enter");
    }
    // Tab is not taken: the grid is one tab stop (the ARIA grid pattern), so Tab leaves it.
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    e.preventDefault();
    // The cells as they are shown, tab-separated: what Excel puts on the clipboard as text.
    e.clipboardData.setData("text/plain", toTsv(model.texts(sheet, selRect)));
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    e.preventDefault();
    const block = parseTsv(e.clipboardData.getData("text/plain"));
    if (!block.length || !block[0].length) return;
    const rect = pasteRect(sel, block);
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) if (isLockedCell(model, sheet, r, c)) return lockedAlert(sheet, r, c);
    // Pasted text is entered as typed (numbers, dates, "=" formulas); pasting does not check
    // data validation, as in Excel.
    void write(sheet, rect, block).then((ok) => {
      if (ok) {
        setSel({ r: rect.r0, c: rect.c0 });
        setExt({ r: rect.r1, c: rect.c1 });
      }
    });
  };

  const cellStyle = (look: CellLook, r: number, c: number, rowsAxis: Axis, yShift: number): CSSProperties => {
    const span = look.span ?? { rows: 1, cols: 1 };
    const x = axes.cols.offsets[c];
    const y = rowsAxis.offsets[r] - yShift;
    return {
      position: "absolute",
      left: x,
      top: y,
      width: axes.cols.offsets[Math.min(c + span.cols, nCols)] - x,
      height: rowsAxis.offsets[Math.min(r + span.rows, rowsAxis.offsets.length - 1)] - rowsAxis.offsets[r],
      boxSizing: "border-box",
      borderRight: `1px solid ${GRID}`,
      borderBottom: `1px solid ${GRID}`,
      background: look.fill ?? "#FFFFFF",
      color: look.color ?? "#201F1E",
      fontWeight: look.bold ? 600 : 400,
      fontStyle: look.italic ? "italic" : undefined,
      fontSize: look.fontSize ? `${look.fontSize * PX}px` : "13px",
      textAlign: look.align,
      whiteSpace: look.wrap ? "normal" : "nowrap",
      overflow: look.spill ? "visible" : "hidden",
      padding: `2px ${PAD_X}px`,
      lineHeight: "16px",
      zIndex: look.span || look.spill ? 1 : undefined,
    };
  };

  /** The text a cell shows: a number that does not fit its column as "###", as Excel shows it. */
  const shown = (look: CellLook, c: number): string => {
    if (look.number === undefined || look.text === "") return look.text;
    const span = look.span?.cols ?? 1;
    const width = axes.cols.offsets[Math.min(c + span, nCols)] - axes.cols.offsets[c] - 2 * PAD_X - 1;
    const fontPx = look.fontSize ? look.fontSize * PX : 13;
    const icon = look.icon ? measureText(look.icon, fontPx) + 4 : 0;
    return fitNumber(look.text, look.number, !!look.general, width - icon, (s) => measureText(s, fontPx, look.bold));
  };

  const editor = (r: number, c: number): ReactNode => {
    if (!editing || editing.sheetId !== sheet.id || editing.r !== r || editing.c !== c) return null;
    const ed = editing;
    return (
      <input
        autoFocus
        aria-label={t("preview.editCell", { cell: a1(r, c) })}
        data-testid="cell-editor"
        style={{
          position: "absolute",
          left: 0,
          top: 0,
          minWidth: "100%",
          height: "100%",
          zIndex: 6,
          font: "13px sans-serif",
          border: "2px solid #217346",
          boxSizing: "border-box",
        }}
        defaultValue={ed.text}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          e.stopPropagation();
          const v = e.currentTarget.value;
          const finish = (dr: number, dc: number) => {
            e.preventDefault();
            settled.current = ed;
            void commit(ed, v, dr, dc, true);
          };
          if (e.key === "Enter") finish(e.shiftKey ? -1 : 1, 0);
          else if (e.key === "Tab") finish(0, e.shiftKey ? -1 : 1);
          else if (ed.mode === "enter" && e.key === "ArrowDown") finish(1, 0);
          else if (ed.mode === "enter" && e.key === "ArrowUp") finish(-1, 0);
          else if (ed.mode === "enter" && e.key === "ArrowRight") finish(0, 1);
          else if (ed.mode === "enter" && e.key === "ArrowLeft") finish(0, -1);
          else if (e.key === "Escape") {
            e.preventDefault();
            settled.current = ed;
            setEditing(null);
            focusGrid();
          }
        }}
        // Click-away commits the entry, as in Excel (the selection stays where the click put it).
        onBlur={(e) => {
          if (settled.current !== ed) {
            settled.current = ed;
            void commit(ed, e.currentTarget.value, 0, 0, false);
          }
        }}
      />
    );
  };

  const drawRows = (looks: CellLook[][], rowStart: number, yShift: number): ReactNode =>
    looks.map((row, i) => {
      const r = rowStart + i;
      return (
        <div role="row" key={r} aria-rowindex={r + 2}>
          {row.map((look, j) => {
            // A hidden column shows nothing, not even a sliver of padding or spilled text.
            if (look.covered || look.hidden) return null;
            const c = c0 + j;
            const active = r === sel.r && c === sel.c;
            const text = shown(look, c);
            const isEditing = !!editing && editing.sheetId === sheet.id && editing.r === r && editing.c === c;
            const spillW =
              look.spill && look.spillCols
                ? axes.cols.offsets[Math.min(c + 1 + look.spillCols, nCols)] - axes.cols.offsets[c] - 2 * PAD_X
                : 0;
            return (
              <div
                key={c}
                id={cellId(r, c)}
                role="gridcell"
                aria-colindex={c + 1}
                aria-selected={inSel(r, c)}
                aria-label={`${a1(r, c)} ${look.text}`}
                aria-readonly={isLockedCell(model, sheet, r, c) || undefined}
                data-cell={a1(r, c)}
                onMouseDown={(e) => {
                  if (e.button !== 0) return;
                  dragging.current = true;
                  if (e.shiftKey) setExt({ r, c });
                  else {
                    setSel({ r, c });
                    setExt({ r, c });
                  }
                }}
                onMouseEnter={(e) => {
                  if (dragging.current && e.buttons === 1) setExt({ r, c });
                }}
                onMouseUp={() => (dragging.current = false)}
                onDoubleClick={() => startEdit(formulaBarText(model, sheet, r, c), "edit")}
                style={{
                  ...cellStyle(look, r, c, axes.rows, yShift),
                  ...(inSel(r, c) && !active ? { boxShadow: "inset 0 0 0 9999px rgba(33,115,70,0.12)" } : {}),
                  outline: active ? "2px solid #217346" : undefined,
                  outlineOffset: -2,
                  ...(isEditing ? { overflow: "visible", zIndex: 6 } : {}),
                }}
              >
                {look.icon && (
                  <span aria-hidden="true" style={{ color: "#2F5597", marginRight: 4 }}>
                    {look.icon}
                  </span>
                )}
                {spillW ? (
                  // Spilled text: over the empty cells to its right, clipped at the first full one.
                  <span
                    data-spill={look.spillCols}
                    style={{ display: "inline-block", maxWidth: spillW, overflow: "hidden", verticalAlign: "top" }}
                  >
                    {text}
                  </span>
                ) : (
                  text
                )}
                {editor(r, c)}
              </div>
            );
          })}
        </div>
      );
    });

  const totalW = axes.cols.offsets[nCols];
  const totalH = axes.rows.offsets[nRows] - frozenH;
  const activeRendered =
    sel.c >= c0 && sel.c <= c1 && ((sel.r >= firstBody && sel.r <= r1) || sel.r < frozen)
      ? !(sel.r < frozen ? top[sel.r]?.[sel.c - c0] : body[sel.r - firstBody]?.[sel.c - c0])?.covered
      : false;
  const alertIds = { title: `${uid}-alert-title`, body: `${uid}-alert-body` };

  return (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        height: "100%",
        minHeight: 0,
        fontFamily: "Segoe UI, Noto Sans CJK SC, sans-serif",
      }}
    >
      <div style={{ display: "flex", gap: 6, padding: 4, borderBottom: `1px solid ${GRID}`, alignItems: "center" }}>
        <output
          aria-label={t("preview.nameBox")}
          data-testid="name-box"
          style={{ width: 64, fontSize: 12, border: `1px solid ${GRID}`, padding: "2px 4px" }}
        >
          {a1(sel.r, sel.c)}
        </output>
        <input
          aria-label={t("preview.formulaBar")}
          data-testid="formula-bar"
          readOnly
          value={formulaBarText(model, sheet, sel.r, sel.c)}
          style={{ flexGrow: 1, fontSize: 12, border: `1px solid ${GRID}`, padding: "2px 4px" }}
        />
      </div>
      <div style={{ position: "relative", flexGrow: 1, minHeight: 0, overflow: "hidden", background: "#fff" }}>
        <div
          ref={gridRef}
          role="grid"
          aria-label={t("preview.gridOf", { sheet: sheet.name })}
          aria-rowcount={nRows + 1}
          aria-colcount={nCols}
          aria-multiselectable="true"
          aria-activedescendant={activeRendered && !editing ? cellId(sel.r, sel.c) : undefined}
          data-testid="grid"
          tabIndex={0}
          onKeyDown={onKey}
          onCopy={onCopy}
          onPaste={onPaste}
          onMouseUp={() => (dragging.current = false)}
          style={{ position: "absolute", inset: 0, outline: "none" }}
        >
          {/* column letters: the grid's header row */}
          <div
            role="row"
            aria-rowindex={1}
            style={{
              position: "absolute",
              left: HEADER_W,
              top: 0,
              right: 0,
              height: HEADER_H,
              overflow: "hidden",
              zIndex: 3,
            }}
          >
            <div style={{ position: "relative", transform: `translateX(${-scroll.left}px)` }}>
              {Array.from({ length: c1 - c0 + 1 }, (_, j) => c0 + j)
                .filter((c) => !sheet.hiddenColumns.has(c))
                .map((c) => (
                  <div
                    key={c}
                    role="columnheader"
                    aria-colindex={c + 1}
                    style={{
                      position: "absolute",
                      left: axes.cols.offsets[c],
                      width: axes.cols.offsets[c + 1] - axes.cols.offsets[c],
                      height: HEADER_H,
                      overflow: "hidden",
                      background: c >= selRect.c0 && c <= selRect.c1 ? "#D2D0CE" : "#F3F2F1",
                      borderRight: `1px solid ${GRID}`,
                      borderBottom: `1px solid ${GRID}`,
                      boxSizing: "border-box",
                      fontSize: 12,
                      textAlign: "center",
                      lineHeight: `${HEADER_H}px`,
                      color: "#484644",
                    }}
                  >
                    {colName(c)}
                  </div>
                ))}
            </div>
          </div>
          {/* frozen rows */}
          {frozen > 0 && (
            <div
              style={{
                position: "absolute",
                left: HEADER_W,
                top: HEADER_H,
                right: 0,
                height: frozenH,
                overflow: "hidden",
                zIndex: 2,
                boxShadow: "0 1px 0 #A19F9D",
              }}
            >
              <div style={{ position: "relative", transform: `translateX(${-scroll.left}px)` }}>
                {drawRows(top, 0, 0)}
              </div>
            </div>
          )}
          {/* row numbers (each cell's name carries its address) */}
          <div
            aria-hidden="true"
            style={{
              position: "absolute",
              left: 0,
              top: HEADER_H,
              width: HEADER_W,
              bottom: 0,
              overflow: "hidden",
              zIndex: 3,
              background: "#F3F2F1",
            }}
          >
            <div style={{ position: "relative", transform: `translateY(${-scroll.top}px)` }}>
              {Array.from({ length: r1 - firstBody + 1 + frozen }, (_, i) =>
                i < frozen ? i : firstBody + i - frozen,
              ).map((r) => (
                <div
                  key={r}
                  style={{
                    position: "absolute",
                    top: r < frozen ? axes.rows.offsets[r] + scroll.top : axes.rows.offsets[r],
                    width: HEADER_W,
                    height: axes.rows.offsets[r + 1] - axes.rows.offsets[r],
                    background: r >= selRect.r0 && r <= selRect.r1 ? "#D2D0CE" : "#F3F2F1",
                    borderBottom: `1px solid ${GRID}`,
                    boxSizing: "border-box",
                    fontSize: 12,
                    textAlign: "center",
                    color: "#484644",
                    zIndex: r < frozen ? 1 : undefined,
                  }}
                >
                  {r + 1}
                </div>
              ))}
            </div>
          </div>
          <div
            ref={scroller}
            role="rowgroup"
            data-testid="grid-scroller"
            // Scrolled by the wheel and the keyboard on the grid (the one tab stop), not by a
            // scroll box of its own, which would be a second stop for the keyboard.
            onWheel={(e) => {
              e.currentTarget.scrollTop += e.deltaY;
              e.currentTarget.scrollLeft += e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
            }}
            onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
            style={{
              position: "absolute",
              left: HEADER_W,
              top: HEADER_H + frozenH,
              right: 0,
              bottom: 0,
              overflow: "hidden",
              outline: "none",
            }}
          >
            <div style={{ position: "relative", width: totalW, height: totalH }}>
              {drawRows(body, firstBody, frozenH)}
            </div>
          </div>
        </div>
        {/* the charts float over the sheet, outside the grid, and scroll with it */}
        {(sheet.charts.length > 0 || sheet.shapes.length > 0) && (
          <div
            style={{
              position: "absolute",
              left: HEADER_W,
              top: HEADER_H + frozenH,
              right: 0,
              bottom: 0,
              overflow: "hidden",
              pointerEvents: "none",
              zIndex: 4,
            }}
          >
            <div style={{ position: "relative", transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
              {sheet.shapes.length > 0 && <ShapesView shapes={sheet.shapes} offsetY={frozenH} />}
              {sheet.charts.map((ch) => {
                const pos = chartBox(ch.position, axes.rows, axes.cols);
                return (
                  <div
                    key={ch.id}
                    style={{ position: "absolute", left: pos.x, top: pos.y - frozenH, pointerEvents: "auto" }}
                    data-chart={ch.name}
                    onWheel={(e) => {
                      const el = scroller.current;
                      if (el) {
                        el.scrollTop += e.deltaY;
                        el.scrollLeft += e.deltaX;
                      }
                    }}
                  >
                    <ChartView model={model} chart={ch} width={pos.w} height={pos.h} />
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
      <div
        ref={tabsRef}
        role="tablist"
        aria-label={t("preview.sheets")}
        data-testid="sheet-tabs"
        onKeyDown={(e) => {
          const i = visibleSheets.findIndex((s) => s.id === sheet.id);
          const to =
            e.key === "ArrowRight" || (e.ctrlKey && e.key === "PageDown")
              ? i + 1
              : e.key === "ArrowLeft" || (e.ctrlKey && e.key === "PageUp")
                ? i - 1
                : e.key === "Home"
                  ? 0
                  : e.key === "End"
                    ? visibleSheets.length - 1
                    : null;
          if (to === null) return;
          e.preventDefault();
          const next = visibleSheets[(to + visibleSheets.length) % visibleSheets.length];
          activate(next.id);
          requestAnimationFrame(() =>
            (tabsRef.current?.querySelector('[aria-selected="true"]') as HTMLElement | null)?.focus(),
          );
        }}
        style={{ display: "flex", gap: 2, borderTop: `1px solid ${GRID}`, background: "#F3F2F1", overflowX: "auto" }}
      >
        {visibleSheets.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.id === sheet.id}
            // One tab stop for the tabs: arrows move between them.
            tabIndex={s.id === sheet.id ? 0 : -1}
            onClick={() => activate(s.id)}
            style={{
              border: "none",
              borderBottom: s.id === sheet.id ? "3px solid #217346" : "3px solid transparent",
              background: s.id === sheet.id ? "#fff" : "transparent",
              color: s.id === sheet.id ? "#185C37" : "#323130",
              fontWeight: s.id === sheet.id ? 600 : 400,
              padding: "4px 12px",
              cursor: "pointer",
              whiteSpace: "nowrap",
              fontSize: 13,
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
      {alert && (
        <AlertDialog
          alert={alert}
          ids={alertIds}
          t={t}
          onClose={(choice) => {
            setAlert(null);
            if (choice === "retry") alert.onRetry?.();
            else if (choice === "accept") alert.onAccept?.();
            if (choice !== "retry") requestAnimationFrame(focusGrid);
          }}
        />
      )}
    </div>
  );
}

/** Excel's alert (a data validation Stop, Warning or Information; a protected cell): modal, Esc cancels. */
function AlertDialog(props: {
  alert: Alert;
  ids: { title: string; body: string };
  t: Translate;
  onClose: (choice: "retry" | "accept" | "cancel") => void;
}) {
  const { alert, t, onClose } = props;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const btn: CSSProperties = {
    border: "1px solid #8A8886",
    borderRadius: 4,
    background: "#fff",
    color: "#201F1E",
    padding: "4px 14px",
    fontSize: 13,
    cursor: "pointer",
  };
  const primary: CSSProperties = { ...btn, background: "#185C37", color: "#fff", borderColor: "#185C37" };
  const buttons: [string, "retry" | "accept" | "cancel"][] =
    alert.buttons === "retryCancel"
      ? [
          [t("preview.alert.retry"), "retry"],
          [t("preview.alert.cancel"), "cancel"],
        ]
      : alert.buttons === "yesNoCancel"
        ? [
            [t("preview.alert.yes"), "accept"],
            [t("preview.alert.no"), "retry"],
            [t("preview.alert.cancel"), "cancel"],
          ]
        : alert.buttons === "okCancel"
          ? [
              [t("preview.alert.ok"), "accept"],
              [t("preview.alert.cancel"), "cancel"],
            ]
          : [[t("preview.alert.ok"), "cancel"]];
  return (
    <div
      style={{
        position: "fixed",
        inset: 0,
        background: "rgba(0,0,0,0.25)",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        zIndex: 100,
      }}
    >
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={props.ids.title}
        aria-describedby={props.ids.body}
        data-testid="alert"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onClose("cancel");
          } else if (e.key === "Tab") {
            // Focus stays in the dialog.
            const els = [...e.currentTarget.querySelectorAll("button")];
            const i = els.indexOf(document.activeElement as HTMLButtonElement);
            e.preventDefault();
            els[(i + (e.shiftKey ? -1 : 1) + els.length) % els.length]?.focus();
          }
        }}
        style={{
          background: "#fff",
          color: "#201F1E",
          borderRadius: 6,
          boxShadow: "0 8px 24px rgba(0,0,0,0.3)",
          padding: 16,
          maxWidth: 420,
          fontFamily: "Segoe UI, Noto Sans CJK SC, sans-serif",
          fontSize: 13,
        }}
      >
        <h2 id={props.ids.title} style={{ fontSize: 15, margin: "0 0 8px" }}>
          {alert.title}
        </h2>
        <p id={props.ids.body} style={{ margin: "0 0 12px", whiteSpace: "pre-line" }}>
          {alert.message}
        </p>
        <div style={{ display: "flex", gap: 8, justifyContent: "flex-end" }}>
          {buttons.map(([label, choice], i) => (
            <button
              key={label}
              ref={i === 0 ? first : undefined}
              style={i === 0 ? primary : btn}
              onClick={() => onClose(choice)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

const PX = 4 / 3;

function chartBox(
  p: { topLeft: string | null; bottomRight: string | null; top: number; left: number; width: number; height: number },
  rows: Axis,
  cols: Axis,
): { x: number; y: number; w: number; h: number } {
  const cell = (a: string | null) => {
    if (!a) return null;
    try {
      const r = rectOf(a);
      return { r: r.r0, c: r.c0 };
    } catch {
      return null;
    }
  };
  const tl = cell(p.topLeft);
  const br = cell(p.bottomRight);
  const lastR = rows.offsets.length - 1;
  const lastC = cols.offsets.length - 1;
  if (tl) {
    const x = cols.offsets[Math.min(tl.c, lastC)];
    const y = rows.offsets[Math.min(tl.r, lastR)];
    const x2 = br ? cols.offsets[Math.min(br.c + 1, lastC)] : x + p.width * PX;
    const y2 = br ? rows.offsets[Math.min(br.r + 1, lastR)] : y + p.height * PX;
    return { x, y, w: Math.max(120, x2 - x), h: Math.max(90, y2 - y) };
  }
  return { x: p.left * PX, y: p.top * PX, w: p.width * PX, h: p.height * PX };
}
