/** Step 2 — competition analysis: ratings per product and operator, weighted, against our operator. */
import { buildCompetitionPlan, NETWORK_RESOURCES_TABLE, RATINGS_TABLE } from "../layout/competition";
import { decodeRow, schemaRows } from "../layout/kit";
import { mergeInputRows } from "../layout/inputs";
import type { PlanCell } from "../layout/plan";
import {
  analyseCompetition,
  COMPETITION_FACTOR_COUNT,
  DEFAULT_COMPETITION,
  type CompetitionAnalysis,
} from "../method/competition";
import { cellNumber, cellText } from "./cells";
import { STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** What step 2 hands on: the weighted ratings against our operator. */
export interface CompetitionOutput {
  model: CompetitionAnalysis;
}

/** Step 2's headline figures (JSON keys). */
export interface CompetitionFigures {
  competition: { ourOperator: string; leads: string[]; lags: string[] } | null;
}

const FACTORS = RATINGS_TABLE.columns.slice(2).map((c) => c.key);

export const competition: StepDefinition<"competition", CompetitionOutput, CompetitionFigures> = {
  meta: STEP_META.competition,
  after: [],
  requiresSheet: [],
  notRun: () => ({ competition: null }),
  run(ctx) {
    const F = COMPETITION_FACTOR_COUNT;
    const d = DEFAULT_COMPETITION[ctx.lang];
    const prefill = d.products.flatMap((product) => d.operators.map((operator) => ({ product, operator })));
    const ratings = schemaRows(RATINGS_TABLE, ctx.previous, prefill);
    const weights = mergeInputRows([Array<PlanCell>(F).fill(1)], ctx.previous?.weights, 0, F)[0];
    const rows = ratings
      .map((r) => decodeRow(RATINGS_TABLE, r))
      .map((r) => ({
        product: cellText(r.product),
        operator: cellText(r.operator),
        ratings: FACTORS.map((k) => cellNumber(r[k])),
      }));
    const prevOur = ctx.previous?.ourOperator?.[0]?.[0];
    const operatorsSeen = [...new Set(rows.map((r) => r.operator).filter(Boolean))];
    const our =
      ctx.settings.ourOperator ||
      (typeof prevOur === "string" && prevOur) ||
      (operatorsSeen.includes(d.operators[0]) ? d.operators[0] : (operatorsSeen[0] ?? ""));
    const model = analyseCompetition(
      rows,
      weights.map((x) => cellNumber(x) ?? 0),
      our,
    );
    const { plan } = buildCompetitionPlan(ctx.t, {
      ourOperator: our,
      weights,
      ratings,
      networkResources: schemaRows(
        NETWORK_RESOURCES_TABLE,
        ctx.previous,
        model.operators.map((operator) => ({ operator })),
      ),
      operators: model.operators,
      products: model.products,
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
    });
    return {
      plan,
      output: { model },
      figures: { competition: { ourOperator: model.ourOperator, leads: model.leads, lags: model.lags } },
    };
  },
};
