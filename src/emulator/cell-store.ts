/**
 * The cell store's reads and writes over HyperFormula and the column store (src/emulator/columns.ts):
 * a rectangle's values put together from the engine and a block, and a write's runs between the
 * cells it leaves alone.
 */
import type { HyperFormula, RawCellContent } from "hyperformula";
import { intersection, type Rect } from "./address";
import type { ColumnBlock } from "./columns";
import type { CellValue } from "./types";
import { pushAll } from "../arrays";

/** A cell a write leaves unchanged (null in the written data). */
export const SKIP = Symbol("skip");

/**
 * A rectangle's values where part of it lies in a block: the rows above and below the block, and
 * the block's rows left and right of it, from the engine (`engine`); the rest from the block.
 */
export function valuesOverBlock(
  b: ColumnBlock,
  rect: Rect,
  engine: (rect: Rect) => CellValue[][],
): CellValue[][] | null {
  const part = intersection(rect, b.rect);
  if (!part) return null;
  const { r0: mr0, r1: mr1, c0: mc0, c1: mc1 } = part;
  const above = rect.r0 < b.r0 ? engine({ ...rect, r1: b.r0 - 1 }) : [];
  const below = rect.r1 > b.r1 ? engine({ ...rect, r0: b.r1 + 1 }) : [];
  const left = rect.c0 < b.c0 ? engine({ r0: mr0, r1: mr1, c0: rect.c0, c1: b.c0 - 1 }) : null;
  const right = rect.c1 > b.c1 ? engine({ r0: mr0, r1: mr1, c0: b.c1 + 1, c1: rect.c1 }) : null;
  const middle: CellValue[][] = [];
  for (let r = mr0; r <= mr1; r++) {
    const row: CellValue[] = left ? left[r - mr0] : [];
    for (let c = mc0; c <= mc1; c++) row.push(b.get(r, c));
    if (right) pushAll(row, right[r - mr0]);
    middle.push(row);
  }
  return above.concat(middle, below);
}

/** Writes contents into the engine at rect's corner; a SKIP cell is left alone (the runs between them are written). */
export function writeContents(
  hf: HyperFormula,
  hfSheet: number,
  rect: Rect,
  contents: (RawCellContent | typeof SKIP)[][],
  skips: boolean,
): void {
  if (!skips) {
    hf.setCellContents({ sheet: hfSheet, row: rect.r0, col: rect.c0 }, contents as RawCellContent[][]);
    return;
  }
  contents.forEach((row, i) => {
    let j = 0;
    while (j < row.length) {
      if (row[j] === SKIP) {
        j++;
        continue;
      }
      let k = j;
      while (k < row.length && row[k] !== SKIP) k++;
      hf.setCellContents({ sheet: hfSheet, row: rect.r0 + i, col: rect.c0 + j }, [row.slice(j, k) as RawCellContent[]]);
      j = k;
    }
  });
}
