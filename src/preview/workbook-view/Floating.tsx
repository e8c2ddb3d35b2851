/** The charts and shapes: they float over the sheet, outside the grid, and scroll with it. */
import type { RefObject } from "react";
import { rectOf } from "../../address";
import type { SheetModel } from "../../emulator/model";
import { ChartView } from "../charts";
import type { DrawnWorkbook } from "../drawn";
import type { Axis } from "../grid";
import { ShapesView } from "../shapes";
import { PX, floating, shiftXY } from "./styles";

/** A chart's box in the grid's pixels: from its anchor cells, else from its position in points. */
export function chartBox(
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

export function Floating(props: {
  model: DrawnWorkbook;
  sheet: SheetModel;
  rows: Axis;
  cols: Axis;
  frozenH: number;
  scroll: { top: number; left: number };
  /** The body, which a wheel over a chart scrolls. */
  scroller: RefObject<HTMLDivElement>;
}) {
  const { sheet, frozenH } = props;
  if (sheet.charts.length === 0 && sheet.shapes.length === 0) return null;
  return (
    <div style={floating(frozenH)}>
      <div style={shiftXY(-props.scroll.left, -props.scroll.top)}>
        {sheet.shapes.length > 0 && <ShapesView shapes={sheet.shapes} offsetY={frozenH} />}
        {sheet.charts.map((ch) => {
          const pos = chartBox(ch.position, props.rows, props.cols);
          return (
            <div
              key={ch.id}
              style={{ position: "absolute", left: pos.x, top: pos.y - frozenH, pointerEvents: "auto" }}
              data-chart={ch.name}
              onWheel={(e) => {
                const el = props.scroller.current;
                if (el) {
                  el.scrollTop += e.deltaY;
                  el.scrollLeft += e.deltaX;
                }
              }}
            >
              <ChartView model={props.model} chart={ch} width={pos.w} height={pos.h} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
