import { analyseIndustry } from "../../src/method/industry";
import { translator } from "../../src/i18n";
import { describeProblem } from "../../src/tables/messages";
import { parseAmount, parseRevenueTable } from "../../src/tables/revenue";
import { parseMonth, parsePeriod, monthToSerial } from "../../src/tables/period";
import { TableError } from "../../src/tables/problems";
import { revenueAsExcelValues } from "../../src/sample/revenue";
import { readSampleCsv } from "../helpers/sample";

const Q4 = parsePeriod("2002-Q4")!;
const base = readSampleCsv("revenue.csv");

function figures(values: unknown[][]) {
  const t = parseRevenueTable({ sheet: "Revenue", values, origin: { row: 0, col: 0 } });
  const a = analyseIndustry(t.rows, { period: Q4, focus: "110" });
  return { total: Math.round(a.total * 100) / 100, pingAn: Math.round(a.focus!.monthlyAverage * 100) / 100, table: t };
}

const reference = figures(base);

test("reference figures", () => {
  expect(reference.pingAn).toBe(64_007.8);
  expect(reference.table.directlyReadable).toBe(false); // CSV cells are text: text amounts need the normalised copy
});

test("English headers, shuffled columns", () => {
  const header = ["Amount", "Service", "Account", "Month", "Industry", "Segment", "Account ID"];
  const order = [6, 5, 2, 0, 3, 4, 1];
  const values = [header, ...base.slice(1).map((r) => order.map((i) => r[i]))];
  const f = figures(values);
  expect([f.total, f.pingAn]).toEqual([reference.total, reference.pingAn]);
  expect(f.table.mapping).toEqual({
    amount: 0,
    service: 1,
    customer: 2,
    period: 3,
    industry: 4,
    subIndustry: 5,
    customerId: 6,
  });
});

test("amounts as text with separators, full-width digits, currency signs", () => {
  const forms = [
    (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2 }),
    (n: number) => `¥${n.toLocaleString("en-US")}`,
    (n: number) => String(n).replace(/[0-9.]/g, (d) => (d === "." ? "．" : String.fromCharCode(0xff10 + Number(d)))),
  ];
  const values = [base[0], ...base.slice(1).map((r, i) => [...r.slice(0, 6), forms[i % 3](Number(r[6]))])];
  const f = figures(values);
  expect([f.total, f.pingAn]).toEqual([reference.total, reference.pingAn]);
  expect(f.table.directlyReadable).toBe(false);
});

test("a 万元 unit, a 合计 row and blank rows", () => {
  const values: unknown[][] = [
    [...base[0].slice(0, 6), "收入(万元)"],
    ...base.slice(1).flatMap((r, i) => {
      const row = [...r.slice(0, 6), Number(r[6]) / 10_000];
      return i % 50 === 0 ? [row, ["", "", "", "", "", "", ""]] : [row];
    }),
    ["合计", "", "", "", "", "", 99999],
  ];
  const f = figures(values);
  expect(f.total).toBeCloseTo(reference.total, 2);
  expect(f.pingAn).toBeCloseTo(reference.pingAn, 2);
  expect(f.table.unitFactor).toBe(10_000);
  expect(f.table.notes.map((n) => n.key)).toEqual(["table.totalRowSkipped"]);
});

test.each([
  ["2002/10", (y: number, m: number) => `${y}/${m}`],
  ["2002年10月", (y: number, m: number) => `${y}年${m}月`],
  [
    "Oct 2002",
    (y: number, m: number) =>
      `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${y}`,
  ],
  ["a real date (serial)", (y: number, m: number) => monthToSerial(y * 12 + m - 1) + 14],
])("period form %s gives the same figures", (_name, form) => {
  const values = [
    base[0],
    ...base
      .slice(1)
      .map((r) => [form(Number(r[0].slice(0, 4)), Number(r[0].slice(5, 7))), ...r.slice(1, 6), Number(r[6])]),
  ];
  const f = figures(values);
  expect([f.total, f.pingAn]).toEqual([reference.total, reference.pingAn]);
});

test("numbers and real dates can be read by formulas directly", () => {
  const values = revenueAsExcelValues(base);
  expect(figures(values).table.directlyReadable).toBe(true);
});

test("a missing required column is named in both languages", () => {
  const values = base.map((r) => [r[0], r[1], r[2], r[4], r[5], r[6]]); // no 行业
  let err: TableError | null = null;
  try {
    parseRevenueTable({ sheet: "收入", values, origin: { row: 2, col: 1 } });
  } catch (e) {
    err = e as TableError;
  }
  expect(err).toBeInstanceOf(TableError);
  expect(err!.problems.map((p) => describeProblem(p, translator("en-US")))).toEqual([
    "Sheet “收入”, header row 3: no industry column (looked for 行业, 所属行业, industry, sector). Add the column or map it by hand.",
    "Sheet “收入”, header row 3: the headers found are 月份, 客户编号, 客户名称, 细分行业, 业务, 收入(元).",
  ]);
  // 细分行业 holds 行业 as a word, but it is the sub-industry's exact name: it is not taken for the industry.
  expect(describeProblem(err!.problems[0], translator("zh-CN"))).toBe(
    "工作表“收入”第 3 行（标题行）：没有行业列（查找了 行业, 所属行业, industry, sector）。请添加该列或手动映射。",
  );
});

test("unreadable amounts and months name their cells, the first five and a count", () => {
  const values = base.map((r, i) =>
    i >= 1 && i <= 7 ? [...r.slice(0, 6), "n/a"] : i === 9 ? ["Q4?", ...r.slice(1)] : r,
  );
  let err: TableError | null = null;
  try {
    parseRevenueTable({ sheet: "Revenue", values, origin: { row: 0, col: 0 } });
  } catch (e) {
    err = e as TableError;
  }
  const t = translator("en-US");
  expect(err!.problems.map((p) => describeProblem(p, t))).toEqual([
    "Sheet “Revenue”, cell G2: “n/a” is not an amount. Use a number such as 28,120.83.",
    "Sheet “Revenue”, cell G3: “n/a” is not an amount. Use a number such as 28,120.83.",
    "Sheet “Revenue”, cell G4: “n/a” is not an amount. Use a number such as 28,120.83.",
    "Sheet “Revenue”, cell G5: “n/a” is not an amount. Use a number such as 28,120.83.",
    "Sheet “Revenue”, cell G6: “n/a” is not an amount. Use a number such as 28,120.83.",
    "Sheet “Revenue”, cell A10: “Q4?” is not a month. Use 2002-10, 2002年10月, Oct 2002 or a date.",
    "Sheet “Revenue”, column G: 2 more cells like these.",
  ]);
});

test("amount and month forms", () => {
  expect(parseAmount("28,120.83")).toBe(28120.83);
  expect(parseAmount("２８１２０.８３")).toBe(28120.83);
  expect(parseAmount("¥28,120.83")).toBe(28120.83);
  expect(parseAmount("(1,000)")).toBe(-1000);
  expect(parseAmount("12abc")).toBeNull();
  expect(parseAmount(Number.NaN)).toBeNull();
  expect(parseMonth("2002年10月")?.month).toBe(2002 * 12 + 9);
  expect(parseMonth(37530)?.month).toBe(2002 * 12 + 9);
  expect(parseMonth(-5)).toBeNull();
});
