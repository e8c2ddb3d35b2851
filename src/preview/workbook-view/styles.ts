/**
 * The grid's looks, as Excel's UI draws them: inline styles (the preview's first paint does not
 * wait for Fluent), the sizes the layout computes with, and the colours of Excel's grid.
 */
import type { CSSProperties } from "react";
import type { Axis, CellLook } from "../grid";

export const HEADER_H = 22;
export const HEADER_W = 48;
export const GRID = "#E1DFDD";
export const PAD_X = 4;
/** Points to pixels (96 px per 72 pt). */
export const PX = 4 / 3;
export const FONT = "Segoe UI, Noto Sans CJK SC, sans-serif";
const HEADER_FILL = "#F3F2F1";
const HEADER_FILL_SELECTED = "#D2D0CE";
const HEADER_TEXT = "#484644";
const EXCEL_GREEN = "#217346";

export const root: CSSProperties = {
  display: "flex",
  flexDirection: "column",
  height: "100%",
  minHeight: 0,
  fontFamily: FONT,
};
export const toolbar: CSSProperties = {
  display: "flex",
  gap: 6,
  padding: 4,
  borderBottom: `1px solid ${GRID}`,
  alignItems: "center",
};
export const nameBox: CSSProperties = { width: 64, fontSize: 12, border: `1px solid ${GRID}`, padding: "2px 4px" };
export const formulaBar: CSSProperties = { flexGrow: 1, fontSize: 12, border: `1px solid ${GRID}`, padding: "2px 4px" };
export const gridArea: CSSProperties = {
  position: "relative",
  flexGrow: 1,
  minHeight: 0,
  overflow: "hidden",
  background: "#fff",
};
export const grid: CSSProperties = { position: "absolute", inset: 0, outline: "none" };

export const columnHeaders: CSSProperties = {
  position: "absolute",
  left: HEADER_W,
  top: 0,
  right: 0,
  height: HEADER_H,
  overflow: "hidden",
  zIndex: 3,
};
export const columnHeader = (left: number, width: number, selected: boolean): CSSProperties => ({
  position: "absolute",
  left,
  width,
  height: HEADER_H,
  overflow: "hidden",
  background: selected ? HEADER_FILL_SELECTED : HEADER_FILL,
  borderRight: `1px solid ${GRID}`,
  borderBottom: `1px solid ${GRID}`,
  boxSizing: "border-box",
  fontSize: 12,
  textAlign: "center",
  lineHeight: `${HEADER_H}px`,
  color: HEADER_TEXT,
});
export const frozenRows = (height: number): CSSProperties => ({
  position: "absolute",
  left: HEADER_W,
  top: HEADER_H,
  right: 0,
  height,
  overflow: "hidden",
  zIndex: 2,
  boxShadow: "0 1px 0 #A19F9D",
});
export const rowNumbers: CSSProperties = {
  position: "absolute",
  left: 0,
  top: HEADER_H,
  width: HEADER_W,
  bottom: 0,
  overflow: "hidden",
  zIndex: 3,
  background: HEADER_FILL,
};
export const rowNumber = (top: number, height: number, selected: boolean, frozen: boolean): CSSProperties => ({
  position: "absolute",
  top,
  width: HEADER_W,
  height,
  background: selected ? HEADER_FILL_SELECTED : HEADER_FILL,
  borderBottom: `1px solid ${GRID}`,
  boxSizing: "border-box",
  fontSize: 12,
  textAlign: "center",
  color: HEADER_TEXT,
  zIndex: frozen ? 1 : undefined,
});
/** The body's box, under the frozen rows: scrolled by the wheel and the keyboard, not by scroll bars. */
export const body = (frozenH: number): CSSProperties => ({
  position: "absolute",
  left: HEADER_W,
  top: HEADER_H + frozenH,
  right: 0,
  bottom: 0,
  overflow: "hidden",
  outline: "none",
});
/** The charts' and shapes' layer, over the body, letting clicks through to the cells. */
export const floating = (frozenH: number): CSSProperties => ({
  ...body(frozenH),
  outline: undefined,
  pointerEvents: "none",
  zIndex: 4,
});
/** A layer moved with the body's scroll: sideways (headers, frozen rows), down (row numbers), or both (charts). */
export const shiftX = (x: number): CSSProperties => ({ position: "relative", transform: `translateX(${x}px)` });
export const shiftY = (y: number): CSSProperties => ({ position: "relative", transform: `translateY(${y}px)` });
export const shiftXY = (x: number, y: number): CSSProperties => ({
  position: "relative",
  transform: `translate(${x}px, ${y}px)`,
});

export const tabs: CSSProperties = {
  display: "flex",
  gap: 2,
  borderTop: `1px solid ${GRID}`,
  background: HEADER_FILL,
  overflowX: "auto",
};
export const tab = (selected: boolean): CSSProperties => ({
  border: "none",
  borderBottom: selected ? `3px solid ${EXCEL_GREEN}` : "3px solid transparent",
  background: selected ? "#fff" : "transparent",
  color: selected ? "#185C37" : "#323130",
  fontWeight: selected ? 600 : 400,
  padding: "4px 12px",
  cursor: "pointer",
  whiteSpace: "nowrap",
  fontSize: 13,
});

/** A cell at its place: (r, c) spanning its merge, from the axes (rows shifted up by `yShift`). */
export function cellStyle(look: CellLook, r: number, c: number, rows: Axis, cols: Axis, yShift: number): CSSProperties {
  const span = look.span ?? { rows: 1, cols: 1 };
  const x = cols.offsets[c];
  const nCols = cols.offsets.length - 1;
  return {
    position: "absolute",
    left: x,
    top: rows.offsets[r] - yShift,
    width: cols.offsets[Math.min(c + span.cols, nCols)] - x,
    height: rows.offsets[Math.min(r + span.rows, rows.offsets.length - 1)] - rows.offsets[r],
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
}
/** What marks a cell: in the selection (a tint), active (Excel's green outline), being edited (over its neighbours). */
export const cellMarks = (selected: boolean, active: boolean, editing: boolean): CSSProperties => ({
  ...(selected && !active ? { boxShadow: "inset 0 0 0 9999px rgba(33,115,70,0.12)" } : {}),
  outline: active ? `2px solid ${EXCEL_GREEN}` : undefined,
  outlineOffset: -2,
  ...(editing ? { overflow: "visible", zIndex: 6 } : {}),
});
export const icon: CSSProperties = { color: "#2F5597", marginRight: 4 };
export const spill = (maxWidth: number): CSSProperties => ({
  display: "inline-block",
  maxWidth,
  overflow: "hidden",
  verticalAlign: "top",
});
export const editor: CSSProperties = {
  position: "absolute",
  left: 0,
  top: 0,
  minWidth: "100%",
  height: "100%",
  zIndex: 6,
  font: "13px sans-serif",
  border: `2px solid ${EXCEL_GREEN}`,
  boxSizing: "border-box",
};

export const alertBackdrop: CSSProperties = {
  position: "fixed",
  inset: 0,
  background: "rgba(0,0,0,0.25)",
  display: "flex",
  alignItems: "center",
  justifyContent: "center",
  zIndex: 100,
};
export const alertBox: CSSProperties = {
  background: "#fff",
  color: "#201F1E",
  borderRadius: 6,
  boxShadow: "0 8px 24px rgba(0,0,0,0.3)",
  padding: 16,
  maxWidth: 420,
  fontFamily: FONT,
  fontSize: 13,
};
export const alertButton: CSSProperties = {
  border: "1px solid #8A8886",
  borderRadius: 4,
  background: "#fff",
  color: "#201F1E",
  padding: "4px 14px",
  fontSize: 13,
  cursor: "pointer",
};
export const alertPrimary: CSSProperties = {
  ...alertButton,
  background: "#185C37",
  color: "#fff",
  borderColor: "#185C37",
};
