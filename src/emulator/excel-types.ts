/**
 * The emulator typed against Excel's own typings (issue 34, item 2). Each emulated class declares
 * `implements Typed<Excel.X, "member" | …>` for the members it models: Pick<Excel.X, those
 * members>, with Excel's object types in their signatures read as the emulator's classes (an
 * Excel.Range argument or result is the emulator's Range, and so on). A member renamed, removed or
 * retyped in @types/office-js — a property's type, a method's parameters or result — then fails
 * `tsc` here, not at run time.
 */
import type { Chart, ChartAxes, ChartAxis, ChartAxisTitle, ChartCollection, ChartFill, ChartLegend } from "./charts";
import type { ChartSeries, ChartSeriesCollection, ChartSeriesFormat, ChartTitle } from "./charts";
import type { ChartDataLabel, ChartDataLabels, ChartLegendEntry, ChartLegendEntryCollection } from "./charts";
import type { ChartPoint, ChartPointsCollection } from "./charts";
import type { ClientResult } from "./client";
import type {
  Line,
  Shape,
  ShapeCollection,
  ShapeFill,
  ShapeFont,
  ShapeLineFormat,
  TextFrame,
  TextRange,
} from "./shapes";
import type { ConditionalFormat, ConditionalFormatCollection } from "./conditional";
import type { DataValidation, FormatProtection, RangeBorder, RangeBorderCollection } from "./format";
import type { RangeFill, RangeFont, RangeFormat } from "./format";
import type { NamedItem, NamedItemCollection, Setting, SettingCollection } from "./names";
import type { HeaderFooter, HeaderFooterGroup, PageBreakCollection, PageLayout } from "./page-layout";
import type { Range } from "./range";
import type {
  Table,
  TableCollection,
  TableColumn,
  TableColumnCollection,
  TableRow,
  TableRowCollection,
} from "./tables";
import type { Application, Workbook, Worksheet, WorksheetCollection } from "./workbook";
import type { WorksheetFreezePanes, WorksheetProtection } from "./workbook";

/** An Excel type as the emulator models it: its class for an API object, the type itself otherwise. */
// prettier-ignore
export type Emulated<T> =
  T extends Excel.Range ? Range :
  T extends Excel.Worksheet ? Worksheet :
  T extends Excel.WorksheetCollection ? WorksheetCollection :
  T extends Excel.Workbook ? Workbook :
  T extends Excel.Application ? Application :
  T extends Excel.WorksheetProtection ? WorksheetProtection :
  T extends Excel.WorksheetFreezePanes ? WorksheetFreezePanes :
  T extends Excel.Table ? Table :
  T extends Excel.TableCollection ? TableCollection :
  T extends Excel.TableColumn ? TableColumn :
  T extends Excel.TableColumnCollection ? TableColumnCollection :
  T extends Excel.TableRowCollection ? TableRowCollection :
  T extends Excel.TableRow ? TableRow :
  T extends Excel.NamedItem ? NamedItem :
  T extends Excel.NamedItemCollection ? NamedItemCollection :
  T extends Excel.Setting ? Setting :
  T extends Excel.SettingCollection ? SettingCollection :
  T extends Excel.RangeFormat ? RangeFormat :
  T extends Excel.RangeFill ? RangeFill :
  T extends Excel.RangeFont ? RangeFont :
  T extends Excel.FormatProtection ? FormatProtection :
  T extends Excel.RangeBorder ? RangeBorder :
  T extends Excel.RangeBorderCollection ? RangeBorderCollection :
  T extends Excel.DataValidation ? DataValidation :
  T extends Excel.ConditionalFormat ? ConditionalFormat :
  T extends Excel.ConditionalFormatCollection ? ConditionalFormatCollection :
  T extends Excel.PageLayout ? PageLayout :
  T extends Excel.PageBreakCollection ? PageBreakCollection :
  T extends Excel.HeaderFooterGroup ? HeaderFooterGroup :
  T extends Excel.HeaderFooter ? HeaderFooter :
  T extends Excel.Chart ? Chart :
  T extends Excel.ChartCollection ? ChartCollection :
  T extends Excel.ChartTitle ? ChartTitle :
  T extends Excel.ChartLegend ? ChartLegend :
  T extends Excel.ChartAxes ? ChartAxes :
  T extends Excel.ChartAxis ? ChartAxis :
  T extends Excel.ChartAxisTitle ? ChartAxisTitle :
  T extends Excel.ChartSeries ? ChartSeries :
  T extends Excel.ChartSeriesCollection ? ChartSeriesCollection :
  T extends Excel.ChartSeriesFormat ? ChartSeriesFormat :
  T extends Excel.ChartFill ? ChartFill :
  T extends Excel.ChartLegendEntryCollection ? ChartLegendEntryCollection :
  T extends Excel.ChartLegendEntry ? ChartLegendEntry :
  T extends Excel.ChartDataLabels ? ChartDataLabels :
  T extends Excel.ChartDataLabel ? ChartDataLabel :
  T extends Excel.ChartPointsCollection ? ChartPointsCollection :
  T extends Excel.ChartPoint ? ChartPoint :
  T extends Excel.ShapeCollection ? ShapeCollection :
  T extends Excel.Shape ? Shape :
  T extends Excel.ShapeFill ? ShapeFill :
  T extends Excel.ShapeLineFormat ? ShapeLineFormat :
  T extends Excel.TextFrame ? TextFrame :
  T extends Excel.TextRange ? TextRange :
  T extends Excel.ShapeFont ? ShapeFont :
  T extends Excel.Line ? Line :
  T extends OfficeExtension.ClientResult<infer V> ? ClientResult<V> :
  T extends (infer E)[] ? (E extends Excel.Range | Excel.Worksheet | Excel.Table | Excel.Chart | Excel.NamedItem | Excel.Setting | Excel.TableColumn | Excel.ChartSeries | Excel.Shape ? Emulated<E>[] : T) :
  T;

/** A member's type with Excel's object types read as the emulator's (a method: its parameters and result). */
export type EmulatedMember<M> = M extends (...args: infer A) => infer R
  ? (...args: { [I in keyof A]: Emulated<A[I]> }) => Emulated<R>
  : Emulated<M>;

/** Pick<X, K>, typed as the emulator models it (see above). */
export type Typed<X, K extends keyof X> = { [P in K]: EmulatedMember<X[P]> };
