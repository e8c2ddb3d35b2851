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
