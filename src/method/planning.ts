/**
 * Step 6, customer planning: which months of the plan year a task spans (the Gantt), how many
 * touchpoints a year a communication frequency means, attitude scores and the influence-weighted
 * support index, and the latest progress score with its trend. Pure: the oracle for the sheet.
 */
import { monthIndex, serialToMonth, type MonthIndex } from "../tables/period";

/** The plan year's 12 months from the fiscal start month (1–12). */
export function planMonths(planYear: number, fiscalStart = 1): MonthIndex[] {
  const first = monthIndex(planYear, fiscalStart);
  return Array.from({ length: 12 }, (_, i) => first + i);
}

/** Indexes (0–11) of the plan months a task from start to end (Excel serials) touches. */
export function ganttMonths(start: number, end: number, planYear: number, fiscalStart = 1): number[] {
  const a = serialToMonth(start);
  const b = serialToMonth(end);
  return planMonths(planYear, fiscalStart)
    .map((m, i) => (m >= a && m <= b ? i : -1))
    .filter((i) => i >= 0);
}

const PER_YEAR: [RegExp, number][] = [
  [/^(周|星期|week|wk)$/, 52],
  [/^(月|个月|month|mo)$/, 12],
  [/^(季度|季|quarter|qtr)$/, 4],
  [/^(半年|half[- ]?year)$/, 2],
  [/^(年|year|yr|annum)$/, 1],
  [/^(天|日|day)$/, 365],
];
const WORDS: Record<string, number> = { once: 1, twice: 2, thrice: 3, one: 1, two: 2, three: 3, four: 4, five: 5 };
const ADVERBS: Record<string, number> = { daily: 365, weekly: 52, monthly: 12, quarterly: 4, yearly: 1, annually: 1 };

function perYear(unit: string): number | null {
  const u = unit.trim().toLowerCase().replace(/s$/, "");
  for (const [re, n] of PER_YEAR) if (re.test(u)) return n;
  return null;
}

/**
 * Touchpoints a year from frequency text: `1-2次/周` → 52–104, `1-2次/月` → 12–24,
 * `1-2次/季度` → 4–8, `1次` → 1, `2-3 times a month` → 24–36, `once a week` → 52, `weekly` → 52.
 * Null when the text is not a frequency.
 */
export function touchpoints(text: string): { min: number; max: number } | null {
  const s = text
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[–—~～至到]/g, "-")
    .replace(/\s+/g, " ");
  if (!s) return null;
  if (ADVERBS[s] !== undefined) return { min: ADVERBS[s], max: ADVERBS[s] };
  let m = /^(?:每(周|月|季度|季|年|天|日))?\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*次(?:\s*\/\s*(\S+))?$/.exec(
    s,
  );
  if (m) {
    const unit = m[1] ?? m[4];
    const k = unit ? perYear(unit) : 1;
    if (k === null) return null;
    const a = Number(m[2]);
    const b = m[3] !== undefined ? Number(m[3]) : a;
    return { min: a * k, max: b * k };
  }
  m =
    /^(\d+|once|twice|thrice|one|two|three|four|five)(?:\s*-\s*(\d+))?(?:\s*(?:times?|x))?(?:\s*(?:a|an|per|\/|every|each)\s*([a-z]+))?$/.exec(
      s,
    );
  if (m) {
    const a = WORDS[m[1]] ?? Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    const k = m[3] ? perYear(m[3]) : 1;
    if (k === null || !Number.isFinite(a)) return null;
    return { min: a * k, max: b * k };
  }
  return null;
}

/** Attitude A (recommend) = 5 … E (oppose) = 1, a trailing + or − adds or takes 0.5. */
export function attitudeScore(text: string): number | null {
  const m = /^\s*([A-Ea-e])\s*([+＋\-−－]?)\s*$/.exec(text ?? "");
  if (!m) return null;
  const base = "EDCBA".indexOf(m[1].toUpperCase()) + 1;
  return base + (m[2] === "" ? 0 : /[+＋]/.test(m[2]) ? 0.5 : -0.5);
}

export interface Influencer {
  name: string;
  before: string;
  now: string;
  /** 1–5; blank counts as 1 (equal influence). */
  influence: number | null;
}

export function stakeholderSummary(rows: Influencer[]) {
  const scored = rows.map((r) => {
    const b = attitudeScore(r.before);
    const n = attitudeScore(r.now);
    return { ...r, beforeScore: b, nowScore: n, change: b !== null && n !== null ? n - b : null };
  });
  const rated = scored.filter((r) => r.nowScore !== null);
  const w = rated.reduce((a, r) => a + (r.influence ?? 1), 0);
  return {
    rows: scored,
    supportIndex: w ? rated.reduce((a, r) => a + r.nowScore! * (r.influence ?? 1), 0) / w : null,
  };
}

/** The latest progress score (by date) and its change from the one before. */
export function progressTrend(rows: { date: number; score: number }[]) {
  const sorted = [...rows].sort((a, b) => a.date - b.date);
  const last = sorted.at(-1);
  const prev = sorted.at(-2);
  return { latest: last?.score ?? null, trend: last && prev ? last.score - prev.score : null };
}

export type SolutionPhase = "short" | "mid" | "long";

/**
 * A task against its solution's window (deck p.19 and p.25: short term = the plan year's first six
 * months, mid term = six months to a year, long term = over a year; "中、长期的方案虽然推出时间较晚，
 * 但要确保在近期作出足够准备"). With S the plan year's first day, H the last day of its sixth month
 * and Y its last day:
 * - short: starts within [S, H] and ends by Y;
 * - mid: starts on or after S and ends within (H, Y] (it delivers in the year's second half);
 * - long: starts after H (preparation in the second half; it delivers after the plan year).
 * A blank date is not tested; true when the task contradicts its solution's phase.
 */
export function phaseMismatch(
  phase: SolutionPhase | null,
  start: number | null,
  end: number | null,
  planYear: number,
  fiscalStart = 1,
): boolean {
  if (!phase) return false;
  const S = Date.UTC(planYear, fiscalStart - 1, 1) / 86_400_000 + 25_569;
  const H = Date.UTC(planYear, fiscalStart - 1 + 6, 0) / 86_400_000 + 25_569;
  const Y = Date.UTC(planYear, fiscalStart - 1 + 12, 0) / 86_400_000 + 25_569;
  const s = start ?? null;
  const e = end ?? null;
  if (phase === "short") return (s !== null && (s < S || s > H)) || (e !== null && e > Y);
  if (phase === "mid") return (s !== null && s < S) || (e !== null && (e <= H || e > Y));
  return s !== null && s <= H;
}
