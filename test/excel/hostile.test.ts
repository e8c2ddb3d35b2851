import { generate, InputError } from "../../src/excel/pipeline";
import { analyseIndustry } from "../../src/method/industry";
import { parsePeriod } from "../../src/tables/period";
import { parseRevenueTable } from "../../src/tables/revenue";
import { HOSTILE, hostileWorkbook } from "../fixtures/hostile";
import { TableError } from "../../src/tables/problems";
import { describeProblem } from "../../src/tables/messages";
import { translator } from "../../src/i18n";
import { emulatorRun } from "../helpers/workbook";

const IND = "1 Industry";

test(`the corpus holds at least 40 cases (${HOSTILE.length})`, () => {
  expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  expect(new Set(HOSTILE.map((c) => c.name)).size).toBe(HOSTILE.length);
});

test.each(HOSTILE.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
  if (c.parseOnly) {
    const err = (() => {
      try {
        parseRevenueTable({ sheet: "Data", values: c.table, origin: { row: 0, col: 0 } });
      } catch (e) {
        return e as TableError;
      }
    })();
    expect(err).toBeInstanceOf(TableError);
    const text = err!.problems.map((p) => describeProblem(p, translator("en-US"))).join("\n");
    if ("error" in c.expect) expect(text).toMatch(c.expect.error);
    expect(text).toMatch(/Sheet “Data”/);
    return;
  }
  const emu = await hostileWorkbook(c);
  const before = emu.model.sheets.map((s) => s.name);
  let result: Awaited<ReturnType<typeof generate>> | null = null;
  let error: unknown = null;
  try {
    result = await generate(emulatorRun(emu), {
      steps: ["industry", "competition"],
      settings: { period: "2002-Q4", compare: "2002-Q3", lang: "en-US" },
    });
  } catch (e) {
    error = e;
  }
  if ("error" in c.expect) {
    // A clear, localised message naming the place; nothing written.
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(c.expect.error);
    expect((error as Error).message).toMatch(/Sheet “Data”/);
    expect(emu.model.sheets.map((s) => s.name)).toEqual(before);
    return;
  }
  expect(error).toBeNull();
  expect(result!.figures.total).toBeCloseTo(c.expect.total, 6);
  const sheet = emu.model.sheetByName(IND)!;
  const used = emu.model.usedRect(sheet)!;
  const values = emu.model.values(sheet, used).flat();
  // The sheet's own total agrees with the model.
  const totalRow = values.indexOf("Total");
  expect(totalRow).toBeGreaterThan(0);
  if (c.expect.showsText) {
    // Text from the data is shown as text: present as a value, never stored as a formula.
    expect(values).toContain(c.expect.showsText);
    expect([...sheet.formulas.values()]).not.toContain(c.expect.showsText);
  }
  // No cell of ours holds an error value.
  expect(values.filter((v) => typeof v === "string" && /^#(REF!|NAME\?|VALUE!|DIV\/0!|NUM!)$/.test(v))).toEqual([]);
});

test("a 1,000,000-row table is parsed and modelled (figures by hand)", () => {
  // 1,000,000 rows: 10 industries × 100,000; each row 2002-10..12 in turn, amount = 3.
  const values: unknown[][] = [["月份", "客户名称", "行业", "业务", "收入(元)"]];
  const months = [37530, 37561, 37591];
  for (let i = 0; i < 1_000_000; i++) values.push([months[i % 3], `C${i % 1000}`, `I${i % 10}`, "数据", 3]);
  const table = parseRevenueTable({ sheet: "Big", values, origin: { row: 0, col: 0 } });
  expect(table.rows).toHaveLength(1_000_000);
  const a = analyseIndustry(table.rows, { period: parsePeriod("2002-Q4")! });
  expect(a.total).toBe(1_000_000); // 3,000,000 yuan over 3 months
  expect(a.industries).toHaveLength(10);
  expect(a.industries.every((x) => Math.abs(x.share - 0.1) < 1e-12)).toBe(true);
}, 60_000);
