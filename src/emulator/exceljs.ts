/**
 * ExcelJS's workbook, as Node loads it. ExcelJS's package entry also loads its streaming reader
 * and writer (and with them unzipper and archiver): 0.15 s of the command line's start, for
 * nothing here streams. The workbook's module on its own loads the rest (xlsx parts, styles).
 * A browser bundle takes exceljs.browser.ts instead (webpack.config.js), ExcelJS's browser build.
 */
import type ExcelJS from "exceljs";

export const Workbook: typeof ExcelJS.Workbook = require("exceljs/lib/doc/workbook");
export const ValueType: typeof ExcelJS.ValueType = require("exceljs/lib/doc/enums").ValueType;
