/**
 * The source plan (src/tables/source-plan.ts), by hand: what the read stage found becomes
 * candidates (header row found, revenue or not), and the candidates with what the run asks for
 * become one plan — the source, the site table, the mapping the parse starts from, the language —
 * or the problem the run reports, in the run's language.
 */
import { translator } from "../../src/i18n";
import { describeProblem } from "../../src/tables/messages";
import { TableError } from "../../src/tables/problems";
import { parseRevenueTable } from "../../src/tables/revenue";
import {
  candidateOf,
  parseRangeName,
  rangeName,
  resolveSource,
  searchRanges,
  type SourceCandidate,
  type SourcePlan,
} from "../../src/tables/source-plan";

const en = translator("en-US");
const zh = translator("zh-CN");

const ZH = ["月份", "客户编号", "客户名称", "行业", "业务", "收入(元)"];
const ZH_ROWS = [
  ["2002-10", "1", "甲公司", "金融", "数据", 100],
  ["2002-11", "1", "甲公司", "金融", "数据", 200],
];
const SITES = ["站点", "地址", "接入点/母局", "用户端光纤", "光纤说明", "实线电缆", "可承载业务"];
/** Headers detection does not know (only Sector is an alias): they need the analyst's mapping. */
const ODD = ["Cycle", "Who", "Sector", "Offer", "Net (CNY)"];
const ODD_ROWS = [
  ["2002-10", "A Ltd", "Finance", "Data", 100],
  ["2002-11", "B Ltd", "Government", "Voice", 200],
];
const ODD_MAPPING = { period: 0, customer: 1, industry: 2, service: 3, amount: 4 };

const table = (name: string, sheet: string, address: string, headers: unknown[], rule = {}) =>
  candidateOf({ kind: "table", name, sheet, address, rows: [headers] }, rule);
const range = (sheet: string, address: string, rows: unknown[][], rule = {}) =>
  candidateOf({ kind: "range", name: sheet, sheet, address, rows }, rule);

/** The plan's source, or the test fails with its problem. */
function sourceOf(plan: SourcePlan): SourceCandidate {
  if (!plan.ok) throw new Error(`no source: ${plan.problem.key}`);
  return plan.source;
}
function problemOf(plan: SourcePlan, t = en): string {
  if (plan.ok) throw new Error(`a source: ${plan.source.name}`);
  return t(plan.problem.key, plan.problem.params);
}

describe("candidates", () => {
  test("a table: its header row, read as a revenue table", () => {
    const c = table("Revenue", "收入", "A1:F3", ZH);
    expect(c).toEqual({ kind: "table", name: "Revenue", sheet: "收入", address: "A1:F3", headers: ZH, matches: true });
    expect(searchRanges([c])).toBe(false);
  });

  test("a plain range whose header is on row 3, below a title and a source line, starts at its header", () => {
    const rows = [["收入明细表"], ["来源: 计费系统"], ZH, ...ZH_ROWS];
    const c = range("收入", "A1:F5", rows);
    expect(c).toMatchObject({ kind: "range", name: "收入", address: "A3:F5", headers: ZH, matches: true });
  });

  test("a range that holds no revenue header starts at a site table's header below a title", () => {
    const c = range("站点", "B2:H9", [
      ["站点清单"],
      SITES,
      ["福州分公司", "某地址", "平安大厦接入点", "有", "", 3, "DDN"],
    ]);
    expect(c).toMatchObject({ address: "B3:H9", headers: SITES, matches: false });
  });

  test("headers detection does not know match under the analyst's mapping, or named by header", () => {
    expect(table("Book", "Sales", "A1:E3", ODD).matches).toBe(false);
    expect(table("Book", "Sales", "A1:E3", ODD, { mapping: ODD_MAPPING }).matches).toBe(true);
    const byHeader = { period: "Cycle", customer: "Who", service: "Offer", amount: "Net (CNY)" };
    expect(table("Book", "Sales", "A1:E3", ODD, { byHeader }).matches).toBe(true);
    // A range: its header found by the headers named, below a title.
    expect(range("Sales", "A1:E4", [["Report"], ODD, ...ODD_ROWS], { byHeader })).toMatchObject({
      address: "A2:E4",
      matches: true,
    });
  });

  test("a range by address goes by the name the analyst would type", () => {
    expect(rangeName("My Sheet", "A3:G10")).toBe("'My Sheet'!A3:G10");
    expect(parseRangeName("'It''s'!$A$1:$B$2")).toEqual({ sheet: "It's", address: "A1:B2" });
    expect(parseRangeName("Revenue")).toBeNull();
  });
});

describe("the plan", () => {
  test("a table that matches: the source, the saved mapping as it is, no site table, the headers' language", () => {
    const mapping = {};
    const revenue = table("Revenue", "收入", "A1:F3", ZH);
    const plan = resolveSource([revenue], { mapping });
    expect(plan).toEqual({ lang: "zh", ok: true, source: revenue, sites: null, mapping });
    expect(plan.ok && plan.mapping).toBe(mapping);
  });

  test("a table is preferred to a range; the site table is the other candidate whose headers read as one", () => {
    const plain = range("Other", "A1:F3", [ZH, ...ZH_ROWS]);
    const revenue = table("Revenue", "收入", "A1:F3", ZH);
    const sites = table("Sites", "站点", "A1:G9", SITES);
    const plan = resolveSource([plain, sites, revenue], {});
    expect(plan.ok && [plan.source, plan.sites]).toEqual([revenue, sites]);
    // Asked for by name (any case, by table or by sheet name).
    expect(sourceOf(resolveSource([plain, revenue], { revenue: "other" }))).toBe(plain);
    expect(resolveSource([plain, sites, revenue], { sites: "站点" })).toMatchObject({ sites });
    expect(resolveSource([plain, revenue], { sites: "Nope" })).toMatchObject({ ok: true, sites: null });
  });

  test("a plain range with its header on row 3: read from the header row down", () => {
    const c = range("收入", "A1:F5", [["收入明细表"], ["来源: 计费系统"], ZH, ...ZH_ROWS]);
    const plan = resolveSource([c], {});
    expect(sourceOf(plan)).toMatchObject({ sheet: "收入", address: "A3:F5" });
    const parsed = parseRevenueTable({ sheet: "收入", values: [ZH, ...ZH_ROWS], origin: { row: 2, col: 0 } });
    expect(parsed.rows.map((r) => r.sheetRow)).toEqual([4, 5]);
  });

  test("a range by address asked for, with $ signs and a quoted sheet name", () => {
    const byAddress: SourceCandidate = { ...range("My Sheet", "A3:F5", [ZH, ...ZH_ROWS]), name: "'My Sheet'!A3:F5" };
    const used = range("My Sheet", "A1:F5", [["Title"], ["Source"], ZH, ...ZH_ROWS]);
    expect(sourceOf(resolveSource([used, byAddress], { revenue: "'My Sheet'!$A$3:$F$5" }))).toBe(byAddress);
  });

  test("a saved mapping that still matches: the table is read with it, unchanged", () => {
    const book = table("Book", "Sales", "A1:E3", ODD, { mapping: ODD_MAPPING });
    const plan = resolveSource([book], { mapping: ODD_MAPPING });
    expect(plan).toMatchObject({ ok: true, source: book, lang: "en" });
    expect(plan.ok && plan.mapping).toBe(ODD_MAPPING);
    const parsed = parseRevenueTable(
      { sheet: "Sales", values: [ODD, ...ODD_ROWS], origin: { row: 0, col: 0 } },
      ODD_MAPPING,
    );
    expect(parsed.rows.map((r) => r.amount)).toEqual([100, 200]);
    // Renamed: the mapping is by column, so a renamed header keeps its column.
    const renamed = ODD.map((h) => (h === "Net (CNY)" ? "Gross" : h));
    expect(table("Book", "Sales", "A1:E3", renamed, { mapping: ODD_MAPPING }).matches).toBe(true);
  });

  test("a saved mapping whose amount column was removed: the column after it is read, and the cell that is no amount is named", () => {
    const headers = ["Cycle", "Who", "Sector", "Offer", "Note"];
    const rows = [
      ["2002-10", "A Ltd", "Finance", "Data", "paid"],
      ["2002-11", "B Ltd", "Government", "Voice", "late"],
    ];
    const book = table("Book", "Sales", "A1:E3", headers, { mapping: ODD_MAPPING });
    const plan = resolveSource([book], { mapping: ODD_MAPPING });
    expect(sourceOf(plan)).toBe(book);
    const e = thrown(() =>
      parseRevenueTable({ sheet: "Sales", values: [headers, ...rows], origin: { row: 0, col: 0 } }, ODD_MAPPING),
    );
    expect(describeProblem(e.problems[0], en)).toBe(
      "Sheet “Sales”, cell E2: “paid” is not an amount. Use a number such as 28,120.83.",
    );
    expect(describeProblem(e.problems[0], zh)).toBe(
      "工作表“Sales”单元格 E2：“paid”不是金额。请使用数字，例如 28,120.83。",
    );
  });

  test("a saved mapping that points past the last column (the column removed): the closest table, whose missing column is named with its sheet and header row", () => {
    const headers = ["Month", "Customer", "Industry", "Service"];
    const book = table("Book", "Sales", "A1:D3", headers, { mapping: { amount: 4 } });
    expect(book.matches).toBe(false);
    const plan = resolveSource([book], { mapping: { amount: 4 } });
    expect(sourceOf(plan)).toBe(book);
    const values = [headers, ["2002-10", "A Ltd", "Finance", "Data"]];
    const e = thrown(() => parseRevenueTable({ sheet: "Sales", values, origin: { row: 0, col: 0 } }, { amount: 4 }));
    expect(e.problems.map((p) => describeProblem(p, en))).toEqual([
      "Sheet “Sales”, header row 1: no amount column (looked for 收入(元), 收入, 金额, 收入(万元)). Add the column or map it by hand.",
      "Sheet “Sales”, header row 1: the headers found are Month, Customer, Industry, Service.",
    ]);
  });

  test("a column named by header that was renamed: the problem names the header and the headers found", () => {
    const renamed = ODD.map((h) => (h === "Net (CNY)" ? "Gross" : h));
    const byHeader = { period: "Cycle", customer: "Who", service: "Offer", amount: "Net (CNY)" };
    const book = table("Book", "Sales", "A1:E3", renamed, { byHeader });
    const plan = resolveSource([book], { byHeader });
    expect(problemOf(plan)).toBe(
      "--map amount=Net (CNY): no such column in the header row. Headers found: Cycle, Who, Sector, Offer, Gross.",
    );
    // Where every header named is there, they join the saved mapping.
    const ok = resolveSource([table("Book", "Sales", "A1:E3", ODD, { byHeader })], {
      mapping: { industry: 2 },
      byHeader,
    });
    expect(ok.ok && ok.mapping).toEqual({ industry: 2, period: 0, customer: 1, service: 3, amount: 4 });
  });

  test("nothing to read: the source asked for is not there; no candidate has two required columns", () => {
    const revenue = table("Revenue", "收入", "A1:F3", ZH);
    expect(problemOf(resolveSource([revenue], { revenue: "Nope" }))).toBe(
      "There is no table or sheet called “Nope” in this workbook.",
    );
    expect(problemOf(resolveSource([revenue], { revenue: "Nope" }), zh)).toBe(
      "此工作簿中没有名为“Nope”的表格或工作表。",
    );
    const junk = table("Junk", "Data", "A1:C2", ["a", "b", "c"]);
    const plan = resolveSource([junk], {});
    expect(problemOf(plan)).toMatch(/^No revenue table found/);
    expect(plan.lang).toBe("en");
    expect(resolveSource([], {})).toMatchObject({ ok: false, lang: null, problem: { key: "run.noRevenueTable" } });
  });
});

function thrown(f: () => unknown): TableError {
  try {
    f();
  } catch (e) {
    if (e instanceof TableError) return e;
    throw e;
  }
  throw new Error("nothing thrown");
}
