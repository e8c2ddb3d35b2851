import { ExcelEmulator } from "../../src/emulator";
import { applyPlan, OWNED_SHEETS_SETTING } from "../../src/excel/writer";
import { buildIndustryPlan } from "../../src/layout/industry";
import { translator } from "../../src/i18n";
import { analyseIndustry } from "../../src/method/industry";
import { monthToSerial, parsePeriod } from "../../src/tables/period";
import { generateQ4, NO_FACTORS, REFS, sampleWorkbook } from "../fixtures/industry";
import { cellOf, columnOf } from "../helpers/workbook";

const t = translator("zh-CN");

function cellValue(emu: ExcelEmulator, sheet: string, a1: string) {
  const s = emu.model.sheetByName(sheet)!;
  const { rect } = emu.model.resolveAddress(a1, s);
  return emu.model.value(s, rect.r0, rect.c0);
}

test("the Industry sheet's formulas, evaluated, give the model's figures", async () => {
  const { emu, a, result, res } = await generateQ4();
  expect(res).toEqual({ sheetName: "1 行业分析", created: true });
  const v = (addr: string) => cellValue(emu, "1 行业分析", addr);
  const at = (key: string) => v(cellOf(result, "industry", key).ref());
  const compositionFirstRow = columnOf(result, "industry", "composition.industry").first;
  const focusFirstRow = columnOf(result, "industry", "focus.service").first;
  expect(at("months")).toBe(3);
  const total = at("composition.total") as number;
  expect(Math.abs(total - 25_600_000)).toBeLessThan(1);
  expect(total).toBeCloseTo(a.total, 6);
  expect(v("A9")).toBe("100% = 2,560 万元");
  a.industries.forEach((ind, i) => {
    const r = compositionFirstRow + i;
    expect(v(`A${r}`)).toBe(ind.industry);
    expect(v(`B${r}`) as number).toBeCloseTo(ind.monthlyAverage, 6);
    expect(v(`C${r}`) as number).toBeCloseTo(ind.share, 12);
    expect(v(`D${r}`) as number).toBeCloseTo(ind.compareAverage!, 6);
    expect(v(`F${r}`) as number).toBeCloseTo(ind.growth!, 12);
  });
  expect(Math.round((v(`C${compositionFirstRow}`) as number) * 1000) / 10).toBe(38.0);
  expect(at("focus.total") as number).toBeCloseTo(64_007.8, 6);
  expect(Math.round((at("focus.segmentShare") as number) * 1000) / 10).toBe(14.2);
  const svc = a.focus!.services.map((_, i) => [
    v(`A${focusFirstRow + i}`),
    Math.round((v(`B${focusFirstRow + i}`) as number) * 100) / 100,
  ]);
  expect(svc).toEqual([
    ["数据", 28_184.12],
    ["市话", 28_120.83],
    ["长话", 3_918.55],
    ["17909长话", 3_784.3],
  ]);
  // Owned, protected, with inputs unlocked; one read sync and two write syncs for a new sheet.
  const sheet = emu.model.sheetByName("1 行业分析")!;
  expect(sheet.protection.protected).toBe(true);
  expect(emu.model.effectiveFormat(sheet, 2, 1).locked).toBe(false);
  // A sheet added by a write is marked ours by its name in that write (its id is known only after it).
  expect(emu.model.settings.get(OWNED_SHEETS_SETTING)).toEqual({});
  expect(emu.model.settings.get("sixstep.ownedNames")).toEqual({ industry: sheet.name });
  const syncs = emu.runs.at(-1)!.syncs.filter((s) => s.operations > 0);
  expect(syncs.length).toBe(3);
});

test("appending a revenue row in Excel changes the figures through the formulas alone", async () => {
  const { emu, result } = await generateQ4();
  await emu.run(async (context) => {
    context.workbook.tables
      .getItem("Revenue")
      .rows.add(undefined, [[monthToSerial(2002 * 12 + 11), "110", "平安", "金融", "保险", "数据", 3000]]);
    await context.sync();
  });
  expect(cellValue(emu, "1 行业分析", cellOf(result, "industry", "focus.total").ref()) as number).toBeCloseTo(
    64_007.8 + 1000,
    6,
  );
});

test("a user sheet named like ours is left untouched", async () => {
  const { emu, table, run } = await sampleWorkbook();
  await emu.run(async (context) => {
    context.workbook.worksheets.add("1 行业分析").getRange("A1").values = [["my notes"]];
    await context.sync();
  });
  const a = analyseIndustry(table.rows, { period: parsePeriod("2002-Q4")! });
  const res = await applyPlan(run, buildIndustryPlan(a, REFS, t, NO_FACTORS).plan);
  expect(res.sheetName).toBe("1 行业分析 (2)");
  expect(cellValue(emu, "1 行业分析", "A1")).toBe("my notes");
  // A second Generate rewrites our own sheet, not the user's and not a third one.
  const again = await applyPlan(run, buildIndustryPlan(a, REFS, t, NO_FACTORS).plan);
  expect(again).toEqual({ sheetName: "1 行业分析 (2)", created: false });
  expect(emu.model.sheetByName("1 行业分析 (2)")!.charts).toHaveLength(1); // replaced, not stacked
  expect(emu.model.sheets.map((s) => s.name)).toEqual(["收入", "1 行业分析", "1 行业分析 (2)"]);
});
