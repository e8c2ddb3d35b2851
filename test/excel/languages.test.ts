/**
 * Nothing lost across languages (issue 30): one codec reads every list cell in either language or
 * by its key and writes the run's language; the sample refreshed zh → en → zh keeps every input
 * and every figure; a value no language reads is reported with its cell and kept as typed.
 */
import { generate, type Figures } from "../../src/excel/pipeline";
import { translator } from "../../src/i18n";
import * as needsLayout from "../../src/layout/needs";
import * as solutionsLayout from "../../src/layout/solutions";
import * as pipelineLayout from "../../src/layout/pipeline";
import * as supportLayout from "../../src/layout/support";
import * as planningLayout from "../../src/layout/planning";
import * as competitionLayout from "../../src/layout/competition";
import * as industryLayout from "../../src/layout/industry";
import * as portfolioLayout from "../../src/layout/portfolio";
import * as overviewLayout from "../../src/layout/overview";
import type { TableSchema } from "../../src/layout/kit";
import {
  ATTITUDE_LIST,
  BRIDGE_SOURCE_LIST,
  LISTS,
  MEASURE_PHASE_LIST,
  listKey,
  listLabels,
  PHASE_LIST,
  readList,
  STAGE_LIST,
  writeList,
} from "../../src/method/lists";
import { columnCodec, LIST_TABLES } from "../../src/steps/list-cells";
import { anchored, cell, rowWith, sampleEmulator, typeInto } from "../helpers/workbook";
import { canonicalInputs, named } from "../helpers/inputs";

const zh = translator("zh-CN");
const en = translator("en-US");
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The figures that follow from inputs and data only (not the language's words). */
function inputDriven(f: Figures) {
  return {
    total: round2(f.total),
    focus: f.focus && { id: f.focus.id, average: round2(f.focus.monthlyAverage), share: f.focus.subIndustryShare },
    pipeline: f.pipeline && {
      source: f.pipeline.source,
      total: f.pipeline.total,
      weighted: f.pipeline.weighted,
      committed: f.pipeline.committed,
      thisQuarter: f.pipeline.thisQuarter,
      stages: f.pipeline.opportunities.map((o) => [o.id, o.stage, o.probability]),
    },
    visit: f.visitStatus && [round2(f.visitStatus.total), round2(f.visitStatus.voice), round2(f.visitStatus.data)],
    solutions: f.solutions.map((s) => [s.id, s.feasibility, s.quadrant, s.phase, s.rank]),
    bridge: f.bridge && [round2(f.bridge.start), round2(f.bridge.end)],
    profile: f.profileCompleteness,
    planning: f.planning && [f.planning.supportIndex, f.planning.progress, f.planning.planYear],
    touchpoints: f.planning?.touchpoints.map((x) => [x.min, x.max]),
    whitespace: f.whitespace && [f.whitespace.openCells, f.whitespace.openValue],
    lines: f.serviceLines?.map((l) => [round2(l.annualRevenue), l.solutionsRevenue]),
    employees: f.employees,
  };
}

describe("the list codec", () => {
  test("reads either language's label or the key, writes the run's language", () => {
    expect(listKey(STAGE_LIST, "谈判")).toBe("negotiation");
    expect(listKey(STAGE_LIST, "Negotiation")).toBe("negotiation");
    expect(listKey(STAGE_LIST, " negotiation ")).toBe("negotiation");
    expect(writeList(STAGE_LIST, en, "negotiation")).toBe("Negotiation");
    expect(writeList(STAGE_LIST, zh, "negotiation")).toBe("谈判");
    expect(listKey(PHASE_LIST, "近期")).toBe("short");
    expect(listKey(PHASE_LIST, "Long term")).toBe("long");
    expect(listKey(ATTITUDE_LIST, "B−")).toBe("B-");
    expect(listKey(BRIDGE_SOURCE_LIST, "商机管道（加权）")).toBe("weighted");
    expect(listKey(MEASURE_PHASE_LIST, "Act now")).toBe("now");
    expect(listKey(MEASURE_PHASE_LIST, "适时推出")).toBe("launch");
    expect(readList(STAGE_LIST, "")).toEqual({ kind: "blank" });
    expect(readList(STAGE_LIST, "Closing")).toEqual({ kind: "unknown", text: "Closing" });
    expect(readList(BRIDGE_SOURCE_LIST, "whatever")).toEqual({ kind: "unknown", text: "whatever" });
  });

  test("every list round-trips every key through both languages, and no label is shared by two keys", () => {
    expect(LISTS.length).toBe(10);
    for (const codec of LISTS) {
      for (const t of [zh, en]) {
        const labels = listLabels(codec, t);
        expect(labels.length).toBe(codec.keys.length);
        expect(labels.map((l) => listKey(codec, l))).toEqual([...codec.keys]);
      }
    }
  });

  test("every list-validated column of every input table has its codec and is registered", () => {
    const modules = [
      needsLayout,
      solutionsLayout,
      pipelineLayout,
      supportLayout,
      planningLayout,
      competitionLayout,
      industryLayout,
      portfolioLayout,
      overviewLayout,
    ];
    const schemas = modules
      .flatMap((m) => Object.values(m as Record<string, unknown>))
      .filter((v): v is TableSchema => !!v && typeof v === "object" && "columns" in v && "keyColumns" in v);
    const withLists = schemas.filter((s) => s.columns.some((c) => c.validation?.type === "list"));
    const registered = Object.values(LIST_TABLES).flat();
    expect(withLists.map((s) => s.id).sort()).toEqual(registered.map((s) => s.id).sort());
    for (const s of withLists)
      for (const c of s.columns) if (c.validation?.type === "list") expect(columnCodec(c)).toBeDefined();
  });
});

describe("language switches keep every input and figure", () => {
  test("the sample zh → en → zh: inputs (canonical) and input-driven figures identical; the sheets agree", async () => {
    const { emu, run, result } = await sampleEmulator("zh");
    const inputs0 = await canonicalInputs(emu);
    const f0 = inputDriven(result.figures);
    // The figures by hand: Ping An's monthly average, the pipeline's weighted value (3,750 + 6,250)
    // and this quarter's close (O-01, 5,000 × 75%), the visit plan's voice and data.
    expect(f0.focus!.average).toBe(64_007.8);
    expect(f0.pipeline).toMatchObject({ weighted: 10_000, thisQuarter: { count: 1, weighted: 3750 } });
    expect(f0.visit).toEqual([64_007.8, 35_823.68, 28_184.12]);

    const toEn = await generate(run, { settings: { lang: "en-US" } });
    expect(inputDriven(toEn.figures)).toEqual(f0);
    expect(await canonicalInputs(emu)).toEqual(inputs0);
    // The sheet, in English, computes the same: the stage reads "Negotiation" and weighs 75%.
    expect(named(emu, "SixStep_PipelineTotal")).toBe(10_000);
    expect(named(emu, "SixStep_PipelineQuarter")).toBe(3750);
    const o1 = rowWith(emu, toEn, "solutions", "pipeline.id", "O-01");
    const pipeline = (key: string) => anchored(emu, toEn, "solutions", `pipeline.${key}`, o1);
    expect([pipeline("stage"), pipeline("pInForce"), pipeline("weighted")]).toEqual(["Negotiation", 0.75, 3750]);
    const visit = rowWith(emu, toEn, "planning", "visits.planNo", "0202");
    expect(anchored(emu, toEn, "planning", "visits.status", visit)).toBe(
      "Monthly spend about ¥64k: voice about ¥36k, data about ¥28k",
    );

    const back = await generate(run, { settings: { lang: "zh-CN" } });
    expect(inputDriven(back.figures)).toEqual(f0);
    expect(await canonicalInputs(emu)).toEqual(inputs0);
    expect(
      anchored(emu, back, "solutions", "pipeline.stage", rowWith(emu, back, "solutions", "pipeline.id", "O-01")),
    ).toBe("谈判");
    expect(named(emu, "SixStep_PipelineTotal")).toBe(10_000);
    expect(back.figures.warnings.filter((w) => w.includes("不是可选值"))).toEqual([]);
  });

  test("the English sample switched to Chinese keeps “Negotiation” as 谈判 and its 75%", async () => {
    const { emu, run, result } = await sampleEmulator("en");
    const inputs0 = await canonicalInputs(emu);
    const zhRun = await generate(run, { settings: { lang: "zh-CN" } });
    expect(inputDriven(zhRun.figures)).toEqual(inputDriven(result.figures));
    expect(zhRun.figures.pipeline!.weighted).toBe(10_000);
    expect(await canonicalInputs(emu)).toEqual(inputs0);
    const o1 = rowWith(emu, zhRun, "solutions", "pipeline.id", "O-01");
    expect(anchored(emu, zhRun, "solutions", "pipeline.stage", o1)).toBe("谈判");
  });

  test("a stage no language reads is reported with its cell, kept as typed, never defaulted", async () => {
    const { emu, run, result } = await sampleEmulator("zh");
    const sol = "4 方案分析";
    const o2 = rowWith(emu, result, "solutions", "pipeline.id", "O-02");
    // Pasted over the validation: an English label, a key, and a word of neither list.
    const o1 = o2 - 1;
    await typeInto(emu, sol, `C${o1}:C${o2}`, [["won"], ["Closing"]]);
    const again = await generate(run, { settings: { lang: "en-US" } });
    const solEn = again.sheets.find((s) => s.step === "solutions")!.name;
    expect(solEn).toBe("4 Solutions");
    const problems = again.figures.warnings.filter((w) => w.includes("is not one of"));
    expect(problems).toEqual([
      `Sheet “${solEn}”, cell C${o2} (Stage, row ${o2}): “Closing” is not one of Lead / Qualified / Proposal / Negotiation / Won / Lost; it is kept as typed and counts as blank.`,
    ]);
    expect([cell(emu, solEn, `C${o1}`), cell(emu, solEn, `C${o2}`)]).toEqual(["Won", "Closing"]);
    // O-01 won: 5,000 at 100%; O-02 without a stage: 0 — the sheet and the model agree.
    expect(again.figures.pipeline!.weighted).toBe(5000);
    expect(named(emu, "SixStep_PipelineTotal")).toBe(5000);
    // The same in Chinese.
    const zhAgain = await generate(run, { settings: { lang: "zh-CN" } });
    expect(zhAgain.figures.warnings.filter((w) => w.includes("不是可选值"))).toEqual([
      `工作表“${sol}”单元格 C${o2}（阶段，第 ${o2} 行）：“Closing”不是可选值（线索 / 已确认 / 方案 / 谈判 / 赢单 / 丢单），已按原样保留，计算时视为空白。`,
    ]);
  });
});
