/**
 * The grid's cells: one ARIA row of gridcells per sheet row in view, each named by its address and
 * value, with Excel's looks (merges, spilled text, "###" for a number too wide, icon sets), the
 * selection's tint, the active cell's outline, and the entry's editor in the cell being edited.
 */
import type { ReactNode } from "react";
import type { SheetModel } from "../../emulator/model";
import type { Translate } from "../../i18n";
import type { DrawnWorkbook } from "../drawn";
import { isLockedCell } from "../entry";
import { a1, fitNumber, type Axis, type CellLook } from "../grid";
import type { Cell } from "./cursor";
import { inRect } from "./layout";
import { PAD_X, PX, cellMarks, cellStyle, editor, icon, spill } from "./styles";
import type { Editing, GridEntry } from "./useGridEntry";
import type { Rect } from "../../address";

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

/** The text a cell shows: a number that does not fit its column as "###", as Excel shows it. */
function shownText(look: CellLook, c: number, cols: Axis): string {
  if (look.number === undefined || look.text === "") return look.text;
  const nCols = cols.offsets.length - 1;
  const span = look.span?.cols ?? 1;
  const width = cols.offsets[Math.min(c + span, nCols)] - cols.offsets[c] - 2 * PAD_X - 1;
  const fontPx = look.fontSize ? look.fontSize * PX : 13;
  const mark = look.icon ? measureText(look.icon, fontPx) + 4 : 0;
  return fitNumber(look.text, look.number, !!look.general, width - mark, (s) => measureText(s, fontPx, look.bold));
}

/** The entry's input, over its cell: Enter, Tab and (started by typing) arrows commit and move; Esc cancels. */
function CellEditor(props: { ed: Editing; label: string; entry: GridEntry }) {
  const { ed, entry } = props;
  return (
    <input
      autoFocus
      aria-label={props.label}
      data-testid="cell-editor"
      style={editor}
      defaultValue={ed.text}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        const v = e.currentTarget.value;
        const finish = (dr: number, dc: number) => {
          e.preventDefault();
          entry.finish(ed, v, dr, dc);
        };
        const arrows = ed.mode === "enter";
        if (e.key === "Enter") finish(e.shiftKey ? -1 : 1, 0);
        else if (e.key === "Tab") finish(0, e.shiftKey ? -1 : 1);
        else if (arrows && e.key === "ArrowDown") finish(1, 0);
        else if (arrows && e.key === "ArrowUp") finish(-1, 0);
        else if (arrows && e.key === "ArrowRight") finish(0, 1);
        else if (arrows && e.key === "ArrowLeft") finish(0, -1);
        else if (e.key === "Escape") {
          e.preventDefault();
          entry.cancel(ed);
        }
      }}
      // Click-away commits the entry, as in Excel (the selection stays where the click put it).
      onBlur={(e) => entry.blur(ed, e.currentTarget.value)}
    />
  );
}

export interface CellRowsProps {
  model: DrawnWorkbook;
  sheet: SheetModel;
  looks: CellLook[][];
  /** The sheet row of the first row of looks, its first column, and how far its rows are shifted up. */
  rowStart: number;
  c0: number;
  yShift: number;
  rows: Axis;
  cols: Axis;
  sel: Cell;
  selRect: Rect;
  cellId: (r: number, c: number) => string;
  t: Translate;
  entry: GridEntry;
  /** A press on a cell (Shift extends the selection), a drag over cells, and a double click (edits). */
  onPress: (at: Cell, extend: boolean) => void;
  onDrag: (at: Cell) => void;
  onRelease: () => void;
  onEdit: (at: Cell) => void;
}

export function CellRows(props: CellRowsProps): ReactNode {
  const { sheet, sel, entry, cols } = props;
  const { editing } = entry;
  return props.looks.map((row, i) => {
    const r = props.rowStart + i;
    return (
      <div role="row" key={r} aria-rowindex={r + 2}>
        {row.map((look, j) => {
          // A hidden column shows nothing, not even a sliver of padding or spilled text.
          if (look.covered || look.hidden) return null;
          const c = props.c0 + j;
          const active = r === sel.r && c === sel.c;
          const text = shownText(look, c, cols);
          const isEditing = !!editing && editing.sheetId === sheet.id && editing.r === r && editing.c === c;
          const spillW =
            look.spill && look.spillCols
              ? cols.offsets[Math.min(c + 1 + look.spillCols, cols.offsets.length - 1)] - cols.offsets[c] - 2 * PAD_X
              : 0;
          const selected = inRect(props.selRect, r, c);
          return (
            <div
              key={c}
              id={props.cellId(r, c)}
              role="gridcell"
              aria-colindex={c + 1}
              aria-selected={selected}
              aria-label={`${a1(r, c)} ${look.text}`}
              aria-readonly={isLockedCell(props.model, sheet, r, c) || undefined}
              data-cell={a1(r, c)}
              onMouseDown={(e) => e.button === 0 && props.onPress({ r, c }, e.shiftKey)}
              onMouseEnter={(e) => e.buttons === 1 && props.onDrag({ r, c })}
              onMouseUp={props.onRelease}
              onDoubleClick={() => props.onEdit({ r, c })}
              style={{
                ...cellStyle(look, r, c, props.rows, cols, props.yShift),
                ...cellMarks(selected, active, isEditing),
              }}
            >
              {look.icon && (
                <span aria-hidden="true" style={icon}>
                  {look.icon}
                </span>
              )}
              {spillW ? (
                // Spilled text: over the empty cells to its right, clipped at the first full one.
                <span data-spill={look.spillCols} style={spill(spillW)}>
                  {text}
                </span>
              ) : (
                text
              )}
              {isEditing && (
                <CellEditor ed={editing} label={props.t("preview.editCell", { cell: a1(r, c) })} entry={entry} />
              )}
            </div>
          );
        })}
      </div>
    );
  });
}
