/**
 * The account plan as slides (PptxGenJS): a title slide, the plan on one slide (action title,
 * headline figures, the revenue bridge as a native waterfall, the top three moves, the asks), one
 * slide per step titled with its conclusion (native charts or tables, its implications as
 * bullets), the pipeline, the portfolio's 2×2, and an appendix of the detailed tables split so
 * none overflows.
 *
 * Pure over `DeckData` (what `readDeckData` read from the workbook's `SixStep_…` names): every
 * figure on a slide is a cell of the workbook, shown as Excel displays it; a name the workbook
 * lacks is named on the slide (and in `warnings`), never made up.
 */
import PptxGenJS from "pptxgenjs";
import { translator, type MessageKey } from "../i18n";
import { clip, PT } from "./fit";
import type { DeckData, NamedRange } from "./read";
import { portfolioSlide } from "./portfolio";
import { appendix, capabilityRows, pipelineSlide } from "./tables";
import {
  Builder,
  BODY_BOTTOM,
  BODY_Y,
  bodyRows,
  COLOURS,
  DeckError,
  FOOT_Y,
  LEFT_W,
  MX,
  num,
  periodLabel,
  PLOT,
  REQUIRED_NAMES,
  SLIDE_W,
  stepSlide,
  widths,
  type DeckOptions,
  type DeckResult,
} from "./kit";

export { COLOURS, DeckError, fontFor, periodLabel, REQUIRED_NAMES, serialDate, SLIDE_H, SLIDE_W } from "./kit";
export type { DeckOptions, DeckResult } from "./kit";

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

/** The Gantt's columns: the task labels at the left, then the plan year's twelve months from t0 to t1 (Excel serials). */
interface GanttFrame {
  x: number;
  labelW: number;
  gx: number;
  gw: number;
  monthW: number;
  t0: number;
  t1: number;
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
  const gw = w - labelW;
  const frame: GanttFrame = {
    x,
    labelW,
    gx: x + labelW,
    gw,
    monthW: gw / 12,
    t0: monthSerial(year, fiscalStart),
    t1: monthSerial(year, fiscalStart + 12),
  };
  const { gx, monthW } = frame;
  ganttHeader(b, s, frame, fiscalStart, y);
  const top = y + 0.56;
  const rowH = Math.min(0.42, (bottom - top) / Math.max(1, tasks.length));
  const fontPt = Math.min(10, Math.max(7, rowH * PT * 0.45));
  tasks.forEach((task, i) => ganttTask(b, s, frame, task, i, top + i * rowH, rowH, fontPt));
  for (let q = 1; q < 4; q++)
    s.addShape(b.pptx.ShapeType.line, {
      x: gx + q * 3 * monthW,
      y,
      w: 0,
      h: top + tasks.length * rowH - y,
      line: { color: "BFBFBF", width: 0.75, dashType: "dash" },
    });
}

/** The Gantt's head at `y`: the four quarters, and the twelve months by number under them. */
function ganttHeader(b: Builder, s: PptxGenJS.Slide, frame: GanttFrame, fiscalStart: number, y: number) {
  const { gx, monthW } = frame;
  for (let q = 0; q < 4; q++) {
    s.addText(`Q${q + 1}`, {
      x: gx + q * 3 * monthW,
      y,
      w: 3 * monthW,
      h: 0.28,
      fontSize: 10,
      bold: true,
      fontFace: b.font,
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
      fontFace: b.font,
      align: "center",
      color: COLOURS.muted,
      margin: 0,
    });
  }
}

/** The `i`-th task's row at `ry`: its owner and name, a stripe on every other row, its bar, its milestone's diamond. */
function ganttTask(
  b: Builder,
  s: PptxGenJS.Slide,
  frame: GanttFrame,
  task: Task,
  i: number,
  ry: number,
  rowH: number,
  fontPt: number,
) {
  const { x, labelW, gx, gw, t0, t1 } = frame;
  const label = `${task.owner} · ${task.name}`;
  s.addText(clip(label, labelW - 0.1, rowH, fontPt), {
    x,
    y: ry,
    w: labelW - 0.1,
    h: rowH,
    fontSize: fontPt,
    fontFace: b.font,
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
  portfolioSlide(b);
  appendix(b);
  return { pptx: b.pptx, slides: b.slides, warnings: b.warnings };
}
