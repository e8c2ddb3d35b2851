/**
 * The opportunity pipeline on the Solutions sheet (issue 22): the analyst's opportunities, each
 * with the probability in force (typed, else its stage's), its weighted and committed value and
 * whether it closes in "this quarter" (an input date) — by formula; the totals below; the stages'
 * probabilities beside it (inputs). Workbook names carry the columns the bridge and the overview
 * read (SixStep_PipelineSolutions, …Weighted, …Committed, …Total, …Quarter, …QuarterCount).
 */
import type { Translate } from "../i18n";
import { COMMITTED_FROM, STAGES, STAGE_PROBABILITY, type Stage } from "../method/pipeline";
import {
  defineTable,
  headerRow,
  heading,
  inputTable,
  moneyFormat,
  tableAnchors,
  type InputTableSection,
  type Section,
  type Unit,
} from "./kit";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import { mergeInputRows, type PreviousInputs } from "./inputs";
import type { Block, PlanCell } from "./plan";

export function stageLabel(t: Translate, s: Stage): string {
  return t(`sheet.pl.stage.${s}`);
}

export function stageLabels(t: Translate): string[] {
  return STAGES.map((s) => stageLabel(t, s));
}

export const PIPELINE_TABLE = defineTable({
  id: "pipeline",
  keyColumns: 1,
  columns: [
    { key: "id", header: "sheet.pl.id", format: "@" },
    { key: "solution", header: "sheet.pl.solution", format: "@" },
    { key: "stage", header: "sheet.pl.stage", format: "@", validation: { type: "list", source: stageLabels } },
    { key: "monthlyValue", header: "sheet.pl.value", format: "money" },
    {
      key: "probability",
      header: "sheet.pl.probability",
      format: "0%",
      optional: true,
      validation: { type: "decimal", min: 0, max: 1 },
    },
    { key: "close", header: "sheet.pl.close", format: "yyyy-mm-dd", optional: true },
    { key: "competitor", header: "sheet.pl.competitor", format: "@", optional: true },
    { key: "owner", header: "sheet.pl.owner", format: "@", optional: true },
  ],
});

export interface PipelineSection extends Section {
  /** The workbook names of the columns the bridge and the overview read. */
  names: Record<string, string>;
  /** Where its parts are, for its anchors: the settings row, the opportunities' rows, the totals, the stages. */
  rows: { settings: number; total: number; stagesFirst: number; stagesLast: number };
  table: Pick<InputTableSection, "firstRow" | "lastRow" | "letter">;
}

/**
 * The pipeline's anchors on `sheet`: the opportunities' columns ("pipeline.<column key>" and the
 * computed pInForce, weighted, committed, thisQuarter), this quarter's first day, the totals row
 * (at its label, the columns read it by their letters) and the stages' probabilities.
 */
export function pipelineAnchors(sheet: string, pl: PipelineSection): Anchors {
  const { firstRow: first, lastRow: last } = pl.table;
  const computed = (col: number) => new ColumnAnchor(sheet, col, first, last);
  const stages = (col: number) => new ColumnAnchor(sheet, col, pl.rows.stagesFirst, pl.rows.stagesLast);
  return {
    ...tableAnchors(sheet, PIPELINE_TABLE, pl.table),
    "pipeline.pInForce": computed(8),
    "pipeline.weighted": computed(9),
    "pipeline.committed": computed(10),
    "pipeline.thisQuarter": computed(11),
    "pipeline.quarterStart": new CellAnchor(sheet, pl.rows.settings, 1),
    "pipeline.totals": new CellAnchor(sheet, pl.rows.total, 0),
    "stages.stage": stages(13),
    "stages.probability": stages(14),
  };
}

/**
 * The pipeline at `row` (title), its settings row (this quarter's first day), header and rows,
 * the formula columns I:L, the totals; the stages' probabilities at N:O.
 */
export function pipelineSection(
  t: Translate,
  row: number,
  o: { rows: PlanCell[][]; quarterStart: number; previous?: PreviousInputs; unit?: Unit },
): PipelineSection {
  const money = moneyFormat(o.unit);
  const title = row;
  const settingsRow = row + 1;
  const head = row + 2;
  const quarter = mergeInputRows([[o.quarterStart]], o.previous?.quarter, 0, 1);
  const stageRows = mergeInputRows(
    STAGES.map((s) => [STAGE_PROBABILITY[s]]),
    o.previous?.stageProbabilities,
    0,
    1,
  );
  const table = inputTable(PIPELINE_TABLE, o.rows, t, {
    row: head,
    spare: 4,
    unit: o.unit,
    extraHeaders: [t("sheet.pl.pInForce"), t("sheet.pl.weighted"), t("sheet.pl.committed"), t("sheet.pl.thisQuarter")],
  });
  const { firstRow: first, lastRow: last } = table;
  const sFirst = head + 1;
  const sLast = sFirst + STAGES.length - 1;
  const stages = `$N$${sFirst}:$N$${sLast}`;
  const probs = `$O$${sFirst}:$O$${sLast}`;
  const Q = `$B$${settingsRow}`;
  const formulas = opportunityFormulas(table, { probs, stages, Q });
  const totalRow = last + 1;
  const col = (L: string) => `$${L}$${first}:$${L}$${last}`;
  const blocks: Block[] = [
    heading(title, t("sheet.pl.title")),
    { at: `A${settingsRow}`, cells: [[t("sheet.pl.quarterStart")]] },
    { at: `B${settingsRow}`, cells: quarter, input: true, numberFormat: "yyyy-mm-dd" },
    ...table.blocks,
    {
      at: `I${first}`,
      cells: formulas,
      numberFormat: formulas.map(() => ["0%", money, money, "@"]),
    },
    {
      at: `A${totalRow}`,
      cells: [
        [
          t("sheet.total"),
          { f: `=COUNTA(${col("A")})` },
          null,
          { f: `=SUM(${col("D")})` },
          null,
          null,
          null,
          null,
          null,
          { f: `=SUM(${col("J")})` },
          { f: `=SUM(${col("K")})` },
          { f: `=SUMIFS(${col("J")},${col("L")},"✓")` },
          { f: `=COUNTIF(${col("L")},"✓")` },
        ],
      ],
      numberFormat: [["@", "0", "@", money, "@", "@", "@", "@", "@", money, money, money, "0"]],
      style: { bold: true },
    },
    headerRow(head, [t("sheet.pl.stage"), t("sheet.pl.stageProbability")], 13),
    { at: `N${sFirst}`, cells: stageLabels(t).map((s) => [s]) },
    { at: `O${sFirst}`, cells: stageRows, input: true, numberFormat: "0%" },
  ];
  return {
    blocks,
    next: totalRow + 2,
    rows: { settings: settingsRow, total: totalRow, stagesFirst: sFirst, stagesLast: sLast },
    table,
    validations: [...(table.validations ?? []), { range: `O${sFirst}:O${sLast}`, type: "decimal", min: 0, max: 1 }],
    inputTables: [
      ...(table.inputTables ?? []),
      { id: "quarter", range: `B${settingsRow}`, keyColumns: 0 },
      { id: "stageProbabilities", range: `O${sFirst}:O${sLast}`, keyColumns: 0 },
    ],
    names: {
      SixStep_PipelineSolutions: `B${first}:B${last}`,
      SixStep_PipelineWeighted: `J${first}:J${last}`,
      SixStep_PipelineCommitted: `K${first}:K${last}`,
      SixStep_PipelineTotal: `J${totalRow}`,
      SixStep_PipelineQuarter: `L${totalRow}`,
      SixStep_PipelineQuarterCount: `M${totalRow}`,
      // The deck's pipeline slide: the opportunities (header row first).
      SixStep_Pipeline: `A${first - 1}:L${last}`,
    },
  };
}

/**
 * The formula columns I:L of each opportunity row: the probability in force (typed, else its
 * stage's from `probs` by `stages`), the weighted and committed values, and whether it closes in
 * the quarter starting at `Q`. An opportunity's inputs are read by their column's key.
 */
function opportunityFormulas(
  table: Pick<InputTableSection, "firstRow" | "rows" | "letter">,
  { probs, stages, Q }: { probs: string; stages: string; Q: string },
): PlanCell[][] {
  const at = (key: string, r: number) => `${table.letter(key)}${r}`;
  return table.rows.map((_, i) => {
    const r = table.firstRow + i;
    const [stage, value, probability, close] = ["stage", "monthlyValue", "probability", "close"].map((k) => at(k, r));
    return [
      {
        f: `=IF(${probability}<>"",N(${probability}),IFERROR(INDEX(${probs},MATCH(${stage},${stages},0)),0))`,
      },
      { f: `=N(${value})*I${r}` },
      { f: `=IF(I${r}>=${COMMITTED_FROM},N(${value}),0)` },
      { f: `=IF(AND(ISNUMBER(${close}),${close}>=${Q},${close}<EDATE(${Q},3)),"✓","")` },
    ];
  });
}
