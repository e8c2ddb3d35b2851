/** Step 4 — customised solutions: feasibility, quadrant, phase and rank; the revenue bridge. */
import { decodeRow, schemaRows } from "../layout/kit";
import { mergeInputRows } from "../layout/inputs";
import {
  BRIDGE_TABLE,
  buildSolutionsPlan,
  INFO_AREAS_TABLE,
  LINE_MAP_TABLE,
  MEASURES_TABLE,
  LINES_TABLE,
  PRINCIPLES_TABLE,
  SOLUTIONS_TABLE,
} from "../layout/solutions";
import { defaultLines, DEFAULT_PRINCIPLES, FAMILY_LABEL, lineFigures, lineOf, type LineFigure } from "../method/lines";
import {
  analyseSolutions,
  DEFAULT_SOLUTION_SETTINGS,
  parsePhase,
  revenueBridge,
  type Bridge,
  type SolutionResult,
} from "../method/solutions";
import { cellNumber as num, cellText as text } from "./cells";
import type { PlanCell } from "../layout/plan";
import { PIPELINE_TABLE } from "../layout/pipeline";
import { BRIDGE_SOURCE_LIST, listKey, readList, STAGE_LIST, writeList } from "../method/lists";
import { MAX_CENTRES, previousMarks, previousValues, previousWeights } from "../layout/whitespace";
import {
  analysePipeline,
  bridgeAmount,
  STAGES,
  STAGE_PROBABILITY,
  type Opportunity,
  type BridgeSource,
  type Pipeline,
  type Stage,
} from "../method/pipeline";
import { analyseWhitespace, defaultWeights, peerSpend, type Offering, type Whitespace } from "../method/whitespace";
import { monthToSerial } from "../tables/period";
import { customerKeying } from "../method/industry";
import { STEP_META } from "./meta";
import type { StepContext, StepDefinition } from "./types";
import { sampleBridgeSources } from "./sample-provenance";

/** The deck's information-application areas (p.23), A–F. */
const INFO_AREAS: Record<"zh" | "en", string[]> = {
  zh: ["虚拟网", "电话回访中心", "网络投保", "远程办公", "电视会议系统", "移动办公"],
  en: [
    "Virtual network",
    "Call-back centre",
    "Online insurance",
    "Remote office",
    "Video conferencing",
    "Mobile office",
  ],
};

/** What step 4 hands on: the solutions rated, the bridge, the service lines, the pipeline and the whitespace. */
export interface SolutionsOutput {
  results: SolutionResult[];
  bridge: Bridge;
  lines: LineFigure[];
  pipeline: Pipeline;
  whitespace: Whitespace;
}

/** Step 4's headline figures (JSON keys). */
export interface SolutionsFigures {
  solutions: {
    id: string;
    name: string;
    feasibility: number | null;
    quadrant: string | null;
    phase: string | null;
    rank: number | null;
  }[];
  bridge: { start: number; end: number; growth: number | null } | null;
  /** Step 4's service lines: the data's annual revenue against the solutions' typed figures. */
  serviceLines?: LineFigure[];
  /** Step 4's opportunity pipeline (yuan a month) and where the bridge takes its steps from. */
  pipeline?: {
    source: "typed" | "weighted" | "committed";
    quarterStart: number;
    total: number;
    weighted: number;
    committed: number;
    thisQuarter: { count: number; weighted: number };
    opportunities: {
      id: string;
      solution: string;
      stage: string | null;
      monthlyValue: number;
      probability: number;
      weighted: number;
      closesThisQuarter: boolean;
    }[];
  };
  /** Step 4's whitespace map: buying centres × offerings, the open cells and their value (yuan a month). */
  whitespace?: {
    centres: string[];
    offerings: { name: string; kind: "service" | "solution"; monthlyValue: number }[];
    openCells: number;
    openValue: number;
    top: { centre: string; offering: string; value: number }[];
  };
}

export const solutions: StepDefinition<"solutions", SolutionsOutput, SolutionsFigures> = {
  meta: STEP_META.solutions,
  after: [],
  // The bridge starts from step 1's focus-customer average; the lines read its period and focus (workbook names).
  requiresSheet: ["industry"],
  notRun: () => ({ solutions: [], bridge: null }),
  run(ctx) {
    const { settingsRow, rows, records, bridgeRows, bridgeLinks, results } = solutionsPart(ctx);
    const { plRows, quarterStart, pipeline } = pipelinePart(ctx);
    const { sourceRead, source, bridge } = bridgePart(ctx, bridgeRows, pipeline);
    const { centres, allCentres, offerings, wsValues, marks, weights, whitespace } = whitespacePart(ctx, records);
    const { mapRows, lineRows, principles, lines, measures, infoAreas } = linesPart(ctx, records);
    const { plan } = buildSolutionsPlan(ctx.t, {
      lines: { map: mapRows, lines: lineRows, refs: ctx.refs, key: ctx.key },
      principles,
      measures,
      infoAreas,
      bridgeSource: sourceRead.kind === "unknown" ? sourceRead.text : writeList(BRIDGE_SOURCE_LIST, ctx.t, source),
      pipeline: { rows: plRows, quarterStart, previous: ctx.previous },
      whitespace: {
        centres,
        centresTotal: allCentres.length,
        offerings: offerings.map((o, j) => ({ name: o.name, kind: o.kind, value: wsValues[j] })),
        marks,
        weights,
        refs: ctx.refs,
        key: ctx.key,
        unit: ctx.unit,
      },
      settings: settingsRow,
      solutions: rows,
      bridge: bridgeRows,
      bridgeLinks,
      unit: ctx.unit,
      note: ctx.note,
      implications: ctx.previous?.implications as PlanCell[][] | undefined,
      bridgeSources: ctx.settings.sample ? sampleBridgeSources() : undefined,
    });
    return {
      plan,
      output: { results, bridge, lines, pipeline, whitespace },
      figures: solutionsFigures(results, bridge, lines, { source, quarterStart, pipeline }, whitespace),
    };
  },
};

/** The solutions table and its settings, the bridge rows (pre-filled from the solutions' impacts), and the ranking. */
function solutionsPart(ctx: StepContext) {
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
  return { settingsRow, rows, records, bridgeRows, bridgeLinks, results };
}

type SolutionRecords = ReturnType<typeof solutionsPart>["records"];

/** The opportunity pipeline, with the stages' probabilities in force and "this quarter". */
function pipelinePart(ctx: StepContext) {
  // The opportunity pipeline: probabilities in force from the stages' (the analyst's, else the usual).
  const stageProbs = mergeInputRows(
    STAGES.map((st) => [STAGE_PROBABILITY[st]]),
    ctx.previous?.stageProbabilities,
    0,
    1,
  ).map((r) => num(r[0]) ?? 0);
  // The list cells arrive in this run's language (steps/list-cells); the codec reads any.
  const stageOf = (v: PlanCell): Stage | null => listKey(STAGE_LIST, v);
  // "This quarter": the quarter the plan is made in, the one after the analysis period (the analyst's once set).
  const quarterStart = num(ctx.previous?.quarter?.[0]?.[0] as PlanCell) ?? monthToSerial(ctx.analysis.period.to + 1);
  const plRows = schemaRows(PIPELINE_TABLE, ctx.previous);
  const opps: Opportunity[] = plRows
    .map((r) => decodeRow(PIPELINE_TABLE, r))
    .filter((r) => text(r.id) !== "")
    .map((r) => {
      const stage = stageOf(r.stage);
      const typedP = num(r.probability);
      return {
        id: text(r.id),
        solution: text(r.solution),
        stage,
        monthlyValue: num(r.monthlyValue) ?? 0,
        // The sheet reads the stage's probability from its table (the analyst may have changed it).
        probability: typedP ?? (stage ? stageProbs[STAGES.indexOf(stage)] : 0),
        close: num(r.close),
        competitor: text(r.competitor),
        owner: text(r.owner),
      };
    });
  const pipeline = analysePipeline(opps, quarterStart);
  return { plRows, quarterStart, pipeline };
}

/** The revenue bridge from step 1's focus average, its amounts from the source the analyst chose. */
function bridgePart(ctx: StepContext, bridgeRows: PlanCell[][], pipeline: ReturnType<typeof analysePipeline>) {
  const sourceCell = (ctx.previous?.bridgeSource?.[0]?.[0] as PlanCell) ?? null;
  // A value no language reads is reported (steps/list-cells) and kept in its cell as typed; the
  // sheet's formula then takes typed amounts, and so does the model.
  const sourceRead = readList(BRIDGE_SOURCE_LIST, sourceCell);
  const source: BridgeSource = sourceRead.kind === "key" ? sourceRead.key : "typed";
  const bridge = revenueBridge(
    ctx.analysis.focus?.monthlyAverage ?? 0,
    bridgeRows
      .map((r) => decodeRow(BRIDGE_TABLE, r))
      .filter((r) => text(r.label) !== "" || num(r.amount) !== null)
      .map((r) => ({
        label: text(r.label),
        amount: bridgeAmount(source, num(r.amount) ?? 0, text(r.solutionId), pipeline),
        solutionId: text(r.solutionId),
      })),
  );

  return { sourceRead, source, bridge };
}

/** The whitespace map: the buying centres × the services and the solutions, values and weights in force. */
function whitespacePart(ctx: StepContext, records: SolutionRecords) {
  const a = ctx.analysis;
  const needs = ctx.inputsOf("needs");
  // The buying centres: the sites, the decision process's levels, the key people's departments
  // (the call-back centre buys its own lines: deck p.4, p.39).
  const siteNames = ctx.sites?.table.rows.map((r) => r.site) ?? [];
  const allCentres = [
    ...siteNames,
    ...(needs?.decision ?? []).map((r) => text(r[0] as PlanCell)),
    ...(ctx.inputsOf("planning")?.influencers ?? []).map((r) => text(r[0] as PlanCell)),
  ].filter((c, i, all) => c !== "" && all.indexOf(c) === i);
  const centres = allCentres.slice(0, MAX_CENTRES);
  const keying = customerKeying(ctx.rows);
  const segment = a.focus?.segment ?? "";
  // The focus customer's segment in the period: its peers' spend on each service.
  const peers = peerSpend(
    ctx.rows
      .filter((r) => (r.subIndustry || r.industry) === segment && r.month >= a.period.from && r.month <= a.period.to)
      .map((r) => ({ customerKey: keying.of(r), segment, service: r.service, amount: r.amount, inPeriod: true })),
    keying.ofFocus(a.focus) ?? "",
    segment,
    a.monthsPresent,
  );
  const focusServices = new Map((a.focus?.services ?? []).map((x) => [x.service, x.monthlyAverage] as const));
  const offerings: Offering[] = [
    ...a.services.map((svc) => ({
      name: svc,
      kind: "service" as const,
      // Never below what the customer already pays us for it.
      value: Math.round(Math.max(peers.get(svc) ?? 0, focusServices.get(svc) ?? 0) * 100) / 100,
      current: focusServices.get(svc) ?? 0,
    })),
    ...records
      .filter((r) => text(r.name) !== "")
      .map((r) => ({
        name: text(r.name),
        kind: "solution" as const,
        value: num(r.monthlyImpact) ?? 0,
        current: null,
      })),
  ];
  const offeringNames = offerings.map((o) => o.name);
  const marks = previousMarks(ctx.t, centres, offeringNames, ctx.previous);
  // The values in force: the analyst's (matched by offering), else the data's.
  const typedValues = previousValues(offeringNames, ctx.previous);
  const wsValues = offerings.map((o, j) => typedValues[j] ?? o.value);
  // The weights in force: the analyst's (by centre and offering), else the pre-filled ones.
  const solutionText = new Map(records.map((r) => [text(r.name), `${text(r.competition)} ${text(r.strategy)}`]));
  const preWeights = defaultWeights(
    centres,
    siteNames.filter((x) => centres.includes(x)).length,
    offerings.map((o) => ({ name: o.name, kind: o.kind, text: solutionText.get(o.name) })),
  );
  const typedWeights = previousWeights(ctx.t, centres, offeringNames, ctx.previous);
  const weights = centres.map((_, i) => offerings.map((_o, j) => typedWeights[i][j] ?? preWeights[i][j]));
  const whitespace = analyseWhitespace(
    centres,
    offerings.map((o, j) => ({ ...o, value: wsValues[j] })),
    marks,
    undefined,
    weights,
  );
  return { centres, allCentres, offerings, wsValues, marks, weights, whitespace };
}

/** Service lines: the deck's four, each service of the focus customer on the line its name suggests. */
function linesPart(ctx: StepContext, records: SolutionRecords) {
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
  // The deck's measures (the analyst's; the sample's from p.17–19) and the areas A–F (p.23, pre-filled by name).
  const measures = schemaRows(MEASURES_TABLE, ctx.previous);
  const infoAreas = schemaRows(
    INFO_AREAS_TABLE,
    ctx.previous,
    INFO_AREAS[ctx.lang].map((area, i) => ({ code: "ABCDEF"[i], area })),
  );
  return { mapRows, lineRows, principles, lines, measures, infoAreas };
}

function solutionsFigures(
  results: ReturnType<typeof analyseSolutions>,
  bridge: ReturnType<typeof revenueBridge>,
  lines: LineFigure[],
  pl: { source: BridgeSource; quarterStart: number; pipeline: ReturnType<typeof analysePipeline> },
  whitespace: Whitespace,
): SolutionsFigures {
  const { source, quarterStart, pipeline } = pl;
  return {
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
    pipeline: {
      source,
      quarterStart,
      total: pipeline.total,
      weighted: pipeline.weighted,
      committed: pipeline.committed,
      thisQuarter: pipeline.thisQuarter,
      opportunities: pipeline.rows.map((r) => ({
        id: r.id,
        solution: r.solution,
        stage: r.stage,
        monthlyValue: r.monthlyValue,
        probability: r.p,
        weighted: r.weighted,
        closesThisQuarter: r.closesThisQuarter,
      })),
    },
    whitespace: {
      centres: whitespace.centres,
      offerings: whitespace.offerings.map((o) => ({ name: o.name, kind: o.kind, monthlyValue: o.value })),
      openCells: whitespace.openCells,
      openValue: whitespace.openValue,
      top: whitespace.top.map((c) => ({ centre: c.centre, offering: c.offering, value: c.value })),
    },
  };
}
