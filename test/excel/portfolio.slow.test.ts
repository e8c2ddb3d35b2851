/**
 * The Portfolio sheet on the sample, through the analyst's edits, a Refresh and a revenue edit,
 * then every formula cell against LibreOffice (portfolio.test.ts has the rest).
 */
import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generate } from "../../src/excel/pipeline";
import { analysePortfolio, type Portfolio } from "../../src/method/portfolio";
import { SAMPLE_RELATIONSHIPS } from "../../src/sample/seeds";
import { parsePeriod } from "../../src/tables/period";
import { parseRevenueTable } from "../../src/tables/revenue";
import { compareFormulaCells, recalcWithLibreOffice } from "../helpers/libreoffice";
import { readSampleCsv } from "../helpers/sample";
import { cell, rowWith, sampleEmulator, typeInto } from "../helpers/workbook";
import { PORTFOLIO_HEAD } from "../../src/layout/anchors";

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

/** The sheet's figures of each account row against the model, in the model's order. */
function expectSheetMatches(emu: Awaited<ReturnType<typeof sampleEmulator>>["emu"], p: Portfolio, sheet = PF) {
  const v = (a: string) => cell(emu, sheet, a);
  const close = (x: unknown, y: number) =>
    expect(Math.abs((x as number) - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
  const opt = (x: unknown, y: number | null) => (y === null ? expect(x).toBe("") : close(x, y));
  expect(p.accounts.length).toBeGreaterThan(0);
  p.accounts.forEach((a, i) => {
    const r = FIRST + i;
    expect(String(v(`A${r}`))).toBe(a.key);
    if (a.nonCustomer) expect(v(`D${r}`)).toBe("是");
    else expect(["", "否"]).toContain(v(`D${r}`));
    close(v(`I${r}`), a.average);
    close(v(`J${r}`), a.compareAverage);
    opt(v(`K${r}`), a.growth);
    opt(v(`L${r}`), a.segmentShare);
    close(v(`M${r}`), a.wallet);
    opt(v(`N${r}`), a.shareOfWallet);
    expect(v(`O${r}`)).toBe(a.services);
    opt(v(`P${r}`), a.revenueScore);
    opt(v(`Q${r}`), a.growthScore);
    opt(v(`R${r}`), a.whitespaceScore);
    opt(v(`S${r}`), a.walletScore);
    expect(v(`T${r}`)).toBe(a.attractiveness ?? "");
    expect(v(`V${r}`)).toBe(a.rank ?? "");
  });
}

describe("the Portfolio sheet", () => {
  test("on demand; every account's figures equal the model; the analyst's scores kept by Refresh; LibreOffice agrees", async () => {
    const { emu, run } = await sampleEmulator();
    // Generate all (the sample workbook) does not write the portfolio.
    expect(emu.model.sheetByName(PF)).toBeUndefined();
    const res = await generate(run, { steps: ["portfolio"] });
    expect(res.sheets.map((s) => s.name)).toEqual([PF]);
    // The sample's relationship scores for the accounts the deck names (seeded in a sample workbook).
    const p = model({ relationships: SAMPLE_RELATIONSHIPS });
    expect(cell(emu, PF, "E6")).toBe(6);
    expect(cell(emu, PF, "E7")).toBe(35);
    expectSheetMatches(emu, p);
    // The orders written hold: ranks and percentiles come from them, not from a COUNTIF per customer.
    const orders = () => [cell(emu, PF, "AX13"), cell(emu, PF, "AY13")];
    expect(orders()).toEqual([true, true]);
    // Ping An's row: 64,007.80, 14.2% of 保险, 4 services, its wallet 96,498.03 (66.3% ours), plan: this workbook.
    const pa = FIRST + p.accounts.findIndex((a) => a.key === "110");
    expect(Math.round((cell(emu, PF, `I${pa}`) as number) * 100) / 100).toBe(64_007.8);
    expect(Math.round((cell(emu, PF, `L${pa}`) as number) * 1000) / 10).toBe(14.2);
    expect(Math.round((cell(emu, PF, `M${pa}`) as number) * 100) / 100).toBe(96_498.03);
    expect(Math.round((cell(emu, PF, `N${pa}`) as number) * 1000) / 10).toBe(66.3);
    expect(cell(emu, PF, `C${pa}`)).toBe("本工作簿");
    expect([cell(emu, PF, `B${pa}`), cell(emu, PF, `U${pa}`), cell(emu, PF, `V${pa}`)]).toEqual([4, "维持", 29]);
    // The residual bucket: flagged by its name, last, unranked, off the chart.
    const last = FIRST + 35;
    expect([
      cell(emu, PF, `A${last}`),
      cell(emu, PF, `D${last}`),
      cell(emu, PF, `U${last}`),
      cell(emu, PF, `V${last}`),
    ]).toEqual([235, "是", "非客户", ""]);
    // The 2×2 has a point for each of the six rated accounts (the others are #N/A, not plotted).
    const points = p.accounts.map((_, i) => cell(emu, PF, `AI${FIRST + i}`)).filter((x) => typeof x === "number");
    expect(points).toHaveLength(Object.keys(SAMPLE_RELATIONSHIPS).length);
    // The closing note: where the focus account ranks, and on what.
    const note = rowWith(
      emu,
      res,
      "portfolio",
      "implications.sentences",
      "中国平安人寿保险有限公司福州分公司在35个客户中排第29（吸引力1.4）：收入得分0.1、增长3.1、业务空白1.7、钱包空间1.7（我方钱包份额66%）。",
    );
    expect(note).toBeLessThan(PORTFOLIO_HEAD);
    expect(res.figures.portfolio!.accounts[0]).toMatchObject({ key: "201", rank: 1, quadrant: "建立关系" });

    // The analyst rates three accounts, types Ping An's wallet, un-flags the bucket and weighs growth more.
    const rowOf = (k: string) => FIRST + p.accounts.findIndex((a) => a.key === k);
    for (const [k, rel] of [
      ["201", 4],
      ["204", 2],
      ["110", 5],
    ] as const)
      await typeInto(emu, PF, `B${rowOf(k)}`, [[rel]]);
    await typeInto(emu, PF, "B4:B7", [[0.2], [0.5], [0.1], [0.2]]);
    await typeInto(emu, PF, `C${rowOf("204")}`, [["\\\\share\\工行.xlsx"]]);
    await typeInto(emu, PF, `E${rowOf("110")}`, [[200_000]]);
    await typeInto(emu, PF, `D${rowOf("235")}`, [["否"]]);
    const rated = model({
      relationships: { ...SAMPLE_RELATIONSHIPS, "201": 4, "204": 2, "110": 5 },
      weights: { revenue: 0.2, growth: 0.5, whitespace: 0.1, wallet: 0.2 },
      wallets: { "110": 200_000 },
      nonCustomers: { "235": false },
    });
    expect(rated.ranked).toBe(36);
    const quadrant = (k: string) => cell(emu, PF, `U${rowOf(k)}`);
    expect([quadrant("201"), quadrant("204"), quadrant("110")]).toEqual(
      ["201", "204", "110"].map(
        (k) =>
          ({
            invest: "重点投入",
            build: "建立关系",
            maintain: "维持",
            monitor: "观察",
            rate: "待评估",
            excluded: "非客户",
          })[rated.accounts.find((a) => a.key === k)!.quadrant],
      ),
    );
    for (const a of rated.accounts) expect(cell(emu, PF, `T${rowOf(a.key)}`)).toBe(a.attractiveness);
    // New weights break the order of T, the un-flagged bucket the customers' list: both checks fail,
    // and every rank and percentile comes from the COUNTIFs, equal to the model's.
    expect(orders()).toEqual([false, false]);
    expect(rated.accounts.length).toBe(36);
    for (const a of rated.accounts) {
      expect(cell(emu, PF, `V${rowOf(a.key)}`)).toBe(a.rank ?? "");
      const score = cell(emu, PF, `P${rowOf(a.key)}`);
      if (a.revenueScore === null) expect(score).toBe("");
      else expect(score as number).toBeCloseTo(a.revenueScore, 9);
    }
    // Ping An's share of the typed wallet: 64,007.80 ÷ 200,000 = 32.0%.
    expect(Math.round((cell(emu, PF, `N${rowOf("110")}`) as number) * 1000) / 10).toBe(32);

    // Refresh all includes the portfolio now that it exists: re-sorted by the new weights, every value kept.
    const again = await generate(run, {});
    expect(again.sheets.map((s) => s.name)).toContain(PF);
    expectSheetMatches(emu, rated);
    expect(orders()).toEqual([true, true]);
    const rowNow = (k: string) => FIRST + rated.accounts.findIndex((a) => a.key === k);
    expect(cell(emu, PF, `B${rowNow("201")}`)).toBe(4);
    expect(cell(emu, PF, `B${rowNow("110")}`)).toBe(5);
    expect(cell(emu, PF, `E${rowNow("110")}`)).toBe(200_000);
    expect(cell(emu, PF, `D${rowNow("235")}`)).toBe("否");
    expect(cell(emu, PF, `C${rowNow("204")}`)).toBe("\\\\share\\工行.xlsx");
    expect(cell(emu, PF, "B5")).toBe(0.5);
    expect(again.figures.portfolio!.counts).toEqual(rated.counts);
    // One Excel table over the header and the 36 accounts (filter and sort), re-made by Refresh.
    const tables = emu.model.tables.filter((x) => x.name === "SixStep_Portfolio");
    expect(tables).toHaveLength(1);
    expect(tables[0].rect).toEqual({ r0: 11, c0: 0, r1: 11 + 36, c1: 21 });

    // Live: a revenue cell changes Ping An's average on the sheet.
    const before = cell(emu, PF, `I${rowNow("110")}`) as number;
    const revenue = emu.model.sheetByName("收入")!;
    // The first row of Ping An in December 2002 (serial 37591 = 2002-12-01): +300 a month is +100 on the average.
    let target = -1;
    for (let r = 1; r < 600 && target < 0; r++)
      if (String(emu.model.value(revenue, r, 1)) === "110" && emu.model.value(revenue, r, 0) === 37591) target = r;
    expect(target).toBeGreaterThan(0);
    const old = emu.model.value(revenue, target, 6) as number;
    await typeInto(emu, "收入", `G${target + 1}`, [[old + 300]]);
    expect(cell(emu, PF, `I${rowNow("110")}`) as number).toBeCloseTo(before + 100, 6);
    expectSheetMatches(
      emu,
      analysePortfolio(
        parseRevenueTable({
          sheet: "收入",
          values: emu.model.values(revenue, { r0: 0, c0: 0, r1: 558, c1: 6 }) as never,
          origin: { row: 0, col: 0 },
        }).rows,
        {
          period: parsePeriod("2002-Q4")!,
          compare: parsePeriod("2002-Q3"),
          months: 3,
          compareMonths: 3,
          relationships: { ...SAMPLE_RELATIONSHIPS, "201": 4, "204": 2, "110": 5 },
          weights: { revenue: 0.2, growth: 0.5, whitespace: 0.1, wallet: 0.2 },
          wallets: { "110": 200_000 },
          nonCustomers: { "235": false },
        },
      ),
    );

    // LibreOffice recalculates the file: every formula cell of every sheet agrees.
    const lo = new ExcelJS.Workbook();
    await lo.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const { compared, differences } = compareFormulaCells(emu.model, lo);
    expect(compared).toBeGreaterThan(500);
    expect(differences).toEqual([]);

    // The revenue table re-keyed since the run: Ping An's row now says another customer. Its sums
    // turn into #N/A (never another account's figures) and the sheet asks for a Refresh.
    await typeInto(emu, "收入", `B${target + 1}`, [["201"]]);
    expect(String(cell(emu, PF, `I${rowNow("110")}`))).toBe("#N/A");
    const stale =
      "收入表的行在上次生成后已移动、增删，或某行的客户、业务、月份已改（相关单元格显示 #N/A）：请刷新客户组合，本表的合计才与收入表一致。只改金额无须刷新。";
    rowWith(emu, res, "portfolio", "implications.sentences", stale);
    // Back to Ping An: its figures again, without a Refresh.
    await typeInto(emu, "收入", `B${target + 1}`, [[110]]);
    expect(cell(emu, PF, `I${rowNow("110")}`) as number).toBeGreaterThan(0);
    // Its month moved from December to November (2002-11-01 = serial 37561): #N/A and the same request.
    await typeInto(emu, "收入", `A${target + 1}`, [[37561]]);
    expect(String(cell(emu, PF, `I${rowNow("110")}`))).toBe("#N/A");
    rowWith(emu, res, "portfolio", "implications.sentences", stale);
    // Back in December; Refresh re-sorts the copy: the figures equal the model again.
    await typeInto(emu, "收入", `A${target + 1}`, [[37591]]);
    await generate(run, { steps: ["portfolio"] });
    expect(String(cell(emu, PF, `I${rowNow("110")}`))).not.toBe("#N/A");
  }, 240_000);
});
