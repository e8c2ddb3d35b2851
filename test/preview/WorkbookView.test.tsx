/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ExcelEmulator } from "../../src/emulator";
import { translator } from "../../src/i18n";
import { emptyWorkbook } from "../../src/preview/shell";
import { WorkbookView } from "../../src/preview/WorkbookView";
import { installDomStubs } from "../helpers/dom";
import { cell, sampleEmulator } from "../helpers/workbook";

beforeAll(() => {
  installDomStubs();
  // jsdom lays nothing out: give the grid's scroll box a window's size, so rows are drawn.
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1200 });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 700 });
  HTMLElement.prototype.scrollIntoView = () => {};
  window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
});

/** The view over an emulator, redrawn after each of its runs as the preview redraws it. */
function view(emu: ExcelEmulator, lang: "zh-CN" | "en-US" = "zh-CN") {
  const errors: string[] = [];
  let version = 0;
  const t = translator(lang);
  const el = () => <WorkbookView emu={emu} version={version} t={t} onError={(m) => errors.push(m)} />;
  const r = render(el());
  emu.hooks.onRunComplete = () => {
    version++;
    r.rerender(el());
  };
  return { ...r, errors, grid: () => screen.getByTestId("grid") };
}

const cellEl = (a1: string) => document.querySelector(`[data-cell="${a1}"]`) as HTMLElement;

async function showSheet(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
  await waitFor(() => expect(screen.getByRole("tab", { name }).getAttribute("aria-selected")).toBe("true"));
}

test("the grid's selection is the workbook's: getActiveCell and getSelectedRange see a click and a Shift+arrow", async () => {
  const { emu } = await sampleEmulator("zh");
  const { grid } = view(emu);
  await showSheet("7 客户组合".startsWith("7") && emu.model.sheetByName("7 客户组合") ? "7 客户组合" : "2 竞争分析");
  await showSheet("2 竞争分析");
  fireEvent.mouseDown(cellEl("C11"), { button: 0 });
  fireEvent.keyDown(grid(), { key: "ArrowDown", shiftKey: true });
  fireEvent.keyDown(grid(), { key: "ArrowRight", shiftKey: true });
  await waitFor(() => expect(emu.model.selection?.rect).toEqual({ r0: 10, c0: 2, r1: 11, c1: 3 }));
  const seen = await emu.run(async (context) => {
    const active = context.workbook.getActiveCell();
    const range = context.workbook.getSelectedRange();
    const ws = context.workbook.worksheets.getActiveWorksheet();
    active.load("address");
    range.load("address");
    ws.load("name");
    await context.sync();
    return { active: active.address, range: range.address, sheet: ws.name };
  });
  expect(seen).toEqual({ active: "'2 竞争分析'!C11", range: "'2 竞争分析'!C11:D12", sheet: "2 竞争分析" });
  // The active cell is the grid's active descendant, named by its address and value.
  expect(grid().getAttribute("aria-activedescendant")).toBe(cellEl("C11").id);
  expect(cellEl("C11").getAttribute("aria-label")).toBe(`C11 ${cellEl("C11").textContent}`);
}, 60_000);

test("an entry commits on Enter (down), Tab (right) and click-away; Esc cancels it", async () => {
  const { emu } = await sampleEmulator("zh");
  const { grid, errors } = view(emu);
  await showSheet("2 竞争分析");
  fireEvent.mouseDown(cellEl("C11"), { button: 0 });
  fireEvent.keyDown(grid(), { key: "4" });
  let editor = screen.getByTestId("cell-editor") as HTMLInputElement;
  expect(editor.value).toBe("4");
  fireEvent.keyDown(editor, { key: "Tab" });
  await waitFor(() => expect(cell(emu, "2 竞争分析", "C11")).toBe(4));
  await waitFor(() => expect(screen.getByTestId("name-box").textContent).toBe("D11"));
  // Esc: nothing written.
  const d11 = cell(emu, "2 竞争分析", "D11");
  expect(d11).not.toBe(2);
  fireEvent.keyDown(grid(), { key: "2" });
  editor = screen.getByTestId("cell-editor") as HTMLInputElement;
  fireEvent.keyDown(editor, { key: "Escape" });
  expect(screen.queryByTestId("cell-editor")).toBeNull();
  await new Promise((r) => setTimeout(r, 50));
  expect(cell(emu, "2 竞争分析", "D11")).toBe(d11);
  // Click-away commits.
  fireEvent.keyDown(grid(), { key: "3" });
  editor = screen.getByTestId("cell-editor") as HTMLInputElement;
  fireEvent.blur(editor);
  await waitFor(() => expect(cell(emu, "2 竞争分析", "D11")).toBe(3));
  // Enter commits and moves down.
  fireEvent.keyDown(grid(), { key: "F2" });
  editor = screen.getByTestId("cell-editor") as HTMLInputElement;
  fireEvent.change(editor, { target: { value: "5" } });
  fireEvent.keyDown(editor, { key: "Enter" });
  await waitFor(() => expect(cell(emu, "2 竞争分析", "D11")).toBe(5));
  await waitFor(() => expect(screen.getByTestId("name-box").textContent).toBe("D12"));
  expect(errors).toEqual([]);
}, 60_000);

test("data validation refuses 9 in a 1–5 rating with the rule's Stop alert, in the UI's language; Retry returns to the entry", async () => {
  const { emu } = await sampleEmulator("zh");
  const { grid } = view(emu);
  await showSheet("2 竞争分析");
  const before = cell(emu, "2 竞争分析", "D11");
  fireEvent.mouseDown(cellEl("D11"), { button: 0 });
  fireEvent.keyDown(grid(), { key: "9" });
  fireEvent.keyDown(screen.getByTestId("cell-editor"), { key: "Enter" });
  const alert = await screen.findByRole("alertdialog");
  expect(within(alert).getByRole("heading").textContent).toBe("输入无效");
  expect(alert.textContent).toContain("请输入 1 到 5 之间的整数。");
  expect(cell(emu, "2 竞争分析", "D11")).toBe(before);
  fireEvent.click(within(alert).getByRole("button", { name: "重试" }));
  const editor = (await screen.findByTestId("cell-editor")) as HTMLInputElement;
  expect(editor.value).toBe("9");
  fireEvent.keyDown(editor, { key: "Escape" });
  expect(cell(emu, "2 竞争分析", "D11")).toBe(before);
  // The API writes what it is given, as Excel's API does: validation is the UI's.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("2 竞争分析").getRange("D11").values = [[9]];
    await context.sync();
  });
  expect(cell(emu, "2 竞争分析", "D11")).toBe(9);
}, 60_000);

test("a locked formula cell says, in English, that it holds a formula and where to type instead", async () => {
  const { emu } = await sampleEmulator("en");
  const { grid } = view(emu, "en-US");
  await showSheet("2 Competition");
  fireEvent.mouseDown(cellEl("I11"), { button: 0 });
  fireEvent.keyDown(grid(), { key: "7" });
  const alert = await screen.findByRole("alertdialog");
  expect(screen.queryByTestId("cell-editor")).toBeNull();
  const formula = emu.model.formula(emu.model.sheetByName("2 Competition")!, 10, 8) as string;
  expect(alert.textContent).toContain(`Cell I11 is calculated by a formula (${formula.slice(0, 20)}`);
  // The nearest input on row 11 is the last rating column before I.
  expect(alert.textContent).toContain("Type into an input cell instead, such as H11 on this sheet.");
  fireEvent.click(within(alert).getByRole("button", { name: "OK" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
}, 60_000);

test("copy puts the shown cells on the clipboard as tab-separated text; paste from another application writes a block", async () => {
  const emu = await emptyWorkbook();
  const { grid } = view(emu, "en-US");
  fireEvent.mouseDown(cellEl("B2"), { button: 0 });
  const text = 'Month\tCustomer\tAmount\r\n2002-10\t"Ping An, Fuzhou"\t28120.83\r\n2002-11\tCMB\t"1,200"\r\n';
  fireEvent.paste(grid(), { clipboardData: { getData: () => text } });
  await waitFor(() => expect(cell(emu, "Sheet1", "D3")).toBe(28120.83));
  expect(cell(emu, "Sheet1", "B2")).toBe("Month");
  expect(cell(emu, "Sheet1", "C3")).toBe("Ping An, Fuzhou");
  // Typed as Excel takes typed text: "1,200" is the number 1200.
  expect(cell(emu, "Sheet1", "D4")).toBe(1200);
  // The pasted block is selected, and copies back as the cells show it.
  await waitFor(() => expect(emu.model.selection?.rect).toEqual({ r0: 1, c0: 1, r1: 3, c1: 3 }));
  let copied = "";
  fireEvent.copy(grid(), { clipboardData: { setData: (_: string, v: string) => (copied = v) } });
  const lines = copied.split("\r\n");
  expect(lines.length).toBe(4); // three rows, each ended by CR LF
  expect(lines[3]).toBe("");
  expect(lines[0]).toBe("Month\tCustomer\tAmount");
  expect(lines[1].split("\t").slice(1)).toEqual(["Ping An, Fuzhou", "28120.83"]);
  // Typed "1,200" took Excel's thousands format, and is shown (and copied) so.
  expect(lines[2].split("\t").slice(1)).toEqual(["CMB", "1,200"]);
}, 30_000);

test("Ctrl+PgDn and Ctrl+PgUp switch sheets; the sheet tabs are one tab stop", async () => {
  const { emu } = await sampleEmulator("zh");
  const { grid } = view(emu);
  await showSheet("1 行业分析");
  fireEvent.keyDown(grid(), { key: "PageDown", ctrlKey: true });
  await waitFor(() =>
    expect(screen.getByRole("tab", { name: "2 竞争分析" }).getAttribute("aria-selected")).toBe("true"),
  );
  fireEvent.keyDown(grid(), { key: "PageUp", ctrlKey: true });
  await waitFor(() =>
    expect(screen.getByRole("tab", { name: "1 行业分析" }).getAttribute("aria-selected")).toBe("true"),
  );
  const tabs = screen.getAllByRole("tab");
  expect(tabs.length).toBe(emu.model.sheets.filter((s) => s.visibility === "Visible").length);
  expect(tabs.filter((x) => x.tabIndex === 0).length).toBe(1);
  // Tab is left to the browser: the grid is one tab stop.
  const ev = fireEvent.keyDown(grid(), { key: "Tab" });
  expect(ev).toBe(true);
}, 60_000);

test("a real ARIA grid: column headers and rows of cells inside it, the charts outside it", async () => {
  const { emu } = await sampleEmulator("zh");
  const { grid } = view(emu);
  await showSheet("1 行业分析");
  const g = grid();
  const rows = within(g).getAllByRole("row");
  expect(rows.length).toBeGreaterThan(20);
  expect(within(rows[0]).getAllByRole("columnheader")[0].textContent).toBe("A");
  expect(within(rows[1]).getAllByRole("gridcell").length).toBeGreaterThan(5);
  const charts = document.querySelectorAll("[data-chart]");
  expect(charts.length).toBe(emu.model.sheetByName("1 行业分析")!.charts.length);
  expect(charts.length).toBeGreaterThan(0);
  charts.forEach((c) => expect(g.contains(c)).toBe(false));
}, 60_000);

test("hidden helper columns show nothing (no cell, no header, no spilled text) and the arrow keys pass over them, as in Excel; Ctrl+Home scrolls back to the top", async () => {
  const { emu } = await sampleEmulator("zh");
  const { grid } = view(emu);
  await showSheet("5 支撑能力");
  const sheet = emu.model.sheetByName("5 支撑能力")!;
  // The Support sheet's plumbing (fibre flag, keys, requirement flags) sits in R:AB, hidden.
  const hidden = Array.from({ length: 30 }, (_, c) => c).filter((c) => sheet.hiddenColumns.has(c));
  expect(hidden).toEqual(Array.from({ length: 11 }, (_, k) => 17 + k));
  const name = (el: Element) => /^([A-Z]+)\d+$/.exec(el.getAttribute("data-cell") ?? "")?.[1] ?? "";
  const drawnHidden = () =>
    Array.from(document.querySelectorAll("[data-cell]"))
      .map(name)
      .concat(
        within(grid())
          .getAllByRole("columnheader")
          .map((h) => h.textContent ?? ""),
      )
      .filter((c) => /^(R|S|T|U|V|W|X|Y|Z|AA|AB)$/.test(c));
  // Scrolled right so that Q, the empty column right of the matrix, and AC are drawn: R:AB lie between.
  const scroller = screen.getByTestId("grid-scroller");
  Object.defineProperty(scroller, "scrollLeft", { configurable: true, writable: true, value: 700 });
  // …and down to the matrix, whose rows hold the keys (";网元出租;DDN;…") in R:AB.
  Object.defineProperty(scroller, "scrollTop", { configurable: true, writable: true, value: 450 });
  fireEvent.scroll(scroller);
  await waitFor(() =>
    expect(
      within(grid())
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(expect.arrayContaining(["Q", "AC"])),
  );
  expect(cellEl("P31")).not.toBeNull();
  expect(drawnHidden()).toEqual([]);
  expect(
    Array.from(document.querySelectorAll("[data-cell]")).some((e) => /^;|光纤\(1\/0\)/.test(e.textContent ?? "")),
  ).toBe(false);
  // From P31, ArrowRight goes to Q31, then over R:AB to AC31; ArrowLeft comes back to Q31.
  fireEvent.mouseDown(cellEl("P31"), { button: 0 });
  fireEvent.keyDown(grid(), { key: "ArrowRight" });
  await waitFor(() => expect(screen.getByTestId("name-box").textContent).toBe("Q31"));
  fireEvent.keyDown(grid(), { key: "ArrowRight" });
  await waitFor(() => expect(screen.getByTestId("name-box").textContent).toBe("AC31"));
  fireEvent.keyDown(grid(), { key: "ArrowLeft" });
  await waitFor(() => expect(screen.getByTestId("name-box").textContent).toBe("Q31"));
  // Ctrl+Home: A1, in the frozen title row, and the rows under it scrolled back to the top.
  fireEvent.keyDown(grid(), { key: "Home", ctrlKey: true });
  await waitFor(() => expect(screen.getByTestId("name-box").textContent).toBe("A1"));
  expect([scroller.scrollTop, scroller.scrollLeft]).toEqual([0, 0]);
  // The helpers still compute: the headquarters' fibre flag (R31) is 1.
  expect(cell(emu, "5 支撑能力", "R31")).toBe(1);
}, 60_000);
