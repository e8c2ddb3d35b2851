/**
 * Generate and Refresh: read → parse → model → sheet plan → write, for the steps that exist.
 * The task pane, the standalone preview and the CLI all run this one function; only the
 * `ExcelRun` differs (Excel.run in Office, the emulator elsewhere).
 */
import { translator, type Translate } from "../i18n";
import { buildCompetitionPlan } from "../layout/competition";
import { buildIndustryPlan, type RevenueRefs } from "../layout/industry";
import { inputRows, mergeInputRows, ratingValue, type PreviousInputs } from "../layout/inputs";
import type { InputTableLocation, PlanCell, SheetPlan } from "../layout/plan";
import { analyseCompetition, COMPETITION_FACTOR_COUNT, DEFAULT_COMPETITION } from "../method/competition";
import { analyseFactors, DEFAULT_FACTORS, type FactorResult } from "../method/factors";
import { analyseIndustry, findCustomer, type IndustryAnalysis } from "../method/industry";
import { PROFILE_FIELDS, profileCompleteness } from "../method/needs";
import {
  analyseSolutions,
  DEFAULT_SOLUTION_SETTINGS,
  parsePhase,
  revenueBridge,
  type Bridge,
  type SolutionResult,
} from "../method/solutions";
import { buildNeedsPlan } from "../layout/needs";
import { buildSolutionsPlan } from "../layout/solutions";
import type { StepId } from "../method/steps";
import { formatMonth, latestQuarter, parsePeriod, previousPeriod, type Period } from "../tables/period";
import { TableError } from "../tables/problems";
import { describeProblem } from "../tables/messages";
import {
  mapColumns,
  mapFields,
  parseRevenueTable,
  REQUIRED_REVENUE_FIELDS,
  type RevenueField,
  type RevenueTable,
} from "../tables/revenue";
import { parseSiteTable, SITE_ALIASES, SITE_FIELDS, type SiteField, type SiteTable } from "../tables/sites";
import { analyseSupport, DEFAULT_REQUIREMENTS, type ServiceRequirement, type SupportAnalysis } from "../method/support";
import { buildSupportPlan, type SiteRefs } from "../layout/support";
import { buildPlanningPlan } from "../layout/planning";
import { buildOverviewPlan, type OverviewStep } from "../layout/overview";
import { progressTrend, stakeholderSummary, touchpoints } from "../method/planning";
import { columnLetter } from "../tables/text";
import { writeDataCopy, DATA_TABLE } from "./data-copy";
import { fingerprint } from "./status";
import {
  CancelledError,
  parseRangeName,
  rangeName,
  readSnapshot,
  readSource,
  rectOf,
  SETTINGS_KEY,
  type SourceCandidate,
} from "./read";
import type { ExcelRun } from "./run";
import {
  AVAILABLE_STEPS,
  DEFAULT_SETTINGS,
  InputError,
  MAIN_INPUT_TABLE,
  type AnalysisSettings,
  type Figures,
  type Progress,
} from "./settings";
import { applyPlan } from "./writer";

/** Steps whose formulas read names step 1 defines (period, focus customer, its average). */
const NEEDS_INDUSTRY: StepId[] = ["needs", "solutions"];

export interface GenerateOptions {
  steps?: StepId[];
  /** Overrides of the saved settings (saved with the result). */
  settings?: Partial<AnalysisSettings>;
  /** Input-table values to start from where the workbook has none (the sample case). */
  seedInputs?: Partial<Record<StepId, PreviousInputs>>;
  onProgress?: (p: Progress) => void;
  /** Append today's headline figures to the Planning sheet's snapshot history. */
  snapshot?: boolean;
  /** "Today" for snapshots (an Excel serial); defaults to the clock. */
  today?: number;
  /** Checked between syncs; a cancelled run stops before the next step's write. */
  isCancelled?: () => boolean;
}

export interface GenerateResult {
  settings: AnalysisSettings;
  figures: Figures;
  sheets: { step: StepId; name: string; created: boolean }[];
  source: { kind: SourceCandidate["kind"]; name: string; sheet: string; normalised: boolean };
  analysis: IndustryAnalysis;
  factors: FactorResult[];
  solutions: SolutionResult[];
  bridge: Bridge | null;
  support: SupportAnalysis | null;
}

export { CancelledError };
export { AVAILABLE_STEPS, DEFAULT_SETTINGS, InputError, MAIN_INPUT_TABLE };
export type { AnalysisSettings, Figures, Progress };

/** Quotes a header for a structured reference: ' escapes [ ] # and '. */
export function structuredColumn(table: string, header: string): string {
  return `${table}[${String(header).replace(/(['#[\]])/g, "'$1")}]`;
}

const NAME_PREFIX = "SixStep_";

function largestCustomer(table: RevenueTable, p: Period): string | null {
  const sums = new Map<string, number>();
  for (const r of table.rows) {
    if (r.month < p.from || r.month > p.to) continue;
    const k = r.customerId || r.customer;
    sums.set(k, (sums.get(k) ?? 0) + r.amount);
  }
  let best: string | null = null;
  for (const [k, v] of sums) if (best === null || v > sums.get(best)!) best = k;
  return best;
}

function pickSource(candidates: SourceCandidate[], wanted: string | null, t: Translate): SourceCandidate {
  if (wanted) {
    const byAddress = parseRangeName(wanted);
    const w = (byAddress ? rangeName(byAddress.sheet, byAddress.address) : wanted.trim()).toLowerCase();
    const hit =
      candidates.find((c) => c.kind !== "range" && c.name.toLowerCase() === w) ??
      candidates.find((c) => c.name.toLowerCase() === w) ??
      candidates.find((c) => c.sheet.toLowerCase() === w);
    if (!hit) throw new InputError(t("run.tableNotFound", { name: wanted }));
    return hit;
  }
  const hit = candidates.find((c) => c.kind === "table" && c.matches) ?? candidates.find((c) => c.matches);
  if (hit) return hit;
  // None fits: the closest one (most required columns found, at least two) is read, so the
  // message can say which of its columns is missing; otherwise say that there is no table.
  const score = (c: SourceCandidate) => {
    const m = mapColumns(c.headers);
    return REQUIRED_REVENUE_FIELDS.filter((f) => m[f] !== undefined).length;
  };
  const closest = [...candidates].sort((a, b) => score(b) - score(a))[0];
  if (closest && score(closest) >= 2) return closest;
  throw new InputError(t("run.noRevenueTable"));
}

/** References to the site table's columns: structured for a table, A1 ranges for a plain range. */
function siteRefs(source: SourceCandidate, sites: SiteTable, headers: unknown[]): SiteRefs {
  const r = rectOf(source.address);
  const ref = (f: SiteField): string | undefined => {
    const i = sites.mapping[f];
    if (i === undefined) return undefined;
    if (source.kind === "table") return structuredColumn(source.name, String(headers[i] ?? ""));
    const letter = columnLetter(r.c0 + i);
    return `'${source.sheet.replace(/'/g, "''")}'!$${letter}$${r.r0 + 2}:$${letter}$${r.r1 + 1}`;
  };
  return { site: ref("site")!, fibre: ref("fibre"), copper: ref("copperPairs"), services: ref("services") };
}

function pickSites(
  candidates: SourceCandidate[],
  revenue: SourceCandidate,
  wanted: string | null,
): SourceCandidate | null {
  const fits = (c: SourceCandidate) => {
    const m = mapFields(c.headers, SITE_FIELDS, SITE_ALIASES);
    return m.site !== undefined && [m.fibre, m.copperPairs, m.services].filter((x) => x !== undefined).length >= 2;
  };
  if (wanted) {
    const w = wanted.trim().toLowerCase();
    return candidates.find((c) => c.name.toLowerCase() === w || c.sheet.toLowerCase() === w) ?? null;
  }
  return candidates.find((c) => c !== revenue && fits(c)) ?? null;
}

function problemsError(e: TableError, t: Translate): InputError {
  return new InputError(e.problems.map((p) => describeProblem(p, t)).join("\n"), e.problems);
}

/** The plan for step 1, and the rows it wrote to its input table. */
function industryStep(
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

function competitionStep(
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

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

function needsStep(
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

function solutionsStep(
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

function supportStep(
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

function planningStep(
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
function overviewSteps(
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

/** Today as an Excel serial (local calendar day). */
function todaySerial(): number {
  const d = new Date();
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000 + 25_569;
}

/**
 * Generates (or refreshes) the requested steps. Reads once, writes each step's sheet in a fixed
 * number of syncs, saves the settings, and returns the headline figures.
 */
export async function generate(run: ExcelRun, opts: GenerateOptions = {}): Promise<GenerateResult> {
  let steps = (opts.steps ?? AVAILABLE_STEPS).filter((s) => AVAILABLE_STEPS.includes(s));
  let total = steps.length + 1;
  opts.onProgress?.({ index: 1, total, phase: "read" });

  // ---- read --------------------------------------------------------------------------------
  const read = await run({ delayForCellEdit: true }, async (context) => {
    const snap = await readSnapshot(context, { mapping: opts.settings?.mapping, wanted: opts.settings?.revenueTable });
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      ...(snap.settings as Partial<AnalysisSettings>),
      ...stripUndefined(opts.settings ?? {}),
    };
    const t = translator(settings.lang);
    const source = pickSource(snap.candidates, settings.revenueTable, t);
    const previous = Object.entries(snap.inputTables)
      .filter(([step]) => snap.sheets.some((s) => s.id === snap.owned[step]))
      .map(([step, tables]) => ({ sheetId: snap.owned[step], step, tables }));
    const data = await readSource(context, source, previous, opts.isCancelled);
    const siteSource = pickSites(snap.candidates, source, settings.sitesTable);
    const sites = siteSource ? await readSource(context, siteSource, []) : null;
    return { snap, settings, t, source, data, siteSource, sites };
  });
  const { settings, t, source } = read;
  if (opts.isCancelled?.()) throw new CancelledError();
  // Steps 3–4 read names step 1 defines: without our Industry sheet, generate it first.
  const industryExists = read.snap.sheets.some((s) => s.id === read.snap.owned.industry);
  if (!steps.includes("industry") && !industryExists && steps.some((s) => NEEDS_INDUSTRY.includes(s)))
    steps = ["industry", ...steps];

  let table: RevenueTable;
  try {
    table = parseRevenueTable(
      { sheet: source.sheet, values: read.data.values, origin: read.data.origin },
      settings.mapping,
    );
  } catch (e) {
    if (e instanceof TableError) throw problemsError(e, t);
    throw e;
  }
  const period = settings.period ? parsePeriod(settings.period) : latestQuarter(table.rows.map((r) => r.month));
  if (!period) throw new InputError(t("run.badPeriod", { value: settings.period ?? "" }));
  const compare = settings.compare ? parsePeriod(settings.compare) : previousPeriod(period);
  if (!compare) throw new InputError(t("run.badPeriod", { value: settings.compare ?? "" }));
  const months = table.rows.map((r) => r.month);
  const firstMonth = Math.min(...months);
  const lastMonth = Math.max(...months);
  if (!table.rows.some((r) => r.month >= period.from && r.month <= period.to)) {
    throw new InputError(
      t("run.noDataInPeriod", { period: period.label, first: formatMonth(firstMonth), last: formatMonth(lastMonth) }),
    );
  }
  const focusKey = settings.focus ?? largestCustomer(table, period);
  if (settings.focus && !findCustomer(table.rows, settings.focus)) {
    throw new InputError(t("run.focusNotFound", { focus: settings.focus }));
  }
  const warnings: string[] = table.notes.map((p) => describeProblem(p, t));
  let siteTable: SiteTable | null = null;
  if (read.siteSource && read.sites) {
    try {
      siteTable = parseSiteTable({
        sheet: read.siteSource.sheet,
        values: read.sites.values,
        origin: read.sites.origin,
      });
    } catch (e) {
      if (e instanceof TableError) throw problemsError(e, t);
      throw e;
    }
    warnings.push(...siteTable.notes.map((p) => describeProblem(p, t)));
  }
  if (!siteTable && steps.includes("support")) {
    steps = steps.filter((x) => x !== "support");
    if (opts.steps?.includes("support")) warnings.push(t("run.noSiteTable"));
  }

  // ---- where the formulas read -------------------------------------------------------------
  const fieldHeader = (f: RevenueField) => String(read.data.values[0][table.mapping[f]!] ?? "");
  let refs: RevenueRefs;
  let normalised = false;
  const fields: RevenueField[] = ["period", "amount", "industry", "service", "customerId", "customer", "subIndustry"];
  const present = fields.filter((f) => table.mapping[f] !== undefined);
  /** The formulas' references, one per field, from how this source names a column. */
  const refsOf = (col: (f: RevenueField) => string): RevenueRefs => {
    const optional = (f: RevenueField) => (table.mapping[f] === undefined ? undefined : col(f));
    return {
      month: col("period"),
      amount: col("amount"),
      industry: col("industry"),
      service: col("service"),
      customer: col("customer"),
      customerId: optional("customerId"),
      subIndustry: optional("subIndustry"),
    };
  };
  if (!table.directlyReadable) {
    normalised = true;
    const sheetName = await writeDataCopy(run, table, t);
    warnings.push(t("run.normalisedCopy", { sheet: sheetName }));
    const col = (f: RevenueField) => `${DATA_TABLE}[${f}]`;
    refs = refsOf(col);
  } else if (source.kind === "table") {
    const col = (f: RevenueField) => structuredColumn(source.name, fieldHeader(f));
    refs = refsOf(col);
  } else {
    // A plain range: one workbook name per column, re-pointed on every Refresh as the range grows.
    const r = rectOf(source.address);
    const top = r.r0 + 2;
    const bottom = r.r1 + 1;
    const c0 = read.data.origin.col;
    const quoted = `'${source.sheet.replace(/'/g, "''")}'`;
    await run({ delayForCellEdit: true }, async (context) => {
      const names = context.workbook.names;
      const existing = present.map((f) => {
        const n = names.getItemOrNullObject(NAME_PREFIX + f);
        n.load("name");
        return { f, n };
      });
      await context.sync();
      for (const { f, n } of existing) {
        const letter = columnLetter(c0 + table.mapping[f]!);
        const ref = `=${quoted}!$${letter}$${top}:$${letter}$${Math.max(top, bottom)}`;
        if (n.isNullObject) names.add(NAME_PREFIX + f, ref);
        else n.formula = ref;
      }
      await context.sync();
    });
    warnings.push(t("run.rangeNames"));
    const col = (f: RevenueField) => NAME_PREFIX + f;
    refs = refsOf(col);
  }

  // ---- model -------------------------------------------------------------------------------
  const analysis = analyseIndustry(table.rows, { period, compare, focus: focusKey });
  if (analysis.compareMonthsPresent === 0) warnings.push(t("run.noCompareData", { period: compare.label }));
  if (analysis.missingMonths.length) {
    warnings.push(
      t("run.missingMonths", {
        months: analysis.missingMonths.map(formatMonth).join(", "),
        period: period.label,
        count: analysis.monthsPresent,
      }),
    );
  }

  // ---- write -------------------------------------------------------------------------------
  const lang = settings.lang === "zh-CN" ? "zh" : "en";
  const note = settings.sample ? t("sheet.sampleNote") : t("sheet.source", { table: source.name });
  const inputsFor = (step: StepId): PreviousInputs | undefined => read.data.inputs[step] ?? opts.seedInputs?.[step];
  const sheets: GenerateResult["sheets"] = [];
  let factors: FactorResult[] = [];
  let competition: Figures["competition"] = null;
  let completeness: number | null = null;
  let solutionResults: SolutionResult[] = [];
  let bridge: Bridge | null = null;
  let support: SupportAnalysis | null = null;
  let planning: Figures["planning"] = null;
  if (opts.snapshot && !steps.includes("planning")) steps = [...steps, "planning"];
  const writtenInputs: Record<string, InputTableLocation[]> = {};
  const today = opts.today ?? todaySerial();
  const refreshed: Record<string, number> = {
    ...((read.snap.settings as { refreshed?: Record<string, number> }).refreshed ?? {}),
  };
  for (const st of steps) if (st !== "overview") refreshed[st] = today;
  total = steps.length + 1;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (opts.isCancelled?.()) throw new CancelledError();
    opts.onProgress?.({ index: i + 2, total, phase: step });
    let plan: SheetPlan;
    if (step === "industry") {
      const r = industryStep(analysis, refs, t, lang, inputsFor("industry"), note, settings.unit);
      plan = r.plan;
      factors = r.factors;
    } else if (step === "competition") {
      const r = competitionStep(t, lang, settings.ourOperator, inputsFor("competition"), note);
      plan = r.plan;
      competition = { ourOperator: r.model.ourOperator, leads: r.model.leads, lags: r.model.lags };
    } else if (step === "needs") {
      const r = needsStep(analysis, refs, t, lang, inputsFor("needs"), note, settings.unit);
      plan = r.plan;
      completeness = r.completeness;
    } else if (step === "planning") {
      const r = planningStep(
        t,
        inputsFor("planning"),
        note,
        {
          planYear: period ? Math.floor(period.to / 12) + 1 : new Date().getFullYear(),
          fiscalStart: 1,
          override: { planYear: opts.settings?.planYear, fiscalStart: opts.settings?.fiscalStart },
        },
        opts.snapshot
          ? { date: today, focusAverage: analysis.focus?.monthlyAverage ?? null, bridgeEnd: bridge?.end ?? null }
          : null,
      );
      plan = r.plan;
      planning = {
        supportIndex: r.supportIndex,
        progress: r.progress,
        touchpoints: r.touchpoints,
        planYear: r.planYear,
      };
    } else if (step === "overview") {
      plan = buildOverviewPlan(t, {
        steps: overviewSteps(read.snap, sheets, { ...read.snap.inputTables, ...writtenInputs }).map((x) => ({
          ...x,
          refreshed: refreshed[x.step] ?? null,
        })),
        today,
        note,
      }).plan;
    } else if (step === "support") {
      const r = supportStep(
        siteTable!,
        siteRefs(read.siteSource!, siteTable!, read.sites!.values[0]),
        t,
        lang,
        inputsFor("support"),
        note,
      );
      plan = r.plan;
      support = r.model;
    } else {
      const r = solutionsStep(analysis, t, inputsFor("solutions"), note);
      plan = r.plan;
      solutionResults = r.results;
      bridge = r.bridge;
    }
    writtenInputs[step] = plan.inputTables ?? [];
    // Each step is written on its own: a failure leaves the earlier steps complete.

    const res = await applyPlan(run, plan);
    sheets.push({ step, name: res.sheetName, created: res.created });
  }

  const saved: AnalysisSettings = {
    ...settings,
    revenueTable: source.name,
    sitesTable: read.siteSource ? read.siteSource.name : settings.sitesTable,
    planYear: planning?.planYear ?? settings.planYear,
    refreshed,
    sourceAddress: `${source.sheet}!${source.address}`,
    sourceHash: fingerprint(read.data.values),
    period: period.label,
    compare: compare.label,
    focus: focusKey,
  };
  await run({ delayForCellEdit: true }, async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, saved);
    await context.sync();
  });

  const f = analysis.focus;
  return {
    settings: saved,
    sheets,
    source: { kind: source.kind, name: source.name, sheet: source.sheet, normalised },
    analysis,
    factors,
    solutions: solutionResults,
    bridge,
    support,
    figures: {
      period: period.label,
      comparePeriod: compare.label,
      unit: "yuan",
      industries: analysis.industries.map((x) => ({
        industry: x.industry,
        monthlyAverage: x.monthlyAverage,
        share: x.share,
        growth: x.growth,
      })),
      total: analysis.total,
      focus: f
        ? {
            id: f.id,
            name: f.name,
            monthlyAverage: f.monthlyAverage,
            subIndustry: f.segment,
            subIndustryShare: f.segmentShare,
            growth: f.growth,
            services: f.services,
          }
        : null,
      factors: factors
        .filter((x) => x.factor)
        .map((x) => ({ factor: x.factor, gap: x.gap, priority: x.priority, rank: x.rank })),
      competition,
      profileCompleteness: completeness,
      solutions: solutionResults.map((x) => ({
        id: x.id,
        name: x.name,
        feasibility: x.feasibility,
        quadrant: x.quadrant,
        phase: x.finalPhase,
        rank: x.rank,
      })),
      bridge: bridge ? { start: bridge.start, end: bridge.end, growth: bridge.growth } : null,
      sites: (siteTable?.rows ?? []).map((r) => ({ site: r.site, fibre: r.fibre, ready: r.services ?? [] })),
      planning,
      warnings,
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
