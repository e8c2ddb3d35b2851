import { generate, InputError } from "../../src/excel/pipeline";
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
