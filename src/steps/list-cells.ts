/**
 * Where the list cells are (issue 30): every input table column validated by a list, by step
 * and table id, with its codec (src/method/lists). Refresh reads the analyst's cells back in any
 * language and rewrites them in the run's language before the steps see them, so each step, its
 * sheet's formulas and its model read one canonical value. A cell no language reads is kept as
 * typed and reported with its sheet, column and row.
 */
import type { Translate } from "../i18n";
import { columnLetter, rectOf } from "../address";
import type { PreviousInputs } from "../layout/inputs";
import type { ColumnSpec, TableSchema } from "../layout/kit";
import type { InputTableLocation } from "../layout/plan";
import {
  BRIDGE_SOURCE_LIST,
  listLabels,
  listOfSource,
  MARK_LIST,
  readList,
  writeList,
  type ListCodec,
} from "../method/lists";
import { DECISION_TABLE, LATENT_TABLE, NETWORK_TABLE } from "../layout/needs";
import { LINES_TABLE, MEASURES_TABLE, SOLUTIONS_TABLE } from "../layout/solutions";
import { PIPELINE_TABLE } from "../layout/pipeline";
import { REQUIREMENTS_TABLE } from "../layout/support";
import { INFLUENCERS_TABLE, TASKS_TABLE } from "../layout/planning";

/** The input tables holding list columns, by step. */
export const LIST_TABLES: Record<string, readonly TableSchema[]> = {
  needs: [NETWORK_TABLE, DECISION_TABLE, LATENT_TABLE],
  solutions: [SOLUTIONS_TABLE, LINES_TABLE, PIPELINE_TABLE, MEASURES_TABLE],
  support: [REQUIREMENTS_TABLE],
  planning: [TASKS_TABLE, INFLUENCERS_TABLE],
};

/** A schema column's codec: the list whose labels its validation offers in every language. */
export function columnCodec(c: ColumnSpec): ListCodec | undefined {
  if (c.validation?.type !== "list") return undefined;
  const codec = listOfSource(c.validation.source);
  if (!codec) throw new Error(`column ${c.key}: its list has no codec in src/method/lists.ts`);
  return codec;
}

/** One cell's place and what it held, for the message. */
interface Where {
  range: string | undefined;
  row: number;
  col: number;
  header: string;
}

/** A list cell no language reads: where it is and what it holds (the message's parameters but the sheet). */
export interface ListProblem {
  step: string;
  cell: string;
  row: number;
  header: string;
  value: string;
  choices: string;
}

/** A list problem as one localised sentence naming the sheet (as it is named after the run), cell, column and row. */
export function describeListProblem(p: ListProblem, sheet: string, t: Translate): string {
  const { cell, row, header, value, choices } = p;
  return t("run.listValueUnknown", { sheet, cell, row, header, value, choices });
}

/**
 * Rewrites the list cells of one step's read-back inputs in `t`'s language, in place; returns
 * each cell no language reads (kept as typed).
 */
export function normaliseListCells(
  step: string,
  inputs: PreviousInputs | undefined,
  t: Translate,
  locations: readonly InputTableLocation[] = [],
): ListProblem[] {
  if (!inputs) return [];
  const problems: ListProblem[] = [];
  const rangeOf = (id: string) => locations.find((l) => l.id === id)?.range;
  const cell = (codec: ListCodec, row: unknown[], j: number, w: Where) => {
    const r = readList(codec, row[j]);
    if (r.kind === "key") row[j] = writeList(codec, t, r.key);
    else if (r.kind === "unknown") {
      const at = w.range ? rectOf(w.range) : null;
      const column = at ? columnLetter(at.c0 + w.col) : "";
      const line = at ? at.r0 + 1 + w.row : w.row + 1;
      problems.push({
        step,
        header: w.header,
        cell: `${column}${line}`,
        row: line,
        value: r.text,
        choices: listLabels(codec, t).join(" / "),
      });
    }
  };
  for (const schema of LIST_TABLES[step] ?? []) {
    const rows = inputs[schema.id];
    if (!rows) continue;
    schema.columns.forEach((c, j) => {
      const codec = columnCodec(c);
      if (!codec) return;
      const header = t(c.header);
      rows.forEach((row, i) => cell(codec, row, j, { range: rangeOf(schema.id), row: i, col: j, header }));
    });
  }
  if (step === "solutions") {
    const source = inputs.bridgeSource;
    if (source?.[0]) {
      const where = { range: rangeOf("bridgeSource"), row: 0, col: 0, header: t("sheet.pl.source") };
      cell(BRIDGE_SOURCE_LIST, source[0], 0, where);
    }
    // The whitespace marks: a header row of centres (its first cell the "offering" label, in the
    // language it was written in), then one row per offering with a mark per centre from C on.
    const marks = inputs.whitespace ?? [];
    const offering = { id: "offering", keys: ["offering"], label: (tr: Translate) => tr("sheet.ws.offering") };
    const head = marks.find((r) => readList(offering, r[0]).kind === "key");
    if (head) head[0] = t("sheet.ws.offering");
    // The weights grid (issue 29) has the same header row.
    const weightsHead = (inputs.whitespaceWeights ?? []).find((r) => readList(offering, r[0]).kind === "key");
    if (weightsHead) weightsHead[0] = t("sheet.ws.offering");
    marks.forEach((row, i) => {
      if (row === head) return;
      for (let j = 2; j < row.length; j++) {
        const header = head ? String(head[j] ?? "") : "";
        cell(MARK_LIST, row, j, { range: rangeOf("whitespace"), row: i, col: j, header });
      }
    });
  }
  return problems;
}
