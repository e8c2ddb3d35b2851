/**
 * The document's settings parsed, not cast (issue 30): each earlier shape migrates to the current
 * version; a damaged field gives a located message in both languages and its default, the others
 * kept; a newer document is read as far as this version understands; damaged input-table
 * locations leave that sheet (and the analyst's values on it) as it is.
 */
import { parseInputTables, parseMarker, parseSettings, SETTINGS_VERSION } from "../../src/excel/document";
import { generate, DEFAULT_SETTINGS } from "../../src/excel/pipeline";
import { INPUT_TABLES_SETTING } from "../../src/excel/settings";
import { translator } from "../../src/i18n";
import { cell, rowWith, sampleEmulator, typeInto } from "../helpers/workbook";

const zh = translator("zh-CN");
const en = translator("en-US");

describe("parsing and migrating the settings", () => {
  test("the first release's shape (no version, no sites table, unit or plan year) migrates to version 2", () => {
    const v1 = {
      revenueTable: "Revenue",
      mapping: { amount: 6 },
      period: "2002-Q4",
      compare: "2002-Q3",
      focus: "110",
      ourOperator: "电信",
      lang: "zh-CN",
      sample: true,
    };
    const { settings, problems } = parseSettings(v1);
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...v1, version: 2 });
    // What the document lacks takes its default in the run.
    expect({ ...DEFAULT_SETTINGS, ...settings }).toMatchObject({ unit: "yuan", sitesTable: null, planYear: null });
    expect(SETTINGS_VERSION).toBe(2);
  });

  test("a later unversioned shape (sites, unit, plan year, refreshed, source hash) keeps every field", () => {
    const v1 = {
      revenueTable: "Revenue",
      sitesTable: "Sites",
      mapping: {},
      period: "2002-Q4",
      compare: null,
      focus: null,
      ourOperator: null,
      unit: "wan",
      planYear: 2003,
      fiscalStart: 4,
      lang: "en-US",
      sample: false,
      scope: "monthly average",
      refreshed: { industry: 46_000 },
      sourceAddress: "Revenue!A1:G601",
      sourceHash: "601:0badf00d",
    };
    expect(parseSettings(v1)).toEqual({ settings: { ...v1, version: 2 }, problems: [] });
  });

  test("a damaged field: located message (zh, en), its default, the other fields kept", () => {
    const { settings, problems } = parseSettings({
      version: 2,
      period: 42,
      lang: "fr-FR",
      unit: "wan",
      fiscalStart: 13,
      focus: "110",
    });
    expect(settings).toEqual({ version: 2, unit: "wan", focus: "110" });
    expect(problems.map((p) => en(p.key, p.params))).toEqual([
      "The workbook's saved setting “sixstep.settings.period” is damaged (42): its default is used; the other settings are kept.",
      'The workbook\'s saved setting “sixstep.settings.lang” is damaged ("fr-FR"): its default is used; the other settings are kept.',
      "The workbook's saved setting “sixstep.settings.fiscalStart” is damaged (13): its default is used; the other settings are kept.",
    ]);
    expect(zh(problems[0].key, problems[0].params)).toBe(
      "工作簿保存的设置“sixstep.settings.period”已损坏（42），改用其默认值，其余设置保留。",
    );
  });

  test("not an object at all, or a bad version: said so, defaults used", () => {
    const garbage = parseSettings("garbage");
    expect(garbage.settings).toEqual({});
    expect(en(garbage.problems[0].key, garbage.problems[0].params)).toBe(
      'The workbook\'s saved setting “sixstep.settings” cannot be read ("garbage"): the defaults are used.',
    );
    const badVersion = parseSettings({ version: "two", period: "2002-Q4" });
    expect(badVersion.settings).toEqual({ version: 2, period: "2002-Q4" });
    expect(badVersion.problems.map((p) => p.params.path)).toEqual(["sixstep.settings.version"]);
  });

  test("a newer version's document: what this version knows is read, the rest kept for the next save", () => {
    const { settings, problems } = parseSettings({ version: 3, period: "2002-Q4", asOf: "2003-01-15" });
    expect(settings).toEqual({ version: 3, period: "2002-Q4", asOf: "2003-01-15" });
    expect(problems.map((p) => en(p.key, p.params))).toEqual([
      "This workbook was saved by a newer version of the add-in (settings version 3; this one reads up to 2): the settings this version knows are used, the others are kept as they are.",
    ]);
  });

  test("ownership markers and input-table locations are parsed entry by entry", () => {
    const marker = parseMarker({ industry: "{A1}", needs: 7 }, "sixstep.ownedSheets");
    expect(marker.value).toEqual({ industry: "{A1}" });
    expect(marker.problems.map((p) => p.params.path)).toEqual(["sixstep.ownedSheets.needs"]);
    const tables = parseInputTables(
      {
        industry: [{ id: "factors", range: "A30:F45", keyColumns: 1 }],
        solutions: [{ id: "pipeline", range: "not a range", keyColumns: 1 }],
        planning: "x",
      },
      INPUT_TABLES_SETTING,
    );
    expect(tables.value).toEqual({ industry: [{ id: "factors", range: "A30:F45", keyColumns: 1 }] });
    expect(tables.damaged).toEqual(["solutions", "planning"]);
    expect(tables.problems.map((p) => p.params.path)).toEqual([
      "sixstep.inputTables.solutions.0.range",
      "sixstep.inputTables.planning",
    ]);
  });
});

describe("a run over damaged settings", () => {
  test("damaged fields: the run warns (located), uses the defaults, and writes no second set of sheets", async () => {
    const { emu, run, result } = await sampleEmulator("zh");
    const before = emu.model.sheets.map((s) => s.name);
    await emu.run(async (context) => {
      context.workbook.settings.add("sixstep.settings", { ...result.settings, period: { q: 4 }, unit: "euro" });
      await context.sync();
    });
    const again = await generate(run, {});
    expect(again.figures.warnings.slice(0, 2)).toEqual([
      '工作簿保存的设置“sixstep.settings.period”已损坏（{"q":4}），改用其默认值，其余设置保留。',
      '工作簿保存的设置“sixstep.settings.unit”已损坏（"euro"），改用其默认值，其余设置保留。',
    ]);
    // The default period is the data's latest quarter: the sample's own; the figures are the same.
    expect(again.settings).toMatchObject({ period: "2002-Q4", unit: "yuan", version: 2, focus: "110" });
    expect(again.figures.pipeline!.weighted).toBe(10_000);
    expect(emu.model.sheets.map((s) => s.name)).toEqual(before);
  });

  test("a step's input tables that cannot be located: its sheet is left as it is, the step written beside it", async () => {
    const { emu, run, result } = await sampleEmulator("zh");
    const SOL = "4 方案分析";
    const o1 = rowWith(emu, result, "solutions", "pipeline.id", "O-01");
    await typeInto(emu, SOL, `D${o1}`, [[8000]]);
    await emu.run(async (context) => {
      const item = context.workbook.settings.getItem(INPUT_TABLES_SETTING);
      item.load("value");
      await context.sync();
      const damaged = { ...(item.value as Record<string, unknown>), solutions: [{ id: "pipeline", range: 12 }] };
      context.workbook.settings.add(INPUT_TABLES_SETTING, damaged);
      await context.sync();
    });
    const again = await generate(run, {});
    expect(again.figures.warnings[0]).toBe(
      `工作表“${SOL}”的输入表位置已损坏（sixstep.inputTables.solutions.0.range：12）：该工作表原样保留（含您的输入），此步骤写入新的工作表。`,
    );
    // The analyst's sheet is untouched (8,000 typed); the step's new sheet is beside it.
    expect(cell(emu, SOL, `D${o1}`)).toBe(8000);
    expect(again.sheets.find((s) => s.step === "solutions")).toMatchObject({ name: `${SOL} (2)`, created: true });
  });
});
