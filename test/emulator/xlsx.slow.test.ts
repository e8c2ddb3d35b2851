/** The cross-check workbook's formula cells, recalculated by LibreOffice (xlsx.test.ts has the rest). */
import ExcelJS from "exceljs";
import { type WorkbookModel } from "../../src/emulator/model";
import { exportXlsx } from "../../src/emulator/xlsx";
import { crossCheckWorkbook } from "../fixtures/cross-check";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";

function formulaCells(model: WorkbookModel) {
  const out: { sheet: string; r: number; c: number; value: unknown }[] = [];
  for (const s of model.sheets) {
    for (const key of s.formulas.keys()) {
      const r = Math.floor(key / 16384);
      const c = key % 16384;
      out.push({ sheet: s.name, r, c, value: model.value(s, r, c) });
    }
  }
  return out;
}

test("LibreOffice recalculates every formula cell to the emulator's value (relative difference ≤ 1e-9)", async () => {
  const emu = await crossCheckWorkbook();
  const recalculated = recalcWithLibreOffice(await exportXlsx(emu.model));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(recalculated as unknown as ArrayBuffer);
  const cells = formulaCells(emu.model);
  expect(cells.length).toBe(13);
  const mismatches: string[] = [];
  for (const { sheet, r, c, value } of cells) {
    const lo = cachedValue(wb.getWorksheet(sheet)!.getCell(r + 1, c + 1));
    const ok =
      typeof value === "number" && typeof lo === "number"
        ? Math.abs(value - lo) <= 1e-9 * Math.max(1, Math.abs(value))
        : String(value) === String(lo instanceof Date ? lo.toISOString() : lo);
    if (!ok)
      mismatches.push(
        `${sheet}!${String.fromCharCode(65 + c)}${r + 1}: emulator ${String(value)} vs LibreOffice ${String(lo)}`,
      );
  }
  expect(mismatches).toEqual([]);
});
