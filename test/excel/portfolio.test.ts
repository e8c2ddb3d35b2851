/**
 * The portfolio (issue 22, part 1): every customer of the revenue table on "7 客户组合", scored
 * by formula over the revenue table — checked against the TypeScript model (src/method/portfolio.ts)
 * on the sample and after the analyst's edits, against LibreOffice, and kept by Refresh.
 */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { paneWorkbook } from "../../src/excel/pane";
import { generate } from "../../src/excel/pipeline";
import { DEFAULT_STEP_IDS, STEP_IDS } from "../../src/steps/meta";
import { analysePortfolio, growthScore, type Portfolio } from "../../src/method/portfolio";
import { parsePeriod } from "../../src/tables/period";
import { parseRevenueTable } from "../../src/tables/revenue";
import { compareFormulaCells, recalcWithLibreOffice } from "../helpers/libreoffice";
import { readSampleCsv } from "../helpers/sample";
import { cell, sampleEmulator, typeInto } from "../helpers/workbook";

const PF = "7 客户组合";
const FIRST = 13;
const rows = () =>
  parseRevenueTable({ sheet: "收入", values: readSampleCsv("revenue.csv"), origin: { row: 0, col: 0 } }).rows;
const model = (o: Partial<Parameters<typeof analysePortfolio>[1]> = {}) =>
  analysePortfolio(rows(), {
    period: parsePeriod("2002-Q4")!,
    compare: parsePeriod("2002-Q3"),
    months: 3,
    compareMonths: 3,
    ...o,
  });

describe("the model", () => {
  test("36 accounts and 6 services; Ping An: 64,007.80 a month, 14.2% of 保险, 4 services, whitespace 1.67", () => {
    const p = model();
    expect(p.accounts).toHaveLength(36);
    expect(p.services).toHaveLength(6);
    const pa = p.accounts.find((a) => a.key === "110")!;
    expect(pa.average).toBeCloseTo(64_007.8, 2);
    expect(pa.segment).toBe("保险");
    // 64,007.80 ÷ 449,999.92 (保险's monthly average: the deck's ≈ 45万).
    expect(Math.round(pa.segmentShare! * 1000) / 10).toBe(14.2);
    expect(pa.services).toBe(4);
    expect(pa.whitespaceScore).toBeCloseTo(5 * (1 - 4 / 6), 12);
    // One of the other 35 accounts has a smaller average: revenue score 5 × 1/35.
    expect(p.accounts.filter((a) => a.average < pa.average)).toHaveLength(1);
    expect(pa.revenueScore).toBe(5 / 35);
    expect(pa.growth).toBeCloseTo(64_007.8 / pa.compareAverage - 1, 12);
    // China Mobile, the largest: revenue score 5, first.
    expect(p.accounts[0].name).toBe("中国移动通信集团福建有限公司福州分公司");
    expect(p.accounts[0].revenueScore).toBe(5);
    expect(p.accounts[0].rank).toBe(1);
    // Nobody rated yet: every account is still to rate.
    expect(p.counts.rate).toBe(36);
  });

  test("growth score bands and quadrants by hand", () => {
    expect([growthScore(-0.3), growthScore(-0.25), growthScore(0), growthScore(0.1), growthScore(0.5)]).toEqual([
      0, 0, 2.5, 3.5, 5,
    ]);
    expect(growthScore(null)).toBe(2.5);
    const p = model({ relationships: { "201": 4, "204": 2, "110": 5 } });
    const q = (k: string) => p.accounts.find((a) => a.key === k)!.quadrant;
    expect([q("201"), q("204"), q("110")]).toEqual(["invest", "build", "maintain"]);
    expect(p.counts).toMatchObject({ invest: 1, build: 1, maintain: 1, monitor: 0, rate: 33 });
  });
});

/** The sheet's figures of each account row against the model, in the model's order. */
function expectSheetMatches(emu: Awaited<ReturnType<typeof sampleEmulator>>["emu"], p: Portfolio, sheet = PF) {
  const v = (a: string) => cell(emu, sheet, a);
  const close = (x: unknown, y: number) =>
    expect(Math.abs((x as number) - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
  p.accounts.forEach((a, i) => {
    const r = FIRST + i;
    expect(String(v(`A${r}`))).toBe(a.key);
    close(v(`G${r}`), a.average);
    close(v(`H${r}`), a.compareAverage);
    if (a.growth === null) expect(v(`I${r}`)).toBe("");
    else close(v(`I${r}`), a.growth);
    close(v(`J${r}`), a.segmentShare!);
    expect(v(`K${r}`)).toBe(a.services);
    close(v(`L${r}`), a.revenueScore);
    close(v(`M${r}`), a.growthScore);
    close(v(`N${r}`), a.whitespaceScore);
    expect(v(`O${r}`)).toBe(a.attractiveness);
    expect(v(`Q${r}`)).toBe(a.rank);
  });
}

describe("the Portfolio sheet", () => {
  test("on demand; every account's figures equal the model; the analyst's scores kept by Refresh; LibreOffice agrees", async () => {
    const { emu, run } = await sampleEmulator();
    // Generate all (the sample workbook) does not write the portfolio.
    expect(emu.model.sheetByName(PF)).toBeUndefined();
    const res = await generate(run, { steps: ["portfolio"] });
    expect(res.sheets.map((s) => s.name)).toEqual([PF]);
    const p = model();
    expect(cell(emu, PF, "E6")).toBe(6);
    expectSheetMatches(emu, p);
    // Ping An's row: 64,007.80, 14.2% of 保险, 4 services, and its plan is this workbook.
    const pa = FIRST + p.accounts.findIndex((a) => a.key === "110");
    expect(Math.round((cell(emu, PF, `G${pa}`) as number) * 100) / 100).toBe(64_007.8);
    expect(Math.round((cell(emu, PF, `J${pa}`) as number) * 1000) / 10).toBe(14.2);
    expect(cell(emu, PF, `C${pa}`)).toBe("本工作簿");
    expect(cell(emu, PF, `P${pa}`)).toBe("待评估");
    expect(res.figures.portfolio!.accounts[0]).toMatchObject({ key: "201", rank: 1, quadrant: "待评估" });

    // The analyst rates three accounts and weighs growth more; the sheet follows at once.
    const rowOf = (k: string) => FIRST + p.accounts.findIndex((a) => a.key === k);
    for (const [k, rel] of [
      ["201", 4],
      ["204", 2],
      ["110", 5],
    ] as const)
      await typeInto(emu, PF, `B${rowOf(k)}`, [[rel]]);
    await typeInto(emu, PF, "B4:B6", [[0.2], [0.6], [0.2]]);
    await typeInto(emu, PF, `C${rowOf("204")}`, [["\\\\share\\工行.xlsx"]]);
    const rated = model({
      relationships: { "201": 4, "204": 2, "110": 5 },
      weights: { revenue: 0.2, growth: 0.6, whitespace: 0.2 },
    });
    const quadrant = (k: string) => cell(emu, PF, `P${rowOf(k)}`);
    expect([quadrant("201"), quadrant("204"), quadrant("110")]).toEqual(
      ["201", "204", "110"].map(
        (k) =>
          ({ invest: "重点投入", build: "建立关系", maintain: "维持", monitor: "观察", rate: "待评估" })[
            rated.accounts.find((a) => a.key === k)!.quadrant
          ],
      ),
    );
    for (const a of rated.accounts) expect(cell(emu, PF, `O${rowOf(a.key)}`)).toBe(a.attractiveness);

    // Refresh all includes the portfolio now that it exists: re-sorted by the new weights, every value kept.
    const again = await generate(run, {});
    expect(again.sheets.map((s) => s.name)).toContain(PF);
    expectSheetMatches(emu, rated);
    const rowNow = (k: string) => FIRST + rated.accounts.findIndex((a) => a.key === k);
    expect(cell(emu, PF, `B${rowNow("201")}`)).toBe(4);
    expect(cell(emu, PF, `B${rowNow("110")}`)).toBe(5);
    expect(cell(emu, PF, `C${rowNow("204")}`)).toBe("\\\\share\\工行.xlsx");
    expect(cell(emu, PF, "B5")).toBe(0.6);
    expect(again.figures.portfolio!.counts).toEqual(rated.counts);
    // One Excel table over the header and the 36 accounts (filter and sort), re-made by Refresh.
    const tables = emu.model.tables.filter((x) => x.name === "SixStep_Portfolio");
    expect(tables).toHaveLength(1);
    expect(tables[0].rect).toEqual({ r0: 11, c0: 0, r1: 11 + 36, c1: 16 });

    // Live: a revenue cell changes Ping An's average on the sheet.
    const before = cell(emu, PF, `G${rowNow("110")}`) as number;
    const revenue = emu.model.sheetByName("收入")!;
    // The first row of Ping An in December 2002 (serial 37591 = 2002-12-01): +300 a month is +100 on the average.
    let target = -1;
    for (let r = 1; r < 600 && target < 0; r++)
      if (String(emu.model.value(revenue, r, 1)) === "110" && emu.model.value(revenue, r, 0) === 37591) target = r;
    expect(target).toBeGreaterThan(0);
    const old = emu.model.value(revenue, target, 6) as number;
    await typeInto(emu, "收入", `G${target + 1}`, [[old + 300]]);
    expect(cell(emu, PF, `G${rowNow("110")}`) as number).toBeCloseTo(before + 100, 6);

    // LibreOffice recalculates the file: every formula cell of every sheet agrees.
    const lo = new ExcelJS.Workbook();
    await lo.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const { compared, differences } = compareFormulaCells(emu.model, lo);
    expect(compared).toBeGreaterThan(500);
    expect(differences).toEqual([]);
  }, 180_000);

  test("in English: 7 Portfolio, English quadrants", async () => {
    const { emu, run } = await sampleEmulator("en");
    await generate(run, { steps: ["portfolio"] });
    expect(cell(emu, "7 Portfolio", "P12")).toBe("Quadrant");
    expect(cell(emu, "7 Portfolio", `P${FIRST}`)).toBe("To rate");
    expect(cell(emu, "7 Portfolio", "E6")).toBe(6);
  }, 60_000);
});

test("plan this account: the selected row of the Portfolio sheet becomes the focus customer of Generate all", async () => {
  const { emu, run } = await sampleEmulator();
  await generate(run, { steps: ["portfolio"] });
  const pane = paneWorkbook(run, STEP_IDS);
  // Nothing selected on the portfolio yet (the active sheet is another): no account.
  await pane.select("1 行业分析", "A1");
  expect(await pane.selectedAccount()).toBeNull();
  // The header row is not an account either.
  await pane.select(PF, "D12");
  expect(await pane.selectedAccount()).toBeNull();
  // The analyst selects China Mobile's row (the first account), anywhere on it.
  await pane.select(PF, `H${FIRST}`);
  const account = await pane.selectedAccount();
  expect(account).toEqual({ key: "201", name: "中国移动通信集团福建有限公司福州分公司" });
  const res = await pane.generate({ steps: [...DEFAULT_STEP_IDS, "portfolio"], settings: { focus: account!.key } });
  expect(res.settings.focus).toBe("201");
  expect(String(cell(emu, "1 行业分析", "B7"))).toBe("201");
  expect(res.figures.focus!.name).toBe("中国移动通信集团福建有限公司福州分公司");
  // The portfolio now marks China Mobile's plan as this workbook (Ping An keeps the analyst's earlier mark).
  const row = FIRST + res.figures.portfolio!.accounts.findIndex((a) => a.key === "201");
  expect(cell(emu, PF, `C${row}`)).toBe("本工作簿");
}, 120_000);
