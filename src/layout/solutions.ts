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
  titleBlock,
  type Unit,
} from "./kit";
import type { Block, PlanCell, SheetPlan } from "./plan";

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

/** The revenue bridge's steps: label (the key), monthly amount, the solution it comes from. */
export const BRIDGE_TABLE = defineTable({
  id: "bridge",
  keyColumns: 1,
  columns: [
    { key: "label", header: "sheet.bridgeLabel", format: "@" },
    { key: "amount", header: "sheet.bridgeAmount", format: "money" },
    { key: "solutionId", header: "sheet.bridgeSolution", format: "@" },
  ],
});

export const FOCUS_AVERAGE_NAME = "SixStep_FocusAverage";

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
}

export interface SolutionsCells {
  settingsFirstRow: number;
  solutionFirstRow: number;
  solutionLastRow: number;
  phasingFirstRow: number;
  bridgeStartCell: string;
  bridgeFirstRow: number;
  bridgeLastRow: number;
  bridgeEndCell: string;
  bridgeGrowthCell: string;
}

const SPARE = 4;
/** Helper columns, hidden: the solutions' sort key (S), the phasing's (T), the scatter's data (U:Z). */
const PHASING_KEY = "T";
const HELPERS = "S:Z";

export function phaseLabels(t: Translate): [string, string, string] {
  return [t("sheet.phase.short"), t("sheet.phase.mid"), t("sheet.phase.long")];
}

export function buildSolutionsPlan(t: Translate, inputs: SolutionsInputs): { plan: SheetPlan; cells: SolutionsCells } {
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.solutions.title"), inputs.note));
  // Settings B3:B8.
  sheet.add([
    heading(3, [
      t("sheet.weightTechnical"),
      t("sheet.weightPolicy"),
      t("sheet.benefitHigh"),
      t("sheet.feasibilityHigh"),
      t("sheet.shortAt"),
      t("sheet.midAt"),
    ]),
    { at: "B3", cells: inputs.settings.map((v) => [v]), input: true, numberFormat: "0.0" },
  ]);
  const table = solutionsTable(t, inputs.solutions, inputs.unit);
  sheet.add(table);
  const { head, firstRow: first, lastRow: last } = table;
  const ph = phasing(t, table, last + 3);
  sheet.add(ph);
  const br = bridge(t, inputs, ph.last + 3, table);
  sheet.add(br);
  sheet.add(chartData(t, table));
  const S = (x: string) => `$${x}$${table.firstRow}:$${x}$${table.lastRow}`;
  const top = (x: string) => `INDEX(${S(x)},MATCH(1,${S("Q")},0))`;
  sheet.addImplications(t, "solutions", {
    row: 3,
    col: 3,
    width: 8,
    purpose: t("step.solutions.purpose"),
    sentences: [
      sentence(t("impl.solutions.quick"), {
        quick: `COUNTIF(${S("M")},${quoted(t("sheet.quadrant.quickWin"))})`,
        total: `COUNTA(${S("B")})`,
        top: top("B"),
        phase: top("O"),
      }),
      sentence(t("impl.solutions.bridge"), {
        start: `TEXT($B$${br.startRow},"#,##0")`,
        end: `TEXT($B$${br.end},"#,##0")`,
        growth: `TEXT($B$${br.end + 1},"+0.0%;-0.0%")`,
      }),
    ],
    previous: inputs.implications,
  });
  const { title: brTitle, startRow, end: endRow, waterfallHead: wHead, waterfallLast: wLast } = br;
  const { first: phFirst, last: phLast } = ph;
  const plan = sheet.plan(t("sheet.solutions.name"), "solutions", {
    columnWidths: { A: 110, B: 200, C: 80, D: 90, E: 140, F: 140 },
    freezeRows: 1,
    hiddenColumns: [HELPERS],
    conditionalFormats: [
      {
        range: `M${first}:M${last}`,
        type: "custom",
        formula: `=M${first}=${quoted(t("sheet.quadrant.quickWin"))}`,
        fill: "#E2EFDA",
      },
      { range: `R${first}:R${last}`, type: "custom", formula: `=R${first}<>""`, fontColor: "#C00000" },
    ],
    validations: [
      { range: "B3:B4", type: "decimal", min: 0, max: 100 },
      { range: "B5:B8", type: "decimal", min: 1, max: 5 },
    ],
    inputTables: [{ id: "settings", range: "B3:B8", keyColumns: 0 }],
    charts: [
      {
        type: "XYScatter",
        source: `U${head}:V${last}`,
        plotHidden: true,
        title: t("sheet.matrixChart"),
        seriesBy: "Columns",
        at: `AB${head}`,
        to: `AI${head + 18}`,
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
      },
      {
        type: "ColumnStacked",
        source: `F${wHead}:J${wLast}`,
        title: t("sheet.bridge"),
        seriesBy: "Columns",
        at: `L${brTitle}`,
        to: `R${brTitle + 18}`,
        seriesFills: [null, "#70AD47", "#C00000", "#4472C4"],
      },
    ],
    names: {
      SixStep_PhasingNames: `D${phFirst}:D${phLast}`,
      // The overview lists the top three by rank, with their phase.
      SixStep_SolutionNames: `B${first}:B${last}`,
      SixStep_SolutionIds: `A${first}:A${last}`,
      SixStep_SolutionRanks: `Q${first}:Q${last}`,
      SixStep_SolutionPhases: `O${first}:O${last}`,
      SixStep_BridgeEnd: `B${endRow}`,
      SixStep_BridgeGrowth: `B${endRow + 1}`,
    },
  });
  return {
    plan,
    cells: {
      settingsFirstRow: 3,
      solutionFirstRow: first,
      solutionLastRow: last,
      phasingFirstRow: phFirst,
      bridgeStartCell: `B${startRow}`,
      bridgeFirstRow: br.firstRow,
      bridgeLastRow: br.lastRow,
      bridgeEndCell: `B${endRow}`,
      bridgeGrowthCell: `B${endRow + 1}`,
    },
  };
}

/** The solutions table (title row 10, header row 11) with feasibility … rank as formulas beside it. */
function solutionsTable(t: Translate, solutions: PlanCell[][], unit: Unit | undefined) {
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
      t("sheet.noteColumn"),
      t("sheet.sortKey"),
    ],
  });
  const { firstRow: first, lastRow: last, rows } = table;
  table.blocks.unshift(heading(10, t("sheet.solutionsTable")));

  const P = (c: string) => `$${c}$${first}:$${c}$${last}`;
  table.blocks.push({
    at: `L${first}`,
    cells: rows.map((_, i) => {
      const r = first + i;
      return [
        { f: `=IF(OR($B${r}="",COUNT(H${r}:I${r})<2,SUM($B$3:$B$4)=0),"",(H${r}*$B$3+I${r}*$B$4)/($B$3+$B$4))` },
        {
          f: `=IF(OR(L${r}="",G${r}=""),"",IF(G${r}>=$B$5,IF(L${r}>=$B$6,${q("sheet.quadrant.quickWin")},${q("sheet.quadrant.strategic")}),IF(L${r}>=$B$6,${q("sheet.quadrant.fillIn")},${q("sheet.quadrant.deprioritise")})))`,
        },
        { f: `=IF(L${r}="","",IF(L${r}>=$B$7,"${SHORT}",IF(L${r}>=$B$8,"${MID}","${LONG}")))` },
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

/** The revenue bridge (title at `row`) from step 1's focus-customer average, and its waterfall data (F:J). */
function bridge(
  t: Translate,
  inputs: Pick<SolutionsInputs, "bridge" | "bridgeLinks" | "unit">,
  row: number,
  solutions: { firstRow: number; lastRow: number },
) {
  const MONEY = moneyFormat(inputs.unit);
  const brTitle = row;
  const startRow = brTitle + 1;
  const brHead = startRow + 1;
  // A linked row reads its solution's expected impact (J) by the solution's id (A).
  const S = (c: string) => `$${c}$${solutions.firstRow}:$${c}$${solutions.lastRow}`;
  const steps = inputs.bridge.map((r, i) =>
    inputs.bridgeLinks?.[i]
      ? [r[0], { f: `=IFERROR(INDEX(${S("J")},MATCH($C${brHead + 1 + i},${S("A")},0)),0)` }, r[2]]
      : r,
  );
  const table = inputTable(BRIDGE_TABLE, steps, t, { row: brHead, spare: SPARE, unit: inputs.unit });
  const { firstRow: brFirst, lastRow: brLast, rows: brRows, blocks } = table;
  const endRow = brLast + 1;
  blocks.unshift(heading(brTitle, t("sheet.bridge")), {
    at: `A${startRow}`,
    cells: [[t("sheet.bridgeStart"), { f: `=${FOCUS_AVERAGE_NAME}` }]],
    numberFormat: [["@", MONEY]],
    style: { bold: true },
  });
  blocks.push({
    at: `A${endRow}`,
    cells: [
      [t("sheet.bridgeEnd"), { f: `=B${startRow}+SUM(B${brFirst}:B${brLast})` }],
      [t("sheet.growth"), { f: `=IF(B${startRow}=0,"",B${endRow}/B${startRow}-1)` }],
    ],
    numberFormat: [
      ["@", MONEY],
      ["@", "0.0%"],
    ],
    style: { bold: true },
  });
  // Waterfall data (F:J): an invisible base under the increase / decrease bars, totals first and last.
  const wHead = brHead;
  const wRows: PlanCell[][] = [
    [t("sheet.bridgeStart"), 0, 0, 0, { f: `=B${startRow}` }],
    ...brRows.map((_, i) => {
      const r = brFirst + i;
      const before = `($B$${startRow}+SUM($B$${brFirst}:B${r})-N(B${r}))`;
      return [
        { f: `=IF(A${r}="","",A${r})` },
        { f: `=IF(AND(A${r}="",B${r}=""),0,MIN(${before},${before}+N(B${r})))` },
        { f: `=MAX(N(B${r}),0)` },
        { f: `=MAX(-N(B${r}),0)` },
        0,
      ] as PlanCell[];
    }),
    [t("sheet.bridgeEnd"), 0, 0, 0, { f: `=B${endRow}` }],
  ];
  blocks.push(
    headerRow(wHead, [null, t("sheet.bridgeBase"), t("sheet.bridgeUp"), t("sheet.bridgeDown"), t("sheet.total")], 5),
  );
  blocks.push({ at: `F${wHead + 1}`, cells: wRows, numberFormat: wRows.map(() => ["@", MONEY, MONEY, MONEY, MONEY]) });
  const wLast = wHead + wRows.length;
  return {
    ...table,
    next: endRow + 2,
    title: brTitle,
    startRow,
    end: endRow,
    waterfallHead: wHead,
    waterfallLast: wLast,
  };
}

/**
 * Chart data (U:Z): the points (feasibility, benefit; #N/A hides unrated rows from the chart),
 * and the quadrant lines at the thresholds.
 */
function chartData(t: Translate, table: ReturnType<typeof solutionsTable>): Block[] {
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
      [{ f: "=$B$6" }, 1, 1, { f: "=$B$5" }],
      [{ f: "=$B$6" }, 5, 5, { f: "=$B$5" }],
    ],
  });

  return blocks;
}
