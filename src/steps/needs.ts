/** Step 3 — personalised needs: the profile form, revenue by service, and the analyst's tables. */
import { decodeRow, schemaRows } from "../layout/kit";
import {
  buildNeedsPlan,
  DECISION_TABLE,
  EMPLOYEES_TABLE,
  GOALS_TABLE,
  RELATIONSHIP_TABLE,
  HISTORY_TABLE,
  LATENT_TABLE,
  NETWORK_TABLE,
  PROFILE_TABLE,
} from "../layout/needs";
import { INFLUENCERS_TABLE } from "../layout/planning";
import { employeeSpend, PROFILE_FIELDS, profileCompleteness, RELATIONSHIP_FIELDS } from "../method/needs";
import { cellNumber, cellText } from "./cells";
import type { PlanCell } from "../layout/plan";
import { STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** What step 3 hands on: how complete the profile is. */
export interface NeedsOutput {
  completeness: number;
}

/** Step 3's headline figures (JSON keys). */
export interface NeedsFigures {
  profileCompleteness: number | null;
  /** Step 3's employees' telecom spend. */
  employees?: { headcount: number; monthlySpend: number };
}

export const needs: StepDefinition<"needs", NeedsOutput, NeedsFigures> = {
  meta: STEP_META.needs,
  after: [],
  // The revenue fields read the period and the focus customer through step 1's names.
  requiresSheet: ["industry"],
  notRun: () => ({ profileCompleteness: null }),
  run(ctx) {
    const f = ctx.analysis.focus;
    // The fields the data knows: name, id and industry (the profile's 1st, 2nd and 5th).
    const known: Record<number, string> = f ? { 0: f.name, 1: f.id, 4: f.industry } : {};
    const prefill = PROFILE_FIELDS[ctx.lang].map((field, i) => ({ field, value: known[i] ?? null }));
    const profile = schemaRows(PROFILE_TABLE, ctx.previous, prefill);
    const employees = schemaRows(EMPLOYEES_TABLE, ctx.previous);
    const spend = employeeSpend(
      employees
        .map((r) => decodeRow(EMPLOYEES_TABLE, r))
        .map((r) => ({
          department: cellText(r.department),
          headcount: cellNumber(r.headcount),
          voicePerHead: cellNumber(r.voicePerHead),
          mobilePerHead: cellNumber(r.mobilePerHead),
        })),
    );
    const { plan } = buildNeedsPlan(ctx.t, ctx.refs, {
      profile,
      history: schemaRows(HISTORY_TABLE, ctx.previous),
      relationship: schemaRows(
        RELATIONSHIP_TABLE,
        ctx.previous,
        RELATIONSHIP_FIELDS[ctx.lang].map((field) => ({ field })),
      ),
      employees,
      network: schemaRows(NETWORK_TABLE, ctx.previous),
      goals: schemaRows(GOALS_TABLE, ctx.previous),
      decision: schemaRows(DECISION_TABLE, ctx.previous),
      latent: schemaRows(LATENT_TABLE, ctx.previous),
      hub: f?.name ?? "",
      // The buying process's people are step 6's influencers, as this run read them (or the sample's).
      influencers: schemaRows(INFLUENCERS_TABLE, ctx.inputsOf("planning"))
        .map((r) => decodeRow(INFLUENCERS_TABLE, r))
        .map((r) => ({
          department: cellText(r.department),
          name: cellText(r.name),
          role: cellText(r.role),
          before: cellText(r.before),
          now: cellText(r.now),
        })),
      services: (f?.services ?? []).map((x) => x.service),
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
      unit: ctx.unit,
      key: ctx.key,
    });
    const named = profile.map((r) => decodeRow(PROFILE_TABLE, r)).filter((r) => cellText(r.field) !== "");
    const completeness = profileCompleteness(named.map((r) => r.value));
    return {
      plan,
      output: { completeness },
      figures: {
        profileCompleteness: completeness,
        employees: { headcount: spend.headcount, monthlySpend: spend.monthlySpend },
      },
    };
  },
};
