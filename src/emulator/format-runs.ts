/**
 * Cell formats read from a file, one per cell, as a few rectangles: a file saved by LibreOffice,
 * Excel or WPS styles every cell of a table (LibreOffice's 10-point font, a date style on a
 * column), and a layer per cell made every format lookup scan them all (10,000 rows: 70,000
 * layers, the export 70 s). Runs of equal formats down a column become one rectangle, then equal
 * runs side by side one wider rectangle. The cells do not overlap, so the order of the layers
 * does not change any cell's format.
 */
import type { FormatLayer, FormatProps } from "./types";

export interface CellFormat {
  r: number;
  c: number;
  props: FormatProps;
}

export function formatRuns(cells: CellFormat[]): FormatLayer[] {
  const keys = new Map<string, number>();
  const keyed = cells.map((x) => {
    const k = JSON.stringify(x.props);
    let id = keys.get(k);
    if (id === undefined) keys.set(k, (id = keys.size));
    return { ...x, id };
  });
  // Down each column.
  keyed.sort((a, b) => a.c - b.c || a.r - b.r);
  const runs: { r0: number; r1: number; c0: number; c1: number; id: number; props: FormatProps }[] = [];
  for (const x of keyed) {
    const last = runs.at(-1);
    if (last && last.c0 === x.c && last.id === x.id && last.r1 === x.r - 1) last.r1 = x.r;
    else runs.push({ r0: x.r, r1: x.r, c0: x.c, c1: x.c, id: x.id, props: x.props });
  }
  // Across: the same rows and format in the next column.
  runs.sort((a, b) => a.r0 - b.r0 || a.r1 - b.r1 || a.id - b.id || a.c0 - b.c0);
  const out: typeof runs = [];
  for (const x of runs) {
    const last = out.at(-1);
    if (last && last.r0 === x.r0 && last.r1 === x.r1 && last.id === x.id && last.c1 === x.c0 - 1) last.c1 = x.c1;
    else out.push({ ...x });
  }
  return out.map(({ r0, r1, c0, c1, props }) => ({ rect: { r0, r1, c0, c1 }, props }));
}
