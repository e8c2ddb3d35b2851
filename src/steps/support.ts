/** Step 5 — service-support capability: what each service needs, what each site can carry. */
import { decodeRow, schemaRows } from "../layout/kit";
import { AFTER_SALES_TABLE, buildSupportPlan, buildSupportWithoutSites, REQUIREMENTS_TABLE } from "../layout/support";
import { analyseSupport, DEFAULT_REQUIREMENTS, type ServiceRequirement } from "../method/support";
import { cellText as text } from "./cells";
import type { PlanCell } from "../layout/plan";
import type { StepDefinition, StepOutputs } from "./types";

export const support: StepDefinition<"support", StepOutputs["support"]> = {
  id: "support",
  after: [],
  requiresSheet: [],
  // Without a site table the sheet is still written, with a message where the matrix goes.
  requiresSites: true,
  run(ctx) {
    const { t } = ctx;
    const YES = t("sheet.yes");
    const prefill = DEFAULT_REQUIREMENTS[ctx.lang].map((r) => ({
      service: r.service,
      needsFibre: r.needsFibre ? YES : t("sheet.no"),
      minCopper: r.minCopper,
      solutions: r.solutions,
    }));
    const reqRows = schemaRows(REQUIREMENTS_TABLE, ctx.previous, prefill).filter((r) => text(r[0]) !== "");
    const reqs: ServiceRequirement[] = reqRows
      .map((r) => decodeRow(REQUIREMENTS_TABLE, r))
      .map((r) => ({
        service: text(r.service),
        needsFibre: text(r.needsFibre) === YES,
        minCopper: typeof r.minCopper === "number" ? r.minCopper : Number(r.minCopper) || 0,
        solutions: text(r.solutions),
      }));
    const afterSales = schemaRows(
      AFTER_SALES_TABLE,
      ctx.previous,
      reqs.map((r) => ({ service: r.service })),
    );
    const implications = ctx.previous?.implications as PlanCell[][] | undefined;
    if (!ctx.sites) {
      // No site table: the analyst's tables, and what to add in the matrix's place (said aloud by the run too).
      const { plan } = buildSupportWithoutSites(t, {
        requirements: reqRows,
        sites: [],
        gaps: [],
        afterSales,
        note: ctx.note,
        implications,
      });
      return { plan, output: { model: analyseSupport([], reqs) } };
    }
    const sites = ctx.sites.table;
    const model = analyseSupport(sites.rows, reqs);
    const { plan } = buildSupportPlan(t, ctx.sites.refs, {
      requirements: reqRows,
      sites: sites.rows.map((r) => r.site),
      gaps: model.matrix.flatMap((m, i) =>
        m.capabilities.map((c, j) => ({ site: i, service: j, c })).filter((g) => g.c === "no" || g.c === "unknown"),
      ),
      afterSales,
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
    });
    return { plan, output: { model } };
  },
};
