/**
 * Generate and Refresh: read → parse → model → sheet plan → write, for the steps that exist.
 * The task pane, the standalone preview and the CLI all run this one function; only the
 * `ExcelRun` differs (Excel.run in Office, the emulator elsewhere).
 */
import { translator } from "../i18n";
import type { RevenueRefs } from "../layout/industry";
import type { PreviousInputs } from "../layout/inputs";
import type { InputTableLocation, SheetPlan } from "../layout/plan";
import type { FactorResult } from "../method/factors";
import { analyseIndustry, findCustomer, type IndustryAnalysis } from "../method/industry";
import type { Bridge, SolutionResult } from "../method/solutions";
import type { StepId } from "../method/steps";
import { formatMonth, latestQuarter, parsePeriod, previousPeriod } from "../tables/period";
import { TableError } from "../tables/problems";
import { describeProblem } from "../tables/messages";
import { parseRevenueTable, type RevenueField, type RevenueTable } from "../tables/revenue";
import { parseSiteTable, type SiteTable } from "../tables/sites";
import type { SupportAnalysis } from "../method/support";
import { buildOverviewPlan } from "../layout/overview";
import { columnLetter } from "../tables/text";
import { writeDataCopy, DATA_TABLE } from "./data-copy";
import { fingerprint, fingerprintable } from "./status";
import { CancelledError, readSnapshot, readSource, rectOf, SETTINGS_KEY, type SourceCandidate } from "./read";
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
import { largestCustomer, pickSites, pickSource, problemsError, siteRefs, structuredColumn } from "./sources";
import {
  competitionStep,
  industryStep,
  needsStep,
  overviewSteps,
  planningStep,
  solutionsStep,
  supportStep,
} from "./steps";

export { structuredColumn };

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

const NAME_PREFIX = "SixStep_";

export { CancelledError };
export { AVAILABLE_STEPS, DEFAULT_SETTINGS, InputError, MAIN_INPUT_TABLE };
export type { AnalysisSettings, Figures, Progress };

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
    // Only what a status read would compare: larger sources are hashed for nothing.
    sourceHash: fingerprintable(read.data.values.length, read.data.values[0]?.length ?? 0)
      ? fingerprint(read.data.values)
      : undefined,
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
