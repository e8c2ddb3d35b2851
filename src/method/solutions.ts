/**
 * Step 4, customised solutions: feasibility, quadrant, phase and rank of each proposal, and the
 * monthly revenue bridge from the focus customer's average to the projected one. Pure: the oracle
 * the sheet's formulas are held to.
 */
import { listKey, PHASE_LIST } from "./lists";

export type Phase = "short" | "mid" | "long";
export type Quadrant = "quickWin" | "strategic" | "fillIn" | "deprioritise";

export interface Solution {
  id: string;
  name: string;
  area: string;
  annualRevenue: number | null;
  competition: string;
  strategy: string;
  /** Ratings 1–5. */
  benefit: number | null;
  technical: number | null;
  policy: number | null;
  /** Expected change of monthly revenue (yuan, ±). */
  monthlyImpact: number | null;
  /** The analyst's phase, overriding the suggested one. */
  phaseOverride: Phase | null;
}

export interface SolutionSettings {
  technicalWeight: number;
  policyWeight: number;
  /** Benefit and feasibility at or above these are "high" (default 3.5). */
  benefitHigh: number;
  feasibilityHigh: number;
  /** Feasibility at or above: short term (default 4), mid term (default 3); below: long term. */
  shortAt: number;
  midAt: number;
}

export const DEFAULT_SOLUTION_SETTINGS: SolutionSettings = {
  technicalWeight: 1,
  policyWeight: 1,
  benefitHigh: 3.5,
  feasibilityHigh: 3.5,
  shortAt: 4,
  midAt: 3,
};

export interface SolutionResult extends Solution {
  /** Null when a rating is missing (the sheet shows a blank and a note). */
  feasibility: number | null;
  quadrant: Quadrant | null;
  suggestedPhase: Phase | null;
  finalPhase: Phase | null;
  score: number | null;
  rank: number | null;
  missingRatings: boolean;
}

export function analyseSolutions(rows: Solution[], s: SolutionSettings = DEFAULT_SOLUTION_SETTINGS): SolutionResult[] {
  const out = rows.map((r) => {
    const wsum = s.technicalWeight + s.policyWeight;
    const feasibility =
      r.technical === null || r.policy === null || wsum === 0
        ? null
        : (r.technical * s.technicalWeight + r.policy * s.policyWeight) / wsum;
    const quadrant: Quadrant | null =
      feasibility === null || r.benefit === null
        ? null
        : r.benefit >= s.benefitHigh
          ? feasibility >= s.feasibilityHigh
            ? "quickWin"
            : "strategic"
          : feasibility >= s.feasibilityHigh
            ? "fillIn"
            : "deprioritise";
    const suggestedPhase: Phase | null =
      feasibility === null ? null : feasibility >= s.shortAt ? "short" : feasibility >= s.midAt ? "mid" : "long";
    return {
      ...r,
      feasibility,
      quadrant,
      suggestedPhase,
      finalPhase: r.phaseOverride ?? suggestedPhase,
      score: feasibility === null || r.benefit === null ? null : r.benefit * feasibility,
      rank: null as number | null,
      missingRatings: r.benefit === null || r.technical === null || r.policy === null,
    };
  });
  const scores = out.map((r) => r.score).filter((x): x is number => x !== null);
  for (const r of out) if (r.score !== null) r.rank = scores.filter((x) => x > r.score!).length + 1;
  return out;
}

/** Solutions grouped by final phase (short, mid, long), each group in rank order. */
export function phasing(results: SolutionResult[]): SolutionResult[] {
  const order: Record<Phase, number> = { short: 0, mid: 1, long: 2 };
  return results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.finalPhase !== null && r.rank !== null)
    .sort((a, b) => order[a.r.finalPhase!] - order[b.r.finalPhase!] || a.r.rank! - b.r.rank! || a.i - b.i)
    .map(({ r }) => r);
}

export interface BridgeStep {
  label: string;
  amount: number;
  solutionId: string;
}

export interface Bridge {
  start: number;
  steps: BridgeStep[];
  end: number;
  growth: number | null;
}

export function revenueBridge(start: number, steps: BridgeStep[]): Bridge {
  const end = steps.reduce((a, s) => a + s.amount, start);
  return { start, steps, end, growth: start ? end / start - 1 : null };
}

/** Reads a phase from the analyst's text: 短期/近期/short, 中期/mid, 长期/远期/long. */
export function parsePhase(v: unknown): Phase | null {
  return listKey(PHASE_LIST, v);
}
