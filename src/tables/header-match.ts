/**
 * Which column holds which field, from headers as analysts really write them: a header matches a
 * field when, folded, it equals one of the field's aliases (exact), or equals it once units,
 * currencies and qualifiers are taken away (`金额（人民币元）`, `Sales, yuan`, `客户名称（全称）`,
 * `Service type`, `本月收入`), or holds the alias as a word among other words (`Invoice period`).
 * The unit found sets the amount's multiplier (万元 × 10,000, 千元 × 1,000). When two columns
 * could be the same field equally well, the data decides (numbers for an amount, months for a
 * period, text for names); when it cannot, the tie is reported with both columns named.
 */
import { parseMonth } from "./period";
import { fold } from "../text";

/** How a column was matched: shown in the task pane's mapping view. */
export type MatchHow = "manual" | "exact" | "qualified" | "contains";

export interface FieldMatch {
  column: number;
  how: MatchHow;
  score: number;
  /** The multiplier a unit in the header sets (万元: 10,000), 1 when none. */
  unit: number;
}

export interface ColumnMatches<F extends string> {
  mapping: Partial<Record<F, number>>;
  matches: Partial<Record<F, FieldMatch>>;
  /** Fields two columns could hold equally well, with the data unable to tell: both columns. */
  ambiguous: { field: F; columns: [number, number] }[];
}

/** What kind of value a field holds, for the data to break ties. */
export type FieldKind = "number" | "month" | "text";

/** Units and currencies, with the multiplier they set. Longest first. */
const UNITS: [RegExp, number][] = [
  [/^(万元|万|万人民币|人民币万元|10k|10000|10,000|tenthousand|tenthousands|wan)$/, 10_000],
  [/^(千元|千|k|thousand|thousands|000s|'000)$/, 1_000],
  [/^(元|人民币|人民币元|rmb|cny|yuan|¥|￥|\$|usd|currency|money|金额单位|单位元|单位:元|单位：元)$/, 1],
];

/** Words that qualify a field's name without changing it. */
const QUALIFIERS = new Set([
  "全称",
  "简称",
  "名称",
  "本月",
  "当月",
  "本期",
  "月度",
  "每月",
  "类型",
  "类别",
  "种类",
  "合计",
  "总",
  "name",
  "names",
  "full",
  "type",
  "types",
  "kind",
  "no",
  "no.",
  "number",
  "code",
  "total",
  "monthly",
  "the",
  "of",
  "in",
  "单位",
  "unit",
]);

const UNIT_IN_TEXT: [RegExp, number][] = [
  [/万元|万/, 10_000],
  [/千元/, 1_000],
];

function unitOf(token: string): number | null {
  for (const [re, m] of UNITS) if (re.test(token)) return m;
  return null;
}

/** A header taken apart: its words outside brackets, the words inside, and the unit any of them names. */
interface Parsed {
  /** Folded, lower-case, no spaces: the exact comparison key. */
  key: string;
  /** Words outside brackets, without units and qualifiers, joined without spaces. */
  core: string;
  /** The words outside brackets (for "contains"). */
  words: string[];
  unit: number;
}

function parseHeader(h: unknown): Parsed {
  const s = fold(String(h ?? "")).toLowerCase();
  const key = s.replace(/\s+/g, "");
  let unit = 1;
  const inside: string[] = [];
  const outside = s.replace(/[(（[【{<《]([^)）\]】}>》]*)[)）\]】}>》]/g, (_, x: string) => {
    inside.push(x);
    return " ";
  });
  const split = (x: string) =>
    x
      .split(/[\s,，、;；:：/|_\-–—·.。]+/)
      .map((w) => w.trim())
      .filter(Boolean);
  // The largest multiplier named wins: "10k yuan" is 10,000.
  for (const x of inside.flatMap(split)) {
    const u = unitOf(x) ?? unitOf(x.replace(/^单位/, ""));
    if (u !== null) unit = Math.max(unit, u);
    else for (const [re, m] of UNIT_IN_TEXT) if (re.test(x)) unit = Math.max(unit, m);
  }
  const words: string[] = [];
  for (const w of split(outside)) {
    const u = unitOf(w);
    if (u !== null) {
      unit = Math.max(unit, u);
      continue;
    }
    words.push(w);
  }
  // A Chinese unit glued to the name: 收入万元, 金额元.
  let core = words.filter((w) => !QUALIFIERS.has(w)).join("");
  const glued = /^(.+?)(万元|千元|元)$/.exec(core);
  if (glued && /[\u4e00-\u9fff]/.test(glued[1])) {
    core = glued[1];
    unit = glued[2] === "万元" ? 10_000 : glued[2] === "千元" ? 1_000 : 1;
  }
  // Chinese qualifiers glued to the name: 本月收入, 客户名称全称.
  for (const q of QUALIFIERS) {
    if (!/[\u4e00-\u9fff]/.test(q)) continue;
    if (core.startsWith(q) && core.length > q.length) core = core.slice(q.length);
    if (core.endsWith(q) && core.length > q.length) core = core.slice(0, -q.length);
  }
  return { key, core, words, unit };
}

/** The multiplier a unit in a header sets (万元: 10,000; 千元: 1,000), 1 when it names none. */
export function headerUnit(h: unknown): number {
  return parseHeader(h).unit;
}

function aliasKey(a: string): string {
  return fold(a).toLowerCase().replace(/\s+/g, "");
}

/** How well a header names a field: 0 (not at all) … 100 (exactly one of its aliases). */
function scoreHeader(p: Parsed, aliases: string[]): { score: number; how: MatchHow } {
  let best = { score: 0, how: "contains" as MatchHow };
  aliases.forEach((alias, rank) => {
    const a = aliasKey(alias);
    if (!a) return;
    // Earlier aliases are the more usual names: a small edge.
    const edge = (aliases.length - rank) / 100;
    let score = 0;
    let how: MatchHow = "contains";
    if (p.key === a) {
      score = 100 + edge;
      how = "exact";
    } else if (p.core === a) {
      score = 80 + edge;
      how = "qualified";
    } else if (containsWord(p, alias)) {
      // Longer aliases say more; a header with many other words says less.
      score = 40 + Math.min(a.length, 12) - Math.min(p.core.length - a.length, 20) / 4 + edge;
    }
    if (score > best.score) best = { score, how };
  });
  return best;
}

function containsWord(p: Parsed, alias: string): boolean {
  const a = aliasKey(alias);
  if (/[\u4e00-\u9fff]/.test(a)) return a.length >= 2 && p.core.includes(a);
  // English: the alias's words appear together among the header's words.
  const aw = fold(alias).toLowerCase().split(/\s+/).filter(Boolean);
  const w = p.words;
  for (let i = 0; i + aw.length <= w.length; i++) if (aw.every((x, k) => w[i + k] === x)) return true;
  // …or the alias is one of the words written together (customername).
  return w.some((x) => x === a);
}

function fits(kind: FieldKind, v: unknown): boolean {
  if (v === null || v === undefined || v === "") return false;
  if (kind === "number")
    return typeof v === "number" || (typeof v === "string" && /^[\s¥￥$(+-]*[\d,.]+\)?\s*$/.test(v));
  if (kind === "month") return parseMonth(v) !== null;
  return typeof v === "string" && parseMonth(v) === null && !/^[\d,.\s]+$/.test(v);
}

/** Share of the sample's non-blank cells in a column that look like the field's kind. */
function fitOf(kind: FieldKind, data: unknown[][], col: number): number {
  let n = 0;
  let ok = 0;
  for (const row of data) {
    const v = row[col];
    if (v === null || v === undefined || v === "") continue;
    n++;
    if (fits(kind, v)) ok++;
  }
  return n ? ok / n : 0;
}

export interface MatchOptions<F extends string> {
  manual?: Partial<Record<F, number>>;
  /** A few data rows under the header: they break ties. */
  data?: unknown[][];
  kinds?: Partial<Record<F, FieldKind>>;
  /** Columns not to use (month columns of a wide table). */
  exclude?: Set<number>;
}

/**
 * Assigns columns to fields, best score first (each column to one field); a manual mapping wins.
 * A field whose best score two columns share is settled by the data, else reported.
 */
export function matchColumns<F extends string>(
  headers: unknown[],
  fields: readonly F[],
  aliases: Record<F, string[]>,
  o: MatchOptions<F> = {},
): ColumnMatches<F> {
  const manual: Partial<Record<F, number>> = o.manual ?? {};
  const parsed = headers.map(parseHeader);
  const mapping: Partial<Record<F, number>> = {};
  const matches: Partial<Record<F, FieldMatch>> = {};
  const ambiguous: { field: F; columns: [number, number] }[] = [];
  const used = new Set<number>(o.exclude ?? []);
  for (const f of fields) {
    const c = manual[f];
    if (typeof c === "number" && c >= 0 && c < headers.length) {
      mapping[f] = c;
      matches[f] = { column: c, how: "manual", score: 1000, unit: parsed[c].unit };
      used.add(c);
    }
  }
  const pairs: { f: F; c: number; score: number; how: MatchHow }[] = [];
  for (const f of fields) {
    if (mapping[f] !== undefined) continue;
    parsed.forEach((p, c) => {
      if (used.has(c) || !p.key) return;
      const s = scoreHeader(p, aliases[f]);
      if (s.score > 0) pairs.push({ f, c, ...s });
    });
  }
  // The data's say: a column whose cells fit the field's kind ranks first among equals.
  const kinds: Partial<Record<F, FieldKind>> = o.kinds ?? {};
  const fit = (f: F, c: number) => {
    const k = kinds[f];
    return o.data && k ? fitOf(k, o.data, c) : 0;
  };
  pairs.sort((x, y) => y.score - x.score || fit(y.f, y.c) - fit(x.f, x.c) || x.c - y.c);
  for (const p of pairs) {
    if (mapping[p.f] !== undefined || used.has(p.c)) continue;
    // Another free column as good for this field, that the data cannot tell apart: ambiguous.
    const rival = pairs.find(
      (q) => q !== p && q.f === p.f && !used.has(q.c) && Math.floor(q.score) === Math.floor(p.score),
    );
    if (rival && fit(p.f, p.c) === fit(p.f, rival.c) && !claimedElsewhere(pairs, rival, p.f)) {
      ambiguous.push({ field: p.f, columns: [p.c, rival.c] });
    }
    mapping[p.f] = p.c;
    matches[p.f] = { column: p.c, how: p.how, score: p.score, unit: parsed[p.c].unit };
    used.add(p.c);
  }
  return { mapping, matches, ambiguous };
}

/** The rival column is a better match for some other field: no real tie. */
function claimedElsewhere<F extends string>(
  pairs: { f: F; c: number; score: number }[],
  rival: { c: number; score: number },
  field: F,
): boolean {
  return pairs.some((q) => q.c === rival.c && q.f !== field && q.score > rival.score);
}

/** A header that names a month (a wide table's month column): text, yyyymm numbers or real dates. */
export function headerMonth(v: unknown): number | null {
  if (typeof v === "number" && Number.isInteger(v) && v >= 190001 && v <= 999912 && v % 100 >= 1 && v % 100 <= 12)
    return Math.floor(v / 100) * 12 + (v % 100) - 1;
  const m = parseMonth(v);
  if (m) return m.month;
  if (typeof v === "string") {
    // 2002年10月收入, Oct-2002 (yuan), 2002.10 …: a month with words around it.
    const s = fold(v).toLowerCase();
    const x = /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?/.exec(s);
    if (x) {
      const mm = parseMonth(`${x[1]}-${x[2]}`);
      if (mm) return mm.month;
    }
  }
  return null;
}

/** Any CJK in the headers: the table is Chinese (the CLI's language when none is given). */
export function headersLanguage(headers: unknown[]): "zh" | "en" | null {
  const texts = headers.filter((h): h is string => typeof h === "string" && h.trim() !== "");
  if (!texts.length) return null;
  return texts.some((h) => /[\u3400-\u9fff]/.test(h)) ? "zh" : "en";
}
