/**
 * The portfolio's 2×2 (when the workbook has a "7 客户组合 / 7 Portfolio" sheet): the sheet's own
 * chart points — relationship across (1–5), attractiveness up (0–5), #N/A for an account the
 * sheet leaves off (not rated yet, or not a customer) — as a native scatter, the quadrant lines at
 * the sheet's thresholds (E4 attractive from, E5 strong from), the top accounts named beside their
 * points, and the ten most attractive accounts as the sheet ranks them. Every figure is a cell of
 * the sheet (`SixStep_PortfolioAccounts`, `…Points`, `…Thresholds`); nothing is scored again.
 *
 * The names are text boxes over the chart's fixed plot area (as the quadrant lines are), not data
 * labels: an account's name runs to 19 characters, and a data label neither wraps alike in
 * PowerPoint, WPS and LibreOffice nor moves off its neighbour — here each name is wrapped to two
 * lines at most and placed where it overlaps no other name, point or quadrant label.
 */
import type PptxGenJS from "pptxgenjs";
import type { MessageKey } from "../i18n";
import { emWidth, LINE, PT } from "./fit";
import { BODY_BOTTOM, BODY_Y, bodyRows, Builder, COLOURS, LEFT_W, MX, num, PLOT, stepSlide, widths } from "./kit";
import type { DeckCell, NamedRange } from "./read";
import { maxOf } from "../arrays";

/** Columns of `SixStep_PortfolioAccounts` (A:V of the sheet), 0-based. */
const COL = { key: 0, relationship: 1, customer: 5, attractiveness: 19, quadrant: 20, rank: 21 } as const;
/** The sheet chart's scales (src/layout/portfolio.ts): relationship 1–5, attractiveness 0–5. */
const X_MIN = 1;
const X_MAX = 5;
const Y_MIN = 0;
const Y_MAX = 5;
/** How many plotted accounts are named on the chart (the focus account besides), and listed beside it. */
export const LABELLED = 8;
export const LISTED = 10;
const LABEL_PT = 9;
/** A name wraps at this width (inches) on two lines at most, else at the narrow one on three. */
const LABEL_MAX_W = 1.8;
const LABEL_NARROW_W = 1.15;
/** A marker's half-size in inches (10 pt markers). */
const MARK = 0.1;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Boxes closer than this (inches) count as touching: a name must not read as its neighbour's. */
const PAD = 0.04;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w + PAD && b.x < a.x + a.w + PAD && a.y < b.y + b.h + PAD && b.y < a.y + a.h + PAD;
const area = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/**
 * A name as lines no wider than `maxEm` ems: Latin text breaks between words, CJK anywhere; past
 * `maxLines` the last line ends in "…".
 */
export function wrapLabel(text: string, maxEm: number, maxLines = 2): string[] {
  const tokens =
    text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line) line += " ";
      continue;
    }
    if (line && emWidth(line + tok) * 1.02 > maxEm) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += tok;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && emWidth(`${last}…`) * 1.02 > maxEm) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** The spots beside a point for a label of size w × h, in order of preference. */
function spotsFor(p: { x: number; y: number }, w: number, h: number): Rect[] {
  const gap = MARK + 0.04;
  const right = p.x + gap;
  const left = p.x - gap - w;
  const centreX = p.x - w / 2;
  const midY = p.y - h / 2;
  const above = p.y - gap - h;
  const below = p.y + gap;
  const spots: Rect[] = [
    { x: right, y: midY, w, h },
    { x: left, y: midY, w, h },
    { x: centreX, y: above, w, h },
    { x: centreX, y: below, w, h },
    { x: right, y: above, w, h },
    { x: right, y: below, w, h },
    { x: left, y: above, w, h },
    { x: left, y: below, w, h },
  ];
  for (const k of [1, 2])
    for (const dy of [-k * h, k * h]) spots.push({ x: right, y: midY + dy, w, h }, { x: left, y: midY + dy, w, h });
  return spots;
}

/**
 * Where each label goes: for each point in turn, its label's sizes tried in order (a name wrapped
 * wide, then narrow), each at the first spot beside the point (right, left, above, below, the
 * diagonals, then right or left a line or two higher or lower) that stays in `bounds` and touches
 * no label placed before, no point and no obstacle; where none is free, the spot with the least
 * overlap. Returns each label's box and which of its sizes it took.
 */
export function placeLabels(
  points: { x: number; y: number; sizes: { w: number; h: number }[] }[],
  bounds: Rect,
  obstacles: Rect[],
): { rect: Rect; size: number }[] {
  const marks = points.map((p) => ({ x: p.x - MARK, y: p.y - MARK, w: 2 * MARK, h: 2 * MARK }));
  const placed: { rect: Rect; size: number }[] = [];
  points.forEach((p, i) => {
    const others = [...placed.map((x) => x.rect), ...marks.filter((_, j) => j !== i), ...obstacles];
    const options = p.sizes.flatMap((z, size) => spotsFor(p, z.w, z.h).map((rect) => ({ rect, size })));
    const fits = options.filter((o) => inside(o.rect, bounds));
    const free = fits.find((o) => !others.some((x) => overlaps(o.rect, x)));
    const clash = (r: Rect) => others.reduce((sum, x) => sum + area(r, x), 0);
    const pool = fits.length ? fits : options;
    placed.push(free ?? pool.reduce((a, z) => (clash(z.rect) < clash(a.rect) ? z : a), pool[0]));
  });
  return placed;
}

interface Account {
  key: string;
  name: string;
  rank: number | null;
  x: DeckCell;
  y: DeckCell;
}

/** The sheet's account rows (below the header) with each one's chart point, row for row. */
function accountsOf(acc: NamedRange, pts: NamedRange): Account[] {
  const out: Account[] = [];
  for (let i = 1; i < acc.values.length; i++) {
    const text = acc.text[i];
    if (!text || text[COL.key].trim() === "") continue;
    const rank = acc.values[i][COL.rank];
    const p = pts.values[i] ?? [];
    out.push({
      key: text[COL.key],
      name: text[COL.customer],
      rank: typeof rank === "number" ? rank : null,
      x: p[0],
      y: p[1],
    });
  }
  return out;
}

/** The portfolio's slide, when the workbook has the Portfolio sheet (its names); else nothing. */
export function portfolioSlide(b: Builder): void {
  const acc = b.get("SixStep_PortfolioAccounts");
  if (!acc && !b.get("SixStep_SoWhat_portfolio")) return;
  const s = stepSlide(b, "portfolio", b.sheetOf("SixStep_PortfolioAccounts", "SixStep_SoWhat_portfolio"));
  const pts = b.get("SixStep_PortfolioPoints");
  const th = b.get("SixStep_PortfolioThresholds");
  if (!acc || !pts || !th) {
    const absent = ["SixStep_PortfolioAccounts", "SixStep_PortfolioPoints", "SixStep_PortfolioThresholds"];
    b.box(s, b.missing(absent.filter((n) => !b.get(n)).join(", ")), MX, BODY_Y, LEFT_W, 1, 12, {
      color: COLOURS.decrease,
    });
    return;
  }
  const accounts = accountsOf(acc, pts);
  const plotted = accounts.filter((a) => typeof a.x === "number" && typeof a.y === "number");
  const cw = LEFT_W * 0.55;
  const ch = BODY_BOTTOM - BODY_Y - 0.4;
  scatter(b, s, plotted, pts, th, cw, ch);
  const unrated = accounts.filter((a) => a.rank !== null && !plotted.includes(a)).length;
  if (unrated)
    b.box(
      s,
      b.t("deck.portfolio.unrated", { count: unrated, sheet: acc.sheet }),
      MX,
      BODY_Y + ch + 0.05,
      cw,
      0.33,
      10,
      { color: COLOURS.muted },
      7,
    );
  topTable(b, s, acc, MX + cw + 0.2, LEFT_W - cw - 0.2);
}

function scatter(
  b: Builder,
  s: PptxGenJS.Slide,
  plotted: Account[],
  pts: NamedRange,
  th: NamedRange,
  cw: number,
  ch: number,
): void {
  const strong = num(th.values[1]?.[0]);
  const attractive = num(th.values[0]?.[0]);
  const xName = pts.text[0]?.[0] || b.t("chart.axis.relationship");
  const yName = pts.text[0]?.[1] || b.t("chart.axis.attractiveness");
  s.addChart(
    b.pptx.ChartType.scatter,
    [
      { name: xName, values: plotted.map((a) => num(a.x)) },
      { name: yName, values: plotted.map((a) => num(a.y)) },
    ],
    {
      x: MX,
      y: BODY_Y,
      w: cw,
      h: ch,
      showTitle: true,
      title: b.t("sheet.pf.chart"),
      titleFontSize: 12,
      titleFontFace: b.font,
      lineSize: 0,
      lineDataSymbol: "circle",
      lineDataSymbolSize: 10,
      chartColors: [COLOURS.total],
      catAxisMinVal: X_MIN,
      catAxisMaxVal: X_MAX,
      catAxisMajorUnit: 1,
      valAxisMinVal: Y_MIN,
      valAxisMaxVal: Y_MAX,
      valAxisMajorUnit: 1,
      catAxisLabelFontSize: 9,
      valAxisLabelFontSize: 9,
      layout: PLOT,
      showValAxisTitle: true,
      valAxisTitle: b.t("chart.axis.attractiveness"),
      valAxisTitleFontSize: 10,
      valAxisTitleFontFace: b.font,
      showCatAxisTitle: true,
      catAxisTitle: b.t("chart.axis.relationship"),
      catAxisTitleFontSize: 10,
      catAxisTitleFontFace: b.font,
      valGridLine: { style: "none" },
      catGridLine: { style: "none" },
      showLegend: false,
    } as PptxGenJS.IChartOpts,
  );
  const px = (v: number) => MX + cw * (PLOT.x + (PLOT.w * (v - X_MIN)) / (X_MAX - X_MIN));
  const py = (v: number) => BODY_Y + ch * (PLOT.y + PLOT.h * (1 - (v - Y_MIN) / (Y_MAX - Y_MIN)));
  const dash = { color: "7F7F7F", width: 1, dashType: "dash" as const };
  if (strong > X_MIN && strong < X_MAX)
    s.addShape(b.pptx.ShapeType.line, { x: px(strong), y: py(Y_MAX), w: 0, h: py(Y_MIN) - py(Y_MAX), line: dash });
  if (attractive > Y_MIN && attractive < Y_MAX)
    s.addShape(b.pptx.ShapeType.line, { x: px(X_MIN), y: py(attractive), w: px(X_MAX) - px(X_MIN), h: 0, line: dash });
  // The quadrants as the sheet names them: attractive and strong → invest, attractive only → build.
  const corners: Rect[] = [];
  const corner = (key: MessageKey, x: number, y: number, align: "left" | "right") => {
    b.box(s, b.t(key), x, y, 1.4, 0.25, 10, { color: COLOURS.muted, italic: true, align }, 8);
    corners.push({ x, y, w: 1.4, h: 0.25 });
  };
  corner("sheet.pf.q.build", px(X_MIN) + 0.05, py(Y_MAX) + 0.03, "left");
  corner("sheet.pf.q.invest", px(X_MAX) - 1.45, py(Y_MAX) + 0.03, "right");
  corner("sheet.pf.q.monitor", px(X_MIN) + 0.05, py(Y_MIN) - 0.28, "left");
  corner("sheet.pf.q.maintain", px(X_MAX) - 1.45, py(Y_MIN) - 0.28, "right");
  nameTopAccounts(b, s, plotted, px, py, corners);
}

/** The top plotted accounts by the sheet's rank (and the focus account) named beside their points. */
function nameTopAccounts(
  b: Builder,
  s: PptxGenJS.Slide,
  plotted: Account[],
  px: (v: number) => number,
  py: (v: number) => number,
  obstacles: Rect[],
): void {
  const focus = b.text("SixStep_FocusId") ?? "";
  const byRank = plotted.slice().sort((a, z) => (a.rank ?? Infinity) - (z.rank ?? Infinity));
  const named = byRank.filter((a, i) => i < LABELLED || (focus !== "" && a.key === focus));
  // Each name wrapped wide (two lines at most), else narrow (three), whichever finds a free spot.
  const wraps = (a: Account) =>
    [
      [LABEL_MAX_W, 2],
      [LABEL_NARROW_W, 3],
    ].map(([width, maxLines]) => {
      const lines = wrapLabel(a.name, (width * PT) / LABEL_PT, maxLines);
      const w = (maxOf(lines.map((l) => emWidth(l))) * 1.02 * LABEL_PT) / PT + 0.04;
      return { lines, w, h: (lines.length * LABEL_PT * LINE) / PT };
    });
  const labels = named.map((a) => ({ a, sizes: wraps(a) }));
  // Every point is an obstacle; only the named ones get a box.
  const unnamed = plotted
    .filter((a) => !named.includes(a))
    .map((a) => ({ x: px(num(a.x)) - MARK, y: py(num(a.y)) - MARK, w: 2 * MARK, h: 2 * MARK }));
  const bounds = { x: px(X_MIN), y: py(Y_MAX), w: px(X_MAX) - px(X_MIN), h: py(Y_MIN) - py(Y_MAX) };
  const boxes = placeLabels(
    labels.map((l) => ({ x: px(num(l.a.x)), y: py(num(l.a.y)), sizes: l.sizes })),
    bounds,
    [...obstacles, ...unnamed],
  );
  labels.forEach((l, i) => {
    const r = boxes[i].rect;
    const x = px(num(l.a.x));
    const align = r.x >= x ? "left" : r.x + r.w <= x ? "right" : "center";
    s.addText(l.sizes[boxes[i].size].lines.join("\n"), {
      ...r,
      fontSize: LABEL_PT,
      fontFace: b.font,
      lang: b.o.locale,
      color: COLOURS.text,
      bold: focus !== "" && l.a.key === focus,
      margin: 0,
      valign: "middle",
      align,
    });
  });
}

/**
 * The ten most attractive accounts as the sheet ranks them: rank, customer, attractiveness,
 * quadrant — at the largest font from 9 pt down at which all ten fit; the heading counts the rows shown.
 */
function topTable(b: Builder, s: PptxGenJS.Slide, acc: NamedRange, x: number, w: number): void {
  const head = acc.text[0];
  const ranked = bodyRows(acc)
    .filter((r) => typeof r.values[COL.rank] === "number")
    .sort((a, z) => num(a.values[COL.rank]) - num(z.values[COL.rank]))
    .slice(0, LISTED);
  const cols = [COL.rank, COL.customer, COL.attractiveness, COL.quadrant];
  const header = cols.map((j) => head[j]);
  const rows = ranked.map((r) => cols.map((j) => r.text[j]));
  // The attractiveness column as wide as its English header ("Attractiveness" unbroken at 9 pt).
  const colW = widths([0.45, 1.3, 1.1, 0.8], w);
  const top = BODY_Y + 0.4;
  const fits = (pt: number) =>
    b.rowHeights([header, ...rows], colW, pt).reduce((a, h) => a + h, 0) <= BODY_BOTTOM - top;
  const pt = [9, 8.5, 8].find(fits) ?? 8;
  const rest = b.table(s, header, rows, x, top, colW, BODY_BOTTOM, pt);
  b.heading(s, b.t("deck.portfolio.top", { count: rows.length - rest.length }), x, BODY_Y, w);
}
