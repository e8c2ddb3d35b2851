/**
 * The step registry: a step added in one module runs end to end (the recipe in the README), the
 * run order follows what each step reads, an unknown step is refused, and the compiler refuses a
 * step id without a definition or a step without its catalogue keys.
 */
import * as path from "path";
import * as ts from "typescript";
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
import { orderSteps, STEPS } from "../../src/steps";
import type { StepDefinition } from "../../src/steps/types";
import { fillSampleTables, sampleSettings } from "../../src/sample/workbook";
import { cell, emulatorRun, sampleFiles } from "../helpers/workbook";

/** A throwaway step: the review the account team holds after the plan, with one input table. */
const REVIEW_TABLE = defineTable({
  id: "review",
  keyColumns: 1,
  columns: [
    { key: "topic", header: "sheet.goal", format: "@" },
    { key: "score", header: "sheet.progressScore", format: "0", validation: { type: "wholeNumber", min: -5, max: 5 } },
  ],
});

const review: StepDefinition<"review", { topics: number }> = {
  id: "review",
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
    return { plan: sheet.plan("7 Review", "review", {}), output: { topics } };
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
  expect(cell(emu, "7 Review", "A4")).toBeCloseTo(64007.8, 2);
  expect(cell(emu, "7 Review", "A7")).toBe("Fibre to the branches");
  // Its input table is the analyst's on Refresh: an edit survives.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("7 Review").getRange("B7").values = [[4]];
    await context.sync();
  });
  await generate(emulatorRun(emu), { steps: ["review"], registry });
  expect(cell(emu, "7 Review", "B7")).toBe(4);
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

describe("the compiler checks the registry", () => {
  const root = path.join(__dirname, "..", "..");
  /** Type-checks one file's text as part of the project; returns its diagnostics' messages. */
  function typecheck(text: string): string[] {
    const file = path.join(root, "test", "steps", "__fixture__.ts");
    const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const host = ts.createCompilerHost({ ...options, noEmit: true });
    const read = host.getSourceFile;
    host.getSourceFile = (name, lang) =>
      path.resolve(name) === file ? ts.createSourceFile(name, text, lang) : read(name, lang);
    host.fileExists = (
      (exists) => (name: string) =>
        path.resolve(name) === file || exists(name)
    )(host.fileExists);
    const program = ts.createProgram([file], { ...options, noEmit: true }, host);
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && path.resolve(d.file.fileName) === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }

  test("a registry missing a step's definition does not compile", () => {
    const errors = typecheck(`
      import type { ProductRegistry } from "../../src/steps/types";
      import { STEPS } from "../../src/steps";
      const { planning: _left, ...rest } = STEPS;
      export const registry: ProductRegistry = rest;
    `);
    expect(errors.join("\n")).toMatch(/Property 'planning' is missing/);
  });

  test("a step whose catalogue keys are missing does not compile; one with them does", () => {
    const missing = typecheck(`
      import { defineStepMeta } from "../../src/steps/meta";
      export const m = defineStepMeta("review", 7, null, {
        name: "step.review.name", purpose: "step.review.purpose", fill: "step.review.fill",
      });
    `);
    // Each of the three keys is typed `never` when the catalogue lacks it.
    expect(missing).toHaveLength(3);
    expect(missing.join("\n")).toMatch(/not assignable to type 'never'/);
    const present = typecheck(`
      import { defineStepMeta } from "../../src/steps/meta";
      export const m = defineStepMeta("needs", 3, "profile", {
        name: "step.needs.name", purpose: "step.needs.purpose", fill: "step.needs.fill",
      });
    `);
    expect(present).toEqual([]);
  });
});
