import { generate } from "../../src/excel/pipeline";
import {
  analyseSolutions,
  DEFAULT_SOLUTION_SETTINGS,
  parsePhase,
  phasing,
  revenueBridge,
} from "../../src/method/solutions";
import { readSampleCsv } from "../helpers/sample";
import { anchored, cell, cellOf, columnOf, rowWith, sampleEmulator, typeInto } from "../helpers/workbook";

const NEEDS = "3 需求分析";
const SOL = "4 方案分析";
const round2 = (x: unknown) => Math.round((x as number) * 100) / 100;

test("the model: feasibility, quadrant, phases and rank of the sample's ten solutions", () => {
  const csv = readSampleCsv("solutions.csv")
    .slice(1)
    .filter((r) => r.length > 9);
  const results = analyseSolutions(
    csv.map((r) => ({
      id: r[0],
      name: r[1],
      area: r[2],
      annualRevenue: Number(r[3]),
      competition: r[4],
      strategy: r[5],
      benefit: Number(r[6]),
      technical: Number(r[7]),
      policy: Number(r[8]),
      monthlyImpact: null,
      phaseOverride: parsePhase(r[9]),
    })),
  );
  const ids = (p: string) => results.filter((x) => x.suggestedPhase === p).map((x) => x.id);
  expect(ids("short")).toEqual(["1", "2", "5", "6", "7", "8", "9"]);
  expect(ids("mid")).toEqual(["3", "4", "10"]);
  expect(results.map((x) => x.finalPhase)).toEqual(csv.map((r) => parsePhase(r[9])));
  // 1: benefit 4, feasibility (5+5)/2 = 5 → quick win, score 20, rank 1; 10: 2 × 3.5 = 7, last.
  expect(results[0]).toMatchObject({ feasibility: 5, quadrant: "quickWin", score: 20, rank: 1 });
  expect(results[9]).toMatchObject({ feasibility: 3.5, quadrant: "fillIn", score: 7, rank: 10 });
  // The seed's phasing (p.25): short 1, 2, 5, 8, 9; mid 4, 6, 10; long 3, 7 — by rank within each.
  expect(phasing(results).map((x) => x.id)).toEqual(["1", "2", "5", "9", "8", "4", "6", "10", "7", "3"]);
  expect([1, 2, 3].map((rank) => results.find((x) => x.rank === rank)!.id)).toEqual(["1", "2", "5"]);
  // Stricter thresholds move solutions through the quadrants and phases.
  const strict = analyseSolutions(results, { ...DEFAULT_SOLUTION_SETTINGS, benefitHigh: 4.5, shortAt: 4.8 });
  expect(strict[0]).toMatchObject({ quadrant: "fillIn", suggestedPhase: "short" });
  expect(strict[1]).toMatchObject({ quadrant: "fillIn", suggestedPhase: "mid" });
  expect(revenueBridge(64_007.8, [{ label: "a", amount: 5000, solutionId: "1" }]).end).toBeCloseTo(69_007.8, 9);
  expect([parsePhase("近期"), parsePhase("Mid-term"), parsePhase("远期"), parsePhase("someday")]).toEqual([
    "short",
    "mid",
    "long",
    null,
  ]);
});

describe("the Needs and Solutions sheets of the sample", () => {
  let s: Awaited<ReturnType<typeof sampleEmulator>>;
  beforeAll(async () => {
    s = await sampleEmulator("zh");
  });

  test("profile revenue fields by formula: 64,007.80 = 28,120.83 + 3,918.55 + 3,784.30 + 28,184.12", () => {
    const { emu, result } = s;
    const total = cellOf(result, "needs", "revenue.total").row;
    const services = Object.fromEntries(
      [1, 2, 3, 4].map((k) => [cell(emu, NEEDS, `A${total - k}`), round2(cell(emu, NEEDS, `B${total - k}`))]),
    );
    expect(services).toEqual({ 市话: 28_120.83, 长话: 3_918.55, "17909长话": 3_784.3, 数据: 28_184.12 });
    expect(cell(emu, NEEDS, `B${total}`) as number).toBeCloseTo(64_007.8, 6);
    expect(anchored(emu, result, "needs", "completeness")).toBe(1); // every profile field of the sample is filled
    expect(s.result.figures.profileCompleteness).toBe(1);
    // Closed sets are validated lists.
    const sheet = s.emu.model.sheetByName(NEEDS)!;
    expect(sheet.validations.filter((v) => "list" in v.rule).length).toBe(3);
  });

  test("phases, quadrants and ranks by formula equal the model; the bridge ends at 78,729.60 (+23.0%)", () => {
    const { emu, result } = s;
    const first = columnOf(result, "solutions", "solutions.id").first;
    result.outputs.solutions!.results.forEach((x, i) => {
      const r = first + i;
      expect(cell(emu, SOL, `A${r}`)).toBe(x.id);
      expect(cell(emu, SOL, `L${r}`)).toBe(x.feasibility);
      expect(cell(emu, SOL, `N${r}`)).toBe({ short: "短期", mid: "中期", long: "长期" }[x.suggestedPhase!]);
      expect(cell(emu, SOL, `O${r}`)).toBe({ short: "短期", mid: "中期", long: "长期" }[x.finalPhase!]);
      expect(cell(emu, SOL, `M${r}`)).toBe(
        { quickWin: "速赢", strategic: "战略", fillIn: "补充", deprioritise: "暂缓" }[x.quadrant!],
      );
      expect(cell(emu, SOL, `Q${r}`)).toBe(x.rank);
    });
    expect(anchored(emu, result, "solutions", "bridge.start") as number).toBeCloseTo(64_007.8, 6);
    expect(round2(anchored(emu, result, "solutions", "bridge.end"))).toBe(78_729.6);
    expect(Math.round((anchored(emu, result, "solutions", "bridge.growth") as number) * 1000) / 10).toBe(23.0);
    expect(result.figures.bridge!.end).toBeCloseTo(78_729.6, 6);
    // The phasing table lists short-term solutions first, in rank order.
    const ph = columnOf(result, "solutions", "phasing.id").first;
    expect([0, 1, 2, 3, 4, 5].map((k) => anchored(emu, result, "solutions", "phasing.id", ph + k))).toEqual([
      "1",
      "2",
      "5",
      "9",
      "8",
      "4",
    ]);
    // A waterfall: the first and last bars are totals, the base series has no fill.
    const chart = emu.model.sheetByName(SOL)!.charts.find((c) => c.type === "ColumnStacked")!;
    expect(chart.series.map((x) => x.fill)).toEqual([null, "#70AD47", "#C00000", "#4472C4"]);
  });
});

test("a rating or threshold changed in the sheet moves quadrant, phase and rank through the formulas alone", async () => {
  const { emu, result } = await sampleEmulator("zh");
  const id = (x: string) => rowWith(emu, result, "solutions", "solutions.id", x);
  const r10 = id("10");
  expect([cell(emu, SOL, `M${r10}`), cell(emu, SOL, `N${r10}`), cell(emu, SOL, `Q${r10}`)]).toEqual([
    "补充",
    "中期",
    10,
  ]);
  // Solution 10: benefit 2 → 5 and technical 3 → 5: feasibility 4.5, quick win, short, rank 1 (22.5 > 20).
  await typeInto(emu, SOL, `G${r10}:H${r10}`, [[5, 5]]);
  expect([
    cell(emu, SOL, `L${r10}`),
    cell(emu, SOL, `M${r10}`),
    cell(emu, SOL, `N${r10}`),
    cell(emu, SOL, `Q${r10}`),
  ]).toEqual([4.5, "速赢", "短期", 1]);
  // The short-term threshold raised to 5: solution 10 (4.5) becomes mid term; solution 1 (5.0) stays short.
  await typeInto(emu, SOL, cellOf(result, "solutions", "settings.shortAt").ref(), [[5]]);
  expect(cell(emu, SOL, `N${r10}`)).toBe("中期");
  expect(cell(emu, SOL, `N${id("1")}`)).toBe("短期");
});

test("missing ratings give a blank result and a note, not error values", async () => {
  const { emu, result } = await sampleEmulator("zh");
  const r3 = rowWith(emu, result, "solutions", "solutions.id", "3");
  await typeInto(emu, SOL, `H${r3}`, [[""]]);
  expect([
    cell(emu, SOL, `L${r3}`),
    cell(emu, SOL, `M${r3}`),
    cell(emu, SOL, `Q${r3}`),
    cell(emu, SOL, `R${r3}`),
  ]).toEqual(["", "", "", "评分不全"]);
  const sheet = emu.model.sheetByName(SOL)!;
  const used = emu.model.usedRect(sheet)!;
  const errors = emu.model
    .values(sheet, used)
    .flat()
    .filter((v) => typeof v === "string" && /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?)$/.test(v));
  // Only the chart's #N/A markers (which hide unrated points), one per unrated or empty row, two cells each.
  expect(errors.every((v) => v === "#N/A")).toBe(true);
  const x = columnOf(result, "solutions", "solutions.chartFeasibility").col;
  const chartCol = emu.model.values(sheet, { r0: r3 - 1, r1: r3 - 1, c0: x, c1: x + 1 })[0];
  expect(chartCol).toEqual(["#N/A", "#N/A"]);
});

test("a bridge row the analyst adds appears in the chart data and the end after Refresh", async () => {
  const { emu, run, result } = await sampleEmulator("zh");
  const last = rowWith(emu, result, "solutions", "bridge.label", "长、市话量减少");
  await typeInto(emu, SOL, `A${last + 1}:C${last + 1}`, [["宽带新增", 1000, "7"]]);
  const res = await generate(run);
  expect(res.figures.bridge!.end).toBeCloseTo(79_729.6, 6);
  expect(anchored(emu, res, "solutions", "bridge.end") as number).toBeCloseTo(79_729.6, 6);
  // In the waterfall data: label, base = 78,729.60 (after the decrease), increase 1,000.
  const row = rowWith(emu, res, "solutions", "waterfall.label", "宽带新增");
  expect([cell(emu, SOL, `G${row}`), cell(emu, SOL, `H${row}`), cell(emu, SOL, `I${row}`)]).toEqual([
    78_729.6, 1000, 0,
  ]);
  const chart = emu.model.sheetByName(SOL)!.charts.find((c) => c.type === "ColumnStacked")!;
  const [, from, to] = /\$H\$(\d+):\$H\$(\d+)/.exec(chart.series[1].values!)!.map(Number);
  expect(row).toBeGreaterThanOrEqual(from);
  expect(row).toBeLessThanOrEqual(to);
});

test("Refresh keeps the profile, the analyst's added rows and the solution ratings", async () => {
  const { emu, run, result } = await sampleEmulator("zh");
  const manager = rowWith(emu, result, "needs", "profile.field", "客户经理");
  await typeInto(emu, NEEDS, cellOf(result, "needs", "profile.value", manager).ref(), [["王芳"]]);
  const lastNeed = rowWith(emu, result, "needs", "latent.need", "覆盖广而密的网络");
  await typeInto(emu, NEEDS, `A${lastNeed + 1}:E${lastNeed + 1}`, [
    ["呼叫中心扩容", "回访中心话务量增长", "语音", 8000, "高"],
  ]);
  const r2 = rowWith(emu, result, "solutions", "solutions.id", "2");
  await typeInto(emu, SOL, `G${r2}`, [[1]]);
  const res = await generate(run, { steps: ["needs", "solutions"] });
  expect(res.sheets.map((x) => x.step)).toEqual(["needs", "solutions"]);
  const field = (key: string, row: number) => anchored(emu, res, "needs", key, row);
  expect(field("profile.value", rowWith(emu, res, "needs", "profile.field", "客户经理"))).toBe("王芳");
  const added = rowWith(emu, res, "needs", "latent.need", "呼叫中心扩容");
  expect([field("latent.monthlyValue", added), field("latent.priority", added)]).toEqual([8000, "高"]);
  expect(
    anchored(emu, res, "solutions", "solutions.benefit", rowWith(emu, res, "solutions", "solutions.id", "2")),
  ).toBe(1);
  expect(res.outputs.solutions!.results.find((x) => x.id === "2")).toMatchObject({
    benefit: 1,
    quadrant: "fillIn",
    rank: 10,
  });
});

test("a solution's expected impact feeds its bridge row by formula: one number in one place", async () => {
  const { emu, run, result } = await sampleEmulator("zh");
  const sheet = emu.model.sheetByName(SOL)!;
  const row = rowWith(emu, result, "solutions", "bridge.label", "争取电话回访中心的转网");
  const formula = sheet.formulas.get((row - 1) * 16384 + 1);
  expect(formula).toMatch(/^=IFERROR\(INDEX\(\$J\$\d+:\$J\$\d+,MATCH\(\$C\d+,\$A\$\d+:\$A\$\d+,0\)\),0\)$/);
  expect(cell(emu, SOL, `B${row}`)).toBe(12_500);
  // The analyst changes solution 5's expected impact: the bridge and its end follow, no Refresh.
  const s5 = rowWith(emu, result, "solutions", "solutions.id", "5");
  const end = cellOf(result, "solutions", "bridge.end").row;
  await typeInto(emu, SOL, `J${s5}`, [[15_000]]);
  expect(cell(emu, SOL, `B${row}`)).toBe(15_000);
  expect(round2(cell(emu, SOL, `B${end}`))).toBe(78_729.6 + 2_500);
  // Refresh keeps the link (the amount still equals the impact); a typed amount would stay typed.
  await generate(run, { steps: ["solutions"] });
  expect(emu.model.sheetByName(SOL)!.formulas.get((row - 1) * 16384 + 1)).toBe(formula);
  expect(round2(cell(emu, SOL, `B${end}`))).toBe(81_229.6);
});
