/** Step 1 — industry analysis: composition, the focus customer, the matrix, key purchase factors. */
import { buildIndustryPlan, FACTORS_TABLE } from "../layout/industry";
import { decodeRow, schemaRows } from "../layout/kit";
import type { PlanCell } from "../layout/plan";
import { analyseFactors, DEFAULT_FACTORS, type FactorResult } from "../method/factors";
import { formatMonth, monthToSerial, serialToMonth } from "../tables/period";
import { sampleIndustrySources } from "./sample-provenance";
import { cellNumber, cellText } from "./cells";
import { STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** What step 1 hands on: the key purchase factors with gap, priority and rank. */
export interface IndustryOutput {
  factors: FactorResult[];
}

/** Step 1's headline figures (JSON keys). */
export interface IndustryFigures {
  factors: { factor: string; gap: number | null; priority: number | null; rank: number | null }[];
  /** Step 1's detail: each industry's largest customer, the focus industry by sub-industry, one month's matrix. */
  industryDetail?: {
    largest: { industry: string; customer: string; share: number }[];
    subIndustries: { subIndustry: string; monthlyAverage: number; share: number; focusShare: number }[];
    month: string;
    monthTotal: number;
  };
}

export const industry: StepDefinition<"industry", IndustryOutput, IndustryFigures> = {
  meta: STEP_META.industry,
  after: [],
  requiresSheet: [],
  notRun: () => ({ factors: [] }),
  run(ctx) {
    const prefill = DEFAULT_FACTORS[ctx.lang].flatMap(([group, fs]) => fs.map((factor) => ({ group, factor })));
    const rows = schemaRows(FACTORS_TABLE, ctx.previous, prefill);
    const a = ctx.analysis;
    // The scope note: this run's setting, else the sheet's (the analyst may have edited it), else the saved one.
    const prevScope = cellText(ctx.previous?.scope?.[0]?.[0] ?? null);
    const scope = ctx.requested.scope || prevScope || ctx.settings.scope || ctx.t("sheet.scopeDefault");
    // The single month: the sheet's while it lies in the period, else the period's last month.
    const prevMonth = cellNumber(ctx.previous?.month?.[0]?.[0] ?? null);
    const kept = prevMonth !== null ? serialToMonth(prevMonth) : null;
    const month = kept !== null && kept >= a.period.from && kept <= a.period.to ? kept : a.period.to;
    const { plan } = buildIndustryPlan(ctx.analysis, ctx.refs, ctx.t, {
      scope,
      month: monthToSerial(month),
      factors: rows,
      note: ctx.note,
      unit: ctx.unit,
      key: ctx.key,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
      sources: ctx.settings.sample ? sampleIndustrySources(ctx.t) : undefined,
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
    const cells = a.byMonth[month] ?? {};
    const monthTotal = Object.values(cells).reduce((s, m) => s + Object.values(m).reduce((x, y) => x + y, 0), 0);
    return {
      plan,
      output: { factors },
      figures: {
        industryDetail: {
          largest: a.industries.map((i) => ({
            industry: i.industry,
            customer: a.largest[i.industry]?.name ?? "",
            share: a.largest[i.industry]?.share ?? 0,
          })),
          subIndustries: a.focus?.subIndustries ?? [],
          month: formatMonth(month),
          monthTotal,
        },
        factors: factors
          .filter((x) => x.factor)
          .map((x) => ({ factor: x.factor, gap: x.gap, priority: x.priority, rank: x.rank })),
      },
    };
  },
};
