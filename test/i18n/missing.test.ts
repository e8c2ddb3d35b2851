/**
 * A missing translation fails a test, not the user (issue 30): under the tests the translator
 * throws on a key a catalogue lacks, and every key the code builds at run time (statuses, match
 * kinds, fields, stages, marks, quadrants, the lists' labels) exists in both catalogues.
 */
import { CATALOGUES, translator, type MessageKey, type Translate } from "../../src/i18n";
import { LISTS, listLabels } from "../../src/method/lists";
import { QUADRANTS } from "../../src/method/portfolio";
import { REVENUE_FIELDS } from "../../src/tables/revenue";
import { STEP_IDS } from "../../src/steps/meta";

const en = translator("en-US");
const zh = translator("zh-CN");

test("a key the catalogue lacks throws under the tests instead of showing the key", () => {
  expect(process.env.NODE_ENV).toBe("test");
  expect(() => en("no.such.key" as MessageKey)).toThrow("no en-US message for “no.such.key”");
  expect(() => zh("no.such.key" as MessageKey)).toThrow("no zh-CN message for “no.such.key”");
  expect(en("run.reading")).toBe("Reading the workbook");
});

test("every key built at run time exists in both catalogues", () => {
  const built: string[] = [
    ...["notGenerated", "generated", "inputsIncomplete", "outOfDate"].map((s) => `status.${s}`),
    ...["exact", "qualified", "contains"].map((h) => `ui.matchHow.${h}`),
    ...REVENUE_FIELDS.map((f) => `field.${f}`),
    ...QUADRANTS.map((q) => `sheet.pf.q.${q}`),
    ...STEP_IDS.flatMap((id) => [`step.${id}.name`, `step.${id}.purpose`, `step.${id}.fill`]),
  ];
  expect(built.length).toBe(4 + 3 + REVENUE_FIELDS.length + QUADRANTS.length + STEP_IDS.length * 3);
  const missing = built.filter((k) => !(k in CATALOGUES["en-US"]) || !(k in CATALOGUES["zh-CN"]));
  expect(missing).toEqual([]);
  // The lists' labels are built from keys too: each one translates in both languages.
  for (const t of [en, zh] as Translate[]) {
    for (const codec of LISTS) expect(listLabels(codec, t).every((l) => l.trim() !== "")).toBe(true);
  }
});
