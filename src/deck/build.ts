/**
 * The account plan as slides (PptxGenJS): a title slide, the plan on one slide (action title,
 * headline figures, the revenue bridge as a native waterfall, the top three moves, the asks), one
 * slide per step titled with its conclusion (native charts or tables, its implications as
 * bullets), the pipeline, and an appendix of the detailed tables split so none overflows.
 *
 * Pure over `DeckData` (what `readDeckData` read from the workbook's `SixStep_…` names): every
 * figure on a slide is a cell of the workbook, shown as Excel displays it; a name the workbook
 * lacks is named on the slide (and in `warnings`), never made up.
 */
import PptxGenJS from "pptxgenjs";
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import { clip, fitFont, heightNeeded, LINE, PT } from "./fit";
import type { DeckCell, DeckData, NamedRange } from "./read";
import { maxOf } from "../arrays";

export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
const MX = 0.5;
const BODY_Y = 1.45;
const BODY_BOTTOM = 6.85;
const FOOT_Y = 7.0;
const TITLE = { x: MX, y: 0.3, w: SLIDE_W - 2 * MX, h: 0.95 };
/** Table cell margins in inches: top, right, bottom, left. */
const CELL_M: [number, number, number, number] = [0.03, 0.06, 0.03, 0.06];

/** The add-in's colours: Excel's green (the pane's brand), the sheets' header blue and chart colours. */
export const COLOURS = {
  brand: "107C41",
  text: "1F1F1F",
  muted: "595959",
  head: "DDEBF7",
  implications: "FFF9E5",
  series: ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"],
  increase: "70AD47",
  decrease: "C00000",
  total: "4472C4",
  now: "C6EFCE",
  works: "FFEB9C",
  no: "FFC7CE",
  unknown: "D9D9D9",
};

/**
 * Chinese text in Microsoft YaHei (微软雅黑), which Windows has had since Vista and WPS ships;
 * PowerPoint for Mac and LibreOffice substitute a CJK sans-serif (PingFang, Noto Sans CJK) where
 * it is missing. English in Calibri, Office's default.
 */
export function fontFor(locale: Locale): string {
  return locale === "zh-CN" ? "Microsoft YaHei" : "Calibri";
}

export class DeckError extends Error {
  constructor(
    message: string,
    readonly missing: string[],
  ) {
    super(message);
  }
}

export interface DeckOptions {
  locale: Locale;
  /** The workbook's file name, for the source line. */
  fileName: string;
}

export interface DeckResult {
  pptx: PptxGenJS;
  slides: number;
  /** The names the workbook lacks, in the deck's language (also said on the slides concerned). */
  warnings: string[];
}

/** The names without which there is no plan to show: the add-in has not run on this workbook. */
export const REQUIRED_NAMES = ["SixStep_Total", "SixStep_FocusAverage", "SixStep_PeriodStart", "SixStep_PeriodEnd"];

type StepId = "industry" | "competition" | "needs" | "solutions" | "support" | "planning";

const num = (v: DeckCell | undefined): number => (typeof v === "number" ? v : Number(v) || 0);

/** An Excel date serial as yyyy-mm-dd (1900 date system). */
export function serialDate(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000);
  return d.toISOString().slice(0, 10);
}

/** The period as "2002-Q4" when it is one calendar quarter, else "2002-10 – 2002-12". */
export function periodLabel(start: number, end: number): string {
  const a = serialDate(start);
  const b = serialDate(end);
  const [ya, ma] = [Number(a.slice(0, 4)), Number(a.slice(5, 7))];
  const [yb, mb] = [Number(b.slice(0, 4)), Number(b.slice(5, 7))];
  if (ya === yb && ma % 3 === 1 && mb === ma + 2) return `${ya}-Q${(ma + 2) / 3}`;
  if (ya === yb && ma === 1 && mb === 12) return String(ya);
  return `${a.slice(0, 7)} – ${b.slice(0, 7)}`;
}

class Builder {
  readonly pptx = new PptxGenJS();
  readonly t: Translate;
  readonly font: string;
  readonly warnings: string[] = [];
  private count = 0;
  readonly asOf: string;

  constructor(
    readonly data: DeckData,
    readonly o: DeckOptions,
  ) {
    this.t = translator(o.locale);
    this.font = fontFor(o.locale);
    const asOf = this.get("SixStep_AsOf");
    this.asOf = asOf && typeof asOf.values[0][0] === "number" ? serialDate(asOf.values[0][0]) : "";
    this.pptx.layout = "LAYOUT_WIDE";
    this.pptx.theme = { headFontFace: this.font, bodyFontFace: this.font };
    this.pptx.title = this.t("deck.title");
    this.pptx.defineSlideMaster({
      title: "SIXSTEP",
      background: { color: "FFFFFF" },
      objects: [
        { rect: { x: 0, y: 0, w: SLIDE_W, h: 0.12, fill: { color: COLOURS.brand } } },
        { line: { x: MX, y: 1.3, w: SLIDE_W - 2 * MX, h: 0, line: { color: COLOURS.brand, width: 1 } } },
        {
          placeholder: {
            options: {
              name: "title",
              type: "title",
              ...TITLE,
              // No font size here: a placeholder's options override the slide's, and each title is sized to fit.
              fontFace: this.font,
              lang: this.o.locale,
              bold: true,
              color: COLOURS.text,
              valign: "middle",
              align: "left",
              margin: 0,
            },
            text: "",
          },
        },
      ],
      slideNumber: {
        x: SLIDE_W - MX - 0.6,
        y: FOOT_Y,
        w: 0.6,
        h: 0.3,
        fontFace: this.font,
        lang: this.o.locale,
        fontSize: 9,
        color: COLOURS.muted,
        align: "right",
      },
    });
  }

  get(name: string): NamedRange | undefined {
    return this.data.names.get(name.toLowerCase());
  }

  /** A missing name: said once in the warnings, and returned as the sentence for the slide. */
  missing(...names: string[]): string {
    const text = this.t("deck.missing", { names: names.join(", ") });
    if (!this.warnings.includes(text)) this.warnings.push(text);
    return text;
  }

  /** One cell's displayed text, or undefined when the name is absent. */
  text(name: string): string | undefined {
    return this.get(name)?.text[0]?.[0];
  }

  sheetOf(...names: string[]): string {
    for (const n of names) {
      const r = this.get(n);
      if (r) return r.sheet;
    }
    return "";
  }

  /** A slide on the master, nothing on it yet. */
  bare(): PptxGenJS.Slide {
    this.count++;
    return this.pptx.addSlide({ masterName: "SIXSTEP" });
  }

  slide(title: string, sheet: string): PptxGenJS.Slide {
    const s = this.bare();
    const inner = TITLE.w;
    const size = fitFont(title, inner, TITLE.h, 22, 14);
    s.addText(clip(title, inner, TITLE.h, size), { placeholder: "title", fontSize: size, fontFace: this.font });
    const asOf = this.asOf ? this.t("deck.sourceAsOf", { date: this.asOf }) : "";
    const source = this.t("deck.source", { file: this.o.fileName, sheet: sheet || "—", asOf });
    const w = SLIDE_W - 2 * MX - 0.8;
    s.addText(clip(source, w, 0.3, 9), {
      x: MX,
      y: FOOT_Y,
      w,
      h: 0.3,
      fontSize: 9,
      fontFace: this.font,
      lang: this.o.locale,
      color: COLOURS.muted,
      margin: 0,
      valign: "middle",
    });
    return s;
  }

  /** A text box whose font shrinks to fit, from `maxPt` to `minPt`, and is cut beyond that. */
  box(
    s: PptxGenJS.Slide,
    text: string,
    x: number,
    y: number,
    w: number,
    h: number,
    maxPt: number,
    opts: PptxGenJS.TextPropsOptions = {},
    minPt = 9,
  ): void {
    const size = fitFont(text, w, h, maxPt, minPt);
    s.addText(clip(text, w, h, size), {
      x,
      y,
      w,
      h,
      fontSize: size,
      fontFace: this.font,
      lang: this.o.locale,
      color: COLOURS.text,
      margin: 0,
      valign: "top",
      ...opts,
    });
  }

  /** Bullets (one paragraph each) in a box, sized to fit. */
  bullets(s: PptxGenJS.Slide, lines: string[], x: number, y: number, w: number, h: number, maxPt = 14): void {
    const items = lines.filter((l) => l.trim() !== "");
    if (!items.length) return;
    // Each bullet is indented ~0.25 in: the text's own width is the box's less that.
    const inner = w - 0.3;
    const joined = items.join("\n");
    const size = fitFont(joined, inner, h - 0.1 * items.length, maxPt, 9);
    const per = (h - 0.1 * items.length) / items.length;
    const runs = items.map((l) => ({
      text: heightNeeded(joined, inner, size) <= h - 0.1 * items.length ? l : clip(l, inner, per, size),
      options: { bullet: { indent: 15 }, breakLine: true, paraSpaceAfter: 6 },
    }));
    s.addText(runs, { x, y, w, h, fontSize: size, fontFace: this.font, color: COLOURS.text, margin: 0, valign: "top" });
  }

  heading(s: PptxGenJS.Slide, text: string, x: number, y: number, w: number): void {
    this.box(s, text, x, y, w, 0.32, 13, { bold: true, color: COLOURS.brand }, 10);
  }

  /** The step's implications (the sentences by formula and the analyst's own rows) as bullets. */
  implications(s: PptxGenJS.Slide, step: StepId, x: number, y: number, w: number, h: number): void {
    const r = this.get(`SixStep_Implications_${step}`);
    this.heading(s, this.t("deck.implications"), x, y, w);
    if (!r) {
      this.box(s, this.missing(`SixStep_Implications_${step}`), x, y + 0.4, w, h - 0.4, 12, {
        color: COLOURS.decrease,
      });
      return;
    }
    const lines = r.text.map((row) => row[0] ?? "").filter((l) => l.trim() !== "");
    this.bullets(s, lines, x, y + 0.4, w, h - 0.4);
  }

  /** Row heights (inches) of a table's rows at a font size, from each cell's text and column width. */
  rowHeights(rows: string[][], colW: number[], fontPt: number): number[] {
    return rows.map((row) =>
      maxOf(
        row.map((c, j) => heightNeeded(c, colW[j] - CELL_M[1] - CELL_M[3], fontPt) + CELL_M[0] + CELL_M[2] + 0.02),
        (fontPt * LINE) / PT + CELL_M[0] + CELL_M[2] + 0.02,
      ),
    );
  }

  /**
   * A table at (x, y), as many rows as fit down to `bottom`; returns the rows it did not place.
   * `fills` colours cells by their text (the capability matrix's statuses).
   */
  table(
    s: PptxGenJS.Slide,
    header: string[],
    rows: string[][],
    x: number,
    y: number,
    colW: number[],
    bottom: number,
    fontPt = 10,
    fills?: (text: string, row: number, col: number) => string | undefined,
  ): string[][] {
    const headH = this.rowHeights([header], colW, fontPt)[0];
    const heights = this.rowHeights(rows, colW, fontPt);
    let used = y + headH;
    let n = 0;
    while (n < rows.length && used + heights[n] <= bottom) used += heights[n++];
    // A row too tall for any slide alone is cut to fit, so the table always advances.
    const cut = n === 0 && rows.length > 0;
    const placed = cut
      ? [rows[0].map((c, j) => clip(c, colW[j] - 0.12, bottom - y - headH - 0.08, fontPt))]
      : rows.slice(0, n);
    const placedH = cut ? [bottom - y - headH] : heights.slice(0, n);
    const cell = (text: string, i: number, j: number, head: boolean): PptxGenJS.TableCell => ({
      text,
      options: {
        bold: head,
        fill: { color: head ? COLOURS.head : (fills?.(text, i, j) ?? "FFFFFF") },
        fontSize: fontPt,
        fontFace: this.font,
        lang: this.o.locale,
        color: COLOURS.text,
        margin: CELL_M,
        valign: "top",
        border: { type: "solid", pt: 0.5, color: "BFBFBF" },
      },
    });
    s.addTable(
      [header.map((h, j) => cell(h, -1, j, true)), ...placed.map((r, i) => r.map((c, j) => cell(c, i, j, false)))],
      { x, y, w: colW.reduce((a, b) => a + b, 0), colW, rowH: [headH, ...placedH], autoPage: false },
    );
    return rows.slice(cut ? 1 : n);
  }

  /** A table over as many slides as it needs, each titled `title` (then "(continued)"). */
  pagedTable(title: string, sheet: string, header: string[], rows: string[][], colW: number[], fontPt = 10): void {
    let rest = rows;
    let first = true;
    do {
      const s = this.slide(first ? title : `${title} ${this.t("deck.cont")}`, sheet);
      rest = this.table(s, header, rest, MX, BODY_Y, colW, BODY_BOTTOM, fontPt);
      first = false;
    } while (rest.length);
  }

  get slides(): number {
    return this.count;
  }
}

/** Non-empty data rows of a named range (header row first when `hasHeader`). */
function bodyRows(r: NamedRange, hasHeader = true): { values: DeckCell[]; text: string[] }[] {
  return r.values
    .map((values, i) => ({ values, text: r.text[i] }))
    .slice(hasHeader ? 1 : 0)
    .filter((row) => row.text.some((c, j) => j === 0 && c.trim() !== ""));
}

/** Column widths scaled to `total` inches from relative weights. */
function widths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / sum) * total * 1000) / 1000);
}

// ---- slides -------------------------------------------------------------------------------------

function titleSlide(b: Builder): void {
  const t = b.t;
  const s = b.bare();
  const profile = b.get("SixStep_Profile");
  const account = profile?.text[1]?.[1] || "";
  const start = b.get("SixStep_PeriodStart")!.values[0][0];
  const end = b.get("SixStep_PeriodEnd")!.values[0][0];
  const period = periodLabel(num(start), num(end));
  s.addText(t("deck.title"), { placeholder: "title", fontSize: 22, fontFace: b.font });
  b.box(
    s,
    account || b.missing("SixStep_Profile"),
    MX,
    2.2,
    SLIDE_W - 2 * MX,
    1.3,
    36,
    { bold: true, color: COLOURS.brand },
    20,
  );
  const lines = [t("deck.period", { period })];
  if (b.asOf) lines.push(t("deck.asOf", { date: b.asOf }));
  else lines.push(b.missing("SixStep_AsOf"));
  const preparer = b.text("SixStep_Preparer");
  if (preparer) lines.push(t("deck.preparedBy", { name: preparer }));
  b.box(s, lines.join("\n"), MX, 3.8, SLIDE_W - 2 * MX, 1.6, 18, { color: COLOURS.muted }, 11);
  const asOf = b.asOf ? t("deck.sourceAsOf", { date: b.asOf }) : "";
  b.box(
    s,
    t("deck.source", { file: b.o.fileName, sheet: b.sheetOf("SixStep_Profile", "SixStep_Total"), asOf }),
    MX,
    FOOT_Y,
    SLIDE_W - 2 * MX - 0.8,
    0.3,
    9,
    { color: COLOURS.muted, valign: "middle" },
    7,
  );
  s.addNotes(t("deck.fontNote"));
}

/** The waterfall's rows: label, base, increase, decrease, total (the sheet's helper columns F:J). */
function bridgeRows(r: NamedRange) {
  return r.values
    .slice(1)
    .map((v, i) => ({ label: r.text[i + 1][0], v }))
    .filter((x) => x.label.trim() !== "");
}

function waterfall(b: Builder, s: PptxGenJS.Slide, r: NamedRange, x: number, y: number, w: number, h: number): void {
  const rows = bridgeRows(r);
  const labels = rows.map((x) => x.label);
  const head = r.text[0];
  const data = [1, 2, 3, 4].map((k) => ({ name: head[k] || String(k), labels, values: rows.map((x) => num(x.v[k])) }));
  s.addChart(b.pptx.ChartType.bar, data, {
    x,
    y,
    w,
    h,
    barDir: "col",
    barGrouping: "stacked",
    // The base is drawn without fill after writing (see hideBaseSeries); white here as a fallback.
    chartColors: ["FFFFFF", COLOURS.increase, COLOURS.decrease, COLOURS.total],
    showValue: true,
    dataLabelFormatCode: "#,##0;-#,##0;;",
    dataLabelFontSize: 9,
    dataLabelFontFace: b.font,
    dataLabelPosition: "inEnd",
    catAxisLabelFontSize: 9,
    catAxisLabelFontFace: b.font,
    valAxisLabelFontSize: 9,
    valAxisLabelFormatCode: "#,##0",
    valAxisHidden: false,
    valGridLine: { style: "none" },
    showLegend: false,
    showTitle: true,
    title: b.t("sheet.bridge"),
    titleFontSize: 12,
    titleFontFace: b.font,
    barGapWidthPct: 60,
  });
}

function headlineFigures(b: Builder): { label: string; value: string }[] {
  const t = b.t;
  const out: { label: string; value: string }[] = [];
  const add = (key: MessageKey, name: string) => {
    const v = b.text(name);
    out.push({ label: t(key), value: v ?? b.missing(name) });
  };
  const total = b.get("SixStep_Total");
  out.push({
    label: t("sheet.fig.total"),
    value: total
      ? `100% = ${Math.round(num(total.values[0][0]) / 10000).toLocaleString("en-US")} ${t("sheet.unitWan")}`
      : b.missing("SixStep_Total"),
  });
  add("sheet.fig.focus", "SixStep_FocusAverage");
  add("sheet.fig.focusShare", "SixStep_SegmentShare");
  add("sheet.fig.projected", "SixStep_BridgeEnd");
  add("sheet.fig.growth", "SixStep_BridgeGrowth");
  if (b.get("SixStep_PipelineTotal")) add("sheet.fig.pipeline", "SixStep_PipelineTotal");
  return out;
}

/** The top three solutions by rank, each with its first task's owner and due date. */
function topMoves(b: Builder): string[] {
  const ranks = b.get("SixStep_SolutionRanks");
  const names = b.get("SixStep_SolutionNames");
  const phases = b.get("SixStep_SolutionPhases");
  const ids = b.get("SixStep_SolutionIds");
  if (!ranks || !names || !phases || !ids)
    return [
      b.missing("SixStep_SolutionRanks", "SixStep_SolutionNames", "SixStep_SolutionPhases", "SixStep_SolutionIds"),
    ];
  const tasks = b.get("SixStep_Tasks");
  const out: string[] = [];
  for (let k = 1; k <= 3; k++) {
    const i = ranks.values.findIndex((r) => r[0] === k);
    if (i < 0) continue;
    const id = ids.text[i][0];
    let tail = "";
    const task = tasks ? bodyRows(tasks).find((r) => r.text[1] === id) : undefined;
    if (task) tail = ` — ${task.text[3]} · ${task.text[5]} · ${task.text[2]}`;
    out.push(`${k}. ${names.text[i][0]} (${phases.text[i][0]})${tail}`);
  }
  if (!tasks) out.push(b.missing("SixStep_Tasks"));
  return out;
}

function planSlide(b: Builder): void {
  const t = b.t;
  const title = b.text("SixStep_ActionTitle");
  const s = b.slide(title || t("deck.plan.fallbackTitle"), b.sheetOf("SixStep_ActionTitle", "SixStep_Total"));
  const leftW = 4.6;
  b.heading(s, t("deck.plan.headline"), MX, BODY_Y, leftW);
  const figs = headlineFigures(b);
  const rowH = Math.min(0.45, 2.6 / Math.max(1, figs.length));
  figs.forEach((f, i) => {
    const y = BODY_Y + 0.4 + i * rowH;
    b.box(s, f.label, MX, y, 2.3, rowH - 0.04, 11, { color: COLOURS.muted, valign: "middle" }, 8);
    b.box(s, f.value, MX + 2.35, y, leftW - 2.35, rowH - 0.04, 14, { bold: true, valign: "middle" }, 8);
  });
  const bridge = b.get("SixStep_Bridge");
  const cx = MX + leftW + 0.3;
  const cw = SLIDE_W - MX - cx;
  if (bridge) waterfall(b, s, bridge, cx, BODY_Y, cw, 2.9);
  else b.box(s, b.missing("SixStep_Bridge"), cx, BODY_Y, cw, 1, 12, { color: COLOURS.decrease });
  const y2 = BODY_Y + 3.05;
  const half = (SLIDE_W - 2 * MX - 0.3) / 2;
  b.heading(s, t("deck.plan.moves"), MX, y2, half);
  b.bullets(s, topMoves(b), MX, y2 + 0.4, half, BODY_BOTTOM - y2 - 0.4, 12);
  b.heading(s, t("deck.plan.asks"), MX + half + 0.3, y2, half);
  const asks = b.get("SixStep_Asks");
  const items = asks ? asks.text.map((r) => r[0] ?? "").filter((x) => x.trim() !== "") : [b.missing("SixStep_Asks")];
  b.bullets(
    s,
    items.length ? items : [t("deck.plan.noAsks")],
    MX + half + 0.3,
    y2 + 0.4,
    half,
    BODY_BOTTOM - y2 - 0.4,
    12,
  );
  if (!title) b.missing("SixStep_ActionTitle");
}

/** The step's slide: titled by its conclusion, with its implications on the right. */
function stepSlide(b: Builder, step: StepId, sheetName: string): PptxGenJS.Slide {
  const soWhat = b.text(`SixStep_SoWhat_${step}`);
  const title = soWhat || `${b.t(`step.${step}.name` as MessageKey)}: ${b.missing(`SixStep_SoWhat_${step}`)}`;
  const s = b.slide(title, sheetName);
  b.implications(s, step, RIGHT_X, BODY_Y, SLIDE_W - MX - RIGHT_X, BODY_BOTTOM - BODY_Y);
  return s;
}
/** The scatter's plot area within its frame (fractions), fixed so the quadrant lines can be drawn over it. */
const PLOT = { x: 0.12, y: 0.1, w: 0.84, h: 0.76 };
/** Exhibits on the left, implications from here to the right margin. */
const RIGHT_X = 9.35;
const LEFT_W = RIGHT_X - MX - 0.3;

function pie(
  b: Builder,
  s: PptxGenJS.Slide,
  title: string,
  labels: string[],
  values: number[],
  x: number,
  y: number,
  w: number,
  h: number,
) {
  s.addChart(b.pptx.ChartType.pie, [{ name: title, labels, values }], {
    x,
    y,
    w,
    h,
    showTitle: true,
    title,
    titleFontSize: 12,
    titleFontFace: b.font,
    showLegend: true,
    legendPos: "r",
    legendFontSize: 9,
    legendFontFace: b.font,
    showPercent: true,
    showValue: false,
    dataLabelFontSize: 9,
    dataLabelColor: "FFFFFF",
    chartColors: COLOURS.series,
  });
}

function industrySlide(b: Builder): void {
  const comp = b.get("SixStep_Composition");
  const s = stepSlide(b, "industry", b.sheetOf("SixStep_Composition", "SixStep_Total"));
  const half = LEFT_W / 2;
  if (comp) {
    const rows = bodyRows(comp);
    pie(
      b,
      s,
      b.t("sheet.share"),
      rows.map((r) => r.text[0]),
      rows.map((r) => num(r.values[1])),
      MX,
      BODY_Y,
      half,
      4.2,
    );
  } else b.box(s, b.missing("SixStep_Composition"), MX, BODY_Y, half, 1, 12, { color: COLOURS.decrease });
  const mix = b.get("SixStep_FocusMix");
  const x2 = MX + half + 0.1;
  const share = b.text("SixStep_SegmentShare");
  b.box(s, b.t("sheet.fig.focusShare"), x2, BODY_Y, half - 0.1, 0.35, 12, { color: COLOURS.muted }, 9);
  b.box(
    s,
    share ?? b.missing("SixStep_SegmentShare"),
    x2,
    BODY_Y + 0.35,
    half - 0.1,
    0.7,
    32,
    { bold: true, color: COLOURS.brand },
    12,
  );
  if (mix) {
    const rows = bodyRows(mix);
    pie(
      b,
      s,
      b.t("deck.focusMix"),
      rows.map((r) => r.text[0]),
      rows.map((r) => num(r.values[1])),
      x2,
      BODY_Y + 1.1,
      half - 0.1,
      3.1,
    );
  }
  if (comp) {
    // The composition's growth under the pies: the largest industries at a glance.
    const rows = bodyRows(comp).slice(0, 5);
    const head = comp.text[0];
    b.table(
      s,
      [head[0], head[1], head[2], head[5]],
      rows.map((r) => [r.text[0], r.text[1], r.text[2], r.text[5]]),
      MX,
      BODY_Y + 4.3,
      widths([2, 2, 1.2, 1.2], LEFT_W),
      BODY_BOTTOM,
      9,
    );
  }
}

function competitionSlide(b: Builder): void {
  const r = b.get("SixStep_Scores");
  const s = stepSlide(b, "competition", b.sheetOf("SixStep_Scores", "SixStep_CompetitionSummary"));
  if (!r) {
    b.box(s, b.missing("SixStep_Scores"), MX, BODY_Y, LEFT_W, 1, 12, { color: COLOURS.decrease });
    return;
  }
  const rows = bodyRows(r);
  const ops = r.text[0].slice(1);
  const data = ops.map((name, j) => ({
    name,
    labels: rows.map((x) => x.text[0]),
    values: rows.map((x) => num(x.values[j + 1])),
  }));
  s.addChart(b.pptx.ChartType.bar, data, {
    x: MX,
    y: BODY_Y,
    w: LEFT_W,
    h: BODY_BOTTOM - BODY_Y,
    barDir: "col",
    barGrouping: "clustered",
    chartColors: COLOURS.series,
    showTitle: true,
    title: b.t("sheet.score"),
    titleFontSize: 12,
    titleFontFace: b.font,
    showLegend: true,
    legendPos: "b",
    legendFontFace: b.font,
    legendFontSize: 10,
    showValue: true,
    dataLabelFormatCode: "0.0",
    dataLabelFontSize: 8,
    valAxisMinVal: 0,
    valAxisMaxVal: 5,
    valAxisLabelFontSize: 9,
    catAxisLabelFontSize: 10,
    catAxisLabelFontFace: b.font,
  });
}

function needsSlide(b: Builder): void {
  const profile = b.get("SixStep_Profile");
  const latent = b.get("SixStep_LatentNeeds");
  const s = stepSlide(b, "needs", b.sheetOf("SixStep_Profile", "SixStep_SoWhat_needs"));
  const half = LEFT_W * 0.45;
  if (profile) {
    b.heading(s, b.t("sheet.profile"), MX, BODY_Y, half);
    const rows = bodyRows(profile)
      .filter((r) => r.text[1].trim() !== "")
      .map((r) => [r.text[0], r.text[1]]);
    const rest = b.table(
      s,
      profile.text[0].slice(0, 2),
      rows,
      MX,
      BODY_Y + 0.4,
      widths([1, 1.8], half),
      BODY_BOTTOM - 0.25,
      9,
    );
    if (rest.length)
      b.box(
        s,
        b.t("deck.moreOnSheet", { count: rest.length, sheet: profile.sheet }),
        MX,
        BODY_BOTTOM - 0.22,
        half,
        0.22,
        9,
        { color: COLOURS.muted },
        7,
      );
  } else b.box(s, b.missing("SixStep_Profile"), MX, BODY_Y, half, 1, 12, { color: COLOURS.decrease });
  const x2 = MX + half + 0.2;
  const w2 = LEFT_W - half - 0.2;
  if (latent) {
    b.heading(s, b.t("sheet.latent"), x2, BODY_Y, w2);
    const rows = bodyRows(latent).map((r) => [r.text[0], r.text[1], r.text[2], r.text[4]]);
    const head = latent.text[0];
    b.table(
      s,
      [head[0], head[1], head[2], head[4]],
      rows,
      x2,
      BODY_Y + 0.4,
      widths([1.6, 1.8, 0.9, 0.7], w2),
      BODY_BOTTOM,
      10,
    );
  } else b.box(s, b.missing("SixStep_LatentNeeds"), x2, BODY_Y, w2, 1, 12, { color: COLOURS.decrease });
}

function solutionsSlide(b: Builder): void {
  const sol = b.get("SixStep_Solutions");
  const s = stepSlide(b, "solutions", b.sheetOf("SixStep_Solutions", "SixStep_SolutionNames"));
  if (!sol) {
    b.box(s, b.missing("SixStep_Solutions"), MX, BODY_Y, LEFT_W, 1, 12, { color: COLOURS.decrease });
    return;
  }
  const rows = bodyRows(sol).filter((r) => typeof r.values[11] === "number" && typeof r.values[6] === "number");
  const th = b.get("SixStep_Thresholds");
  const benefitHigh = th ? num(th.values[0][0]) : 3;
  const feasHigh = th ? num(th.values[1][0]) : 3;
  const cw = LEFT_W * 0.52;
  // A 2×2: feasibility across, benefit up, the axes crossing at the "high" thresholds.
  s.addChart(
    b.pptx.ChartType.scatter,
    [
      { name: sol.text[0][11], values: rows.map((r) => num(r.values[11])) },
      { name: sol.text[0][6], values: rows.map((r) => num(r.values[6])), labels: rows.map((r) => r.text[0]) },
    ],
    {
      x: MX,
      y: BODY_Y,
      w: cw,
      h: BODY_BOTTOM - BODY_Y,
      showTitle: true,
      title: b.t("sheet.matrixChart"),
      titleFontSize: 12,
      titleFontFace: b.font,
      lineSize: 0,
      lineDataSymbol: "circle",
      lineDataSymbolSize: 10,
      chartColors: [COLOURS.total],
      showLabel: true,
      dataLabelFormatScatter: "custom",
      dataLabelPosition: "r",
      dataLabelFontSize: 10,
      valAxisMinVal: 1,
      valAxisMaxVal: 5,
      catAxisMinVal: 1,
      catAxisMaxVal: 5,
      layout: PLOT,
      showValAxisTitle: true,
      valAxisTitle: sol.text[0][6],
      valAxisTitleFontSize: 10,
      showCatAxisTitle: true,
      catAxisTitle: sol.text[0][11],
      catAxisTitleFontSize: 10,
      valGridLine: { style: "none" },
      catGridLine: { style: "none" },
      showLegend: false,
    } as PptxGenJS.IChartOpts,
  );
  // The quadrant lines at the "high" thresholds, over the chart's fixed plot area.
  const ch = BODY_BOTTOM - BODY_Y;
  const px = (v: number) => MX + cw * (PLOT.x + (PLOT.w * (v - 1)) / 4);
  const py = (v: number) => BODY_Y + ch * (PLOT.y + PLOT.h * (1 - (v - 1) / 4));
  const dash = { color: "7F7F7F", width: 1, dashType: "dash" as const };
  s.addShape(b.pptx.ShapeType.line, { x: px(feasHigh), y: py(5), w: 0, h: py(1) - py(5), line: dash });
  s.addShape(b.pptx.ShapeType.line, { x: px(1), y: py(benefitHigh), w: px(5) - px(1), h: 0, line: dash });
  const corner = (key: MessageKey, x: number, y: number, align: "left" | "right") =>
    b.box(s, b.t(key), x, y, 1.4, 0.25, 10, { color: COLOURS.muted, italic: true, align }, 8);
  corner("sheet.quadrant.strategic", px(1) + 0.05, py(5) + 0.03, "left");
  corner("sheet.quadrant.quickWin", px(5) - 1.45, py(5) + 0.03, "right");
  corner("sheet.quadrant.deprioritise", px(1) + 0.05, py(1) - 0.28, "left");
  corner("sheet.quadrant.fillIn", px(5) - 1.45, py(1) - 0.28, "right");
  const ph = b.get("SixStep_Phasing");
  const x2 = MX + cw + 0.2;
  const w2 = LEFT_W - cw - 0.2;
  if (ph) {
    const head = ph.text[0];
    const prow = bodyRows(ph).map((r) => [r.text[0], r.text[1], `${r.text[2]}. ${r.text[3]}`]);
    b.table(s, [head[0], head[1], head[3]], prow, x2, BODY_Y, widths([0.7, 0.6, 3], w2), BODY_BOTTOM, 9);
  } else b.box(s, b.missing("SixStep_Phasing"), x2, BODY_Y, w2, 1, 12, { color: COLOURS.decrease });
}

function supportSlide(b: Builder): void {
  const cap = b.get("SixStep_Capability");
  const head = b.get("SixStep_CapabilityHead");
  const s = stepSlide(b, "support", b.sheetOf("SixStep_Capability", "SixStep_Readiness"));
  if (!cap || !head) {
    b.box(s, b.missing("SixStep_Capability", "SixStep_CapabilityHead"), MX, BODY_Y, LEFT_W, 1, 12, {
      color: COLOURS.decrease,
    });
    return;
  }
  const { header, rows } = capabilityRows(cap, head);
  const colW = widths([2.2, ...header.slice(1).map(() => 1)], LEFT_W);
  const t = b.t;
  const fill = (text: string) =>
    text === t("sheet.cap.now")
      ? COLOURS.now
      : text === t("sheet.cap.works")
        ? COLOURS.works
        : text === t("sheet.cap.no")
          ? COLOURS.no
          : text === t("sheet.cap.unknown")
            ? COLOURS.unknown
            : undefined;
  b.heading(s, t("sheet.capability"), MX, BODY_Y, LEFT_W);
  const rest = b.table(s, header, rows, MX, BODY_Y + 0.4, colW, BODY_BOTTOM, 9, fill);
  if (rest.length)
    b.box(
      s,
      t("deck.moreInAppendix", { count: rest.length }),
      MX,
      BODY_BOTTOM - 0.05,
      LEFT_W,
      0.2,
      9,
      { color: COLOURS.muted },
      7,
    );
}

/** The capability matrix without its helper columns: site, each service, readiness now and after works. */
function capabilityRows(cap: NamedRange, head: NamedRange) {
  const h = head.text[0];
  // Columns: site, fibre, copper, services, two hidden helpers, then services … readiness now, after works.
  const keep = [0, ...h.map((_, j) => j).filter((j) => j >= 6)];
  return {
    header: keep.map((j) => h[j]),
    rows: bodyRows(cap, false).map((r) => keep.map((j) => r.text[j])),
  };
}

interface Task {
  campaign: string;
  id: string;
  name: string;
  owner: string;
  start: number;
  end: number;
  milestone: boolean;
  startText: string;
  endText: string;
}

function tasksOf(b: Builder, r: NamedRange): Task[] {
  const yes = b.t("sheet.yes");
  return bodyRows(r)
    .filter((x) => typeof x.values[4] === "number" && typeof x.values[5] === "number")
    .map((x) => ({
      campaign: x.text[0],
      id: x.text[1],
      name: x.text[2],
      owner: x.text[3],
      start: num(x.values[4]),
      end: num(x.values[5]),
      milestone: x.text[6] === yes,
      startText: x.text[4],
      endText: x.text[5],
    }));
}

/** Excel serial of the first day of month `m` (1-based, may run past 12) of `year`. */
function monthSerial(year: number, m: number): number {
  return Math.round((Date.UTC(year, m - 1, 1) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** The quarterly Gantt as shapes: the plan year's four quarters and twelve months, a bar per task, milestones as diamonds. */
function gantt(
  b: Builder,
  s: PptxGenJS.Slide,
  tasks: Task[],
  year: number,
  fiscalStart: number,
  x: number,
  y: number,
  w: number,
  bottom: number,
) {
  const labelW = w * 0.42;
  const gx = x + labelW;
  const gw = w - labelW;
  const monthW = gw / 12;
  const t0 = monthSerial(year, fiscalStart);
  const t1 = monthSerial(year, fiscalStart + 12);
  const font = b.font;
  for (let q = 0; q < 4; q++) {
    s.addText(`Q${q + 1}`, {
      x: gx + q * 3 * monthW,
      y,
      w: 3 * monthW,
      h: 0.28,
      fontSize: 10,
      bold: true,
      fontFace: font,
      align: "center",
      fill: { color: COLOURS.head },
      margin: 0,
      line: { color: "FFFFFF", width: 1 },
    });
  }
  for (let m = 0; m < 12; m++) {
    const month = ((fiscalStart - 1 + m) % 12) + 1;
    s.addText(String(month), {
      x: gx + m * monthW,
      y: y + 0.28,
      w: monthW,
      h: 0.24,
      fontSize: 8,
      fontFace: font,
      align: "center",
      color: COLOURS.muted,
      margin: 0,
    });
  }
  const top = y + 0.56;
  const rowH = Math.min(0.42, (bottom - top) / Math.max(1, tasks.length));
  const fontPt = Math.min(10, Math.max(7, rowH * PT * 0.45));
  tasks.forEach((task, i) => {
    const ry = top + i * rowH;
    const label = `${task.owner} · ${task.name}`;
    s.addText(clip(label, labelW - 0.1, rowH, fontPt), {
      x,
      y: ry,
      w: labelW - 0.1,
      h: rowH,
      fontSize: fontPt,
      fontFace: font,
      color: COLOURS.text,
      margin: 0,
      valign: "middle",
    });
    if (i % 2 === 0)
      s.addShape(b.pptx.ShapeType.rect, {
        x: gx,
        y: ry,
        w: gw,
        h: rowH,
        fill: { color: "F5F5F5" },
        line: { color: "F5F5F5", width: 0 },
      });
    const a = Math.max(task.start, t0);
    const z = Math.min(task.end + 1, t1);
    if (z > a) {
      const bx = gx + ((a - t0) / (t1 - t0)) * gw;
      const bw = Math.max(0.04, ((z - a) / (t1 - t0)) * gw);
      s.addShape(b.pptx.ShapeType.rect, {
        x: bx,
        y: ry + rowH * 0.22,
        w: bw,
        h: rowH * 0.56,
        fill: { color: COLOURS.total },
        line: { color: COLOURS.total, width: 0 },
      });
    }
    if (task.milestone && task.end >= t0 && task.end < t1) {
      const mx = gx + ((task.end - t0) / (t1 - t0)) * gw;
      const d = rowH * 0.6;
      s.addShape(b.pptx.ShapeType.diamond, {
        x: mx - d / 2,
        y: ry + (rowH - d) / 2,
        w: d,
        h: d,
        fill: { color: "FFC000" },
        line: { color: "BF9000", width: 0.75 },
      });
    }
  });
  for (let q = 1; q < 4; q++)
    s.addShape(b.pptx.ShapeType.line, {
      x: gx + q * 3 * monthW,
      y,
      w: 0,
      h: top + tasks.length * rowH - y,
      line: { color: "BFBFBF", width: 0.75, dashType: "dash" },
    });
}

const GANTT_ROWS = 16;

function planningSlides(b: Builder): void {
  const r = b.get("SixStep_Tasks");
  const year = b.get("SixStep_PlanYear");
  const fiscal = b.get("SixStep_FiscalStart");
  if (!r || !year) {
    const s = stepSlide(b, "planning", b.sheetOf("SixStep_TaskIds", "SixStep_SupportIndex"));
    b.box(s, b.missing("SixStep_Tasks", "SixStep_PlanYear"), MX, BODY_Y, LEFT_W, 1, 12, { color: COLOURS.decrease });
    return;
  }
  const tasks = tasksOf(b, r);
  const chunks: Task[][] = [];
  for (let i = 0; i < Math.max(1, tasks.length); i += GANTT_ROWS) chunks.push(tasks.slice(i, i + GANTT_ROWS));
  chunks.forEach((chunk, k) => {
    const s =
      k === 0
        ? stepSlide(b, "planning", r.sheet)
        : b.slide(`${b.text("SixStep_SoWhat_planning") ?? ""} ${b.t("deck.cont")}`, r.sheet);
    gantt(
      b,
      s,
      chunk,
      num(year.values[0][0]),
      fiscal ? num(fiscal.values[0][0]) || 1 : 1,
      MX,
      BODY_Y,
      LEFT_W,
      BODY_BOTTOM - 0.35,
    );
    s.addShape(b.pptx.ShapeType.diamond, {
      x: MX,
      y: BODY_BOTTOM - 0.22,
      w: 0.16,
      h: 0.16,
      fill: { color: "FFC000" },
      line: { color: "BF9000", width: 0.75 },
    });
    b.box(
      s,
      `${b.t("sheet.milestone").replace(/[?？]$/, "")} · ${b.t("deck.planYear", { year: year.text[0][0] })}`,
      MX + 0.25,
      BODY_BOTTOM - 0.25,
      LEFT_W - 0.25,
      0.22,
      9,
      { color: COLOURS.muted },
      7,
    );
  });
}

function pipelineSlide(b: Builder): void {
  const r = b.get("SixStep_Pipeline");
  if (!r) return;
  const rows = bodyRows(r);
  if (!rows.length) return;
  const t = b.t;
  const title = t("deck.pipeline.title", {
    weighted: b.text("SixStep_PipelineTotal") ?? "—",
    count: b.text("SixStep_PipelineQuarterCount") ?? "—",
    quarter: b.text("SixStep_PipelineQuarter") ?? "—",
  });
  const s = b.slide(title, r.sheet);
  const head = r.text[0];
  const cols = [0, 1, 2, 3, 8, 9, 5, 6, 7, 11];
  const colW = widths([1, 0.8, 1, 1.1, 0.9, 1.1, 1.1, 1.6, 1, 0.9], SLIDE_W - 2 * MX);
  const marked = (text: string, _i: number, j: number) => (j === 9 && text.trim() !== "" ? COLOURS.now : undefined);
  const rest = b.table(
    s,
    cols.map((j) => head[j]),
    rows.map((x) => cols.map((j) => x.text[j])),
    MX,
    BODY_Y,
    colW,
    BODY_BOTTOM,
    10,
    marked,
  );
  if (rest.length)
    b.box(
      s,
      t("deck.moreInAppendix", { count: rest.length }),
      MX,
      BODY_BOTTOM - 0.05,
      6,
      0.2,
      9,
      { color: COLOURS.muted },
      7,
    );
}

function appendix(b: Builder): void {
  const t = b.t;
  const comp = b.get("SixStep_Composition");
  if (comp)
    b.pagedTable(
      t("deck.appendix", { what: t("sheet.share") }),
      comp.sheet,
      comp.text[0],
      bodyRows(comp).map((r) => r.text),
      widths([2, 2, 1, 2, 1, 1], SLIDE_W - 2 * MX),
      11,
    );
  const sol = b.get("SixStep_Solutions");
  if (sol) {
    const cols = [0, 1, 2, 6, 7, 8, 9, 11, 12, 14, 16];
    b.pagedTable(
      t("deck.appendix", { what: t("deck.solutions") }),
      sol.sheet,
      cols.map((j) => sol.text[0][j]),
      bodyRows(sol).map((r) => cols.map((j) => r.text[j])),
      widths([0.5, 3.2, 1.3, 0.8, 0.8, 0.8, 1.1, 0.8, 0.8, 0.8, 0.6], SLIDE_W - 2 * MX),
      10,
    );
  }
  const cap = b.get("SixStep_Capability");
  const head = b.get("SixStep_CapabilityHead");
  if (cap && head) {
    const { header, rows } = capabilityRows(cap, head);
    b.pagedTable(
      t("deck.appendix", { what: t("sheet.capability") }),
      cap.sheet,
      header,
      rows,
      widths([2.2, ...header.slice(1).map(() => 1)], SLIDE_W - 2 * MX),
      10,
    );
  }
  const tasks = b.get("SixStep_Tasks");
  if (tasks)
    b.pagedTable(
      t("deck.appendix", { what: t("sheet.tasks") }),
      tasks.sheet,
      tasks.text[0],
      bodyRows(tasks).map((r) => r.text),
      widths([1.1, 0.5, 3.4, 0.8, 1, 1, 0.7, 0.7, 0.8], SLIDE_W - 2 * MX),
      10,
    );
  const pipe = b.get("SixStep_Pipeline");
  if (pipe && bodyRows(pipe).length > 8)
    b.pagedTable(
      t("deck.appendix", { what: t("deck.pipeline") }),
      pipe.sheet,
      pipe.text[0],
      bodyRows(pipe).map((r) => r.text),
      widths(
        pipe.text[0].map(() => 1),
        SLIDE_W - 2 * MX,
      ),
      9,
    );
}

/** The deck from the workbook's names; throws `DeckError` when the workbook holds no analysis. */
export function buildDeck(data: DeckData, o: DeckOptions): DeckResult {
  const t = translator(o.locale);
  const missing = REQUIRED_NAMES.filter((n) => !data.names.has(n.toLowerCase()));
  if (missing.length) throw new DeckError(t("deck.error.notGenerated", { names: missing.join(", ") }), missing);
  const b = new Builder(data, o);
  titleSlide(b);
  planSlide(b);
  industrySlide(b);
  competitionSlide(b);
  needsSlide(b);
  solutionsSlide(b);
  supportSlide(b);
  planningSlides(b);
  pipelineSlide(b);
  appendix(b);
  return { pptx: b.pptx, slides: b.slides, warnings: b.warnings };
}
