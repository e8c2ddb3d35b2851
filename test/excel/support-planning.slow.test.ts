/**
 * Steps 5, 6 and the overview on the sample, recalculated by LibreOffice (support-planning.test.ts
 * has the rest).
 */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";
import { cell, cellOf, columnOf, sampleEmulator } from "../helpers/workbook";
import { matrix } from "../fixtures/support";

const SUP = "5 支撑能力";
const PLAN = "6 客户规划";
const OV = "0 概览";

describe("steps 5, 6 and the overview on the sample", () => {
  let s: Awaited<ReturnType<typeof sampleEmulator>>;
  beforeAll(async () => {
    s = await sampleEmulator("zh");
  });

  test("LibreOffice agrees on the support counts, touchpoints, support index and overview", async () => {
    const { emu, result } = s;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const lo = (sheet: string, a: string) => cachedValue(wb.getWorksheet(sheet)!.getCell(a));
    const counts = cellOf(result, "support", "counts.readyNow").row;
    for (const c of ["E", "F", "G", "H", "I", "J"]) {
      expect(lo(SUP, `${c}${counts}`)).toBe(cell(emu, SUP, `${c}${counts}`));
      expect(lo(SUP, `${c}${counts + 1}`)).toBe(cell(emu, SUP, `${c}${counts + 1}`));
    }
    const { head } = matrix(emu, result);
    // The matrix (网元出租 … 2M), readiness now and after works, and the blocking line.
    for (let r = head + 1; r < counts; r++)
      for (const c of ["E", "F", "G", "I", "K", "L", "O", "P"])
        expect(lo(SUP, `${c}${r}`)).toBe(cell(emu, SUP, `${c}${r}`));
    expect(lo(SUP, cellOf(result, "support", "blocking").ref())).toBe("福清支公司（未说明：网元出租、DDN）");
    expect(lo(PLAN, cellOf(result, "planning", "supportIndex").ref()) as number).toBeCloseTo(23 / 6, 12);
    expect(lo(OV, cellOf(result, "overview", "headlines.projected").ref()) as number).toBeCloseTo(78_729.6, 6);
    // The action title, the moves' dates and the next milestone are formulas LibreOffice computes alike.
    expect(lo(OV, "A2")).toBe(cell(emu, OV, "A2"));
    // ExcelJS reads a dated cell as a Date: back to Excel's serial.
    const loValue = (a: string) => {
      const x = lo(OV, a) ?? "";
      return x instanceof Date ? x.getTime() / 86_400_000 + 25_569 : x;
    };
    const mv = columnOf(result, "overview", "moves.move").first - 1;
    for (const c of ["C", "D", "E", "F"])
      for (const k of [1, 2, 3])
        expect([c, k, loValue(`${c}${mv + k}`)]).toEqual([c, k, cell(emu, OV, `${c}${mv + k}`)]);
    // The timeline's text marks ("" read back by ExcelJS as a missing result, so as 0).
    for (const c of ["G", "H", "I", "J"])
      for (const k of [1, 2, 3])
        expect([c, k, loValue(`${c}${mv + k}`) || ""]).toEqual([c, k, cell(emu, OV, `${c}${mv + k}`)]);
    const ms = columnOf(result, "overview", "milestones.task").first - 1;
    for (const c of ["A", "D", "E"]) expect(loValue(`${c}${ms + 1}`)).toBe(cell(emu, OV, `${c}${ms + 1}`));
  });
});
