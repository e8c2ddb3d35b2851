/**
 * Revenue tables as analysts keep them (issue 19): every layout of the corpus gives the sample's
 * figures — parsed alone, and generated end to end from a plain range (header found below title
 * rows, wide tables through the normalised copy) — and a real tie is refused naming both columns.
 */
import { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import { translator } from "../../src/i18n";
import { analyseIndustry } from "../../src/method/industry";
import { matchColumns } from "../../src/tables/header-match";
import { describeProblem } from "../../src/tables/messages";
import { parsePeriod } from "../../src/tables/period";
import { TableError } from "../../src/tables/problems";
import { parseRevenueTable, REVENUE_ALIASES, REVENUE_FIELDS } from "../../src/tables/revenue";
import { SITE_ALIASES, SITE_FIELDS } from "../../src/tables/sites";
import { AMBIGUOUS, LAYOUTS, type Layout } from "../fixtures/layouts";
import { emulatorRun } from "../helpers/workbook";

const Q4 = parsePeriod("2002-Q4")!;
const round2 = (x: number) => Math.round(x * 100) / 100;

function figures(l: Layout) {
  const table = parseRevenueTable({ sheet: "收入", values: l.values, origin: { row: 0, col: 0 } });
  const a = analyseIndustry(table.rows, { period: Q4, focus: "中国平安人寿保险有限公司福州分公司" });
  return { table, a };
}

test(`the corpus has ${LAYOUTS.length} layouts (at least 15)`, () => {
  expect(LAYOUTS.length).toBeGreaterThanOrEqual(15);
});

describe.each(LAYOUTS.map((l) => [l.name, l] as const))("%s", (_name, layout) => {
  test("parsed: total 25,599,999.16, Ping An 64,007.80, 14.2% of 保险", () => {
    const { table, a } = figures(layout);
    expect(round2(a.total)).toBe(25_599_999.16);
    expect(round2(a.focus!.monthlyAverage)).toBe(64_007.8);
    expect(a.focus!.segment).toBe("保险");
    expect(Math.round(a.focus!.segmentShare * 1000) / 10).toBe(14.2);
    expect(table.layout).toBe(/^wide/.test(layout.name) ? "wide" : "long");
  });
});

test("how each column was matched, and the unit the header sets", () => {
  const en = figures(LAYOUTS[1]).table;
  expect(Object.fromEntries(Object.entries(en.matches).map(([f, m]) => [f, m!.how]))).toEqual({
    period: "contains",
    customerId: "exact",
    customer: "qualified",
    industry: "exact",
    subIndustry: "exact",
    service: "qualified",
    amount: "qualified",
  });
  expect(figures(LAYOUTS[4]).table.unitFactor).toBe(1_000);
  expect(figures(LAYOUTS[5]).table.unitFactor).toBe(10_000);
  const titled = figures(LAYOUTS[6]).table;
  expect([titled.headerRow, titled.rows[0].sheetRow]).toEqual([3, 5]);
  expect(titled.notes.map((n) => describeProblem(n, translator("en-US")))).toContain(
    "Sheet “收入”: the header is on row 4; the 3 row(s) above it (a title, a source line) were left alone.",
  );
  const wideTotal = figures(LAYOUTS[11]).table;
  expect(wideTotal.notes.map((n) => describeProblem(n, translator("zh-CN")))).toEqual([
    "工作表“收入”第 L 列：合计列“合计”未计入数字。",
    "工作表“收入”：每月一列（6 个月）的表格，已按“客户 × 业务 × 月份”逐行读取。",
  ]);
  // A blank month cell is no revenue, not an error: the sample's wide rows skip none, so the row count is the CSV's.
  expect(figures(LAYOUTS[10]).table.rows.length).toBe(figures(LAYOUTS[0]).table.rows.length);
});

test("a real tie is refused, naming both columns; the data settles a tie it can", () => {
  let err: TableError | null = null;
  try {
    parseRevenueTable({ sheet: "收入", values: AMBIGUOUS.values, origin: { row: 0, col: 0 } });
  } catch (e) {
    err = e as TableError;
  }
  expect(err).toBeInstanceOf(TableError);
  expect(describeProblem(err!.problems[0], translator("en-US"))).toBe(
    "Sheet “收入”, header row 1: both G “收入(元)” and H “金额(元)” could be the amount, and the data cannot tell them apart. Map one of them by hand.",
  );
  // 客户 holds numbers and 客户名称 text: the text column is the customer, with no tie reported.
  const m = matchColumns(["客户", "客户名称", "行业"], REVENUE_FIELDS, REVENUE_ALIASES, {
    data: [[110, "平安", "金融"]],
    kinds: { customer: "text", customerId: "text" },
  });
  expect(m.mapping.customer).toBe(1);
  expect(m.ambiguous).toEqual([]);
});

test("the site table's headers follow the same rules: 光纤（有/无）, Services carried", () => {
  const m = matchColumns(
    ["站点名称", "地址", "接入点/母局", "光纤（有/无）", "实线电缆（对）", "Services carried"],
    SITE_FIELDS,
    SITE_ALIASES,
  );
  expect(m.mapping).toMatchObject({ site: 0, address: 1, accessPoint: 2, fibre: 3, copperPairs: 4, services: 5 });
});

describe("end to end, from a plain range on a sheet", () => {
  test.each(LAYOUTS.map((l) => [l.name, l] as const))("%s", async (_name, layout) => {
    const emu = new ExcelEmulator();
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.add(layout.lang === "zh" ? "收入" : "Revenue");
      const rows = layout.values.length;
      const cols = Math.max(...layout.values.map((r) => r.length));
      const cells = layout.values.map((r) => [...r, ...Array(cols - r.length).fill(null)]);
      ws.getRangeByIndexes(0, 0, rows, cols).values = cells as Excel.Range["values"];
      if (layout.merge) ws.getRange(layout.merge).merge();
      await context.sync();
    });
    const res = await generate(emulatorRun(emu), {
      settings: {
        period: "2002-Q4",
        focus: "中国平安人寿保险有限公司福州分公司",
        lang: layout.lang === "zh" ? "zh-CN" : "en-US",
      },
      steps: ["industry"],
    });
    expect(round2(res.figures.total)).toBe(25_599_999.16);
    expect(round2(res.figures.focus!.monthlyAverage)).toBe(64_007.8);
    expect(Math.round(res.figures.focus!.subIndustryShare * 1000) / 10).toBe(14.2);
    // The sheet's formulas say the same, whichever route they read.
    const sheet = emu.model.sheetByName(layout.lang === "zh" ? "1 行业分析" : "1 Industry")!;
    // The composition's total row: header on row 10, one row per industry, then the total (B).
    const totalRow = 10 + res.analysis.industries.length + 1;
    expect(emu.model.value(sheet, totalRow - 1, 0)).toBe(layout.lang === "zh" ? "合计" : "Total");
    expect(round2(emu.model.value(sheet, totalRow - 1, 1) as number)).toBe(25_599_999.16);
    if (/^wide/.test(layout.name)) expect(res.source.normalised).toBe(true);
  });
});

test("a site table under a title, with headers such as 光纤（有/无）, feeds step 5", async () => {
  const { readSampleCsv } = await import("../helpers/sample");
  const sites = readSampleCsv("sites.csv").filter((r) => r.length >= 7);
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const rev = context.workbook.worksheets.add("收入");
    const v = LAYOUTS[0].values;
    rev.getRangeByIndexes(0, 0, v.length, 7).values = v as Excel.Range["values"];
    const ws = context.workbook.worksheets.add("站点");
    const head = ["站点名称", "地址", "接入点/母局", "光纤（有/无）", "光纤说明", "实线电缆（对）", "可承载业务"];
    const cells = [["平安寿险福州分公司站点情况", null, null, null, null, null, null], head, ...sites.slice(1)];
    ws.getRangeByIndexes(0, 0, cells.length, 7).values = cells as Excel.Range["values"];
    await context.sync();
  });
  const res = await generate(emulatorRun(emu), { settings: { period: "2002-Q4", focus: "110" }, steps: ["support"] });
  expect(res.figures.sites.map((s) => s.site)).toEqual(sites.slice(1).map((r) => r[0]));
  expect(res.figures.sites[0].fibre).toBe(true);
  expect(res.figures.warnings.join(" ")).not.toMatch(/未找到站点表/);
});
