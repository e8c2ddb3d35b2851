/** Step 1 — industry analysis: composition, the focus customer, the matrix, key purchase factors. */
import { buildIndustryPlan, FACTORS_TABLE } from "../layout/industry";
import { decodeRow, schemaRows } from "../layout/kit";
import type { PlanCell } from "../layout/plan";
import { analyseFactors, DEFAULT_FACTORS } from "../method/factors";
import { cellNumber, cellText } from "./cells";
import type { StepDefinition, StepOutputs } from "./types";

export const industry: StepDefinition<"industry", StepOutputs["industry"]> = {
  id: "industry",
  after: [],
  requiresSheet: [],
  run(ctx) {
    const prefill = DEFAULT_FACTORS[ctx.lang].flatMap(([group, fs]) => fs.map((factor) => ({ group, factor })));
    const rows = schemaRows(FACTORS_TABLE, ctx.previous, prefill);
    const { plan } = buildIndustryPlan(ctx.analysis, ctx.refs, ctx.t, {
      factors: rows,
      note: ctx.note,
      unit: ctx.unit,
      key: ctx.key,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
    });
    const factors = analyseFactors(
      rows
        .map((r) => decodeRow(FACTORS_TABLE, r))
        .map((r) => ({
          group: cellText(r.group),
          factor: cellText(r.factor),
          importance: cellNumber(r.importance),
          ours: cellNumber(r.ours),
          rival: cellNumber(r.rival),
        })),
    );
    return {
      plan,
      output: { factors },
      figures: {
        factors: factors
          .filter((x) => x.factor)
          .map((x) => ({ factor: x.factor, gap: x.gap, priority: x.priority, rank: x.rank })),
      },
    };
  },
};
