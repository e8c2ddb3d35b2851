/**
 * The "7 客户组合 / 7 Portfolio" sheet (issue 22): one row per customer of the revenue table, to
 * choose which key accounts to plan — live over the revenue table, with one total per customer and
 * period (a SUMIFS each), not a SUMIFS per cell of a customer × service grid.
 *
 *   rows 4–6    weights (revenue, growth, whitespace) and thresholds: inputs
 *   rows 3–10   purpose and implications (top three accounts, the quadrants' counts)
 *   row 12      header; then one row per account, most attractive first:
 *     A key (id, else name) · B relationship 1–5 (input) · C six-step plan (input) · D customer ·
 *     E industry · F segment · G average · H comparison average · I growth · J share of segment ·
 *     K services used · L–N scores · O attractiveness · P quadrant · Q rank
 *   S3:Z…       the 2×2 scatter chart (relationship × attractiveness) with its threshold lines
 *   AB:AH       hidden helpers: the table's services, the chart's points and lines
 *
 * Periods come from the Industry sheet (SixStep_PeriodStart … SixStep_CompareMonths), so the
 * portfolio follows the analyst's period there.
 */
import type { Translate } from "../i18n";
import type { Portfolio, PortfolioWeights, Quadrant } from "../method/portfolio";
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS } from "../method/portfolio";
import { headerRow, keyFormat, moneyFormat, quoted, sentence, SheetBuilder, titleBlock, type KeyOf } from "./kit";
import type { RevenueRefs, Unit } from "./kit";
import { mergeInputRows, rowKey, type PreviousInputs } from "./inputs";
import type { Block, PlanCell, SheetPlan } from "./plan";
import { PORTFOLIO_HEAD } from "../steps/meta";

const FIRST = PORTFOLIO_HEAD + 1;
/** Hidden helper columns: services (AB), chart points (AC:AD), threshold lines (AE:AH). */
const HELPERS = "AB:AH";

export interface PortfolioInputs {
  unit?: Unit;
  note?: string;
  key: KeyOf;
  /** The Industry sheet's key field: customerId where the table has ids. */
  keyField: "customerId" | "customer";
  /** The focus customer's key: its plan column reads "this workbook". */
  focusKey: string | null;
  previous?: PreviousInputs;
}

export function quadrantLabel(t: Translate, q: Quadrant): string {
  return t(`sheet.pf.q.${q}`);
}

/** The analyst's inputs read back: weights, thresholds, and each account's relationship and plan. */
export function portfolioInputs(previous: PreviousInputs | undefined) {
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  const w = previous?.weights;
  const weights: PortfolioWeights = {
    revenue: num(w?.[0]?.[0], DEFAULT_WEIGHTS.revenue),
    growth: num(w?.[1]?.[0], DEFAULT_WEIGHTS.growth),
    whitespace: num(w?.[2]?.[0], DEFAULT_WEIGHTS.whitespace),
  };
  const th = previous?.thresholds;
  const thresholds = {
    attractive: num(th?.[0]?.[0], DEFAULT_THRESHOLDS.attractive),
    strong: num(th?.[1]?.[0], DEFAULT_THRESHOLDS.strong),
  };
  // The analyst's rows by key, matched as every input table's rows are (rowKey: case, width, spaces).
  const rows = new Map<string, unknown[]>();
  for (const r of previous?.accounts ?? []) {
    if (r[0] === null || r[0] === undefined || r[0] === "") continue;
    if (!rows.has(rowKey(r, 1))) rows.set(rowKey(r, 1), r);
  }
  /** An account's relationship score and plan as the analyst left them (undefined: no row). */
  const account = (key: string) => {
    const r = rows.get(rowKey([key], 1));
    if (!r) return undefined;
    const plan = r[2] === null || r[2] === undefined || r[2] === "" ? null : String(r[2]);
    return { relationship: typeof r[1] === "number" && Number.isFinite(r[1]) ? r[1] : null, plan };
  };
  return { weights, thresholds, account, keys: [...rows.values()].map((r) => String(r[0])) };
}

export function buildPortfolioPlan(
  t: Translate,
  refs: RevenueRefs,
  p: Portfolio,
  inputs: PortfolioInputs,
): { plan: SheetPlan; first: number; last: number } {
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.pf.title"), inputs.note));
  const { weights, thresholds, account } = portfolioInputs(inputs.previous);

  // Weights and thresholds (fixed blocks: the analyst's values replace the defaults cell by cell).
  const weightRows = mergeInputRows(
    [[weights.revenue], [weights.growth], [weights.whitespace]],
    inputs.previous?.weights,
    0,
    1,
  );
  const thresholdRows = mergeInputRows(
    [[thresholds.attractive], [thresholds.strong]],
    inputs.previous?.thresholds,
    0,
    1,
  );
  sheet.add([
    { at: "A3", cells: [[t("sheet.pf.weights")]], style: { bold: true } },
    { at: "A4", cells: [[t("sheet.pf.wRevenue")], [t("sheet.pf.wGrowth")], [t("sheet.pf.wWhitespace")]] },
    { at: "B4", cells: weightRows, input: true, numberFormat: "0.00" },
    { at: "D3", cells: [[t("sheet.pf.thresholds")]], style: { bold: true } },
    { at: "D4", cells: [[t("sheet.pf.attractiveFrom")], [t("sheet.pf.strongFrom")], [t("sheet.pf.serviceCount")]] },
    { at: "E4", cells: thresholdRows, input: true, numberFormat: "0.0" },
  ]);

  // The accounts: the model's order (most attractive first), each with the analyst's score
  // (the model's, read back by key) and plan.
  const n = Math.max(1, p.accounts.length);
  const last = FIRST + n - 1;
  const col = (L: string) => `$${L}$${FIRST}:$${L}$${last}`;
  const S = `$AB$${FIRST}:$AB$${FIRST + Math.max(1, p.services.length) - 1}`;
  const inPeriod = (start: string, end: string) => `${refs.month},">="&${start},${refs.month},"<="&${end}`;
  const keyRef = inputs.keyField === "customerId" ? (refs.customerId ?? refs.customer) : refs.customer;
  const P = inPeriod("SixStep_PeriodStart", "SixStep_PeriodEnd");
  const C = inPeriod("SixStep_CompareStart", "SixStep_CompareEnd");
  const q = (k: Quadrant) => quoted(quadrantLabel(t, k));
  const money = moneyFormat(inputs.unit);
  const inputCells: PlanCell[][] = [];
  const formulaCells: PlanCell[][] = [];
  const keyFormats: string[][] = [];
  p.accounts.forEach((a, i) => {
    const r = FIRST + i;
    const key = inputs.key(inputs.keyField, a.key);
    const plan = account(a.key)?.plan ?? (a.key === inputs.focusKey ? t("sheet.pf.thisWorkbook") : null);
    inputCells.push([key, a.relationship, plan]);
    keyFormats.push([keyFormat(key), "0", "@"]);
    formulaCells.push([
      a.name,
      a.industry,
      a.segment,
      { f: `=IFERROR(SUMIFS(${refs.amount},${keyRef},$A${r},${P})/SixStep_Months,0)` },
      { f: `=IFERROR(SUMIFS(${refs.amount},${keyRef},$A${r},${C})/SixStep_CompareMonths,0)` },
      { f: `=IF(H${r}=0,"",G${r}/H${r}-1)` },
      { f: `=IFERROR(G${r}/SUMPRODUCT((${col("F")}=F${r})*${col("G")}),"")` },
      { f: `=SUMPRODUCT(--(SUMIFS(${refs.amount},${keyRef},$A${r},${P},${refs.service},${S})>0))` },
      { f: `=IF(COUNT(${col("G")})>1,5*SUMPRODUCT(--(${col("G")}<G${r}))/(COUNT(${col("G")})-1),0)` },
      { f: `=IF(I${r}="",2.5,5*MIN(1,MAX(0,(I${r}+0.25)/0.5)))` },
      { f: `=IF($E$6>0,5*(1-K${r}/$E$6),0)` },
      { f: `=ROUND(IF(SUM($B$4:$B$6)>0,($B$4*L${r}+$B$5*M${r}+$B$6*N${r})/SUM($B$4:$B$6),0),4)` },
      {
        f: `=IF(B${r}="",${q("rate")},IF(O${r}>=$E$4,IF(B${r}>=$E$5,${q("invest")},${q("build")}),IF(B${r}>=$E$5,${q("maintain")},${q("monitor")})))`,
      },
      { f: `=COUNTIF(${col("O")},">"&O${r})+1` },
    ]);
  });
  sheet.add([
    { at: "E6", cells: [[{ f: `=COUNTA(${S})` }]], numberFormat: "0" },
    headerRow(PORTFOLIO_HEAD, [
      t("sheet.pf.key"),
      t("sheet.pf.relationship"),
      t("sheet.pf.plan"),
      t("sheet.pf.customer"),
      t("sheet.pf.industry"),
      t("sheet.pf.segment"),
      t("sheet.pf.average"),
      t("sheet.pf.compareAverage"),
      t("sheet.pf.growth"),
      t("sheet.pf.segmentShare"),
      t("sheet.pf.services"),
      t("sheet.pf.revenueScore"),
      t("sheet.pf.growthScore"),
      t("sheet.pf.whitespaceScore"),
      t("sheet.pf.attractiveness"),
      t("sheet.pf.quadrant"),
      t("sheet.pf.rank"),
    ]),
  ]);
  if (p.accounts.length) {
    sheet.add([
      { at: `A${FIRST}`, cells: inputCells, input: true, numberFormat: keyFormats },
      {
        at: `D${FIRST}`,
        cells: formulaCells,
        numberFormat: formulaCells.map(() => [
          "@",
          "@",
          "@",
          money,
          money,
          "+0.0%;-0.0%",
          "0.0%",
          "0",
          "0.00",
          "0.00",
          "0.00",
          "0.00",
          "General",
          "0",
        ]),
      },
    ]);
  }

  // Hidden helpers: the table's services; the chart's points (#N/A hides unrated accounts); the thresholds' lines.
  const helpers: Block[] = [
    {
      at: `AB${PORTFOLIO_HEAD}`,
      cells: [[t("sheet.pf.serviceList")], ...p.services.map((s) => [inputs.key("service", s)])],
      numberFormat: [["@"], ...p.services.map((s) => [keyFormat(inputs.key("service", s))])],
      helper: true,
    },
    {
      at: `AC${PORTFOLIO_HEAD}`,
      cells: [
        [t("sheet.pf.relationship"), t("sheet.pf.accounts")],
        ...p.accounts.map((_, i): PlanCell[] => {
          const r = FIRST + i;
          return [{ f: `=IF(B${r}="",NA(),B${r})` }, { f: `=IF(B${r}="",NA(),O${r})` }];
        }),
      ],
      numberFormat: [["@", "@"], ...p.accounts.map(() => ["0", "0.00"])],
      helper: true,
    },
    {
      at: `AE${PORTFOLIO_HEAD}`,
      cells: [
        [
          t("sheet.pf.strongFrom"),
          t("sheet.pf.attractiveness"),
          t("sheet.pf.relationship"),
          t("sheet.pf.attractiveFrom"),
        ],
        [{ f: "=$E$5" }, 0, 1, { f: "=$E$4" }],
        [{ f: "=$E$5" }, 5, 5, { f: "=$E$4" }],
      ],
      helper: true,
    },
  ];
  sheet.add(helpers);

  // The so what: the three most attractive accounts, and how many fall in each quadrant.
  const top = (k: number) => `INDEX(${col("D")},MATCH(LARGE(${col("O")},${k}),${col("O")},0))`;
  const count = (k: Quadrant) => `COUNTIF(${col("P")},${q(k)})`;
  sheet.addImplications(t, "portfolio", {
    row: 3,
    col: 6,
    width: 11,
    purpose: t("step.portfolio.purpose"),
    sentences: [
      sentence(t("impl.portfolio.top"), { first: top(1), second: top(2), third: top(3) }),
      sentence(t("impl.portfolio.quadrants"), {
        invest: count("invest"),
        build: count("build"),
        maintain: count("maintain"),
        monitor: count("monitor"),
        rate: count("rate"),
      }),
    ],
    previous: inputs.previous?.implications as PlanCell[][] | undefined,
  });

  const plan = sheet.plan(t("sheet.pf.name"), "portfolio", {
    columnWidths: {
      A: 90,
      B: 70,
      C: 90,
      D: 170,
      E: 80,
      F: 80,
      G: 100,
      H: 100,
      I: 60,
      J: 60,
      K: 60,
      L: 55,
      M: 55,
      N: 55,
      O: 70,
      P: 80,
      Q: 45,
    },
    freezeRows: PORTFOLIO_HEAD,
    // The header's labels wrap on two lines in the narrow score columns.
    rowHeights: { [PORTFOLIO_HEAD]: 30 },
    hiddenColumns: [HELPERS],
    inputTables: [
      { id: "weights", range: "B4:B6", keyColumns: 0 },
      { id: "thresholds", range: "E4:E5", keyColumns: 0 },
      { id: "accounts", range: `A${FIRST}:C${last}`, keyColumns: 1, optionalColumns: [1, 2] },
    ],
    validations: [
      { range: "B4:B6", type: "decimal", min: 0, max: 100 },
      { range: "E4:E5", type: "decimal", min: 0, max: 5 },
      { range: `B${FIRST}:B${last}`, type: "wholeNumber", min: 1, max: 5 },
    ],
    conditionalFormats: [
      { range: `O${FIRST}:O${last}`, type: "colorScale", min: "#FFFFFF", max: "#63BE7B" },
      { range: `P${FIRST}:P${last}`, type: "custom", formula: `=P${FIRST}=${q("invest")}`, fill: "#E2EFDA" },
      { range: `P${FIRST}:P${last}`, type: "custom", formula: `=P${FIRST}=${q("rate")}`, fontColor: "#7F7F7F" },
    ],
    // An Excel table over the accounts: filter and sort buttons (the formulas hold per row).
    tables: p.accounts.length ? [{ name: "SixStep_Portfolio", range: `A${PORTFOLIO_HEAD}:Q${last}` }] : [],
    names: {
      SixStep_PortfolioKeys: `A${FIRST}:A${last}`,
      SixStep_PortfolioAttractiveness: `O${FIRST}:O${last}`,
    },
    charts: [
      {
        type: "XYScatter",
        source: `AC${PORTFOLIO_HEAD}:AD${last}`,
        plotHidden: true,
        title: t("sheet.pf.chart"),
        seriesBy: "Columns",
        at: "S3",
        to: "Z24",
        // The 2×2 keeps its scales: relationship 1–5 across, attractiveness 0–5 up.
        axes: { x: { min: 1, max: 5 }, y: { min: 0, max: 5 } },
        axisTitles: { x: t("chart.axis.relationship"), y: t("chart.axis.attractiveness") },
        extraSeries: [
          {
            name: t("sheet.pf.strongFrom"),
            xValues: `AE${FIRST}:AE${FIRST + 1}`,
            values: `AF${FIRST}:AF${FIRST + 1}`,
            chartType: "XYScatterLinesNoMarkers",
          },
          {
            name: t("sheet.pf.attractiveFrom"),
            xValues: `AG${FIRST}:AG${FIRST + 1}`,
            values: `AH${FIRST}:AH${FIRST + 1}`,
            chartType: "XYScatterLinesNoMarkers",
          },
        ],
      },
    ],
    // Every page repeats the title and the header row; as many pages tall as the accounts need.
    print: { titleRows: `${PORTFOLIO_HEAD}:${PORTFOLIO_HEAD}`, pagesTall: Math.max(1, Math.ceil((n + 12) / 45)) },
  });
  return { plan, first: FIRST, last };
}
