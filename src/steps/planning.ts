/** Step 6 — customer planning: team, tasks with the Gantt, communication, visits, influencers, progress. */
import { decodeRow, encodeRow, schemaRows } from "../layout/kit";
import { mergeInputRows } from "../layout/inputs";
import {
  buildPlanningPlan,
  COMMUNICATION_TABLE,
  INFLUENCERS_TABLE,
  PROGRESS_TABLE,
  DEALS_TABLE,
  SNAPSHOTS_TABLE,
  TASKS_TABLE,
  TEAM_TABLE,
  VISITS_TABLE,
} from "../layout/planning";
import { progressTrend, stakeholderSummary, touchpoints } from "../method/planning";
import { cellNumber as num, cellText as text } from "./cells";
import type { PlanCell } from "../layout/plan";
import { STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** Step 6's headline figures: support index, progress, touchpoints per campaign, plan year. */
export interface PlanningFigure {
  supportIndex: number | null;
  progress: { latest: number | null; trend: number | null };
  touchpoints: { campaign: string; min: number; max: number }[];
  planYear: number;
}

/** What step 6 hands on: its figures and the fiscal year's first month. */
export interface PlanningOutput {
  figures: PlanningFigure;
  fiscalStart: number;
}

/** Step 6's headline figures (JSON keys). */
export interface PlanningFigures {
  planning: PlanningFigure | null;
  /** Step 6's visit status line: the focus customer's monthly spend, voice and data (yuan). */
  visitStatus?: { total: number; voice: number; data: number; text: string };
}

export const planning: StepDefinition<"planning", PlanningOutput, PlanningFigures> = {
  meta: STEP_META.planning,
  // A snapshot records the projected revenue of this run's bridge.
  after: ["solutions"],
  // The visit plan's status line reads the focus average (Industry) and the service lines (Solutions).
  requiresSheet: ["industry", "solutions"],
  // Its snapshot table holds the history.
  snapshot: true,
  notRun: () => ({ planning: null }),
  // The plan year in force (this run's, the sheet's, or the year after the period) is saved.
  saves: (out) => ({ planYear: out.figures.planYear }),
  run(ctx) {
    const { previous, requested } = ctx;
    // This run's setting, else the sheet's (the analyst may have typed it there), else the year after the period.
    const prevSettings = previous?.settings;
    const planYear = requested.planYear ?? num(prevSettings?.[0]?.[0]) ?? Math.floor(ctx.period.to / 12) + 1;
    const fiscalStart = requested.fiscalStart ?? num(prevSettings?.[1]?.[0]) ?? 1;
    const communication = schemaRows(COMMUNICATION_TABLE, previous);
    const influencers = schemaRows(INFLUENCERS_TABLE, previous);
    const progress = schemaRows(PROGRESS_TABLE, previous);
    const people = stakeholderSummary(
      influencers
        .map((r) => decodeRow(INFLUENCERS_TABLE, r))
        .filter((r) => text(r.name) !== "")
        .map((r) => ({ name: text(r.name), before: text(r.before), now: text(r.now), influence: num(r.influence) })),
    );
    const trend = progressTrend(
      progress
        .map((r) => decodeRow(PROGRESS_TABLE, r))
        .filter((r) => num(r.date) !== null && num(r.score) !== null)
        .map((r) => ({ date: r.date as number, score: r.score as number })),
    );
    let snapshots = schemaRows(SNAPSHOTS_TABLE, previous);
    if (ctx.snapshot) {
      // Today's row, completed with this sheet's own figures; the same day's row is replaced.
      const row = encodeRow(SNAPSHOTS_TABLE, {
        date: ctx.today,
        focusAverage: ctx.analysis.focus?.monthlyAverage ?? null,
        bridgeEnd: ctx.output("solutions")?.bridge.end ?? null,
        supportIndex: people.supportIndex,
        progress: trend.latest,
      });
      snapshots = mergeInputRows([], [...snapshots, row], SNAPSHOTS_TABLE.keyColumns, row.length).map((r) =>
        r[0] === row[0] ? row : r,
      );
    }
    const comm = communication.map((r) => decodeRow(COMMUNICATION_TABLE, r));
    const tp = comm.map((r) => touchpoints(text(r.frequency)));
    const campaigns = [...new Set(comm.map((r) => text(r.campaign)).filter(Boolean))];
    const { plan } = buildPlanningPlan(ctx.t, {
      settings: [planYear, fiscalStart],
      team: schemaRows(TEAM_TABLE, previous),
      tasks: schemaRows(TASKS_TABLE, previous),
      communication,
      touchpoints: [...tp, ...Array(3).fill(null)],
      campaigns,
      visits: schemaRows(VISITS_TABLE, previous),
      deals: schemaRows(DEALS_TABLE, previous),
      influencers,
      progress,
      snapshots,
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
      unit: ctx.unit,
      asOf: ctx.asOf,
    });
    const perCampaign = campaigns.map((c) => {
      const mine = comm
        .map((r, i) => (text(r.campaign) === c ? tp[i] : null))
        .filter((x): x is { min: number; max: number } => !!x);
      return { campaign: c, min: mine.reduce((a, x) => a + x.min, 0), max: mine.reduce((a, x) => a + x.max, 0) };
    });
    const figures: PlanningFigure = {
      supportIndex: people.supportIndex,
      progress: trend,
      touchpoints: perCampaign,
      planYear,
    };
    // The visit status line as the sheet's formula writes it (from this run's service lines).
    const solved = ctx.output("solutions");
    const lines = solved?.lines ?? [];
    const family = (k: "sheet.family.voice" | "sheet.family.data") =>
      lines.filter((l) => l.family === ctx.t(k)).reduce((a, l) => a + l.annualRevenue, 0) / 12;
    const total = ctx.analysis.focus?.monthlyAverage ?? 0;
    const visitStatus = { total, voice: family("sheet.family.voice"), data: family("sheet.family.data") };
    const wan = (x: number) => (x / 10000).toFixed(1);
    const statusText = ctx.t("sheet.statusLine", {
      total: wan(visitStatus.total),
      voice: wan(visitStatus.voice),
      data: wan(visitStatus.data),
    });
    return {
      plan,
      output: { figures, fiscalStart },
      // Reported when this run computed the service lines (a Planning run alone reads them off the sheet).
      figures: { planning: figures, ...(solved ? { visitStatus: { ...visitStatus, text: statusText } } : {}) },
    };
  },
};
