/** Step 4 — customised solutions: feasibility, quadrant, phase and rank; the revenue bridge. */
import { decodeRow, schemaRows } from "../layout/kit";
import { mergeInputRows } from "../layout/inputs";
import {
  BRIDGE_TABLE,
  buildSolutionsPlan,
  LINE_MAP_TABLE,
  LINES_TABLE,
  PRINCIPLES_TABLE,
  SOLUTIONS_TABLE,
} from "../layout/solutions";
import { defaultLines, DEFAULT_PRINCIPLES, FAMILY_LABEL, lineFigures, lineOf } from "../method/lines";
import { analyseSolutions, DEFAULT_SOLUTION_SETTINGS, parsePhase, revenueBridge } from "../method/solutions";
import { cellNumber as num, cellText as text } from "./cells";
import type { PlanCell } from "../layout/plan";
import type { StepDefinition, StepOutputs } from "./types";

export const solutions: StepDefinition<"solutions", StepOutputs["solutions"]> = {
  id: "solutions",
  after: [],
  // The bridge starts from step 1's focus-customer average; the lines read its period and focus (workbook names).
  requiresSheet: ["industry"],
  run(ctx) {
    const d = DEFAULT_SOLUTION_SETTINGS;
    const settingsRow = mergeInputRows(
      [[d.technicalWeight], [d.policyWeight], [d.benefitHigh], [d.feasibilityHigh], [d.shortAt], [d.midAt]],
      ctx.previous?.settings,
      0,
      1,
    ).map((r) => r[0]);
    const rows = schemaRows(SOLUTIONS_TABLE, ctx.previous);
    const records = rows.map((r) => decodeRow(SOLUTIONS_TABLE, r));
    // The bridge starts with one row per solution that has an expected impact (first time only).
    const prefill = records
      .filter((r) => num(r.monthlyImpact) !== null && num(r.monthlyImpact) !== 0)
      .map((r) => ({ label: r.name, amount: r.monthlyImpact, solutionId: r.id }));
    const bridgeRows = schemaRows(BRIDGE_TABLE, ctx.previous, prefill);
    // A bridge row of a solution with an expected impact takes the impact by formula (one number
    // in one place), unless the analyst typed another amount there.
    const impactOf = new Map(
      records
        .filter((r) => text(r.id) !== "" && num(r.monthlyImpact) !== null)
        .map((r) => [text(r.id), num(r.monthlyImpact)!] as const),
    );
    const bridgeLinks = bridgeRows.map((r) => {
      const b = decodeRow(BRIDGE_TABLE, r);
      const impact = impactOf.get(text(b.solutionId));
      const amount = num(b.amount);
      const linked =
        impact !== undefined && (b.amount === null || (amount !== null && Math.abs(amount - impact) < 0.005));
      // The model takes the amount the formula will show.
      if (linked) r[1] = impact;
      return linked;
    });
    const settings = {
      technicalWeight: num(settingsRow[0]) ?? d.technicalWeight,
      policyWeight: num(settingsRow[1]) ?? d.policyWeight,
      benefitHigh: num(settingsRow[2]) ?? d.benefitHigh,
      feasibilityHigh: num(settingsRow[3]) ?? d.feasibilityHigh,
      shortAt: num(settingsRow[4]) ?? d.shortAt,
      midAt: num(settingsRow[5]) ?? d.midAt,
    };
    const results = analyseSolutions(
      records
        .filter((r) => text(r.name) !== "")
        .map((r) => ({
          id: text(r.id),
          name: text(r.name),
          area: text(r.area),
          annualRevenue: num(r.annualRevenue),
          competition: text(r.competition),
          strategy: text(r.strategy),
          benefit: num(r.benefit),
          technical: num(r.technical),
          policy: num(r.policy),
          monthlyImpact: num(r.monthlyImpact),
          phaseOverride: parsePhase(r.phaseOverride),
        })),
      settings,
    );
    const bridge = revenueBridge(
      ctx.analysis.focus?.monthlyAverage ?? 0,
      bridgeRows
        .map((r) => decodeRow(BRIDGE_TABLE, r))
        .filter((r) => text(r.label) !== "" || num(r.amount) !== null)
        .map((r) => ({ label: text(r.label), amount: num(r.amount) ?? 0, solutionId: text(r.solutionId) })),
    );
    // Service lines: the deck's four, each service of the focus customer on the line its name suggests.
    const services = ctx.analysis.focus?.services ?? [];
    const mapRows = schemaRows(
      LINE_MAP_TABLE,
      ctx.previous,
      services.map((s) => ({ service: s.service, line: lineOf(s.service, ctx.lang) || null })),
    );
    const lineRows = schemaRows(
      LINES_TABLE,
      ctx.previous,
      defaultLines(ctx.lang).map((l) => ({ line: l.line, family: ctx.t(FAMILY_LABEL[l.family]) })),
    );
    const principles = schemaRows(
      PRINCIPLES_TABLE,
      ctx.previous,
      DEFAULT_PRINCIPLES[ctx.lang].map((principle) => ({ principle })),
    );
    const map = new Map(
      mapRows
        .map((r) => decodeRow(LINE_MAP_TABLE, r))
        .filter((r) => text(r.service) !== "")
        .map((r) => [text(r.service), text(r.line)] as const),
    );
    const lines = lineFigures(
      lineRows
        .map((r) => decodeRow(LINES_TABLE, r))
        .filter((r) => text(r.line) !== "")
        .map((r) => ({ line: text(r.line), family: text(r.family) })),
      services,
      map,
      records.map((r) => ({ line: text(r.area), annualRevenue: num(r.annualRevenue) })),
    );
    const { plan } = buildSolutionsPlan(ctx.t, {
      lines: { map: mapRows, lines: lineRows, refs: ctx.refs, key: ctx.key },
      principles,
      settings: settingsRow,
      solutions: rows,
      bridge: bridgeRows,
      bridgeLinks,
      unit: ctx.unit,
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
    });
    return {
      plan,
      output: { results, bridge, lines },
      figures: {
        solutions: results.map((x) => ({
          id: x.id,
          name: x.name,
          feasibility: x.feasibility,
          quadrant: x.quadrant,
          phase: x.finalPhase,
          rank: x.rank,
        })),
        bridge: { start: bridge.start, end: bridge.end, growth: bridge.growth },
        serviceLines: lines,
      },
    };
  },
};
