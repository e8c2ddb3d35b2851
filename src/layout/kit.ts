/**
 * The layout kit: the blocks every step sheet shares (title, note, section heading, header row,
 * input table) and the table schemas that declare an input table's columns once — the layout
 * writes a table from its schema, and the step decodes the rows it read back into typed records
 * with the same schema.
 *
 * Section functions take a cursor row and return their blocks with the next free row, so a
 * builder is a short list of sections instead of one long function tracking rows by hand.
 */
import type { MessageKey, Translate } from "../i18n";
import { a1, columnIndex, columnLetter, parseRect } from "../address";
import { ColumnAnchor, type Anchors } from "./anchor";
import { inputRows, mergeInputRows, type PreviousInputs } from "./inputs";
import type {
  Block,
  BlockStyle,
  DiagramPlan,
  InputTableLocation,
  PlanCell,
  PrintPlan,
  SheetPlan,
  ValidationPlan,
} from "./plan";
import { maxOf, pushAll } from "../arrays";

/** The header row's style on every sheet. */
export const HEAD: BlockStyle = { bold: true, fill: "#DDEBF7", wrap: true };
export const TITLE: BlockStyle = { bold: true, fontSize: 14 };
// Grey that still reads: 7.0:1 on white (WCAG AA asks 4.5:1; #7F7F7F was 4.0:1).
export const NOTE: BlockStyle = { fontColor: "#595959" };
export const SECTION: BlockStyle = { bold: true };

export const MONEY_FORMAT = "#,##0.00";
/** Excel's format for yuan shown in 万 with one decimal (the "!" escapes the inserted point). */
export const WAN_FORMAT = "0!.0,";
export const PERCENT_FORMAT = "0.0%";
export const TEXT_FORMAT = "@";

export type Unit = "yuan" | "wan";

/** A format whose zero shows as "–" (an empty cell of a matrix), e.g. #,##0.00;-#,##0.00;"–". */
export function dashZero(format: string): string {
  return `${format};-${format};"–"`;
}

export function moneyFormat(unit: Unit | undefined): string {
  return unit === "wan" ? WAN_FORMAT : MONEY_FORMAT;
}

/** References (e.g. "Revenue[收入(元)]" or a workbook name) for each revenue column the formulas read. */
export interface RevenueRefs {
  month: string;
  amount: string;
  industry: string;
  service: string;
  customerId?: string;
  customer: string;
  subIndustry?: string;
  /**
   * The same columns through the workbook's names (`SixStep_…`), where the route names a table's
   * columns for the portfolio: read by the formulas written once for many rows (the portfolio's
   * copy), which a file then holds as one shared formula (docs/excel-behaviour.md row 41).
   */
  named?: Omit<RevenueRefs, "named">;
}

/** A text key as the revenue column holds it: a number where the cells are numbers. */
export type KeyOf = (field: KeyField, text: string) => string | number;
export type KeyField = "customerId" | "customer" | "industry" | "subIndustry" | "service";

/**
 * A key cell's format: Text for a text key, General for a number (Excel would store a number
 * written into a Text cell as text, and the criteria would no longer match).
 */
export function keyFormat(key: string | number): string {
  return typeof key === "number" ? "General" : "@";
}

/** The plan's as-of date in a cell: the setting's date, else Excel's TODAY() (moves with the calendar). */
export function asOfCell(asOf: number | null | undefined): PlanCell {
  return asOf ?? { f: "=TODAY()" };
}

/** A formula string literal: "text" with its quotes doubled. */
export function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** What a section returns: its blocks and the first row after it. */
export interface Section {
  blocks: Block[];
  next: number;
  validations?: ValidationPlan[];
  inputTables?: InputTableLocation[];
}

/** Collects sections into one sheet plan's blocks, validations and input tables. */
export class SheetBuilder {
  readonly blocks: Block[] = [];
  readonly validations: ValidationPlan[] = [];
  readonly inputTables: InputTableLocation[] = [];
  readonly merges: string[] = [];
  readonly rowHeights: Record<number, number> = {};
  readonly names: Record<string, string> = {};
  readonly diagrams: DiagramPlan[] = [];
  /** Where addImplications put the block: its column, first sentence row, sentences and own rows. */
  private implicationRows?: { col: number; first: number; sentences: number; own: number };

  add(s: Section | Block[]): number | undefined {
    if (Array.isArray(s)) {
      pushAll(this.blocks, s);
      return undefined;
    }
    pushAll(this.blocks, s.blocks);
    pushAll(this.validations, s.validations ?? []);
    pushAll(this.inputTables, s.inputTables ?? []);
    return s.next;
  }

  /**
   * The plan with what was collected; `extra` adds the sheet's own parts. It prints landscape,
   * one page wide and at most two tall, over everything it holds (blocks and charts), with its
   * title rows on every page — unless `extra.print` says otherwise.
   */
  plan(
    name: string,
    step: string,
    extra: Omit<SheetPlan, "name" | "step" | "blocks" | "print"> & { print?: Partial<PrintPlan> },
  ): SheetPlan {
    const anchors = { ...this.implicationAnchors(name), ...extra.anchors };
    return {
      name,
      step,
      blocks: this.blocks,
      ...extra,
      ...(Object.keys(anchors).length ? { anchors } : {}),
      print: {
        area: extentOf(this.blocks, [...(extra.charts ?? []), ...this.diagrams]),
        titleRows: "1:2",
        pagesTall: 2,
        ...extra.print,
      },
      ...(this.diagrams.length ? { diagrams: this.diagrams } : {}),
      validations: [...this.validations, ...(extra.validations ?? [])],
      inputTables: [...this.inputTables, ...(extra.inputTables ?? [])],
      merges: [...this.merges, ...(extra.merges ?? [])],
      rowHeights: { ...this.rowHeights, ...extra.rowHeights },
      names: { ...this.names, ...extra.names },
    };
  }

  /** The purpose line and the 启示 / Implications block (see `implications`), named for the overview. */
  addImplications(t: Translate, step: string, o: ImplicationsOptions): void {
    const x = implications(t, o);
    pushAll(this.blocks, x.blocks);
    pushAll(this.merges, x.merges);
    this.inputTables.push(x.inputTable);
    for (let r = o.row + 2; r < x.next; r++) this.rowHeights[r] = Math.max(this.rowHeights[r] ?? 0, 30);
    this.names[`SixStep_SoWhat_${step}`] = x.soWhat;
    // The deck's bullets: the sentences by formula and the analyst's own rows.
    this.names[`SixStep_Implications_${step}`] = x.implicationsRange;
    this.implicationRows = { col: o.col, first: o.row + 2, sentences: o.sentences.length, own: OWN_IMPLICATIONS };
  }

  /** The implications' anchors: the so what (the first sentence), the sentences' rows and the analyst's own rows. */
  private implicationAnchors(sheet: string): Anchors {
    const x = this.implicationRows;
    if (!x) return {};
    const own = x.first + x.sentences;
    const sentences = new ColumnAnchor(sheet, x.col, x.first, own - 1);
    return {
      "implications.soWhat": sentences.cell(),
      "implications.sentences": sentences,
      "implications.own": new ColumnAnchor(sheet, x.col, own, own + x.own - 1),
    };
  }
}

/** The rectangle holding every block and chart of a sheet, from A1. */
export function extentOf(blocks: Block[], charts: { at: string; to: string }[]): string {
  let r1 = 0;
  let c1 = 0;
  for (const b of blocks) {
    if (b.helper) continue;
    const at = parseRect(b.at);
    r1 = Math.max(r1, at.r0 + b.cells.length - 1);
    c1 = Math.max(
      c1,
      at.c0 +
        maxOf(
          b.cells.map((r) => r.length),
          0,
        ) -
        1,
    );
  }
  for (const c of charts) {
    const to = parseRect(c.to);
    r1 = Math.max(r1, to.r1);
    c1 = Math.max(c1, to.c1);
  }
  return `A1:${columnLetter(c1)}${r1 + 1}`;
}

/** The sheet's title in A1 and, when given, the source note in A2. */
export function titleBlock(title: string, note: string | undefined): Block[] {
  const blocks: Block[] = [{ at: "A1", cells: [[title]], style: TITLE }];
  if (note) blocks.push({ at: "A2", cells: [[note]], style: NOTE });
  return blocks;
}

/** A bold section heading (one or more lines) at column `col` of `row`. */
export function heading(row: number, lines: string | string[], col = 0): Block {
  const cells = (Array.isArray(lines) ? lines : [lines]).map((x) => [x]);
  return { at: a1(row, col), cells, style: SECTION };
}

/** A header row of labels at column `col` of `row`. */
export function headerRow(row: number, labels: PlanCell[], col = 0, style: BlockStyle = HEAD): Block {
  return { at: a1(row, col), cells: [labels], style };
}

// ---- table schemas ----------------------------------------------------------------------------

/** A list validation's choices, in the sheet's language. */
export type ListSource = (t: Translate) => string[];

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: MessageKey;
  /** A number format, or "money" for the unit setting's format. */
  format: string;
  /** May stay blank: "inputs filled" skips it. */
  optional?: boolean;
  validation?: { type: "wholeNumber" | "decimal"; min: number; max: number } | { type: "list"; source: ListSource };
}

export interface TableSchema<K extends string = string> {
  /** The input table's id, saved with its location so Refresh can read it back. */
  id: string;
  /** How many leading columns form the row key. */
  keyColumns: number;
  columns: readonly ColumnSpec<K>[];
}

/** Declares a table's columns once; the key union is inferred from the column keys. */
export function defineTable<const K extends string>(s: TableSchema<K>): TableSchema<K> {
  return s;
}

export type TableRecord<K extends string> = { [P in K]: PlanCell };

/** A row read back (or pre-filled) as a record keyed by the schema's column keys. */
export function decodeRow<K extends string>(schema: TableSchema<K>, row: readonly PlanCell[]): TableRecord<K> {
  const out = {} as TableRecord<K>;
  schema.columns.forEach((c, i) => (out[c.key] = row[i] ?? null));
  return out;
}

/** A record back to a row in the schema's column order. */
export function encodeRow<K extends string>(schema: TableSchema<K>, rec: Partial<TableRecord<K>>): PlanCell[] {
  return schema.columns.map((c) => rec[c.key] ?? null);
}

/**
 * The table's rows on Generate: the pre-filled rows the first time only, the analyst's rows
 * (matched by key) laid over them, padded to the schema's width.
 */
/** A two-column form (field, value) keyed by its field: the profile, the relationship status. */
export function fieldValueTable<Id extends string>(id: Id) {
  return defineTable({
    id,
    keyColumns: 1,
    columns: [
      { key: "field", header: "sheet.field", format: "@" },
      { key: "value", header: "sheet.value", format: "@" },
    ],
  });
}

export function schemaRows<K extends string>(
  schema: TableSchema<K>,
  previous: PreviousInputs | undefined,
  prefill: Partial<TableRecord<K>>[] = [],
): PlanCell[][] {
  return inputRows(
    previous,
    schema.id,
    prefill.map((r) => encodeRow(schema, r)),
    schema.keyColumns,
    schema.columns.length,
  );
}

export function schemaHeaders(schema: TableSchema, t: Translate): string[] {
  return schema.columns.map((c) => t(c.header));
}

function columnFormat(c: ColumnSpec, unit: Unit | undefined): string {
  return c.format === "money" ? moneyFormat(unit) : c.format;
}

export interface InputTableOptions {
  /** Row of the header; the data rows follow it. */
  row: number;
  /** First column (0-based). */
  col?: number;
  /** Blank rows after the analyst's rows, for new entries. */
  spare?: number;
  unit?: Unit;
  /** Wrap long text in the data rows. */
  wrap?: boolean;
  /** Extra header labels after the schema's (for formula columns beside the inputs). */
  extraHeaders?: string[];
}

export interface InputTableSection extends Section {
  firstRow: number;
  lastRow: number;
  /** Data rows including the spare ones. */
  rows: PlanCell[][];
  /** A column's absolute range over the data rows, by key (e.g. "$G$12:$G$31"). */
  column: (key: string) => string;
  /** A column's letter, by key. */
  letter: (key: string) => string;
}

/**
 * An input table from its schema: the header row, the analyst's rows plus spare rows as inputs,
 * each column's format and validation, and its location for Refresh.
 */
export function inputTable(
  schema: TableSchema,
  rows: PlanCell[][],
  t: Translate,
  o: InputTableOptions,
): InputTableSection {
  const col0 = o.col ?? 0;
  const width = schema.columns.length;
  const all = [...rows, ...Array.from({ length: o.spare ?? 0 }, () => Array<PlanCell>(width).fill(null))];
  const first = o.row + 1;
  const last = first + Math.max(all.length, 1) - 1;
  const formats = schema.columns.map((c) => columnFormat(c, o.unit));
  const blocks: Block[] = [headerRow(o.row, [...schemaHeaders(schema, t), ...(o.extraHeaders ?? [])], col0)];
  if (all.length) {
    blocks.push({
      at: a1(first, col0),
      cells: all,
      input: true,
      numberFormat: all.map(() => formats),
      // Wrapped rows top-aligned: a short cell beside a long one reads with its own row, not the next.
      ...(o.wrap ? { style: { wrap: true, valign: "Top" as const } } : {}),
    });
  }
  const letterOf = (key: string) => {
    const i = schema.columns.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`table ${schema.id} has no column ${key}`);
    return columnLetter(col0 + i);
  };
  const validations: ValidationPlan[] = schema.columns.flatMap((c, i): ValidationPlan[] => {
    if (!c.validation) return [];
    const L = columnLetter(col0 + i);
    const range = `${L}${first}:${L}${last}`;
    return c.validation.type === "list"
      ? [{ range, type: "list" as const, source: c.validation.source(t) }]
      : [{ range, type: c.validation.type, min: c.validation.min, max: c.validation.max }];
  });
  const optional = schema.columns.flatMap((c, i) => (c.optional ? [i] : []));
  const location: InputTableLocation = {
    id: schema.id,
    range: `${columnLetter(col0)}${first}:${columnLetter(col0 + width - 1)}${last}`,
    keyColumns: schema.keyColumns,
    ...(optional.length ? { optionalColumns: optional } : {}),
  };
  return {
    blocks,
    next: last + 1,
    validations,
    inputTables: [location],
    firstRow: first,
    lastRow: last,
    rows: all,
    letter: letterOf,
    column: (key) => `$${letterOf(key)}$${first}:$${letterOf(key)}$${last}`,
  };
}

/** An input table's columns as anchors over its data rows, keyed "<prefix>.<column key>" (the prefix: the table's id). */
export function tableAnchors(
  sheet: string,
  schema: TableSchema,
  table: Pick<InputTableSection, "firstRow" | "lastRow" | "letter">,
  prefix: string = schema.id,
): Record<string, ColumnAnchor> {
  const out: Record<string, ColumnAnchor> = {};
  for (const c of schema.columns)
    out[`${prefix}.${c.key}`] = new ColumnAnchor(
      sheet,
      columnIndex(table.letter(c.key)),
      table.firstRow,
      table.lastRow,
    );
  return out;
}

/**
 * An input table with its title at `row` (header below it); the next section starts two rows
 * after its last row.
 */
export function titledTable(
  schema: TableSchema,
  title: MessageKey,
  rows: PlanCell[][],
  t: Translate,
  o: Omit<InputTableOptions, "row"> & { row: number },
): InputTableSection {
  const table = inputTable(schema, rows, t, { ...o, row: o.row + 1 });
  table.blocks.unshift(heading(o.row, t(title), o.col ?? 0));
  return { ...table, next: table.lastRow + 3 };
}

// ---- the "so what" of a sheet ---------------------------------------------------------------

/**
 * A sentence as a formula: the catalogue's template with {placeholders} filled by formula
 * expressions, so it changes when the data does; "" when any part cannot be computed.
 */
export function sentence(template: string, parts: Record<string, string>, otherwise = '""'): { f: string } {
  const pieces: string[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index! > last) pieces.push(quoted(template.slice(last, m.index)));
    pieces.push(`(${parts[m[1]] ?? '""'})`);
    last = m.index! + m[0].length;
  }
  if (last < template.length) pieces.push(quoted(template.slice(last)));
  return { f: `=IFERROR(${pieces.join("&")},${otherwise})` };
}

/**
 * A sentence that says "not rated yet" / "no data" instead of breaking (issue 31 item 6): while
 * `empty` (an Excel condition) holds, the fallback text; otherwise the sentence.
 */
export function unlessEmpty(empty: string, fallback: string, s: { f: string }): { f: string } {
  return { f: `=IF(${empty},${quoted(fallback)},${s.f.slice(1)})` };
}

export interface ImplicationsOptions {
  /** Top-left of the block (beside the sheet's first section, near the top). */
  row: number;
  col: number;
  /** Columns each line spans (merged, wrapped). */
  width: number;
  purpose: string;
  /** The sentences, built by formulas from the sheet's own figures. */
  sentences: { f: string }[];
  /** The analyst's own implications, kept on Refresh. */
  previous: PlanCell[][] | undefined;
}

/** Input rows for the analyst's own implications under the formula sentences. */
export const OWN_IMPLICATIONS = 2;

/**
 * The block every step sheet carries near its top: its purpose (目的) in one line, then 启示 /
 * Implications — sentences by formula, and rows for the analyst's own — as the source deck ends
 * each analysis page. The first sentence's cell is named for the overview's "so what" line.
 */
export function implications(t: Translate, o: ImplicationsOptions) {
  const at = (i: number) => a1(o.row + i, o.col);
  const span = (i: number) => `${at(i)}:${a1(o.row + i, o.col + o.width - 1)}`;
  const own = mergeInputRows(
    Array.from({ length: OWN_IMPLICATIONS }, () => [null]),
    o.previous,
    0,
    1,
  );
  const first = o.row + 2;
  const ownFirst = first + o.sentences.length;
  const blocks: Block[] = [
    { at: at(0), cells: [[`${t("sheet.purpose")}${o.purpose}`]], style: { fontColor: "#595959", wrap: true } },
    { at: at(1), cells: [[t("sheet.implications")]], style: { bold: true, fill: "#FFF2CC" } },
    { at: at(2), cells: o.sentences.map((s) => [s]), style: { wrap: true, fill: "#FFF9E5" } },
    { at: a1(ownFirst, o.col), cells: own, input: true, numberFormat: "@", style: { wrap: true } },
  ];
  const rows = 2 + o.sentences.length + OWN_IMPLICATIONS;
  return {
    blocks,
    merges: Array.from({ length: rows }, (_, i) => span(i)),
    /** The first sentence, for the overview. */
    soWhat: at(2),
    /** Every implication row (sentences and the analyst's own), for the deck. */
    implicationsRange: `${at(2)}:${at(rows - 1)}`,
    inputTable: {
      id: "implications",
      range: `${at(2 + o.sentences.length)}:${a1(ownFirst + OWN_IMPLICATIONS - 1, o.col)}`,
      keyColumns: 0,
    } as InputTableLocation,
    next: o.row + rows,
  };
}
