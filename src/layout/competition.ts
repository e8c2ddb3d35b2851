/**
 * The "2 竞争分析 / 2 Competition" sheet: our operator and the factor weights as inputs, the
 * product × operator ratings input table with a weighted score per row, and the score matrix
 * (Harvey balls) with our lead, the strongest rival and a one-line summary — all formulas over
 * the sheet's own inputs, so changing a rating or a weight in Excel updates everything.
 */
import type { Translate } from "../i18n";
import { COMPETITION_FACTOR_COUNT } from "../method/competition";
import { columnIndex, columnLetter } from "../address";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import {
  defineTable,
  heading,
  headerRow,
  inputTable,
  quoted,
  type InputTableSection,
  sentence,
  SheetBuilder,
  tableAnchors,
  titledTable,
  titleBlock,
} from "./kit";
import type { Block, ChartPlan, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";
import { pushAll } from "../arrays";

export interface CompetitionInputs {
  ourOperator: string;
  /** Six weights (previous values on Refresh). */
  weights: PlanCell[];
  /** Rating rows: product, operator, six ratings. */
  ratings: PlanCell[][];
  /** The competitors' network resources: operator, coverage, backbone, access, strengths, weaknesses. */
  networkResources?: PlanCell[][];
  /** Operators and products for the matrix, in order (the model's, from the ratings). */
  operators: string[];
  products: string[];
  note?: string;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
}

const SCORE = "0.00";
const SPARE_ROWS = 6;
const RATING = { type: "wholeNumber", min: 1, max: 5 } as const;

/** Ratings: product and operator are the row key; one 1–5 rating per competition factor. */
export const RATINGS_TABLE = defineTable({
  id: "ratings",
  keyColumns: 2,
  columns: [
    { key: "product", header: "sheet.product", format: "@" },
    { key: "operator", header: "sheet.operator", format: "@" },
    { key: "coverage", header: "sheet.factor.coverage", format: "0", validation: RATING },
    { key: "stability", header: "sheet.factor.stability", format: "0", validation: RATING },
    { key: "price", header: "sheet.factor.price", format: "0", validation: RATING },
    { key: "brand", header: "sheet.factor.brand", format: "0", validation: RATING },
    { key: "service", header: "sheet.factor.service", format: "0", validation: RATING },
    { key: "operations", header: "sheet.factor.operations", format: "0", validation: RATING },
  ],
});

/** The competitors' network resources (the deck's first analysis point of step 2): operator is the key. */
export const NETWORK_RESOURCES_TABLE = defineTable({
  id: "networkResources",
  keyColumns: 1,
  columns: [
    { key: "operator", header: "sheet.operator", format: "@" },
    { key: "coverage", header: "sheet.coverageText", format: "@" },
    { key: "backbone", header: "sheet.backbone", format: "@" },
    { key: "access", header: "sheet.accessNetwork", format: "@" },
    { key: "strengths", header: "sheet.strengths", format: "@" },
    { key: "weaknesses", header: "sheet.weaknesses", format: "@" },
  ],
});

/** The competition factors: the ratings table's columns after product and operator. */
const FACTOR_KEYS = RATINGS_TABLE.columns.slice(2).map((c) => c.header);
if (FACTOR_KEYS.length !== COMPETITION_FACTOR_COUNT) throw new Error("competition factors out of step with the model");

export function buildCompetitionPlan(t: Translate, inputs: CompetitionInputs): { plan: SheetPlan } {
  const name = t("sheet.competition.name");
  const our = new CellAnchor(name, 3, 1);
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.competition.title"), inputs.note));
  sheet.add(operatorAndWeights(t, inputs, our));
  const ratings = ratingsTable(t, inputs);
  const { firstRow: rFirst, lastRow: rLast } = ratings;
  sheet.add(ratings);
  // The network resources sit under the summary; the summary reads the strongest rival's strengths there.
  const netRow = rLast + 3 + 1 + 1 + inputs.products.length + 4;
  const net = titledTable(NETWORK_RESOURCES_TABLE, "sheet.networkResources", inputs.networkResources ?? [], t, {
    row: netRow,
    spare: 2,
    wrap: true,
  });
  const m = scoreMatrix(t, inputs, {
    rFirst,
    rLast,
    scoreCol: SCORE_COL,
    our: our.abs(),
    network: { operators: net.column("operator"), strengths: net.column("strengths") },
  });
  const { sumRow, mHead, mFirst, mLast, leadCol, opCol } = m;
  if (sumRow + 3 !== netRow) throw new Error("competition layout out of step");
  sheet.add(m.blocks);
  sheet.add(net);
  const no = inputs.operators.length;
  const ops = inputs.operators;
  sheet.addImplications(t, "competition", {
    row: 3,
    col: 9,
    width: 4,
    purpose: t("step.competition.purpose"),
    sentences: [
      { f: `=A${sumRow}` },
      sentence(t("impl.competition.lead"), {
        our: our.abs(),
        lead: `TEXT(AVERAGE($${leadCol}$${mFirst}:$${leadCol}$${Math.max(mFirst, mLast)}),"+0.00;-0.00")`,
      }),
    ],
    previous: inputs.implications,
  });
  const plan = sheet.plan(name, "competition", {
    columnWidths: { A: 130, B: 100 },
    freezeRows: 1,
    // The rivals' scores and the running lead/lag lists the summary reads are helpers.
    hiddenColumns: no ? [m.helpers] : [],
    conditionalFormats: no ? scoreFormats(m, no) : [],
    validations: [
      { range: `C6:${LAST_FACTOR_COL}6`, type: "decimal", min: 0, max: 100 },
      ...(ops.length ? [{ range: our.ref(), type: "list" as const, source: ops }] : []),
    ],
    // The overview's risks read the running list of products where we lag.
    names: {
      SixStep_CompetitionSummary: `A${sumRow}`,
      ...(m.lagList ? { SixStep_LagList: m.lagList } : {}),
      // The deck's rating chart: products × operators' weighted scores, header row first.
      ...(no ? { SixStep_Scores: `A${mHead}:${opCol(no - 1)}${mLast}` } : {}),
    },
    inputTables: [
      { id: "weights", range: `C6:${LAST_FACTOR_COL}6`, keyColumns: 0 },
      { id: "ourOperator", range: our.ref(), keyColumns: 0 },
    ],
    charts: no ? [scoreChart(t, m, no)] : [],
    anchors: competitionAnchors(name, our, ratings, m, net),
  });
  return { plan };
}

/**
 * The anchors a test or another sheet reads: our operator, each factor's weight (keyed by the
 * factor), the ratings' and the network resources' columns, the score matrix's columns over the
 * products (product, first operator, our lead, strongest rival) and the summary under it.
 */
function competitionAnchors(
  sheet: string,
  our: CellAnchor,
  ratings: InputTableSection,
  m: ReturnType<typeof scoreMatrix>,
  net: InputTableSection,
): Anchors {
  const scores = (L: string) => new ColumnAnchor(sheet, columnIndex(L), m.mFirst, m.mLast);
  const out: Anchors = {
    ourOperator: our,
    ...tableAnchors(sheet, RATINGS_TABLE, ratings),
    "ratings.score": new ColumnAnchor(sheet, columnIndex(SCORE_COL), ratings.firstRow, ratings.lastRow),
    ...tableAnchors(sheet, NETWORK_RESOURCES_TABLE, net),
    "scores.product": scores("A"),
    "scores.firstOperator": scores(m.opCol(0)),
    "scores.lead": scores(m.leadCol),
    "scores.rival": scores(m.rivalCol),
    summary: new CellAnchor(sheet, m.sumRow, 0),
    definition: new CellAnchor(sheet, m.sumRow + 1, 0),
  };
  RATINGS_TABLE.columns.slice(2).forEach((c, k) => (out[`weights.${c.key}`] = new CellAnchor(sheet, 6, 2 + k)));
  return out;
}

const F = COMPETITION_FACTOR_COUNT;
const LAST_FACTOR_COL = columnLetter(1 + F); // H
const SCORE_COL = columnLetter(2 + F); // I
/** The weights' row (C:H, aligned with the rating columns). */
const WEIGHTS = `$C$6:$${LAST_FACTOR_COL}$6`;

/** Our operator (B3) and the factor weights: header row 5, inputs row 6. */
function operatorAndWeights(t: Translate, inputs: CompetitionInputs, our: CellAnchor): Block[] {
  return [
    heading(3, t("sheet.ourOperator")),
    { at: our.ref(), cells: [[inputs.ourOperator]], input: true },
    // Weights: header row 5, inputs row 6 (C:H, aligned with the rating columns).
    headerRow(5, [t("sheet.weights"), null, ...FACTOR_KEYS.map((k) => t(k))]),
    { at: "C6", cells: [inputs.weights.slice(0, F)], input: true, numberFormat: "0.0" },
  ];
}

/** The ratings input table (title row 8), a weighted score per row beside it. */
function ratingsTable(t: Translate, inputs: CompetitionInputs): InputTableSection {
  const ratings = inputTable(RATINGS_TABLE, inputs.ratings, t, {
    row: 9,
    spare: SPARE_ROWS,
    extraHeaders: [t("sheet.score")],
  });
  const { firstRow: rFirst } = ratings;
  ratings.blocks.unshift(heading(8, t("sheet.ratings")));
  ratings.blocks.push({
    at: `${SCORE_COL}${rFirst}`,
    cells: ratings.rows.map((_, i) => {
      const r = rFirst + i;
      const R = `C${r}:${LAST_FACTOR_COL}${r}`;
      return [{ f: `=IF(OR(COUNT(${R})<${F},SUM(${WEIGHTS})=0),"",SUMPRODUCT(${R},${WEIGHTS})/SUM(${WEIGHTS}))` }];
    }),
    numberFormat: SCORE,
  });
  return ratings;
}

/** Harvey balls on the operators' scores; our lead red when negative, green when positive. */
function scoreFormats(m: MatrixLayout, no: number): ConditionalFormatPlan[] {
  const { mFirst, mLast, leadCol, opCol } = m;
  return [
    {
      range: `${opCol(0)}${mFirst}:${opCol(no - 1)}${mLast}`,
      type: "iconSet",
      style: "FiveQuarters",
      thresholds: [1.5, 2.5, 3.5, 4.5],
    },
    {
      range: `${leadCol}${mFirst}:${leadCol}${mLast}`,
      type: "custom",
      formula: `=N(${leadCol}${mFirst})<0`,
      fontColor: "#C00000",
    },
    {
      range: `${leadCol}${mFirst}:${leadCol}${mLast}`,
      type: "custom",
      formula: `=N(${leadCol}${mFirst})>0`,
      fontColor: "#2E7D32",
    },
  ];
}

/** The operators' scores by product, as clustered columns right of the matrix. */
function scoreChart(t: Translate, m: MatrixLayout, no: number): ChartPlan {
  return {
    type: "ColumnClustered",
    source: `A${m.mHead}:${m.opCol(no - 1)}${m.mLast}`,
    title: t("chart.title.competition"),
    seriesBy: "Columns",
    axisTitles: { x: t("chart.axis.product"), y: t("chart.axis.score") },
    // Each operator's score on each product, to one decimal, above its column.
    labels: Array.from({ length: no }, (_, series) => ({
      series,
      options: { showValue: true, numberFormat: "0.0", position: "OutsideEnd" as const },
    })),
    at: `${columnLetter(7 + 2 * no)}3`,
    to: `${columnLetter(14 + 2 * no)}20`,
  };
}

/** Where the score matrix's rows and columns are, its hidden helpers included. */
interface MatrixLayout {
  ops: string[];
  mTitle: number;
  mHead: number;
  mFirst: number;
  mLast: number;
  opCol: (j: number) => string;
  leadCol: string;
  rivalCol: string;
  /** The first helper column (0-based). */
  hStart: number;
  helpCol: (j: number) => string;
  leadListCol: string;
  lagListCol: string;
  hFirst: string;
  hLast: string;
  /** The operators' header cells (absolute). */
  opHeader: string;
}

/** The matrix's layout: three rows under the ratings (`rLast`), one row per product. */
function matrixLayout(inputs: CompetitionInputs, rLast: number): MatrixLayout {
  const ops = inputs.operators;
  const no = ops.length;
  const mTitle = rLast + 3;
  const mHead = mTitle + 1;
  const mFirst = mHead + 1;
  const opCol = (j: number) => columnLetter(1 + j);
  // Helper columns (hidden) to the right of the chart, so hiding them squeezes neither the
  // ratings above nor the chart (N… for three operators).
  const hStart = 16 + 2 * no;
  const helpCol = (j: number) => columnLetter(hStart + j);
  return {
    ops,
    mTitle,
    mHead,
    mFirst,
    mLast: mFirst + inputs.products.length - 1,
    opCol,
    leadCol: columnLetter(1 + no),
    rivalCol: columnLetter(2 + no),
    hStart,
    helpCol,
    leadListCol: columnLetter(hStart + no),
    lagListCol: columnLetter(hStart + no + 1),
    hFirst: helpCol(0),
    hLast: helpCol(Math.max(0, no - 1)),
    opHeader: `$${opCol(0)}$${mHead}:$${opCol(no - 1)}$${mHead}`,
  };
}

/** Where the ratings are (the matrix averages them) and the network resources' columns (the summary reads them). */
interface MatrixSource {
  rFirst: number;
  rLast: number;
  scoreCol: string;
  /** Our operator's cell (absolute). */
  our: string;
  network: { operators: string; strengths: string };
}

/**
 * The score matrix under the ratings: products × operators (the average weighted score), our
 * lead, the strongest rival, helper columns and the one-line summary under it.
 */
function scoreMatrix(t: Translate, inputs: CompetitionInputs, at: MatrixSource) {
  const m = matrixLayout(inputs, at.rLast);
  const { ops, mHead, mLast, lagListCol } = m;
  // Score matrix: products × operators, then lead, strongest rival, and helper columns.
  const blocks: Block[] = [
    heading(m.mTitle, t("sheet.scores")),
    headerRow(mHead, [t("sheet.product"), ...ops, t("sheet.lead"), t("sheet.strongestRival")]),
    headerRow(
      mHead,
      [
        ...ops.map((o) => `${t("sheet.rivalScores")} ${o}`),
        t("sheet.leadIn").replace(/[:：\s]+$/, ""),
        t("sheet.lagIn").replace(/^[;；\s]+|[:：\s]+$/g, ""),
      ],
      m.hStart,
    ),
  ];
  pushAll(blocks, matrixRows(inputs, at, m));
  pushAll(blocks, summary(t, inputs, at.network, m));
  return {
    ...m,
    blocks,
    sumRow: mLast + 2,
    helpers: `${m.hFirst}:${lagListCol}`,
    lagList: inputs.products.length ? `${lagListCol}${mLast}` : null,
  };
}

/** A row per product: each operator's average score, our lead and the strongest rival; beside them (hidden) the rivals' scores and the running lead/lag lists. */
function matrixRows(inputs: CompetitionInputs, at: MatrixSource, m: MatrixLayout): Block[] {
  const { rFirst, rLast, scoreCol } = at;
  const { ops, mHead, mFirst, opCol, leadCol, hFirst, hLast, opHeader, leadListCol, lagListCol } = m;
  const prodR = `$A$${rFirst}:$A$${rLast}`;
  const opR = `$B$${rFirst}:$B$${rLast}`;
  const scR = `$${scoreCol}$${rFirst}:$${scoreCol}$${rLast}`;
  const rows = inputs.products.map((p, i) => {
    const r = mFirst + i;
    const scores = `$${opCol(0)}${r}:$${opCol(ops.length - 1)}${r}`;
    const help = `$${hFirst}${r}:$${hLast}${r}`;
    // INDEX(row, 1, n): HyperFormula (unlike Excel) reads a lone second argument as a row number.
    const ours = `INDEX(${scores},1,MATCH(${at.our},${opHeader},0))`;
    const visible: PlanCell[] = [
      p,
      ...ops.map((_, j) => {
        const c = `${opCol(j)}$${mHead}`;
        const n = `COUNTIFS(${prodR},$A${r},${opR},${c},${scR},">=0")`;
        return { f: `=IF(${n}=0,"",SUMIFS(${scR},${prodR},$A${r},${opR},${c})/${n})` };
      }),
      { f: `=IFERROR(IF(OR(COUNT(${help})=0,NOT(ISNUMBER(${ours}))),"",${ours}-MAX(${help})),"")` },
      { f: `=IF(COUNT(${help})=0,"",INDEX(${opHeader},1,MATCH(MAX(${help}),${help},0)))` },
    ];
    const helpers: PlanCell[] = [
      ...ops.map((_, j) => ({
        f: `=IF(OR(${opCol(j)}$${mHead}=${at.our},${opCol(j)}${r}=""),"",${opCol(j)}${r})`,
      })),
      // Running lists, so the summary reads one cell whatever the number of products.
      { f: `=${i ? `${leadListCol}${r - 1}&` : ""}IF(N(${leadCol}${r})>0,"|"&$A${r},"")` },
      { f: `=${i ? `${lagListCol}${r - 1}&` : ""}IF(N(${leadCol}${r})<0,"|"&$A${r},"")` },
    ];
    return { visible, helpers };
  });
  if (!rows.length) return [];
  return [
    {
      at: `A${mFirst}`,
      cells: rows.map((x) => x.visible),
      numberFormat: rows.map(() => ["@", ...ops.map(() => SCORE), "+0.00;-0.00;0.00", "@"]),
    },
    {
      at: `${hFirst}${mFirst}`,
      cells: rows.map((x) => x.helpers),
      numberFormat: rows.map(() => [...ops.map(() => SCORE), "@", "@"]),
    },
  ];
}

/**
 * The one-line summary under the matrix (where we lead, where we lag, the strongest rival's
 * network strengths), and the definition of "lag" under it.
 */
function summary(t: Translate, inputs: CompetitionInputs, network: MatrixSource["network"], m: MatrixLayout): Block[] {
  const { ops, mFirst, mLast, helpCol, hFirst, hLast, opHeader, leadListCol, lagListCol } = m;
  const blocks: Block[] = [];
  // Summary: the lead/lag lists joined without TEXTJOIN (Excel 2016 has none): "|a|b" → "a, b".
  const sumRow = mLast + 2;
  const joined = (col: string) => (inputs.products.length ? `${col}${mLast}` : '""');
  const list = (col: string) =>
    `IF(${joined(col)}="","${t("sheet.none")}",SUBSTITUTE(MID(${joined(col)},2,32767),"|","${t("sheet.listSep")}"))`;
  // The strongest rival overall (the highest average score among the others), from the helper
  // columns' averages under the matrix; then its network strengths from the resources table.
  const avgRow = mLast + 1;
  let rivalNetwork = '""';
  let rated = "FALSE";
  if (inputs.products.length && ops.length) {
    blocks.push({
      at: `${hFirst}${avgRow}`,
      cells: [ops.map((_, j) => ({ f: `=IFERROR(AVERAGE(${helpCol(j)}${mFirst}:${helpCol(j)}${mLast}),"")` }))],
      numberFormat: SCORE,
      helper: true,
    });
    const avgs = `$${hFirst}$${avgRow}:$${hLast}$${avgRow}`;
    rated = `COUNT(${avgs})>0`;
    const rival = `INDEX(${opHeader},1,MATCH(MAX(${avgs}),${avgs},0))`;
    const strengths = `INDEX(${network.strengths},MATCH(${rival},${network.operators},0))`;
    const text = sentence(t("sheet.rivalNetwork"), { rival, strengths }).f.slice(1);
    rivalNetwork = `IF(OR(COUNT(${avgs})=0,IFERROR(${strengths}="",TRUE)),"",${text})`;
  }
  blocks.push({
    at: `A${sumRow}`,
    cells: [
      [
        {
          // Nothing rated yet: say so, rather than "we lead in: none; we lag in: none".
          f: `=IF(${rated},"${t("sheet.leadIn")}"&${list(leadListCol)}&"${t("sheet.lagIn")}"&${list(lagListCol)}&${rivalNetwork},${quoted(t("impl.competition.notRated"))})`,
        },
      ],
    ],
    style: { bold: true },
  });
  // The one definition of "lag" (and of the factors' gap, on the Industry sheet), named under the summary.
  blocks.push({ at: `A${sumRow + 1}`, cells: [[t("sheet.def.lag")]], style: { fontColor: "#595959" } });
  return blocks;
}
