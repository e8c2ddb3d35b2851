/**
 * Sheet plans: a declarative description of what a generated sheet holds. Layouts (pure) build
 * them; the writer in src/excel applies them with office-js. A plan cell is a number, a boolean,
 * null (leave empty), `{ f: "=…" }` for a formula, or a string — always literal text: the writer
 * makes sure text starting with = + - @ is stored as text, never evaluated.
 */
import type { ChartType, DataLabelOptions, LabelPosition } from "../charts";
import type { Anchors } from "./anchor";

export type PlanCell = number | boolean | null | string | { f: string };

export interface Block {
  /** Top-left cell, e.g. "A5". */
  at: string;
  cells: PlanCell[][];
  /** One number format for the whole block, or one per cell. */
  numberFormat?: string | string[][];
  /** Cells the analyst fills in: unlocked when the sheet is protected. */
  input?: boolean;
  style?: BlockStyle;
  /** A hidden helper (in hidden columns): left out of the print area. */
  helper?: boolean;
  /**
   * Written after the plan's bulk block, because its formulas read the bulk's rows (a workbook
   * engine then wires them to cells already there).
   */
  afterBulk?: boolean;
  /**
   * Written after the plan's large blocks (the rows of a table too large for one request), because
   * its formulas read their rows: written before them, a recalculation in between (Excel's after
   * each request, the emulator's for an autofit) computes every one of them over empty cells.
   */
  afterRows?: boolean;
}

export interface BlockStyle {
  bold?: boolean;
  fill?: string;
  fontColor?: string;
  fontSize?: number;
  wrap?: boolean;
  align?: "Left" | "Center" | "Right";
  /** Vertical alignment (Excel's default is Bottom): a table of wrapped rows reads top-aligned. */
  valign?: "Top";
}

export interface SheetPlan {
  /** The sheet's name in the current language. */
  name: string;
  /** Stable id of the step, for ownership markers. */
  step: string;
  blocks: Block[];
  columnWidths?: Record<string, number>;
  /** Row heights in points, by 1-based row (the implications' lines wrap on two). */
  rowHeights?: Record<number, number>;
  freezeRows?: number;
  /** Columns frozen at the left (the Gantt's task columns), with `freezeRows`. */
  freezeColumns?: number;
  /** Helper columns to hide, e.g. "P:S" (sort keys, running lists, chart data). */
  hiddenColumns?: string[];
  /** The sheet goes first among the tabs (the overview: the account plan's first page). */
  first?: boolean;
  /** How the sheet prints: landscape, one page wide (at most `pagesTall` tall), with its print area and titles. */
  print?: PrintPlan;
  conditionalFormats?: ConditionalFormatPlan[];
  charts?: ChartPlan[];
  /** Diagrams drawn as shapes over rows reserved for them (ExcelApi 1.9; redrawn on every write). */
  diagrams?: DiagramPlan[];
  validations?: ValidationPlan[];
  /** Ranges merged into one cell (e.g. quarter headers over their months). */
  merges?: string[];
  /**
   * Excel tables over parts of the sheet (filter and sort buttons on their header row): name and
   * local range, header row included. Deleted and added again on each write.
   */
  tables?: { name: string; range: string }[];
  /** Workbook names this sheet defines for other sheets' formulas: name → local address. */
  names?: Record<string, string>;
  /**
   * Where the sheet's sections put the cells, columns and names that formulas read (issue 33,
   * item 6), by key: carried into the run's result (GenerateResult.anchors), never written.
   */
  anchors?: Anchors;
  /** Where the analyst's input tables sit, so Refresh can read them back and keep every value. */
  inputTables?: InputTableLocation[];
  /**
   * A large helper block (the portfolio's sorted copy of the revenue rows) written after the
   * sheet, in row chunks that each stay under Excel on the web's 5 MB request cap. The last chunk
   * also writes `done.value` into `done.at`: formulas that read the block test that cell first,
   * so a run stopped between chunks leaves #N/A, never a sum over part of the rows.
   */
  bulk?: {
    at: string;
    cells: PlanCell[][];
    /** Each row's number formats (Text for a text key, so that "00123" stays text). */
    numberFormat?: string[];
    done: { at: string; value: number };
  };
}

export interface PrintPlan {
  /** The print area, e.g. "A1:V84". */
  area: string;
  /** Rows repeated on every page, e.g. "1:2"; columns likewise, e.g. "A:C". */
  titleRows?: string;
  titleColumns?: string;
  /** Fit to one page wide and at most this many tall (unless `scale` is set). */
  pagesTall: number;
  /** Designed print (src/layout/print): the paper, a percentage scale, and manual page breaks. */
  paper?: "A4" | "Letter";
  scale?: number;
  /** 0-based rows that start a new page; 0-based columns that start a new page. */
  rowBreaks?: number[];
  colBreaks?: number[];
  /** Left, centre and right header and footer (Excel's codes: &P page, &N pages). */
  header?: [string, string, string];
  footer?: [string, string, string];
}

export type ValidationPlan = (
  | { range: string; type: "wholeNumber" | "decimal"; min: number; max: number; prompt?: string }
  | { range: string; type: "list"; source: string[]; prompt?: string }
) & {
  /** The Stop alert Excel shows for an invalid typed entry, in the sheet's language (see validationAlert). */
  alert?: { title: string; message: string };
};

/** Excel caps a validation alert's message at 255 characters. */
const ALERT_MESSAGE_MAX = 255;

/** A rule's Stop alert, in the sheet's language: what may be typed. */
export function validationAlert(
  v: ValidationPlan,
  t: (
    key: "validation.title" | "validation.whole" | "validation.decimal" | "validation.list",
    p?: Record<string, string | number>,
  ) => string,
): { title: string; message: string } {
  const message =
    v.type === "list"
      ? t("validation.list", { choices: v.source.join(" / ") })
      : t(v.type === "wholeNumber" ? "validation.whole" : "validation.decimal", { min: v.min, max: v.max });
  return {
    title: t("validation.title"),
    message: message.length > ALERT_MESSAGE_MAX ? `${message.slice(0, ALERT_MESSAGE_MAX - 1)}…` : message,
  };
}

/** An input table on a generated sheet: its rows are keyed by the leading key columns. */
export interface InputTableLocation {
  id: string;
  /** Data rows only (no header), e.g. "A12:F31". */
  range: string;
  /** How many leading columns form the row key. */
  keyColumns: number;
  /** Columns (0-based within the range) the analyst may leave blank: "inputs filled" skips them. */
  optionalColumns?: number[];
}

export type ConditionalFormatPlan =
  | { range: string; type: "colorScale"; min: string; mid?: string; max: string }
  | { range: string; type: "custom"; formula: string; fill?: string; fontColor?: string }
  | { range: string; type: "iconSet"; style: string; thresholds: number[] };

export interface ChartPlan {
  type: ChartType;
  source: string;
  title: string;
  seriesBy?: "Rows" | "Columns";
  at: string;
  to: string;
  /** Fill per series of the source (null = no fill: a waterfall's invisible base). */
  seriesFills?: (string | null | undefined)[];
  /** The chart's data is in hidden columns: plot hidden cells too. */
  plotHidden?: boolean;
  /** Fixed axis bounds (a 2×2's scales stay put whatever the points): x is the horizontal axis. */
  axes?: { x?: { min: number; max: number }; y?: { min: number; max: number } };
  /** Series added after the source's own (e.g. quadrant lines on a scatter chart). */
  extraSeries?: { name: string; xValues: string; values: string; chartType?: ChartType }[];
  /** Data labels, by series index (a series not listed has none: the waterfall's base). */
  labels?: { series: number; options: DataLabelOptions }[];
  /** Series (by index) left out of the legend: helpers such as the waterfall's invisible base. */
  legendHidden?: number[];
  /** Axis titles: x the horizontal axis (categories or X values), y the vertical. */
  axisTitles?: { x: string; y: string };
  /**
   * Each point of the first series labelled with a cell's text (the point's label is a formula on
   * it, so it follows the cell): one cell per point, in a column of the same height as the series.
   */
  pointLabels?: { range: string; position: LabelPosition };
}

/** The name every shape of ours starts with: a write deletes these and keeps the analyst's own. */
export const SHAPE_PREFIX = "SixStep_";

/**
 * A diagram (the network design, the buying process) as Excel shapes: boxes, text and lines, in
 * points from the top-left corner of `at`, over the blank rows `at`:`to` reserved for it.
 */
export interface DiagramPlan {
  /** Its shapes are named `${SHAPE_PREFIX}${id}_<n>`. */
  id: string;
  at: string;
  to: string;
  /** Alternative text: what the diagram shows, for screen readers and the print's reader. */
  title: string;
  shapes: ShapePlan[];
}

export type ShapePlan =
  | {
      kind: "box";
      x: number;
      y: number;
      w: number;
      h: number;
      text: string;
      fill: string;
      line: string;
      fontColor: string;
      fontSize: number;
      bold?: boolean;
    }
  | {
      kind: "text";
      x: number;
      y: number;
      w: number;
      h: number;
      text: string;
      fontColor: string;
      fontSize: number;
      align?: "Left" | "Center" | "Right";
    }
  | {
      kind: "line";
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      color: string;
      weight: number;
      dash?: boolean;
      /** An arrowhead at the end (x2, y2). */
      arrow?: boolean;
    };
