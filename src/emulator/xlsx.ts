/**
 * .xlsx in and out of the emulator with ExcelJS: values, formulas with their computed values,
 * number formats, tables (structured references kept as written), column widths, fills and fonts,
 * conditional formats, data validation, merges, frozen panes, sheet order and visibility.
 * ExcelJS cannot write charts: the emulator keeps its recorded charts, the file has none.
 * Workbook settings (Office.context / workbook.settings) live in a very hidden sheet, since an
 * .xlsx written here has no add-in part to hold them.
 *
 * The work is split by concern: xlsx-export.ts and xlsx-import.ts (the two directions),
 * xlsx-values.ts (one cell's value and style), xlsx-rules.ts (conditional formats and
 * validation), xlsx-settings.ts (the settings sheet); this module is the public face.
 */
export { exportXlsx, fileProblems, type FileProblem } from "./xlsx-export";
export { importParsed, importXlsx, type ImportOptions } from "./xlsx-import";
export { SETTINGS_SHEET } from "./xlsx-settings";
export { fromFileFormula, toFileFormula } from "./xlsx-values";
