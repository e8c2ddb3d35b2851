/**
 * Property-based (issue 30): random sequences of Generate, Refresh, analyst edits, language
 * switches (zh ⇄ en) and theme switches. Invariant: every analyst input (in its canonical form),
 * and every figure computed only from inputs and data — by the sheets' live formulas and by the
 * model — is unchanged by a switch and a Refresh. The theme is the task pane's preference: the
 * workbook must not depend on it.
 */
import fc from "fast-check";
import type { ExcelEmulator } from "../../src/emulator";
import { generate, type GenerateResult } from "../../src/excel/pipeline";
import { INPUT_TABLES_SETTING } from "../../src/excel/settings";
import { resolveOwned } from "../../src/excel/read";
import { translator, type Locale } from "../../src/i18n";
import { a1, rectOf } from "../../src/address";
import { MARK_LIST, PHASE_LIST, STAGE_LIST, writeList, type ListCodec } from "../../src/method/lists";
import { canonicalInputs, named } from "../helpers/inputs";
import { emulatorRun, sampleEmulator, typeInto } from "../helpers/workbook";

type Action =
  | { kind: "refresh" }
  | { kind: "language" }
  | { kind: "theme"; theme: "light" | "dark" | "colorful" }
  | { kind: "list"; table: "pipeline" | "solutions" | "whitespace"; row: number; col: number; key: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: "refresh" as const }),
  fc.constant({ kind: "language" as const }),
  fc.record({
    kind: fc.constant("theme" as const),
    theme: fc.constantFrom("light" as const, "dark" as const, "colorful" as const),
  }),
  fc.record({
    kind: fc.constant("list" as const),
    table: fc.constantFrom("pipeline" as const, "solutions" as const, "whitespace" as const),
    row: fc.nat(9),
    col: fc.nat(10),
    key: fc.nat(5),
  }),
);

/** Where an input table is on its sheet, by the document's settings. */
function location(emu: ExcelEmulator, step: string, id: string) {
  const tables = emu.model.settings.get(INPUT_TABLES_SETTING) as Record<string, { id: string; range: string }[]>;
  const byId = (emu.model.settings.get("sixstep.ownedSheets") as Record<string, string>) ?? {};
  const byName = (emu.model.settings.get("sixstep.ownedNames") as Record<string, string>) ?? {};
  const sheet = emu.model.sheetById(resolveOwned(byId, byName, emu.model.sheets)[step])!;
  return { sheet, rect: rectOf(tables[step].find((t) => t.id === id)!.range) };
}

/** The figures the sheets compute live from inputs and data (read through workbook names). */
function sheetFigures(emu: ExcelEmulator) {
  return [
    "SixStep_FocusAverage",
    "SixStep_PipelineTotal",
    "SixStep_PipelineQuarter",
    "SixStep_PipelineQuarterCount",
  ].map((n) => named(emu, n));
}

/** The figures the model gives that follow from inputs and data only. */
function modelFigures(r: GenerateResult) {
  const f = r.figures;
  return {
    pipeline: f.pipeline && [f.pipeline.total, f.pipeline.weighted, f.pipeline.committed, f.pipeline.thisQuarter],
    stages: f.pipeline?.opportunities.map((o) => [o.stage, o.probability]),
    solutions: f.solutions.map((s) => [s.id, s.feasibility, s.quadrant, s.phase, s.rank]),
    bridge: f.bridge && [f.bridge.start, f.bridge.end],
    visit: f.visitStatus && [f.visitStatus.voice, f.visitStatus.data],
    competition: f.competition && [f.competition.leads, f.competition.lags],
    whitespace: f.whitespace && [f.whitespace.openCells, f.whitespace.openValue],
  };
}

test("random Generate/Refresh, edits, language and theme switches keep every input and input-driven figure", async () => {
  let runs = 0;
  let generates = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 2, maxLength: 5 }), async (actions) => {
      runs++;
      const { emu, result } = await sampleEmulator("zh");
      const run = emulatorRun(emu);
      let lang: Locale = "zh-CN";
      let theme = "light";
      let model = modelFigures(result);
      let edited = false;
      for (const a of [...actions, { kind: "refresh" } as Action]) {
        if (a.kind === "list") {
          // The analyst edits an input through the sheet's validation (a label of its language).
          const t = translator(lang);
          {
            const step = "solutions";
            const [codec, col, rows] = {
              pipeline: [STAGE_LIST, 2, 2],
              solutions: [PHASE_LIST, 10, 10],
              whitespace: [MARK_LIST, 2 + (a.col % 11), 16],
            }[a.table] as [ListCodec, number, number];
            const { sheet, rect } = location(emu, step, a.table);
            const r = rect.r0 + (a.table === "whitespace" ? 1 : 0) + (a.row % rows);
            const label = writeList(codec, t, codec.keys[a.key % codec.keys.length]);
            await typeInto(emu, sheet.name, a1(r + 1, rect.c0 + col), [[label]]);
          }
          edited = true;
          continue;
        }
        if (a.kind === "language") lang = lang === "zh-CN" ? "en-US" : "zh-CN";
        if (a.kind === "theme") theme = a.theme;
        const inputs = await canonicalInputs(emu);
        const live = sheetFigures(emu);
        const again = await generate(run, { settings: { lang } });
        generates++;
        expect([theme, lang, await canonicalInputs(emu)]).toEqual([theme, lang, inputs]);
        expect(sheetFigures(emu)).toEqual(live);
        const now = modelFigures(again);
        if (!edited) expect(now).toEqual(model);
        model = now;
        edited = false;
        expect(
          again.figures.warnings.filter((w) => /不是可选值|is not one of|工作簿保存的设置|saved setting/.test(w)),
        ).toEqual([]);
      }
    }),
    { numRuns: 6, seed: 20261205, endOnFailure: true },
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`language property: ${runs} random sequences, ${generates} Generates in ${seconds.toFixed(1)} s`);
  expect(runs).toBe(6);
  expect(generates).toBeGreaterThanOrEqual(6);
}, 180_000);
