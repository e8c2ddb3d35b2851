/**
 * The slides that are tables: the pipeline with this quarter's closes (when the workbook has a
 * pipeline), and the appendix — composition, solutions, capability, tasks and a long pipeline —
 * each split over as many slides as its rows need.
 */
import { Builder, BODY_BOTTOM, BODY_Y, bodyRows, COLOURS, MX, SLIDE_W, widths } from "./kit";
import type { NamedRange } from "./read";

/** The capability matrix without its helper columns: site, each service, readiness now and after works. */
export function capabilityRows(cap: NamedRange, head: NamedRange) {
  const h = head.text[0];
  // Columns: site, fibre, copper, services, two hidden helpers, then services … readiness now, after works.
  const keep = [0, ...h.map((_, j) => j).filter((j) => j >= 6)];
  return {
    header: keep.map((j) => h[j]),
    rows: bodyRows(cap, false).map((r) => keep.map((j) => r.text[j])),
  };
}

export function pipelineSlide(b: Builder): void {
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

export function appendix(b: Builder): void {
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
