/** ExcelJS's workbook in a browser bundle: its browser build (exceljs.ts is Node's; webpack.config.js swaps them). */
import ExcelJS from "exceljs";

export const Workbook = ExcelJS.Workbook;
export const ValueType = ExcelJS.ValueType;
