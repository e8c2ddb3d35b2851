/**
 * What the preview's grid, charts and entry checks read of a workbook: the emulator's model
 * (live) or a snapshot of it (src/preview/snapshot.ts, drawn before the live one is built).
 */
import type { ExcelEmulator } from "../emulator";
import type { WorkbookModel } from "../emulator/model";

export type DrawnWorkbook = Pick<
  WorkbookModel,
  | "sheets"
  | "activeSheetId"
  | "selection"
  | "sheetById"
  | "formula"
  | "texts"
  | "usedRect"
  | "resolveAddress"
  | "values"
  | "value"
  | "effectiveFormat"
  | "evaluateRule"
  | "numberFormat"
>;

/** A workbook the preview shows: a model to draw and Excel.run to change it. */
export interface ShownWorkbook {
  readonly model: DrawnWorkbook;
  run: ExcelEmulator["run"];
}
