/**
 * The deck's pages the sheets hold, recalculated by LibreOffice: the largest share, the focus share,
 * the line revenue and the status line (deck-pages.test.ts has the rest).
 */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";
import { cell, cellOf, rowWith, sampleEmulator } from "../helpers/workbook";

const IND = "1 行业分析";
const SOL = "4 方案分析";
const PLAN = "6 客户规划";
const num = (x: unknown) => x as number;

describe("the sample's sheets", () => {
  let s: Awaited<ReturnType<typeof sampleEmulator>>;
  beforeAll(async () => {
    s = await sampleEmulator("zh");
  });

  test("LibreOffice computes the same largest share, focus share, line revenue and status line", async () => {
    const { emu, result } = s;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const lo = (sheet: string, a: string) => cachedValue(wb.getWorksheet(sheet)!.getCell(a));
    const carriers = rowWith(emu, result, "industry", "composition.industry", "运营商");
    expect(num(lo(IND, `H${carriers}`))).toBeCloseTo(num(cell(emu, IND, `H${carriers}`)), 9);
    expect(lo(IND, `G${carriers}`)).toBe(cell(emu, IND, `G${carriers}`));
    const ins = rowWith(emu, result, "industry", "sub.subIndustry", "保险");
    expect(num(lo(IND, `H${ins}`))).toBeCloseTo(num(cell(emu, IND, `H${ins}`)), 9);
    const first = rowWith(emu, result, "solutions", "lines.line", "数据业务");
    expect(num(lo(SOL, `E${first}`))).toBeCloseTo(338_209.44, 6);
    const v = rowWith(emu, result, "planning", "visits.planNo", "0202");
    expect(lo(PLAN, cellOf(result, "planning", "visits.status", v).ref())).toBe(
      "月消费约6.4万元，其中语音约3.6万元，数据约2.8万元",
    );
  });
});
