import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { rectOf } from "../address";
import type { ExcelEmulator } from "../emulator";
import type { SheetModel } from "../emulator/model";
import { ChartView } from "./charts";
import { a1, cellLooks, formulaBarText, sheetAxes, typedValue, visibleSpan, type Axis, type CellLook } from "./grid";

const HEADER_H = 22;
const HEADER_W = 48;
const GRID = "#E1DFDD";

export interface WorkbookViewProps {
  emu: ExcelEmulator;
  /** Bumped after every change to the workbook, so the view redraws. */
  version: number;
  labels: { formulaBar: string; sheets: string; grid: string };
  onError: (message: string) => void;
}

function colName(c: number) {
  return a1(0, c).replace(/\d+$/, "");
}

/**
 * A virtualised grid over the emulator's model: only the rows and columns in view are drawn, so
 * 100,000 rows scroll. Frozen rows stay on top; typing into a cell goes through the emulator
 * (Excel's API), so protected cells refuse edits as Excel does.
 */
export function WorkbookView(props: WorkbookViewProps) {
  const { emu, version } = props;
  const model = emu.model;
  const visibleSheets = model.sheets.filter((s) => s.visibility === "Visible");
  const [sheetId, setSheetId] = useState<string | null>(model.activeSheetId ?? visibleSheets[0]?.id ?? null);
  const sheet: SheetModel | undefined =
    visibleSheets.find((s) => s.id === sheetId) ??
    visibleSheets.find((s) => s.id === model.activeSheetId) ??
    visibleSheets[0];
  const [sel, setSel] = useState({ r: 0, c: 0 });
  const [editing, setEditing] = useState<string | null>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [size, setSize] = useState({ w: 800, h: 500 });
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sheetId && !model.sheetById(sheetId)) setSheetId(model.activeSheetId ?? null);
  }, [version, sheetId, model]);

  // A selection made through the API (the task pane's "Go to") moves the view to that cell.
  const lastSelection = useRef(model.selection);
  useEffect(() => {
    const s = model.selection;
    if (!s || s === lastSelection.current) return;
    lastSelection.current = s;
    setSheetId(s.sheetId);
    setSel({ r: s.rect.r0, c: s.rect.c0 });
    const el = scroller.current;
    if (el) {
      el.scrollTop = Math.max(0, s.rect.r0 * 22 - 44);
      el.scrollLeft = 0;
    }
  }, [version, model]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const axes = useMemo(() => (sheet ? sheetAxes(model, sheet) : null), [model, sheet, version]);
  if (!sheet || !axes) return <div role="region" aria-label={props.labels.grid} />;
  const frozen = Math.min(sheet.freeze.rows, axes.rows.offsets.length - 1);
  const frozenH = axes.rows.offsets[frozen];
  const [r0, r1] = visibleSpan(axes.rows, frozenH + scroll.top, size.h);
  const [c0, c1] = visibleSpan(axes.cols, scroll.left, size.w);
  const firstBody = Math.max(r0, frozen);
  const body = firstBody <= r1 ? cellLooks(model, sheet, { r0: firstBody, r1, c0, c1 }) : [];
  const top = frozen ? cellLooks(model, sheet, { r0: 0, r1: frozen - 1, c0, c1 }) : [];

  const commit = async (text: string) => {
    setEditing(null);
    const addr = a1(sel.r, sel.c);
    try {
      await emu.run(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet.name).getRange(addr);
        if (text.startsWith("=")) range.formulas = [[text]];
        else range.values = [[typedValue(text)]];
        await context.sync();
      });
    } catch (e) {
      props.onError(`${sheet.name}!${addr}: ${(e as Error).message}`);
    }
    move(1, 0);
  };

  const move = (dr: number, dc: number) => {
    setSel((s) => {
      const r = Math.max(0, Math.min(axes.rows.offsets.length - 2, s.r + dr));
      const c = Math.max(0, Math.min(axes.cols.offsets.length - 2, s.c + dc));
      const el = scroller.current;
      if (el) {
        const y = axes.rows.offsets[r] - frozenH;
        const y2 = axes.rows.offsets[r + 1] - frozenH;
        if (r >= frozen && y < el.scrollTop) el.scrollTop = y;
        else if (y2 > el.scrollTop + el.clientHeight) el.scrollTop = y2 - el.clientHeight;
        const x = axes.cols.offsets[c];
        const x2 = axes.cols.offsets[c + 1];
        if (x < el.scrollLeft) el.scrollLeft = x;
        else if (x2 > el.scrollLeft + el.clientWidth) el.scrollLeft = x2 - el.clientWidth;
      }
      return { r, c };
    });
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing !== null) return;
    const k = e.key;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, e.shiftKey ? -1 : 1],
      PageDown: [Math.floor(size.h / 22), 0],
      PageUp: [-Math.floor(size.h / 22), 0],
    };
    if (moves[k]) {
      e.preventDefault();
      move(moves[k][0], moves[k][1]);
    } else if (k === "Enter" || k === "F2") {
      e.preventDefault();
      setEditing(formulaBarText(model, sheet, sel.r, sel.c));
    } else if (k === "Delete" || k === "Backspace") {
      e.preventDefault();
      void commit("").then(() => move(-1, 0));
    } else if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing(k);
    }
  };

  const cellStyle = (look: CellLook, r: number, c: number, rowsAxis: Axis, yShift: number): CSSProperties => {
    const span = look.span ?? { rows: 1, cols: 1 };
    const x = axes.cols.offsets[c];
    const y = rowsAxis.offsets[r] - yShift;
    return {
      position: "absolute",
      left: x,
      top: y,
      width: axes.cols.offsets[Math.min(c + span.cols, axes.cols.offsets.length - 1)] - x,
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
      padding: "2px 4px",
      lineHeight: "16px",
      zIndex: look.span || look.spill ? 1 : undefined,
    };
  };

  const drawCells = (looks: CellLook[][], rowStart: number, yShift: number, testIds: boolean) =>
    looks.flatMap((row, i) =>
      row.map((look, j) => {
        if (look.covered) return null;
        const r = rowStart + i;
        const c = c0 + j;
        const selected = r === sel.r && c === sel.c;
        return (
          <div
            key={`${r}:${c}`}
            data-cell={testIds ? a1(r, c) : undefined}
            onMouseDown={() => setSel({ r, c })}
            onDoubleClick={() => setEditing(formulaBarText(model, sheet, r, c))}
            style={{
              ...cellStyle(look, r, c, axes.rows, yShift),
              outline: selected ? "2px solid #217346" : undefined,
              outlineOffset: -2,
            }}
          >
            {look.icon && (
              <span aria-hidden="true" style={{ color: "#2F5597", marginRight: 4 }}>
                {look.icon}
              </span>
            )}
            {look.text}
          </div>
        );
      }),
    );

  const totalW = axes.cols.offsets[axes.cols.offsets.length - 1];
  const totalH = axes.rows.offsets[axes.rows.offsets.length - 1] - frozenH;
  const editStyle: CSSProperties | null =
    editing !== null
      ? {
          position: "absolute",
          left: axes.cols.offsets[sel.c],
          top: axes.rows.offsets[sel.r] - frozenH,
          minWidth: axes.cols.offsets[sel.c + 1] - axes.cols.offsets[sel.c],
          height: axes.rows.offsets[sel.r + 1] - axes.rows.offsets[sel.r],
          zIndex: 5,
          font: "13px sans-serif",
          border: "2px solid #217346",
          boxSizing: "border-box",
        }
      : null;

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
          aria-label="Name box"
          style={{ width: 64, fontSize: 12, border: `1px solid ${GRID}`, padding: "2px 4px" }}
        >
          {a1(sel.r, sel.c)}
        </output>
        <input
          aria-label={props.labels.formulaBar}
          data-testid="formula-bar"
          readOnly
          value={formulaBarText(model, sheet, sel.r, sel.c)}
          style={{ flexGrow: 1, fontSize: 12, border: `1px solid ${GRID}`, padding: "2px 4px" }}
        />
      </div>
      <div style={{ position: "relative", flexGrow: 1, minHeight: 0, overflow: "hidden", background: "#fff" }}>
        {/* column letters */}
        <div
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
            {Array.from({ length: c1 - c0 + 1 }, (_, j) => c0 + j).map((c) => (
              <div
                key={c}
                style={{
                  position: "absolute",
                  left: axes.cols.offsets[c],
                  width: axes.cols.offsets[c + 1] - axes.cols.offsets[c],
                  height: HEADER_H,
                  background: c === sel.c ? "#D2D0CE" : "#F3F2F1",
                  borderRight: `1px solid ${GRID}`,
                  borderBottom: `1px solid ${GRID}`,
                  boxSizing: "border-box",
                  fontSize: 12,
                  textAlign: "center",
                  lineHeight: `${HEADER_H}px`,
                  color: "#605E5C",
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
              {drawCells(top, 0, 0, true)}
            </div>
          </div>
        )}
        {/* row numbers */}
        <div
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
                  background: r === sel.r ? "#D2D0CE" : "#F3F2F1",
                  borderBottom: `1px solid ${GRID}`,
                  boxSizing: "border-box",
                  fontSize: 12,
                  textAlign: "center",
                  color: "#605E5C",
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
          role="grid"
          aria-label={props.labels.grid}
          aria-rowcount={axes.rows.offsets.length - 1}
          aria-colcount={axes.cols.offsets.length - 1}
          data-testid="grid"
          tabIndex={0}
          onKeyDown={onKey}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          style={{
            position: "absolute",
            left: HEADER_W,
            top: HEADER_H + frozenH,
            right: 0,
            bottom: 0,
            overflow: "auto",
            outline: "none",
          }}
        >
          <div style={{ position: "relative", width: totalW, height: totalH }}>
            {drawCells(body, firstBody, frozenH, true)}
            {sheet.charts.map((ch) => {
              const pos = chartBox(ch.position, axes.rows, axes.cols);
              return (
                <div
                  key={ch.id}
                  style={{ position: "absolute", left: pos.x, top: pos.y - frozenH, zIndex: 4 }}
                  data-chart={ch.name}
                >
                  <ChartView model={model} chart={ch} width={pos.w} height={pos.h} />
                </div>
              );
            })}
            {editStyle && (
              <input
                autoFocus
                aria-label={`${a1(sel.r, sel.c)}`}
                data-testid="cell-editor"
                style={editStyle}
                defaultValue={editing ?? ""}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    void commit(e.currentTarget.value).then(() => scroller.current?.focus());
                  } else if (e.key === "Escape") {
                    setEditing(null);
                    scroller.current?.focus();
                  }
                }}
                onBlur={() => setEditing(null)}
              />
            )}
          </div>
        </div>
      </div>
      <div
        role="tablist"
        aria-label={props.labels.sheets}
        style={{ display: "flex", gap: 2, borderTop: `1px solid ${GRID}`, background: "#F3F2F1", overflowX: "auto" }}
      >
        {visibleSheets.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.id === sheet.id}
            onClick={() => {
              setSheetId(s.id);
              model.activeSheetId = s.id;
              setSel({ r: 0, c: 0 });
              setScroll({ top: 0, left: 0 });
              if (scroller.current) {
                scroller.current.scrollTop = 0;
                scroller.current.scrollLeft = 0;
              }
            }}
            style={{
              border: "none",
              borderBottom: s.id === sheet.id ? "3px solid #217346" : "3px solid transparent",
              background: s.id === sheet.id ? "#fff" : "transparent",
              color: s.id === sheet.id ? "#217346" : "#323130",
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
