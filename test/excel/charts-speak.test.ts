/**
 * Charts that speak (issue 28): after Generate, every chart the add-in writes has a title, axis
 * titles where it has axes, and labels where a manager reads values — the waterfall's amounts
 * (its invisible base out of the legend and unlabelled, no empty slot), the pies' shares, the
 * competition's scores, the solutions scatter's numbers (from cells, by formula, points at one
 * place sharing one label).
 */
import { generate } from "../../src/excel/pipeline";
import type { ChartModel } from "../../src/emulator/model";
import { labelText } from "../../src/preview/charts";
import { anchored, cell, columnOf, rowWith, sampleEmulator, typeInto } from "../helpers/workbook";
import type { ExcelEmulator } from "../../src/emulator";

const SOL = "4 方案分析";

/** The computed values of a chart's reference ("'Sheet'!$A$1:$A$5"), flat. */
function refValues(emu: ExcelEmulator, ref: string | undefined): unknown[] {
  const { sheet, rect } = emu.model.resolveAddress(ref!);
  return emu.model.values(sheet, rect).flat();
}

function charts(emu: ExcelEmulator): { sheet: string; chart: ChartModel }[] {
  return emu.model.sheets.flatMap((s) => s.charts.map((chart) => ({ sheet: s.name, chart })));
}

describe("the sample (zh) after Generate all", () => {
  let emu: ExcelEmulator;
  let run: Awaited<ReturnType<typeof sampleEmulator>>["run"];
  let result: Awaited<ReturnType<typeof sampleEmulator>>["result"];
  beforeAll(async () => {
    ({ emu, run, result } = await sampleEmulator("zh"));
    await generate(run, { steps: ["portfolio"] });
  }, 120_000);

  test("every chart has a title; every chart with axes has both axis titles", () => {
    const all = charts(emu);
    expect(all.map((c) => `${c.sheet}:${c.chart.type}`)).toEqual([
      "0 概览:ColumnStacked",
      "1 行业分析:Pie",
      "1 行业分析:Pie",
      "1 行业分析:Pie",
      "2 竞争分析:ColumnClustered",
      "4 方案分析:XYScatter",
      "4 方案分析:ColumnStacked",
      "7 客户组合:XYScatter",
    ]);
    for (const { chart } of all) {
      expect(chart.titleVisible).toBe(true);
      expect(chart.title.length).toBeGreaterThan(1);
      if (chart.type === "Pie") {
        expect(chart.axes).toEqual({});
      } else {
        expect(chart.axes.category?.title).toBeTruthy();
        expect(chart.axes.value?.title).toBeTruthy();
      }
    }
    const titles = all.map(({ chart }) => [chart.title, chart.axes.category?.title, chart.axes.value?.title]);
    expect(titles[0]).toEqual(["月收入桥：从现在到计划年末（元/月）", "收入变化项目", "月收入（元）"]);
    expect(titles.slice(4)).toEqual([
      ["各产品的加权得分（按运营商）", "产品", "加权得分（1–5）"],
      ["财务效益 × 可行性", "可行性（1–5）", "财务效益（1–5）"],
      ["月收入变化（瀑布图）", "收入变化项目", "月收入（元）"],
      ["吸引力 × 客户关系", "客户关系（1–5）", "吸引力（0–5）"],
    ]);
  });

  test("the waterfall: one bar per step, amounts labelled, its base unlabelled and out of the legend", () => {
    const w = emu.model.sheetByName(SOL)!.charts.find((c) => c.type === "ColumnStacked")!;
    // No empty slot: the start, the three steps of bridge.csv, the end.
    expect(refValues(emu, w.series[0].xValues)).toEqual([
      "起点：重点客户月均收入",
      "营业点新增DDN收入",
      "争取电话回访中心的转网",
      "长、市话量减少",
      "预计月收入",
    ]);
    expect(w.series.map((s) => s.name)).toEqual(["基数", "增加", "减少", "合计"]);
    expect(w.series.map((s) => s.hasDataLabels ?? false)).toEqual([false, true, true, true]);
    expect(w.hiddenLegendEntries).toEqual([0]);
    // What each bar's label reads, in its series' number format (a zero shows nothing).
    const read = w.series
      .slice(1)
      .map((s) => refValues(emu, s.values).map((v) => labelText(v as number, s.dataLabels!.numberFormat)));
    expect(read).toEqual([
      ["", "+5,000", "+12,500", "", ""],
      ["", "", "", "-2,778", ""],
      ["64,008", "", "", "", "78,730"],
    ]);
    // The bars bridge: each step's base is where the previous bar ended (64,007.80 + 5,000 + 12,500 − 2,778.20).
    expect(refValues(emu, w.series[0].values).map((v) => Math.round((v as number) * 100) / 100)).toEqual([
      0, 64_007.8, 69_007.8, 78_729.6, 0,
    ]);
  });

  test("the pies: each slice labelled with its share to one decimal; Ping An 14.2% of 保险", () => {
    const pies = emu.model.sheetByName("1 行业分析")!.charts;
    expect(pies).toHaveLength(3);
    for (const p of pies) {
      expect(p.series[0].hasDataLabels).toBe(true);
      expect(p.series[0].dataLabels).toEqual({
        showValue: false,
        showPercentage: true,
        showCategoryName: false,
        showSeriesName: false,
        numberFormat: "0.0%",
        position: "BestFit",
      });
    }
    const share = pies[2].series[0];
    const values = refValues(emu, share.values) as number[];
    expect(values[0]).toBeCloseTo(64_007.8, 6);
    const total = values.reduce((a, v) => a + v, 0);
    expect(values.map((v) => labelText(v / total, share.dataLabels!.numberFormat))).toEqual(["14.2%", "85.8%"]);
    // The service mix: 数据 28,184.12 and 市话 28,120.83 of 64,007.80.
    const mix = refValues(emu, pies[1].series[0].values) as number[];
    const sum = mix.reduce((a, v) => a + v, 0);
    expect(sum).toBeCloseTo(64_007.8, 6);
    expect(mix.map((v) => labelText(v / sum, "0.0%"))).toEqual(["44.0%", "43.9%", "6.1%", "5.9%"]);
  });

  test("the competition chart: each operator's score labelled to one decimal above its column", () => {
    const c = emu.model.sheetByName("2 竞争分析")!.charts[0];
    expect(c.series.map((s) => s.name)).toEqual(["电信", "网通", "移动"]);
    expect(c.series.every((s) => s.hasDataLabels && s.dataLabels?.showValue)).toBe(true);
    expect(c.series.map((s) => s.dataLabels?.position)).toEqual(["OutsideEnd", "OutsideEnd", "OutsideEnd"]);
    // 本地语音, China Telecom: the weighted score 4.33 reads 4.3.
    const first = refValues(emu, c.series[0].values)[0] as number;
    expect(first).toBeCloseTo(4.33, 2);
    expect(labelText(first, c.series[0].dataLabels!.numberFormat)).toBe("4.3");
  });

  test("the scatter: each point labelled with its solution number from a cell; 3 and 4 share one label", () => {
    const sc = emu.model.sheetByName(SOL)!.charts.find((c) => c.type === "XYScatter")!;
    const points = sc.series[0];
    const xs = refValues(emu, points.xValues);
    const ys = refValues(emu, points.values);
    // 10 solutions and 4 spare rows, one label cell per point, in the point's row, above it.
    expect(xs).toHaveLength(14);
    const own = points.pointLabels!;
    expect(Object.keys(own)).toHaveLength(14);
    const label = columnOf(result, "solutions", "solutions.pointLabel");
    const first = label.first;
    Object.entries(own).forEach(([i, p]) => {
      expect(p.cell).toBe(`'${SOL}'!${label.cell(first + Number(i)).abs()}`);
      expect(p.position).toBe("Top");
    });
    const labels = Object.values(own).map((p) => refValues(emu, p.cell)[0]);
    expect(labels).toEqual(["1", "2", "3, 4", "", "5", "6", "7", "8", "9", "10", "", "", "", ""]);
    // 3 and 4 are at the same place (feasibility 3.5, benefit 3); no other two points coincide.
    expect([xs[2], ys[2], xs[3], ys[3]]).toEqual([3.5, 3, 3.5, 3]);
    const places = xs.slice(0, 10).map((x, i) => `${x}|${ys[i]}`);
    expect(new Set(places).size).toBe(9);
    // Spare rows plot nothing (#N/A) and say nothing.
    expect(xs.slice(10)).toEqual(["#N/A", "#N/A", "#N/A", "#N/A"]);
    expect(sc.axes.category).toMatchObject({ minimum: 1, maximum: 5 });
    expect(sc.axes.value).toMatchObject({ minimum: 1, maximum: 5 });
    expect(cell(emu, SOL, `AE${first + 18}`)).toMatch(/共用一个标签，如“3, 4”/);
  });
});

test("the scatter's labels follow the ratings by formula: solution 4 moved onto solution 9 reads “4, 9”", async () => {
  const { emu, result } = await sampleEmulator("zh");
  const first = columnOf(result, "solutions", "solutions.id").first;
  const labels = () =>
    Array.from({ length: 10 }, (_, i) => anchored(emu, result, "solutions", "solutions.pointLabel", first + i));
  // Solution 4: technical 4, policy 3 → policy 5: feasibility 4.5, benefit 3, where solution 9 is.
  const r4 = rowWith(emu, result, "solutions", "solutions.id", "4");
  await typeInto(emu, SOL, `I${r4}`, [[5]]);
  expect(cell(emu, SOL, `L${r4}`)).toBe(4.5);
  expect(labels()).toEqual(["1", "2", "3", "4, 9", "5", "6", "7", "8", "", "10"]);
  // An unrated solution leaves the chart and its label: 3 alone, then nothing.
  await typeInto(emu, SOL, `G${first + 2}`, [[""]]);
  expect(labels()[2]).toBe("");
});

test("a step typed into a spare bridge row joins the waterfall on Refresh, still without an empty slot", async () => {
  const { emu, run, result } = await sampleEmulator("zh");
  const last = rowWith(emu, result, "solutions", "bridge.label", "长、市话量减少");
  await typeInto(emu, SOL, `A${last + 1}:C${last + 1}`, [["宽带新增", 1000, "7"]]);
  await generate(run);
  const w = emu.model.sheetByName(SOL)!.charts.find((c) => c.type === "ColumnStacked")!;
  const cats = refValues(emu, w.series[0].xValues);
  expect(cats).toHaveLength(6);
  expect(cats.slice(3)).toEqual(["长、市话量减少", "宽带新增", "预计月收入"]);
  expect(refValues(emu, w.series[3].values)[5] as number).toBeCloseTo(79_729.6, 6);
});

test("the English sample's charts speak English, in its unit", async () => {
  const { emu } = await sampleEmulator("en");
  // The Solutions sheet: the one with the scatter (the overview's bridge is a waterfall too).
  const sheet = emu.model.sheets.find((s) => s.charts.some((c) => c.type === "XYScatter"))!;
  const w = sheet.charts.find((c) => c.type === "ColumnStacked")!;
  expect([w.axes.category?.title, w.axes.value?.title]).toEqual(["Change in revenue", "Monthly revenue (yuan)"]);
  expect(w.series.map((s) => s.name)).toEqual(["Base", "Increase", "Decrease", "Total"]);
  expect(w.hiddenLegendEntries).toEqual([0]);
  const sc = sheet.charts.find((c) => c.type === "XYScatter")!;
  expect([sc.axes.category?.title, sc.axes.value?.title]).toEqual(["Feasibility (1–5)", "Financial benefit (1–5)"]);
});
