/**
 * The emulator's recorded charts, drawn simply in SVG: columns and bars (clustered or stacked,
 * including a stacked waterfall's invisible base), pie and doughnut, and scatter / bubble — with
 * what makes them speak as in Excel: the title, the axis titles, the series' data labels in their
 * number format, the points' own labels read from their cells, and a legend without the entries
 * the chart hides.
 */
import type { ChartType } from "../charts";
import type { ChartModel } from "../emulator/model";
import type { DrawnWorkbook } from "./drawn";
import { formatValue } from "../emulator/numfmt";
import type { DataLabelsModel } from "../emulator/types";
import { maxOf, minOf, pushAll } from "../arrays";

const PALETTE = ["#5B9BD5", "#ED7D31", "#A5A5A5", "#FFC000", "#4472C4", "#70AD47", "#264478", "#9E480E", "#636363"];
const TEXT = "#323130";

export interface SeriesData {
  name: string;
  values: number[];
  categories: string[];
  sizes?: number[];
  fill?: string | null;
  /** Drawn as a line without markers (a scatter's quadrant line). */
  line?: boolean;
  /** The series' data labels, when it has them. */
  labels?: DataLabelsModel;
  /** Each point's own label (its cell's text) and where it sits, by point index. */
  pointTexts?: (string | undefined)[];
  pointPositions?: (string | undefined)[];
}

function read(model: DrawnWorkbook, ref: string | undefined): unknown[] {
  if (!ref) return [];
  try {
    const { sheet, rect } = model.resolveAddress(ref);
    return model.values(sheet, rect).flat();
  } catch {
    return [];
  }
}

/** A cell's text as a label shows it: an error or nothing shows as empty. */
function cellText(model: DrawnWorkbook, ref: string): string {
  const v = read(model, ref)[0];
  if (v === null || v === undefined) return "";
  const s = String(v);
  return typeof v === "string" && s.startsWith("#") ? "" : s;
}

export function chartSeries(model: DrawnWorkbook, chart: ChartModel): SeriesData[] {
  return chart.series.map((s) => {
    const raw = read(model, s.values);
    const values = raw.map((v) => (typeof v === "number" ? v : NaN));
    const cats = read(model, s.xValues).map((v) => String(v ?? ""));
    const own = s.pointLabels ?? {};
    return {
      name: s.name,
      values,
      categories: cats.length ? cats : values.map((_, i) => String(i + 1)),
      sizes: s.bubbleSizes ? read(model, s.bubbleSizes).map((v) => (typeof v === "number" ? v : 0)) : undefined,
      fill: s.fill,
      line: (s.chartType ?? chart.type) === "XYScatterLinesNoMarkers",
      labels: s.hasDataLabels ? s.dataLabels : undefined,
      pointTexts: Object.keys(own).length
        ? values.map((_, i) => (own[i]?.cell ? cellText(model, own[i].cell!) : undefined))
        : undefined,
      pointPositions: Object.keys(own).length ? values.map((_, i) => own[i]?.position) : undefined,
    };
  });
}

/**
 * A value as a label shows it in an Excel number format: the section for its sign (positive;
 * negative; zero — an empty section shows nothing), a leading literal sign kept.
 */
export function labelText(v: number, format: string | undefined): string {
  if (!Number.isFinite(v)) return "";
  if (!format) return formatValue(v, "General");
  const sections = format.split(";");
  if (sections.length === 1) return formatValue(v, format);
  const section = v > 0 ? sections[0] : v < 0 ? sections[1] : (sections[2] ?? sections[0]);
  if (!section) return "";
  const m = /^([+-]?)(.*)$/.exec(section)!;
  return `${m[1]}${formatValue(Math.abs(v), m[2])}`;
}

const PIES: ChartType[] = ["Pie", "Doughnut"];

export function ChartView(props: { model: DrawnWorkbook; chart: ChartModel; width: number; height: number }) {
  const { chart, width, height } = props;
  const series = chartSeries(props.model, chart);
  const pie = PIES.includes(chart.type);
  const hidden = new Set(chart.hiddenLegendEntries ?? []);
  // The legend of a chart with axes: its series but those hidden (a pie draws its own, by slice).
  const legend = !pie && chart.legendVisible ? series.map((s, k) => ({ s, k })).filter(({ k }) => !hidden.has(k)) : [];
  const legendW = legend.length ? Math.min(110, width * 0.3) : 0;
  const titleH = chart.title ? 22 : 6;
  const xTitle = chart.axes.category?.titleVisible !== false ? chart.axes.category?.title : undefined;
  const yTitle = chart.axes.value?.titleVisible !== false ? chart.axes.value?.title : undefined;
  const left = 40 + (yTitle ? 16 : 0);
  const bottom = 36 + (xTitle ? 14 : 0);
  const body = { x: left, y: titleH + 8, w: width - left - 16 - legendW, h: height - titleH - 8 - bottom };
  const content = RENDERERS[chart.type](series, body, { chart, hidden });
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={chart.title || chart.name}
      style={{ background: "#fff", border: "1px solid #C8C6C4", borderRadius: 2 }}
    >
      {chart.title && (
        <text x={width / 2} y={16} textAnchor="middle" fontSize={13} fontWeight={600} fill={TEXT}>
          {chart.title}
        </text>
      )}
      {content}
      {xTitle && (
        <text
          data-axis-title="category"
          x={body.x + body.w / 2}
          y={height - 6}
          textAnchor="middle"
          fontSize={10}
          fill={TEXT}
        >
          {xTitle}
        </text>
      )}
      {yTitle && (
        <text
          data-axis-title="value"
          transform={`translate(12,${body.y + body.h / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={10}
          fill={TEXT}
        >
          {yTitle}
        </text>
      )}
      {legend.map(({ s, k }, i) => (
        <g key={`lg${k}`} data-legend-entry={s.name}>
          <rect
            x={width - legendW - 4}
            y={body.y + i * 15}
            width={9}
            height={9}
            fill={s.fill === null ? "none" : (s.fill ?? PALETTE[k % PALETTE.length])}
          />
          <text x={width - legendW + 9} y={body.y + i * 15 + 8} fontSize={10} fill={TEXT}>
            {s.name.length > 14 ? `${s.name.slice(0, 13)}…` : s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}

type Box = { x: number; y: number; w: number; h: number };
type Context = { chart: ChartModel; hidden: Set<number> };
type Renderer = (series: SeriesData[], body: Box, ctx: Context) => JSX.Element[];

/** One renderer per chart type the product writes: a new type without one fails to compile. */
const RENDERERS: Record<ChartType, Renderer> = {
  Pie: (s, b, c) => pie(s[0], b, c),
  Doughnut: (s, b, c) => pie(s[0], b, c),
  ColumnClustered: (s, b) => bars(s, b, false, false),
  ColumnStacked: (s, b) => bars(s, b, false, true),
  BarClustered: (s, b) => bars(s, b, true, false),
  BarStacked: (s, b) => bars(s, b, true, true),
  Line: (s, b) => lines(s, b),
  XYScatter: (s, b, c) => scatter(s, b, false, c),
  XYScatterLinesNoMarkers: (s, b, c) => scatter(s, b, false, c),
  Bubble: (s, b, c) => scatter(s, b, true, c),
};

function label(key: string, x: number, y: number, text: string, anchor: "start" | "middle" | "end" = "middle") {
  return (
    <text key={key} data-label={text} x={x} y={y} fontSize={10} textAnchor={anchor} fill={TEXT}>
      {text}
    </text>
  );
}

function pie(s: SeriesData | undefined, b: Box, { hidden }: Context): JSX.Element[] {
  if (!s) return [];
  const values = s.values.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
  const total = values.reduce((a, v) => a + v, 0) || 1;
  const r = Math.min(b.w * 0.55, b.h) / 2;
  const cx = b.x + r + 4;
  const cy = b.y + b.h / 2 + 10;
  let angle = -Math.PI / 2;
  const out: JSX.Element[] = [];
  const labels: JSX.Element[] = [];
  values.forEach((v, i) => {
    const a = (v / total) * Math.PI * 2;
    const x1 = cx + r * Math.cos(angle);
    const y1 = cy + r * Math.sin(angle);
    const x2 = cx + r * Math.cos(angle + a);
    const y2 = cy + r * Math.sin(angle + a);
    const large = a > Math.PI ? 1 : 0;
    out.push(
      <path
        key={`p${i}`}
        d={`M${cx},${cy} L${x1},${y1} A${r},${r} 0 ${large} 1 ${x2},${y2} Z`}
        fill={PALETTE[i % PALETTE.length]}
        stroke="#fff"
      >
        <title>{`${s.categories[i]}: ${((v / total) * 100).toFixed(1)}%`}</title>
      </path>,
    );
    const d = s.labels;
    if (d && v > 0) {
      const parts = [
        d.showCategoryName ? s.categories[i] : "",
        d.showValue ? labelText(v, d.numberFormat) : "",
        d.showPercentage ? labelText(v / total, d.numberFormat ?? "0%") : "",
      ].filter(Boolean);
      const mid = angle + a / 2;
      // Inside a slice wide enough to hold it, else just outside.
      const k = a > 0.5 ? 0.62 : 1.15;
      if (parts.length)
        labels.push(label(`v${i}`, cx + r * k * Math.cos(mid), cy + r * k * Math.sin(mid) + 3, parts.join(" ")));
    }
    angle += a;
  });
  pushAll(out, labels);
  const lx = cx + r + 12;
  s.categories
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => !hidden.has(i))
    .slice(0, 14)
    .forEach(({ c, i }, row) =>
      out.push(
        <g key={`l${i}`} data-legend-entry={c}>
          <rect x={lx} y={b.y + row * 15} width={9} height={9} fill={PALETTE[i % PALETTE.length]} />
          <text x={lx + 13} y={b.y + row * 15 + 8} fontSize={10} fill={TEXT}>
            {s.labels ? c : `${c} ${((values[i] / total) * 100).toFixed(1)}%`}
          </text>
        </g>,
      ),
    );
  return out;
}

function bars(series: SeriesData[], b: Box, horizontal: boolean, stacked: boolean): JSX.Element[] {
  const cats = series[0]?.categories ?? [];
  const n = cats.length || 1;
  const val = (s: SeriesData, i: number) => (Number.isFinite(s.values[i]) ? s.values[i] : 0);
  const sums = cats.map((_, i) => series.reduce((a, s) => a + Math.max(0, val(s, i)), 0));
  const max = maxOf(stacked ? sums : series.flatMap((s) => s.values.filter(Number.isFinite)), 1e-9);
  const min = minOf(
    series.flatMap((s) => s.values.filter(Number.isFinite)),
    0,
  );
  const span = max - min || 1;
  const band = (horizontal ? b.h : b.w) / n;
  const out: JSX.Element[] = [];
  const labels: JSX.Element[] = [];
  const scale = (v: number) => ((v - min) / span) * (horizontal ? b.w : b.h);
  cats.forEach((c, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const v = val(s, i);
      const w = stacked ? band * 0.6 : (band * 0.8) / series.length;
      const off = stacked ? band * 0.2 : band * 0.1 + k * w;
      const from = stacked ? base : 0;
      const to = from + v;
      const p0 = scale(Math.min(from, to));
      const p1 = scale(Math.max(from, to));
      const fill = s.fill === null ? "none" : (s.fill ?? PALETTE[k % PALETTE.length]);
      out.push(
        horizontal ? (
          <rect key={`${i}.${k}`} x={b.x + p0} y={b.y + i * band + off} width={p1 - p0} height={w} fill={fill}>
            <title>{`${s.name} · ${c}: ${v.toLocaleString()}`}</title>
          </rect>
        ) : (
          <rect key={`${i}.${k}`} x={b.x + i * band + off} y={b.y + b.h - p1} width={w} height={p1 - p0} fill={fill}>
            <title>{`${s.name} · ${c}: ${v.toLocaleString()}`}</title>
          </rect>
        ),
      );
      const text = s.labels?.showValue ? labelText(v, s.labels.numberFormat) : "";
      if (text) {
        // Where along the bar: its middle, just inside its end, at its base, or past its end.
        const along: Record<string, number> = { InsideEnd: p1 - 8, InsideBase: p0 + 8, OutsideEnd: p1 + 8 };
        const at = along[s.labels!.position ?? ""] ?? (p0 + p1) / 2;
        labels.push(
          horizontal
            ? label(`t${i}.${k}`, b.x + at, b.y + i * band + off + w / 2 + 3, text)
            : label(`t${i}.${k}`, b.x + i * band + off + w / 2, b.y + b.h - at + 3, text),
        );
      }
      if (stacked) base = to;
    });
    out.push(
      horizontal ? (
        <text key={`c${i}`} x={b.x - 4} y={b.y + i * band + band / 2 + 4} fontSize={10} textAnchor="end" fill="#605E5C">
          {c.slice(0, 10)}
        </text>
      ) : (
        <text
          key={`c${i}`}
          x={b.x + i * band + band / 2}
          y={b.y + b.h + 14}
          fontSize={10}
          textAnchor="middle"
          fill="#605E5C"
        >
          {c.slice(0, 10)}
        </text>
      ),
    );
  });
  out.push(
    <line key="axis" x1={b.x} y1={b.y + b.h - scale(0)} x2={b.x + b.w} y2={b.y + b.h - scale(0)} stroke="#8A8886" />,
  );
  return [...out, ...labels];
}

function scatter(series: SeriesData[], b: Box, bubble: boolean, { chart }: Context): JSX.Element[] {
  const out: JSX.Element[] = [];
  const labels: JSX.Element[] = [];
  const xs = series.flatMap((s) => s.categories.map(Number).filter(Number.isFinite));
  const ys = series.flatMap((s) => s.values.filter(Number.isFinite));
  const ax = chart.axes.category;
  const ay = chart.axes.value;
  const [x0, x1] = [ax?.minimum ?? minOf(xs, 0), ax?.maximum ?? maxOf(xs, 1)];
  const [y0, y1] = [ay?.minimum ?? minOf(ys, 0), ay?.maximum ?? maxOf(ys, 1)];
  const px = (x: number) => b.x + ((x - x0) / (x1 - x0 || 1)) * b.w;
  const py = (y: number) => b.y + b.h - ((y - y0) / (y1 - y0 || 1)) * b.h;
  const maxSize = maxOf(
    series.flatMap((s) => s.sizes ?? []),
    1,
  );
  series.forEach((s, k) => {
    const color = s.fill ?? PALETTE[k % PALETTE.length];
    const points = s.values
      .map((v, i) => ({ x: Number(s.categories[i]), y: v, i }))
      .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (s.line) {
      out.push(
        <polyline
          key={`s${k}`}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          points={points.map((p) => `${px(p.x)},${py(p.y)}`).join(" ")}
        >
          <title>{s.name}</title>
        </polyline>,
      );
      return;
    }
    points.forEach(({ x, y, i }) => {
      const r = bubble && s.sizes ? 4 + 16 * Math.sqrt(Math.max(0, s.sizes[i] ?? 0) / maxSize) : 4;
      out.push(
        <circle key={`${k}.${i}`} cx={px(x)} cy={py(y)} r={r} fill={color} fillOpacity={0.7}>
          <title>{`${s.name}: (${x}, ${y})`}</title>
        </circle>,
      );
      const text = s.pointTexts?.[i] ?? (s.labels?.showValue ? labelText(y, s.labels.numberFormat) : "");
      if (!text) return;
      const pos = s.pointPositions?.[i] ?? s.labels?.position ?? "Right";
      const [dx, dy, anchor] = (
        {
          Left: [-r - 3, 3, "end"],
          Top: [0, -r - 3, "middle"],
          Bottom: [0, r + 11, "middle"],
          Center: [0, 3, "middle"],
        } as Record<string, [number, number, "start" | "middle" | "end"]>
      )[pos] ?? [r + 3, 3, "start"];
      labels.push(label(`t${k}.${i}`, px(x) + dx, py(y) + dy, text, anchor));
    });
  });
  out.push(<rect key="frame" x={b.x} y={b.y} width={b.w} height={b.h} fill="none" stroke="#C8C6C4" />);
  return [...out, ...labels];
}

function lines(series: SeriesData[], b: Box): JSX.Element[] {
  const cats = series[0]?.categories ?? [];
  const n = Math.max(1, cats.length - 1);
  const all = series.flatMap((s) => s.values.filter(Number.isFinite));
  const [y0, y1] = [minOf(all, 0), maxOf(all, 1e-9)];
  const out: JSX.Element[] = series.map((s, k) => (
    <polyline
      key={`s${k}`}
      fill="none"
      stroke={s.fill ?? PALETTE[k % PALETTE.length]}
      strokeWidth={2}
      points={s.values
        .map((v, i) => `${b.x + (i / n) * b.w},${b.y + b.h - (((Number.isFinite(v) ? v : 0) - y0) / (y1 - y0)) * b.h}`)
        .join(" ")}
    >
      <title>{s.name}</title>
    </polyline>
  ));
  out.push(<line key="axis" x1={b.x} y1={b.y + b.h} x2={b.x + b.w} y2={b.y + b.h} stroke="#8A8886" />);
  return out;
}
