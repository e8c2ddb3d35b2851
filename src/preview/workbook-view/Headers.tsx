/** The grid's headers: the column letters (its header row) and the row numbers (hidden from assistive technology: each cell's name carries its address). */
import type { SheetModel } from "../../emulator/model";
import type { Rect } from "../../address";
import { a1 } from "../grid";
import type { GridLayout } from "./layout";
import { columnHeader, columnHeaders, rowNumber, rowNumbers, shiftX, shiftY } from "./styles";

function colName(c: number) {
  return a1(0, c).replace(/\d+$/, "");
}

export function ColumnHeaders(props: { sheet: SheetModel; g: GridLayout; selRect: Rect; scrollLeft: number }) {
  const { g, selRect } = props;
  const cols = Array.from({ length: g.c1 - g.c0 + 1 }, (_, j) => g.c0 + j).filter(
    (c) => !props.sheet.hiddenColumns.has(c),
  );
  return (
    <div role="row" aria-rowindex={1} style={columnHeaders}>
      <div style={shiftX(-props.scrollLeft)}>
        {cols.map((c) => (
          <div
            key={c}
            role="columnheader"
            aria-colindex={c + 1}
            style={columnHeader(
              g.cols.offsets[c],
              g.cols.offsets[c + 1] - g.cols.offsets[c],
              c >= selRect.c0 && c <= selRect.c1,
            )}
          >
            {colName(c)}
          </div>
        ))}
      </div>
    </div>
  );
}

export function RowNumbers(props: { g: GridLayout; selRect: Rect; scrollTop: number }) {
  const { g, selRect, scrollTop } = props;
  // The frozen rows' numbers, then the body's in view.
  const rows = Array.from({ length: g.r1 - g.firstBody + 1 + g.frozen }, (_, i) =>
    i < g.frozen ? i : g.firstBody + i - g.frozen,
  );
  return (
    <div aria-hidden="true" style={rowNumbers}>
      <div style={shiftY(-scrollTop)}>
        {rows.map((r) => (
          <div
            key={r}
            style={rowNumber(
              r < g.frozen ? g.rows.offsets[r] + scrollTop : g.rows.offsets[r],
              g.rows.offsets[r + 1] - g.rows.offsets[r],
              r >= selRect.r0 && r <= selRect.r1,
              r < g.frozen,
            )}
          >
            {r + 1}
          </div>
        ))}
      </div>
    </div>
  );
}
