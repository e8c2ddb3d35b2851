import ExcelJS from "exceljs";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generate } from "../../src/excel/pipeline";
import { attitudeScore, ganttMonths, progressTrend, stakeholderSummary, touchpoints } from "../../src/method/planning";
import { parseFibre, parseSiteTable, splitServices } from "../../src/tables/sites";
import { TableError } from "../../src/tables/problems";
import { describeProblem } from "../../src/tables/messages";
import { translator } from "../../src/i18n";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";
import { cell, findRow, sampleEmulator, typeInto } from "../helpers/workbook";
import type { ExcelEmulator } from "../../src/emulator";

const SUP = "5 支撑能力";
const PLAN = "6 客户规划";
const OV = "0 概览";
const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
};

test("site table forms: fibre words, service separators, missing data", () => {
  expect(["有", "无", "yes", "N", "✓", "", "是"].map(parseFibre)).toEqual([true, false, true, false, true, null, true]);
  expect(parseFibre("maybe")).toBeUndefined();
  expect(splitServices("DDN、FR, ATM;X.25/网元出租\nISDN")).toEqual(["DDN", "FR", "ATM", "X.25", "网元出租", "ISDN"]);
  const bad = (() => {
    try {
      parseSiteTable({
        sheet: "站点",
        values: [
          ["站点", "用户端光纤"],
          ["A", "有"],
          ["B", "maybe"],
        ],
        origin: { row: 0, col: 0 },
      });
    } catch (e) {
      return e as TableError;
    }
  })()!;
  expect(describeProblem(bad.problems[0], translator("en-US"))).toBe(
    "Sheet “站点”, cell B3: “maybe” does not say whether fibre reaches the site. Use 有/无, yes/no, Y/N or ✓.",
  );
});

test("planning model: touchpoints, attitudes, support index, Gantt months, progress trend", () => {
  expect(
    ["1-2次/周", "1-2次/月", "1-2次/季度", "1次", "2-3 times a month", "once a week", "weekly", "每月2次"].map(
      touchpoints,
    ),
  ).toEqual([
    { min: 52, max: 104 },
    { min: 12, max: 24 },
    { min: 4, max: 8 },
    { min: 1, max: 1 },
    { min: 24, max: 36 },
    { min: 52, max: 52 },
    { min: 52, max: 52 },
    { min: 24, max: 24 },
  ]);
  expect(touchpoints("now and then")).toBeNull();
  expect(["A", "B+", "C", "D-", "E", "x"].map(attitudeScore)).toEqual([5, 4.5, 3, 1.5, 1, null]);
  const s = stakeholderSummary([
    { name: "郑师超", before: "C", now: "B", influence: null },
    { name: "林智勇", before: "B", now: "B+", influence: null },
    { name: "黄艾香", before: "D", now: "C", influence: null },
  ]);
  expect(s.rows.map((r) => r.change)).toEqual([1, 0.5, 1]);
  expect(s.supportIndex).toBeCloseTo(23 / 6, 12); // (4 + 4.5 + 3) / 3 = 3.83
  expect(ganttMonths(serial("2003-01-06"), serial("2003-03-28"), 2003)).toEqual([0, 1, 2]);
  expect(ganttMonths(serial("2003-01-06"), serial("2003-12-26"), 2003)).toHaveLength(12);
  expect(ganttMonths(serial("2003-01-06"), serial("2003-03-28"), 2003, 4)).toEqual([]); // fiscal year from April
  expect(
    progressTrend([
      { date: 2, score: 1 },
      { date: 1, score: -1 },
    ]),
  ).toEqual({ latest: 1, trend: 2 });
});

/** The capability matrix of the Support sheet as { site: { service: label } }. */
function matrix(emu: ExcelEmulator) {
  const head = findRow(emu, SUP, "站点", 10);
  const services: string[] = [];
  for (let c = 6; ; c++) {
    const v = cell(emu, SUP, `${String.fromCharCode(65 + c)}${head}`);
    if (/就绪度$/.test(String(v)) || v === "") break;
    services.push(v as string);
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (let r = head + 3; cell(emu, SUP, `A${r}`) !== "现有承载站点数"; r++) {
    out[cell(emu, SUP, `A${r}`) as string] = Object.fromEntries(
      services.map((s, j) => [s, cell(emu, SUP, `${String.fromCharCode(71 + j)}${r}`)]),
    );
  }
  return { head, services, out };
}

describe("steps 5, 6 and the overview on the sample", () => {
  let s: Awaited<ReturnType<typeof sampleEmulator>>;
  beforeAll(async () => {
    s = await sampleEmulator("zh");
  });

  test("support: 2M possible at 2 of 7 sites, DDN carried now at 6 of 7, 福清支公司 missing cable and service data", () => {
    const { emu, result } = s;
    const { services, out } = matrix(emu);
    const m2 = Object.entries(out)
      .filter(([, v]) => v["2M数字电路"] === "现有" || v["2M数字电路"] === "改造后可")
      .map(([k]) => k);
    expect(m2).toEqual(["福州分公司", "商业大厦营业点"]);
    // Readiness now and after works, side by side: the headquarters (dual-route fibre) carries 1 of
    // the 5 services today.
    const hq = findRow(emu, SUP, "福州分公司", 10);
    const now = 6 + services.length;
    expect(cell(emu, SUP, `${String.fromCharCode(65 + now)}${hq}`)).toBe(0.2);
    expect(cell(emu, SUP, `${String.fromCharCode(65 + now + 1)}${hq}`) as number).toBeGreaterThanOrEqual(0.2);
    expect(Object.values(out).filter((v) => v.DDN === "现有")).toHaveLength(6);
    expect(out["福清支公司"]).toMatchObject({ DDN: "未知", "2M数字电路": "不可" });
    const counts = findRow(emu, SUP, "现有承载站点数");
    const col = (svc: string) => String.fromCharCode(71 + services.indexOf(svc));
    expect(cell(emu, SUP, `${col("DDN")}${counts}`)).toBe(6);
    expect(cell(emu, SUP, `${col("2M数字电路")}${counts + 1}`)).toBe(2);
    // The model agrees cell by cell.
    const labels = { now: "现有", works: "改造后可", no: "不可", unknown: "未知" };
    result.support!.matrix.forEach((m) =>
      m.capabilities.forEach((c, j) => expect(out[m.site][result.support!.services[j]]).toBe(labels[c])),
    );
    expect(result.figures.warnings).toContain(
      "工作表“站点”第 8 行：站点“福清支公司”缺少实线电缆、可承载业务数据，其支撑能力显示为未知。",
    );
    const gap = findRow(emu, SUP, "福清支公司", findRow(emu, SUP, "能力缺口"));
    expect([cell(emu, SUP, `B${gap}`), cell(emu, SUP, `D${gap}`), cell(emu, SUP, `E${gap}`)]).toEqual([
      "DDN",
      "数据缺失: 实线电缆 可承载业务",
      "1",
    ]);
    expect(result.figures.sites[0]).toEqual({
      site: "福州分公司",
      fibre: true,
      ready: ["网元出租", "DDN", "FR", "ATM", "X.25"],
    });
  });

  test("the Gantt's bars are conditional-format formulas: editing an end date moves the bar", async () => {
    const { emu } = await sampleEmulator("zh");
    const sheet = emu.model.sheetByName(PLAN)!;
    const bar = sheet.conditionalFormats.find((c) => c.custom?.fill === "#9BC2E6")!;
    const head = findRow(emu, PLAN, "营销方案", 10);
    const lit = (row: number) =>
      Array.from({ length: 12 }, (_, j) => j).filter((j) => emu.model.evaluateRule(sheet, bar, row - 1, 10 + j));
    const first = findRow(emu, PLAN, "宣传DDN组网优点，争取新增网点继续选择DDN", head, "C");
    expect(cell(emu, PLAN, `K${head}`)).toBe(serial("2003-01-01"));
    expect(lit(first)).toEqual([0, 1, 2]); // January–March only
    // % complete shades the done part: half of 2003-01-06 → 03-28 reaches mid-February.
    const done = sheet.conditionalFormats.find((c) => c.custom?.fill === "#2F75B5")!;
    const shaded = () =>
      Array.from({ length: 12 }, (_, j) => j).filter((j) => emu.model.evaluateRule(sheet, done, first - 1, 10 + j));
    expect(shaded()).toEqual([]);
    await typeInto(emu, PLAN, `H${first}`, [[0.5]]);
    expect(shaded()).toEqual([0, 1]);
    expect(lit(findRow(emu, PLAN, "与电脑部、办公室、财务部建立更紧密联系", head, "C"))).toHaveLength(12);
    await typeInto(emu, PLAN, `F${first}`, [[serial("2003-05-15")]]);
    expect(lit(first)).toEqual([0, 1, 2, 3, 4]); // April and May light up
    // A fiscal year starting in April shifts the columns: the task now sits in the first two.
    await typeInto(emu, PLAN, "B4", [[4]]);
    expect(lit(first)).toEqual([0, 1]);
  });

  test("planning figures by formula: touchpoints per campaign, attitude changes, support index 3.83", () => {
    const { emu, result } = s;
    const totals = findRow(emu, PLAN, "营销方案一", findRow(emu, PLAN, "沟通计划") + 10);
    // Campaign one: 12–24 + 52–104 + 24–36 + 12–24 + 4–8 + 4 = 108–200 a year; two: 1 + 52–104 + 24–36 + 1 + 1 = 79–143.
    expect([cell(emu, PLAN, `B${totals}`), cell(emu, PLAN, `C${totals}`)]).toEqual([108, 200]);
    expect([cell(emu, PLAN, `B${totals + 1}`), cell(emu, PLAN, `C${totals + 1}`)]).toEqual([79, 143]);
    expect(result.figures.planning!.touchpoints).toEqual([
      { campaign: "营销方案一", min: 108, max: 200 },
      { campaign: "营销方案二", min: 79, max: 143 },
    ]);
    const row = (name: string) => findRow(emu, PLAN, name, 1, "B");
    expect(
      ["郑师超", "林智勇", "黄艾香"].map((n) => [cell(emu, PLAN, `I${row(n)}`), cell(emu, PLAN, `J${row(n)}`)]),
    ).toEqual([
      [1, "↑"],
      [0.5, "↑"],
      [1, "↑"],
    ]);
    const idx = findRow(emu, PLAN, "支持度指数");
    expect(cell(emu, PLAN, `B${idx}`) as number).toBeCloseTo(3.8333, 4);
    expect(result.figures.planning!.supportIndex).toBeCloseTo(3.8333, 4);
  });

  test("the overview is the account plan on one page: action title, figures, moves, asks, milestones", () => {
    const { emu } = s;
    const v = (label: string, col = "B") => cell(emu, OV, `${col}${findRow(emu, OV, label)}`);
    // The plan in one sentence: 64,007.80 → 78,729.60 a month is +23% (the deck's p.26), by the end of 2003.
    expect(cell(emu, OV, "A2")).toBe(
      "至2003年底，中国平安人寿保险有限公司福州分公司月收入从6.4万元增至7.9万元（+23%），靠3项首要行动",
    );
    // Dated from the deck's deal record (2003-01-23), not from today.
    expect(cell(emu, OV, "A3")).toBe("中国平安人寿保险有限公司福州分公司 · 2002-Q4 · 截至 2003-01-23");
    expect(v("大客户月收入") as number).toBeCloseTo(25_599_999.16, 2);
    expect(v("重点客户月均收入(元)") as number).toBeCloseTo(64_007.8, 6);
    expect(v("计划年末月收入(元)") as number).toBeCloseTo(78_729.6, 6);
    expect(Math.round((v("预计增长") as number) * 1000) / 10).toBe(23.0);
    expect(v("关键人支持度指数(1-5)") as number).toBeCloseTo(3.8333, 4);
    // The top three moves by rank (1, 2 and 5 — the seed's IP直通车), each with owner, start and due date.
    const mv = findRow(emu, OV, "三项首要行动");
    const moves = [1, 2, 3].map((k) => ["A", "B", "C", "D", "E", "F"].map((c) => cell(emu, OV, `${c}${mv + k}`)));
    expect(moves.map((m) => m[0])).toEqual([
      "1. 延续DDN组网，新增网点继续选择DDN，ISDN备份",
      "2. 2M数字电路组网，光纤入户、SDH设备超前部署",
      "3. IP直通车协议，夺回电话回访中心话务量",
    ]);
    // Solution 1's tasks run 2003-01-06 … 2003-12-26 under 林山; solution 5's 2003-01-15 … 2003-06-30.
    expect(moves[0].slice(1, 5)).toEqual(["短期", "林山", serial("2003-01-06"), serial("2003-12-26")]);
    expect(moves[2].slice(2, 6)).toEqual(["林声威", serial("2003-01-15"), serial("2003-06-30"), 12_500]);
    // The quarter timeline: ■ while a move runs, ◆ in the quarter it is due.
    expect(["G", "H", "I", "J"].map((c) => cell(emu, OV, `${c}${mv}`))).toEqual([
      "2003 Q1",
      "2003 Q2",
      "2003 Q3",
      "2003 Q4",
    ]);
    expect(["G", "H", "I", "J"].map((c) => cell(emu, OV, `${c}${mv + 3}`))).toEqual(["■", "◆", "", ""]);
    // The asks of management: the sample's three, from the deck's needs.
    const ask = findRow(emu, OV, "需要管理层支持的事项");
    const asks = [1, 2, 3].map((k) => String(cell(emu, OV, `A${ask + k}`)));
    expect(asks).toHaveLength(3);
    expect(asks.map((a) => a.slice(0, 4))).toEqual(["人员：为", "价格授权", "光纤工程"]);
    // The next milestones after 2003-01-23: the IT system's priority list (due 2003-02-28) first.
    const ms = findRow(emu, OV, "下一步里程碑");
    expect([cell(emu, OV, `A${ms + 1}`), cell(emu, OV, `B${ms + 1}`), cell(emu, OV, `C${ms + 1}`)]).toEqual([
      "客户所有电话列入IT系统重点保障库",
      serial("2003-02-28"),
      "詹昕",
    ]);
    // Risks: the purchase factor where the rival leads most, products where we lag, sites not ready.
    expect(v("与对手差距最大的采购因素")).toBe("价格 (+1)");
    expect(v("我方落后的产品")).toBe("无");
    expect(v("目前未完全就绪的站点")).toBe("7 / 7");
    // Below the page: the so what of each step, from its sheet's first implication, and the run status.
    const sw = findRow(emu, OV, "各步骤启示");
    expect(sw).toBeGreaterThan(ms);
    expect(cell(emu, OV, `B${sw + 1}`)).toBe("收入最大的行业是运营商，占38.0%；增长最快的是贸易（较对比期+6.1%）。");
    expect(cell(emu, OV, `B${sw + 4}`)).toBe(
      "10个方案中有3个速赢方案；排名第一的是延续DDN组网，新增网点继续选择DDN，ISDN备份（短期）。",
    );
    const st = findRow(emu, OV, "步骤");
    expect(st).toBeGreaterThan(sw);
    expect(cell(emu, OV, `C${st + 1}`)).toBe("已生成");
  });

  test("LibreOffice agrees on the support counts, touchpoints, support index and overview", async () => {
    const { emu } = s;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
    const lo = (sheet: string, a: string) => cachedValue(wb.getWorksheet(sheet)!.getCell(a));
    const counts = findRow(emu, SUP, "现有承载站点数");
    for (const c of ["G", "H", "I", "J", "K"]) {
      expect(lo(SUP, `${c}${counts}`)).toBe(cell(emu, SUP, `${c}${counts}`));
      expect(lo(SUP, `${c}${counts + 1}`)).toBe(cell(emu, SUP, `${c}${counts + 1}`));
    }
    const { head } = matrix(emu);
    for (let r = head + 3; r < counts; r++)
      for (const c of ["G", "J"]) expect(lo(SUP, `${c}${r}`)).toBe(cell(emu, SUP, `${c}${r}`));
    const idx = findRow(emu, PLAN, "支持度指数");
    expect(lo(PLAN, `B${idx}`) as number).toBeCloseTo(23 / 6, 12);
    const ov = findRow(emu, OV, "计划年末月收入(元)");
    expect(lo(OV, `B${ov}`) as number).toBeCloseTo(78_729.6, 6);
    // The action title, the moves' dates and the next milestone are formulas LibreOffice computes alike.
    expect(lo(OV, "A2")).toBe(cell(emu, OV, "A2"));
    // ExcelJS reads a dated cell as a Date: back to Excel's serial.
    const loValue = (a: string) => {
      const x = lo(OV, a) ?? "";
      return x instanceof Date ? x.getTime() / 86_400_000 + 25_569 : x;
    };
    const mv = findRow(emu, OV, "三项首要行动");
    for (const c of ["C", "D", "E", "F"])
      for (const k of [1, 2, 3])
        expect([c, k, loValue(`${c}${mv + k}`)]).toEqual([c, k, cell(emu, OV, `${c}${mv + k}`)]);
    // The timeline's text marks ("" read back by ExcelJS as a missing result, so as 0).
    for (const c of ["G", "H", "I", "J"])
      for (const k of [1, 2, 3])
        expect([c, k, loValue(`${c}${mv + k}`) || ""]).toEqual([c, k, cell(emu, OV, `${c}${mv + k}`)]);
    const ms = findRow(emu, OV, "下一步里程碑");
    for (const c of ["A", "B", "C"]) expect(loValue(`${c}${ms + 1}`)).toBe(cell(emu, OV, `${c}${ms + 1}`));
  });
});

test("a snapshot appends today's headline figures to the history, once per day", async () => {
  const { emu, run } = await sampleEmulator("zh");
  const today = serial("2003-02-14");
  await generate(run, { snapshot: true, today });
  await generate(run, { snapshot: true, today }); // the same day again replaces, not duplicates
  const res = await generate(run, { snapshot: true, today: today + 7 });
  const head = findRow(emu, PLAN, "日期", findRow(emu, PLAN, "计划数字快照"));
  const rows = [head + 1, head + 2, head + 3].map((r) => [
    cell(emu, PLAN, `A${r}`),
    Math.round((cell(emu, PLAN, `B${r}`) as number) * 100) / 100,
    Math.round((cell(emu, PLAN, `C${r}`) as number) * 100) / 100,
    Math.round((cell(emu, PLAN, `D${r}`) as number) * 100) / 100,
    cell(emu, PLAN, `E${r}`),
  ]);
  expect(rows).toEqual([
    [today, 64_007.8, 78_729.6, 3.83, 1],
    [today + 7, 64_007.8, 78_729.6, 3.83, 1],
    ["", 0, 0, 0, ""],
  ]);
  expect(res.figures.planning!.progress).toEqual({ latest: 1, trend: 2 });
});

test("tasks whose dates contradict their solution's phase are flagged (short after month 6, long within it)", async () => {
  const { emu, result } = await sampleEmulator("zh");
  const phases = new Map(result.solutions.map((x) => [x.id, x.finalPhase]));
  const sixth = Date.UTC(2003, 5, 30) / 86_400_000 + 25_569; // plan year 2003, fiscal start January
  const head = findRow(emu, PLAN, "营销方案");
  expect(cell(emu, PLAN, `J${head}`)).toBe("阶段?");
  let flagged = 0;
  let checked = 0;
  for (let r = head + 1; cell(emu, PLAN, `C${r}`) !== ""; r++) {
    const id = String(cell(emu, PLAN, `B${r}`));
    const start = cell(emu, PLAN, `E${r}`) as number;
    const end = cell(emu, PLAN, `F${r}`) as number;
    const wrong = (phases.get(id) === "short" && start > sixth) || (phases.get(id) === "long" && end <= sixth);
    expect([r, cell(emu, PLAN, `J${r}`)]).toEqual([r, wrong ? "⚠" : ""]);
    checked++;
    if (wrong) flagged++;
  }
  expect(checked).toBeGreaterThan(5);
  console.log(`phase check: ${flagged} of ${checked} sample tasks flagged`);
});
