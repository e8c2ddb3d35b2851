/**
 * The "0 概览 / 0 Overview" sheet for management: each step's sheet, whether it is generated, how
 * full its main input table is and when it was last refreshed; then the headline figures, all by
 * formula through the names the step sheets define (a step not generated shows "—").
 */
import type { Translate } from "../i18n";
import type { StepId } from "../steps/meta";
import { extentOf, headerRow, quoted, titleBlock } from "./kit";
import { mergeInputRows } from "./inputs";
import type { Block, PlanCell, SheetPlan } from "./plan";
import { parseRect, quoteSheet, rectA1 } from "../address";

export interface OverviewStep {
  step: StepId;
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
  today: number;
  note?: string;
  /** Whose plan and for which period, for the title. */
  account?: string;
  period?: string;
  /** Money in yuan or in 万元. */
  unit?: "yuan" | "wan";
  /** What the analyst asks of management, kept on Refresh. */
  asks?: PlanCell[][];
}

/** Rows for the analyst's requests to management. */
const ASK_ROWS = 3;

/** A date serial as yyyy-mm-dd (UTC calendar). */
function isoDate(serial: number): string {
  return new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The account plan's first page, top to bottom: whose plan, the headline figures (the top three
 * solutions by rank), the "so what" of each step (its sheet's first implication), what the
 * analyst asks of management (an input block), and the run status of each step.
 */
export function buildOverviewPlan(t: Translate, inputs: OverviewInputs): { plan: SheetPlan } {
  const blocks: Block[] = [...titleBlock(t("sheet.overview.title"), inputs.note)];
  const dash = quoted("—");
  const who = [inputs.account, inputs.period, t("sheet.asOf", { date: isoDate(inputs.today) })].filter(Boolean);
  blocks.push({ at: "A3", cells: [[who.join(" · ")]], style: { bold: true, fontSize: 12 } });

  // Headline figures, by formula through the names the step sheets define.
  const h = 5;
  const f = (expr: string): PlanCell => ({ f: `=IFERROR(${expr},${dash})` });
  const byRank = (k: number, of: string) => `INDEX(${of},MATCH(${k},SixStep_SolutionRanks,0))`;
  // "name (phase) · owner · first task", the owner and task from the Planning sheet's tasks.
  const task = (k: number, of: string) => `INDEX(${of},MATCH(${byRank(k, "SixStep_SolutionIds")},SixStep_TaskIds,0))`;
  const top = (k: number) =>
    f(
      `${byRank(k, "SixStep_SolutionNames")}&" ("&${byRank(k, "SixStep_SolutionPhases")}&")"&IFERROR(" · "&${task(k, "SixStep_TaskOwners")}&" · "&${task(k, "SixStep_TaskNames")},"")`,
    );
  const money = inputs.unit === "wan" ? "0!.0," : "#,##0.00";
  const figures: [string, PlanCell, string][] = [
    [t("sheet.fig.total"), f(`"100% = "&TEXT(SixStep_Total/10000,"#,##0")&" ${t("sheet.unitWan")}"`), "@"],
    [t("sheet.fig.focus"), f("SixStep_FocusAverage"), money],
    [t("sheet.fig.focusShare"), f("SixStep_SegmentShare"), "0.0%"],
    [t("sheet.fig.competition"), f("SixStep_CompetitionSummary"), "General"],
    [t("sheet.fig.top1"), top(1), "General"],
    [t("sheet.fig.top2"), top(2), "General"],
    [t("sheet.fig.top3"), top(3), "General"],
    [t("sheet.fig.projected"), f("SixStep_BridgeEnd"), money],
    [t("sheet.fig.growth"), f("SixStep_BridgeGrowth"), "0.0%"],
    [t("sheet.fig.pipeline"), f("SixStep_PipelineTotal"), money],
    [
      t("sheet.fig.pipelineQuarter"),
      f(`SixStep_PipelineQuarterCount&" · "&TEXT(SixStep_PipelineQuarter,"#,##0")`),
      "General",
    ],
    [t("sheet.fig.readiness"), f("AVERAGE(SixStep_Readiness)"), "0%"],
    [t("sheet.fig.supportIndex"), f("SixStep_SupportIndex"), "0.00"],
    [
      t("sheet.fig.nextMilestone"),
      f(
        `IF(SixStep_NextMilestone="",${quoted(t("impl.planning.none"))},TEXT(SixStep_NextMilestone,"yyyy-mm-dd")&" "&SixStep_NextMilestoneTask)`,
      ),
      "General",
    ],
  ];
  blocks.push(headerRow(h, [t("sheet.headlines"), null]), {
    at: `A${h + 1}`,
    cells: figures.map(([label, cell]) => [label, cell]),
    numberFormat: figures.map(([, , fmt]) => ["@", fmt]),
  });

  // Risks (issue 29): the factor with the largest gap (importance − our performance, Industry
  // sheet), the products where a rival's weighted score beats ours (Competition sheet), and the
  // sites and services that block the plan's solutions (Support sheet): each a named cell there.
  const rk = h + figures.length + 2;
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
  blocks.push(headerRow(rk, [t("sheet.risks"), null]), {
    at: `A${rk + 1}`,
    cells: risks,
    numberFormat: risks.map(() => ["@", "General"]),
  });

  // The so what of each step: its sheet's first implication.
  const sw = rk + risks.length + 2;
  blocks.push(headerRow(sw, [t("sheet.soWhat"), null]), {
    at: `A${sw + 1}`,
    cells: inputs.steps.map((s, i) => [
      `${i + 1} ${t(`step.${s.step}.name` as Parameters<Translate>[0])}`,
      s.sheet ? { f: `=IFERROR(SixStep_SoWhat_${s.step},${dash})` } : "—",
    ]),
    numberFormat: inputs.steps.map(() => ["@", "General"]),
    style: { wrap: true },
  });

  // What the analyst asks of management: kept on Refresh.
  const ask = sw + inputs.steps.length + 2;
  const asks = mergeInputRows(
    Array.from({ length: ASK_ROWS }, () => [null]),
    inputs.asks,
    0,
    1,
  );
  blocks.push(headerRow(ask, [t("sheet.asks"), null]), {
    at: `B${ask + 1}`,
    cells: asks,
    input: true,
    numberFormat: "@",
    style: { wrap: true },
  });

  // The run status of each step, below the content.
  const st = ask + ASK_ROWS + 2;
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
    cells: inputs.steps.map((s, i) => {
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
        `${i + 1} ${t(`step.${s.step}.name` as Parameters<Translate>[0])}`,
        s.sheet ?? "—",
        s.sheet ? t("sheet.generated") : t("sheet.notGenerated"),
        filled,
        s.refreshed ?? null,
      ];
    }),
    numberFormat: inputs.steps.map(() => ["@", "@", "@", "0%", "yyyy-mm-dd"]),
  });
  const stLast = st + inputs.steps.length;
  return {
    plan: {
      name: t("sheet.overview.name"),
      step: "overview",
      blocks,
      columnWidths: { A: 200, B: 520, C: 90, D: 90, E: 90 },
      freezeRows: 1,
      first: true,
      print: { area: extentOf(blocks, []), titleRows: "1:3", pagesTall: 1 },
      merges: [],
      // The so-what lines wrap on two lines.
      rowHeights: Object.fromEntries(inputs.steps.map((_, i) => [sw + 1 + i, 30])),
      inputTables: [{ id: "asks", range: `B${ask + 1}:B${ask + ASK_ROWS}`, keyColumns: 0 }],
      conditionalFormats: [
        { range: `D${st + 1}:D${stLast}`, type: "colorScale", min: "#F8696B", mid: "#FFEB84", max: "#63BE7B" },
      ],
    },
  };
}
