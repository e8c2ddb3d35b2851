/**
 * The "4 方案分析 / 4 Solutions" sheet: weights and thresholds as visible inputs, the solutions
 * input table with feasibility, quadrant, suggested and final phase, score and rank as formulas,
 * the feasibility × benefit chart with quadrant lines, the phasing table (by phase, in rank
 * order), and the revenue bridge from step 1's focus-customer average with a waterfall chart.
 */
import type { Translate } from "../i18n";
import type { Block, PlanCell, SheetPlan } from "./plan";

export const FOCUS_AVERAGE_NAME = "SixStep_FocusAverage";

export interface SolutionsInputs {
  /** Weights and thresholds: technical, policy, benefit high, feasibility high, short at, mid at. */
  settings: PlanCell[];
  /** Solution rows: id, name, area, annual revenue, competition, strategy, benefit, technical, policy, impact, phase override. */
  solutions: PlanCell[][];
  /** Bridge rows: label, monthly amount, solution id. */
  bridge: PlanCell[][];
  note?: string;
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

const HEAD = { bold: true, fill: "#DDEBF7", wrap: true } as const;
const SPARE = 4;
const MONEY = "#,##0.00";

export function phaseLabels(t: Translate): [string, string, string] {
  return [t("sheet.phase.short"), t("sheet.phase.mid"), t("sheet.phase.long")];
}

export function buildSolutionsPlan(t: Translate, inputs: SolutionsInputs): { plan: SheetPlan; cells: SolutionsCells } {
  const blocks: Block[] = [];
  const [SHORT, MID, LONG] = phaseLabels(t);
  const q = (k: Parameters<Translate>[0]) => `"${t(k).replace(/"/g, '""')}"`;
  blocks.push({ at: "A1", cells: [[t("sheet.solutions.title")]], style: { bold: true, fontSize: 14 } });
  if (inputs.note) blocks.push({ at: "A2", cells: [[inputs.note]], style: { fontColor: "#7F7F7F" } });

  // Settings B3:B8.
  blocks.push({
    at: "A3",
    cells: [
      [t("sheet.weightTechnical")],
      [t("sheet.weightPolicy")],
      [t("sheet.benefitHigh")],
      [t("sheet.feasibilityHigh")],
      [t("sheet.shortAt")],
      [t("sheet.midAt")],
    ],
    style: { bold: true },
  });
  blocks.push({ at: "B3", cells: inputs.settings.map((v) => [v]), input: true, numberFormat: "0.##" });

  // Solutions table.
  const head = 11;
  const first = head + 1;
  const rows = [...inputs.solutions, ...Array.from({ length: SPARE }, () => Array<PlanCell>(11).fill(null))];
  const last = first + rows.length - 1;
  blocks.push({ at: "A10", cells: [[t("sheet.solutionsTable")]], style: { bold: true } });
  blocks.push({
    at: `A${head}`,
    cells: [
      [
        t("sheet.id"),
        t("sheet.solution"),
        t("sheet.area"),
        t("sheet.annualRevenue"),
        t("sheet.competitionState"),
        t("sheet.strategy"),
        t("sheet.benefit"),
        t("sheet.technical"),
        t("sheet.policy"),
        t("sheet.impact"),
        t("sheet.phaseOverride"),
        t("sheet.feasibility"),
        t("sheet.quadrant"),
        t("sheet.suggestedPhase"),
        t("sheet.finalPhase"),
        t("sheet.score"),
        t("sheet.rank"),
        t("sheet.noteColumn"),
        t("sheet.sortKey"),
      ],
    ],
    style: HEAD,
  });
  blocks.push({
    at: `A${first}`,
    cells: rows,
    input: true,
    numberFormat: rows.map(() => ["@", "@", "@", MONEY, "@", "@", "0", "0", "0", MONEY, "@"]),
  });
  const P = (c: string) => `$${c}$${first}:$${c}$${last}`;
  blocks.push({
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

  // Phasing: every rated solution, by final phase then rank.
  const phTitle = last + 3;
  const phHead = phTitle + 1;
  const phFirst = phHead + 1;
  blocks.push({ at: `A${phTitle}`, cells: [[t("sheet.phasing")]], style: { bold: true } });
  blocks.push({
    at: `A${phHead}`,
    cells: [
      [
        t("sheet.finalPhase"),
        t("sheet.rank"),
        t("sheet.id"),
        t("sheet.solution"),
        t("sheet.feasibility"),
        t("sheet.benefit"),
        t("sheet.sortKey"),
      ],
    ],
    style: HEAD,
  });
  blocks.push({
    at: `A${phFirst}`,
    cells: rows.map((_, k) => {
      const r = phFirst + k;
      const at = (col: string) => `=IF($G${r}="","",INDEX(${P(col)},MATCH($G${r},${P("S")},0)))`;
      return [
        { f: at("O") },
        { f: at("Q") },
        { f: at("A") },
        { f: at("B") },
        { f: at("L") },
        { f: at("G") },
        { f: `=IFERROR(SMALL(${P("S")},${k + 1}),"")` },
      ];
    }),
    numberFormat: rows.map(() => ["@", "0", "@", "@", "0.00", "0", "0.00000"]),
  });
  const phLast = phFirst + rows.length - 1;

  // Revenue bridge.
  const brTitle = phLast + 3;
  const startRow = brTitle + 1;
  const brHead = startRow + 1;
  const brFirst = brHead + 1;
  const brRows = [...inputs.bridge, ...Array.from({ length: SPARE }, () => [null, null, null] as PlanCell[])];
  const brLast = brFirst + brRows.length - 1;
  const endRow = brLast + 1;
  blocks.push({ at: `A${brTitle}`, cells: [[t("sheet.bridge")]], style: { bold: true } });
  blocks.push({
    at: `A${startRow}`,
    cells: [[t("sheet.bridgeStart"), { f: `=${FOCUS_AVERAGE_NAME}` }]],
    numberFormat: [["@", MONEY]],
    style: { bold: true },
  });
  blocks.push({
    at: `A${brHead}`,
    cells: [[t("sheet.bridgeLabel"), t("sheet.bridgeAmount"), t("sheet.bridgeSolution")]],
    style: HEAD,
  });
  blocks.push({ at: `A${brFirst}`, cells: brRows, input: true, numberFormat: brRows.map(() => ["@", MONEY, "@"]) });
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
  blocks.push({
    at: `F${wHead}`,
    cells: [[null, t("sheet.bridgeBase"), t("sheet.bridgeUp"), t("sheet.bridgeDown"), t("sheet.total")]],
    style: HEAD,
  });
  blocks.push({ at: `F${wHead + 1}`, cells: wRows, numberFormat: wRows.map(() => ["@", MONEY, MONEY, MONEY, MONEY]) });
  const wLast = wHead + wRows.length;

  // Chart data (U:X): the points (feasibility, benefit; #N/A hides unrated rows from the chart),
  // and the quadrant lines at the thresholds.
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

  const plan: SheetPlan = {
    name: t("sheet.solutions.name"),
    step: "solutions",
    blocks,
    columnWidths: { A: 110, B: 200, C: 80, D: 90, E: 140, F: 140 },
    freezeRows: 1,
    conditionalFormats: [
      {
        range: `M${first}:M${last}`,
        type: "custom",
        formula: `=M${first}=${q("sheet.quadrant.quickWin")}`,
        fill: "#E2EFDA",
      },
      { range: `R${first}:R${last}`, type: "custom", formula: `=R${first}<>""`, fontColor: "#C00000" },
    ],
    validations: [
      { range: `G${first}:I${last}`, type: "wholeNumber", min: 1, max: 5 },
      { range: `K${first}:K${last}`, type: "list", source: [SHORT, MID, LONG] },
      { range: "B3:B4", type: "decimal", min: 0, max: 100 },
      { range: "B5:B8", type: "decimal", min: 1, max: 5 },
    ],
    inputTables: [
      { id: "settings", range: "B3:B8", keyColumns: 0 },
      // J (expected impact) and K (phase override) may stay blank: no estimate, "as suggested".
      { id: "solutions", range: `A${first}:K${last}`, keyColumns: 1, optionalColumns: [9, 10] },
      { id: "bridge", range: `A${brFirst}:C${brLast}`, keyColumns: 1 },
    ],
    charts: [
      {
        type: "XYScatter",
        source: `U${head}:V${last}`,
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
        to: `S${brTitle + 18}`,
        seriesFills: [null, "#70AD47", "#C00000", "#4472C4"],
      },
    ],
    names: {
      SixStep_PhasingNames: `D${phFirst}:D${phLast}`,
      SixStep_BridgeEnd: `B${endRow}`,
      SixStep_BridgeGrowth: `B${endRow + 1}`,
    },
  };
  return {
    plan,
    cells: {
      settingsFirstRow: 3,
      solutionFirstRow: first,
      solutionLastRow: last,
      phasingFirstRow: phFirst,
      bridgeStartCell: `B${startRow}`,
      bridgeFirstRow: brFirst,
      bridgeLastRow: brLast,
      bridgeEndCell: `B${endRow}`,
      bridgeGrowthCell: `B${endRow + 1}`,
    },
  };
}
