/** Step 7 (on demand) — the portfolio: every customer, scored, to choose which accounts to plan. */
import { buildPortfolioPlan, portfolioInputs, quadrantLabel } from "../layout/portfolio";
import { rowKey } from "../layout/inputs";
import { customerKeying } from "../method/industry";
import { analysePortfolio } from "../method/portfolio";
import type { StepDefinition, StepOutputs } from "./types";

export const portfolio: StepDefinition<"portfolio", StepOutputs["portfolio"]> = {
  id: "portfolio",
  after: [],
  // Its formulas read the periods through the Industry sheet's names.
  requiresSheet: ["industry"],
  onDemand: true,
  run(ctx) {
    const a = ctx.analysis;
    const { weights, thresholds, account, keys } = portfolioInputs(ctx.previous);
    const keying = customerKeying(ctx.rows);
    const known = new Set(ctx.rows.map(keying.of));
    // The analyst's rows for customers no longer in the table are kept (their values are theirs);
    // keys compare as the rows are matched (rowKey).
    const knownKeys = new Set([...known].map((k) => rowKey([k], 1)));
    const extraKeys = keys.filter((k) => !knownKeys.has(rowKey([k], 1)));
    const relationships: Record<string, number> = {};
    for (const k of [...known, ...extraKeys]) {
      const rel = account(k)?.relationship;
      if (rel !== null && rel !== undefined) relationships[k] = rel;
    }
    // The Industry sheet compares with the period itself when there is no comparison period.
    const p = analysePortfolio(ctx.rows, {
      period: a.period,
      compare: a.compare ?? a.period,
      months: a.monthsPresent,
      compareMonths: a.compare ? a.compareMonthsPresent : a.monthsPresent,
      weights,
      thresholds,
      relationships,
      extraKeys,
    });
    const focusKey = keying.ofFocus(a.focus);
    const { plan } = buildPortfolioPlan(ctx.t, ctx.refs, p, {
      unit: ctx.unit,
      note: ctx.note,
      key: ctx.key,
      keyField: keying.field,
      focusKey,
      previous: ctx.previous,
    });
    return {
      plan,
      output: { portfolio: p },
      figures: {
        portfolio: {
          weights,
          thresholds,
          services: p.services.length,
          counts: p.counts,
          accounts: p.accounts.map((x) => ({
            key: x.key,
            name: x.name,
            segment: x.segment,
            monthlyAverage: x.average,
            growth: x.growth,
            segmentShare: x.segmentShare,
            services: x.services,
            attractiveness: x.attractiveness,
            relationship: x.relationship,
            quadrant: quadrantLabel(ctx.t, x.quadrant),
            rank: x.rank,
          })),
        },
      },
    };
  },
};
