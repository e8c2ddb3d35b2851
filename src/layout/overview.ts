/**
 * The "0 概览 / 0 Overview" sheet: the account plan on one page, for a general manager with five
 * minutes. Top to bottom: the plan in one sentence (an action title, by formula), whose plan and
 * as of when, the headline figures beside the revenue bridge (a waterfall chart), the top three
 * moves by rank with owner, dates and a quarter timeline, what is asked of management (the
 * analyst's input), the risks, and the next milestones after the as-of date. Below the printed
 * page: the so what of each step and the run status of each sheet.
 *
 * Every figure is a formula through the names the step sheets define, so the page stays right in
 * a workbook shared without the add-in; a step not generated shows "—".
 *
 *   columns A–J   the page (print area), one A4 / Letter landscape page
 *   columns L–R   hidden helpers: the as-of date, the chart's waterfall data, the milestones' order
 */
import type { Translate } from "../i18n";
import { translator } from "../i18n";
import { asOfCell, extentOf, HEAD, headerRow, quoted, sentence, titleBlock } from "./kit";
import { mergeInputRows } from "./inputs";
import type { Block, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";
import { parseRect, quoteSheet, rectA1 } from "../address";
import { pushAll } from "../arrays";
import { waterfallText } from "./solutions";

export interface OverviewStep {
  /** The step's id (its catalogue keys are `step.<id>.…`) and number. */
  step: string;
  number: number;
  sheet: string | null;
  /** The step's main input table (data rows), for "inputs filled". */
  inputRange: string | null;
  keyColumns: number;
  /** Columns (0-based within inputRange) that may stay blank. */
  optionalColumns?: number[];
  /** Last Generate/Refresh as an Excel serial. */
  refreshed?: number | null;
}

export interface OverviewInputs {
  steps: OverviewStep[];
  /** The plan's as-of date (an Excel serial), or null for Excel's TODAY(). */
  asOf: number | null;
  note?: string;
  /** Whose plan and for which period, for the title. */
  account?: string;
  period?: string;
  /** Money in yuan or in 万元. */
  unit?: "yuan" | "wan";
  /** The sheet's language: the action title speaks of 万元 in Chinese, of thousands in English. */
  lang: "zh" | "en";
  /** What the analyst asks of management, kept on Refresh. */
  asks?: PlanCell[][];
  /** The revenue bridge's steps as this run left them (the chart's categories). */
  bridgeSteps?: string[];
  /** How many task rows the Planning sheet has (the next milestones are chosen among them). */
  taskRows?: number;
}

/** Rows for the analyst's requests to management. */
export const ASK_ROWS = 3;
/** How many top moves and next milestones the page shows. */
const TOP = 3;
/** The page's columns: A (moves and labels) … J (the timeline's last quarter). */
const LAST_COL = "J";
/** Hidden helper columns, right of the page. */
const HELPERS = "L:R";

/** The overview's names: the as-of date, the action title, the asks (for the deck and the other sheets). */
export const OVERVIEW_NAMES = {
  asOf: "SixStep_AsOf",
  actionTitle: "SixStep_ActionTitle",
  asks: "SixStep_Asks",
} as const;

/** "是" or "Yes": a milestone cell read in either language (a workbook refreshed in the other one). */
function isYes(expr: string): string {
  const yes = [translator("zh-CN")("sheet.yes"), translator("en-US")("sheet.yes")];
  return `OR(${yes.map((y) => `${expr}=${quoted(y)}`).join(",")})`;
}

/**
 * The account plan's first page. Returns the plan; its names (SixStep_AsOf, SixStep_ActionTitle,
 * SixStep_Asks) are for the deck and any reader of the workbook.
 */
export function buildOverviewPlan(t: Translate, inputs: OverviewInputs): { plan: SheetPlan } {
  const blocks: Block[] = [...titleBlock(t("sheet.overview.title"), undefined)];
  const dash = quoted("—");
  const conditionalFormats: ConditionalFormatPlan[] = [];
  const money = inputs.unit === "wan" ? "0!.0," : "#,##0.00";
  const account = inputs.account ?? "";
  const AS_OF = OVERVIEW_NAMES.asOf;

  // Hidden helpers: the as-of date (M1).
  blocks.push({
    at: "L1",
    cells: [[t("sheet.asOfLabel"), asOfCell(inputs.asOf)]],
    numberFormat: [["@", "yyyy-mm-dd"]],
    helper: true,
  });

  // The action title: the plan in one sentence; a plan without a bridge says what it has.
  const wan = (expr: string) => (inputs.lang === "zh" ? `TEXT(${expr}/10000,"0.0")` : `TEXT(${expr}/1000,"#,##0")`);
  const moves = `MIN(${TOP},COUNT(SixStep_SolutionRanks))`;
  const fallback = sentence(
    t("ov.actionNoBridge"),
    { account: quoted(account), now: wan("SixStep_FocusAverage") },
    quoted(t("ov.actionEmpty", { account })),
  ).f.slice(1);
  const action = sentence(
    t("ov.action"),
    {
      account: quoted(account),
      year: "SixStep_PlanYear",
      now: wan("SixStep_FocusAverage"),
      end: wan("SixStep_BridgeEnd"),
      growth: `TEXT(SixStep_BridgeGrowth,"+0%;-0%")`,
      moves,
    },
    fallback,
  );
  // A bridge not filled in (its end equals its start) is no plan yet: the fallback says so.
  blocks.push({
    at: "A2",
    cells: [[{ f: `=IF(IFERROR(SixStep_BridgeEnd<>SixStep_FocusAverage,FALSE),${action.f.slice(1)},${fallback})` }]],
    style: { bold: true, fontSize: 15, fontColor: "#1F4E79", wrap: true },
  });
  blocks.push({
    at: "A3",
    cells: [
      [
        {
          f: `=${quoted([account, inputs.period].filter(Boolean).join(" · ") + " · ")}&${quoted(t("sheet.asOfWord"))}&TEXT(${AS_OF},"yyyy-mm-dd")`,
        },
      ],
    ],
    style: { fontColor: "#404040" },
  });
  if (inputs.note) blocks.push({ at: "A4", cells: [[inputs.note]], style: { fontColor: "#595959", fontSize: 9 } });

  // Headline figures (A:B), the bridge chart beside them (D:J).
  const h = 6;
  const f = (expr: string): PlanCell => ({ f: `=IFERROR(${expr},${dash})` });
  const figures: [string, PlanCell, string][] = [
    [t("sheet.fig.total"), f("SixStep_Total"), "#,##0"],
    [t("sheet.fig.focus"), f("SixStep_FocusAverage"), money],
    [t("sheet.fig.focusShare"), f("SixStep_SegmentShare"), "0.0%"],
    [t("sheet.fig.projected"), f("SixStep_BridgeEnd"), money],
    [t("sheet.fig.growth"), f("SixStep_BridgeGrowth"), "+0.0%;-0.0%"],
    [t("sheet.fig.pipeline"), f("SixStep_PipelineTotal"), money],
    [
      t("sheet.fig.pipelineQuarter"),
      f(`SixStep_PipelineQuarterCount&" · "&TEXT(SixStep_PipelineQuarter,"#,##0")`),
      "General",
    ],
    [t("sheet.fig.readiness"), f("AVERAGE(SixStep_Readiness)"), "0%"],
    [t("sheet.fig.supportIndex"), f("SixStep_SupportIndex"), "0.00"],
  ];
  blocks.push(headerRow(h, [t("sheet.headlines"), null]), {
    at: `A${h + 1}`,
    cells: figures.map(([label, cell]) => [label, cell]),
    numberFormat: figures.map(([, , fmt]) => ["@", fmt]),
    // A long label wraps (the row grows) rather than run under its figure.
    style: { wrap: true },
  });
  const figLast = h + figures.length;

  // The chart's data (hidden, L:P): start, the bridge's steps (by label, live), end — as a waterfall.
  const steps = inputs.bridgeSteps ?? [];
  const wHead = 3;
  const wFirst = wHead + 1;
  const wRows: PlanCell[][] = [
    // Short category names: the chart is small, and a long name prints slanted over the axis.
    [t("ov.bridgeNow"), 0, 0, 0, f("SixStep_FocusAverage"), null],
    ...steps.map((label, i) => {
      const r = wFirst + 1 + i;
      const amount = `IFERROR(SUMIFS(SixStep_BridgeAmounts,SixStep_BridgeLabels,L${r}),0)`;
      const before = `(N(P$${wFirst})+SUM(Q$${wFirst + 1}:Q${r})-Q${r})`;
      return [
        label,
        { f: `=MIN(${before},${before}+Q${r})` },
        { f: `=MAX(Q${r},0)` },
        { f: `=MAX(-Q${r},0)` },
        0,
        { f: `=${amount}` },
      ] as PlanCell[];
    }),
    [t("ov.bridgeYearEnd"), 0, 0, 0, f("SixStep_BridgeEnd"), null],
  ];
  const wLast = wHead + wRows.length;
  blocks.push(
    {
      at: `L${wHead}`,
      cells: [
        [
          null,
          t("sheet.bridgeBase"),
          t("sheet.bridgeUp"),
          t("sheet.bridgeDown"),
          t("sheet.total"),
          t("sheet.bridgeAmount"),
        ],
      ],
      helper: true,
    },
    {
      at: `L${wFirst}`,
      cells: wRows,
      numberFormat: wRows.map(() => ["@", money, money, money, money, money]),
      helper: true,
    },
  );
  const charts = [
    {
      type: "ColumnStacked" as const,
      source: `L${wHead}:P${wLast}`,
      title: t("ov.chartBridge"),
      seriesBy: "Columns" as const,
      at: `D${h}`,
      to: `J${figLast + 1}`,
      seriesFills: [null, "#70AD47", "#C00000", "#4472C4"],
      plotHidden: true,
      // Each bar labelled with its amount, the invisible base neither labelled nor in the legend.
      ...waterfallText(t, undefined),
    },
  ];

  // The top three moves by rank: owner, start, due, monthly impact, and a quarter timeline.
  const mv = figLast + 3;
  const byRank = (k: number, of: string) => `INDEX(${of},MATCH(${k},SixStep_SolutionRanks,0))`;
  const quarterStart = (q: number) => `DATE(SixStep_PlanYear,SixStep_FiscalStart+${3 * (q - 1)},1)`;
  blocks.push(
    headerRow(mv, [
      t("ov.moves"),
      t("sheet.finalPhase"),
      t("sheet.owner"),
      t("sheet.start"),
      t("ov.due"),
      t("ov.impact"),
      ...[1, 2, 3, 4].map((q): PlanCell => ({ f: `=IFERROR(SixStep_PlanYear&" Q${q}","Q${q}")` })),
    ]),
  );
  const moveRows: PlanCell[][] = [];
  for (let k = 1; k <= TOP; k++) {
    const r = mv + k;
    const id = byRank(k, "SixStep_SolutionIds");
    const has = `COUNTIF(SixStep_TaskIds,${id})>0`;
    moveRows.push([
      { f: `=IFERROR(${k}&". "&${byRank(k, "SixStep_SolutionNames")},${k === 1 ? dash : '""'})` },
      { f: `=IFERROR(${byRank(k, "SixStep_SolutionPhases")},"")` },
      { f: `=IFERROR(INDEX(SixStep_TaskOwners,MATCH(${id},SixStep_TaskIds,0)),"")` },
      { f: `=IFERROR(IF(${has},MINIFS(SixStep_TaskStarts,SixStep_TaskIds,${id}),""),"")` },
      { f: `=IFERROR(IF(${has},MAXIFS(SixStep_TaskEnds,SixStep_TaskIds,${id}),""),"")` },
      { f: `=IFERROR(${byRank(k, "SixStep_SolutionImpacts")},"")` },
      ...[1, 2, 3, 4].map((q): PlanCell => {
        const qs = quarterStart(q);
        return {
          f: `=IFERROR(IF(OR($D${r}="",$E${r}=""),"",IF(AND($D${r}<=EOMONTH(${qs},2),$E${r}>=${qs}),IF($E${r}<=EOMONTH(${qs},2),"◆","■"),"")),"")`,
        };
      }),
    ]);
  }
  blocks.push({
    at: `A${mv + 1}`,
    cells: moveRows.map((r) => r.slice(0, 6)),
    numberFormat: moveRows.map(() => ["@", "@", "@", "yyyy-mm-dd", "yyyy-mm-dd", money]),
    style: { wrap: true },
  });
  blocks.push({
    at: `G${mv + 1}`,
    cells: moveRows.map((r) => r.slice(6)),
    numberFormat: "@",
    style: { align: "Center", fontColor: "#1F4E79" },
  });
  conditionalFormats.push({
    range: `G${mv + 1}:J${mv + TOP}`,
    type: "custom",
    formula: `=LEN(G${mv + 1})>0`,
    fill: "#BDD7EE",
  });

  // What the analyst asks of management: kept on Refresh (the sample's are the deck's needs).
  const ask = mv + TOP + 2;
  const asks = mergeInputRows(
    Array.from({ length: ASK_ROWS }, () => [null]),
    inputs.asks,
    0,
    1,
  );
  blocks.push(headerRow(ask, [t("sheet.asks"), ...Array(9).fill(null)]), {
    at: `A${ask + 1}`,
    cells: asks,
    input: true,
    numberFormat: "@",
    style: { wrap: true },
  });
  const merges = asks.map((_, i) => `A${ask + 1 + i}:${LAST_COL}${ask + 1 + i}`);

  // Risks (issue 29): the factor with the largest gap (importance − our performance, Industry
  // sheet), the products where a rival's weighted score beats ours (Competition sheet), and the
  // sites and services that block the plan's solutions (Support sheet): each a named cell there.
  const rk = ask + ASK_ROWS + 2;
  const named = (name: string) => f(`${name}&""`);
  const risks: [string, PlanCell][] = [
    [t("sheet.risk.largestGap"), named("SixStep_LargestGap")],
    [
      t("sheet.risk.lag"),
      f(
        `IF(SixStep_LagList="",${quoted(t("sheet.none"))},SUBSTITUTE(MID(SixStep_LagList,2,32767),"|",${quoted(t("sheet.listSep"))}))`,
      ),
    ],
    [t("sheet.risk.blocking"), named("SixStep_BlockingSites")],
  ];
  blocks.push(headerRow(rk, [t("sheet.risks"), ...Array(9).fill(null)]), {
    at: `A${rk + 1}`,
    cells: risks,
    numberFormat: risks.map(() => ["@", "General"]),
    style: { wrap: true },
  });
  pushAll(
    merges,
    risks.map((_, i) => `B${rk + 1 + i}:${LAST_COL}${rk + 1 + i}`),
  );

  // The next milestones after the as-of date (R: each task's order, hidden).
  const ms = rk + risks.length + 2;
  const n = Math.max(1, inputs.taskRows ?? 0);
  const oFirst = 3;
  const order = `$R$${oFirst}:$R$${oFirst + n - 1}`;
  blocks.push({
    at: `R${oFirst}`,
    cells: Array.from({ length: n }, (_, j) => {
      const i = j + 1;
      return [
        {
          f: `=IFERROR(IF(AND(${isYes(`INDEX(SixStep_TaskMilestones,${i})`)},INDEX(SixStep_TaskEnds,${i})>=${AS_OF}),INDEX(SixStep_TaskEnds,${i})+${i}/10000,""),"")`,
        },
      ];
    }),
    numberFormat: "General",
    helper: true,
  });
  // The milestone's name across A:C (one line: a merged cell does not grow), its date and owner in D and E.
  blocks.push(
    headerRow(ms, [t("ov.nextMilestones"), null, null, t("ov.due"), t("sheet.owner"), ...Array(5).fill(null)]),
  );
  const at = (k: number) => `MATCH(SMALL(${order},${k}),${order},0)`;
  const msRows: PlanCell[][] = Array.from({ length: TOP }, (_, j) => {
    const k = j + 1;
    const none = k === 1 ? quoted(t("impl.planning.none")) : '""';
    return [
      { f: `=IFERROR(INDEX(SixStep_TaskNames,${at(k)}),${none})` },
      null,
      null,
      { f: `=IFERROR(INDEX(SixStep_TaskEnds,${at(k)}),"")` },
      { f: `=IFERROR(INDEX(SixStep_TaskOwners,${at(k)}),"")` },
    ];
  });
  blocks.push({
    at: `A${ms + 1}`,
    cells: msRows,
    numberFormat: msRows.map(() => ["@", "@", "@", "yyyy-mm-dd", "@"]),
  });
  pushAll(
    merges,
    msRows.map((_, i) => `A${ms + 1 + i}:C${ms + 1 + i}`),
  );
  const pageLast = ms + TOP;

  // Below the page: the so what of each step (its sheet's action title) and the run status.
  const sw = pageLast + 3;
  blocks.push(headerRow(sw, [t("sheet.soWhat"), ...Array(9).fill(null)]), {
    at: `A${sw + 1}`,
    cells: inputs.steps.map((s) => [
      `${s.number} ${t(`step.${s.step}.name` as Parameters<Translate>[0])}`,
      s.sheet ? { f: `=IFERROR(SixStep_SoWhat_${s.step},${dash})` } : "—",
    ]),
    numberFormat: inputs.steps.map(() => ["@", "General"]),
    style: { wrap: true },
  });
  pushAll(
    merges,
    inputs.steps.map((_, i) => `B${sw + 1 + i}:${LAST_COL}${sw + 1 + i}`),
  );

  const st = sw + inputs.steps.length + 2;
  blocks.push(
    headerRow(st, [
      t("sheet.step"),
      t("sheet.sheetName"),
      t("sheet.stepStatus"),
      t("sheet.inputsFilled"),
      t("sheet.lastRefresh"),
    ]),
  );
  blocks.push({
    at: `A${st + 1}`,
    cells: inputs.steps.map((s) => {
      const quotedName = s.sheet ? quoteSheet(s.sheet) : null;
      let filled: PlanCell = null;
      if (quotedName && s.inputRange) {
        const r = parseRect(s.inputRange);
        const column = (c: number) => `${quotedName}!${rectA1({ r0: r.r0, r1: r.r1, c0: c, c1: c })}`;
        const range = `${quotedName}!${s.inputRange}`;
        const keys = column(r.c0);
        const optional = (s.optionalColumns ?? []).map((j) => `-COUNTA(${column(r.c0 + j)})`);
        const width = optional.length ? `(COLUMNS(${range})-${optional.length})` : `COLUMNS(${range})`;
        filled = { f: `=IFERROR((COUNTA(${range})${optional.join("")})/(COUNTA(${keys})*${width}),0)` };
      }
      return [
        `${s.number} ${t(`step.${s.step}.name` as Parameters<Translate>[0])}`,
        s.sheet ?? "—",
        s.sheet ? t("sheet.generated") : t("sheet.notGenerated"),
        filled,
        s.refreshed ?? null,
      ];
    }),
    numberFormat: inputs.steps.map(() => ["@", "@", "@", "0%", "yyyy-mm-dd"]),
  });
  const stLast = st + inputs.steps.length;
  conditionalFormats.push({
    range: `D${st + 1}:D${stLast}`,
    type: "colorScale",
    min: "#F8696B",
    mid: "#FFEB84",
    max: "#63BE7B",
  });

  const page = extentOf(
    blocks.filter((b) => parseRect(b.at).r0 + 1 <= pageLast),
    charts,
  );
  return {
    plan: {
      name: t("sheet.overview.name"),
      step: "overview",
      blocks,
      columnWidths: { A: 230, B: 86, C: 70, D: 72, E: 72, F: 82, G: 46, H: 46, I: 46, J: 46, K: 12 },
      hiddenColumns: [HELPERS],
      first: true,
      print: { area: page.replace(/^A1:[A-Z]+/, `A1:${LAST_COL}`), titleRows: "1:3", pagesTall: 1 },
      merges: [`A2:${LAST_COL}2`, `A3:${LAST_COL}3`, ...merges],
      rowHeights: {
        // The page's empty rows between its sections, narrow: the plan fits one page in both languages.
        ...gapRows(blocks, charts, pageLast),
        2: 34,
        // The headline rows a little taller: the bridge chart beside them gets room to read.
        ...Object.fromEntries(figures.map((_, i) => [h + 1 + i, 18])),
        ...Object.fromEntries(moveRows.map((_, i) => [mv + 1 + i, 30])),
        ...Object.fromEntries(asks.map((_, i) => [ask + 1 + i, 30])),
        ...Object.fromEntries(risks.map((_, i) => [rk + 1 + i, 20])),
        ...Object.fromEntries(inputs.steps.map((_, i) => [sw + 1 + i, 30])),
      },
      inputTables: [{ id: "asks", range: `A${ask + 1}:A${ask + ASK_ROWS}`, keyColumns: 0 }],
      conditionalFormats,
      charts,
      names: {
        [OVERVIEW_NAMES.asOf]: "M1",
        [OVERVIEW_NAMES.actionTitle]: "A2",
        [OVERVIEW_NAMES.asks]: `A${ask + 1}:A${ask + ASK_ROWS}`,
      },
    },
  };
}

/** The header style, for tests that find the overview's sections. */
export const OVERVIEW_HEAD = HEAD;

/** The empty rows (1-based) of the first page: no visible block and no chart on them, 8 points tall. */
function gapRows(blocks: Block[], charts: { at: string; to: string }[], last: number): Record<number, number> {
  const used = new Set<number>();
  for (const b of blocks) {
    if (b.helper) continue;
    const { r0 } = parseRect(b.at);
    for (let i = 0; i < b.cells.length; i++) used.add(r0 + i + 1);
  }
  for (const c of charts) for (let r = parseRect(c.at).r0; r <= parseRect(c.to).r1; r++) used.add(r + 1);
  const out: Record<number, number> = {};
  for (let r = 4; r <= last; r++) if (!used.has(r)) out[r] = 8;
  return out;
}
