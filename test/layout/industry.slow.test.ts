/** The Industry sheet recalculated by LibreOffice (industry.test.ts has the rest). */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generateQ4 } from "../fixtures/industry";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";

test("LibreOffice computes the same figures from the exported workbook", async () => {
  const { emu, a, cells } = await generateQ4();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("1 行业分析")!;
  const lo = (addr: string) => cachedValue(ws.getCell(addr));
  expect(lo(`B${cells.totalRow}`) as number).toBeCloseTo(a.total, 6);
  expect(lo(`B${cells.focusTotalRow}`) as number).toBeCloseTo(64_007.8, 6);
  expect(lo(cells.segmentShareCell) as number).toBeCloseTo(a.focus!.segmentShare, 12);
  expect(lo("A9")).toBe("100% = 2,560 万元");
  a.industries.forEach((ind, i) =>
    expect(lo(`C${cells.compositionFirstRow + i}`) as number).toBeCloseTo(ind.share, 12),
  );
});
