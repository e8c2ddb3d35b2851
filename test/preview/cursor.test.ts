import type { DrawnWorkbook } from "../../src/preview/drawn";
import {
  cursorReducer,
  initialCursor,
  selectionOf,
  type Cursor,
  type CursorAction,
  type Seen,
} from "../../src/preview/workbook-view/cursor";

/** A workbook with two visible sheets, as far as the cursor reads one. */
function book(active = "s1"): DrawnWorkbook {
  return { sheets: [], activeSheetId: active, selection: null } as unknown as DrawnWorkbook;
}
const seen = (model: DrawnWorkbook, version: number): Seen => ({
  model,
  version,
  selection: model.selection,
  activeSheetId: model.activeSheetId,
  visible: ["s1", "s2"],
});
const reduce = (s: Cursor, ...actions: CursorAction[]) => actions.reduce(cursorReducer, s);
const select = (s: Cursor, r: number, c: number): CursorAction => ({
  type: "select",
  sel: { r, c },
  ext: { r, c },
  selection: selectionOf(s.sheetId!, { r, c }, { r, c }, s.selection),
});

test("the view opens on the workbook's active sheet at A1, and does not follow a selection made before", () => {
  const m = book("s2");
  m.selection = { sheetId: "s2", rect: { r0: 4, c0: 4, r1: 4, c1: 4 } };
  const c = initialCursor(seen(m, 0));
  expect(c.sheetId).toBe("s2");
  expect(c.sel).toEqual({ r: 0, c: 0 });
  expect(c.selection).toEqual({ sheetId: "s2", rect: { r0: 0, c0: 0, r1: 0, c1: 0 } });
});

test("an API's selection (Go to) moves the view there once the version changes", () => {
  const m = book();
  const c0 = initialCursor(seen(m, 0));
  m.selection = c0.selection;
  m.selection = { sheetId: "s2", rect: { r0: 9, c0: 2, r1: 10, c1: 3 } };
  m.activeSheetId = "s2";
  // No new version: nothing is read.
  expect(reduce(c0, { type: "sync", ...seen(m, 0) })).toBe(c0);
  const c1 = reduce(c0, { type: "sync", ...seen(m, 1) });
  expect(c1.sheetId).toBe("s2");
  expect(c1.sel).toEqual({ r: 9, c: 2 });
  expect(c1.ext).toEqual({ r: 10, c: 3 });
  expect(c1.selection).toBe(m.selection);
  expect(c1.jump).toEqual({ count: 1, row: 9 });
  expect(c1.remembered).toEqual({ s1: { r: 0, c: 0 } });
});

test("the view's own move, rendered with a new version, is not taken for the API's", () => {
  const m = book();
  const c0 = initialCursor(seen(m, 0));
  const move = select(c0, 5, 1) as Extract<CursorAction, { type: "select" }>;
  // The handler wrote the selection before it dispatched (a paste's block, after its Excel.run).
  m.selection = move.selection;
  const c1 = reduce(c0, move, { type: "sync", ...seen(m, 1) });
  expect(c1.sel).toEqual({ r: 5, c: 1 });
  expect(c1.jump.count).toBe(0);
});

test("a sheet the API activates is shown from its top at its remembered cell; the analyst's tab does the same", () => {
  const m = book();
  let c = initialCursor(seen(m, 0));
  const s1Move = select(c, 7, 2) as Extract<CursorAction, { type: "select" }>;
  m.selection = s1Move.selection;
  c = reduce(c, s1Move, { type: "scroll", top: 300, left: 40 });
  // The analyst shows sheet 2, then the API activates sheet 1 again (a step's Generate).
  const s2 = { sheetId: "s2", rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  m.activeSheetId = "s2";
  m.selection = s2;
  c = reduce(c, { type: "show", sheetId: "s2", selection: s2 });
  expect(c.scroll).toEqual({ top: 0, left: 0 });
  expect(c.tops).toBe(1);
  m.activeSheetId = "s1";
  c = reduce(c, { type: "sync", ...seen(m, 1) });
  expect(c.sheetId).toBe("s1");
  expect(c.sel).toEqual({ r: 7, c: 2 });
  expect(c.selection).toEqual({ sheetId: "s1", rect: { r0: 7, c0: 2, r1: 7, c1: 2 } });
  expect(c.tops).toBe(2);
});

test("a new model under the view (the live sample replacing its snapshot) keeps the view's sheet and selection", () => {
  const snapshot = book();
  let c = initialCursor(seen(snapshot, 0));
  const s2 = { sheetId: "s2", rect: { r0: 3, c0: 3, r1: 3, c1: 3 } };
  c = reduce(c, { type: "show", sheetId: "s2", selection: s2 });
  // The live workbook has its own active sheet and selection (the overview's A1).
  const live = book("s1");
  live.selection = { sheetId: "s1", rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  const swapped = reduce(c, { type: "sync", ...seen(live, 1) });
  expect(swapped.model).toBe(live);
  expect(swapped.sheetId).toBe("s2");
  expect(swapped.selection).toBe(s2);
  expect(swapped.jump.count).toBe(0);
});
