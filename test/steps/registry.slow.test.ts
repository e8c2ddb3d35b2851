/**
 * The compiler checks the registry: the TypeScript checker on small files in the project
 * (registry.test.ts has the registry at run time).
 */
import * as path from "path";
import * as ts from "typescript";

describe("the compiler checks the registry", () => {
  const root = path.join(__dirname, "..", "..");
  /** The project's other files, parsed once for all the checks below. */
  const parsed = new Map<string, ts.SourceFile | undefined>();
  /** Type-checks one file's text as part of the project; returns its diagnostics' messages. */
  function typecheck(text: string): string[] {
    const file = path.join(root, "test", "steps", "__fixture__.ts");
    const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const host = ts.createCompilerHost({ ...options, noEmit: true });
    const read = host.getSourceFile;
    host.getSourceFile = (name, lang) => {
      if (path.resolve(name) === file) return ts.createSourceFile(name, text, lang);
      if (!parsed.has(name)) parsed.set(name, read(name, lang));
      return parsed.get(name);
    };
    host.fileExists = (
      (exists) => (name: string) =>
        path.resolve(name) === file || exists(name)
    )(host.fileExists);
    const program = ts.createProgram([file], { ...options, noEmit: true }, host);
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
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

  test("a misspelt step id (what a step reads, the sheets it needs, another step's inputs) does not compile", () => {
    const errors = typecheck(`
      import { STEP_META } from "../../src/steps/meta";
      import type { StepDefinition } from "../../src/steps/types";
      export const s: StepDefinition<"needs"> = {
        meta: STEP_META.needs,
        after: ["planing"],
        requiresSheet: ["industy"],
        run(ctx) {
          ctx.inputsOf("solution");
          throw new Error("not run");
        },
      };
    `);
    expect(errors).toHaveLength(3);
    expect(errors.join("\n")).toMatch(/'"planing"' is not assignable/);
    expect(errors.join("\n")).toMatch(/'"industy"' is not assignable/);
    expect(errors.join("\n")).toMatch(/'"solution"' is not assignable/);
  });
});
