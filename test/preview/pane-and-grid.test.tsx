/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useEffect, useState } from "react";
import type { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import { translator } from "../../src/i18n";
import type { HostInfo } from "../../src/office/host";
import { WorkbookView } from "../../src/preview/WorkbookView";
import { columnLetter } from "../../src/address";
import { PORTFOLIO_HEAD } from "../../src/layout/anchors";
import { App } from "../../src/taskpane/App";
import { installDomStubs } from "../helpers/dom";
import { cell, emulatorRun, generateSampleRoute, sampleEmulator } from "../helpers/workbook";

const host: HostInfo = {
  kind: "preview",
  nameKey: "host.preview",
  displayLanguage: "zh-CN",
  theme: "light",
  excelApi: null,
};

beforeAll(() => {
  installDomStubs();
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1200 });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 700 });
  HTMLElement.prototype.scrollIntoView = () => {};
  window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
});

/** Calls `changed` after each run that wrote something; returns the way to stop. */
function watchRuns(emu: ExcelEmulator, changed: () => void): () => void {
  emu.hooks.onRunComplete = (stats) => {
    if (stats.syncs.some((x) => !x.readOnly && x.operations > 0)) changed();
  };
  return () => {
    emu.hooks.onRunComplete = undefined;
  };
}

/** The preview in small: the task pane beside the grid, over one emulator, redrawn after its runs. */
function Preview(props: { emu: ExcelEmulator; displayLanguage?: string }) {
  const [version, setVersion] = useState(0);
  const [locale, setLocale] = useState<"zh-CN" | "en-US">("zh-CN");
  // Redrawn after runs that changed something, as the preview redraws (src/preview/usePreviewWorkbook).
  useEffect(() => watchRuns(props.emu, () => setVersion((v) => v + 1)), [props.emu]);
  return (
    <div>
      <aside>
        <App
          embedded
          host={{ ...host, displayLanguage: props.displayLanguage ?? "zh-CN" }}
          preferences={{ language: "auto", theme: "auto" }}
          run={emulatorRun(props.emu)}
          workbookVersion={version}
          onWorkbookChanged={() => setVersion((v) => v + 1)}
          onLocale={setLocale}
        />
      </aside>
      <main>
        <WorkbookView emu={props.emu} version={version} t={translator(locale)} onError={() => {}} />
      </main>
    </div>
  );
}

const sheetTab = (name: string) =>
  within(screen.getByTestId("sheet-tabs")).getByRole("tab", { name, exact: true } as never);
const stepTab = (name: RegExp) => within(screen.getByRole("tablist", { name: "六个步骤" })).getByRole("tab", { name });

test('"Plan this account" works from a Portfolio row selected in the grid, and the workbook then shows the overview', async () => {
  const { emu, run } = await sampleEmulator("zh");
  await generate(run, { steps: ["portfolio"] });
  // A single step's Generate shows that step's sheet.
  const portfolio = emu.model.sheetByName("7 客户组合")!;
  expect(emu.model.activeSheetId).toBe(portfolio.id);
  render(<Preview emu={emu} />);
  expect(sheetTab("7 客户组合").getAttribute("aria-selected")).toBe("true");
  // The row of 中国工商银行福州分行 (its name in the column headed 客户).
  const nameColumn = Array.from({ length: 22 }, (_, c) => emu.model.value(portfolio, PORTFOLIO_HEAD - 1, c)).indexOf(
    "客户",
  );
  expect(nameColumn).toBeGreaterThan(0);
  let row = -1;
  for (let r = PORTFOLIO_HEAD; r < PORTFOLIO_HEAD + 60; r++)
    if (emu.model.value(portfolio, r, nameColumn) === "中国工商银行福州分行") row = r;
  expect(row).toBeGreaterThanOrEqual(PORTFOLIO_HEAD);
  const key = String(emu.model.value(portfolio, row, 0));
  fireEvent.mouseDown(document.querySelector(`[data-cell="${columnLetter(nameColumn)}${row + 1}"]`)!, { button: 0 });
  fireEvent.click(stepTab(/客户组合/));
  fireEvent.click(await screen.findByRole("button", { name: "为此客户制定计划" }));
  const done = await screen.findByText(/^已生成 1 行业分析/, undefined, { timeout: 40_000 });
  expect(done).toBeTruthy();
  expect(screen.queryByText(/请先在“客户组合”表中选中/)).toBeNull();
  expect(screen.getByText(/中国工商银行福州分行：每月/)).toBeTruthy();
  expect((screen.getByLabelText("重点客户（编号或名称）") as HTMLInputElement).value).toBe(key);
  // After Generate all the workbook, and the grid, show the overview.
  await waitFor(() => expect(sheetTab("0 概览").getAttribute("aria-selected")).toBe("true"));
  expect(emu.model.activeSheetId).toBe(emu.model.sheetByName("0 概览")!.id);
}, 90_000);

test("the untouched sample refreshes to a success message whose site note is labelled as the sample's; Refresh of one step shows its sheet", async () => {
  const { emu } = await sampleEmulator("zh");
  render(<Preview emu={emu} />);
  await screen.findByRole("button", { name: "全部刷新" });
  expect(screen.getByTestId("action-status").textContent).toBe(
    "已生成：修改输入后点击“刷新”更新此步骤，或“全部刷新”。",
  );
  fireEvent.click(screen.getByRole("button", { name: "全部刷新" }));
  const done = await screen.findByText(/^已生成 1 行业分析/, undefined, { timeout: 40_000 });
  const bar = done.closest('[role="status"]') as HTMLElement;
  expect(bar.className).not.toMatch(/warning/i);
  expect(within(bar).getByText(/^示例数据有意保留的提示：工作表“站点”第 8 行：站点“福清支公司”/)).toBeTruthy();
  // Focus came back to the button that started the run.
  await waitFor(() => expect(document.activeElement?.textContent).toBe("全部刷新"));
  // One step: its sheet is shown.
  fireEvent.click(stepTab(/竞争/));
  fireEvent.click(screen.getByRole("button", { name: "刷新" }));
  await waitFor(() => expect(sheetTab("2 竞争分析").getAttribute("aria-selected")).toBe("true"), { timeout: 30_000 });
}, 90_000);

test("an en-US pane on the Chinese sample keeps Chinese tab names (the document's language) and relabels the grid in English", async () => {
  const { emu } = await sampleEmulator("zh");
  render(<Preview emu={emu} displayLanguage="en-US" />);
  // The grid speaks the pane's language.
  await waitFor(() => expect(screen.getByTestId("grid").getAttribute("aria-label")).toBe("Cells of sheet “0 概览”"));
  fireEvent.click(
    within(screen.getByRole("tablist", { name: "The six steps" })).getByRole("tab", { name: /Account portfolio/ }),
  );
  fireEvent.click(await screen.findByRole("button", { name: "Generate" }));
  await waitFor(() => expect(emu.model.sheetByName("7 客户组合")).toBeDefined(), { timeout: 40_000 });
  expect(emu.model.sheetByName("7 Portfolio")).toBeUndefined();
}, 90_000);

test('the normalised copy goes to "SixStep data", and the message says which problem sent it there and where', async () => {
  const { emu } = await generateSampleRoute("copy");
  expect(emu.model.sheetByName("SixStep data")).toBeDefined();
  expect(emu.model.sheetByName("Data")).toBeUndefined();
  // Read through the copy, Ping An's Q4 average is still the deck's figure.
  const sheet = emu.model.sheetByName("SixStep data")!;
  expect(emu.model.values(sheet, { r0: 0, r1: 0, c0: 0, c1: 6 })[0]).toEqual([
    "period",
    "customerId",
    "customer",
    "industry",
    "subIndustry",
    "service",
    "amount",
  ]);
  // Refresh: the message names the problem and its first cells.
  const again = await generate(emulatorRun(emu), {});
  const note = again.figures.warnings.find((w) => w.startsWith("Formulas cannot read the revenue table directly"));
  expect(note).toBe(
    "Formulas cannot read the revenue table directly: amounts stored as text (e.g. Revenue!G2, Revenue!G3, Revenue!G4). They read a normalised copy on sheet “SixStep data” instead, which Refresh re-copies.",
  );
  // Read through the copy, Ping An's Q4-2002 monthly average is still 64,007.80.
  expect(cell(emu, "Revenue", "G2")).toMatch(/ 元$/);
  expect(again.figures.focus?.monthlyAverage).toBeCloseTo(64_007.8, 2);
});
