/**
 * Generate and Refresh: read → parse → model → sheet plan → write, for the steps asked for.
 * The task pane, the standalone preview and the CLI all run this one function; only the
 * `ExcelRun` differs (Excel.run in Office, the emulator elsewhere). The steps themselves are the
 * registry's (src/steps): this file reads, resolves, and runs them in dependency order.
 */
import { translator, type Translate } from "../i18n";
import type { PreviousInputs } from "../layout/inputs";
import { validationAlert, type InputTableLocation } from "../layout/plan";
import type { Anchors } from "../layout/anchor";
import { analyseIndustry, findCustomer, focusCandidates, type IndustryAnalysis } from "../method/industry";
import { STEP_IDS, type StepId } from "../steps/meta";
import { orderSteps, STEPS } from "../steps";
import { describeListProblem, normaliseListCells } from "../steps/list-cells";
import type { RegistryFigures, StepContext, StepOutputs, StepRegistry } from "../steps/types";
import { formatMonth, latestQuarter, parsePeriod, previousPeriod, type Period } from "../tables/period";
import { TableError } from "../tables/problems";
import { describeProblem } from "../tables/messages";
import { parseRevenueTable, type RevenueField, type RevenueTable } from "../tables/revenue";
import { resolveSource } from "../tables/source-plan";
import { parseSiteTable } from "../tables/sites";
import { fingerprint, fingerprintable } from "./status";
import {
  CancelledError,
  FIRST_BLOCK_ROWS,
  localAddress,
  ownedInputTables,
  parseRangeName,
  queueInputTables,
  readPlans,
  readSnapshot,
  readSource,
  SETTINGS_KEY,
  type SnapshotHead,
  type SourceCandidate,
} from "./read";
import { chooseRoute } from "./routes";
import { SETTINGS_VERSION } from "./document";
import { alignHeaders, designPrint } from "../layout/print";
import { HEAD } from "../layout/kit";
import { promoteActionTitle } from "../layout/action-title";
import { DATA_TABLE } from "./data-copy";
import type { ExcelRun } from "./run";
import {
  DEFAULT_SETTINGS,
  InputError,
  isoDateSerial,
  paperFor,
  type AnalysisSettings,
  type Progress,
} from "./settings";
import { applyPlan, ProtectedSheetError, queueWriteState, shapesSupported, type WriteState } from "./writer";
import { rectOf } from "../address";
import { largestCustomer, problemsError, siteRefs, structuredColumn } from "./sources";
import { markSampleTables } from "../steps/sample-provenance";
import { pushAll } from "../arrays";

export { structuredColumn };

export interface GenerateOptions {
  /** Step ids to generate (default: every step of the registry). */
  steps?: string[];
  /** Overrides of the saved settings (saved with the result). */
  settings?: Partial<AnalysisSettings>;
  /** Input-table values to start from where the workbook has none (the sample case). */
  seedInputs?: Partial<Record<string, PreviousInputs>>;
  onProgress?: (p: Progress) => void;
  /** Append today's headline figures to the Planning sheet's snapshot history. */
  snapshot?: boolean;
  /** "Today" for snapshots (an Excel serial); defaults to the clock. */
  today?: number;
  /** Checked between syncs; a cancelled run stops before the next step's write. */
  isCancelled?: () => boolean;
  /** The steps to run from (tests register a step of their own); the product's registry by default. */
  registry?: StepRegistry;
  /** Columns named by their header (the command line's --map field=Header). */
  mapHeaders?: Partial<Record<RevenueField, string>>;
  /** With no language asked for or saved, speak the language of the revenue table's headers. */
  detectLang?: boolean;
}

/** The figures every run reports, whichever steps ran (the steps add theirs: `RegistryFigures`). */
export interface RunFigures {
  period: string;
  comparePeriod: string | null;
  unit: "yuan";
  industries: { industry: string; monthlyAverage: number; share: number; growth: number | null }[];
  total: number;
  focus: {
    id: string;
    name: string;
    monthlyAverage: number;
    subIndustry: string;
    subIndustryShare: number;
    growth: number | null;
    services: { service: string; monthlyAverage: number; share: number }[];
  } | null;
}

/**
 * The run's headline figures (what `sixstep --json` writes): the run's own, each step's (declared
 * by the step: src/steps/<id>.ts), and the warnings.
 */
export type Figures = RunFigures & RegistryFigures & { warnings: string[] };

export interface GenerateResult {
  settings: AnalysisSettings;
  figures: Figures;
  sheets: { step: string; name: string; created: boolean }[];
  source: { kind: SourceCandidate["kind"]; name: string; sheet: string; normalised: boolean };
  analysis: IndustryAnalysis;
  /** What each step that ran handed on (a step that did not run has none). */
  outputs: Partial<StepOutputs>;
  /** Where each written sheet's sections put their cells, columns and names, by step (SheetPlan.anchors). */
  anchors: Record<string, Anchors>;
}

export { CancelledError };
export { DEFAULT_SETTINGS, InputError, STEP_IDS };
export type { AnalysisSettings, Progress, StepId };

/** Today as an Excel serial (local calendar day). */
function todaySerial(): number {
  const d = new Date();
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000 + 25_569;
}

/** Everything one sync phase reads: settings, sheets, the revenue and site tables, the inputs. */
async function readAll(run: ExcelRun, opts: GenerateOptions) {
  return run({ delayForCellEdit: true }, async (context) => {
    let early: EarlyReads | null = null;
    const snap = await readSnapshot(context, {
      mapping: opts.settings?.mapping,
      wanted: opts.settings?.revenueTable,
      mapHeaders: opts.mapHeaders,
      // A Refresh: the saved source and sites are read with the tables' headers.
      withHeaders: (head) => {
        early = queueEarlyReads(context, head, opts);
      },
      // …and with the lists too, where they are as the last read of this workbook found them.
      remembered: readPlans.get(run),
    });
    readPlans.set(run, snap.plan);
    const settings: AnalysisSettings = {
      ...DEFAULT_SETTINGS,
      ...snap.settings,
      ...stripUndefined(opts.settings ?? {}),
    };
    // What to read, decided once from the headers read (tables/source-plan).
    const plan = resolveSource(snap.candidates, {
      revenue: settings.revenueTable,
      sites: settings.sitesTable,
      mapping: settings.mapping,
      byHeader: opts.mapHeaders,
    });
    if (opts.detectLang && !opts.settings?.lang && !snap.settings.lang && plan.lang)
      settings.lang = plan.lang === "zh" ? "zh-CN" : "en-US";
    const t = translator(settings.lang);
    if (!plan.ok) throw new InputError(t(plan.problem.key, plan.problem.params));
    const { source, sites: siteSource } = plan;
    // Columns named by header (--map) join the saved mapping.
    if (plan.mapping !== settings.mapping) settings.mapping = plan.mapping;
    const previous = ownedInputTables(snap);
    // What the writes need to know rides with the first block (our sheets' charts, empty namesakes),
    // and so does the site table.
    let writeState: (() => WriteState) | null = null;
    let siteRange: Excel.Range | null = null;
    const siteRect = siteSource ? rectOf(siteSource.address) : null;
    const sitesInline = siteRect !== null && siteRect.r1 - siteRect.r0 < SITE_ROWS_INLINE;
    // What the second sync read at the saved places, where the source and the sites still are.
    const got = early as EarlyReads | null;
    const hit = got !== null && got.source.sheet === source.sheet && got.source.address === source.address;
    const siteHit =
      hit &&
      got.site !== null &&
      siteSource !== null &&
      siteSource.kind === "table" &&
      got.site.name === siteSource.name &&
      localAddress(got.site.range.address) === siteSource.address;
    const data = await readSource(
      context,
      source,
      hit ? [] : previous,
      opts.isCancelled,
      hit && (siteHit || !siteSource || !sitesInline)
        ? undefined
        : () => {
            if (!hit) writeState = queueWriteState(context, snap);
            if (siteSource && sitesInline && !siteHit) {
              siteRange = context.workbook.worksheets.getItem(siteSource.sheet).getRange(siteSource.address);
              siteRange.load("values");
            }
          },
      hit ? { firstBlock: got.block.values, inputs: got.inputs() } : undefined,
    );
    if (hit) writeState = got.writeState;
    if (siteHit) siteRange = got.site!.range;
    const sites = siteSource
      ? sitesInline
        ? {
            values: (siteRange as unknown as Excel.Range).values,
            origin: { row: siteRect!.r0, col: siteRect!.c0 },
            inputs: {},
            blocks: 0,
          }
        : await readSource(context, siteSource, [])
      : null;
    const state = (writeState as unknown as () => WriteState)();
    return { snap, settings, t, source, data, siteSource, sites, state };
  });
}

type Read = Awaited<ReturnType<typeof readAll>>;

/**
 * The next read of this workbook finds the settings this run saved: where the source is now (a
 * table that grew), so its plan of the lists stays good for that read.
 */
function rememberSaved(run: ExcelRun, saved: AnalysisSettings): void {
  const plan = readPlans.get(run);
  if (!plan) return;
  const { revenueTable, sourceAddress, sitesTable } = saved;
  readPlans.set(run, {
    ...plan,
    head: { ...plan.head, settings: { ...plan.head.settings, revenueTable, sourceAddress, sitesTable } },
  });
}

/** A Refresh's reads at the places the document's settings saved, queued with the tables' headers. */
interface EarlyReads {
  source: { sheet: string; address: string };
  block: Excel.Range;
  inputs: () => Record<string, PreviousInputs>;
  writeState: () => WriteState;
  site: { name: string; range: Excel.Range } | null;
}

/**
 * Queues, for the sync that reads the tables' headers, what a run reads once it knows its source:
 * the first block of the saved source, our input tables, what the writes need, and the site table
 * — when the settings name a table as the source with its address, and a source by address or a
 * mapping by header is not asked for. The run uses them only where the source is still there (the
 * headers read in the same sync say so); otherwise it reads as on a first Generate.
 */
function queueEarlyReads(context: Excel.RequestContext, head: SnapshotHead, opts: GenerateOptions): EarlyReads | null {
  const saved = head.settings;
  const name = opts.settings?.revenueTable ?? saved.revenueTable;
  const where = parseRangeName(saved.sourceAddress ?? null);
  if (!name || !where || name !== saved.revenueTable || !head.tableNames.includes(name) || opts.mapHeaders) return null;
  if (!head.sheets.some((s) => s.name === where.sheet)) return null;
  const r = rectOf(where.address);
  const block = context.workbook.worksheets
    .getItem(where.sheet)
    .getRangeByIndexes(r.r0, r.c0, Math.min(FIRST_BLOCK_ROWS, r.r1 - r.r0 + 1), r.c1 - r.c0 + 1);
  block.load("values");
  const inputs = queueInputTables(context, ownedInputTables(head));
  const writeState = queueWriteState(context, head);
  const sitesName = opts.settings?.sitesTable ?? saved.sitesTable;
  let site: EarlyReads["site"] = null;
  if (sitesName && sitesName !== name && head.tableNames.includes(sitesName)) {
    const range = context.workbook.tables.getItem(sitesName).getRange();
    range.load("values,address");
    site = { name: sitesName, range };
  }
  return {
    source: where,
    block,
    inputs,
    writeState,
    site,
  };
}

/** A site table up to this many rows is read with the revenue table's first block. */
const SITE_ROWS_INLINE = 20_000;

/** A table's problems as the located, localised input error. */
function parsed<T>(t: Translate, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof TableError) throw problemsError(e, t);
    throw e;
  }
}

/** The period and comparison period (settings, else the latest quarter and the one before). */
function resolvePeriods(table: RevenueTable, settings: AnalysisSettings, t: Translate) {
  const period = settings.period ? parsePeriod(settings.period) : latestQuarter(table.rows.map((r) => r.month));
  if (!period) throw new InputError(t("run.badPeriod", { value: settings.period ?? "" }));
  const compare = settings.compare ? parsePeriod(settings.compare) : previousPeriod(period);
  if (!compare) throw new InputError(t("run.badPeriod", { value: settings.compare ?? "" }));
  if (!table.rows.some((r) => r.month >= period.from && r.month <= period.to)) {
    let first = Infinity;
    let last = -Infinity;
    for (const r of table.rows) {
      if (r.month < first) first = r.month;
      if (r.month > last) last = r.month;
    }
    throw new InputError(
      t("run.noDataInPeriod", { period: period.label, first: formatMonth(first), last: formatMonth(last) }),
    );
  }
  return { period, compare };
}

/** The steps this run writes: asked for, plus what their formulas need, minus what cannot run. */
function plannedSteps(registry: StepRegistry, opts: GenerateOptions, read: Read, hasSites: boolean, warn: string[]) {
  // Generate all / Refresh all: every step but those generated on demand (the portfolio), which
  // refresh with the rest once the workbook has their sheet.
  const has = (id: string) => read.snap.sheets.some((s) => s.id === read.snap.owned[id]);
  const asked = opts.steps ?? Object.keys(registry).filter((id) => !registry[id].meta.onDemand || has(id));
  let steps = [...asked];
  // A step whose formulas read another step's names needs that sheet: generated first when missing.
  for (const id of asked) {
    for (const dep of registry[id]?.requiresSheet ?? []) {
      if (!has(dep) && !steps.includes(dep)) steps = [dep, ...steps];
    }
  }
  // A snapshot: the step that takes it runs too.
  if (opts.snapshot)
    for (const id of Object.keys(registry)) if (registry[id].snapshot && !steps.includes(id)) steps.push(id);
  // Without a site table, a step that reads one is still written (its inputs, and what to add):
  // the run says so.
  if (!hasSites && steps.some((id) => registry[id]?.requiresSites)) warn.push(read.t("run.noSiteTableSheet"));
  return orderSteps(registry, steps);
}

/**
 * Generates (or refreshes) the requested steps. Reads once, writes each step's sheet in a fixed
 * number of syncs, saves the settings, and returns the headline figures.
 */
export async function generate(run: ExcelRun, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const registry: StepRegistry = opts.registry ?? STEPS;
  // Before the read, the on-demand steps are not counted (the workbook may not have their sheets).
  const expected = opts.steps ?? Object.keys(registry).filter((id) => !registry[id].meta.onDemand);
  opts.onProgress?.({ index: 1, total: expected.length + 1, phase: "read" });
  const read = await readAll(run, opts);
  const { settings, t, source } = read;
  if (opts.isCancelled?.()) throw new CancelledError();

  const table = parsed(t, () =>
    parseRevenueTable({ sheet: source.sheet, values: read.data.values, origin: read.data.origin }, settings.mapping),
  );
  const { period, compare } = resolvePeriods(table, settings, t);
  const focusKey = settings.focus ?? largestCustomer(table, period);
  if (settings.focus) checkFocus(table.rows, settings.focus, t);
  const warnings: string[] = [
    ...read.snap.settingsProblems.map((p) => t(p.key, p.params)),
    ...table.notes.map((p) => describeProblem(p, t)),
  ];
  // The analyst's list cells, read in any language, are handed to the steps in this run's; a
  // value no language reads is kept and reported once the run has named its sheet.
  const listProblems = Object.entries(read.data.inputs).flatMap(([step, inputs]) =>
    normaliseListCells(step, inputs, t, read.snap.inputTables[step]),
  );
  const sites = readSiteTable(read, warnings);
  const steps = plannedSteps(registry, opts, read, !!sites, warnings);

  const route = await chooseRoute(run, source, table, read.data, t, read.state.names, {
    owned: read.state.owned,
    sheets: read.state.sheets,
    table: read.snap.candidates.find((c) => c.kind === "table" && c.name === DATA_TABLE) ?? null,
  });
  if (route.dataSheet) adoptDataSheet(read.state, route.dataSheet);
  if (route.warning) warnings.push(route.warning);
  if (route.converted) {
    // The copy's table made again: the sheets this run leaves read its former cells.
    const left = Object.keys(registry)
      .filter((id) => !steps.includes(id))
      .flatMap((id) => sheetName(read.snap, id) ?? []);
    if (left.length)
      warnings.push(
        t(route.converted === "host" ? "run.copyConverted" : "run.copyMoved", {
          sheet: route.dataSheet!.name,
          sheets: left.join(t("sheet.listSep")),
        }),
      );
  }

  const analysis = analyseIndustry(table.rows, { period, compare, focus: focusKey });
  pushAll(warnings, analysisWarnings(analysis, period, compare, t));

  // The settings saved with the run, completed once the steps have run (what they save: Planning's plan year).
  const savedSettings = (outputs: Record<string, unknown>, refreshed: Record<string, number>): AnalysisSettings => ({
    ...settings,
    ...savedBySteps(registry, outputs),
    ...runSettings(read, { period, compare, focusKey, refreshed }),
  });
  const all = !opts.steps || Object.keys(registry).every((id) => opts.steps!.includes(id));
  let saved: AnalysisSettings | null = null;
  const ran = await runSteps(run, registry, steps, opts, {
    read,
    period,
    analysis,
    rows: table.rows,
    refs: route.refs,
    positions: positionsOf(route.normalised, table.rows.length, read.data),
    key: route.key,
    sites,
    prelude: steps.includes("portfolio") ? both(route.prelude, route.portfolioPrelude) : route.prelude,
    // The run's settings ride with the last sheet's write; after Generate all, the workbook opens
    // on the account plan's first page, the overview.
    last: (outputs, refreshed, step) => (context, sheet) => {
      saved = savedSettings(outputs, refreshed);
      context.workbook.settings.add(SETTINGS_KEY, saved);
      // After a single step (the portfolio included), the workbook shows that step's sheet.
      // (`last` runs with the run's last sheet: the step asked for comes after what it needs.)
      if (!all || registry[step].frontPage) sheet.activate();
    },
  });
  if (!saved) {
    // No step ran (nothing asked for): the settings on their own.
    saved = savedSettings(ran.outputs, ran.refreshed);
    const s = saved;
    await run({ delayForCellEdit: true }, async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, s);
      await context.sync();
    });
  }

  rememberSaved(run, saved);

  // Each named by its sheet: written by this run, else the workbook's.
  for (const p of listProblems) {
    const sheet = ran.sheets.find((s) => s.step === p.step)?.name ?? sheetName(read.snap, p.step) ?? p.step;
    warnings.push(describeListProblem(p, sheet, t));
  }
  return {
    settings: saved!,
    sheets: ran.sheets,
    source: { kind: source.kind, name: source.name, sheet: source.sheet, normalised: route.normalised },
    analysis,
    outputs: ran.outputs as Partial<StepOutputs>,
    anchors: ran.anchors,
    figures: {
      ...runFigures(period, compare, analysis),
      ...stepFigures(registry, { sites }, ran.figures),
      warnings: ran.diagramsSkipped ? [...warnings, t("run.noShapes")] : warnings,
    },
  };
}

/**
 * The site table, parsed (its notes among the warnings), and how formulas name its columns, when
 * the workbook has one.
 */
function readSiteTable(read: Read, warnings: string[]): StepContext["sites"] {
  if (!read.siteSource || !read.sites) return null;
  const { sheet } = read.siteSource;
  const { values, origin } = read.sites;
  const table = parsed(read.t, () => parseSiteTable({ sheet, values, origin }));
  pushAll(
    warnings,
    table.notes.map((p) => describeProblem(p, read.t)),
  );
  return { table, refs: siteRefs(read.siteSource, table, values[0]) };
}

/**
 * Where each revenue row sits in the ranges the refs name: the normalised copy holds the parsed
 * rows in order; a table's or a range's names start below the source's first row (its header).
 */
function positionsOf(normalised: boolean, rows: number, data: Read["data"]): StepContext["positions"] {
  return normalised
    ? { of: (_r, i) => i + 1, rangeRows: rows }
    : { of: (r) => r.sheetRow - data.origin.row - 1, rangeRows: Math.max(1, data.values.length - 1) };
}

/** A step's sheet as the workbook named it before this run, if it has one. */
function sheetName(snap: Read["snap"], step: string): string | undefined {
  return snap.sheets.find((s) => s.id === snap.owned[step])?.name;
}

/** The focus the settings name: not found, or several customers' names contain the text, it is refused (naming them). */
function checkFocus(rows: RevenueTable["rows"], focus: string, t: Translate): void {
  if (findCustomer(rows, focus)) return;
  const candidates = focusCandidates(rows, focus);
  if (candidates.length > 1) {
    const shown = candidates.slice(0, 8).map((c) => c.label);
    if (candidates.length > 8) shown.push("…");
    throw new InputError(
      t("run.focusAmbiguous", { focus, count: candidates.length, candidates: shown.join(t("sheet.listSep")) }),
    );
  }
  throw new InputError(t("run.focusNotFound", { focus }));
}

/** The normalised copy's sheet is ours too: the sheets' writes keep it in the ownership marker. */
function adoptDataSheet(state: WriteState, sheet: { id: string; name: string }): void {
  const { id, name } = sheet;
  state.owned = { ...state.owned, data: id };
  const known = state.sheets.find((s) => s.id === id);
  if (known) known.name = name;
  else state.sheets.push({ id, name, protected: false });
}

/** What the analysis says of the data: no rows in the comparison period, months missing from the period. */
function analysisWarnings(analysis: IndustryAnalysis, period: Period, compare: Period, t: Translate): string[] {
  const out: string[] = [];
  if (analysis.compareMonthsPresent === 0) out.push(t("run.noCompareData", { period: compare.label }));
  if (analysis.missingMonths.length) {
    out.push(
      t("run.missingMonths", {
        months: analysis.missingMonths.map(formatMonth).join(", "),
        period: period.label,
        count: analysis.monthsPresent,
      }),
    );
  }
  return out;
}

/** What the run resolved, saved with its settings: the version, the tables, the refresh dates, the source, the periods and the focus. */
function runSettings(
  read: Read,
  run: { period: Period; compare: Period; focusKey: AnalysisSettings["focus"]; refreshed: Record<string, number> },
): Partial<AnalysisSettings> {
  const { settings, source, data } = read;
  return {
    version: SETTINGS_VERSION,
    revenueTable: source.name,
    sitesTable: read.siteSource ? read.siteSource.name : settings.sitesTable,
    refreshed: run.refreshed,
    sourceAddress: `${source.sheet}!${source.address}`,
    // Only what a status read would compare: larger sources are hashed for nothing.
    sourceHash: fingerprintable(data.values.length, data.values[0]?.length ?? 0) ? fingerprint(data.values) : undefined,
    period: run.period.label,
    compare: run.compare.label,
    focus: run.focusKey,
  };
}

/** What the steps that ran save in the document's settings (the Planning step's plan year). */
function savedBySteps(registry: StepRegistry, outputs: Record<string, unknown>): Partial<AnalysisSettings> {
  const saved: Partial<AnalysisSettings> = {};
  for (const id of Object.keys(outputs)) Object.assign(saved, registry[id].saves?.(outputs[id]));
  return saved;
}

/**
 * The steps' part of the run's figures: each step's always-present keys as they read when it did
 * not run (in the registry's order), overlaid by what the steps that ran reported (a new key in
 * the order they ran). Each step's definition types its part (`notRun`, `run`); here they are
 * gathered by key.
 */
function stepFigures(
  registry: StepRegistry,
  given: Pick<StepContext, "sites">,
  reported: Record<string, unknown>,
): RegistryFigures {
  const figures: Record<string, unknown> = {};
  for (const def of Object.values(registry)) Object.assign(figures, def.notRun?.(given));
  return Object.assign(figures, reported) as RegistryFigures;
}

/** Two queued writes as one (either may be missing). */
function both(
  a?: (context: Excel.RequestContext) => void,
  b?: (context: Excel.RequestContext) => void,
): ((context: Excel.RequestContext) => void) | undefined {
  if (!a || !b) return a ?? b;
  return (context) => {
    a(context);
    b(context);
  };
}

/** Runs each step in order and writes its sheet on its own: a failure leaves the earlier ones whole. */
async function runSteps(
  run: ExcelRun,
  registry: StepRegistry,
  steps: string[],
  opts: GenerateOptions,
  given: Pick<StepContext, "period" | "analysis" | "rows" | "refs" | "positions" | "key" | "sites"> & {
    read: Read;
    /** What the first write adds to its batch (the route's workbook names). */
    prelude?: (context: Excel.RequestContext) => void;
    /** What the last write adds to its batch (the run's settings). */
    last?: (
      outputs: Record<string, unknown>,
      refreshed: Record<string, number>,
      step: string,
    ) => (context: Excel.RequestContext, sheet: Excel.Worksheet) => void;
  },
) {
  const { read } = given;
  const { settings, t } = read;
  const today = opts.today ?? todaySerial();
  // The plan's as-of date: the setting (checked before anything is written), else TODAY().
  const asOf = settings.asOf ? isoDateSerial(settings.asOf) : null;
  if (settings.asOf && asOf === null) throw new InputError(t("run.badAsOf", { value: settings.asOf }));
  const refreshed: Record<string, number> = { ...(read.snap.settings.refreshed ?? {}) };
  // The front page (the overview) shows the others' dates, not its own.
  for (const st of steps) if (!registry[st].frontPage) refreshed[st] = today;
  const outputs: Record<string, unknown> = {};
  const figures: Record<string, unknown> = {};
  const anchors: Record<string, Anchors> = {};
  const metas = Object.fromEntries(Object.entries(registry).map(([id, def]) => [id, def.meta]));
  const sheets: GenerateResult["sheets"] = [];
  const inputTables: Record<string, InputTableLocation[]> = { ...read.snap.inputTables };
  const note = settings.sample ? t("sheet.sampleNote") : t("sheet.source", { table: read.source.name });
  // Diagrams a host without the shapes API (ExcelApi 1.9) could not draw: the run says so.
  let diagramsSkipped = false;
  for (let i = 0; i < steps.length; i++) {
    const id = steps[i];
    if (opts.isCancelled?.()) throw new CancelledError();
    opts.onProgress?.({ index: i + 2, total: steps.length + 1, phase: id as StepId });
    const ctx: StepContext = {
      ...given,
      t,
      lang: settings.lang === "zh-CN" ? "zh" : "en",
      unit: settings.unit,
      settings,
      requested: opts.settings ?? {},
      note,
      // An on-demand step generated later in a sample workbook still starts from the sample's seed.
      previous:
        read.data.inputs[id] ?? opts.seedInputs?.[id] ?? (settings.sample ? registry[id].sampleInputs?.() : undefined),
      today,
      asOf,
      snapshot: !!opts.snapshot,
      output: (k) => outputs[k] as never,
      inputsOf: (step) => read.data.inputs[step] ?? opts.seedInputs?.[step],
      steps: metas,
      workbook: { owned: read.snap.owned, sheets: read.snap.sheets, written: sheets, inputTables, refreshed },
    };
    const result = registry[id].run(ctx);
    // The sample's input tables say which of their facts are the original case's, and from which page.
    if (settings.sample) markSampleTables(result.plan, id, t, ctx.lang);
    // Excel's UI refuses an invalid typed entry with this alert, in the sheet's language.
    for (const v of result.plan.validations ?? []) v.alert ??= validationAlert(v, t);
    if (result.plan.print) {
      // Every page says whose plan, which step, and which page of how many.
      const account = given.analysis.focus?.name ?? "";
      result.plan.print.header = [account, result.plan.name, given.period.label];
      // The page number at the right: the sample's long note at the left would run into a centred one.
      result.plan.print.footer = [note ?? "", "", t("print.page")];
      // The sheet's conclusion under its name (issue 28), then the print designed around it: at a
      // readable scale on the run's paper, cut between blocks.
      alignHeaders(result.plan, HEAD.fill!);
      designPrint(result.plan, paperFor(settings));
      // After the column bands are known: the title spans the first band, not the page break.
      promoteActionTitle(result.plan);
    }
    outputs[id] = result.output;
    anchors[id] = result.plan.anchors ?? {};
    Object.assign(figures, result.figures);
    inputTables[id] = result.plan.inputTables ?? [];
    let res;
    try {
      const isLast = i === steps.length - 1;
      // The route's writes ride with the first sheet; the run's settings with the last.
      const before = i === 0 ? given.prelude : undefined;
      const after = isLast && given.last ? given.last(outputs, refreshed, id) : undefined;
      res = await applyPlan(run, result.plan, read.state, { first: before, last: after });
    } catch (e) {
      if (e instanceof ProtectedSheetError) throw new InputError(t("run.protectedSheet", { sheet: e.sheet }));
      throw e;
    }
    sheets.push({ step: id, name: res.sheetName, created: res.created });
    if (result.plan.diagrams?.length && !shapesSupported()) diagramsSkipped = true;
  }
  return { outputs, figures, sheets, refreshed, diagramsSkipped, anchors };
}

/** The figures every run reports, whichever steps ran; the steps add theirs. */
function runFigures(period: Period, compare: Period, analysis: IndustryAnalysis): RunFigures {
  const f = analysis.focus;
  return {
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
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
