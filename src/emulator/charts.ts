/**
 * Charts (recorded, not drawn by Excel here): the chart, its series and its sub-objects.
 */
import { type ChartType, isChartType, LABEL_POSITIONS, labelPositions, type LabelPosition } from "../charts";
import { qualified, rectA1, rectCols, rectRows } from "./address";
import { ClientObject, ItemCollection, Resolver, create } from "./client";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { type ChartModel, type SheetModel, type WorkbookModel } from "./model";
import type { ChartSeriesModel, DataLabelsModel, PointLabelModel } from "./types";
import { Range, RangeTarget } from "./range";
import type { Typed } from "./excel-types";

// ---- charts (recorded, not drawn by Excel here) ---------------------------------------------

export class ChartCollection
  extends ItemCollection<Chart>
  implements Typed<Excel.ChartCollection, "add" | "count" | "getItem" | "getItemOrNullObject" | "items">
{
  static override readonly emulated = "ChartCollection";
  protected override readonly hasCount = true;
  constructor(
    ctx: RequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx, sheet);
  }
  _makeItems() {
    return this.sheet().charts.map((c) => create(Chart, this.context, () => c));
  }
  get count(): number {
    return this._get("count");
  }
  add(type: string, sourceData: Range | null, seriesBy = "Auto"): Chart {
    let created: ChartModel | null = null;
    const chart = create(Chart, this.context, () => created);
    this._do(() => {
      const s = this.sheet();
      const src = sourceData ? sourceData.t() : null;
      const model: ChartModel = {
        id: this.context.model.nextChartId(),
        name: `Chart ${s.charts.length + 1}`,
        type: chartType(type),
        source: src ? qualified(src.sheet.name, src.rect, true) : null,
        seriesBy,
        title: "",
        titleVisible: false,
        legendVisible: true,
        legendPosition: "Right",
        position: { topLeft: null, bottomRight: null, top: 0, left: 0, width: 360, height: 216 },
        series: src ? seriesFromSource(src, seriesBy, this.context.model) : [],
        axes: {},
        plotVisibleOnly: true,
      };
      s.charts.push(model);
      created = model;
      chart._tryResolve();
      this.context.model.changed(s.id);
    });
    return chart;
  }
  getItem(name: string): Chart {
    const c = create(Chart, this.context, () => {
      const found = this.sheet().charts.find((x) => x.name === name);
      if (!found) throw new EmulatorError("ItemNotFound", `chart not found: "${name}"`);
      return found;
    });
    this.context._enqueue({ apply: () => c._t(), bytes: 60, mutates: false });
    return c;
  }
  getItemOrNullObject(name: string): Chart {
    return create(Chart, this.context, () => this.sheet().charts.find((x) => x.name === name) ?? null)._markNullable();
  }
}

/** A chart type the emulator models (and the preview draws); any other is refused, not drawn wrong. */
function chartType(type: string): ChartType {
  if (!isChartType(type)) throw notEmulated(`chart type ${type}`);
  return type;
}

/** Series from a source range the way Excel's "Auto" reads it: first row/column as labels. */
function seriesFromSource(src: RangeTarget, seriesBy: string, model: WorkbookModel) {
  const { sheet, rect } = src;
  const byColumns = seriesBy === "Columns" || (seriesBy !== "Rows" && rectRows(rect) >= rectCols(rect));
  const series = [];
  if (byColumns) {
    for (let c = rect.c0 + 1; c <= rect.c1; c++) {
      series.push({
        name: String(model.value(sheet, rect.r0, c)),
        values: qualified(sheet.name, { r0: rect.r0 + 1, r1: rect.r1, c0: c, c1: c }, true),
        xValues: qualified(sheet.name, { r0: rect.r0 + 1, r1: rect.r1, c0: rect.c0, c1: rect.c0 }, true),
      });
    }
  } else {
    for (let r = rect.r0 + 1; r <= rect.r1; r++) {
      series.push({
        name: String(model.value(sheet, r, rect.c0)),
        values: qualified(sheet.name, { r0: r, r1: r, c0: rect.c0 + 1, c1: rect.c1 }, true),
        xValues: qualified(sheet.name, { r0: rect.r0, r1: rect.r0, c0: rect.c0 + 1, c1: rect.c1 }, true),
      });
    }
  }
  return series;
}

export class Chart
  extends ClientObject
  implements
    Typed<
      Excel.Chart,
      | "axes"
      | "chartType"
      | "delete"
      | "height"
      | "left"
      | "legend"
      | "name"
      | "plotVisibleOnly"
      | "series"
      | "setPosition"
      | "title"
      | "top"
      | "width"
    >
{
  static override readonly emulated = "Chart";
  readonly title: ChartTitle;
  readonly legend: ChartLegend;
  readonly series: ChartSeriesCollection;
  readonly axes: ChartAxes;
  constructor(ctx: RequestContext, resolver: Resolver<ChartModel>) {
    super(ctx, resolver);
    const edit: ChartEdit = (f) =>
      ctx._enqueue({
        apply: () => {
          f(this._t<ChartModel>(), ctx.model);
          ctx.model.changed(null);
        },
        bytes: 80,
        mutates: true,
      });
    const read = <T>(prop: string) => this._get<T>(prop);
    this.title = create(ChartTitle, edit, read);
    this.legend = create(ChartLegend, edit, read);
    this.series = create(ChartSeriesCollection, ctx, () => this._t<ChartModel>());
    this.axes = create(ChartAxes, edit);
  }
  _scalars() {
    return ["name", "chartType", "top", "left", "width", "height", "plotVisibleOnly"];
  }
  _read(prop: string) {
    const c = this._t<ChartModel>();
    switch (prop) {
      case "name":
        return c.name;
      case "chartType":
        return c.type;
      case "top":
        return c.position.top;
      case "left":
        return c.position.left;
      case "width":
        return c.position.width;
      case "height":
        return c.position.height;
      case "plotVisibleOnly":
        return c.plotVisibleOnly;
    }
    throw notEmulated(`Chart.${prop}`);
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => (this._t<ChartModel>().name = v));
  }
  get plotVisibleOnly(): boolean {
    return this._get("plotVisibleOnly");
  }
  /** False: hidden rows and columns are plotted too (ExcelApi 1.8). */
  set plotVisibleOnly(v: boolean) {
    this._set("plotVisibleOnly", v, () => (this._t<ChartModel>().plotVisibleOnly = v));
  }
  get chartType(): Excel.Chart["chartType"] {
    return this._get("chartType");
  }
  set chartType(v: Excel.Chart["chartType"]) {
    this._set("chartType", v, () => (this._t<ChartModel>().type = chartType(v)));
  }
  private pos(prop: "top" | "left" | "width" | "height", v: number) {
    this._set(prop, v, () => (this._t<ChartModel>().position[prop] = v));
  }
  set top(v: number) {
    this.pos("top", v);
  }
  get top(): number {
    return this._get("top");
  }
  set left(v: number) {
    this.pos("left", v);
  }
  get left(): number {
    return this._get("left");
  }
  set width(v: number) {
    this.pos("width", v);
  }
  get width(): number {
    return this._get("width");
  }
  set height(v: number) {
    this.pos("height", v);
  }
  get height(): number {
    return this._get("height");
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._do(() => {
      const c = this._t<ChartModel>();
      const a = (x: Range | string) => (typeof x === "string" ? x : rectA1(x.t().rect));
      c.position.topLeft = a(startCell);
      c.position.bottomRight = endCell ? a(endCell) : null;
      this.context.model.changed(null);
    });
  }
  delete(): void {
    this._do(() => {
      const c = this._t<ChartModel>();
      for (const s of this.context.model.sheets) s.charts = s.charts.filter((x) => x !== c);
      this.context.model.changed(null);
    });
  }
}

/** Queues a change to the chart's model. */
type ChartEdit = (f: (c: ChartModel, model: WorkbookModel) => void) => void;

/**
 * The chart's sub-objects: plain holders in office-js terms (their properties travel with the
 * chart's load), guarded like every API object so a member we do not model says so.
 */
export class ChartTitle implements Typed<Excel.ChartTitle, "text" | "visible"> {
  static readonly emulated = "ChartTitle";
  constructor(
    private readonly edit: ChartEdit,
    private readonly read: <T>(prop: string) => T,
  ) {}
  set text(v: string) {
    this.edit((c) => {
      c.title = v;
      c.titleVisible = true;
    });
  }
  get text(): string {
    return this.read<string>("title");
  }
  set visible(v: boolean) {
    this.edit((c) => (c.titleVisible = v));
  }
  get visible(): boolean {
    return this.read<boolean>("titleVisible");
  }
}

export class ChartLegend implements Typed<Excel.ChartLegend, "legendEntries" | "position" | "visible"> {
  static readonly emulated = "ChartLegend";
  constructor(
    private readonly edit: ChartEdit,
    private readonly read: <T>(prop: string) => T,
  ) {}
  set visible(v: boolean) {
    this.edit((c) => (c.legendVisible = v));
  }
  get visible(): boolean {
    return this.read<boolean>("legendVisible");
  }
  set position(v: Excel.ChartLegend["position"]) {
    this.edit((c) => (c.legendPosition = v));
  }
  get position(): Excel.ChartLegend["position"] {
    return this.read<Excel.ChartLegend["position"]>("legendPosition");
  }
  /** The legend's entries (ExcelApi 1.7): one per series, or one per point of a pie's series. */
  get legendEntries(): ChartLegendEntryCollection {
    return create(ChartLegendEntryCollection, this.edit);
  }
}

/** How many entries a chart's legend has: a pie or doughnut names its points, other charts their series. */
function legendCount(c: ChartModel, model: WorkbookModel): number {
  if (c.type === "Pie" || c.type === "Doughnut") return pointCount(c.series[0], model);
  return c.series.length;
}

/** The points of a series: the cells of its values. */
function pointCount(s: ChartSeriesModel | undefined, model: WorkbookModel): number {
  if (!s?.values) return 0;
  const { rect } = model.resolveAddress(s.values);
  return rectRows(rect) * rectCols(rect);
}

export class ChartLegendEntryCollection implements Typed<Excel.ChartLegendEntryCollection, "getItemAt"> {
  static readonly emulated = "ChartLegendEntryCollection";
  constructor(private readonly edit: ChartEdit) {}
  getItemAt(index: number): ChartLegendEntry {
    return create(ChartLegendEntry, this.edit, index);
  }
}

export class ChartLegendEntry implements Typed<Excel.ChartLegendEntry, "visible"> {
  static readonly emulated = "ChartLegendEntry";
  constructor(
    private readonly edit: ChartEdit,
    private readonly at: number,
  ) {}
  /** False hides the entry, not its series (ExcelApi 1.7); an index past the legend's entries is refused. */
  set visible(v: boolean) {
    const i = this.at;
    this.edit((c, model) => {
      if (!Number.isInteger(i) || i < 0 || i >= legendCount(c, model)) {
        throw new EmulatorError("ItemNotFound", `no legend entry at ${i}`);
      }
      const hidden = new Set(c.hiddenLegendEntries ?? []);
      if (v) hidden.delete(i);
      else hidden.add(i);
      c.hiddenLegendEntries = [...hidden].sort((a, b) => a - b);
    });
  }
}

export class ChartAxes implements Typed<Excel.ChartAxes, "categoryAxis" | "valueAxis"> {
  static readonly emulated = "ChartAxes";
  readonly valueAxis: ChartAxis;
  readonly categoryAxis: ChartAxis;
  constructor(edit: ChartEdit) {
    this.valueAxis = create(ChartAxis, edit, "value");
    this.categoryAxis = create(ChartAxis, edit, "category");
  }
}

type AxisPatch = { title?: string; titleVisible?: boolean; minimum?: number; maximum?: number };

export class ChartAxis implements Typed<Excel.ChartAxis, "maximum" | "minimum" | "title"> {
  static readonly emulated = "ChartAxis";
  readonly title: ChartAxisTitle;
  constructor(
    private readonly edit: ChartEdit,
    private readonly which: string,
  ) {
    this.title = create(ChartAxisTitle, (p: AxisPatch) => this.patch(p));
  }
  private patch(p: AxisPatch) {
    const w = this.which;
    this.edit((c) => (c.axes[w] = { ...c.axes[w], ...p }));
  }
  set minimum(v: number) {
    this.patch({ minimum: v });
  }
  set maximum(v: number) {
    this.patch({ maximum: v });
  }
}

export class ChartAxisTitle implements Typed<Excel.ChartAxisTitle, "text" | "visible"> {
  static readonly emulated = "ChartAxisTitle";
  constructor(private readonly patch: (p: AxisPatch) => void) {}
  /** Setting the text shows the title, as the chart's own title does. */
  set text(v: string) {
    this.patch({ title: v, titleVisible: true });
  }
  set visible(v: boolean) {
    this.patch({ titleVisible: v });
  }
}

type SeriesEdit = (f: (s: ChartModel["series"][number]) => void) => void;

export class ChartSeriesFormat implements Typed<Excel.ChartSeriesFormat, "fill"> {
  static readonly emulated = "ChartSeriesFormat";
  readonly fill: ChartFill;
  constructor(edit: SeriesEdit) {
    this.fill = create(ChartFill, edit);
  }
}

export class ChartFill implements Typed<Excel.ChartFill, "clear" | "setSolidColor"> {
  static readonly emulated = "ChartFill";
  constructor(private readonly edit: SeriesEdit) {}
  setSolidColor(color: string): void {
    this.edit((s) => (s.fill = color));
  }
  clear(): void {
    this.edit((s) => (s.fill = null));
  }
}

export class ChartSeriesCollection
  extends ClientObject
  implements Typed<Excel.ChartSeriesCollection, "add" | "count" | "getItemAt">
{
  static override readonly emulated = "ChartSeriesCollection";
  constructor(
    ctx: RequestContext,
    private readonly chart: () => ChartModel,
  ) {
    super(ctx, chart);
  }
  _scalars() {
    return ["count"];
  }
  _read(prop: string) {
    if (prop === "count") return this.chart().series.length;
    throw notEmulated(`ChartSeriesCollection.${prop}`);
  }
  get count(): number {
    return this._get("count");
  }
  add(name?: string, index?: number): ChartSeries {
    let idx = -1;
    this._do(() => {
      const c = this.chart();
      const s = { name: name ?? `Series${c.series.length + 1}` };
      if (index === undefined) {
        c.series.push(s);
        idx = c.series.length - 1;
      } else {
        c.series.splice(index, 0, s);
        idx = index;
      }
    });
    return create(ChartSeries, this.context, () => this.chart().series[idx] ?? null);
  }
  getItemAt(index: number): ChartSeries {
    return create(ChartSeries, this.context, () => {
      const s = this.chart().series[index];
      if (!s) throw new EmulatorError("ItemNotFound", `no series at ${index}`);
      return s;
    });
  }
}

/** A change to a series that needs its chart (the type decides the label positions) and the workbook. */
type LabelEdit = (
  f: (s: ChartSeriesModel, chart: { chart: ChartModel; sheet: SheetModel }, model: WorkbookModel) => void,
) => void;

function chartOfSeries(model: WorkbookModel, s: ChartSeriesModel): { chart: ChartModel; sheet: SheetModel } {
  for (const sheet of model.sheets)
    for (const chart of sheet.charts) if (chart.series.includes(s)) return { chart, sheet };
  throw new EmulatorError("ItemNotFound", "the series' chart no longer exists");
}

/** Excel refuses a label position the series' chart type does not offer ([MS-OI29500] 2.1.1475). */
function checkPosition(v: string, s: ChartSeriesModel, chart: ChartModel): LabelPosition {
  if (!(LABEL_POSITIONS as readonly string[]).includes(v)) throw notEmulated(`data label position ${v}`);
  const type = s.chartType ?? chart.type;
  if (!labelPositions(type).includes(v as LabelPosition)) {
    throw new EmulatorError("InvalidArgument", `a ${type} chart's data labels cannot be placed ${v}`);
  }
  return v as LabelPosition;
}

const DEFAULT_LABELS: DataLabelsModel = {
  showValue: true,
  showPercentage: false,
  showCategoryName: false,
  showSeriesName: false,
};

/** A series' data labels (ExcelApi 1.8): what they show, their number format and their place. */
export class ChartDataLabels implements Typed<
  Excel.ChartDataLabels,
  "numberFormat" | "position" | "showCategoryName" | "showPercentage" | "showSeriesName" | "showValue"
> {
  static readonly emulated = "ChartDataLabels";
  constructor(private readonly edit: LabelEdit) {}
  private put<K extends keyof DataLabelsModel>(key: K, v: DataLabelsModel[K]) {
    this.edit((s) => (s.dataLabels = { ...(s.dataLabels ?? DEFAULT_LABELS), [key]: v }));
  }
  set showValue(v: boolean) {
    this.put("showValue", v);
  }
  set showPercentage(v: boolean) {
    this.put("showPercentage", v);
  }
  set showCategoryName(v: boolean) {
    this.put("showCategoryName", v);
  }
  set showSeriesName(v: boolean) {
    this.put("showSeriesName", v);
  }
  set numberFormat(v: string) {
    this.put("numberFormat", v);
  }
  set position(v: Excel.ChartDataLabels["position"]) {
    this.edit((s, { chart }) => {
      s.dataLabels = { ...(s.dataLabels ?? DEFAULT_LABELS), position: checkPosition(v, s, chart) };
    });
  }
}

export class ChartPointsCollection implements Typed<Excel.ChartPointsCollection, "getItemAt"> {
  static readonly emulated = "ChartPointsCollection";
  constructor(private readonly edit: LabelEdit) {}
  getItemAt(index: number): ChartPoint {
    return create(ChartPoint, this.edit, index);
  }
}

/** One point (ExcelApi 1.7 for its label): a point past the series' values is refused. */
export class ChartPoint implements Typed<Excel.ChartPoint, "dataLabel" | "hasDataLabel"> {
  static readonly emulated = "ChartPoint";
  readonly dataLabel: ChartDataLabel;
  constructor(
    private readonly edit: LabelEdit,
    private readonly index: number,
  ) {
    this.dataLabel = create(
      ChartDataLabel,
      (
        f: (
          p: PointLabelModel,
          s: ChartSeriesModel,
          chart: { chart: ChartModel; sheet: SheetModel },
          model: WorkbookModel,
        ) => void,
      ) =>
        this.point((s, c, m) => {
          const own = (s.pointLabels ??= {});
          f((own[index] ??= {}), s, c, m);
        }),
    );
  }
  private point(f: Parameters<LabelEdit>[0]) {
    const i = this.index;
    this.edit((s, c, m) => {
      if (!Number.isInteger(i) || i < 0 || i >= pointCount(s, m))
        throw new EmulatorError("ItemNotFound", `no point at ${i}`);
      f(s, c, m);
    });
  }
  set hasDataLabel(v: boolean) {
    this.point((s) => {
      const own = (s.pointLabels ??= {});
      if (v) own[this.index] ??= {};
      else delete own[this.index];
    });
  }
}

/**
 * A point's own label (ExcelApi 1.7; its formula 1.8). The product links a label to one cell
 * (`="Sheet"!$A$1`, as Excel writes a label typed as `=` and a click on a cell); any other
 * formula is not modelled, so it is refused rather than shown wrong.
 */
export class ChartDataLabel implements Typed<Excel.ChartDataLabel, "formula" | "position"> {
  static readonly emulated = "ChartDataLabel";
  constructor(
    private readonly edit: (
      f: (
        p: PointLabelModel,
        s: ChartSeriesModel,
        chart: { chart: ChartModel; sheet: SheetModel },
        model: WorkbookModel,
      ) => void,
    ) => void,
  ) {}
  set formula(v: string) {
    this.edit((p, _s, { sheet }, model) => {
      const m = /^=(.+)$/.exec(v.trim());
      let target: { sheet: SheetModel; rect: { r0: number; r1: number; c0: number; c1: number } } | null = null;
      try {
        target = m ? model.resolveAddress(m[1], sheet) : null;
      } catch {
        target = null;
      }
      if (!target || rectRows(target.rect) !== 1 || rectCols(target.rect) !== 1) {
        throw notEmulated(`ChartDataLabel.formula other than a reference to one cell (${v})`);
      }
      p.cell = qualified(target.sheet.name, target.rect, true);
    });
  }
  set position(v: Excel.ChartDataLabel["position"]) {
    this.edit((p, s, { chart }) => (p.position = checkPosition(v, s, chart)));
  }
}

export class ChartSeries
  extends ClientObject
  implements
    Typed<
      Excel.ChartSeries,
      | "chartType"
      | "dataLabels"
      | "delete"
      | "format"
      | "hasDataLabels"
      | "name"
      | "points"
      | "setBubbleSizes"
      | "setValues"
      | "setXAxisValues"
    >
{
  static override readonly emulated = "ChartSeries";
  readonly format: ChartSeriesFormat;
  readonly dataLabels: ChartDataLabels;
  readonly points: ChartPointsCollection;
  constructor(ctx: RequestContext, resolver: Resolver<ChartModel["series"][number]>) {
    super(ctx, resolver);
    this.format = create(ChartSeriesFormat, (f) =>
      ctx._enqueue({ apply: () => f(this._t()), bytes: 80, mutates: true }),
    );
    const labels: LabelEdit = (f) =>
      ctx._enqueue({
        apply: () => {
          const s = this._t<ChartSeriesModel>();
          f(s, chartOfSeries(ctx.model, s), ctx.model);
          ctx.model.changed(null);
        },
        bytes: 80,
        mutates: true,
      });
    this.dataLabels = create(ChartDataLabels, labels);
    this.points = create(ChartPointsCollection, labels);
  }
  _scalars() {
    return ["name", "chartType", "hasDataLabels"];
  }
  _read(prop: string) {
    const s = this._t<ChartModel["series"][number]>();
    if (prop === "name") return s.name;
    if (prop === "chartType") return s.chartType ?? "";
    if (prop === "hasDataLabels") return s.hasDataLabels ?? false;
    throw notEmulated(`ChartSeries.${prop}`);
  }
  get hasDataLabels(): boolean {
    return this._get("hasDataLabels");
  }
  /** True shows a label on every point (ExcelApi 1.7): the value, until the labels say otherwise. */
  set hasDataLabels(v: boolean) {
    this._set("hasDataLabels", v, () => {
      const s = this._t<ChartSeriesModel>();
      s.hasDataLabels = v;
      if (v) s.dataLabels ??= { ...DEFAULT_LABELS };
      this.context.model.changed(null);
    });
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => (this._t<ChartModel["series"][number]>().name = v));
  }
  set chartType(v: Excel.ChartSeries["chartType"]) {
    this._set("chartType", v, () => (this._t<ChartModel["series"][number]>().chartType = chartType(v)));
  }
  private ref(r: Range, key: "values" | "xValues" | "bubbleSizes") {
    this._do(() => {
      const t = r.t();
      this._t<ChartModel["series"][number]>()[key] = qualified(t.sheet.name, t.rect, true);
      this.context.model.changed(null);
    });
  }
  setValues(sourceData: Range): void {
    this.ref(sourceData, "values");
  }
  setXAxisValues(sourceData: Range): void {
    this.ref(sourceData, "xValues");
  }
  setBubbleSizes(sourceData: Range): void {
    this.ref(sourceData, "bubbleSizes");
  }
  delete(): void {
    this._do(() => {
      const s = this._t<ChartModel["series"][number]>();
      for (const sh of this.context.model.sheets) for (const c of sh.charts) c.series = c.series.filter((x) => x !== s);
    });
  }
}
