/**
 * A workbook written by an earlier version and edited by an analyst (issue 30):
 * test/fixtures/analyst-zh.xlsx is the sample generated in Chinese by commit 80404f2 (its
 * settings carry no version), with asks of management written, O-02 moved from 方案 to 谈判,
 * O-03 added, ratings changed and a task under way (scripts/make-analyst-fixture.js, not run by
 * the tests). Refreshed by the current code in Chinese and in English, every input is kept and
 * every figure that follows from the inputs is unchanged. Every later version keeps passing this
 * test, or migrates the file.
 */
import * as fs from "fs";
import * as path from "path";
import { ExcelEmulator } from "../../src/emulator";
import { importXlsx } from "../../src/emulator/xlsx";
import { generate, type GenerateResult } from "../../src/excel/pipeline";
import { SETTINGS_KEY } from "../../src/excel/read";
import { emulatorRun } from "../helpers/workbook";
import { canonicalInputs, named } from "../helpers/inputs";

const FIXTURE = path.join(__dirname, "..", "fixtures", "analyst-zh.xlsx");
const round2 = (x: number) => Math.round(x * 100) / 100;

async function openFixture() {
  const emu = new ExcelEmulator(await importXlsx(fs.readFileSync(FIXTURE)));
  return { emu, run: emulatorRun(emu) };
}

/** The inputs without blank rows (a later version may lay out more spare rows). */
async function inputs(emu: ExcelEmulator) {
  const all = await canonicalInputs(emu);
  const blank = (v: unknown) => v === "" || v === null || v === undefined;
  return Object.fromEntries(Object.entries(all).map(([k, rows]) => [k, rows.filter((r) => !r.every(blank))]));
}

/** The pipeline's and the visit plan's figures, as the model and the sheet give them. */
function figures(emu: ExcelEmulator, r: GenerateResult) {
  const p = r.figures.pipeline!;
  const v = r.figures.visitStatus!;
  return {
    total: p.total,
    weighted: p.weighted,
    committed: p.committed,
    thisQuarter: p.thisQuarter,
    stages: p.opportunities.map((o) => [o.id, o.stage, o.probability, o.closesThisQuarter]),
    sheet: [
      named(emu, "SixStep_PipelineTotal"),
      named(emu, "SixStep_PipelineQuarter"),
      named(emu, "SixStep_PipelineQuarterCount"),
    ],
    visit: [round2(v.total), round2(v.voice), round2(v.data)],
    competition: r.figures.competition,
    factors: r.figures.factors.map((f) => [f.gap, f.priority, f.rank]),
    solutions: r.figures.solutions.map((s) => [s.id, s.feasibility, s.quadrant, s.phase, s.rank]),
    bridge: r.figures.bridge && [round2(r.figures.bridge.start), round2(r.figures.bridge.end)],
    support: r.figures.planning?.supportIndex,
  };
}

describe("the analyst's workbook of an earlier version", () => {
  test("as saved: unversioned settings, the analyst's edits in place", async () => {
    const { emu } = await openFixture();
    const saved = emu.model.settings.get(SETTINGS_KEY) as Record<string, unknown>;
    expect(saved.version).toBeUndefined();
    expect(saved).toMatchObject({ lang: "zh-CN", period: "2002-Q4", focus: "110" });
    const before = await inputs(emu);
    expect(before["overview.asks"].map((r) => r[0])).toEqual([
      "批准为平安福州分公司配置专职客户经理一名（2003年一季度到位）",
      expect.any(String),
      "申请2M数字电路组网专项资源，二季度前完成光纤入户",
    ]);
    // Canonical form: list cells by their English label.
    expect(before["solutions.pipeline"].map((r) => [r[0], r[2], r[3]])).toEqual([
      ["O-01", "Negotiation", 5000],
      ["O-02", "Negotiation", 12_500],
      ["O-03", "Qualified", 8000],
    ]);
    expect(before["planning.tasks"][0].slice(7)).toEqual([0.4, "In progress"]);
    expect(before["planning.influencers"][0][4]).toBe("A-");
  });

  test("refreshed in Chinese, then in English, then in Chinese: every input kept, the figures unchanged", async () => {
    const { emu, run } = await openFixture();
    const before = await inputs(emu);
    expect(Object.keys(before).length).toBeGreaterThan(30);
    const zh = await generate(run, {});
    // The sample's one data note, and nothing about the settings or the list cells.
    expect(zh.figures.warnings).toEqual([
      "工作表“站点”第 8 行：站点“福清支公司”缺少实线电缆、可承载业务数据，其支撑能力显示为未知。",
    ]);
    expect(zh.settings.version).toBe(2);
    const after = await inputs(emu);
    // Every value the older version saved is kept where it was; this version adds its own tables,
    // and columns to one: the whitespace grid's three buying centres the deck names (issue 29).
    const kept = Object.fromEntries(
      Object.entries(before).map(([k, rows]) => [k, after[k]?.map((r, i) => r.slice(0, rows[i]?.length ?? 0))]),
    );
    expect(kept).toEqual(before);
    expect(after["solutions.whitespace"][0].slice(before["solutions.whitespace"][0].length)).toEqual([
      "办公室",
      "电脑部",
      "电话回访中心",
    ]);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual([
      "solutions.whitespaceWeights",
      "solutions.measures",
      "solutions.infoAreas",
      "support.siteNeeds",
    ]);
    const f = figures(emu, zh);
    // By hand: O-01 5,000 × 75% (谈判) + O-02 12,500 × 75% (谈判, moved on from 方案 at 50%)
    // + O-03 8,000 × 25% (已确认) = 3,750 + 9,375 + 2,000 = 15,125 a month; this quarter
    // (2003-Q1) closes O-01 (2003-03-31) and O-03 (2003-02-15): 3,750 + 2,000 = 5,750.
    expect(f).toMatchObject({
      total: 25_500,
      weighted: 15_125,
      committed: 0,
      thisQuarter: { count: 2, weighted: 5750 },
      sheet: [15_125, 5750, 2],
      // The visit plan: Ping An's 64,007.80 a month, voice 35,823.68 (28,120.83 + 3,918.55 +
      // 3,784.30), data 28,184.12.
      visit: [64_007.8, 35_823.68, 28_184.12],
    });
    expect(f.stages).toEqual([
      ["O-01", "negotiation", 0.75, true],
      ["O-02", "negotiation", 0.75, false],
      ["O-03", "qualified", 0.25, true],
    ]);

    const en = await generate(run, { settings: { lang: "en-US" } });
    expect(en.figures.warnings).toEqual([
      "Sheet “站点”, row 8: site “福清支公司” is missing data (copper pairs, services); its capability is shown as unknown.",
    ]);
    expect(await inputs(emu)).toEqual(after);
    expect(figures(emu, en)).toEqual(f);
    expect(en.sheets.find((s) => s.step === "solutions")!.name).toBe("4 Solutions");

    const back = await generate(run, { settings: { lang: "zh-CN" } });
    expect(await inputs(emu)).toEqual(after);
    expect(figures(emu, back)).toEqual(f);
  });
});
