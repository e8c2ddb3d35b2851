/**
 * The "2 竞争分析 / 2 Competition" sheet: our operator and the factor weights as inputs, the
 * product × operator ratings input table with a weighted score per row, and the score matrix
 * (Harvey balls) with our lead, the strongest rival and a one-line summary — all formulas over
 * the sheet's own inputs, so changing a rating or a weight in Excel updates everything.
 */
import type { Translate } from "../i18n";
import { COMPETITION_FACTOR_COUNT } from "../method/competition";
import { columnLetter } from "../tables/text";
import type { Block, PlanCell, SheetPlan } from "./plan";

export interface CompetitionInputs {
  ourOperator: string;
  /** Six weights (previous values on Refresh). */
  weights: PlanCell[];
  /** Rating rows: product, operator, six ratings. */
  ratings: PlanCell[][];
  /** Operators and products for the matrix, in order (the model's, from the ratings). */
  operators: string[];
  products: string[];
  note?: string;
}

export interface CompetitionCells {
  ourOperator: string;
  weightsRow: number;
  ratingFirstRow: number;
  ratingLastRow: number;
  matrixHeaderRow: number;
  matrixFirstRow: number;
  /** Column letters in the matrix. */
  leadColumn: string;
  rivalColumn: string;
  summaryCell: string;
}

const SCORE = "0.00";
const HEAD = { bold: true, fill: "#DDEBF7" } as const;
const SPARE_ROWS = 6;
const FACTOR_KEYS = [
  "sheet.factor.coverage",
  "sheet.factor.stability",
  "sheet.factor.price",
  "sheet.factor.brand",
  "sheet.factor.service",
  "sheet.factor.operations",
] as const;

export function buildCompetitionPlan(
  t: Translate,
  inputs: CompetitionInputs,
): { plan: SheetPlan; cells: CompetitionCells } {
  const blocks: Block[] = [];
  const F = COMPETITION_FACTOR_COUNT;
  const lastFactorCol = columnLetter(1 + F); // H
  const scoreCol = columnLetter(2 + F); // I
  blocks.push({ at: "A1", cells: [[t("sheet.competition.title")]], style: { bold: true, fontSize: 14 } });
  if (inputs.note) blocks.push({ at: "A2", cells: [[inputs.note]], style: { fontColor: "#7F7F7F" } });
  blocks.push({ at: "A3", cells: [[t("sheet.ourOperator")]], style: { bold: true } });
  blocks.push({ at: "B3", cells: [[inputs.ourOperator]], input: true });

  // Weights: header row 5, inputs row 6 (C:H, aligned with the rating columns).
  blocks.push({ at: "A5", cells: [[t("sheet.weights"), null, ...FACTOR_KEYS.map((k) => t(k))]], style: HEAD });
  blocks.push({ at: "C6", cells: [inputs.weights.slice(0, F)], input: true, numberFormat: "0.##" });
  const W = `$C$6:$${lastFactorCol}$6`;

  // Ratings input table.
  const rTitle = 8;
  const rHead = rTitle + 1;
  const rFirst = rHead + 1;
  const rows = [...inputs.ratings, ...Array.from({ length: SPARE_ROWS }, () => Array<PlanCell>(2 + F).fill(null))];
  const rLast = rFirst + rows.length - 1;
  blocks.push({ at: `A${rTitle}`, cells: [[t("sheet.ratings")]], style: { bold: true } });
  blocks.push({
    at: `A${rHead}`,
    cells: [[t("sheet.product"), t("sheet.operator"), ...FACTOR_KEYS.map((k) => t(k)), t("sheet.score")]],
    style: { ...HEAD, wrap: true },
  });
  blocks.push({
    at: `A${rFirst}`,
    cells: rows,
    input: true,
    numberFormat: rows.map(() => ["@", "@", ...Array<string>(F).fill("0")]),
  });
  blocks.push({
    at: `${scoreCol}${rFirst}`,
    cells: rows.map((_, i) => {
      const r = rFirst + i;
      const R = `C${r}:${lastFactorCol}${r}`;
      return [{ f: `=IF(OR(COUNT(${R})<${F},SUM(${W})=0),"",SUMPRODUCT(${R},${W})/SUM(${W}))` }];
    }),
    numberFormat: SCORE,
  });

  // Score matrix: products × operators, then lead, strongest rival, and helper columns.
  const prodR = `$A$${rFirst}:$A$${rLast}`;
  const opR = `$B$${rFirst}:$B$${rLast}`;
  const scR = `$${scoreCol}$${rFirst}:$${scoreCol}$${rLast}`;
  const ops = inputs.operators;
  const no = ops.length;
  const mTitle = rLast + 3;
  const mHead = mTitle + 1;
  const mFirst = mHead + 1;
  const mLast = mFirst + inputs.products.length - 1;
  const opCol = (j: number) => columnLetter(1 + j);
  const leadCol = columnLetter(1 + no);
  const rivalCol = columnLetter(2 + no);
  const helpCol = (j: number) => columnLetter(4 + no + j); // one empty column between
  const leadListCol = columnLetter(4 + 2 * no);
  const lagListCol = columnLetter(5 + 2 * no);
  const hFirst = helpCol(0);
  const hLast = helpCol(Math.max(0, no - 1));
  blocks.push({ at: `A${mTitle}`, cells: [[t("sheet.scores")]], style: { bold: true } });
  blocks.push({
    at: `A${mHead}`,
    cells: [
      [
        t("sheet.product"),
        ...ops,
        t("sheet.lead"),
        t("sheet.strongestRival"),
        null,
        ...ops.map((o) => `${t("sheet.rivalScores")} ${o}`),
        t("sheet.leadIn").replace(/[:：\s]+$/, ""),
        t("sheet.lagIn").replace(/^[;；\s]+|[:：\s]+$/g, ""),
      ],
    ],
    style: { ...HEAD, wrap: true },
  });
  const opHeader = `$${opCol(0)}$${mHead}:$${opCol(no - 1)}$${mHead}`;
  blocks.push({
    at: `A${mFirst}`,
    cells: inputs.products.map((p, i) => {
      const r = mFirst + i;
      const scores = `$${opCol(0)}${r}:$${opCol(no - 1)}${r}`;
      const help = `$${hFirst}${r}:$${hLast}${r}`;
      // INDEX(row, 1, n): HyperFormula (unlike Excel) reads a lone second argument as a row number.
      const ours = `INDEX(${scores},1,MATCH($B$3,${opHeader},0))`;
      return [
        p,
        ...ops.map((_, j) => {
          const c = `${opCol(j)}$${mHead}`;
          const n = `COUNTIFS(${prodR},$A${r},${opR},${c},${scR},">=0")`;
          return { f: `=IF(${n}=0,"",SUMIFS(${scR},${prodR},$A${r},${opR},${c})/${n})` };
        }),
        { f: `=IFERROR(IF(OR(COUNT(${help})=0,NOT(ISNUMBER(${ours}))),"",${ours}-MAX(${help})),"")` },
        { f: `=IF(COUNT(${help})=0,"",INDEX(${opHeader},1,MATCH(MAX(${help}),${help},0)))` },
        null,
        ...ops.map((_, j) => ({
          f: `=IF(OR(${opCol(j)}$${mHead}=$B$3,${opCol(j)}${r}=""),"",${opCol(j)}${r})`,
        })),
        // Running lists, so the summary reads one cell whatever the number of products.
        { f: `=${i ? `${leadListCol}${r - 1}&` : ""}IF(N(${leadCol}${r})>0,"|"&$A${r},"")` },
        { f: `=${i ? `${lagListCol}${r - 1}&` : ""}IF(N(${leadCol}${r})<0,"|"&$A${r},"")` },
      ];
    }),
    numberFormat: inputs.products.map(() => [
      "@",
      ...ops.map(() => SCORE),
      "+0.00;-0.00;0.00",
      "@",
      "@",
      ...ops.map(() => SCORE),
      "@",
      "@",
    ]),
  });
  // Summary: the lead/lag lists joined without TEXTJOIN (Excel 2016 has none): "|a|b" → "a, b".
  const sumRow = mLast + 2;
  const joined = (col: string) => (inputs.products.length ? `${col}${mLast}` : '""');
  const list = (col: string) =>
    `IF(${joined(col)}="","${t("sheet.none")}",SUBSTITUTE(MID(${joined(col)},2,32767),"|","${t("sheet.listSep")}"))`;
  blocks.push({
    at: `A${sumRow}`,
    cells: [[{ f: `="${t("sheet.leadIn")}"&${list(leadListCol)}&"${t("sheet.lagIn")}"&${list(lagListCol)}` }]],
    style: { bold: true },
  });

  const opsRange = `${opCol(0)}${mFirst}:${opCol(no - 1)}${mLast}`;
  const plan: SheetPlan = {
    name: t("sheet.competition.name"),
    step: "competition",
    blocks,
    columnWidths: { A: 130, B: 100 },
    freezeRows: 1,
    conditionalFormats: no
      ? [
          { range: opsRange, type: "iconSet", style: "FiveQuarters", thresholds: [1.5, 2.5, 3.5, 4.5] },
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
        ]
      : [],
    validations: [
      { range: `C${rFirst}:${lastFactorCol}${rLast}`, type: "wholeNumber", min: 1, max: 5 },
      { range: `C6:${lastFactorCol}6`, type: "decimal", min: 0, max: 100 },
      ...(ops.length ? [{ range: "B3", type: "list" as const, source: ops }] : []),
    ],
    names: { SixStep_CompetitionSummary: `A${sumRow}` },
    inputTables: [
      { id: "ratings", range: `A${rFirst}:${lastFactorCol}${rLast}`, keyColumns: 2 },
      { id: "weights", range: `C6:${lastFactorCol}6`, keyColumns: 0 },
      { id: "ourOperator", range: "B3", keyColumns: 0 },
    ],
    charts: no
      ? [
          {
            type: "ColumnClustered",
            source: `A${mHead}:${opCol(no - 1)}${mLast}`,
            title: t("sheet.score"),
            seriesBy: "Columns",
            at: `${columnLetter(7 + 2 * no)}3`,
            to: `${columnLetter(14 + 2 * no)}20`,
          },
        ]
      : [],
  };
  return {
    plan,
    cells: {
      ourOperator: "B3",
      weightsRow: 6,
      ratingFirstRow: rFirst,
      ratingLastRow: rLast,
      matrixHeaderRow: mHead,
      matrixFirstRow: mFirst,
      leadColumn: leadCol,
      rivalColumn: rivalCol,
      summaryCell: `A${sumRow}`,
    },
  };
}
