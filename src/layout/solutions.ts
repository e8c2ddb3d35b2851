/**
 * The "4 方案分析 / 4 Solutions" sheet: weights and thresholds as visible inputs, the solutions
 * input table with feasibility, quadrant, suggested and final phase, score and rank as formulas,
 * the feasibility × benefit chart with quadrant lines, the phasing table (by phase, in rank
 * order), and the revenue bridge from step 1's focus-customer average with a waterfall chart.
 */
import type { Translate } from "../i18n";
import { columnIndex } from "../address";
import {
  defineTable,
  heading,
  headerRow,
  inputTable,
  moneyFormat,
  quoted,
  sentence,
  SheetBuilder,
  tableAnchors,
  titledTable,
  titleBlock,
  keyFormat,
  type InputTableSection,
  type KeyOf,
  type RevenueRefs,
  type Unit,
  unlessEmpty,
} from "./kit";
import { NAMES } from "./needs";
import type { PreviousInputs } from "./inputs";
import { pipelineAnchors, pipelineSection, type PipelineSection } from "./pipeline";
import {
  whitespaceAnchors,
  whitespaceSection,
  type WhitespaceLayoutInputs,
  type WhitespaceSection,
} from "./whitespace";
import type { Block, ChartPlan, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";
import { bridge, bridgeAnchors, waterfallText, type BridgeSources } from "./solutions-bridge";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import { pushAll } from "../arrays";

// The bridge moved to its own module; its importers still read these here.
export { BRIDGE_TABLE, waterfallText, type BridgeSources } from "./solutions-bridge";

const RATING = { type: "wholeNumber", min: 1, max: 5 } as const;

/**
 * The solutions: id is the row key; J (expected impact) and K (phase override) may stay blank
 * (no estimate, "as suggested").
 */
export const SOLUTIONS_TABLE = defineTable({
  id: "solutions",
  keyColumns: 1,
  columns: [
    { key: "id", header: "sheet.id", format: "@" },
    { key: "name", header: "sheet.solution", format: "@" },
    { key: "area", header: "sheet.area", format: "@" },
    { key: "annualRevenue", header: "sheet.annualRevenue", format: "money" },
    { key: "competition", header: "sheet.competitionState", format: "@" },
    { key: "strategy", header: "sheet.strategy", format: "@" },
    { key: "benefit", header: "sheet.benefit", format: "0", validation: RATING },
    { key: "technical", header: "sheet.technical", format: "0", validation: RATING },
    { key: "policy", header: "sheet.policy", format: "0", validation: RATING },
    { key: "monthlyImpact", header: "sheet.impact", format: "money", optional: true },
    {
      key: "phaseOverride",
      header: "sheet.phaseOverride",
      format: "@",
      optional: true,
      validation: { type: "list", source: (t) => phaseLabels(t) },
    },
  ],
});

/** Which service line each of the focus customer's services belongs to. */
export const LINE_MAP_TABLE = defineTable({
  id: "lineMap",
  keyColumns: 1,
  columns: [
    { key: "service", header: "sheet.service", format: "@" },
    { key: "line", header: "sheet.serviceLine", format: "@" },
  ],
});

/** The service lines (the deck's pages 17–18): line, family, the competition and our strategy. */
export const LINES_TABLE = defineTable({
  id: "lines",
  keyColumns: 1,
  columns: [
    { key: "line", header: "sheet.serviceLine", format: "@" },
    {
      key: "family",
      header: "sheet.lineFamily",
      format: "@",
      validation: {
        type: "list",
        source: (t) => [t("sheet.family.voice"), t("sheet.family.data"), t("sheet.family.apps")],
      },
    },
    { key: "competition", header: "sheet.competitionState", format: "@" },
    { key: "strategy", header: "sheet.strategy", format: "@" },
  ],
});

/** The implementation principles (the deck's page 25), one per row. */
export const PRINCIPLES_TABLE = defineTable({
  id: "principles",
  keyColumns: 1,
  columns: [{ key: "principle", header: "sheet.principle", format: "@" }],
});

/** The deck's three timing words for the measures (p.19): act now / prepare / launch when ready. */
export function measurePhaseLabels(t: Translate): [string, string, string] {
  return [t("sheet.measure.now"), t("sheet.measure.prepare"), t("sheet.measure.launch")];
}

/** The deck's measures per service line (p.17–19): the measure is the key; phase, owner, the solutions it serves. */
export const MEASURES_TABLE = defineTable({
  id: "measures",
  keyColumns: 1,
  columns: [
    { key: "measure", header: "sheet.measure", format: "@" },
    { key: "line", header: "sheet.measureLine", format: "@" },
    {
      key: "phase",
      header: "sheet.measurePhase",
      format: "@",
      validation: { type: "list", source: (t) => measurePhaseLabels(t) },
    },
    { key: "owner", header: "sheet.owner", format: "@" },
    { key: "solutions", header: "sheet.measureSolutions", format: "@" },
  ],
});

/** The information-application areas (p.23): code (A–F, the key), area, competition, the solutions proposed. */
export const INFO_AREAS_TABLE = defineTable({
  id: "infoAreas",
  keyColumns: 1,
  columns: [
    { key: "code", header: "sheet.infoCode", format: "@" },
    { key: "area", header: "sheet.infoArea", format: "@" },
    { key: "competition", header: "sheet.competitionState", format: "@" },
    { key: "solutions", header: "sheet.measureSolutions", format: "@" },
  ],
});

export interface SolutionsInputs {
  /** Weights and thresholds: technical, policy, benefit high, feasibility high, short at, mid at. */
  settings: PlanCell[];
  /** Solution rows: id, name, area, annual revenue, competition, strategy, benefit, technical, policy, impact, phase override. */
  solutions: PlanCell[][];
  /** Bridge rows: label, monthly amount, solution id. */
  bridge: PlanCell[][];
  /** Money in yuan or in 万元. */
  unit?: "yuan" | "wan";
  /** Bridge rows whose amount is their solution's expected impact, by formula. */
  bridgeLinks?: boolean[];
  note?: string;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
  /** The service lines: the map of services to lines, the lines, and how the revenue table is named. */
  lines?: { map: PlanCell[][]; lines: PlanCell[][]; refs: RevenueRefs; key?: KeyOf };
  /** The implementation principles. */
  principles?: PlanCell[][];
  /** The bridge's source (a label of bridgeSourceLabels), the analyst's: typed by default. */
  bridgeSource?: PlanCell;
  /** The opportunity pipeline: its rows, this quarter's first day, and the analyst's settings read back. */
  pipeline?: { rows: PlanCell[][]; quarterStart: number; previous?: PreviousInputs };
  /** The whitespace map (buying centres × offerings). */
  whitespace?: WhitespaceLayoutInputs;
  /** The deck's measures per service line (p.17–19): measure, line, phase, owner, solutions. */
  measures?: PlanCell[][];
  /** The information-application areas A–F (p.23): code, area, competition, solutions. */
  infoAreas?: PlanCell[][];
  /** The sample only: which of the bridge's figures come from the original case (a source column, E). */
  bridgeSources?: BridgeSources;
}

const SPARE = 4;
/**
 * Helper columns, hidden: the solutions' sort key (S), the phasing's (T), the scatter's data (U:Z)
 * and its point labels (AA:AC).
 */
const PHASING_KEY = "T";
const HELPERS = "S:AC";

export function phaseLabels(t: Translate): [string, string, string] {
  return [t("sheet.phase.short"), t("sheet.phase.mid"), t("sheet.phase.long")];
}

/** The settings cells B3:B8: the weights, the 2×2's thresholds, the phases' thresholds. */
function settingsCells(sheet: string) {
  const at = (row: number) => new CellAnchor(sheet, row, 1);
  return {
    weightTechnical: at(3),
    weightPolicy: at(4),
    benefitHigh: at(5),
    feasibilityHigh: at(6),
    shortAt: at(7),
    midAt: at(8),
  };
}

type Settings = ReturnType<typeof settingsCells>;

export function buildSolutionsPlan(t: Translate, inputs: SolutionsInputs): { plan: SheetPlan } {
  const name = t("sheet.solutions.name");
  const set = settingsCells(name);
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.solutions.title"), inputs.note));
  sheet.add(settings(t, inputs.settings, set));
  const table = solutionsTable(t, inputs.solutions, inputs.unit, set);
  sheet.add(table);
  const ph = phasing(t, table, table.lastRow + 3);
  sheet.add(ph);
  const br = bridge(t, inputs, ph.last + 3, table);
  sheet.add(br);
  const bra = bridgeAnchors(name, br);
  sheet.add(chartData(t, table, set));
  const principles = titledTable(PRINCIPLES_TABLE, "sheet.principles", inputs.principles ?? [], t, {
    row: ph.first - 2,
    col: 7,
    spare: 2,
  });
  sheet.add(principles);
  const ln = serviceLines(t, inputs, br.next + 1, table);
  if (ln) {
    sheet.add(ln);
    // The competition and strategy wrap on up to three lines.
    const filled = inputs.lines?.lines.length ?? 0;
    for (let r = ln.linesFirst; r < ln.linesFirst + filled; r++) sheet.rowHeights[r] = 45;
  }
  const below = addBelowLines(sheet, t, inputs, ln ? ln.next + 1 : br.next + 1);
  const { pl, ws } = below;
  sheet.addImplications(t, "solutions", {
    row: 3,
    col: 3,
    width: 8,
    purpose: t("step.solutions.purpose"),
    sentences: solutionsSentences(t, table, bra),
    previous: inputs.implications,
  });
  const plan = sheet.plan(name, "solutions", {
    // I:M hold the pipeline's probability, weighted and committed values (a five-digit sum fits).
    // G:I hold the waterfall's amounts (78,729.60), P the pipeline's weighted value: no ###.
    columnWidths: { A: 110, B: 200, C: 130, D: 130, E: 140, F: 140, G: 64, H: 64, I: 64, J: 90, K: 90, L: 80, P: 64 },
    freezeRows: 1,
    hiddenColumns: [HELPERS],
    conditionalFormats: [...solutionsFormats(t, table, ln), ...(ws?.conditionalFormats ?? [])],
    validations: [
      { range: `${set.weightTechnical.ref()}:${set.weightPolicy.ref()}`, type: "decimal", min: 0, max: 100 },
      { range: `${set.benefitHigh.ref()}:${set.midAt.ref()}`, type: "decimal", min: 1, max: 5 },
    ],
    inputTables: [{ id: "settings", range: `${set.weightTechnical.ref()}:${set.midAt.ref()}`, keyColumns: 0 }],
    charts: [matrixChart(t, table), bridgeChart(t, br, inputs.unit)],
    names: {
      ...solutionsNames(table, ph, br, set),
      // The visit plan's status line: voice and data by the lines' family.
      ...(ln ? { SixStep_LineFamilies: ln.families, SixStep_LineAnnual: ln.annual } : {}),
      ...(pl?.names ?? {}),
      ...(ws?.names ?? {}),
    },
    anchors: {
      ...solutionsAnchors(name, set, { table, ph, principles, ln, ...below }),
      ...bra,
      ...(pl ? pipelineAnchors(name, pl) : {}),
      ...(ws ? whitespaceAnchors(name, ws) : {}),
    },
  });
  return { plan };
}

/** The solutions table's computed columns (L…S), the scatter's data (U:V) and its point labels (AC), by key. */
const COMPUTED: Record<string, number> = {
  feasibility: 11,
  quadrant: 12,
  suggestedPhase: 13,
  finalPhase: 14,
  score: 15,
  rank: 16,
  ratingCheck: 17,
  sortKey: 18,
  chartFeasibility: 20,
  chartBenefit: 21,
  pointLabel: 28,
};

/** The phasing table's columns A…F, by key. */
const PHASING = ["phase", "rank", "id", "solution", "feasibility", "benefit"];

/**
 * The anchors a test or another sheet reads: the settings, every table's columns (keyed
 * "<table id>.<column key>"), the solutions' computed columns, the phasing's, and the service
 * lines' computed columns (annual, solutions' annual, difference, check) and the map's average.
 */
function solutionsAnchors(
  sheet: string,
  set: Settings,
  s: {
    table: ReturnType<typeof solutionsTable>;
    ph: { first: number; last: number };
    principles: InputTableSection;
    ln: ReturnType<typeof serviceLines>;
    measures: InputTableSection;
    areas: InputTableSection;
  },
): Anchors {
  const out: Anchors = {};
  for (const [key, cell] of Object.entries(set)) out[`settings.${key}`] = cell;
  Object.assign(
    out,
    tableAnchors(sheet, SOLUTIONS_TABLE, s.table),
    tableAnchors(sheet, PRINCIPLES_TABLE, s.principles),
    tableAnchors(sheet, MEASURES_TABLE, s.measures),
    tableAnchors(sheet, INFO_AREAS_TABLE, s.areas),
  );
  const { firstRow, lastRow } = s.table;
  for (const [key, col] of Object.entries(COMPUTED))
    out[`solutions.${key}`] = new ColumnAnchor(sheet, col, firstRow, lastRow);
  PHASING.forEach((key, col) => (out[`phasing.${key}`] = new ColumnAnchor(sheet, col, s.ph.first, s.ph.last)));
  if (s.ln) {
    const { linesTable: lines, mapTable: map } = s.ln;
    Object.assign(out, tableAnchors(sheet, LINES_TABLE, lines), tableAnchors(sheet, LINE_MAP_TABLE, map));
    ["annual", "solutionsAnnual", "difference", "check"].forEach(
      (key, k) => (out[`lines.${key}`] = new ColumnAnchor(sheet, 4 + k, lines.firstRow, lines.lastRow)),
    );
    out["lineMap.average"] = new ColumnAnchor(sheet, 2, map.firstRow, map.lastRow);
  }
  return out;
}

/** Settings B3:B8: the weights and the thresholds. */
function settings(t: Translate, values: PlanCell[], set: Settings): Block[] {
  return [
    heading(3, [
      t("sheet.weightTechnical"),
      t("sheet.weightPolicy"),
      t("sheet.benefitHigh"),
      t("sheet.feasibilityHigh"),
      t("sheet.shortAt"),
      t("sheet.midAt"),
    ]),
    { at: set.weightTechnical.ref(), cells: values.map((v) => [v]), input: true, numberFormat: "0.0" },
  ];
}

/**
 * Below the service lines (from `below`): the opportunity pipeline, the whitespace map, the
 * deck's measures per service line with their timing (p.17–19), then the information-application
 * areas (p.23).
 */
function addBelowLines(
  sheet: SheetBuilder,
  t: Translate,
  inputs: SolutionsInputs,
  below: number,
): {
  pl: PipelineSection | null;
  ws: WhitespaceSection | null;
  measures: InputTableSection;
  areas: InputTableSection;
} {
  let pl: PipelineSection | null = null;
  if (inputs.pipeline) {
    pl = pipelineSection(t, below, { ...inputs.pipeline, unit: inputs.unit });
    below = sheet.add(pl)! + 1;
  }
  let ws: WhitespaceSection | null = null;
  if (inputs.whitespace && inputs.whitespace.centres.length && inputs.whitespace.offerings.length) {
    ws = whitespaceSection(t, below, inputs.whitespace);
    below = sheet.add(ws)! + 1;
    pushAll(sheet.merges, ws.merges);
  }
  const measures = inputTable(MEASURES_TABLE, inputs.measures ?? [], t, { row: below + 2, spare: 3, wrap: true });
  measures.blocks.unshift(
    heading(below, [t("sheet.measures"), t("sheet.measuresNote", { phases: measurePhaseLabels(t).join(" / ") })]),
  );
  const areasRow = sheet.add(measures)! + 1;
  const areas = titledTable(INFO_AREAS_TABLE, "sheet.infoAreas", inputs.infoAreas ?? [], t, {
    row: areasRow,
    spare: 2,
    wrap: true,
  });
  sheet.add(areas);
  return { pl, ws, measures, areas };
}

/** The 启示: how many quick wins and the top solution; the bridge's start, end and growth. */
function solutionsSentences(
  t: Translate,
  table: { firstRow: number; lastRow: number },
  br: ReturnType<typeof bridgeAnchors>,
): { f: string }[] {
  const start = br["bridge.start"].abs();
  const end = br["bridge.end"].abs();
  const S = (x: string) => `$${x}$${table.firstRow}:$${x}$${table.lastRow}`;
  const top = (x: string) => `INDEX(${S(x)},MATCH(1,${S("Q")},0))`;
  return [
    unlessEmpty(
      `COUNTA(${S("B")})=0`,
      t("impl.solutions.none"),
      sentence(t("impl.solutions.quick"), {
        quick: `COUNTIF(${S("M")},${quoted(t("sheet.quadrant.quickWin"))})`,
        total: `COUNTA(${S("B")})`,
        top: top("B"),
        phase: top("O"),
      }),
    ),
    unlessEmpty(
      `N(${end})=N(${start})`,
      t("impl.solutions.noBridge"),
      sentence(t("impl.solutions.bridge"), {
        start: `TEXT(${start},"#,##0")`,
        end: `TEXT(${end},"#,##0")`,
        growth: `TEXT(${br["bridge.growth"].abs()},"+0.0%;-0.0%")`,
      }),
    ),
  ];
}

/** The quick wins filled green, the rating checks red, and a service line that does not reconcile flagged. */
function solutionsFormats(
  t: Translate,
  { firstRow: first, lastRow: last }: { firstRow: number; lastRow: number },
  ln: { flagRange: string; linesFirst: number } | null,
): ConditionalFormatPlan[] {
  return [
    {
      range: `M${first}:M${last}`,
      type: "custom",
      formula: `=M${first}=${quoted(t("sheet.quadrant.quickWin"))}`,
      fill: "#E2EFDA",
    },
    { range: `R${first}:R${last}`, type: "custom", formula: `=R${first}<>""`, fontColor: "#C00000" },
    ...(ln
      ? [
          {
            range: ln.flagRange,
            type: "custom" as const,
            formula: `=LEFT(H${ln.linesFirst},1)="⚠"`,
            fontColor: "#C00000",
          },
        ]
      : []),
  ];
}

/** The feasibility × benefit 2×2 (a scatter with the quadrant lines), beside the solutions table. */
function matrixChart(
  t: Translate,
  { head, lastRow: last, firstRow: first }: ReturnType<typeof solutionsTable>,
): ChartPlan {
  return {
    type: "XYScatter",
    source: `U${head}:V${last}`,
    plotHidden: true,
    title: t("sheet.matrixChart"),
    seriesBy: "Columns",
    at: `AE${head}`,
    // Beside the table only, so that a page may end under it (src/layout/print.ts).
    to: `AL${Math.max(last, head + 14)}`,
    // Both ratings run 1–5: the scales stay put, and the room goes to the points and their labels.
    axes: { x: { min: 1, max: 5 }, y: { min: 1, max: 5 } },
    axisTitles: { x: t("chart.axis.feasibility"), y: t("chart.axis.benefit") },
    // Above each point: points half a rating apart on a row keep their labels apart.
    pointLabels: { range: `AC${first}:AC${last}`, position: "Top" },
    extraSeries: [
      {
        name: t("sheet.feasibilityHigh"),
        xValues: `W${head + 1}:W${head + 2}`,
        values: `X${head + 1}:X${head + 2}`,
        chartType: "XYScatterLinesNoMarkers",
      },
      {
        name: t("sheet.benefitHigh"),
        xValues: `Y${head + 1}:Y${head + 2}`,
        values: `Z${head + 1}:Z${head + 2}`,
        chartType: "XYScatterLinesNoMarkers",
      },
    ],
  };
}

/** The revenue bridge as a waterfall, right of the bridge. */
function bridgeChart(t: Translate, br: ReturnType<typeof bridge>, unit: Unit | undefined): ChartPlan {
  return {
    type: "ColumnStacked",
    source: `F${br.waterfallHead}:J${br.waterfallLast}`,
    title: t("sheet.bridge"),
    seriesBy: "Columns",
    at: `L${br.title}`,
    to: `R${br.title + 18}`,
    seriesFills: [null, "#70AD47", "#C00000", "#4472C4"],
    ...waterfallText(t, unit),
  };
}

/** The names the overview, the deck and the other sheets read: the solutions, the phasing, the bridge. */
function solutionsNames(
  { head, firstRow: first, lastRow: last }: ReturnType<typeof solutionsTable>,
  ph: { first: number; last: number },
  br: ReturnType<typeof bridge>,
  set: Settings,
): Record<string, string> {
  return {
    SixStep_PhasingNames: `D${ph.first}:D${ph.last}`,
    // The overview lists the top three by rank, with their phase.
    SixStep_SolutionNames: `B${first}:B${last}`,
    SixStep_SolutionIds: `A${first}:A${last}`,
    SixStep_SolutionRanks: `Q${first}:Q${last}`,
    SixStep_SolutionPhases: `O${first}:O${last}`,
    SixStep_BridgeEnd: `B${br.end}`,
    SixStep_BridgeGrowth: `B${br.end + 1}`,
    // The deck's exhibits, header rows first: the solutions, the phasing, the waterfall's data.
    SixStep_Solutions: `A${head}:Q${last}`,
    SixStep_Phasing: `A${ph.first - 1}:F${ph.last}`,
    SixStep_Bridge: `F${br.waterfallHead}:J${br.waterfallLast}`,
    // The 2×2's lines: benefit "high" from B5, feasibility "high" from B6.
    SixStep_Thresholds: `${set.benefitHigh.ref()}:${set.feasibilityHigh.ref()}`,
    // The overview's bridge chart (its steps by label) and its top moves' monthly impact.
    SixStep_BridgeLabels: `A${br.firstRow}:A${br.lastRow}`,
    SixStep_BridgeAmounts: `D${br.firstRow}:D${br.lastRow}`,
    SixStep_SolutionImpacts: `J${first}:J${last}`,
  };
}

/** The solutions table (title row 10, header row 11) with feasibility … rank as formulas beside it. */
function solutionsTable(t: Translate, solutions: PlanCell[][], unit: Unit | undefined, set: Settings) {
  const [SHORT, MID, LONG] = phaseLabels(t);
  const q = (k: Parameters<Translate>[0]) => quoted(t(k));
  const head = 11;
  const table = inputTable(SOLUTIONS_TABLE, solutions, t, {
    row: head,
    spare: SPARE,
    unit,
    extraHeaders: [
      t("sheet.feasibility"),
      t("sheet.quadrant"),
      t("sheet.suggestedPhase"),
      t("sheet.finalPhase"),
      t("sheet.score"),
      t("sheet.rank"),
      // A computed check (ratings missing), not the analyst's notes: headed as what it is.
      t("sheet.ratingCheck"),
      t("sheet.sortKey"),
    ],
  });
  const { firstRow: first, lastRow: last, rows } = table;
  table.blocks.unshift(heading(10, t("sheet.solutionsTable")));

  const P = (c: string) => `$${c}$${first}:$${c}$${last}`;
  const [wT, wP, benefitHigh, feasibleHigh, shortAt, midAt] = [
    set.weightTechnical,
    set.weightPolicy,
    set.benefitHigh,
    set.feasibilityHigh,
    set.shortAt,
    set.midAt,
  ].map((c) => c.abs());
  table.blocks.push({
    at: `L${first}`,
    cells: rows.map((_, i) => {
      const r = first + i;
      return [
        { f: `=IF(OR($B${r}="",COUNT(H${r}:I${r})<2,SUM(${wT}:${wP})=0),"",(H${r}*${wT}+I${r}*${wP})/(${wT}+${wP}))` },
        {
          f: `=IF(OR(L${r}="",G${r}=""),"",IF(G${r}>=${benefitHigh},IF(L${r}>=${feasibleHigh},${q("sheet.quadrant.quickWin")},${q("sheet.quadrant.strategic")}),IF(L${r}>=${feasibleHigh},${q("sheet.quadrant.fillIn")},${q("sheet.quadrant.deprioritise")})))`,
        },
        { f: `=IF(L${r}="","",IF(L${r}>=${shortAt},"${SHORT}",IF(L${r}>=${midAt},"${MID}","${LONG}")))` },
        { f: `=IF($B${r}="","",IF(K${r}<>"",K${r},N${r}))` },
        { f: `=IF(OR(L${r}="",G${r}=""),"",G${r}*L${r})` },
        { f: `=IF(P${r}="","",COUNTIF(${P("P")},">"&P${r})+1)` },
        { f: `=IF(AND($B${r}<>"",COUNT(G${r}:I${r})<3),${q("sheet.missingRatings")},"")` },
        {
          f: `=IF(OR(O${r}="",Q${r}=""),"",IF(O${r}="${SHORT}",1,IF(O${r}="${MID}",2,3))*1000+Q${r}+ROW()/100000)`,
        },
      ];
    }),
    numberFormat: rows.map(() => ["0.00", "@", "@", "@", "0.00", "0", "@", "0.00000"]),
  });
  return { ...table, head, P };
}

/** Phasing (title at `row`): every rated solution, by final phase then rank. */
function phasing(t: Translate, table: ReturnType<typeof solutionsTable>, row: number) {
  const { rows, P } = table;
  const phTitle = row;
  const phHead = phTitle + 1;
  const phFirst = phHead + 1;
  const blocks: Block[] = [
    heading(phTitle, t("sheet.phasing")),
    headerRow(phHead, [
      t("sheet.finalPhase"),
      t("sheet.rank"),
      t("sheet.id"),
      t("sheet.solution"),
      t("sheet.feasibility"),
      t("sheet.benefit"),
    ]),
    // The sort key each row looks up: in the hidden helper column T.
    headerRow(phHead, [t("sheet.sortKey")], columnIndex(PHASING_KEY)),
  ];
  const key = (r: number) => `$${PHASING_KEY}${r}`;
  blocks.push(
    {
      at: `A${phFirst}`,
      cells: rows.map((_, k) => {
        const r = phFirst + k;
        const at = (col: string) => `=IF(${key(r)}="","",INDEX(${P(col)},MATCH(${key(r)},${P("S")},0)))`;
        return [{ f: at("O") }, { f: at("Q") }, { f: at("A") }, { f: at("B") }, { f: at("L") }, { f: at("G") }];
      }),
      numberFormat: rows.map(() => ["@", "0", "@", "@", "0.00", "0"]),
    },
    {
      at: `${PHASING_KEY}${phFirst}`,
      cells: rows.map((_, k) => [{ f: `=IFERROR(SMALL(${P("S")},${k + 1}),"")` }]),
      numberFormat: "0.00000",
    },
  );
  const phLast = phFirst + rows.length - 1;
  return { blocks, next: phLast + 1, first: phFirst, last: phLast };
}

/**
 * Chart data (U:Z): the points (feasibility, benefit; #N/A hides unrated rows from the chart),
 * and the quadrant lines at the thresholds.
 */
function chartData(t: Translate, table: ReturnType<typeof solutionsTable>, set: Settings): Block[] {
  const { head, firstRow: first, rows } = table;
  const blocks: Block[] = [];
  blocks.push({
    at: `U${head}`,
    cells: [
      [t("sheet.feasibility"), t("sheet.solution")],
      ...rows.map((_, i) => {
        const r = first + i;
        return [
          { f: `=IF(OR(L${r}="",G${r}=""),NA(),L${r})` },
          { f: `=IF(OR(L${r}="",G${r}=""),NA(),G${r})` },
        ] as PlanCell[];
      }),
    ],
    numberFormat: [["@", "@"], ...rows.map(() => ["0.00", "0"])],
  });
  blocks.push({
    at: `W${head}`,
    cells: [
      [t("sheet.feasibilityHigh"), t("sheet.benefit"), t("sheet.feasibility"), t("sheet.benefitHigh")],
      [{ f: `=${set.feasibilityHigh.abs()}` }, 1, 1, { f: `=${set.benefitHigh.abs()}` }],
      [{ f: `=${set.feasibilityHigh.abs()}` }, 5, 5, { f: `=${set.benefitHigh.abs()}` }],
    ],
  });
  blocks.push(pointLabels(t, head, first, first + rows.length - 1));
  // Under the chart (AE:AL, rows head … head + 18): how its points are labelled.
  blocks.push({ at: `AE${head + 19}`, cells: [[t("chart.pointLabels.note")]], style: { fontColor: "#595959" } });
  return blocks;
}

/**
 * The scatter's point labels (AA:AC), so that points at the same place do not print their numbers
 * over each other: each point's place (AA: feasibility to one decimal and benefit; empty for an
 * unrated row), the numbers of the solutions at its place from it down (AB, by a chain through the
 * next row at the same place), and the label (AC): the whole list on the first point at a place,
 * nothing on the others. Solutions 3 and 4 of the sample (feasibility 3.5, benefit 3) read "3, 4".
 */
function pointLabels(t: Translate, head: number, first: number, last: number): Block {
  const rows: PlanCell[][] = [];
  for (let r = first; r <= last; r++) {
    const later = r < last ? `IFERROR(", "&INDEX(AB${r + 1}:AB${last},MATCH(AA${r},AA${r + 1}:AA${last},0)),"")` : `""`;
    rows.push([
      { f: `=IF(ISNA(U${r}),"",ROUND(U${r},1)&"|"&V${r})` },
      { f: `=IF(AA${r}="","",A${r}&${later})` },
      r === first
        ? { f: `=AB${r}` }
        : { f: `=IF(AA${r}="","",IF(ISNUMBER(MATCH(AA${r},AA$${first}:AA${r - 1},0)),"",AB${r}))` },
    ]);
  }
  return {
    at: `AA${head}`,
    cells: [[t("chart.helper.place"), t("chart.helper.together"), t("chart.helper.label")], ...rows],
    // General, not Text: a formula in a Text cell would stay text in Excel.
    numberFormat: [["@", "@", "@"], ...rows.map(() => ["General", "General", "General"])],
  };
}

/**
 * By service line (title at `row`): the lines with the competition and our strategy, each line's
 * current annual revenue from the revenue table (its services' monthly averages × 12), the
 * solutions' typed current revenue on the line, their difference and a flag past 10%; then the
 * map of the focus customer's services to lines the revenue figures follow.
 */
function serviceLines(
  t: Translate,
  inputs: SolutionsInputs,
  row: number,
  solutions: { firstRow: number; lastRow: number },
) {
  if (!inputs.lines) return null;
  const { refs, map } = inputs.lines;
  const key = inputs.lines.key ?? ((_f, x) => x);
  const MONEY = moneyFormat(inputs.unit);
  const lines = titledTable(LINES_TABLE, "sheet.serviceLines", inputs.lines.lines, t, {
    row,
    spare: 2,
    wrap: true,
    extraHeaders: [t("sheet.lineAnnual"), t("sheet.solutionsAnnual"), t("sheet.difference"), t("sheet.reconcile")],
  });
  const { firstRow: lFirst, lastRow: lLast } = lines;
  const mapRow = lLast + 4;
  // Keys typed as the revenue column holds them.
  const mapRows = map.map((r) => [typeof r[0] === "string" ? key("service", r[0]) : r[0], ...r.slice(1)]);
  const svc = titledTable(LINE_MAP_TABLE, "sheet.lineMap", mapRows, t, {
    row: mapRow,
    spare: 2,
    extraHeaders: [inputs.unit === "wan" ? t("sheet.monthlyAverageWan") : t("sheet.monthlyAverage")],
  });
  const { firstRow: mFirst, lastRow: mLast } = svc;
  const M = (c: string) => `$${c}$${mFirst}:$${c}$${mLast}`;
  const S = (c: string) => `$${c}$${solutions.firstRow}:$${c}$${solutions.lastRow}`;
  const who = refs.customerId ?? refs.customer;
  const P = `${refs.month},">="&${NAMES.periodStart},${refs.month},"<="&${NAMES.periodEnd}`;
  svc.blocks.push({
    at: `C${mFirst}`,
    cells: svc.rows.map((_, i) => {
      const r = mFirst + i;
      return [
        {
          f: `=IF(OR($A${r}="",${NAMES.months}=0),"",SUMIFS(${refs.amount},${who},${NAMES.focusId},${refs.service},$A${r},${P})/${NAMES.months})`,
        },
      ];
    }),
    numberFormat: MONEY,
  });
  // Key cells of the map hold numbers where the revenue column does.
  const mapKeys = svc.blocks.find((b) => b.input);
  if (mapKeys && Array.isArray(mapKeys.numberFormat))
    mapKeys.numberFormat = mapKeys.numberFormat.map((f, i) => [
      keyFormat((mapRows[i]?.[0] ?? "") as string | number),
      ...f.slice(1),
    ]);
  const flag = quoted(`⚠ ${t("sheet.reconcileFlag")}`);
  const totalRow = lLast + 1;
  lines.blocks.push(
    {
      at: `E${lFirst}`,
      cells: lines.rows.map((_, i) => {
        const r = lFirst + i;
        return [
          { f: `=IF($A${r}="","",SUMIF(${M("B")},$A${r},${M("C")})*12)` },
          { f: `=IF($A${r}="","",SUMIF(${S("C")},$A${r},${S("D")}))` },
          { f: `=IF(OR($A${r}="",N(E${r})=0),"",F${r}/E${r}-1)` },
          { f: `=IF(G${r}="","",IF(ABS(G${r})>0.1,${flag},"✓"))` },
        ];
      }),
      numberFormat: lines.rows.map(() => [MONEY, MONEY, "+0.0%;-0.0%;0.0%", "@"]),
    },
    {
      at: `A${totalRow}`,
      cells: [
        [t("sheet.total"), null, null, null, { f: `=SUM(E${lFirst}:E${lLast})` }, { f: `=SUM(F${lFirst}:F${lLast})` }],
      ],
      numberFormat: [["@", "@", "@", "@", MONEY, MONEY]],
      style: { bold: true },
    },
  );
  return {
    blocks: [...lines.blocks, ...svc.blocks],
    validations: [...(lines.validations ?? []), ...(svc.validations ?? [])],
    inputTables: [...(lines.inputTables ?? []), ...(svc.inputTables ?? [])],
    next: svc.next,
    linesTable: lines,
    mapTable: svc,
    linesFirst: lFirst,
    linesLast: lLast,
    mapFirst: mFirst,
    families: `B${lFirst}:B${lLast}`,
    annual: `E${lFirst}:E${lLast}`,
    flagRange: `H${lFirst}:H${lLast}`,
  };
}
