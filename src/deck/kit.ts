/**
 * What every slide of the deck shares: the 16:9 geometry, the add-in's colours and fonts, and the
 * `Builder` that holds the presentation (its master, the title and source line of each slide,
 * text boxes sized to fit, bullets, tables split to fit) — so each slide's module draws only its
 * exhibit.
 */
import PptxGenJS from "pptxgenjs";
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import { clip, fitFont, heightNeeded, LINE, PT } from "./fit";
import type { DeckCell, DeckData, NamedRange } from "./read";
import { maxOf } from "../arrays";

export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
export const MX = 0.5;
export const BODY_Y = 1.45;
export const BODY_BOTTOM = 6.85;
export const FOOT_Y = 7.0;
export const TITLE = { x: MX, y: 0.3, w: SLIDE_W - 2 * MX, h: 0.95 };
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

export type StepId = "industry" | "competition" | "needs" | "solutions" | "support" | "planning" | "portfolio";

export const num = (v: DeckCell | undefined): number => (typeof v === "number" ? v : Number(v) || 0);

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

export class Builder {
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
export function bodyRows(r: NamedRange, hasHeader = true): { values: DeckCell[]; text: string[] }[] {
  return r.values
    .map((values, i) => ({ values, text: r.text[i] }))
    .slice(hasHeader ? 1 : 0)
    .filter((row) => row.text.some((c, j) => j === 0 && c.trim() !== ""));
}

/** Column widths scaled to `total` inches from relative weights. */
export function widths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / sum) * total * 1000) / 1000);
}

/** The step's slide: titled by its conclusion, with its implications on the right. */
export function stepSlide(b: Builder, step: StepId, sheetName: string): PptxGenJS.Slide {
  const soWhat = b.text(`SixStep_SoWhat_${step}`);
  const title = soWhat || `${b.t(`step.${step}.name` as MessageKey)}: ${b.missing(`SixStep_SoWhat_${step}`)}`;
  const s = b.slide(title, sheetName);
  b.implications(s, step, RIGHT_X, BODY_Y, SLIDE_W - MX - RIGHT_X, BODY_BOTTOM - BODY_Y);
  return s;
}
/** The scatter's plot area within its frame (fractions), fixed so the quadrant lines can be drawn over it. */
export const PLOT = { x: 0.12, y: 0.1, w: 0.84, h: 0.76 };
/** Exhibits on the left, implications from here to the right margin. */
export const RIGHT_X = 9.35;
export const LEFT_W = RIGHT_X - MX - 0.3;
