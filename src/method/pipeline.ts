/**
 * The opportunity pipeline (issue 22): one row per opportunity on the Solutions sheet — the
 * solution it sells, its stage, monthly value, probability, expected close, competitor and owner.
 * Weighted value = value × probability; committed = the value of opportunities at 90% or more.
 * The revenue bridge can take its steps from here (each bridge row's solution: the sum of its
 * opportunities, weighted or committed) instead of typed amounts. Pure: the sheet's oracle.
 */
export type Stage = "lead" | "qualified" | "proposal" | "negotiation" | "won" | "lost";
export const STAGES: readonly Stage[] = ["lead", "qualified", "proposal", "negotiation", "won", "lost"];
/** A stage's usual probability: pre-filled where the analyst leaves the probability blank. */
export const STAGE_PROBABILITY: Record<Stage, number> = {
  lead: 0.1,
  qualified: 0.25,
  proposal: 0.5,
  negotiation: 0.75,
  won: 1,
  lost: 0,
};
/** Committed: opportunities at this probability or above. */
export const COMMITTED_FROM = 0.9;

export type BridgeSource = "typed" | "weighted" | "committed";
export const BRIDGE_SOURCES: readonly BridgeSource[] = ["typed", "weighted", "committed"];

export interface Opportunity {
  id: string;
  /** The solution's id (as in the solutions table). */
  solution: string;
  stage: Stage | null;
  monthlyValue: number;
  /** 0–1; null: the stage's usual probability (the sheet shows it by formula). */
  probability: number | null;
  /** Excel serial of the expected close; null when not known. */
  close: number | null;
  competitor: string;
  owner: string;
}

export interface PipelineRow extends Opportunity {
  /** The probability in force: the analyst's, else the stage's, else 0. */
  p: number;
  weighted: number;
  committed: number;
  /** Closes in the quarter that starts at `quarterStart`. */
  closesThisQuarter: boolean;
}

export interface Pipeline {
  rows: PipelineRow[];
  total: number;
  weighted: number;
  committed: number;
  /** Opportunities closing this quarter: how many and their weighted value. */
  thisQuarter: { count: number; weighted: number };
  /** Weighted and committed value by solution id (what the bridge can take). */
  bySolution: Record<string, { weighted: number; committed: number }>;
}

/** Excel's EDATE(serial, 3) for a first of month: the first of the month three months on. */
function plusThreeMonths(serial: number): number {
  const d = new Date((serial - 25_569) * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, d.getUTCDate()) / 86_400_000 + 25_569;
}

/** The first day of the quarter holding an Excel serial date. */
export function quarterStartOf(serial: number): number {
  const d = new Date((serial - 25_569) * 86_400_000);
  const m = d.getUTCMonth() - (d.getUTCMonth() % 3);
  return Date.UTC(d.getUTCFullYear(), m, 1) / 86_400_000 + 25_569;
}

export function analysePipeline(opps: Opportunity[], quarterStart: number): Pipeline {
  const quarterEnd = plusThreeMonths(quarterStart);
  const rows = opps.map((o) => {
    const p = o.probability ?? (o.stage ? STAGE_PROBABILITY[o.stage] : 0);
    return {
      ...o,
      p,
      weighted: o.monthlyValue * p,
      committed: p >= COMMITTED_FROM ? o.monthlyValue : 0,
      closesThisQuarter: o.close !== null && o.close >= quarterStart && o.close < quarterEnd,
    };
  });
  const bySolution: Pipeline["bySolution"] = {};
  for (const r of rows) {
    const k = r.solution.toLowerCase();
    const s = (bySolution[k] ??= { weighted: 0, committed: 0 });
    s.weighted += r.weighted;
    s.committed += r.committed;
  }
  const sum = (f: (r: PipelineRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const q = rows.filter((r) => r.closesThisQuarter);
  return {
    rows,
    total: sum((r) => r.monthlyValue),
    weighted: sum((r) => r.weighted),
    committed: sum((r) => r.committed),
    thisQuarter: { count: q.length, weighted: q.reduce((a, r) => a + r.weighted, 0) },
    bySolution,
  };
}

/** A bridge step's amount under a source: typed, or its solution's weighted / committed pipeline. */
export function bridgeAmount(source: BridgeSource, typed: number, solution: string, pipeline: Pipeline): number {
  if (source === "typed" || solution === "") return typed;
  const s = pipeline.bySolution[solution.toLowerCase()];
  return s ? s[source] : 0;
}
