/**
 * The emulator's recorded charts, drawn simply in SVG: columns and bars (clustered or stacked,
 * including a stacked waterfall's invisible base), pie and doughnut, and scatter / bubble.
 */
import type { ChartType } from "../charts";
import type { ChartModel, WorkbookModel } from "../emulator/model";
import { maxOf, minOf } from "../arrays";

const PALETTE = ["#5B9BD5", "#ED7D31", "#A5A5A5", "#FFC000", "#4472C4", "#70AD47", "#264478", "#9E480E", "#636363"];

export interface SeriesData {
  name: string;
  values: number[];
  categories: string[];
  sizes?: number[];
  fill?: string | null;
}

function read(model: WorkbookModel, ref: string | undefined): unknown[] {
  if (!ref) return [];
  try {
    const { sheet, rect } = model.resolveAddress(ref);
    return model.values(sheet, rect).flat();
  } catch {
    return [];
  }
}

export function chartSeries(model: WorkbookModel, chart: ChartModel): SeriesData[] {
  return chart.series.map((s) => {
    const values = read(model, s.values).map((v) => (typeof v === "number" ? v : 0));
    const cats = read(model, s.xValues).map((v) => String(v ?? ""));
    return {
      name: s.name,
      values,
      categories: cats.length ? cats : values.map((_, i) => String(i + 1)),
      sizes: s.bubbleSizes ? read(model, s.bubbleSizes).map((v) => (typeof v === "number" ? v : 0)) : undefined,
      fill: s.fill,
    };
  });
}

export function ChartView(props: { model: WorkbookModel; chart: ChartModel; width: number; height: number }) {
  const { chart, width, height } = props;
  const series = chartSeries(props.model, chart);
  const titleH = chart.title ? 22 : 6;
  const body = { x: 40, y: titleH + 4, w: width - 56, h: height - titleH - 36 };
  const content = RENDERERS[chart.type](series, body);
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={chart.title || chart.name}
      style={{ background: "#fff", border: "1px solid #C8C6C4", borderRadius: 2 }}
    >
      {chart.title && (
        <text x={width / 2} y={16} textAnchor="middle" fontSize={13} fontWeight={600} fill="#323130">
          {chart.title}
        </text>
      )}
      {content}
    </svg>
  );
}

type Box = { x: number; y: number; w: number; h: number };
type Renderer = (series: SeriesData[], body: Box) => JSX.Element[];

/** One renderer per chart type the product writes: a new type without one fails to compile. */
const RENDERERS: Record<ChartType, Renderer> = {
  Pie: (s, b) => pie(s[0], b),
  Doughnut: (s, b) => pie(s[0], b),
  ColumnClustered: (s, b) => bars(s, b, false, false),
  ColumnStacked: (s, b) => bars(s, b, false, true),
  BarClustered: (s, b) => bars(s, b, true, false),
  BarStacked: (s, b) => bars(s, b, true, true),
  Line: (s, b) => lines(s, b),
  XYScatter: (s, b) => scatter(s, b, false),
  XYScatterLinesNoMarkers: (s, b) => scatter(s, b, false),
  Bubble: (s, b) => scatter(s, b, true),
};

function pie(s: SeriesData | undefined, b: Box): JSX.Element[] {
  if (!s) return [];
  const total = s.values.reduce((a, v) => a + Math.max(0, v), 0) || 1;
  const r = Math.min(b.w * 0.55, b.h) / 2;
  const cx = b.x + r + 4;
  const cy = b.y + b.h / 2 + 10;
  let angle = -Math.PI / 2;
  const out: JSX.Element[] = [];
  s.values.forEach((v, i) => {
    const a = (Math.max(0, v) / total) * Math.PI * 2;
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
    angle += a;
  });
  const lx = cx + r + 12;
  s.categories.slice(0, 14).forEach((c, i) =>
    out.push(
      <g key={`l${i}`}>
        <rect x={lx} y={b.y + i * 15} width={9} height={9} fill={PALETTE[i % PALETTE.length]} />
        <text x={lx + 13} y={b.y + i * 15 + 8} fontSize={10} fill="#323130">
          {`${c} ${((Math.max(0, s.values[i]) / total) * 100).toFixed(1)}%`}
        </text>
      </g>,
    ),
  );
  return out;
}

function bars(series: SeriesData[], b: Box, horizontal: boolean, stacked: boolean): JSX.Element[] {
  const cats = series[0]?.categories ?? [];
  const n = cats.length || 1;
  const sums = cats.map((_, i) => series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const max = maxOf(stacked ? sums : series.flatMap((s) => s.values), 1e-9);
  const min = minOf(
    series.flatMap((s) => s.values),
    0,
  );
  const span = max - min || 1;
  const band = (horizontal ? b.h : b.w) / n;
  const out: JSX.Element[] = [];
  const scale = (v: number) => ((v - min) / span) * (horizontal ? b.w : b.h);
  cats.forEach((c, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
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
  return out;
}

function scatter(series: SeriesData[], b: Box, bubble: boolean): JSX.Element[] {
  const out: JSX.Element[] = [];
  const xs = series.flatMap((s) => s.categories.map(Number).filter(Number.isFinite));
  const ys = series.flatMap((s) => s.values);
  const [x0, x1] = [minOf(xs, 0), maxOf(xs, 1)];
  const [y0, y1] = [minOf(ys, 0), maxOf(ys, 1)];
  const maxSize = maxOf(
    series.flatMap((s) => s.sizes ?? []),
    1,
  );
  series.forEach((s, k) =>
    s.values.forEach((v, i) => {
      const x = Number(s.categories[i]);
      if (!Number.isFinite(x)) return;
      const r = bubble && s.sizes ? 4 + 16 * Math.sqrt(Math.max(0, s.sizes[i] ?? 0) / maxSize) : 4;
      out.push(
        <circle
          key={`${k}.${i}`}
          cx={b.x + ((x - x0) / (x1 - x0)) * b.w}
          cy={b.y + b.h - ((v - y0) / (y1 - y0)) * b.h}
          r={r}
          fill={PALETTE[k % PALETTE.length]}
          fillOpacity={0.7}
        >
          <title>{`${s.name}: (${x}, ${v})`}</title>
        </circle>,
      );
    }),
  );
  out.push(<rect key="frame" x={b.x} y={b.y} width={b.w} height={b.h} fill="none" stroke="#C8C6C4" />);
  return out;
}

function lines(series: SeriesData[], b: Box): JSX.Element[] {
  const cats = series[0]?.categories ?? [];
  const n = Math.max(1, cats.length - 1);
  const all = series.flatMap((s) => s.values);
  const [y0, y1] = [minOf(all, 0), maxOf(all, 1e-9)];
  const out: JSX.Element[] = series.map((s, k) => (
    <polyline
      key={`s${k}`}
      fill="none"
      stroke={s.fill ?? PALETTE[k % PALETTE.length]}
      strokeWidth={2}
      points={s.values.map((v, i) => `${b.x + (i / n) * b.w},${b.y + b.h - ((v - y0) / (y1 - y0)) * b.h}`).join(" ")}
    >
      <title>{s.name}</title>
    </polyline>
  ));
  out.push(<line key="axis" x1={b.x} y1={b.y + b.h} x2={b.x + b.w} y2={b.y + b.h} stroke="#8A8886" />);
  return out;
}
