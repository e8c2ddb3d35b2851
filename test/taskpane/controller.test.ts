import type { PaneCandidate, PaneState as WorkbookState, PaneWorkbook } from "../../src/excel/pane";
import type { GenerateResult } from "../../src/excel/pipeline";
import { initialPaneState, paneReducer, type PaneAction, type PaneState } from "../../src/taskpane/controller";

const workbook = {} as PaneWorkbook;
const revenue: PaneCandidate = {
  kind: "table",
  name: "Revenue",
  sheet: "Revenue",
  address: "A1:G9",
  headers: ["月份", "客户编号", "客户名称", "行业", "子行业", "业务", "金额"],
  matches: true,
  site: false,
};
const found = (over: Partial<WorkbookState> = {}): WorkbookState => ({
  snap: { settings: { period: "2002-Q4", lang: "zh-CN" } } as unknown as WorkbookState["snap"],
  statuses: { industry: { status: "generated" } },
  candidates: [{ ...revenue, headers: [...revenue.headers] }],
  ...over,
});
const reduce = (s: PaneState, ...actions: PaneAction[]) => actions.reduce(paneReducer, s);

test("the pane reads the workbook on mount, with the document's saved settings", () => {
  const s0 = initialPaneState(workbook, undefined);
  expect(s0.read).toEqual({ id: 1, form: true, mapping: {} });
  const s1 = reduce(s0, { type: "readDone", id: 1, found: found() });
  expect(s1.read).toBeNull();
  expect(s1.form.period).toBe("2002-Q4");
  expect(s1.form.docLang).toBe("zh-CN");
  expect(s1.statuses.industry.status).toBe("generated");
});

test("a change reported during a run asks for no read; the run's end reads the workbook with its settings", () => {
  const idle = reduce(initialPaneState(workbook, 0), { type: "readDone", id: 1, found: found() });
  const running = reduce(idle, { type: "runStarted", total: 8 });
  expect(running.progress).toEqual({ index: 0, total: 8, phase: "read" });
  const changed = reduce(running, { type: "version", version: 1 });
  expect(changed.read).toBeNull();
  expect(changed.version).toBe(1);
  const ended = reduce(changed, { type: "runEnded", message: null });
  expect(ended.progress).toBeNull();
  expect(ended.read).toMatchObject({ form: true });
  // Outside a run, a change reads the statuses (not the form, which the analyst may be editing).
  const later = reduce(
    ended,
    { type: "readDone", id: ended.read!.id, found: found() },
    { type: "version", version: 2 },
  );
  expect(later.read).toMatchObject({ form: false });
});

test("a newer read replaces a pending one, keeping its wish for the settings; the older result is dropped", () => {
  const s0 = initialPaneState(workbook, 0);
  const s1 = reduce(s0, { type: "version", version: 1 });
  expect(s1.read).toMatchObject({ id: 2, form: true });
  const stale = reduce(s1, { type: "readDone", id: 1, found: found() });
  expect(stale).toBe(s1);
  const failed = reduce(s1, { type: "readFailed", id: 2 });
  expect(failed.read).toBeNull();
  expect(failed.form.period).toBeNull();
});

test("a candidate unchanged since the last read stays the same object; a changed one does not", () => {
  const s1 = reduce(initialPaneState(workbook, 0), { type: "readDone", id: 1, found: found() });
  const first = s1.candidates[0];
  const s2 = reduce(s1, { type: "version", version: 1 }, { type: "readDone", id: 2, found: found() });
  expect(s2.candidates[0]).toBe(first);
  const renamed = found({ candidates: [{ ...revenue, headers: ["Month", ...revenue.headers.slice(1)] }] });
  const s3 = reduce(s2, { type: "version", version: 2 }, { type: "readDone", id: 3, found: renamed });
  expect(s3.candidates[0]).not.toBe(first);
});

test("focus settles on the message after a problem, else back on the control", () => {
  const s0 = initialPaneState(workbook, 0);
  const bad = reduce(
    s0,
    { type: "runStarted", total: 2 },
    { type: "runEnded", message: { intent: "error", title: "No revenue table found", lines: [] } },
    { type: "settled" },
  );
  expect(bad.settled).toEqual({ count: 1, toMessage: true });
  const result = {
    settings: { revenueTable: "Revenue", sitesTable: null, period: "2002-Q4", compare: "2002-Q3", focus: "110" },
    figures: {},
  } as unknown as GenerateResult;
  const good = reduce(
    bad,
    { type: "runStarted", total: 2 },
    { type: "runEnded", message: { intent: "success", title: "Generated", lines: [] }, result },
    { type: "settled" },
  );
  expect(good.settled).toEqual({ count: 2, toMessage: false });
  expect(good.form.focus).toBe("110");
});
