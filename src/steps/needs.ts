/** Step 3 — personalised needs: the profile form, revenue by service, and the analyst's tables. */
import { decodeRow, schemaRows } from "../layout/kit";
import {
  buildNeedsPlan,
  DECISION_TABLE,
  GOALS_TABLE,
  HISTORY_TABLE,
  LATENT_TABLE,
  NETWORK_TABLE,
  PROFILE_TABLE,
} from "../layout/needs";
import { PROFILE_FIELDS, profileCompleteness } from "../method/needs";
import { cellText } from "./cells";
import type { PlanCell } from "../layout/plan";
import type { StepDefinition, StepOutputs } from "./types";

export const needs: StepDefinition<"needs", StepOutputs["needs"]> = {
  id: "needs",
  after: [],
  // The revenue fields read the period and the focus customer through step 1's names.
  requiresSheet: ["industry"],
  run(ctx) {
    const f = ctx.analysis.focus;
    // The fields the data knows: name, id and industry (the profile's 1st, 2nd and 5th).
    const known: Record<number, string> = f ? { 0: f.name, 1: f.id, 4: f.industry } : {};
    const prefill = PROFILE_FIELDS[ctx.lang].map((field, i) => ({ field, value: known[i] ?? null }));
    const profile = schemaRows(PROFILE_TABLE, ctx.previous, prefill);
    const { plan } = buildNeedsPlan(ctx.t, ctx.refs, {
      profile,
      history: schemaRows(HISTORY_TABLE, ctx.previous),
      network: schemaRows(NETWORK_TABLE, ctx.previous),
      goals: schemaRows(GOALS_TABLE, ctx.previous),
      decision: schemaRows(DECISION_TABLE, ctx.previous),
      latent: schemaRows(LATENT_TABLE, ctx.previous),
      services: (f?.services ?? []).map((x) => x.service),
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
      unit: ctx.unit,
      key: ctx.key,
    });
    const named = profile.map((r) => decodeRow(PROFILE_TABLE, r)).filter((r) => cellText(r.field) !== "");
    const completeness = profileCompleteness(named.map((r) => r.value));
    return { plan, output: { completeness }, figures: { profileCompleteness: completeness } };
  },
};
