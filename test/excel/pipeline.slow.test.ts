/**
 * The sample case's Industry and Competition sheets recalculated by LibreOffice (pipeline.test.ts
 * has the rest).
 */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";
import { cell, cellOf, columnOf, rowWith, sampleEmulator } from "../helpers/workbook";

const IND = "1 行业分析";
const COMP = "2 竞争分析";
const pct1 = (x: unknown) => Math.round((x as number) * 1000) / 10;

describe("the sample case, generated", () => {
  let s: Awaited<ReturnType<typeof sampleEmulator>>;
  beforeAll(async () => {
    s = await sampleEmulator("zh");
  });

  test("LibreOffice computes the same figures from the exported workbook", async () => {
    const { emu, result } = s;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const ind = wb.getWorksheet(IND)!;
    const comp = wb.getWorksheet(COMP)!;
    const first = columnOf(result, "industry", "composition.industry").first;
    const total = first + result.analysis.industries.length;
    const lo = (ws: ExcelJS.Worksheet, a: string) => cachedValue(ws.getCell(a));
    expect(lo(ind, "A9")).toBe("100% = 2,560 万元");
    expect(lo(ind, `B${total}`) as number).toBeCloseTo(result.figures.total, 6);
    expect(pct1(lo(ind, `C${first}`))).toBe(38);
    const focusTotal = cellOf(result, "industry", "focus.total").row;
    expect(lo(ind, `B${focusTotal}`) as number).toBeCloseTo(64_007.8, 6);
    expect(lo(ind, `C${focusTotal + 1}`) as number).toBeCloseTo(result.figures.focus!.subIndustryShare, 12);
    const price = rowWith(emu, result, "industry", "factors.factor", "价格");
    expect([lo(ind, `F${price}`), lo(ind, `H${price}`), lo(ind, `I${price}`)]).toEqual([2, 10, 1]);
    const head = columnOf(result, "competition", "scores.product").first - 1;
    expect(lo(comp, `E${head + 1}`) as number).toBeCloseTo(26 / 6 - 3.5, 12);
    expect(lo(comp, `F${head + 1}`)).toBe("移动");
    expect(lo(comp, `F${head + 2}`)).toBe("网通");
    const summary = cellOf(result, "competition", "summary").ref();
    expect(cell(emu, COMP, summary)).toMatch(/^我方领先：/);
    expect(lo(comp, summary)).toBe(cell(emu, COMP, summary));
  });
});
