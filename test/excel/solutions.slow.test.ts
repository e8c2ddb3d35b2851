/**
 * The sample's Needs and Solutions sheets recalculated by LibreOffice (solutions.test.ts has the rest).
 */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";
import { cell, cellOf, columnOf, sampleEmulator } from "../helpers/workbook";

const NEEDS = "3 需求分析";
const SOL = "4 方案分析";

describe("the Needs and Solutions sheets of the sample", () => {
  let s: Awaited<ReturnType<typeof sampleEmulator>>;
  beforeAll(async () => {
    s = await sampleEmulator("zh");
  });

  test("LibreOffice computes the same phases, profile total and bridge from the exported workbook", async () => {
    const { emu, result } = s;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const sol = wb.getWorksheet(SOL)!;
    const needs = wb.getWorksheet(NEEDS)!;
    const lo = (ws: ExcelJS.Worksheet, a: string) => cachedValue(ws.getCell(a));
    expect(lo(needs, cellOf(result, "needs", "revenue.total").ref()) as number).toBeCloseTo(64_007.8, 6);
    const first = columnOf(result, "solutions", "solutions.id").first;
    result.outputs.solutions!.results.forEach((x, i) => {
      expect(lo(sol, `O${first + i}`)).toBe(cell(emu, SOL, `O${first + i}`));
      expect(lo(sol, `Q${first + i}`)).toBe(x.rank);
    });
    const end = cellOf(result, "solutions", "bridge.end");
    expect(lo(sol, end.ref()) as number).toBeCloseTo(78_729.6, 6);
    expect(lo(sol, cellOf(result, "solutions", "bridge.growth").ref()) as number).toBeCloseTo(
      result.outputs.solutions!.bridge.growth!,
      12,
    );
  });
});
