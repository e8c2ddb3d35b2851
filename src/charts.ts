/**
 * The chart types the product draws: one closed list shared by the layouts (chart plans), the
 * writer, the emulator (which refuses any other type, as it cannot model it) and the preview's
 * renderer table (a Record over this union, so a new type without a renderer fails to compile).
 * The names are Excel's `Excel.ChartType` values.
 */
export const CHART_TYPES = [
  "Pie",
  "Doughnut",
  "ColumnClustered",
  "ColumnStacked",
  "BarClustered",
  "BarStacked",
  "Line",
  "XYScatter",
  "XYScatterLinesNoMarkers",
  "Bubble",
] as const;

export type ChartType = (typeof CHART_TYPES)[number];

export function isChartType(x: unknown): x is ChartType {
  return typeof x === "string" && (CHART_TYPES as readonly string[]).includes(x);
}

/** Where a data label sits: `Excel.ChartDataLabelPosition` values. */
export const LABEL_POSITIONS = [
  "Center",
  "InsideEnd",
  "InsideBase",
  "OutsideEnd",
  "Left",
  "Right",
  "Top",
  "Bottom",
  "BestFit",
] as const;

export type LabelPosition = (typeof LABEL_POSITIONS)[number];

/**
 * The label positions Excel accepts on a series of a chart type ([MS-OI29500] 2.1.1475, dLblPos):
 * pies take best fit, outside end, inside end and centre; clustered bars and columns the four
 * bar positions; stacked ones all but outside end; lines and scatter (and bubbles) left, right,
 * top, bottom and centre; a doughnut none (its labels sit where Excel puts them).
 */
export function labelPositions(type: ChartType): readonly LabelPosition[] {
  switch (type) {
    case "Pie":
      return ["BestFit", "OutsideEnd", "InsideEnd", "Center"];
    case "Doughnut":
      return [];
    case "ColumnClustered":
    case "BarClustered":
      return ["InsideBase", "InsideEnd", "OutsideEnd", "Center"];
    case "ColumnStacked":
    case "BarStacked":
      return ["InsideBase", "InsideEnd", "Center"];
    case "Line":
    case "XYScatter":
    case "XYScatterLinesNoMarkers":
    case "Bubble":
      return ["Left", "Right", "Top", "Bottom", "Center"];
  }
}

/** What a series' data labels show: the point's value, its share of the pie, its category. */
export interface DataLabelOptions {
  showValue?: boolean;
  showPercentage?: boolean;
  showCategoryName?: boolean;
  /** An Excel number format for the labels (a zero section left empty hides zeros). */
  numberFormat?: string;
  position?: LabelPosition;
}
