/** The Industry sheet recalculated by LibreOffice (industry.test.ts has the rest). */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generateQ4 } from "../fixtures/industry";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";
import { cellOf, columnOf } from "../helpers/workbook";

test("LibreOffice computes the same figures from the exported workbook", async () => {
  const { emu, a, result } = await generateQ4();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("1 行业分析")!;
  const lo = (addr: string) => cachedValue(ws.getCell(addr));
  const at = (key: string) => lo(cellOf(result, "industry", key).ref());
  expect(at("composition.total") as number).toBeCloseTo(a.total, 6);
  expect(at("focus.total") as number).toBeCloseTo(64_007.8, 6);
  expect(at("focus.segmentShare") as number).toBeCloseTo(a.focus!.segmentShare, 12);
  expect(lo("A9")).toBe("100% = 2,560 万元");
  a.industries.forEach((ind, i) =>
    expect(lo(columnOf(result, "industry", "composition.share").cell().offset(i).ref()) as number).toBeCloseTo(
      ind.share,
      12,
    ),
  );
});
