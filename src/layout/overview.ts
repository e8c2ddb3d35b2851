/**
 * The "0 概览 / 0 Overview" sheet for management: each step's sheet, whether it is generated, how
 * full its main input table is and when it was last refreshed; then the headline figures, all by
 * formula through the names the step sheets define (a step not generated shows "—").
 */
import type { Translate } from "../i18n";
import type { StepId } from "../steps/meta";
import { extentOf, headerRow, quoted, titleBlock } from "./kit";
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
}

export function buildOverviewPlan(t: Translate, inputs: OverviewInputs): { plan: SheetPlan } {
  const blocks: Block[] = [...titleBlock(t("sheet.overview.title"), inputs.note)];
  const dash = quoted("—");
  blocks.push(
    headerRow(4, [
      t("sheet.step"),
      t("sheet.sheetName"),
      t("sheet.stepStatus"),
      t("sheet.inputsFilled"),
      t("sheet.lastRefresh"),
    ]),
  );
  blocks.push({
    at: "A5",
    cells: inputs.steps.map((s, i) => {
      const quoted = s.sheet ? quoteSheet(s.sheet) : null;
      let filled: PlanCell = null;
      if (quoted && s.inputRange) {
        const r = parseRect(s.inputRange);
        const column = (c: number) => `${quoted}!${rectA1({ r0: r.r0, r1: r.r1, c0: c, c1: c })}`;
        const range = `${quoted}!${s.inputRange}`;
        const keys = column(r.c0);
        const optional = (s.optionalColumns ?? []).map((i) => `-COUNTA(${column(r.c0 + i)})`);
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
  const h = 5 + inputs.steps.length + 2;
  const f = (expr: string): PlanCell => ({ f: `=IFERROR(${expr},${dash})` });
  const figures: [string, PlanCell, string][] = [
    [t("sheet.fig.total"), f(`"100% = "&TEXT(SixStep_Total/10000,"#,##0")&" ${t("sheet.unitWan")}"`), "@"],
    [t("sheet.fig.focus"), f("SixStep_FocusAverage"), "#,##0.00"],
    [t("sheet.fig.focusShare"), f("SixStep_SegmentShare"), "0.0%"],
    [t("sheet.fig.competition"), f("SixStep_CompetitionSummary"), "@"],
    [t("sheet.fig.top1"), f("INDEX(SixStep_PhasingNames,1)"), "@"],
    [t("sheet.fig.top2"), f("INDEX(SixStep_PhasingNames,2)"), "@"],
    [t("sheet.fig.top3"), f("INDEX(SixStep_PhasingNames,3)"), "@"],
    [t("sheet.fig.projected"), f("SixStep_BridgeEnd"), "#,##0.00"],
    [t("sheet.fig.growth"), f("SixStep_BridgeGrowth"), "0.0%"],
    [t("sheet.fig.readiness"), f("AVERAGE(SixStep_Readiness)"), "0%"],
    [t("sheet.fig.supportIndex"), f("SixStep_SupportIndex"), "0.00"],
    [
      t("sheet.fig.nextMilestone"),
      f(`IF(SixStep_NextMilestone="",${dash},TEXT(SixStep_NextMilestone,"yyyy-mm-dd")&" "&SixStep_NextMilestoneTask)`),
      "@",
    ],
  ];
  blocks.push(headerRow(h, [t("sheet.headlines"), null]));
  blocks.push({
    at: `A${h + 1}`,
    cells: figures.map(([label, cell]) => [label, cell]),
    numberFormat: figures.map(([, , fmt]) => ["@", fmt]),
  });
  return {
    plan: {
      name: t("sheet.overview.name"),
      step: "overview",
      blocks,
      columnWidths: { A: 200, B: 320, C: 90, D: 90, E: 90 },
      freezeRows: 1,
      first: true,
      print: { area: extentOf(blocks, []), titleRows: "1:2", pagesTall: 1 },
      conditionalFormats: [{ range: "D5:D10", type: "colorScale", min: "#F8696B", mid: "#FFEB84", max: "#63BE7B" }],
    },
  };
}
