/** What the pane says, tested without React: the run's outcome, located errors, the form. */
import { CancelledError } from "../../src/excel/read";
import { InputError } from "../../src/excel/settings";
import { translator } from "../../src/i18n";
import { EMPTY_FORM, errorMessage, formAfterRun, resultMessage, settingsFromForm } from "../../src/taskpane/messages";
import { sampleEmulator } from "../helpers/workbook";

const en = translator("en-US");

test("a run's message: the sheets written and the sample's headline figures", async () => {
  const { result } = await sampleEmulator("en");
  const m = resultMessage(result, en);
  // The sample's own notes (a site without data) are labelled as such and keep the run a success.
  expect(result.figures.warnings.length).toBe(1);
  expect(m.intent).toBe("success");
  expect(m.lines[2]).toBe(`Sample data, shown on purpose: ${result.figures.warnings[0]}`);
  expect(m.title).toContain("1 Industry");
  // 25,599,999.16 yuan a month = ¥25.6m (2,560 万元); Ping An 64,007.80, 14.2% of insurance.
  expect(m.title).toContain("Total: ¥25.6m a month.");
  expect(m.lines[1]).toContain("64,007.80");
  expect(m.lines[1]).toContain("14.2%");
  const form = formAfterRun(EMPTY_FORM, result);
  expect([form.period, form.compare, form.focus, form.revenueTable]).toEqual(["2002-Q4", "2002-Q3", "110", "Revenue"]);
});

test("a located input error links its cells, each once, at most five", () => {
  const problems = [1, 1, 2, 3, 4, 5, 6].map((row) => ({
    sheet: "Sales",
    column: "E",
    row: row + 2,
    kind: "badAmount" as const,
    value: "n/a",
  }));
  const e = new InputError(
    "Sheet “Sales”: 7 amounts are not numbers.\nUse a number such as 28,120.83.",
    problems as never,
  );
  const m = errorMessage(e, en)!;
  expect(m.title).toBe("Sheet “Sales”: 7 amounts are not numbers.");
  expect(m.lines).toEqual(["Use a number such as 28,120.83."]);
  expect(m.places).toEqual([3, 4, 5, 6, 7].map((r) => ({ sheet: "Sales", cell: `E${r}` })));
});

test("Cancel says nothing; Excel's own errors carry their code", () => {
  expect(errorMessage(new CancelledError(), en)).toBeNull();
  const m = errorMessage(Object.assign(new Error("The sheet is protected."), { code: "AccessDenied" }), en)!;
  expect(m.intent).toBe("error");
  expect(m.title).toContain("AccessDenied");
  expect(m.title).toContain("The sheet is protected.");
});

test("the form becomes the run's settings: blanks detect, malformed years and months are left out", () => {
  const s = settingsFromForm(
    { ...EMPTY_FORM, period: "  2002-Q4 ", focus: " ", planYear: "03", fiscalStart: "4", unit: "wan" },
    "zh-CN",
  );
  expect(s).toMatchObject({ lang: "zh-CN", period: "2002-Q4", focus: null, planYear: undefined, fiscalStart: 4 });
  expect(settingsFromForm({ ...EMPTY_FORM, planYear: "2003", fiscalStart: "13" }, "en-US")).toMatchObject({
    planYear: 2003,
    fiscalStart: undefined,
    unit: "yuan",
  });
});
