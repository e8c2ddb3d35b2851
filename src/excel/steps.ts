/**
 * Each step's glue between the model and its sheet: the plan to write, from the analysis, the
 * analyst's previous inputs (kept by row key) and the settings, plus what the step reports back.
 */
import type { Translate } from "../i18n";
import { buildCompetitionPlan } from "../layout/competition";
import { buildIndustryPlan, type RevenueRefs } from "../layout/industry";
import { inputRows, mergeInputRows, ratingValue, type PreviousInputs } from "../layout/inputs";
import type { InputTableLocation, PlanCell, SheetPlan } from "../layout/plan";
import { analyseCompetition, COMPETITION_FACTOR_COUNT, DEFAULT_COMPETITION } from "../method/competition";
import { analyseFactors, DEFAULT_FACTORS, type FactorResult } from "../method/factors";
import type { IndustryAnalysis } from "../method/industry";
import { PROFILE_FIELDS, profileCompleteness } from "../method/needs";
import { analyseSolutions, DEFAULT_SOLUTION_SETTINGS, parsePhase, revenueBridge } from "../method/solutions";
import { buildNeedsPlan } from "../layout/needs";
import { buildSolutionsPlan } from "../layout/solutions";
import type { StepId } from "../method/steps";
import type { SiteTable } from "../tables/sites";
import { analyseSupport, DEFAULT_REQUIREMENTS, type ServiceRequirement } from "../method/support";
import { buildSupportPlan, type SiteRefs } from "../layout/support";
import { buildPlanningPlan } from "../layout/planning";
import type { OverviewStep } from "../layout/overview";
import { progressTrend, stakeholderSummary, touchpoints } from "../method/planning";
import { MAIN_INPUT_TABLE } from "./settings";

/** The plan for step 1, and the rows it wrote to its input table. */
export function industryStep(
  a: IndustryAnalysis,
  refs: RevenueRefs,
  t: Translate,
  lang: "zh" | "en",
  previous: PreviousInputs | undefined,
  note: string | undefined,
  unit: "yuan" | "wan" = "yuan",
): { plan: SheetPlan; factors: FactorResult[] } {
  const prefill: PlanCell[][] = DEFAULT_FACTORS[lang].flatMap(([g, fs]) => fs.map((f) => [g, f, null, null, null]));
  const rows = inputRows(previous, "factors", prefill, 2, 5);
  const { plan } = buildIndustryPlan(a, refs, t, { factors: rows, note, unit });
  const factors = analyseFactors(
    rows.map((r) => ({
      group: String(r[0] ?? ""),
      factor: String(r[1] ?? ""),
      importance: ratingValue(r[2]),
      ours: ratingValue(r[3]),
      rival: ratingValue(r[4]),
    })),
  );
  return { plan, factors };
}

export function competitionStep(
  t: Translate,
  lang: "zh" | "en",
  ourSetting: string | null,
  previous: PreviousInputs | undefined,
  note: string | undefined,
) {
  const F = COMPETITION_FACTOR_COUNT;
  const d = DEFAULT_COMPETITION[lang];
  const prefill: PlanCell[][] = d.products.flatMap((p) =>
    d.operators.map((o) => [p, o, ...Array<PlanCell>(F).fill(null)]),
  );
  const ratings = inputRows(previous, "ratings", prefill, 2, 2 + F);
  const weights = mergeInputRows([Array<PlanCell>(F).fill(1)], previous?.weights, 0, F)[0];
  const rows = ratings.map((r) => ({
    product: String(r[0] ?? ""),
    operator: String(r[1] ?? ""),
    ratings: r.slice(2, 2 + F).map(ratingValue),
  }));
  const prevOur = previous?.ourOperator?.[0]?.[0];
  const operatorsSeen = [...new Set(rows.map((r) => r.operator).filter(Boolean))];
  const our =
    ourSetting ||
    (typeof prevOur === "string" && prevOur) ||
    (operatorsSeen.includes(d.operators[0]) ? d.operators[0] : (operatorsSeen[0] ?? ""));
  const w = weights.map((x) => ratingValue(x) ?? 0);
  const model = analyseCompetition(rows, w, our);
  const { plan } = buildCompetitionPlan(t, {
    ourOperator: our,
    weights,
    ratings,
    operators: model.operators,
    products: model.products,
    note,
  });
  return { plan, model };
}

export const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

export function needsStep(
  a: IndustryAnalysis,
  refs: RevenueRefs,
  t: Translate,
  lang: "zh" | "en",
  previous: PreviousInputs | undefined,
  note: string | undefined,
  unit: "yuan" | "wan" = "yuan",
) {
  const f = a.focus;
  const known: Record<number, string> = f ? { 0: f.name, 1: f.id, 4: f.industry } : {};
  const prefill: PlanCell[][] = PROFILE_FIELDS[lang].map((field, i) => [field, known[i] ?? null]);
  const rowsOf = (id: string, pre: PlanCell[][], key: number, width: number) =>
    inputRows(previous, id, pre, key, width);
  const profile = rowsOf("profile", prefill, 1, 2);
  const { plan } = buildNeedsPlan(t, refs, {
    profile,
    history: rowsOf("history", [], 2, 2),
    network: rowsOf("network", [], 2, 5),
    goals: rowsOf("goals", [], 2, 3),
    decision: rowsOf("decision", [], 1, 5),
    latent: rowsOf("latent", [], 1, 5),
    services: (f?.services ?? []).map((x) => x.service),
    note,
    unit,
  });
  const named = profile.filter((r) => text(r[0]) !== "");
  return { plan, completeness: profileCompleteness(named.map((r) => r[1])) };
}

export function solutionsStep(
  a: IndustryAnalysis,
  t: Translate,
  previous: PreviousInputs | undefined,
  note: string | undefined,
) {
  const d = DEFAULT_SOLUTION_SETTINGS;
  const settingsRow = mergeInputRows(
    [[d.technicalWeight], [d.policyWeight], [d.benefitHigh], [d.feasibilityHigh], [d.shortAt], [d.midAt]],
    previous?.settings,
    0,
    1,
  ).map((r) => r[0]);
  const solutions = inputRows(previous, "solutions", [], 1, 11);
  const num = (v: PlanCell) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  // The bridge starts with one row per solution that has an expected impact (first time only).
  const prefill: PlanCell[][] = solutions
    .filter((r) => num(r[9]) !== null && num(r[9]) !== 0)
    .map((r) => [r[1], r[9], r[0]]);
  const bridgeRows = inputRows(previous, "bridge", prefill, 1, 3);
  const settings = {
    technicalWeight: num(settingsRow[0]) ?? d.technicalWeight,
    policyWeight: num(settingsRow[1]) ?? d.policyWeight,
    benefitHigh: num(settingsRow[2]) ?? d.benefitHigh,
    feasibilityHigh: num(settingsRow[3]) ?? d.feasibilityHigh,
    shortAt: num(settingsRow[4]) ?? d.shortAt,
    midAt: num(settingsRow[5]) ?? d.midAt,
  };
  const results = analyseSolutions(
    solutions
      .filter((r) => text(r[1]) !== "")
      .map((r) => ({
        id: text(r[0]),
        name: text(r[1]),
        area: text(r[2]),
        annualRevenue: num(r[3]),
        competition: text(r[4]),
        strategy: text(r[5]),
        benefit: num(r[6]),
        technical: num(r[7]),
        policy: num(r[8]),
        monthlyImpact: num(r[9]),
        phaseOverride: parsePhase(r[10]),
      })),
    settings,
  );
  const bridge = revenueBridge(
    a.focus?.monthlyAverage ?? 0,
    bridgeRows
      .filter((r) => text(r[0]) !== "" || num(r[1]) !== null)
      .map((r) => ({ label: text(r[0]), amount: num(r[1]) ?? 0, solutionId: text(r[2]) })),
  );
  const { plan } = buildSolutionsPlan(t, { settings: settingsRow, solutions, bridge: bridgeRows, note });
  return { plan, results, bridge };
}

export function supportStep(
  sites: SiteTable,
  refs: SiteRefs,
  t: Translate,
  lang: "zh" | "en",
  previous: PreviousInputs | undefined,
  note: string | undefined,
) {
  const YES = t("sheet.yes");
  const prefill: PlanCell[][] = DEFAULT_REQUIREMENTS[lang].map((r) => [
    r.service,
    r.needsFibre ? YES : t("sheet.no"),
    r.minCopper,
    r.solutions,
  ]);
  const reqRows = inputRows(previous, "requirements", prefill, 1, 4);
  const reqs: ServiceRequirement[] = reqRows
    .filter((r) => text(r[0]) !== "")
    .map((r) => ({
      service: text(r[0]),
      needsFibre: text(r[1]) === YES,
      minCopper: typeof r[2] === "number" ? r[2] : Number(r[2]) || 0,
      solutions: text(r[3]),
    }));
  const model = analyseSupport(sites.rows, reqs);
  const afterPrefill: PlanCell[][] = reqs.map((r) => [r.service, null, null, null, null, null, null]);
  const afterSales = inputRows(previous, "afterSales", afterPrefill, 1, 7);
  const { plan } = buildSupportPlan(t, refs, {
    requirements: reqRows.filter((r) => text(r[0]) !== ""),
    sites: sites.rows.map((r) => r.site),
    gaps: model.matrix.flatMap((m, i) =>
      m.capabilities.map((c, j) => ({ site: i, service: j, c })).filter((g) => g.c === "no" || g.c === "unknown"),
    ),
    afterSales,
    note,
  });
  return { plan, model };
}

export function planningStep(
  t: Translate,
  previous: PreviousInputs | undefined,
  note: string | undefined,
  defaults: {
    planYear: number;
    fiscalStart: number;
    override: { planYear?: number | null; fiscalStart?: number | null };
  },
  snapshot: { date: number; focusAverage: number | null; bridgeEnd: number | null } | null,
) {
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const prevSettings = previous?.settings;
  const planYear = defaults.override.planYear ?? num(prevSettings?.[0]?.[0]) ?? defaults.planYear;
  const fiscalStart = defaults.override.fiscalStart ?? num(prevSettings?.[1]?.[0]) ?? defaults.fiscalStart;
  const rowsOf = (id: string, key: number, width: number) => inputRows(previous, id, [], key, width);
  const communication = rowsOf("communication", 2, 5);
  const influencers = rowsOf("influencers", 2, 6);
  const progress = rowsOf("progress", 1, 3);
  const people = stakeholderSummary(
    influencers
      .filter((r) => text(r[1]) !== "")
      .map((r) => ({ name: text(r[1]), before: text(r[3]), now: text(r[4]), influence: num(r[5]) })),
  );
  const trend = progressTrend(
    progress
      .filter((r) => num(r[0]) !== null && num(r[1]) !== null)
      .map((r) => ({ date: r[0] as number, score: r[1] as number })),
  );
  let snapshots = rowsOf("snapshots", 1, 6);
  if (snapshot) {
    // Today's row, completed with this sheet's own figures; the same day's row is replaced.
    const row: PlanCell[] = [
      snapshot.date,
      snapshot.focusAverage,
      snapshot.bridgeEnd,
      people.supportIndex,
      trend.latest,
      null,
    ];
    snapshots = mergeInputRows([], [...snapshots, row], 1, 6).map((r) => (r[0] === row[0] ? row : r));
  }
  const tp = communication.map((r) => touchpoints(text(r[3])));
  const campaigns = [...new Set(communication.map((r) => text(r[0])).filter(Boolean))];
  const { plan } = buildPlanningPlan(t, {
    settings: [planYear, fiscalStart],
    team: rowsOf("team", 1, 2),
    tasks: rowsOf("tasks", 3, 9),
    communication,
    touchpoints: [...tp, ...Array(3).fill(null)],
    campaigns,
    visits: rowsOf("visits", 2, 7),
    influencers,
    progress,
    snapshots,
    note,
  });
  const perCampaign = campaigns.map((c) => {
    const mine = communication
      .map((r, i) => (text(r[0]) === c ? tp[i] : null))
      .filter((x): x is { min: number; max: number } => !!x);
    return { campaign: c, min: mine.reduce((a, x) => a + x.min, 0), max: mine.reduce((a, x) => a + x.max, 0) };
  });
  return { plan, supportIndex: people.supportIndex, progress: trend, touchpoints: perCampaign, planYear, fiscalStart };
}

/** The steps the overview lists: our sheets as they stand after this run. */
export function overviewSteps(
  snap: { owned: Record<string, string>; sheets: { id: string; name: string }[] },
  written: { step: StepId; name: string }[],
  inputs: Record<string, InputTableLocation[]>,
): OverviewStep[] {
  const main = MAIN_INPUT_TABLE;
  return (["industry", "competition", "needs", "solutions", "support", "planning"] as StepId[]).map((step) => {
    const name =
      written.find((w) => w.step === step)?.name ?? snap.sheets.find((x) => x.id === snap.owned[step])?.name ?? null;
    const table = (inputs[step] ?? []).find((x) => x.id === main[step]);
    return {
      step,
      sheet: name,
      inputRange: table?.range ?? null,
      keyColumns: table?.keyColumns ?? 1,
      optionalColumns: table?.optionalColumns,
    };
  });
}
