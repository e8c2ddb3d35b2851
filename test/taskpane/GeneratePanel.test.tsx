/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ExcelEmulator } from "../../src/emulator";
import type { PaneState, PaneWorkbook } from "../../src/excel/pane";
import type { GenerateOptions, GenerateResult } from "../../src/excel/pipeline";
import { translator } from "../../src/i18n";
import type { HostInfo } from "../../src/office/host";
import { App } from "../../src/taskpane/App";
import { customerChoices, GeneratePanel } from "../../src/taskpane/components/GeneratePanel";
import { I18nContext } from "../../src/taskpane/i18n-context";
import { installDomStubs } from "../helpers/dom";
import { englishHeadersWorkbook } from "../fixtures/english-headers";
import { cell, emulatorRun, sampleEmulator } from "../helpers/workbook";

const preview: HostInfo = {
  kind: "preview",
  nameKey: "host.preview",
  displayLanguage: "zh-CN",
  theme: "light",
  excelApi: null,
};

beforeAll(installDomStubs);

/** The pane in English (auto language, English Office) over an emulator workbook. */
const renderEnglish = (emu: ExcelEmulator) =>
  render(
    <App
      host={{ ...preview, displayLanguage: "en-US" }}
      preferences={{ language: "auto", theme: "auto" }}
      run={emulatorRun(emu)}
    />,
  );

test("Generate all from the task pane: settings from the document, headline figures in the message", async () => {
  const { emu, run } = await sampleEmulator("zh");
  let changed = 0;
  render(
    <App
      host={preview}
      preferences={{ language: "auto", theme: "auto" }}
      run={run}
      onWorkbookChanged={() => changed++}
    />,
  );
  // The saved settings fill the form; the revenue table is the detected candidate.
  await waitFor(() => expect((screen.getByLabelText("分析期间") as HTMLInputElement).value).toBe("2002-Q4"));
  expect((screen.getByLabelText("重点客户（编号或名称）") as HTMLInputElement).value).toBe("110");
  expect((screen.getByLabelText("计划年度") as HTMLInputElement).value).toBe("2003");
  fireEvent.click(screen.getByRole("button", { name: "全部刷新" }));
  const done = await screen.findByText(/^已生成 1 行业分析, 2 竞争分析/, undefined, { timeout: 20_000 });
  expect(done.textContent).toContain("100% = 每月 2,560 万元");
  expect(screen.getByText("中国平安人寿保险有限公司福州分公司：每月 64,007.80 元（占保险 14.2%）")).toBeTruthy();
  expect(changed).toBeGreaterThan(0);
  expect(emu.model.sheetByName("0 概览")).toBeDefined();
}, 30_000);

test("a bad period gives an error message bar and writes nothing", async () => {
  const { emu, run } = await sampleEmulator("en");
  const before = emu.model.sheets.map((s) => s.name);
  render(
    <App host={{ ...preview, displayLanguage: "en-US" }} preferences={{ language: "auto", theme: "auto" }} run={run} />,
  );
  const period = await screen.findByLabelText("Analysis period");
  await waitFor(() => expect((period as HTMLInputElement).value).toBe("2002-Q4"));
  fireEvent.change(period, { target: { value: "2009-Q1" } });
  fireEvent.click(screen.getByRole("button", { name: "Refresh all" }));
  const alert = await screen.findByRole("alert", undefined, { timeout: 20_000 });
  expect(alert.textContent).toContain(
    "The revenue table has no rows in 2009-Q1. Pick a period the table covers (2002-07 to 2002-12).",
  );
  expect(emu.model.sheets.map((s) => s.name)).toEqual(before);
}, 30_000);

test("an empty workbook: the message says there is no revenue table", async () => {
  renderEnglish(new ExcelEmulator());
  fireEvent.click(await screen.findByRole("button", { name: "Generate all" }));
  const alert = await screen.findByRole("alert", undefined, { timeout: 20_000 });
  expect(alert.textContent).toMatch(/^No revenue table found/);
});

test("each step shows its status, and appended data makes generated steps out of date", async () => {
  const { emu, run } = await sampleEmulator("en");
  const { rerender } = render(
    <App
      host={{ ...preview, displayLanguage: "en-US" }}
      preferences={{ language: "auto", theme: "auto" }}
      run={run}
      workbookVersion={0}
    />,
  );
  await waitFor(() => expect(screen.getAllByRole("tab")[0].textContent).toContain("Generated"));
  await emu.run(async (context) => {
    context.workbook.tables
      .getItem("Revenue")
      .rows.add(undefined, [[37561, "110", "Ping An", "Finance", "Insurance", "Data", 10]]);
    await context.sync();
  });
  rerender(
    <App
      host={{ ...preview, displayLanguage: "en-US" }}
      preferences={{ language: "auto", theme: "auto" }}
      run={run}
      workbookVersion={1}
    />,
  );
  await waitFor(() =>
    expect(screen.getAllByRole("tab")[1].textContent).toContain("Out of date: the data changed — Refresh"),
  );
});

test("a table with unknown headers is mapped by hand, and the mapping is remembered in the workbook", async () => {
  const emu = await englishHeadersWorkbook();
  renderEnglish(emu);
  fireEvent.click(await screen.findByRole("button", { name: "Generate all" }));
  // The closest table (Client and Sector recognised) is named with what it lacks, and what its header holds.
  const alert = (await screen.findByRole("alert", undefined, { timeout: 20_000 })).textContent!;
  expect(alert).toMatch(/^Sheet “Sales”, header row 1: no month column/);
  expect(alert).toContain("the headers found are Mon, Client, Sector, Offer, Value.");
  fireEvent.click(screen.getByRole("button", { name: "Map columns…" }));
  // The first rows of the table show, to check the columns against.
  expect(await screen.findByRole("table", { name: "First rows of the table" }, { timeout: 10_000 })).toBeTruthy();
  expect(screen.getByRole("note").textContent).toBe("Still missing: month, service, amount. Pick the column for each.");
  const pick = (field: string, header: string) => {
    const select = screen.getByLabelText(field) as HTMLSelectElement;
    const option = [...select.options].find((o) => o.textContent === header)!;
    fireEvent.change(select, { target: { value: option.value } });
  };
  pick("month *", "Mon");
  pick("customer *", "Client");
  pick("service *", "Offer");
  pick("amount *", "Value");
  expect(screen.queryByRole("note")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Generate all" }));
  const done = await screen.findByText(/^Generated 1 Industry/, undefined, { timeout: 20_000 });
  expect(done.textContent).toContain("Total: ¥2.0m a month");
  // The sheet's formulas agree: text months ("2002-10") are read through the normalised copy.
  expect(emu.model.sheetByName("SixStep data")).toBeDefined();
  expect(screen.getByText(/months written as text \(e.g. Sales!A2, Sales!A3, Sales!A4\)/)).toBeTruthy();
  expect(cell(emu, "1 Industry", "A9")).toBe("Total: ¥2.0m a month");
  expect((emu.model.settings.get("sixstep.settings") as { mapping: object }).mapping).toEqual({
    period: 0,
    customer: 1,
    service: 3,
    amount: 4,
  });
}, 40_000);

test("the focus customer is picked from the data: customers by row count, filtered as one types", async () => {
  const { run } = await sampleEmulator("zh");
  render(<App host={preview} preferences={{ language: "auto", theme: "auto" }} run={run} />);
  // 36 customers in the sample's revenue.csv (558 rows).
  expect(await screen.findByText("表中共 36 个客户", undefined, { timeout: 10_000 })).toBeTruthy();
  const focus = screen.getByRole("combobox", { name: "重点客户（编号或名称）" }) as HTMLInputElement;
  await waitFor(() => expect(focus.value).toBe("110"));
  fireEvent.click(focus); // opens the list
  fireEvent.change(focus, { target: { value: "平安" } });
  const options = within(await screen.findByRole("listbox")).getAllByRole("option");
  expect(options.map((o) => o.textContent)).toEqual(["中国平安人寿保险有限公司福州分公司"]);
  fireEvent.click(options[0]);
  await waitFor(() => expect(focus.value).toBe("中国平安人寿保险有限公司福州分公司"));
  fireEvent.click(screen.getByRole("button", { name: "全部刷新" }));
  expect(
    await screen.findByText("中国平安人寿保险有限公司福州分公司：每月 64,007.80 元（占保险 14.2%）", undefined, {
      timeout: 20_000,
    }),
  ).toBeTruthy();
}, 40_000);

test("customers for the picker: most rows first, ties by name, blanks ignored", () => {
  expect(customerChoices(["B", "A", "B", null, " ", "C", "A", "B"])).toEqual([
    { name: "B", rows: 3 },
    { name: "A", rows: 2 },
    { name: "C", rows: 1 },
  ]);
});

test("the current selection is offered as a source, after tables and matching ranges, and is remembered", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Sales");
    ws.getRange("A1").values = [["Monthly revenue, Q4 2002"]];
    ws.getRange("A3:E6").values = [
      ["Month", "Customer", "Industry", "Service", "Amount"],
      ["2002-10", "A Ltd", "Finance", "Data", 1_000_000],
      ["2002-11", "A Ltd", "Finance", "Data", 2_000_000],
      ["2002-12", "B Ltd", "Government", "Voice", 3_000_000],
    ];
    ws.getRange("H1").values = [["notes"]];
    ws.getRange("A3:E6").select();
    await context.sync();
  });
  const { unmount } = renderEnglish(emu);
  const picker = (await screen.findByLabelText("Revenue table")) as HTMLSelectElement;
  await waitFor(() => expect([...picker.options].map((o) => o.textContent)).toContain("Selection Sales!A3:E6 ✓"));
  // The sheet's used range matches too: its header is found below the title (a matching range comes first).
  expect([...picker.options].map((o) => o.textContent)).toEqual([
    "Detect automatically",
    "Sales ✓",
    "Selection Sales!A3:E6 ✓",
  ]);
  // Defaults derived from the data, shown until the analyst types others.
  const period = screen.getByLabelText("Analysis period") as HTMLInputElement;
  await waitFor(() => expect(period.placeholder).toBe("2002-Q4"));
  expect(screen.getByText("Default: 2002-Q4, the latest quarter in the data")).toBeTruthy();
  expect((screen.getByLabelText("Comparison period") as HTMLInputElement).placeholder).toBe("2002-Q3");
  fireEvent.change(picker, { target: { value: "Sales!A3:E6" } });
  fireEvent.click(screen.getByRole("button", { name: "Generate all" }));
  const done = await screen.findByText(/^Generated 1 Industry/, undefined, { timeout: 20_000 });
  expect(done.textContent).toContain("Total: ¥2.0m a month");
  expect((emu.model.settings.get("sixstep.settings") as { revenueTable: string }).revenueTable).toBe("Sales!A3:E6");
  unmount();
  // Reopened with the selection elsewhere: the saved range is still offered and chosen.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("Sales").getRange("H1").select();
    await context.sync();
  });
  renderEnglish(emu);
  const again = (await screen.findByLabelText("Revenue table")) as HTMLSelectElement;
  await waitFor(() => expect(again.value).toBe("Sales!A3:E6"));
  expect(again.selectedOptions[0].textContent).toBe("Range Sales!A3:E6 ✓");
  expect(screen.getByRole("button", { name: "Refresh all" })).toBeTruthy();
}, 40_000);

test("the site table is picked like the revenue table: site tables first; a wrong pick gets a message naming it", async () => {
  const { emu, run } = await sampleEmulator("en");
  render(
    <App host={{ ...preview, displayLanguage: "en-US" }} preferences={{ language: "auto", theme: "auto" }} run={run} />,
  );
  const sites = (await screen.findByLabelText("Site table")) as HTMLSelectElement;
  await waitFor(() => expect(sites.value).toBe("Sites"));
  expect([...sites.options].map((o) => o.textContent)).toEqual([
    "Detect automatically",
    "Sites (Sites) ✓",
    "Revenue (Revenue)",
  ]);
  fireEvent.change(sites, { target: { value: "Revenue" } });
  fireEvent.click(screen.getByRole("button", { name: "Refresh all" }));
  const alert = await screen.findByRole("alert", undefined, { timeout: 20_000 });
  expect(alert.textContent).toContain(
    "Sheet “Revenue”, header row 1: no site column (looked for 站点, 网点, site, location). Add the column or rename its header to one of these, or pick another site table.",
  );
  expect(screen.getByRole("button", { name: "Go to Revenue!A1" })).toBeTruthy();
  // Nothing was written: the saved choice is still the real site table.
  expect((emu.model.settings.get("sixstep.settings") as { sitesTable: string }).sitesTable).toBe("Sites");
}, 30_000);

test("the mapping view checks the first rows under the mapping and words problems as Generate would", async () => {
  const emu = await englishHeadersWorkbook();
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("Sales").getRange("E3").values = [["n/a"]];
    await context.sync();
  });
  renderEnglish(emu);
  fireEvent.click(await screen.findByRole("button", { name: "Map columns…" }));
  await screen.findByRole("table", { name: "First rows of the table" });
  for (const [field, header] of [
    ["month *", "Mon"],
    ["customer *", "Client"],
    ["service *", "Offer"],
    ["amount *", "Value"],
  ]) {
    const select = screen.getByLabelText(field) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: [...select.options].find((o) => o.textContent === header)!.value } });
  }
  const list = await screen.findByRole("list", { name: "Problems in the first 200 rows" });
  expect(list.textContent).toBe("Sheet “Sales”, cell E3: “n/a” is not an amount. Use a number such as 28,120.83.");
  // Fixed in the workbook, the view (re-opened) has nothing to report.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("Sales").getRange("E3").values = [[2_000_000]];
    await context.sync();
  });
  fireEvent.click(screen.getByRole("button", { name: "Map columns…" }));
  fireEvent.click(screen.getByRole("button", { name: "Map columns…" }));
  // Once the rows are read again (the fixed amount shows), nothing is listed.
  const table = await screen.findByRole("table", { name: "First rows of the table" });
  await within(table).findByText("2000000");
  expect(screen.queryByRole("list", { name: "Problems in the first 200 rows" })).toBeNull();
}, 30_000);

test("the panel runs on the workbook it is handed: a fake PaneWorkbook, no Excel and no emulator", async () => {
  const reads: unknown[] = [];
  const runs: GenerateOptions[] = [];
  let finish: (r: GenerateResult) => void = () => undefined;
  const fake: PaneWorkbook = {
    async readState(mapping) {
      reads.push(mapping);
      return {
        snap: { settings: { period: "2002-Q4", planYear: 2003 } } as unknown as PaneState["snap"],
        statuses: { industry: { status: reads.length > 1 ? "generated" : "notGenerated" } },
        candidates: [
          {
            kind: "table",
            name: "Revenue",
            sheet: "Data",
            address: "A1:G9",
            headers: ["Month", "Customer"],
            matches: true,
            site: false,
          },
        ],
      };
    },
    readColumns: async () => [],
    dataDefaults: async () => ({ names: ["Ping An", "CMB", "Ping An"], period: "2002-Q4", compare: "2002-Q3" }),
    firstRows: async () => ({ text: [], values: [] }),
    select: async () => undefined,
    selectedAccount: async () => null,
    generate(opts) {
      runs.push(opts);
      opts.onProgress?.({ index: 1, total: 2, phase: "industry" });
      return new Promise((resolve) => (finish = resolve));
    },
  };
  let changed = 0;
  const panel = (version: number) => (
    <I18nContext.Provider value={{ locale: "en-US", t: translator("en-US") }}>
      <GeneratePanel workbook={fake} run={null} step="industry" version={version} onChanged={() => changed++} />
    </I18nContext.Provider>
  );
  const { rerender } = render(panel(0));
  // The saved settings fill the form; the data's customers are offered for the focus.
  await waitFor(() => expect((screen.getByLabelText("Analysis period") as HTMLInputElement).value).toBe("2002-Q4"));
  expect(await screen.findByText("2 customers in the table")).toBeTruthy();
  expect(screen.getByLabelText<HTMLSelectElement>("Revenue table").selectedOptions[0].textContent).toBe(
    "Detect automatically",
  );
  fireEvent.click(screen.getByRole("button", { name: "Generate all" }));
  await screen.findByText("Step 1 of 2: Industry analysis");
  expect(runs[0].settings).toMatchObject({ lang: "en-US", period: "2002-Q4", planYear: 2003 });
  // The run's own writes bump the version: no read while it goes on.
  rerender(panel(1));
  await new Promise((r) => setTimeout(r, 20));
  expect(reads.length).toBe(1);
  finish({
    settings: { revenueTable: "Revenue", sitesTable: null, period: "2002-Q4", compare: "2002-Q3", focus: null },
    figures: { total: 2_000_000, warnings: [] },
    sheets: [{ step: "industry", name: "1 Industry", created: true }],
  } as unknown as GenerateResult);
  expect(await screen.findByText("Generated 1 Industry. Total: ¥2.0m a month.")).toBeTruthy();
  expect(changed).toBe(1);
  // Read again when it ended: the step now exists, so its button refreshes.
  await waitFor(() => expect(reads.length).toBe(2));
  expect(await screen.findByRole("button", { name: "Refresh" })).toBeTruthy();
});
