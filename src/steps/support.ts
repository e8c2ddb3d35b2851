/** Step 5 — service-support capability: what each service needs, what each site can carry. */
import { decodeRow, schemaRows } from "../layout/kit";
import {
  AFTER_SALES_TABLE,
  buildSupportPlan,
  buildSupportWithoutSites,
  REQUIREMENTS_TABLE,
  SITE_NEEDS_TABLE,
} from "../layout/support";
import { SOLUTIONS_TABLE } from "../layout/solutions";
import {
  analyseSupport,
  defaultNeeds,
  DEFAULT_REQUIREMENTS,
  listItems,
  type ServiceRequirement,
  type SupportAnalysis,
} from "../method/support";
import { cellText as text } from "./cells";
import type { PlanCell } from "../layout/plan";
import { STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** What step 5 hands on: each site's capability for each service. */
export interface SupportOutput {
  model: SupportAnalysis;
}

/** Step 5's headline figures (JSON keys). */
export interface SupportFigures {
  /** readiness (with the Support step): ready now / now or after works over the services the site needs; null when not stated. */
  sites: {
    site: string;
    fibre: boolean | null;
    ready: string[];
    readiness?: { now: number | null; afterWorks: number | null };
  }[];
}

export const support: StepDefinition<"support", SupportOutput, SupportFigures> = {
  meta: STEP_META.support,
  // Each site's requirement list is pre-filled from the solutions' phases.
  after: ["solutions"],
  requiresSheet: [],
  // Without a site table the sheet is still written, with a message where the matrix goes.
  requiresSites: true,
  // Not run: the site table's rows as they are (no readiness).
  notRun: ({ sites }) => ({
    sites: (sites?.table.rows ?? []).map((r) => ({ site: r.site, fibre: r.fibre, ready: r.services ?? [] })),
  }),
  run(ctx) {
    const { t } = ctx;
    const YES = t("sheet.yes");
    const defaults = DEFAULT_REQUIREMENTS[ctx.lang];
    const prefill = defaults.map((r) => ({
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
        scope: defaults.find((d) => d.service === text(r.service))?.scope,
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
        siteNeeds: [],
        gaps: [],
        afterSales,
        note: ctx.note,
        implications,
      });
      return { plan, output: { model: analyseSupport([], reqs) } };
    }
    const sites = ctx.sites.table;
    const names = sites.rows.map((r) => r.site);
    // The solutions' phases: this run's (final phase), else the Solutions sheet's phase column.
    const phases = new Map<string, "short" | "mid" | "long">();
    const results = ctx.output("solutions")?.results;
    if (results)
      for (const r of results)
        if (r.finalPhase) phases.set(r.id, r.finalPhase);
        else {
          const labels: Record<string, "short" | "mid" | "long"> = {
            [t("sheet.phase.short")]: "short",
            [t("sheet.phase.mid")]: "mid",
            [t("sheet.phase.long")]: "long",
          };
          for (const row of schemaRows(SOLUTIONS_TABLE, ctx.inputsOf("solutions"))) {
            const d = decodeRow(SOLUTIONS_TABLE, row);
            const ph = labels[text(d.phaseOverride)];
            if (ph) phases.set(text(d.id), ph);
          }
        }
    const pre = defaultNeeds(names, reqs, (id) => phases.get(id) ?? null);
    const siteNeeds = schemaRows(
      SITE_NEEDS_TABLE,
      ctx.previous,
      names.map((site, i) => ({ site, needs: pre[i].join(ctx.lang === "zh" ? "、" : ", ") })),
    ).filter((r) => text(r[0]) !== "" && names.includes(text(r[0])));
    const needsOf = new Map(siteNeeds.map((r) => [text(r[0]), listItems(text(r[1]))]));
    // What the analyst typed is written back as typed (its separators too), in any language.
    const typedNeeds = new Map(siteNeeds.map((r) => [text(r[0]), text(r[1])]));
    const model = analyseSupport(
      sites.rows,
      reqs,
      names.map((n) => needsOf.get(n) ?? []),
    );
    const { plan } = buildSupportPlan(t, ctx.sites.refs, {
      requirements: reqRows,
      sites: names,
      siteNeeds: names.map((n) => [n, typedNeeds.get(n) ?? ""]),
      gaps: model.matrix.flatMap((m, i) =>
        m.capabilities.map((c, j) => ({ site: i, service: j, c })).filter((g) => g.c === "no" || g.c === "unknown"),
      ),
      afterSales,
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
    });
    return {
      plan,
      output: { model },
      figures: {
        sites: sites.rows.map((r, i) => ({
          site: r.site,
          fibre: r.fibre,
          ready: r.services ?? [],
          readiness: { now: model.matrix[i].readiness, afterWorks: model.matrix[i].afterWorks },
        })),
      },
    };
  },
};
