/** The used range of a sheet, as Excel reckons it (Worksheet.getUsedRange). */
import type { HyperFormula } from "hyperformula";
import { MAX_COLS, MAX_ROWS, type Rect } from "../address";
import { usedBounds } from "./hf-internals";
import { keyCol, keyRow, type SheetModel } from "./types";

/**
 * Bounding box of the cells holding a value or formula, and (unless `valuesOnly`) of formatted
 * cells — number formats and formats on part of the sheet; whole rows and columns are formatted
 * apart and do not count. Null for an empty sheet.
 */
export function usedRect(hf: HyperFormula, sheet: SheetModel, valuesOnly: boolean): Rect | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  const take = (r: number, c: number, rr = r, cc = c) => {
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, rr);
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, cc);
  };
  const box = usedBounds(hf, sheet.hfId);
  if (box) take(box.r0, box.c0, box.r1, box.c1);
  // A cell holding a formula is used whatever it shows (a column held as one shows "" or an error
  // in cells the engine's mapping leaves out).
  for (const k of sheet.formulas.keys()) take(keyRow(k), keyCol(k));
  if (!valuesOnly) {
    // Excel's used range also covers formatted cells (not whole rows or columns, kept apart).
    for (const k of sheet.numberFormats.keys()) take(keyRow(k), keyCol(k));
    const partial = (x: Rect) => x.r1 - x.r0 + 1 < MAX_ROWS && x.c1 - x.c0 + 1 < MAX_COLS;
    for (const l of [...sheet.numberFormatLayers, ...sheet.formatLayers])
      if (partial(l.rect)) take(l.rect.r0, l.rect.c0, l.rect.r1, l.rect.c1);
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}
