/**
 * The workbook model's data: cells, formats, tables, names, conditional formats, validation and
 * charts as plain records, with the checks Excel applies to names and the shapes of 2-D writes.
 */
import type { ChartType, LabelPosition } from "../charts";
import { MAX_COLS, type Rect } from "../address";
import { DetailedCellError } from "hyperformula";
import { EmulatorError } from "./errors";

export type CellValue = number | string | boolean;
export type Visibility = "Visible" | "Hidden" | "VeryHidden";

/** Range formatting the add-in writes; a layer applies to a rectangle, later layers win. */
export interface FormatProps {
  fill?: string | null;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontName?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indentLevel?: number;
  locked?: boolean;
  borders?: Partial<Record<BorderEdge, { style: string; color: string; weight: string }>>;
}
export type BorderEdge =
  | "EdgeTop"
  | "EdgeBottom"
  | "EdgeLeft"
  | "EdgeRight"
  | "InsideVertical"
  | "InsideHorizontal"
  | "DiagonalDown"
  | "DiagonalUp";

export interface FormatLayer {
  rect: Rect;
  props: FormatProps;
}

export interface ConditionalFormatModel {
  id: number;
  rect: Rect;
  type: "Custom" | "IconSet" | "ColorScale" | "DataBar";
  priority: number;
  stopIfTrue: boolean;
  custom?: { formula: string; fill?: string; fontColor?: string; bold?: boolean };
  iconSet?: {
    style: string;
    reverseIconOrder: boolean;
    showIconOnly: boolean;
    criteria: { type: string; operator: string; formula: string }[];
  };
  colorScale?: { criteria: Record<"minimum" | "midpoint" | "maximum", ColorScaleCriterion | undefined> };
  dataBar?: { barColor: string };
}
export interface ColorScaleCriterion {
  type: string;
  formula?: string;
  color: string;
}

export interface ValidationModel {
  rect: Rect;
  rule: Record<string, unknown>;
  prompt?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
  ignoreBlanks: boolean;
}

/** A series' data labels (`ChartSeries.dataLabels`): what each label shows, its format and place. */
export interface DataLabelsModel {
  showValue: boolean;
  showPercentage: boolean;
  showCategoryName: boolean;
  showSeriesName: boolean;
  numberFormat?: string;
  position?: LabelPosition;
}

/** One point's own label (`ChartPoint.dataLabel`): its text linked to a cell, and its place. */
export interface PointLabelModel {
  /** The cell the label shows, qualified and absolute ("'4 Solutions'!$AC$12"). */
  cell?: string;
  position?: LabelPosition;
}

export interface ChartSeriesModel {
  name: string;
  values?: string;
  xValues?: string;
  bubbleSizes?: string;
  chartType?: ChartType;
  fill?: string | null;
  /** Labels on every point (`hasDataLabels`), and what they show. */
  hasDataLabels?: boolean;
  dataLabels?: DataLabelsModel;
  /** Points with a label of their own (`ChartPoint.hasDataLabel`), by point index. */
  pointLabels?: Record<number, PointLabelModel>;
}

export interface ChartModel {
  id: number;
  name: string;
  type: ChartType;
  source: string | null;
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  legendVisible: boolean;
  legendPosition: string;
  position: {
    topLeft: string | null;
    bottomRight: string | null;
    top: number;
    left: number;
    width: number;
    height: number;
  };
  series: ChartSeriesModel[];
  axes: Record<string, { title?: string; titleVisible?: boolean; minimum?: number; maximum?: number }>;
  /** Legend entries hidden (`ChartLegendEntry.visible = false`), by entry index: a helper series. */
  hiddenLegendEntries?: number[];
  /** False: the chart also plots cells in hidden rows and columns (its helper data is hidden). */
  plotVisibleOnly: boolean;
}

export interface SheetModel {
  id: string;
  name: string;
  hfId: number;
  visibility: Visibility;
  tabColor: string;
  /** Excel-form formula text ("=…") by cell key. */
  formulas: Map<number, string>;
  numberFormats: Map<number, string>;
  /** Number formats set for a whole rectangle at once (a scalar write), under per-cell ones. */
  numberFormatLayers: { rect: Rect; format: string }[];
  formatLayers: FormatLayer[];
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  rowHeights: Map<number, number>;
  merges: Rect[];
  freeze: { rows: number; cols: number };
  /** Page setup (Worksheet.pageLayout): orientation, fit to pages, print area and titles, header and footer. */
  print: PrintModel;
  protection: { protected: boolean; options: Excel.WorksheetProtectionOptions; password?: string };
  conditionalFormats: ConditionalFormatModel[];
  validations: ValidationModel[];
  charts: ChartModel[];
  /** Shapes (Worksheet.shapes, ExcelApi 1.9): boxes, text boxes and lines, in points from A1. */
  shapes: ShapeModel[];
}

/** A shape as Excel's shapes API describes it (geometric shape, text box or line). */
export interface ShapeModel {
  id: string;
  name: string;
  type: "GeometricShape" | "TextBox" | "Line";
  /** A geometric shape's kind (Excel.GeometricShapeType), e.g. "Rectangle". */
  geometry: string | null;
  left: number;
  top: number;
  width: number;
  height: number;
  /** A line's ends (its box is left/top/width/height), its connector type and arrowheads. */
  ends?: { x1: number; y1: number; x2: number; y2: number };
  connectorType?: string;
  beginArrowhead?: string;
  endArrowhead?: string;
  /** Solid fill, or null: no fill. */
  fill: string | null;
  lineColor: string;
  lineWeight: number;
  /** Excel.ShapeLineDashStyle, e.g. "Solid", "Dash". */
  dashStyle: string;
  lineVisible: boolean;
  text: string;
  font: { name: string; size: number; color: string; bold: boolean };
  horizontalAlignment: string;
  verticalAlignment: string;
  altTextTitle: string;
  altTextDescription: string;
}

export interface PrintModel {
  orientation: "Portrait" | "Landscape";
  /** Fit to so many pages wide and tall (0 = as many as needed); null = the scale below. */
  fit: { wide: number; tall: number } | null;
  /** The print scale in percent (10–400), used when `fit` is null. */
  scale: number;
  paper: "A4" | "Letter" | null;
  /** Manual page breaks: 0-based rows (columns) that start a new page. */
  rowBreaks: number[];
  colBreaks: number[];
  area: string | null;
  titleRows: string | null;
  titleColumns: string | null;
  header: { left: string; center: string; right: string };
  footer: { left: string; center: string; right: string };
}

export function defaultPrint(): PrintModel {
  return {
    orientation: "Portrait",
    fit: null,
    scale: 100,
    paper: null,
    rowBreaks: [],
    colBreaks: [],
    area: null,
    titleRows: null,
    titleColumns: null,
    header: { left: "", center: "", right: "" },
    footer: { left: "", center: "", right: "" },
  };
}

export interface TableModel {
  id: string;
  name: string;
  sheetId: string;
  rect: Rect;
  showTotals: boolean;
  showHeaders: boolean;
  style: string;
  /** Header texts, kept in step with the header cells (formulas translate without a recalc). */
  columns: string[];
}

export interface NameModel {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
}

export const DEFAULT_COLUMN_WIDTH = 48; // points, Excel's default 8.43 characters
export const DEFAULT_ROW_HEIGHT = 15;

/** Cells are addressed by one number: row × 16384 + column (exact in a double). */
export function cellKey(row: number, col: number): number {
  return row * MAX_COLS + col;
}
export function keyRow(key: number): number {
  return Math.floor(key / MAX_COLS);
}
export function keyCol(key: number): number {
  return key % MAX_COLS;
}

/** A number as text that Excel reads as a number. */
export const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INVALID_SHEET_CHARS = /[/\\?*:[\]]/;

/** Excel's rules for a sheet name: 1–31 characters, none of / \ ? * : [ ], not starting or ending with '. */
export function checkSheetName(name: string): void {
  if (typeof name !== "string" || name.length === 0 || name.length > 31) {
    throw new EmulatorError("InvalidArgument", `invalid sheet name (1–31 characters): "${name}"`);
  }
  if (INVALID_SHEET_CHARS.test(name)) {
    throw new EmulatorError("InvalidArgument", `invalid sheet name (contains one of / \\ ? * : [ ]): "${name}"`);
  }
  if (name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
    throw new EmulatorError("InvalidArgument", `invalid sheet name: "${name}"`);
  }
}

const TABLE_NAME = /^[A-Za-z_\\\u0080-\uffff][\w.\u0080-\uffff]*$/;
export function checkTableOrName(name: string, what: string): void {
  if (!TABLE_NAME.test(name) || name.length > 255 || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) {
    throw new EmulatorError("InvalidArgument", `invalid ${what} name: "${name}"`);
  }
}

/** The workbook held in memory: cells in HyperFormula, everything else in plain maps. */

export function toExcelValue(v: unknown): CellValue {
  if (v === null || v === undefined) return "";
  if (v instanceof DetailedCellError) return v.value;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** A scalar fills the range; an array must match its shape exactly (Excel's InvalidArgument). */
export function toGrid(data: unknown, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(data)) return Array.from({ length: rows }, () => new Array(cols).fill(data));
  if (data.length !== rows || data.some((r) => !Array.isArray(r) || r.length !== cols)) {
    const gotCols = Array.isArray(data[0]) ? (data[0] as unknown[]).length : "?";
    throw new EmulatorError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (range ${rows}×${cols}, array ${data.length}×${gotCols}).`,
    );
  }
  return data as unknown[][];
}
