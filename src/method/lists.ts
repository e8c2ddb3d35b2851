/**
 * One codec for every validated list cell (issue 30): a list has canonical keys, and each key a
 * label in each language. Reading accepts any language's label, the key itself, or one of the
 * deck's other words for it (case-, width- and space-insensitive); writing gives the current
 * language's label. A value no language reads is `unknown`: the caller reports it with its cell
 * and keeps it as typed — it is never turned into a default.
 *
 * The sheets' formulas compare a list cell with the current language's labels (MATCH, COUNTIF,
 * "=…"). Refresh rewrites every list cell it reads back in the current language (see
 * steps/list-cells), so formula and model read the same canonical value; between runs Excel's
 * list validation admits only those labels.
 */
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import { STAGES, BRIDGE_SOURCES, type Stage, type BridgeSource } from "./pipeline";
import { STATUSES, type Status } from "./whitespace";
import { fold } from "../text";

export interface ListCodec<K extends string = string> {
  /** The list's name, for messages and tests. */
  id: string;
  keys: readonly K[];
  /** A key's label in a language. */
  label(t: Translate, key: K): string;
  /** Other words read as a key (the deck's 近期 / 远期 for short / long term, …). */
  aliases?: Partial<Record<K, readonly string[]>>;
}

export type ListRead<K extends string> =
  { kind: "blank" } | { kind: "key"; key: K } | { kind: "unknown"; text: string };

const LOCALES: readonly Locale[] = ["zh-CN", "en-US"];
const TRANSLATORS = LOCALES.map((l) => translator(l));

/** The comparison form of a cell: folded, lower-case, inner spaces collapsed. */
function norm(v: string): string {
  return fold(v).toLowerCase().replace(/\s+/g, " ");
}

const lookups = new WeakMap<ListCodec, Map<string, string>>();

/** Every spelling read as a key: the key, each language's label, the aliases. */
function lookup<K extends string>(codec: ListCodec<K>): Map<string, K> {
  let m = lookups.get(codec as unknown as ListCodec) as Map<string, K> | undefined;
  if (m) return m;
  m = new Map<string, K>();
  for (const k of codec.keys) {
    const spellings = [k, ...TRANSLATORS.map((t) => codec.label(t, k)), ...(codec.aliases?.[k] ?? [])];
    for (const s of spellings) {
      const n = norm(s);
      const had = m.get(n);
      // Two keys spelled alike in some language would make the list ambiguous: a bug, not input.
      if (had !== undefined && had !== k) throw new Error(`list ${codec.id}: "${s}" reads as ${had} and ${k}`);
      m.set(n, k);
    }
  }
  lookups.set(codec as unknown as ListCodec, m as unknown as Map<string, string>);
  return m;
}

/** A cell read through a list: blank, a key, or a value no language reads. */
export function readList<K extends string>(codec: ListCodec<K>, v: unknown): ListRead<K> {
  if (v === null || v === undefined) return { kind: "blank" };
  const text = String(v);
  if (fold(text) === "") return { kind: "blank" };
  const key = lookup(codec).get(norm(text));
  return key !== undefined ? { kind: "key", key } : { kind: "unknown", text };
}

/** The key a cell holds, or null (blank or unreadable: callers that must tell them apart use readList). */
export function listKey<K extends string>(codec: ListCodec<K>, v: unknown): K | null {
  const r = readList(codec, v);
  return r.kind === "key" ? r.key : null;
}

/** The list's labels in a language, in key order (the validation's choices). */
export function listLabels<K extends string>(codec: ListCodec<K>, t: Translate): string[] {
  return codec.keys.map((k) => codec.label(t, k));
}

/** A key written in a language. */
export function writeList<K extends string>(codec: ListCodec<K>, t: Translate, key: K): string {
  return codec.label(t, key);
}

const byKey =
  <K extends string>(prefix: string) =>
  (t: Translate, k: K) =>
    t(`${prefix}${k}` as MessageKey);

export const STAGE_LIST: ListCodec<Stage> = { id: "stage", keys: STAGES, label: byKey("sheet.pl.stage.") };

export const BRIDGE_SOURCE_LIST: ListCodec<BridgeSource> = {
  id: "bridgeSource",
  keys: BRIDGE_SOURCES,
  label: byKey("sheet.pl.source."),
};

export const MARK_LIST: ListCodec<Status> = { id: "mark", keys: STATUSES, label: byKey("sheet.ws.status.") };

export type PhaseKey = "short" | "mid" | "long";
export const PHASE_LIST: ListCodec<PhaseKey> = {
  id: "phase",
  keys: ["short", "mid", "long"],
  label: byKey("sheet.phase."),
  aliases: {
    short: ["近期", "short term", "short-term"],
    mid: ["medium", "mid term", "mid-term", "medium term"],
    long: ["远期", "long term", "long-term"],
  },
};

export const ATTITUDE_KEYS = [
  "A+",
  "A",
  "A-",
  "B+",
  "B",
  "B-",
  "C+",
  "C",
  "C-",
  "D+",
  "D",
  "D-",
  "E+",
  "E",
  "E-",
] as const;
export type Attitude = (typeof ATTITUDE_KEYS)[number];
/** A–E with + and −: the same in every language (the full-width and typographic minus read too). */
export const ATTITUDE_LIST: ListCodec<Attitude> = {
  id: "attitude",
  keys: ATTITUDE_KEYS,
  label: (_t, k) => k,
  aliases: Object.fromEntries(
    ATTITUDE_KEYS.filter((k) => k.endsWith("-")).map((k) => [k, [k.replace("-", "−"), k.replace("-", "–")]]),
  ) as Partial<Record<Attitude, string[]>>,
};

export const YES_NO_LIST: ListCodec<"yes" | "no"> = {
  id: "yesNo",
  keys: ["yes", "no"],
  label: (t, k) => t(k === "yes" ? "sheet.yes" : "sheet.no"),
  aliases: { yes: ["y", "✓"], no: ["n"] },
};

export const LEVEL_LIST: ListCodec<"high" | "medium" | "low"> = {
  id: "level",
  keys: ["high", "medium", "low"],
  label: (t, k) => t(`sheet.${k}`),
};

export const TASK_STATUS_LIST: ListCodec<"todo" | "doing" | "done" | "late"> = {
  id: "taskStatus",
  keys: ["todo", "doing", "done", "late"],
  label: byKey("sheet.status."),
};

export const FAMILY_LIST: ListCodec<"voice" | "data" | "apps"> = {
  id: "family",
  keys: ["voice", "data", "apps"],
  label: byKey("sheet.family."),
};

/** A measure's timing (deck p.19): act now, create the conditions, launch when the time is right. */
export const MEASURE_PHASE_LIST: ListCodec<"now" | "prepare" | "launch"> = {
  id: "measurePhase",
  keys: ["now", "prepare", "launch"],
  label: byKey("sheet.measure."),
  aliases: { now: ["act now", "立即行动"], prepare: ["create the conditions"], launch: ["launch"] },
};

/** Every list the sheets validate. */
export const LISTS: readonly ListCodec[] = [
  STAGE_LIST,
  BRIDGE_SOURCE_LIST,
  MARK_LIST,
  PHASE_LIST,
  ATTITUDE_LIST,
  YES_NO_LIST,
  LEVEL_LIST,
  TASK_STATUS_LIST,
  FAMILY_LIST,
  MEASURE_PHASE_LIST,
] as readonly ListCodec[];

/** The list whose labels are `choices` in every language (a schema column's validation source), if any. */
export function listOfSource(source: (t: Translate) => string[]): ListCodec | undefined {
  return LISTS.find((codec) =>
    TRANSLATORS.every((t) => JSON.stringify(listLabels(codec, t)) === JSON.stringify(source(t))),
  );
}
