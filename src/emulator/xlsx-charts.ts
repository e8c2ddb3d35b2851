/**
 * Native charts in the .xlsx files we write. ExcelJS writes no charts, and no maintained library
 * writes them well, so the chart parts (DrawingML, ECMA-376 part 1 §21.2) are generated here from
 * the charts the emulator recorded — the same chart plans the add-in gives Excel — and added to
 * the package ExcelJS wrote: one drawing part per sheet, one chart part per chart, their
 * relationships and content types. Series refer to the sheet's cells, so the charts stay live.
 */
import type { Package } from "./zip";
import { parseRect, rectA1, splitSheet } from "../address";
import type { ChartType, LabelPosition } from "../charts";
import type { ChartModel, SheetModel, WorkbookModel } from "./model";
import type { ChartSeriesModel } from "./types";
import { shapeAnchors } from "./xlsx-shapes";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const EMU_PER_POINT = 12_700;

const PALETTE = ["5B9BD5", "ED7D31", "A5A5A5", "FFC000", "4472C4", "70AD47", "264478", "9E480E", "636363"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A series reference as chart XML writes it: the sheet always quoted, absolute. */
function ref(address: string | undefined): string {
  if (!address) return "";
  const { sheet, local } = splitSheet(address);
  const range = rectA1(parseRect(local), true);
  return sheet === null ? range : `'${sheet.replace(/'/g, "''")}'!${range}`;
}

function fill(color: string | null | undefined, k: number, line = false): string {
  if (color === null) return `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`;
  const rgb = (color ?? `#${PALETTE[k % PALETTE.length]}`).replace(/^#/, "").toUpperCase();
  return line
    ? `<c:spPr><a:ln w="19050"><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></a:ln></c:spPr>`
    : `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;
}

const title = (text: string) =>
  `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;

/** An axis's title (CT_Title): the vertical axis's text turned to read upwards. */
function axisTitle(axis: ChartModel["axes"][string] | undefined, vertical: boolean): string {
  if (!axis?.title || axis.titleVisible === false) return "";
  const body = vertical ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  return `<c:title><c:tx><c:rich>${body}<a:p><a:pPr><a:defRPr sz="1000" b="0"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1000" b="0"/><a:t>${esc(axis.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** ST_DLblPos for each of Excel's label positions. */
const LABEL_POS: Record<LabelPosition, string> = {
  Center: "ctr",
  InsideEnd: "inEnd",
  InsideBase: "inBase",
  OutsideEnd: "outEnd",
  Left: "l",
  Right: "r",
  Top: "t",
  Bottom: "b",
  BestFit: "bestFit",
};

const flags = (d: {
  showValue?: boolean;
  showCategoryName?: boolean;
  showSeriesName?: boolean;
  showPercentage?: boolean;
}) =>
  `<c:showLegendKey val="0"/><c:showVal val="${d.showValue ? 1 : 0}"/><c:showCatName val="${d.showCategoryName ? 1 : 0}"/><c:showSerName val="${d.showSeriesName ? 1 : 0}"/><c:showPercent val="${d.showPercentage ? 1 : 0}"/><c:showBubbleSize val="0"/>`;

/**
 * A series' data labels (CT_DLbls): first each point's own label (CT_DLbl: its text a reference to
 * a cell, with the cell's text cached for readers that do not recalculate), then the series'
 * labels — number format, position and what they show — or all of them off when only points
 * have labels. Nothing when the series has no label at all.
 */
function dLbls(s: ChartSeriesModel, model: WorkbookModel | undefined): string {
  const own = Object.entries(s.pointLabels ?? {})
    .map(([i, p]) => [Number(i), p] as const)
    .sort((a, b) => a[0] - b[0]);
  if (!s.hasDataLabels && !own.length) return "";
  const column = labelColumn(s);
  if (column && !s.hasDataLabels) {
    // Every point labelled from the cell in its row: Excel's "value from cells" (the range is in
    // the series' extLst, see labelRange), each label a [CELLRANGE] field, which LibreOffice draws too.
    const pos = own[0][1].position ? `<c:dLblPos val="${LABEL_POS[own[0][1].position]}"/>` : "";
    // One element per extension: CT_Extension holds a single child.
    const ext = `<c:extLst><c:ext uri="${EXT_DLBLS}" xmlns:c15="${NS_C15}"><c15:showDataLabelsRange val="1"/></c:ext></c:extLst>`;
    const each = own
      .map(
        ([i]) =>
          `<c:dLbl><c:idx val="${i}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:fld id="${fieldId(i)}" type="CELLRANGE"><a:t>[CELLRANGE]</a:t></a:fld></a:p></c:rich></c:tx>${pos}${flags({})}${ext}</c:dLbl>`,
      )
      .join("");
    return `<c:dLbls>${each}${pos}${flags({})}${ext}</c:dLbls>`;
  }
  const points = own
    .map(([i, p]) => {
      const text = p.cell ? cellText(model, p.cell) : "";
      const tx = p.cell
        ? `<c:tx><c:strRef><c:f>${esc(ref(p.cell))}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(text)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
        : "";
      const pos = p.position ? `<c:dLblPos val="${LABEL_POS[p.position]}"/>` : "";
      return `<c:dLbl><c:idx val="${i}"/><c:layout/>${tx}${pos}${flags({ showValue: true })}</c:dLbl>`;
    })
    .join("");
  const d = s.hasDataLabels ? s.dataLabels : undefined;
  const group = d
    ? `${d.numberFormat ? `<c:numFmt formatCode="${esc(d.numberFormat)}" sourceLinked="0"/>` : ""}${d.position ? `<c:dLblPos val="${LABEL_POS[d.position]}"/>` : ""}${flags(d)}`
    : flags({});
  return `<c:dLbls>${points}${group}</c:dLbls>`;
}

const NS_C15 = "http://schemas.microsoft.com/office/drawing/2012/chart";
/** Excel 2013's extensions of a series (its label range) and of its labels (shown from that range). */
const EXT_SERIES = "{02D57815-91ED-43cb-92C2-25804820EDAC}";
const EXT_DLBLS = "{CE6537A1-D6FC-4f65-9D91-7224C49458BB}";

/**
 * The column of cells a series' points are labelled from, when every point has its own label, all
 * at one position, each the cell of one column in the row of its point: then the file says so the
 * way Excel does for "value from cells". Otherwise null (each label keeps its own reference).
 */
function labelColumn(s: ChartSeriesModel): string | null {
  const own = s.pointLabels ?? {};
  if (!s.values) return null;
  const { sheet, local } = splitSheet(s.values);
  const values = parseRect(local);
  const n = values.r1 - values.r0 + 1;
  if (values.c0 !== values.c1 || Object.keys(own).length !== n) return null;
  let col: number | null = null;
  let position: string | undefined;
  for (let i = 0; i < n; i++) {
    const p = own[i];
    if (!p?.cell) return null;
    const at = splitSheet(p.cell);
    const r = parseRect(at.local);
    if (at.sheet !== sheet || r.r0 !== values.r0 + i) return null;
    if (i === 0) {
      col = r.c0;
      position = p.position;
    } else if (r.c0 !== col || p.position !== position) return null;
  }
  return col === null ? null : qualifiedRef(sheet, { r0: values.r0, r1: values.r1, c0: col, c1: col });
}

function qualifiedRef(sheet: string | null, rect: { r0: number; r1: number; c0: number; c1: number }): string {
  const range = rectA1(rect, true);
  return sheet === null ? range : `'${sheet.replace(/'/g, "''")}'!${range}`;
}

/** The series' label range and its cached texts (c15:datalabelsRange), in the series' extLst. */
function labelRange(s: ChartSeriesModel, model: WorkbookModel | undefined): string {
  if (s.hasDataLabels) return "";
  const column = labelColumn(s);
  if (!column) return "";
  const { sheet, local } = splitSheet(column);
  const r = parseRect(local);
  const texts = Array.from({ length: r.r1 - r.r0 + 1 }, (_, i) =>
    cellText(model, qualifiedRef(sheet, { r0: r.r0 + i, r1: r.r0 + i, c0: r.c0, c1: r.c0 })),
  );
  const cache = `<c:ptCount val="${texts.length}"/>${texts.map((t, i) => `<c:pt idx="${i}"><c:v>${esc(t)}</c:v></c:pt>`).join("")}`;
  return `<c:extLst><c:ext uri="${EXT_SERIES}" xmlns:c15="${NS_C15}"><c15:datalabelsRange><c15:f>${esc(column)}</c15:f><c15:dlblRangeCache>${cache}</c15:dlblRangeCache></c15:datalabelsRange></c:ext></c:extLst>`;
}

/** A label field's id (ST_Guid), the same on every export. */
function fieldId(i: number): string {
  return `{5B7C2E10-28C4-4A1E-9D3F-${i.toString(16).toUpperCase().padStart(12, "0")}}`;
}

/** A cell's text as the label shows it (its value; an error or nothing shows as empty). */
function cellText(model: WorkbookModel | undefined, address: string): string {
  if (!model) return "";
  try {
    const { sheet, rect } = model.resolveAddress(address);
    const v = model.value(sheet, rect.r0, rect.c0);
    return typeof v === "string" && v.startsWith("#") ? "" : v === null || v === undefined ? "" : String(v);
  } catch {
    return "";
  }
}

/** An axis's scaling: orientation, then its fixed maximum and minimum where the chart has them (CT_Scaling's order). */
function scaling(bounds?: { minimum?: number; maximum?: number }): string {
  const max = bounds?.maximum !== undefined ? `<c:max val="${bounds.maximum}"/>` : "";
  const min = bounds?.minimum !== undefined ? `<c:min val="${bounds.minimum}"/>` : "";
  return `<c:scaling><c:orientation val="minMax"/>${max}${min}</c:scaling>`;
}

/**
 * The two axes (CT_CatAx / CT_ValAx, in the schema's order: id, scaling, delete, position,
 * gridlines, title, number format, tick labels, crossing): the category (or X) axis, then the value axis.
 */
const axes = (x: "cat" | "val", catId = 500, valId = 501, a: ChartModel["axes"] = {}, horizontalBars = false) =>
  `<c:${x}Ax><c:axId val="${catId}"/>${scaling(a.category)}<c:delete val="0"/><c:axPos val="${horizontalBars ? "l" : "b"}"/>${axisTitle(a.category, horizontalBars)}<c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="low"/><c:crossAx val="${valId}"/><c:crosses val="autoZero"/>${x === "cat" ? '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>' : '<c:crossBetween val="midCat"/>'}</c:${x}Ax>` +
  `<c:valAx><c:axId val="${valId}"/>${scaling(a.value)}<c:delete val="0"/><c:axPos val="${horizontalBars ? "b" : "l"}"/><c:majorGridlines/>${axisTitle(a.value, !horizontalBars)}<c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="${catId}"/><c:crosses val="autoZero"/><c:crossBetween val="${x === "cat" ? "between" : "midCat"}"/></c:valAx>`;

function seriesName(s: ChartModel["series"][number]): string {
  return `<c:tx><c:v>${esc(s.name)}</c:v></c:tx>`;
}

/** The plot area of one chart, by type. */
function plot(chart: ChartModel, model?: WorkbookModel): string {
  const type: ChartType = chart.type;
  const series = chart.series;
  const ser = (inner: (s: ChartModel["series"][number], k: number) => string) =>
    series
      .map((s, k) => `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>${seriesName(s)}${inner(s, k)}</c:ser>`)
      .join("");
  const catVal = (s: ChartModel["series"][number]) =>
    `${s.xValues ? `<c:cat><c:strRef><c:f>${esc(ref(s.xValues))}</c:f></c:strRef></c:cat>` : ""}<c:val><c:numRef><c:f>${esc(ref(s.values))}</c:f></c:numRef></c:val>`;
  switch (type) {
    case "Pie":
    case "Doughnut": {
      const points = (k: number) => `<c:dPt><c:idx val="${k}"/><c:bubble3D val="0"/>${fill(undefined, k)}</c:dPt>`;
      const one = series.slice(0, 1);
      const body = one
        .map(
          (s, k) =>
            `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>${seriesName(s)}${Array.from({ length: 12 }, (_, i) => points(i)).join("")}${dLbls(s, model)}${catVal(s)}${labelRange(s, model)}</c:ser>`,
        )
        .join("");
      return type === "Pie"
        ? `<c:pieChart><c:varyColors val="1"/>${body}<c:firstSliceAng val="0"/></c:pieChart>`
        : `<c:doughnutChart><c:varyColors val="1"/>${body}<c:firstSliceAng val="0"/><c:holeSize val="50"/></c:doughnutChart>`;
    }
    case "ColumnClustered":
    case "ColumnStacked":
    case "BarClustered":
    case "BarStacked": {
      const dir = type.startsWith("Bar") ? "bar" : "col";
      const stacked = type.endsWith("Stacked");
      return (
        `<c:barChart><c:barDir val="${dir}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>` +
        ser(
          (s, k) =>
            `${fill(s.fill, k)}<c:invertIfNegative val="0"/>${dLbls(s, model)}${catVal(s)}${labelRange(s, model)}`,
        ) +
        `<c:gapWidth val="${stacked ? 50 : 150}"/>${stacked ? '<c:overlap val="100"/>' : ""}<c:axId val="500"/><c:axId val="501"/></c:barChart>` +
        axes("cat", 500, 501, chart.axes, dir === "bar")
      );
    }
    case "Line":
      return (
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        ser(
          (s, k) =>
            `${fill(s.fill, k, true)}<c:marker><c:symbol val="none"/></c:marker>${dLbls(s, model)}${catVal(s)}<c:smooth val="0"/>${labelRange(s, model)}`,
        ) +
        `<c:marker val="1"/><c:axId val="500"/><c:axId val="501"/></c:lineChart>` +
        axes("cat", 500, 501, chart.axes)
      );
    case "Bubble":
      // CT_BubbleChart: its own element (not a scatter), each series with x, y and bubble sizes.
      return (
        `<c:bubbleChart><c:varyColors val="0"/>` +
        ser(
          (s, k) =>
            `${fill(s.fill, k)}<c:invertIfNegative val="0"/>` +
            `<c:xVal><c:numRef><c:f>${esc(ref(s.xValues))}</c:f></c:numRef></c:xVal><c:yVal><c:numRef><c:f>${esc(ref(s.values))}</c:f></c:numRef></c:yVal>` +
            `${s.bubbleSizes ? `<c:bubbleSize><c:numRef><c:f>${esc(ref(s.bubbleSizes))}</c:f></c:numRef></c:bubbleSize>` : ""}<c:bubble3D val="0"/>`,
        ) +
        `<c:bubbleScale val="100"/><c:showNegBubbles val="0"/><c:axId val="500"/><c:axId val="501"/></c:bubbleChart>` +
        axes("val", 500, 501, chart.axes)
      );
    case "XYScatter":
    case "XYScatterLinesNoMarkers": {
      const lines = (s: ChartModel["series"][number]) => (s.chartType ?? type) === "XYScatterLinesNoMarkers";
      return (
        `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>` +
        ser(
          (s, k) =>
            `${lines(s) ? fill(s.fill, k, true) : `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>`}<c:marker><c:symbol val="${lines(s) ? "none" : "circle"}"/>${lines(s) ? "" : '<c:size val="7"/>'}</c:marker>` +
            dLbls(s, model) +
            `<c:xVal><c:numRef><c:f>${esc(ref(s.xValues))}</c:f></c:numRef></c:xVal><c:yVal><c:numRef><c:f>${esc(ref(s.values))}</c:f></c:numRef></c:yVal><c:smooth val="0"/>` +
            labelRange(s, model),
        ) +
        `<c:axId val="500"/><c:axId val="501"/></c:scatterChart>` +
        axes("val", 500, 501, chart.axes)
      );
    }
  }
}

/** One chart part. */
export function chartXml(chart: ChartModel, model?: WorkbookModel): string {
  // A hidden legend entry (CT_LegendEntry: its index, then delete), after the legend's position.
  const hidden = (chart.hiddenLegendEntries ?? [])
    .map((i) => `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${chart.title && chart.titleVisible !== false ? title(chart.title) : ""}<c:autoTitleDeleted val="${chart.title ? 0 : 1}"/>` +
    `<c:plotArea><c:layout/>${plot(chart, model)}</c:plotArea>` +
    (chart.legendVisible
      ? `<c:legend><c:legendPos val="${legendPos(chart.legendPosition)}"/>${hidden}<c:overlay val="0"/></c:legend>`
      : "") +
    `<c:plotVisOnly val="${chart.plotVisibleOnly === false ? 0 : 1}"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function legendPos(p: string): string {
  return { Right: "r", Left: "l", Top: "t", Bottom: "b", Corner: "tr" }[p] ?? "r";
}

/** Where a chart sits, as cells (top-left and bottom-right, 0-based). */
function anchor(chart: ChartModel) {
  const p = chart.position;
  const cell = (a: string | null) => {
    if (!a) return null;
    const r = parseRect(a);
    return { row: r.r0, col: r.c0 };
  };
  const from = cell(p.topLeft) ?? { row: Math.round(p.top / 15), col: Math.round(p.left / 48) };
  const to = cell(p.bottomRight) ?? {
    row: from.row + Math.max(1, Math.round(p.height / 15)),
    col: from.col + Math.max(1, Math.round(p.width / 48)),
  };
  return { from, to };
}

function drawingXml(sheet: SheetModel): string {
  const anchors = sheet.charts
    .map((c, i) => {
      const { from, to } = anchor(c);
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(c.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${Math.round(c.position.width * EMU_PER_POINT)}" cy="${Math.round(c.position.height * EMU_PER_POINT)}"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  // Then the shapes (ids after the charts'): drawn over the charts, as added after them.
  const shapes = shapeAnchors(sheet, sheet.charts.length + 2);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors}${shapes}</xdr:wsDr>`;
}

function rels(items: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    items.map((x) => `<Relationship Id="${x.id}" Type="${x.type}" Target="${x.target}"/>`).join("") +
    `</Relationships>`
  );
}

/**
 * The worksheet part of each sheet, by name, from the workbook part and its relationships (none
 * when a package lacks them: a file being opened is then left to ExcelJS).
 */
export async function sheetParts(zip: Package): Promise<Map<string, string>> {
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const wbRels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbook || !wbRels) return new Map();
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"[^>]*\/>/g))
    targets.set(m[1], m[2]);
  for (const m of wbRels.matchAll(/<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"[^>]*\/>/g))
    targets.set(m[2], m[1]);
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]+)"[^>]*\/>/g)) {
    const name = m[1]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    const target = targets.get(m[2]);
    if (target) out.set(name, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  return out;
}

/** Adds every recorded chart and shape to a package written by ExcelJS. */
export async function addChartParts(zip: Package, model: WorkbookModel): Promise<void> {
  const withCharts = model.sheets.filter((s) => s.charts.length > 0 || s.shapes.length > 0);
  if (!withCharts.length) return;
  const parts = await sheetParts(zip);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  let chartNo = 0;
  let drawingNo = 0;
  const overrides: string[] = [];
  for (const sheet of withCharts) {
    const part = parts.get(sheet.name);
    if (!part) continue;
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const chartRels = sheet.charts.map((c) => {
      chartNo++;
      const path = `xl/charts/chart${chartNo}.xml`;
      zip.file(path, chartXml(c, model));
      overrides.push(`<Override PartName="/${path}" ContentType="${CT_CHART}"/>`);
      return { target: `../charts/chart${chartNo}.xml` };
    });
    zip.file(drawingPath, drawingXml(sheet));
    if (chartRels.length)
      zip.file(
        `xl/drawings/_rels/drawing${drawingNo}.xml.rels`,
        rels(chartRels.map((x, i) => ({ id: `rId${i + 1}`, type: REL_CHART, target: x.target }))),
      );
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`);
    // The sheet's relationship to its drawing, and the <drawing> element in its place.
    const relsPath = part.replace(/^xl\/worksheets\//, "xl/worksheets/_rels/") + ".rels";
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async("string") : null;
    const rid = "rIdSixStepDrawing";
    const relXml = `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/>`;
    zip.file(
      relsPath,
      existing
        ? existing.replace("</Relationships>", `${relXml}</Relationships>`)
        : rels([{ id: rid, type: REL_DRAWING, target: `../drawings/drawing${drawingNo}.xml` }]),
    );
    let xml = await zip.file(part)!.async("string");
    if (!/xmlns:r=/.test(xml.slice(0, 500))) xml = xml.replace("<worksheet ", `<worksheet xmlns:r="${NS_R}" `);
    const element = `<drawing r:id="${rid}"/>`;
    // Schema order: … pageMargins, pageSetup, headerFooter, rowBreaks, colBreaks, … drawing, legacyDrawing, … tableParts, extLst.
    const before = [
      "<legacyDrawing",
      "<legacyDrawingHF",
      "<picture",
      "<oleObjects",
      "<controls",
      "<webPublishItems",
      "<tableParts",
      "<extLst",
      "</worksheet>",
    ];
    const at = before
      .map((t) => xml.indexOf(t))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0];
    xml = xml.slice(0, at) + element + xml.slice(at);
    zip.file(part, xml);
  }
  types = types.replace("</Types>", `${overrides.join("")}</Types>`);
  zip.file("[Content_Types].xml", types);
}
