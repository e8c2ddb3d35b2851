/**
 * Workbook settings (Office.context / workbook.settings) in a file (src/emulator/xlsx.ts): an
 * .xlsx written here has no add-in part to hold them, so they live in a very hidden sheet, with
 * the worksheets' ids (Excel keeps them across a save; settings refer to them).
 */
import type ExcelJS from "exceljs";
import type { WorkbookModel } from "./model";
import type { SheetModel } from "./types";

export const SETTINGS_SHEET = "__sixstep_settings__";

/** The settings sheet, added last when the workbook has settings. */
export function exportSettings(wb: ExcelJS.Workbook, model: WorkbookModel): void {
  if (!model.settings.size) return;
  const s = wb.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
  s.getCell("A1").value = JSON.stringify(Object.fromEntries(model.settings));
  // Worksheet ids survive a save in Excel; settings refer to them (our ownership markers).
  s.getCell("B1").value = JSON.stringify(Object.fromEntries(model.sheets.map((x) => [x.name, x.id])));
}

/** A worksheet of the file and the model's sheet made for it. */
export interface ImportedSheet {
  ws: ExcelJS.Worksheet;
  sheet: SheetModel;
}

/**
 * Adds a sheet to the model for each worksheet but the settings sheet, whose settings go into the
 * model; the sheets get their saved ids.
 */
export function importSheetsAndSettings(wb: ExcelJS.Workbook, model: WorkbookModel): ImportedSheet[] {
  let sheetIds: Record<string, string> = {};
  const sheets: ImportedSheet[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === SETTINGS_SHEET) {
      sheetIds = importSettings(ws, model) ?? sheetIds;
      continue;
    }
    sheets.push({ ws, sheet: model.addSheet(ws.name) });
  }
  assignSheetIds(model, sheets, sheetIds);
  return sheets;
}

/** The settings into the model; the saved sheet ids by name (null when unreadable). */
function importSettings(ws: ExcelJS.Worksheet, model: WorkbookModel): Record<string, string> | null {
  try {
    const obj = JSON.parse(String(ws.getCell("A1").value ?? "{}")) as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) model.settings.set(k, v);
    return JSON.parse(String(ws.getCell("B1").value ?? "{}")) as Record<string, string>;
  } catch {
    // unreadable settings: start without them
    return null;
  }
}

/** Saved ids first; a sheet without one keeps its fresh id unless a saved id took it. */
function assignSheetIds(model: WorkbookModel, sheets: ImportedSheet[], sheetIds: Record<string, string>): void {
  const saved = new Set(Object.values(sheetIds));
  for (const { sheet } of sheets) if (sheetIds[sheet.name]) sheet.id = sheetIds[sheet.name];
  let n = 1;
  for (const { sheet } of sheets) {
    if (sheetIds[sheet.name] || !saved.has(sheet.id)) continue;
    while (saved.has(`{S${n}}`) || model.sheets.some((x) => x.id === `{S${n}}`)) n++;
    sheet.id = `{S${n}}`;
    saved.add(sheet.id);
  }
}
