/**
 * The step registry: a step added in one module runs end to end (the recipe in the README), with
 * its metadata made as a real step's (`defineStepMeta`, beside `STEP_META`'s entries), so a step
 * numbered 8 shows in the navigator and on the overview; the run order follows what each step
 * reads, an unknown step is refused, and the compiler refuses a step id without a definition, a
 * step without its catalogue keys, and a misspelt step id (registry.slow.test.ts).
 */
import { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import {
  headerRow,
  SheetBuilder,
  titleBlock,
  defineTable,
  inputTable,
  schemaRows,
  decodeRow,
} from "../../src/layout/kit";
import { registerCatalogue, type Catalogue } from "../../src/i18n";
import { enUS } from "../../src/i18n/en-US";
import { orderSteps, STEPS } from "../../src/steps";
import {
  defineStepMeta,
  navigatorSteps,
  NAV_STEPS,
  overviewSteps,
  STEP_META,
  type StepMessages,
} from "../../src/steps/meta";
import type { StepDefinition } from "../../src/steps/types";
import { fillSampleTables, sampleSettings } from "../../src/sample/workbook";
import { cell, emulatorRun, rowWith, sampleFiles } from "../helpers/workbook";

/** A throwaway step: the review the account team holds after the plan, with one input table. */
const REVIEW_TABLE = defineTable({
  id: "review",
  keyColumns: 1,
  columns: [
    { key: "topic", header: "sheet.goal", format: "@" },
    { key: "score", header: "sheet.progressScore", format: "0", validation: { type: "wholeNumber", min: -5, max: 5 } },
  ],
});

/**
 * Its catalogue keys. A real step adds them to both catalogues (src/i18n), where the compiler
 * checks them (`StepMessages`); this one adds them to the English catalogue while the tests run,
 * so its keys are cast past that check.
 */
const REVIEW_MESSAGES = {
  "step.review.name": "Review",
  "step.review.purpose": "What the account team reviews after the plan.",
  "step.review.fill": "Type each topic and its score.",
};
beforeAll(() => registerCatalogue("en-US", { ...enUS, ...REVIEW_MESSAGES } as Catalogue));
afterAll(() => registerCatalogue("en-US", enUS));

/** Its metadata, as `STEP_META` holds a real step's: number 8, in the navigator and on the overview. */
const REVIEW_META = defineStepMeta(
  "review",
  8,
  "review",
  { name: "step.review.name", purpose: "step.review.purpose", fill: "step.review.fill" } as StepMessages<"review">,
  { navigator: true, overview: true },
);

const review: StepDefinition<"review", { topics: number }> = {
  meta: REVIEW_META,
  after: ["planning"],
  // Its formula reads the focus customer's average, a name the Industry sheet defines.
  requiresSheet: ["industry"],
  run(ctx) {
    const rows = schemaRows(REVIEW_TABLE, ctx.previous, [{ topic: "Fibre to the branches", score: 2 }]);
    const sheet = new SheetBuilder();
    sheet.add(titleBlock("Review", ctx.note));
    sheet.add([
      headerRow(3, ["Focus monthly average"]),
      { at: "A4", cells: [[{ f: "=SixStep_FocusAverage" }]], numberFormat: "#,##0.00" },
    ]);
    sheet.add(inputTable(REVIEW_TABLE, rows, ctx.t, { row: 6, spare: 2 }));
    const topics = rows.map((r) => decodeRow(REVIEW_TABLE, r)).filter((r) => r.topic).length;
    return { plan: sheet.plan("8 Review", "review", {}), output: { topics } };
  },
};

test("a step registered in one module runs end to end, after the sheet its formulas need", async () => {
  const emu = new ExcelEmulator();
  // The sample's revenue and sites only: no step sheet exists yet.
  await fillSampleTables(emu, sampleFiles(), "en");
  const registry = { ...STEPS, review };
  const result = await generate(emulatorRun(emu), { steps: ["review"], registry, settings: sampleSettings("en") });
  // Industry came first (its names), then the review sheet, whose formula reads step 1's figure.
  expect(result.sheets.map((s) => s.step)).toEqual(["industry", "review"]);
  expect(cell(emu, "8 Review", "A4")).toBeCloseTo(64007.8, 2);
  expect(cell(emu, "8 Review", "A7")).toBe("Fibre to the branches");
  // Its input table is the analyst's on Refresh: an edit survives.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("8 Review").getRange("B7").values = [[4]];
    await context.sync();
  });
  await generate(emulatorRun(emu), { steps: ["review"], registry });
  expect(cell(emu, "8 Review", "B7")).toBe(4);
});

test("a step numbered 8 is in the navigator and on the overview, which runs after it", async () => {
  const metas = { ...STEP_META, review: REVIEW_META };
  // The product's lists are the same functions over STEP_META: the six, then the portfolio.
  expect(NAV_STEPS).toEqual(navigatorSteps(STEP_META));
  expect(navigatorSteps(metas).map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(overviewSteps(metas).map((m) => m.id)).toEqual([
    "industry",
    "competition",
    "needs",
    "solutions",
    "support",
    "planning",
    "review",
  ]);
  const emu = new ExcelEmulator();
  await fillSampleTables(emu, sampleFiles(), "en");
  // Registered after the overview, it still runs before it: the overview reads every sheet.
  const registry = { ...STEPS, review };
  const result = await generate(emulatorRun(emu), {
    steps: ["overview", "review"],
    registry,
    settings: sampleSettings("en"),
  });
  expect(result.sheets.map((s) => s.step)).toEqual(["industry", "review", "overview"]);
  // The overview's run status lists it by its number, with its sheet and its inputs filled.
  const status = rowWith(emu, result, "overview", "status.step", "8 Review");
  expect(cell(emu, "0 Overview", `B${status}`)).toBe("8 Review");
  expect(cell(emu, "0 Overview", `D${status}`)).toBe(1);
  expect(cell(emu, "0 Overview", `A${status - 1}`)).toBe("6 Customer planning");
});

test("an unknown step is refused: nothing is silently regenerated in its place", async () => {
  const emu = new ExcelEmulator();
  await fillSampleTables(emu, sampleFiles(), "en");
  await expect(generate(emulatorRun(emu), { steps: ["review"] })).rejects.toThrow("unknown step: review");
  expect(emu.model.sheets.map((s) => s.name)).not.toContain("4 Solutions");
});

test("steps run after the steps they read, whatever order they are asked in", () => {
  expect(orderSteps(STEPS, ["overview", "planning", "solutions", "industry"])).toEqual([
    "industry",
    "solutions",
    "planning",
    "overview",
  ]);
  expect(orderSteps({ ...STEPS, review }, ["review", "planning"])).toEqual(["planning", "review"]);
});
