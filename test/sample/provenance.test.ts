/**
 * Provenance in the sample: the original case's figures carry their page, invented ones say
 * illustrative, and a workbook that is not the sample carries none of it.
 */
import { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import { fillSampleTables, sampleSettings } from "../../src/sample/workbook";
import { cell, cellOf, columnOf, emulatorRun, rowWith, sampleEmulator, sampleFiles } from "../helpers/workbook";

const IND = { zh: "1 行业分析", en: "1 Industry" };
const SOL = { zh: "4 方案分析", en: "4 Solutions" };
const num = (v: unknown) => Number(v);

describe.each(["zh", "en"] as const)("the %s sample marks the case's figures", (lang) => {
  let emu: ExcelEmulator;
  let result: Awaited<ReturnType<typeof sampleEmulator>>["result"];
  beforeAll(async () => {
    ({ emu, result } = await sampleEmulator(lang));
  });
  const page = (p: number) => (lang === "zh" ? `来源：原案例第${p}页` : `Source: case p.${p}`);
  const illustrative = lang === "zh" ? "示意" : "illustrative";
  const label = (zh: string, en: string) => (lang === "zh" ? zh : en);

  it("the key-account total (2,560万 a month) and China Mobile's 90% of carriers: p.2", () => {
    const industry = (zh: string, en: string) =>
      rowWith(emu, result, "industry", "composition.industry", label(zh, en));
    const carriers = industry("运营商", "Carriers");
    const total = cellOf(result, "industry", "composition.total").row;
    expect(Math.round(num(cell(emu, IND[lang], `B${total}`)) / 10_000)).toBe(2560);
    expect(cell(emu, IND[lang], `I${total}`)).toBe(
      label("月均收入(元)：原案例第2页，余为示意", "Monthly average (yuan): case p.2; rest illustrative"),
    );
    expect(num(cell(emu, IND[lang], `H${carriers}`))).toBeCloseTo(0.9, 3);
    expect(cell(emu, IND[lang], `I${carriers}`)).toBe(
      label("占本行业：原案例第2页，余为示意", "Its share: case p.2; rest illustrative"),
    );
    expect(cell(emu, IND[lang], `I${carriers - 1}`)).toBe(label("来源", "Source"));
    // Finance's split of the total is made up for the demonstration.
    const finance = industry("金融", "Finance");
    expect(finance).toBeLessThan(total);
    expect(cell(emu, IND[lang], `I${finance}`)).toBe(illustrative);
  });

  it("Ping An's 64,007.80 a month by service: p.9; its 14.2% of insurance (45万): p.4", () => {
    const total = cellOf(result, "industry", "focus.total").row;
    expect(num(cell(emu, IND[lang], `B${total}`))).toBeCloseTo(64007.8, 2);
    expect(cell(emu, IND[lang], `D${total}`)).toBe(page(9));
    const local = rowWith(emu, result, "industry", "focus.service", label("市话", "Local calls"));
    expect(num(cell(emu, IND[lang], `B${local}`))).toBeCloseTo(28120.83, 2);
    expect(cell(emu, IND[lang], `D${local}`)).toBe(page(9));
    expect(num(cell(emu, IND[lang], `C${total + 1}`))).toBeCloseTo(0.142, 3);
    expect(Math.round(num(cell(emu, IND[lang], `B${total + 1}`)) / 10_000)).toBe(45);
    expect(cell(emu, IND[lang], `D${total + 1}`)).toBe(page(4));
    // Beside it, the insurance row of the finance split: the deck's 45万 and 14.2%; banking is invented.
    const sub = (zh: string, en: string) => rowWith(emu, result, "industry", "sub.subIndustry", label(zh, en));
    const insurance = sub("保险", "Insurance");
    expect(num(cell(emu, IND[lang], `H${insurance}`))).toBeCloseTo(0.142, 3);
    expect(String(cell(emu, IND[lang], `I${insurance}`))).toMatch(lang === "zh" ? /原案例第4页/ : /case p\.4/);
    const banking = sub("银行", "Banking");
    expect(cell(emu, IND[lang], `I${banking}`)).toBe(illustrative);
  });

  it("the bridge: the start p.9, +5,000 for new DDN lines p.37, +23% growth p.26; the other steps illustrative", () => {
    const start = cellOf(result, "solutions", "bridge.start").row;
    expect(num(cell(emu, SOL[lang], `B${start}`))).toBeCloseTo(64007.8, 2);
    expect(cell(emu, SOL[lang], `E${start}`)).toBe(page(9));
    const step = (zh: string, en: string) => rowWith(emu, result, "solutions", "bridge.label", label(zh, en));
    const ddn = step("营业点新增DDN收入", "New DDN revenue from new outlets");
    expect(num(cell(emu, SOL[lang], `B${ddn}`))).toBe(5000);
    expect(cell(emu, SOL[lang], `E${ddn}`)).toBe(page(37));
    expect(cell(emu, SOL[lang], `E${ddn + 1}`)).toBe(illustrative);
    const growth = cellOf(result, "solutions", "bridge.growth").row;
    expect(num(cell(emu, SOL[lang], `B${growth}`))).toBeCloseTo(0.23, 3);
    expect(cell(emu, SOL[lang], `E${growth}`)).toBe(page(26));
    expect(cell(emu, SOL[lang], `E${growth - 1}`)).toBe(illustrative);
  });

  it("the input tables holding the case's facts say their page under them: the team p.34, the tasks p.33–36", () => {
    const plan = label("6 客户规划", "6 Planning");
    // The line under each table: the row after its last (spare) row.
    const under = (key: string) => columnOf(result, "planning", key).last + 1;
    const team = under("team.role");
    expect(cell(emu, plan, `A${team}`)).toBe(page(34));
    const tasks = under("tasks.campaign");
    expect(cell(emu, plan, `A${tasks}`)).toBe(
      label(
        "来源：原案例第33–36页；负责人分配与日期为示意",
        "Source: case p.33–36; who does which and the dates illustrative",
      ),
    );
    expect(tasks).toBeGreaterThan(team);
    // Under the team's rows (the account lead first) and its spare rows, before the tasks.
    const lead = rowWith(emu, result, "planning", "team.name", label("林山", "Lin Shan"));
    expect(team - lead).toBeGreaterThan(3);
    expect(team - lead).toBeLessThan(10);
  });

  it("every sheet's note says what a marked figure is: in row 1 beside the title, as A2 holds the action title", () => {
    const sheets = [IND[lang], SOL[lang]];
    expect(sheets).toHaveLength(2);
    for (const sheet of sheets) {
      const row1 = ["B", "C", "D", "E"].map((c) => String(cell(emu, sheet, `${c}1`))).join("");
      expect(row1).toContain(lang === "zh" ? "来源：原案例第N页" : "Source: case p.N");
      expect(emu.model.formula(emu.model.sheetByName(sheet)!, 1, 0)).toMatch(/^=IFERROR\(SixStep_SoWhat_/);
    }
  });
});

it("a workbook that is not the sample carries no source column", async () => {
  const emu = new ExcelEmulator();
  await fillSampleTables(emu, sampleFiles(), "en");
  const result = await generate(emulatorRun(emu), { settings: { ...sampleSettings("en"), sample: false } });
  const generated = emu.model.sheets.filter((s) => !["Revenue", "Sites"].includes(s.name));
  expect(generated.map((s) => s.name)).toContain("1 Industry");
  expect(generated.length).toBeGreaterThanOrEqual(7);
  const marked: string[] = [];
  for (const s of generated) {
    const used = emu.model.usedRect(s, true);
    if (!used) continue;
    for (const row of emu.model.texts(s, used))
      for (const text of row)
        if (/case p\.|illustrative|^Source$|原案例|示意/.test(text)) marked.push(`${s.name}: ${text}`);
  }
  expect(marked).toEqual([]);
  // The same figures are there, unmarked: the total row of the composition has nothing in I.
  const total = cellOf(result, "industry", "composition.total").row;
  expect(Math.round(Number(cell(emu, "1 Industry", `B${total}`)) / 10_000)).toBe(2560);
  expect(cell(emu, "1 Industry", `I${total}`)).toBe("");
});
