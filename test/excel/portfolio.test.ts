/**
 * The portfolio (issue 22, part 1): every customer of the revenue table on "7 客户组合", scored
 * by formula over the revenue table — checked against the TypeScript model (src/method/portfolio.ts)
 * on the sample and after the analyst's edits, against LibreOffice, and kept by Refresh. The
 * analyst's edits, Refresh and LibreOffice on the sample: portfolio.slow.test.ts.
 */
import { paneWorkbook } from "../../src/excel/pane";
import { PORTFOLIO_TABLE } from "../../src/layout/anchors";
import { generate } from "../../src/excel/pipeline";
import { DEFAULT_STEP_IDS, STEP_IDS } from "../../src/steps/meta";
import { analysePortfolio, growthScore, looksLikeNonCustomer } from "../../src/method/portfolio";
import { parsePeriod } from "../../src/tables/period";
import { parseRevenueTable } from "../../src/tables/revenue";
import { readSampleCsv } from "../helpers/sample";
import { anchored, cell, sampleEmulator } from "../helpers/workbook";

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
  test("36 accounts, 35 customers ranked; Ping An: 64,007.80 a month, 14.2% of 保险, 4 services, wallet 96,498.03", () => {
    const p = model();
    expect(p.accounts).toHaveLength(36);
    expect(p.services).toHaveLength(6);
    expect(p.ranked).toBe(35);
    const pa = p.accounts.find((a) => a.key === "110")!;
    expect(pa.average).toBeCloseTo(64_007.8, 2);
    expect(pa.segment).toBe("保险");
    // 64,007.80 ÷ 449,999.92 (保险's monthly average: the deck's ≈ 45万).
    expect(Math.round(pa.segmentShare! * 1000) / 10).toBe(14.2);
    expect(pa.services).toBe(4);
    expect(pa.whitespaceScore).toBeCloseTo(5 * (1 - 4 / 6), 12);
    // The wallet: the four other insurers' mean, (449,999.92 − 64,007.80) ÷ 4 = 96,498.03, above
    // what Ping An pays us; our share 66.3%, a third held by rivals: wallet score 5 × 0.337.
    expect(pa.walletEstimate).toBeCloseTo((449_999.92 - 64_007.8) / 4, 2);
    expect(Math.round(pa.walletEstimate * 100) / 100).toBe(96_498.03);
    expect(pa.wallet).toBe(pa.walletEstimate);
    expect(Math.round(pa.shareOfWallet! * 1000) / 10).toBe(66.3);
    expect(pa.walletScore).toBeCloseTo(5 * (1 - pa.shareOfWallet!), 12);
    // One of the other 34 customers has a smaller average (太平洋, 55,620.99): revenue score 5 × 1/34.
    expect(p.accounts.filter((a) => !a.nonCustomer && a.average < pa.average)).toHaveLength(1);
    expect(pa.revenueScore).toBe(5 / 34);
    expect(pa.growth).toBeCloseTo(64_007.8 / pa.compareAverage - 1, 12);
    // Default weights 0.4 / 0.2 / 0.1 / 0.3: Ping An ranks 29th of 35, on its small revenue.
    expect(pa.attractiveness).toBe(
      Math.round(
        (0.4 * pa.revenueScore! + 0.2 * pa.growthScore! + 0.1 * pa.whitespaceScore! + 0.3 * pa.walletScore!) * 1e4,
      ) / 1e4,
    );
    expect(pa.rank).toBe(29);
    // Nobody rated yet: every customer is still to rate; the residual bucket is excluded.
    expect(p.counts).toMatchObject({ rate: 35, excluded: 1 });
  });

  test("the residual bucket is pre-flagged by its name, unranked and last; the analyst's flag wins", () => {
    const p = model();
    const bucket = p.accounts.find((a) => a.key === "235")!;
    expect(bucket.name).toBe("福州大客户本部零星业务");
    expect([bucket.nonCustomer, bucket.rank, bucket.attractiveness, bucket.quadrant]).toEqual([
      true,
      null,
      null,
      "excluded",
    ]);
    expect(p.accounts[35].key).toBe("235");
    expect(looksLikeNonCustomer("Sundry small accounts")).toBe(true);
    expect(looksLikeNonCustomer("合计")).toBe(true);
    expect(looksLikeNonCustomer("中国平安人寿保险有限公司福州分公司")).toBe(false);
    // Un-flagged by the analyst it ranks again (its 2.56 M a month is the largest after China Mobile).
    const un = model({ nonCustomers: { "235": false } });
    expect(un.ranked).toBe(36);
    expect(un.accounts.find((a) => a.key === "235")!.revenueScore).toBe((5 * 34) / 35);
    // The analyst flags China Mobile: the others' revenue percentiles no longer count it.
    const flagged = model({ nonCustomers: { "201": true } });
    expect(flagged.ranked).toBe(34);
    expect(flagged.accounts.find((a) => a.key === "110")!.revenueScore).toBe(5 / 33);
  });

  test("growth score bands and quadrants by hand", () => {
    expect([growthScore(-0.3), growthScore(-0.25), growthScore(0), growthScore(0.1), growthScore(0.5)]).toEqual([
      0, 0, 2.5, 3.5, 5,
    ]);
    expect(growthScore(null)).toBe(2.5);
    const p = model({ relationships: { "201": 4, "204": 2, "110": 5 } });
    const q = (k: string) => p.accounts.find((a) => a.key === k)!.quadrant;
    expect([q("201"), q("204"), q("110")]).toEqual(["invest", "build", "maintain"]);
    expect(p.counts).toMatchObject({ invest: 1, build: 1, maintain: 1, monitor: 0, rate: 32, excluded: 1 });
  });
});

describe("the Portfolio sheet", () => {
  test("in English: 7 Portfolio, English quadrants", async () => {
    const { emu, run } = await sampleEmulator("en");
    const result = await generate(run, { steps: ["portfolio"] });
    expect(cell(emu, "7 Portfolio", "U12")).toBe("Quadrant");
    expect(anchored(emu, result, "portfolio", "accounts.quadrant")).toBe("Build relationship");
    expect(anchored(emu, result, "portfolio", "serviceCount")).toBe(6);
    // The residual bucket keeps its flag in the sheet's language.
    expect(cell(emu, "7 Portfolio", `D${FIRST + 35}`)).toBe("Yes");
    expect(cell(emu, "7 Portfolio", `U${FIRST + 35}`)).toBe("Not a customer");
    // The chart's points are named from their helper header (AJ), written before the chart is made
    // though the points themselves come after the accounts' rows.
    const sheet = emu.model.sheetByName("7 Portfolio")!;
    const names = sheet.charts.flatMap((c) => c.series.map((x) => x.name));
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain(cell(emu, "7 Portfolio", "AJ12"));
    expect(names.filter((n) => /^Column [A-Z]+$/.test(n))).toEqual([]);
  }, 60_000);
});

test("sort-safe: an account row's formulas name other rows only absolutely (the rank's predecessor aside), so a sort of the table keeps each account's figures", async () => {
  const { emu, run } = await sampleEmulator("en");
  await generate(run, { steps: ["portfolio"] });
  const sheet = emu.model.sheetByName("7 Portfolio")!;
  const relative: string[] = [];
  let refs = 0;
  for (let r = FIRST; r < FIRST + 36; r++)
    for (let c = 0; c <= 21; c++) {
      const f = emu.model.formula(sheet, r - 1, c);
      if (typeof f !== "string" || !f.startsWith("=")) continue;
      // References outside string literals: $ before the row keeps it where it is on a sort.
      for (const m of f.replace(/"[^"]*"/g, '""').matchAll(/(\$?)([A-Z]{1,3})(\$?)(\d+)\b/g)) {
        refs++;
        if (m[3] === "$" || Number(m[4]) === r) continue;
        // The rank reads the row above in the sorted order itself (T and V, one row up).
        if (c === 21 && Number(m[4]) === r - 1 && (m[2] === "T" || m[2] === "V")) continue;
        relative.push(`${String.fromCharCode(65 + c)}${r}: ${m[0]}`);
      }
    }
  expect(refs).toBeGreaterThan(36 * 20);
  expect(relative).toEqual([]);
  // The sums come from the copy's own rows: Ping An's average is its period sum there ÷ 3 months.
  const pa = FIRST + model().accounts.findIndex((a) => a.key === "110");
  const f = String(emu.model.formula(sheet, pa - 1, 8));
  const at = /\$AT\$(\d+)/.exec(f);
  expect(at).not.toBeNull();
  expect(Math.round((cell(emu, "7 Portfolio", `AT${at![1]}`) as number) * 100) / 100).toBe(192_023.4);
}, 60_000);

test("an error in a revenue amount of the period: the account's average and its services used show that error, as its sums give it", async () => {
  const { emu, run } = await sampleEmulator();
  await generate(run, { steps: ["portfolio"] });
  const pa = FIRST + model().accounts.findIndex((a) => a.key === "110");
  expect(cell(emu, PF, `O${pa}`)).toBe(4);
  // Ping An's first row in December 2002 (serial 37591): its amount becomes #DIV/0!.
  const revenue = emu.model.sheetByName("收入")!;
  let target = -1;
  for (let r = 1; r < 600 && target < 0; r++)
    if (String(emu.model.value(revenue, r, 1)) === "110" && emu.model.value(revenue, r, 0) === 37591) target = r;
  expect(target).toBeGreaterThan(0);
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("收入").getRange(`G${target + 1}`).formulas = [["=1/0"]];
    await context.sync();
  });
  expect([cell(emu, PF, `I${pa}`), cell(emu, PF, `O${pa}`)].map(String)).toEqual(["#DIV/0!", "#DIV/0!"]);
}, 60_000);

test("an error in an account's flag (D) still counts it among the customers below, in every percentile (as COUNTIF less COUNTIFS did)", async () => {
  const { emu, run } = await sampleEmulator("en");
  await generate(run, { steps: ["portfolio"] });
  const sheet = emu.model.sheetByName("7 Portfolio")!;
  // The account with the smallest average among the customers, and one above it.
  const averages = Array.from({ length: 35 }, (_, i) => cell(emu, "7 Portfolio", `I${FIRST + i}`) as number);
  expect(averages).toHaveLength(35);
  const low = averages.indexOf(Math.min(...averages));
  const high = averages.indexOf(Math.max(...averages));
  const before = cell(emu, "7 Portfolio", `P${FIRST + high}`) as number;
  // The largest of 35 ranked customers has 34 below it: 5 × 34 / 34 = 5.
  expect(before).toBe(5);
  await emu.run(async (context) => {
    // The column is formatted as text (a formula typed there stays text): formatted General first.
    const d = context.workbook.worksheets.getItem("7 Portfolio").getRange(`D${FIRST + low}`);
    d.numberFormat = [["General"]];
    d.formulas = [["=NA()"]];
    await context.sync();
  });
  // The row with the error is #N/A itself, still counted by E7, and still below the others.
  expect(emu.model.value(sheet, FIRST + low - 1, 15)).toBe("#N/A");
  expect(cell(emu, "7 Portfolio", "E7")).toBe(35);
  expect(cell(emu, "7 Portfolio", `P${FIRST + high}`)).toBe(5);
}, 60_000);

test("plan this account reads the key and the name by their headers in the portfolio's table, wherever the columns are", async () => {
  const { emu, run } = await sampleEmulator("en");
  await generate(run, { steps: ["portfolio"] });
  const pane = paneWorkbook(run, STEP_IDS);
  const sheet = "7 Portfolio";
  await pane.select(sheet, `H${FIRST}`);
  const key = String(cell(emu, sheet, `A${FIRST}`));
  const name = String(cell(emu, sheet, `F${FIRST}`));
  // English headers: Customer ID (A) and Customer (F).
  expect(await pane.selectedAccount()).toEqual({ key, name });
  // The analyst swaps the two columns' headers and the row's cells: the pane follows the headers.
  const header = (await run({}, async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange("A12:F12");
    r.load("values");
    await context.sync();
    return r.values[0];
  })) as string[];
  expect([header[0], header[5]]).toEqual(["Customer ID", "Customer"]);
  await run({}, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.protection.unprotect();
    ws.getRange("A12:F12").values = [["Customer", ...header.slice(1, 5), "Customer ID"]];
    ws.getRange(`A${FIRST}`).values = [[name]];
    ws.getRange(`F${FIRST}`).values = [[key]];
    await context.sync();
  });
  expect(await pane.selectedAccount()).toEqual({ key, name });
  // The row below the table's last is no account.
  const accounts = await run({}, async (context) => {
    const body = context.workbook.tables.getItem(PORTFOLIO_TABLE).getDataBodyRange();
    body.load("rowCount");
    await context.sync();
    return body.rowCount;
  });
  await pane.select(sheet, `F${FIRST + accounts - 1}`);
  expect(await pane.selectedAccount()).not.toBeNull();
  await pane.select(sheet, `F${FIRST + accounts}`);
  expect(await pane.selectedAccount()).toBeNull();
}, 60_000);

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
