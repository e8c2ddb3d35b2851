/**
 * The document's settings, parsed (issue 30): what the workbook carries is validated with a
 * schema (valibot) and migrated from each earlier version, never cast. A damaged field gives a
 * located message and its default — the other fields are kept; a document written by a newer
 * version is read as far as this one understands, its other fields kept for the next save.
 *
 * Versions of `sixstep.settings`:
 * - 1: no `version` field. The first release saved revenueTable, mapping, period, compare, focus,
 *   ourOperator, lang and sample; later releases added sitesTable, unit, planYear, fiscalStart,
 *   scope, refreshed, sourceAddress, sourceHash, asOf and paper (git history of
 *   src/excel/settings.ts). A field a document lacks takes its default.
 * - 2: `version: 2`, the same fields.
 *
 * The ownership markers and the input tables' locations are parsed too: an entry that does not
 * parse is left out with a message. A step whose input tables cannot be located loses its
 * ownership for the run, so its sheet is left exactly as it is (the analyst's values on it stay)
 * and the step is written on a new sheet beside it.
 */
import * as v from "valibot";
import type { MessageKey } from "../i18n";
import { parseRect } from "../address";
import { REVENUE_FIELDS } from "../tables/revenue";
import type { InputTableLocation } from "../layout/plan";
import type { AnalysisSettings } from "./settings";

/** The settings' current version, saved with them. */
export const SETTINGS_VERSION = 2;

/** A problem in the document's settings, to be localised by the run (or the pane). */
export interface SettingsProblem {
  key: MessageKey;
  params: Record<string, string | number>;
}

const text = v.nullable(v.string());
const whole = v.pipe(v.number(), v.integer());
const address = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      parseRect(s);
      return true;
    } catch {
      return false;
    }
  }, "not a cell range"),
);

/** Each stored field and its schema. */
const FIELDS = {
  revenueTable: text,
  sitesTable: text,
  mapping: v.record(v.picklist(REVENUE_FIELDS), v.pipe(whole, v.minValue(0))),
  period: text,
  compare: text,
  focus: text,
  ourOperator: text,
  unit: v.picklist(["yuan", "wan"]),
  planYear: v.nullable(v.pipe(whole, v.minValue(1900), v.maxValue(9999))),
  fiscalStart: v.nullable(v.pipe(whole, v.minValue(1), v.maxValue(12))),
  lang: v.picklist(["zh-CN", "en-US"]),
  sample: v.boolean(),
  asOf: v.optional(text),
  paper: v.optional(v.nullable(v.picklist(["A4", "Letter"]))),
  scope: v.optional(text),
  refreshed: v.optional(v.record(v.string(), v.number())),
  sourceAddress: v.optional(v.string()),
  sourceHash: v.optional(v.string()),
} satisfies { [K in Exclude<keyof AnalysisSettings, "version">]-?: v.GenericSchema };

/** The settings as stored today (every field optional: a document need not have them all). */
export const StoredSettings = v.looseObject({
  version: v.optional(v.pipe(whole, v.minValue(1))),
  ...Object.fromEntries(Object.entries(FIELDS).map(([k, s]) => [k, v.optional(s)])),
});

export const InputTableLocations = v.array(
  v.object({
    id: v.string(),
    range: address,
    keyColumns: v.pipe(whole, v.minValue(0)),
    optionalColumns: v.optional(v.array(v.pipe(whole, v.minValue(0)))),
  }),
);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** A value as a message shows it: short JSON. */
function shown(x: unknown): string {
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Migrations: each takes the settings of its version to the next one's. */
const MIGRATIONS: Record<number, (s: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 1 had no version field; its fields are today's, some absent (they take their defaults).
  1: (s) => ({ ...s, version: 2 }),
};

export interface ParsedSettings {
  /** The fields that parsed (absent or damaged ones left out: the caller's defaults fill them), and any this version does not know. */
  settings: Partial<AnalysisSettings> & { version?: number };
  problems: SettingsProblem[];
}

/** `sixstep.settings` as the document holds it: migrated to this version, validated field by field. */
export function parseSettings(raw: unknown, setting = "sixstep.settings"): ParsedSettings {
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null || (isRecord(raw) && Object.keys(raw).length === 0)) {
    return { settings: {}, problems };
  }
  if (!isRecord(raw)) {
    problems.push({ key: "settings.damaged", params: { path: setting, found: shown(raw) } });
    return { settings: {}, problems };
  }
  let doc: Record<string, unknown> = { ...raw };
  const version = doc.version === undefined ? 1 : doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    problems.push({ key: "settings.fieldDamaged", params: { path: `${setting}.version`, found: shown(version) } });
    doc.version = 1;
  } else {
    doc.version = version;
  }
  if ((doc.version as number) > SETTINGS_VERSION) {
    problems.push({ key: "settings.newer", params: { version: doc.version as number, ours: SETTINGS_VERSION } });
  }
  for (let n = doc.version as number; n < SETTINGS_VERSION; n++) doc = MIGRATIONS[n](doc);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(doc)) {
    const schema = (FIELDS as Record<string, v.GenericSchema>)[k];
    if (!schema) {
      // A field this version does not know (a newer version's): kept, for that version to read again.
      out[k] = x;
      continue;
    }
    if (x === undefined) continue;
    const r = v.safeParse(schema, x);
    if (r.success) out[k] = r.output;
    else problems.push({ key: "settings.fieldDamaged", params: { path: `${setting}.${k}`, found: shown(x) } });
  }
  // The whole, once more: what the fields passed the object passes.
  const checked = v.parse(StoredSettings, out);
  return { settings: checked as ParsedSettings["settings"], problems };
}

/** A { step: text } marker (the ownership settings): entries that are not text are left out. */
export function parseMarker(
  raw: unknown,
  setting: string,
): { value: Record<string, string>; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { value: {}, problems };
  if (!isRecord(raw)) {
    problems.push({ key: "settings.damaged", params: { path: setting, found: shown(raw) } });
    return { value: {}, problems };
  }
  const value: Record<string, string> = {};
  for (const [k, x] of Object.entries(raw)) {
    if (typeof x === "string" && x !== "") value[k] = x;
    else problems.push({ key: "settings.fieldDamaged", params: { path: `${setting}.${k}`, found: shown(x) } });
  }
  return { value, problems };
}

/** The input tables' locations by step; a step whose entry does not parse is listed in `damaged`. */
export function parseInputTables(
  raw: unknown,
  setting: string,
): { value: Record<string, InputTableLocation[]>; damaged: string[]; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const damaged: string[] = [];
  if (raw === undefined || raw === null) return { value: {}, damaged, problems };
  if (!isRecord(raw)) {
    problems.push({ key: "settings.damaged", params: { path: setting, found: shown(raw) } });
    return { value: {}, damaged, problems };
  }
  const value: Record<string, InputTableLocation[]> = {};
  for (const [step, x] of Object.entries(raw)) {
    const r = v.safeParse(InputTableLocations, x);
    if (r.success) value[step] = r.output;
    else {
      damaged.push(step);
      const issue = r.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join(".") ?? "";
      problems.push({
        key: "settings.inputTablesDamaged",
        params: { path: `${setting}.${step}${path ? `.${path}` : ""}`, found: shown(issue.input), step },
      });
    }
  }
  return { value, damaged, problems };
}
