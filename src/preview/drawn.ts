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

/**
 * The view shows a sheet and a selection in the workbook, as Excel's UI sets them (the API's
 * getActiveWorksheet and getSelectedRange read them): the model is the emulator's (or the
 * snapshot's), a store outside React that the grid writes to from its handlers and effects.
 */
export function showInWorkbook(model: DrawnWorkbook, sheetId: string, selection: DrawnWorkbook["selection"]): void {
  if (model.activeSheetId !== sheetId) model.activeSheetId = sheetId;
  if (selection && model.selection !== selection) model.selection = selection;
}
