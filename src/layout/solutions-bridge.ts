/**
 * The Solutions sheet's revenue bridge: from step 1's focus-customer average, the analyst's steps
 * (typed, or each step's solution's opportunities in the pipeline, weighted or committed) to the
 * monthly revenue by the end of the plan year, with its waterfall chart's data beside it.
 */
import type { Translate } from "../i18n";
import { defineTable, heading, headerRow, inputTable, moneyFormat, quoted, tableAnchors, type Unit } from "./kit";
import { CellAnchor, ColumnAnchor } from "./anchor";
import type { Block, ChartPlan, PlanCell } from "./plan";
import { sourceColumn, type Provenance } from "./provenance";
import { pushAll } from "../arrays";

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

/** Where the sample's bridge figures come from: its start, each step (by its label), its end and growth. */
export interface BridgeSources {
  start: Provenance;
  step(label: string): Provenance;
  end: Provenance;
  growth: Provenance;
}

/** What the bridge is built from (the Solutions sheet's inputs). */
export interface BridgeInputs {
  /** Bridge rows: label, monthly amount, solution id. */
  bridge: PlanCell[][];
  /** Bridge rows whose amount is their solution's expected impact, by formula. */
  bridgeLinks?: boolean[];
  unit?: Unit;
  /** The bridge's source (a label of bridgeSourceLabels), the analyst's: typed by default. */
  bridgeSource?: PlanCell;
  /** The sample only: which of the bridge's figures come from the original case (a source column, E). */
  bridgeSources?: BridgeSources;
}

/** Blank rows under the steps, for new ones. */
const SPARE = 4;

/** The bridge's sources, as the list in D of its start row offers them: typed, weighted, committed. */
export function bridgeSourceLabels(t: Translate): [string, string, string] {
  return [t("sheet.pl.source.typed"), t("sheet.pl.source.weighted"), t("sheet.pl.source.committed")];
}

/** The bridge's rows, as the sections after its table place them. */
interface BridgeRows {
  startRow: number;
  brHead: number;
  brFirst: number;
  brLast: number;
  endRow: number;
}

/** The revenue bridge (title at `row`) from step 1's focus-customer average, and its waterfall data (F:J). */
export function bridge(
  t: Translate,
  inputs: BridgeInputs,
  row: number,
  solutions: { firstRow: number; lastRow: number },
) {
  const MONEY = moneyFormat(inputs.unit);
  const brTitle = row;
  const startRow = brTitle + 1;
  const brHead = startRow + 1;
  const table = inputTable(BRIDGE_TABLE, linkedSteps(inputs, brHead, solutions), t, {
    row: brHead,
    spare: SPARE,
    unit: inputs.unit,
    extraHeaders: [t("sheet.pl.used")],
  });
  const { firstRow: brFirst, lastRow: brLast, rows: brRows, blocks } = table;
  const at: BridgeRows = { startRow, brHead, brFirst, brLast, endRow: brLast + 1 };
  const { endRow } = at;
  // Where the steps' amounts come from (D of the start row): typed (B), or each step's solution's
  // opportunities in the pipeline, weighted or committed. D of each step is the amount used.
  const [typed] = bridgeSourceLabels(t);
  const mode = `$D$${startRow}`;
  blocks.unshift(
    heading(brTitle, t("sheet.bridge")),
    {
      at: `A${startRow}`,
      cells: [[t("sheet.bridgeStart"), { f: `=${FOCUS_AVERAGE_NAME}` }, t("sheet.pl.source")]],
      numberFormat: [["@", MONEY, "@"]],
      style: { bold: true },
    },
    { at: `D${startRow}`, cells: [[inputs.bridgeSource ?? typed]], input: true, numberFormat: "@" },
  );
  blocks.push(amountsUsed(t, mode, brFirst, brRows.length, MONEY));
  blocks.push({
    at: `A${endRow}`,
    cells: [
      [t("sheet.bridgeEnd"), { f: `=B${startRow}+SUM(D${brFirst}:D${brLast})` }],
      [t("sheet.growth"), { f: `=IF(B${startRow}=0,"",B${endRow}/B${startRow}-1)` }],
    ],
    numberFormat: [
      ["@", MONEY],
      ["@", "0.0%"],
    ],
    style: { bold: true },
  });
  const src = inputs.bridgeSources;
  if (src) pushAll(blocks, bridgeSourceColumn(t, src, brRows, at));
  // By when (deck p.26): the end is the monthly revenue by the end of the plan year, after the
  // short- and mid-term moves; the growth compares it with the start's period.
  blocks.push({
    at: `C${endRow}`,
    cells: [[t("sheet.bridgeByWhen")], [t("sheet.bridgeGrowthNote")]],
    numberFormat: [["@"], ["@"]],
    style: { fontColor: "#595959" },
  });
  const waterfall = waterfallData(t, inputs.bridge.length, at, MONEY);
  pushAll(blocks, waterfall.blocks);
  return {
    ...table,
    validations: [
      ...(table.validations ?? []),
      { range: mode.replace(/\$/g, ""), type: "list" as const, source: bridgeSourceLabels(t) },
    ],
    inputTables: [...(table.inputTables ?? []), { id: "bridgeSource", range: mode.replace(/\$/g, ""), keyColumns: 0 }],
    next: endRow + 2,
    title: brTitle,
    startRow,
    end: endRow,
    waterfallHead: brHead,
    waterfallLast: waterfall.last,
  };
}

/**
 * The bridge's anchors on `sheet`: its start (and the source beside it), the steps' columns
 * ("bridge.<column key>", and the amount used), its end and growth, and the waterfall's columns.
 */
export function bridgeAnchors(sheet: string, br: ReturnType<typeof bridge>) {
  const start = new CellAnchor(sheet, br.startRow, 1);
  const end = new CellAnchor(sheet, br.end, 1);
  const waterfall = (col: number) => new ColumnAnchor(sheet, col, br.waterfallHead + 1, br.waterfallLast);
  return {
    ...tableAnchors(sheet, BRIDGE_TABLE, br),
    "bridge.used": new ColumnAnchor(sheet, 3, br.firstRow, br.lastRow),
    "bridge.start": start,
    "bridge.source": start.offset(0, 2),
    "bridge.end": end,
    "bridge.growth": end.offset(1),
    "waterfall.label": waterfall(5),
    "waterfall.base": waterfall(6),
    "waterfall.up": waterfall(7),
    "waterfall.down": waterfall(8),
    "waterfall.total": waterfall(9),
  };
}

/** The steps as typed, a linked row reading its solution's expected impact (J) by the solution's id (A). */
function linkedSteps(
  inputs: BridgeInputs,
  brHead: number,
  solutions: { firstRow: number; lastRow: number },
): PlanCell[][] {
  const S = (c: string) => `$${c}$${solutions.firstRow}:$${c}$${solutions.lastRow}`;
  return inputs.bridge.map((r, i) =>
    inputs.bridgeLinks?.[i]
      ? [r[0], { f: `=IFERROR(INDEX(${S("J")},MATCH($C${brHead + 1 + i},${S("A")},0)),0)` }, r[2]]
      : r,
  );
}

/** D of each step: the amount used, as the source in `mode` says (typed, weighted or committed). */
function amountsUsed(t: Translate, mode: string, brFirst: number, count: number, MONEY: string): Block {
  const [typed, weighted] = bridgeSourceLabels(t);
  return {
    at: `D${brFirst}`,
    cells: Array.from({ length: count }, (_, i) => {
      const r = brFirst + i;
      const from = (name: string) => `SUMIFS(${name},SixStep_PipelineSolutions,$C${r})`;
      return [
        {
          f: `=IF(OR(${mode}=${quoted(typed)},$C${r}=""),N(B${r}),IF(${mode}=${quoted(weighted)},${from("SixStep_PipelineWeighted")},${from("SixStep_PipelineCommitted")}))`,
        },
      ];
    }),
    numberFormat: Array.from({ length: count }, () => [MONEY]),
  };
}

/** The sample's source column (E) beside the start, each step, the end and the growth. */
function bridgeSourceColumn(t: Translate, src: BridgeSources, brRows: PlanCell[][], at: BridgeRows): Block[] {
  return sourceColumn(
    t,
    4,
    [
      { row: at.startRow, source: src.start },
      ...brRows.map((r, i) => ({
        row: at.brFirst + i,
        source: typeof r[0] === "string" && r[0] !== "" ? src.step(r[0]) : undefined,
      })),
      { row: at.endRow, source: src.end },
      { row: at.endRow + 1, source: src.growth },
    ],
    at.brHead,
  );
}

/**
 * Waterfall data (F:J): an invisible base under the increase / decrease bars, totals first and
 * last. Only the `steps` written now: the spare rows would be empty slots in the chart (a step
 * typed into one joins the chart on Refresh, as the test "a bridge row the analyst adds" holds).
 */
function waterfallData(t: Translate, steps: number, at: BridgeRows, MONEY: string): { blocks: Block[]; last: number } {
  const { startRow, brHead: wHead, brFirst, endRow } = at;
  const wRows: PlanCell[][] = [
    [t("sheet.bridgeStart"), 0, 0, 0, { f: `=B${startRow}` }],
    ...Array.from({ length: steps }, (_, i) => {
      const r = brFirst + i;
      const before = `($B$${startRow}+SUM($D$${brFirst}:D${r})-N(D${r}))`;
      return [
        { f: `=IF(A${r}="","",A${r})` },
        { f: `=IF(AND(A${r}="",B${r}=""),0,MIN(${before},${before}+N(D${r})))` },
        { f: `=MAX(N(D${r}),0)` },
        { f: `=MAX(-N(D${r}),0)` },
        0,
      ] as PlanCell[];
    }),
    [t("sheet.bridgeEnd"), 0, 0, 0, { f: `=B${endRow}` }],
  ];
  const blocks: Block[] = [
    headerRow(wHead, [null, t("sheet.bridgeBase"), t("sheet.bridgeUp"), t("sheet.bridgeDown"), t("sheet.total")], 5),
    { at: `F${wHead + 1}`, cells: wRows, numberFormat: wRows.map(() => ["@", MONEY, MONEY, MONEY, MONEY]) },
  ];
  return { blocks, last: wHead + wRows.length };
}

/**
 * What the waterfall says: each bar's amount (the increase signed +, the decrease −, a zero shown
 * as nothing, in the sheet's unit), no label and no legend entry for the invisible base (series 0),
 * and its axes titled.
 */
export function waterfallText(
  t: Translate,
  unit: Unit | undefined,
): Pick<ChartPlan, "labels" | "legendHidden" | "axisTitles"> {
  const n = unit === "wan" ? "0!.0," : "#,##0";
  const label = (numberFormat: string, position: "Center" | "InsideEnd") => ({
    showValue: true,
    numberFormat,
    position,
  });
  return {
    labels: [
      { series: 1, options: label(`+${n};-${n};`, "Center") },
      { series: 2, options: label(`-${n};+${n};`, "Center") },
      { series: 3, options: label(`${n};-${n};`, "InsideEnd") },
    ],
    legendHidden: [0],
    axisTitles: {
      x: t("chart.axis.bridgeStep"),
      y: t(unit === "wan" ? "chart.axis.monthlyWan" : "chart.axis.monthlyYuan"),
    },
  };
}
