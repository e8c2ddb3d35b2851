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
import type { Block, ChartPlan, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";
import { parseRect, quoteSheet, rectA1 } from "../address";
import { pushAll } from "../arrays";
import { waterfallText } from "./solutions";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";

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

/** A part of the page: its blocks, and the merges and conditional formats it asks for. */
interface Part {
  blocks: Block[];
  merges?: string[];
  conditionalFormats?: ConditionalFormatPlan[];
}

const DASH = quoted("—");

/** A figure through a name: "—" while it cannot be computed (a step not generated). */
function orDash(expr: string): PlanCell {
  return { f: `=IFERROR(${expr},${DASH})` };
}

/** A step's label: its number and name. */
function stepLabel(t: Translate, s: OverviewStep): string {
  return `${s.number} ${t(`step.${s.step}.name` as Parameters<Translate>[0])}`;
}

/**
 * The account plan's first page. Returns the plan; its names (SixStep_AsOf, SixStep_ActionTitle,
 * SixStep_Asks) are for the deck and any reader of the workbook.
 */
export function buildOverviewPlan(t: Translate, inputs: OverviewInputs): { plan: SheetPlan } {
  const money = inputs.unit === "wan" ? "0!.0," : "#,##0.00";
  const h = 6;
  const head = headlines(t, h, money);
  const figLast = h + head.figures;
  const bridge = bridgeChart(t, inputs.bridgeSteps ?? [], money, h, figLast);
  const mv = figLast + 3;
  const ask = mv + TOP + 2;
  const asks = asksPart(t, ask, inputs.asks);
  const rk = ask + ASK_ROWS + 2;
  const risks = risksPart(t, rk);
  const ms = rk + risks.count + 2;
  const pageLast = ms + TOP;
  const sw = pageLast + 3;
  const st = sw + inputs.steps.length + 2;
  const name = t("sheet.overview.name");
  const at = overviewAnchors(name, { h, figures: head.keys, mv, ask, rk, risks: risks.keys, ms, sw, st }, inputs);
  const parts: Part[] = [
    { blocks: titleBlock(t("sheet.overview.title"), undefined) },
    { blocks: titleLines(t, inputs) },
    head,
    bridge,
    topMoves(t, mv, money),
    asks,
    risks,
    nextMilestones(t, ms, inputs.taskRows),
    soWhatPart(t, sw, inputs.steps),
    statusPart(t, st, inputs.steps),
  ];
  const blocks: Block[] = [];
  const merges: string[] = [];
  const conditionalFormats: ConditionalFormatPlan[] = [];
  for (const p of parts) {
    pushAll(blocks, p.blocks);
    pushAll(merges, p.merges ?? []);
    pushAll(conditionalFormats, p.conditionalFormats ?? []);
  }
  const charts = [bridge.chart];
  const page = extentOf(
    blocks.filter((b) => parseRect(b.at).r0 + 1 <= pageLast),
    charts,
  );
  const heights = (first: number, count: number, height: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [first + i, height]));
  return {
    plan: {
      name,
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
        ...heights(h + 1, head.figures, 18),
        ...heights(mv + 1, TOP, 30),
        ...heights(ask + 1, asks.count, 30),
        ...heights(rk + 1, risks.count, 20),
        ...heights(sw + 1, inputs.steps.length, 30),
      },
      inputTables: [{ id: "asks", range: local(at["asks.ask"]), keyColumns: 0 }],
      conditionalFormats,
      charts,
      names: {
        [OVERVIEW_NAMES.asOf]: at.asOf.ref(),
        [OVERVIEW_NAMES.actionTitle]: at.actionTitle.ref(),
        [OVERVIEW_NAMES.asks]: local(at["asks.ask"]),
      },
      anchors: at,
    },
  };
}

/** A column's local range over its rows, as a name or an input table points to it ("A20:A22"). */
const local = (c: ColumnAnchor) => `${c.letter}${c.first}:${c.letter}${c.last}`;

/**
 * Where the overview's parts are, as anchors: the as-of date and the action title; each headline
 * figure and risk (keyed by what it is); the columns of the top moves, the asks, the next
 * milestones, the so-whats and the run status over their rows.
 */
function overviewAnchors(
  sheet: string,
  rows: {
    h: number;
    figures: string[];
    mv: number;
    ask: number;
    rk: number;
    risks: string[];
    ms: number;
    sw: number;
    st: number;
  },
  inputs: OverviewInputs,
) {
  const cell = (row: number, col: number) => new CellAnchor(sheet, row, col);
  const out: Anchors = {};
  const columns = (part: string, first: number, count: number, keys: string[]) =>
    keys.forEach((key, col) => {
      if (key) out[`${part}.${key}`] = new ColumnAnchor(sheet, col, first, first + count - 1);
    });
  rows.figures.forEach((key, i) => (out[`headlines.${key}`] = cell(rows.h + 1 + i, 1)));
  rows.risks.forEach((key, i) => (out[`risks.${key}`] = cell(rows.rk + 1 + i, 1)));
  columns("moves", rows.mv + 1, TOP, ["move", "phase", "owner", "start", "due", "impact", "timeline"]);
  columns("milestones", rows.ms + 1, TOP, ["task", "", "", "due", "owner"]);
  const n = inputs.steps.length;
  columns("soWhat", rows.sw + 1, n, ["step", "text"]);
  columns("status", rows.st + 1, n, ["step", "sheet", "status", "inputsFilled", "lastRefresh"]);
  return {
    ...out,
    asOf: cell(1, 12),
    actionTitle: cell(2, 0),
    subtitle: cell(3, 0),
    "asks.ask": new ColumnAnchor(sheet, 0, rows.ask + 1, rows.ask + ASK_ROWS),
  };
}

/**
 * The page's head under the sheet title: the as-of date (hidden, M1), the plan in one sentence
 * (an action title by formula), whose plan and as of when, and the note.
 */
function titleLines(t: Translate, inputs: OverviewInputs): Block[] {
  const account = inputs.account ?? "";
  const blocks: Block[] = [
    // Hidden helpers: the as-of date (M1).
    {
      at: "L1",
      cells: [[t("sheet.asOfLabel"), asOfCell(inputs.asOf)]],
      numberFormat: [["@", "yyyy-mm-dd"]],
      helper: true,
    },
    {
      at: "A2",
      cells: [[actionTitle(t, inputs.lang, account)]],
      style: { bold: true, fontSize: 15, fontColor: "#1F4E79", wrap: true },
    },
    {
      at: "A3",
      cells: [
        [
          {
            f: `=${quoted([account, inputs.period].filter(Boolean).join(" · ") + " · ")}&${quoted(t("sheet.asOfWord"))}&TEXT(${OVERVIEW_NAMES.asOf},"yyyy-mm-dd")`,
          },
        ],
      ],
      style: { fontColor: "#404040" },
    },
  ];
  if (inputs.note) blocks.push({ at: "A4", cells: [[inputs.note]], style: { fontColor: "#595959", fontSize: 9 } });
  return blocks;
}

/** The action title: the plan in one sentence; a plan without a bridge says what it has. */
function actionTitle(t: Translate, lang: "zh" | "en", account: string): PlanCell {
  const wan = (expr: string) => (lang === "zh" ? `TEXT(${expr}/10000,"0.0")` : `TEXT(${expr}/1000,"#,##0")`);
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
  return { f: `=IF(IFERROR(SixStep_BridgeEnd<>SixStep_FocusAverage,FALSE),${action.f.slice(1)},${fallback})` };
}

/** The headline figures (A:B) from row `h`; `figures` is how many. */
function headlines(t: Translate, h: number, money: string): Part & { figures: number; keys: string[] } {
  // Each figure's anchor key (headlines.<key>), its label, its formula and its format.
  const figures: [string, string, PlanCell, string][] = [
    ["total", t("sheet.fig.total"), orDash("SixStep_Total"), "#,##0"],
    ["focus", t("sheet.fig.focus"), orDash("SixStep_FocusAverage"), money],
    ["focusShare", t("sheet.fig.focusShare"), orDash("SixStep_SegmentShare"), "0.0%"],
    ["projected", t("sheet.fig.projected"), orDash("SixStep_BridgeEnd"), money],
    ["growth", t("sheet.fig.growth"), orDash("SixStep_BridgeGrowth"), "+0.0%;-0.0%"],
    ["pipeline", t("sheet.fig.pipeline"), orDash("SixStep_PipelineTotal"), money],
    [
      "pipelineQuarter",
      t("sheet.fig.pipelineQuarter"),
      orDash(`SixStep_PipelineQuarterCount&" · "&TEXT(SixStep_PipelineQuarter,"#,##0")`),
      "General",
    ],
    ["readiness", t("sheet.fig.readiness"), orDash("AVERAGE(SixStep_Readiness)"), "0%"],
    ["supportIndex", t("sheet.fig.supportIndex"), orDash("SixStep_SupportIndex"), "0.00"],
  ];
  const blocks: Block[] = [
    headerRow(h, [t("sheet.headlines"), null]),
    {
      at: `A${h + 1}`,
      cells: figures.map(([, label, cell]) => [label, cell]),
      numberFormat: figures.map(([, , , fmt]) => ["@", fmt]),
      // A long label wraps (the row grows) rather than run under its figure.
      style: { wrap: true },
    },
  ];
  return { blocks, figures: figures.length, keys: figures.map(([key]) => key) };
}

/**
 * The revenue bridge beside the headlines (D:J, rows `h` to `figLast` + 1), as a waterfall; its
 * data hidden in L:P: start, the bridge's steps (by label, live), end.
 */
function bridgeChart(
  t: Translate,
  steps: string[],
  money: string,
  h: number,
  figLast: number,
): Part & { chart: ChartPlan } {
  const wHead = 3;
  const wFirst = wHead + 1;
  const wRows: PlanCell[][] = [
    // Short category names: the chart is small, and a long name prints slanted over the axis.
    [t("ov.bridgeNow"), 0, 0, 0, orDash("SixStep_FocusAverage"), null],
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
    [t("ov.bridgeYearEnd"), 0, 0, 0, orDash("SixStep_BridgeEnd"), null],
  ];
  const wLast = wHead + wRows.length;
  const blocks: Block[] = [
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
  ];
  const chart = {
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
  };
  return { blocks, chart };
}

/** The top three moves by rank from row `mv`: owner, start, due, monthly impact, and a quarter timeline. */
function topMoves(t: Translate, mv: number, money: string): Part {
  const byRank = (k: number, of: string) => `INDEX(${of},MATCH(${k},SixStep_SolutionRanks,0))`;
  const quarterStart = (q: number) => `DATE(SixStep_PlanYear,SixStep_FiscalStart+${3 * (q - 1)},1)`;
  const moveRows: PlanCell[][] = [];
  for (let k = 1; k <= TOP; k++) {
    const r = mv + k;
    const id = byRank(k, "SixStep_SolutionIds");
    const has = `COUNTIF(SixStep_TaskIds,${id})>0`;
    const impact = byRank(k, "SixStep_SolutionImpacts");
    moveRows.push([
      { f: `=IFERROR(${k}&". "&${byRank(k, "SixStep_SolutionNames")},${k === 1 ? DASH : '""'})` },
      { f: `=IFERROR(${byRank(k, "SixStep_SolutionPhases")},"")` },
      { f: `=IFERROR(INDEX(SixStep_TaskOwners,MATCH(${id},SixStep_TaskIds,0)),"")` },
      { f: `=IFERROR(IF(${has},MINIFS(SixStep_TaskStarts,SixStep_TaskIds,${id}),""),"")` },
      { f: `=IFERROR(IF(${has},MAXIFS(SixStep_TaskEnds,SixStep_TaskIds,${id}),""),"")` },
      // A solution whose impact the analyst left blank says so: a blank is not a zero impact.
      { f: `=IFERROR(IF(${impact}&""="",${quoted(t("ov.notEstimated"))},${impact}),"")` },
      ...[1, 2, 3, 4].map((q): PlanCell => {
        const qs = quarterStart(q);
        return {
          f: `=IFERROR(IF(OR($D${r}="",$E${r}=""),"",IF(AND($D${r}<=EOMONTH(${qs},2),$E${r}>=${qs}),IF($E${r}<=EOMONTH(${qs},2),"◆","■"),"")),"")`,
        };
      }),
    ]);
  }
  const blocks: Block[] = [
    headerRow(mv, [
      t("ov.moves"),
      t("sheet.finalPhase"),
      t("sheet.owner"),
      t("sheet.start"),
      t("ov.due"),
      t("ov.impact"),
      ...[1, 2, 3, 4].map((q): PlanCell => ({ f: `=IFERROR(SixStep_PlanYear&" Q${q}","Q${q}")` })),
    ]),
    {
      at: `A${mv + 1}`,
      cells: moveRows.map((r) => r.slice(0, 5)),
      numberFormat: moveRows.map(() => ["@", "@", "@", "yyyy-mm-dd", "yyyy-mm-dd"]),
      style: { wrap: true },
    },
    // The impact, right-aligned as a number is, whether it is one or says it was not estimated.
    {
      at: `F${mv + 1}`,
      cells: moveRows.map((r) => r.slice(5, 6)),
      numberFormat: money,
      style: { wrap: true, align: "Right" },
    },
    {
      at: `G${mv + 1}`,
      cells: moveRows.map((r) => r.slice(6)),
      numberFormat: "@",
      style: { align: "Center", fontColor: "#1F4E79" },
    },
  ];
  const timeline: ConditionalFormatPlan = {
    range: `G${mv + 1}:J${mv + TOP}`,
    type: "custom",
    formula: `=LEN(G${mv + 1})>0`,
    fill: "#BDD7EE",
  };
  return { blocks, conditionalFormats: [timeline] };
}

/** What the analyst asks of management, from row `ask`: kept on Refresh (the sample's are the deck's needs). */
function asksPart(t: Translate, ask: number, previous: PlanCell[][] | undefined): Part & { count: number } {
  const asks = mergeInputRows(
    Array.from({ length: ASK_ROWS }, () => [null]),
    previous,
    0,
    1,
  );
  const blocks: Block[] = [
    headerRow(ask, [t("sheet.asks"), ...Array(9).fill(null)]),
    { at: `A${ask + 1}`, cells: asks, input: true, numberFormat: "@", style: { wrap: true } },
  ];
  return { blocks, merges: asks.map((_, i) => `A${ask + 1 + i}:${LAST_COL}${ask + 1 + i}`), count: asks.length };
}

/**
 * The risks from row `rk` (issue 29): the factor with the largest gap (importance − our
 * performance, Industry sheet), the products where a rival's weighted score beats ours
 * (Competition sheet), and the sites and services that block the plan's solutions (Support
 * sheet): each a named cell there.
 */
function risksPart(t: Translate, rk: number): Part & { count: number; keys: string[] } {
  const named = (name: string) => orDash(`${name}&""`);
  // Each risk's anchor key (risks.<key>), in the rows' order.
  const keys = ["largestGap", "lag", "blocking"];
  const risks: [string, PlanCell][] = [
    [t("sheet.risk.largestGap"), named("SixStep_LargestGap")],
    [
      t("sheet.risk.lag"),
      orDash(
        `IF(SixStep_LagList="",${quoted(t("sheet.none"))},SUBSTITUTE(MID(SixStep_LagList,2,32767),"|",${quoted(t("sheet.listSep"))}))`,
      ),
    ],
    [t("sheet.risk.blocking"), named("SixStep_BlockingSites")],
  ];
  const blocks: Block[] = [
    headerRow(rk, [t("sheet.risks"), ...Array(9).fill(null)]),
    { at: `A${rk + 1}`, cells: risks, numberFormat: risks.map(() => ["@", "General"]), style: { wrap: true } },
  ];
  return {
    blocks,
    merges: risks.map((_, i) => `B${rk + 1 + i}:${LAST_COL}${rk + 1 + i}`),
    count: risks.length,
    keys,
  };
}

/** The next milestones after the as-of date, from row `ms` (R: each task's order, hidden). */
function nextMilestones(t: Translate, ms: number, taskRows: number | undefined): Part {
  const n = Math.max(1, taskRows ?? 0);
  const oFirst = 3;
  const order = `$R$${oFirst}:$R$${oFirst + n - 1}`;
  const AS_OF = OVERVIEW_NAMES.asOf;
  const blocks: Block[] = [
    {
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
    },
    // The milestone's name across A:C (one line: a merged cell does not grow), its date and owner in D and E.
    headerRow(ms, [t("ov.nextMilestones"), null, null, t("ov.due"), t("sheet.owner"), ...Array(5).fill(null)]),
  ];
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
  blocks.push({ at: `A${ms + 1}`, cells: msRows, numberFormat: msRows.map(() => ["@", "@", "@", "yyyy-mm-dd", "@"]) });
  return { blocks, merges: msRows.map((_, i) => `A${ms + 1 + i}:C${ms + 1 + i}`) };
}

/** Below the page, from row `sw`: the so what of each step (its sheet's action title). */
function soWhatPart(t: Translate, sw: number, steps: OverviewStep[]): Part {
  const blocks: Block[] = [
    headerRow(sw, [t("sheet.soWhat"), ...Array(9).fill(null)]),
    {
      at: `A${sw + 1}`,
      cells: steps.map((s) => [stepLabel(t, s), s.sheet ? { f: `=IFERROR(SixStep_SoWhat_${s.step},${DASH})` } : "—"]),
      numberFormat: steps.map(() => ["@", "General"]),
      style: { wrap: true },
    },
  ];
  return { blocks, merges: steps.map((_, i) => `B${sw + 1 + i}:${LAST_COL}${sw + 1 + i}`) };
}

/** The run status of each sheet, from row `st`: generated or not, inputs filled, last refresh. */
function statusPart(t: Translate, st: number, steps: OverviewStep[]): Part {
  const blocks: Block[] = [
    headerRow(st, [
      t("sheet.step"),
      t("sheet.sheetName"),
      t("sheet.stepStatus"),
      t("sheet.inputsFilled"),
      t("sheet.lastRefresh"),
    ]),
    {
      at: `A${st + 1}`,
      cells: steps.map((s) => [
        stepLabel(t, s),
        s.sheet ?? "—",
        s.sheet ? t("sheet.generated") : t("sheet.notGenerated"),
        inputsFilled(s),
        s.refreshed ?? null,
      ]),
      numberFormat: steps.map(() => ["@", "@", "@", "0%", "yyyy-mm-dd"]),
    },
  ];
  const stLast = st + steps.length;
  const scale: ConditionalFormatPlan = {
    range: `D${st + 1}:D${stLast}`,
    type: "colorScale",
    min: "#F8696B",
    mid: "#FFEB84",
    max: "#63BE7B",
  };
  return { blocks, conditionalFormats: [scale] };
}

/** The share of a step's input cells filled (its optional columns left out), by formula. */
function inputsFilled(s: OverviewStep): PlanCell {
  const quotedName = s.sheet ? quoteSheet(s.sheet) : null;
  if (!quotedName || !s.inputRange) return null;
  const r = parseRect(s.inputRange);
  const column = (c: number) => `${quotedName}!${rectA1({ r0: r.r0, r1: r.r1, c0: c, c1: c })}`;
  const range = `${quotedName}!${s.inputRange}`;
  const keys = column(r.c0);
  const optional = (s.optionalColumns ?? []).map((j) => `-COUNTA(${column(r.c0 + j)})`);
  const width = optional.length ? `(COLUMNS(${range})-${optional.length})` : `COLUMNS(${range})`;
  return { f: `=IFERROR((COUNTA(${range})${optional.join("")})/(COUNTA(${keys})*${width}),0)` };
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
