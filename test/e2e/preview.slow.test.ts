import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { main as cli } from "../../src/cli/main";
import type { WorkbookModel } from "../../src/emulator/model";
import { ARTIFACTS, buildApp, launch, serve } from "../helpers/browser";
import type { ExcelEmulator } from "../../src/emulator";
import { englishHeadersWorkbook } from "../fixtures/english-headers";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { revenueTable } from "../../bench/revenue-data";
import { revenueWorkbook } from "../../bench/workbook";

jest.setTimeout(180_000);

let dist: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  dist = await buildApp();
  server = await serve(dist);
  browser = await launch();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

async function open(query = "", options: { colorScheme?: "light" | "dark" } = {}): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 860 },
    locale: "zh-CN",
    acceptDownloads: true,
    // axe-core is injected as an inline script; the preview's own CSP is tested on taskpane.html.
    bypassCSP: true,
    colorScheme: options.colorScheme,
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/office\.js|appsforoffice|ERR_NAME_NOT_RESOLVED|ERR_INTERNET/i.test(m.text()))
      errors.push(m.text());
  });
  await page.goto(`${server.origin}/${query}`);
  await page.waitForFunction(() => window.__previewReady !== undefined, null, { timeout: 60_000 });
  return page;
}

const cellText = (page: Page, a1: string) => page.locator(`[data-cell="${a1}"]`).first().innerText();
const waitCellText = (page: Page, a1: string, text: string) =>
  page.waitForFunction(
    ([a, t]) => (document.querySelector(`[data-cell="${a}"]`) as HTMLElement | null)?.innerText === t,
    [a1, text],
  );

/** Every sheet's values, for comparing workbooks. */
function allValues(model: WorkbookModel): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const s of model.sheets) {
    const used = model.usedRect(s);
    out[s.name] = used ? model.values(s, used) : [];
  }
  return out;
}

test("the preview loads the sample workbook, measured over 5 loads, and switches sheets", async () => {
  const times: number[] = [];
  let page: Page | null = null;
  for (let i = 0; i < 5; i++) {
    await page?.close();
    page = await open();
    times.push(await page.evaluate(() => window.__previewReady!));
  }
  times.sort((a, b) => a - b);
  fs.writeFileSync(
    path.join(ARTIFACTS, "first-render.json"),
    JSON.stringify({
      medianMs: Math.round(times[2]),
      minMs: Math.round(times[0]),
      maxMs: Math.round(times[4]),
      runs: 5,
    }),
  );
  console.log(
    `preview first render (sample loaded and drawn): median ${times[2].toFixed(0)} ms of 5 (${times.map((t) => t.toFixed(0)).join(", ")})`,
  );
  const p = page!;
  // The workbook opens on the account plan's first page, the overview.
  await p.getByRole("tab", { name: "0 概览", exact: true }).waitFor();
  expect(await p.getByRole("tab", { name: "0 概览", exact: true }).getAttribute("aria-selected")).toBe("true");
  await p.getByRole("tab", { name: "1 行业分析", exact: true }).click();
  expect(await cellText(p, "A9")).toBe("100% = 2,560 万元");
  expect(await cellText(p, "C11")).toBe("38.0%");
  // The formula bar shows the selected cell's formula.
  await p.locator('[data-cell="B21"]').click();
  expect(await p.getByTestId("formula-bar").inputValue()).toBe("=SUM(B11:B20)");
  await p.screenshot({ path: path.join(ARTIFACTS, "preview.png") });
  await p.getByRole("tab", { name: "2 竞争分析", exact: true }).click();
  expect(await cellText(p, "A1")).toBe("第二步 · 竞争分析");
  // Harvey balls from the icon set: 电信 on 本地语音 scores 4.33 → a three-quarter ball (the
  // score matrix sits below the ratings: scroll down to it).
  await p.getByTestId("grid-scroller").evaluate((el) => {
    el.scrollTop = 560;
  });
  await p.locator('[data-cell="B41"]').waitFor();
  expect(await cellText(p, "B41")).toBe("◕4.33");
  await p.getByTestId("grid-scroller").evaluate((el) => {
    el.scrollTop = 0;
  });
  await p.screenshot({ path: path.join(ARTIFACTS, "preview-competition.png") });
  for (const [tab, file] of [
    ["4 方案分析", "preview-solutions.png"],
    ["5 支撑能力", "preview-support.png"],
    ["6 客户规划", "preview-planning.png"],
    ["0 概览", "preview-overview.png"],
  ]) {
    await p.getByRole("tab", { name: tab, exact: true }).click();
    await p.screenshot({ path: path.join(ARTIFACTS, file) });
  }
  // The Gantt: the first task (2003-01-06 → 2003-03-28) is drawn in January–March only.
  await p.getByRole("tab", { name: "6 客户规划", exact: true }).click();
  await p.getByTestId("grid-scroller").evaluate((el) => {
    el.scrollLeft = 640;
    el.scrollTop = 260;
  });
  await p.locator('[data-cell="L21"]').waitFor();
  await p.screenshot({ path: path.join(ARTIFACTS, "preview-gantt.png") });
  const bar = await p.locator('[data-cell="L21"]').evaluate((el) => getComputedStyle(el).backgroundColor);
  const after = await p.locator('[data-cell="N21"]').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bar).toBe("rgb(155, 194, 230)");
  expect(after).toBe("rgb(255, 255, 255)");
  await p.close();
  expect(errors).toEqual([]);
});

test("an edit typed into an input cell goes through the emulator and Generate all refreshes", async () => {
  const page = await open();
  await page.getByRole("tab", { name: "2 竞争分析", exact: true }).click();
  // 网通 on 本地语音 (row 11): all 5s make 网通 the leader.
  await page.locator('[data-cell="C11"]').click();
  await page.getByTestId("grid").press("5");
  await page.getByTestId("cell-editor").press("Enter");
  // The write goes through the emulator's (asynchronous) sync, as it would through Excel.
  await waitCellText(page, "C11", "5");
  await page.getByRole("button", { name: "全部刷新" }).click();
  await page.getByText(/已生成 1 行业分析, 2 竞争分析/).waitFor();
  // Refresh all shows the overview; back to the ratings.
  await page.getByRole("tab", { name: "0 概览", exact: true }).and(page.locator('[aria-selected="true"]')).waitFor();
  await page.getByRole("tab", { name: "2 竞争分析", exact: true }).click();
  expect(await cellText(page, "C11")).toBe("5"); // kept by Refresh
  expect(await page.getByRole("status").filter({ hasText: "100% = 每月 2,560 万元" }).count()).toBeGreaterThan(0);
  // A locked formula cell refuses the edit, as Excel's protection does, and says where to type.
  await page.locator('[data-cell="I10"]').click();
  await page.getByTestId("grid").press("7");
  const refusal = page.getByRole("alertdialog");
  await refusal.waitFor();
  expect(await refusal.innerText()).toMatch(/单元格 I10 由公式计算（=.*）.*请在输入单元格中键入，例如本表的 H10。/s);
  await page.keyboard.press("Enter");
  await refusal.waitFor({ state: "detached" });
  await page.close();
  expect(errors).toEqual([]);
});

test("imports an .xlsx and exports one that re-imports identically", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-io-"));
  const file = path.join(dir, "english.xlsx");
  expect(await cli(["sample", "-o", file, "--lang", "en"], { stdout: () => {}, stderr: () => {}, tty: false })).toBe(0);
  const page = await open();
  await page.getByTestId("open-file").setInputFiles(file);
  await page.getByRole("tab", { name: "1 Industry", exact: true }).waitFor();
  // Parsed in a worker, off the page's main thread.
  expect(await page.evaluate(() => window.__previewImport)).toBe("worker");
  await page.getByRole("tab", { name: "1 Industry", exact: true }).click();
  expect(await cellText(page, "A9")).toBe("Total: ¥25.6m a month");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "导出 .xlsx" }).click(),
  ]);
  const exported = path.join(dir, "exported.xlsx");
  await download.saveAs(exported);
  const original = await importXlsx(fs.readFileSync(file));
  const roundTrip = await importXlsx(fs.readFileSync(exported));
  expect(roundTrip.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
  expect(allValues(roundTrip)).toEqual(allValues(original));
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(errors).toEqual([]);
});

test("100,000 rows scroll: only the rows in view are drawn", async () => {
  const page = await open("?sample=empty");
  const ms = await page.evaluate(async () => {
    const t0 = performance.now();
    const emu = window.__emulator!;
    const rows = Array.from({ length: 100_000 }, (_, i) => [
      `2002-${(i % 12) + 1}`,
      `C${i % 500}`,
      "金融",
      "数据",
      i + 0.5,
    ]);
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.add("Big");
      ws.getRange("A1:E100000").values = rows;
      await context.sync();
    });
    return performance.now() - t0;
  });
  console.log(`100,000 rows written through the emulator in the browser: ${ms.toFixed(0)} ms`);
  await page.getByRole("tab", { name: "Big", exact: true }).click();
  const grid = page.getByTestId("grid");
  const scroller = page.getByTestId("grid-scroller");
  // 100,000 rows and 30 spare below, plus the column-letter header row.
  expect(await grid.getAttribute("aria-rowcount")).toBe("100031");
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.locator('[data-cell="E100000"]').waitFor();
  expect(await cellText(page, "E100000")).toBe("99999.5");
  expect(await page.locator("[data-cell]").count()).toBeLessThan(1500);
  await page.close();
  expect(errors).toEqual([]);
});

test("the task pane makes no network request but office.js, under its Content Security Policy", async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  const violations: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.waitForTimeout(3500); // past the host-detection timeout
  const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith("data:"));
  expect(foreign).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  expect(violations).toEqual([]);
  expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Six-Step Key-Account Analysis");
  await page.close();
});

test("axe-core finds no accessibility violations in the task pane (both languages, light and dark)", async () => {
  const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const report: string[] = [];
  for (const [locale, theme] of [
    ["zh-CN", "light"],
    ["en-US", "dark"],
  ] as const) {
    const page = await browser.newPage({ bypassCSP: true, locale, colorScheme: theme });
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const themeSelect = page.getByLabel(locale === "zh-CN" ? "主题" : "Theme");
    await themeSelect.selectOption(theme);
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => {
      // Fluent's focus manager (tabster) adds hidden focus sentinels that hand focus straight on;
      // they are not content, so they are left out of the audit.
      const r = await (
        window as unknown as {
          axe: { run: (c?: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe.run({ exclude: [["[data-tabster-dummy]"]] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    report.push(`${locale} ${theme}: ${result.length} violations`);
    await page.screenshot({ path: path.join(ARTIFACTS, `taskpane-${locale}-${theme}.png`), fullPage: true });
    expect([locale, theme, result]).toEqual([locale, theme, []]);
    await page.close();
  }
  console.log(`axe-core: ${report.join("; ")}`);
});

test("a bad amount gives a located error whose link selects the cell", async () => {
  const page = await open();
  await page.getByRole("tab", { name: "收入", exact: true }).click();
  await page.locator('[data-cell="G5"]').click();
  await page.getByTestId("grid").press("a");
  await page.getByTestId("cell-editor").fill("abc");
  await page.getByTestId("cell-editor").press("Enter");
  // The edit changed the revenue table: every generated step is now out of date, at once.
  const steps = page.locator("aside").getByRole("tablist", { name: "六个步骤" });
  await steps.getByRole("tab").first().filter({ hasText: "已过期：数据已变化，请刷新" }).waitFor();
  expect(await steps.getByRole("tab").filter({ hasText: "已过期" }).count()).toBe(6);
  expect(await audit(page, "outofdate-zh-light")).toEqual([]);
  await page.getByRole("tab", { name: "1 行业分析", exact: true }).click();
  await page.getByRole("button", { name: "全部刷新" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  expect(await alert.innerText()).toContain("工作表“收入”单元格 G5：“abc”不是金额");
  expect(await audit(page, "error-zh-light")).toEqual([]);
  await page.getByRole("button", { name: "转到 收入!G5" }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="name-box"]')?.textContent === "G5");
  // "Go to" takes the keyboard to the grid, on the cell.
  expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("grid");
  expect(await page.getByRole("tab", { name: "收入", exact: true }).getAttribute("aria-selected")).toBe("true");
  await page.screenshot({ path: path.join(ARTIFACTS, "preview-error.png") });
  await page.close();
  expect(errors).toEqual([]);
});

test("the task pane is usable at 320 px: nothing overflows sideways", async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 }, locale: "zh-CN" });
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-320.png"), fullPage: true });
  expect(width).toBeLessThanOrEqual(320);
  await page.close();
});

// ---- the task pane's screens, each audited by axe-core and kept as a screenshot -------------

const AXE = () => fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const screens: string[] = [];

/** axe-core over the task pane (the preview's aside) and a screenshot of it; returns violations. */
async function audit(page: Page, name: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE() });
  // Let transitions (a theme switch fades colours) finish: axe measures the colours on screen.
  await page.evaluate(() =>
    Promise.race([
      Promise.allSettled(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished),
      ),
      new Promise((r) => setTimeout(r, 2000)),
    ]),
  );
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts?: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // Fluent's focus manager (tabster) adds hidden focus sentinels that hand focus straight on;
    // they are not content, so they are left out of the audit.
    const r = await axe.run({ include: [["aside"]], exclude: [["[data-tabster-dummy]"]] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  // The whole pane, not only the part in view: unclip the aside for the picture, then put it back.
  await page.locator("aside").evaluate((el) => {
    el.dataset.style = el.getAttribute("style") ?? "";
    el.style.overflowY = "visible";
    el.style.height = "auto";
    el.style.alignSelf = "flex-start";
  });
  await page.locator("aside").screenshot({ path: path.join(ARTIFACTS, `screen-${name}.png`) });
  await page.locator("aside").evaluate((el) => el.setAttribute("style", el.dataset.style ?? ""));
  screens.push(`${name}: ${violations.length} violations`);
  return violations;
}

afterAll(() => {
  if (screens.length) {
    fs.writeFileSync(path.join(ARTIFACTS, "screens.json"), JSON.stringify(screens, null, 2));
    console.log(`task-pane screens audited by axe-core:\n  ${screens.join("\n  ")}`);
  }
});

/** An .xlsx on disk from an emulator workbook, to open in the preview. */
async function xlsxFile(emu: ExcelEmulator, name: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-in-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, await exportXlsx(emu.model));
  return file;
}

test("the guided flow: statuses, what to fill in, Refresh all with headline figures, themes", async () => {
  const page = await open();
  const pane = page.locator("aside");
  const steps = pane.getByRole("tablist", { name: "六个步骤" });
  // Each step's status: generated, or its main input table not yet full.
  await steps.getByRole("tab").first().filter({ hasText: "已生成" }).waitFor();
  const support = steps.getByRole("tab").filter({ hasText: "服务支持能力分析" });
  // The untouched sample is clean: step 5's after-sales table is the sample's too.
  expect(await support.innerText()).toContain("已生成");
  expect(await support.innerText()).not.toContain("输入已填");
  await support.click();
  expect(await pane.getByText("需要填写:").locator("..").innerText()).toContain("站点表");
  expect(await pane.getByRole("button", { name: "刷新", exact: true }).count()).toBe(1);
  expect(await audit(page, "home-zh-light")).toEqual([]);
  await pane.getByRole("button", { name: "全部刷新" }).click();
  const done = pane.getByRole("status").filter({ hasText: "100% = 每月 2,560 万元" });
  await done.waitFor();
  expect(await done.innerText()).toContain("中国平安人寿保险有限公司福州分公司：每月 64,007.80 元（占保险 14.2%）");
  // …and the workbook view shows the same figures.
  await page.getByRole("tab", { name: "1 行业分析", exact: true }).click();
  expect(await cellText(page, "A9")).toBe("100% = 2,560 万元");
  expect(await audit(page, "success-zh-light")).toEqual([]);
  // Themes: dark, then colourful (the header in Excel's green), through Fluent tokens.
  await pane.getByLabel("主题").selectOption("dark");
  const bg = await pane.locator("[data-theme]").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe("rgb(41, 41, 41)");
  expect(await audit(page, "success-zh-dark")).toEqual([]);
  await pane.getByLabel("主题").selectOption("colorful");
  const header = await pane.locator("header").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(header).toBe("rgb(16, 124, 65)");
  expect(await audit(page, "success-zh-colorful")).toEqual([]);
  await page.close();
  expect(errors).toEqual([]);
});

test("English headers mapped by hand; the language switch relabels the pane at once and the sheets on Refresh", async () => {
  const file = await xlsxFile(await englishHeadersWorkbook(), "english-headers.xlsx");
  const page = await open("?sample=empty");
  const pane = page.locator("aside");
  await page.getByTestId("open-file").setInputFiles(file);
  await page.getByRole("tab", { name: "Sales", exact: true }).waitFor();
  // The language switch relabels the pane at once.
  await pane.getByLabel("语言").selectOption("en-US");
  expect(await pane.getByRole("heading", { level: 1 }).innerText()).toBe("Six-Step Key-Account Analysis");
  await pane.getByRole("button", { name: "Generate all" }).click();
  const alert = pane.getByRole("alert");
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(/^Sheet “Sales”, header row 1: no month column/);
  expect(await audit(page, "error-en-light")).toEqual([]);
  await pane.getByRole("button", { name: "Map columns…" }).click();
  await pane.getByRole("table", { name: "First rows of the table" }).waitFor();
  expect(await pane.getByRole("note").innerText()).toBe(
    "Still missing: month, service, amount. Pick the column for each.",
  );
  for (const [field, header] of [
    ["month *", "Mon"],
    ["customer *", "Client"],
    ["service *", "Offer"],
    ["amount *", "Value"],
  ])
    await pane.getByLabel(field, { exact: true }).selectOption({ label: header });
  expect(await pane.getByRole("note").count()).toBe(0);
  expect(await audit(page, "mapping-en-light")).toEqual([]);
  await pane.getByRole("button", { name: "Generate all" }).click();
  await pane.getByRole("status").filter({ hasText: "Total: ¥2.0m a month" }).first().waitFor();
  await page.getByRole("tab", { name: "1 Industry", exact: true }).waitFor();
  // Back to Chinese: the pane at once, the sheets only on the next Refresh.
  await pane.getByLabel("Language").selectOption("zh-CN");
  await pane.getByRole("button", { name: "全部刷新" }).waitFor();
  expect(await page.getByRole("tab", { name: "1 Industry", exact: true }).count()).toBe(1);
  await pane.getByRole("button", { name: "全部刷新" }).click();
  await page.getByRole("tab", { name: "1 行业分析", exact: true }).waitFor();
  expect(await page.getByRole("tab", { name: "1 Industry", exact: true }).count()).toBe(0);
  await page.getByRole("tab", { name: "1 行业分析", exact: true }).click();
  expect(await cellText(page, "A9")).toBe("100% = 200 万元");
  await page.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  expect(errors).toEqual([]);
});

test("Cancel a long run (10,000 rows, 250 ms a round trip): the steps already written are whole, the rest absent, and a new run completes", async () => {
  const file = await xlsxFile(await revenueWorkbook(revenueTable(10_000)), "ten-thousand.xlsx");
  const page = await open("?sample=empty", { colorScheme: "dark" });
  const pane = page.locator("aside");
  await page.getByTestId("open-file").setInputFiles(file);
  await page.getByRole("tab", { name: "收入", exact: true }).waitFor();
  // The worker cut the revenue sheet after its template row: rows 3 to 10,001 arrive as a
  // column-store block (src/emulator/xlsx-bulk-read.ts), and the whole run reads them there.
  const block = () =>
    page.evaluate(() => {
      const m = window.__emulator!.model;
      return m.blockOf(m.sheetByName("收入")!)?.rect ?? null;
    });
  expect(await block()).toEqual({ r0: 2, r1: 10_000, c0: 0, c1: 6 });
  await pane.getByLabel("主题").selectOption("dark");
  // Round trips as slow as Excel on the web over a poor connection: the run takes many seconds.
  await page.evaluate(() => {
    window.__emulator!.hooks.beforeSync = () => new Promise((r) => setTimeout(r, 250));
  });
  const t0 = Date.now();
  await pane.getByRole("button", { name: "全部生成" }).click();
  // Wait until step 1 is being written (the read is done), then cancel.
  const progress = pane.getByText(/^第 2 步，共 8 步/);
  await progress.waitFor({ timeout: 60_000 });
  expect(await pane.getByRole("progressbar").count()).toBe(1);
  expect(await audit(page, "progress-zh-dark")).toEqual([]);
  await pane.getByRole("button", { name: "取消" }).click();
  await pane.getByRole("progressbar").waitFor({ state: "detached", timeout: 60_000 });
  expect(await pane.getByRole("alert").count()).toBe(0);
  const tabs = await page
    .getByRole("tablist", { name: /工作表|Sheets/ })
    .getByRole("tab")
    .allInnerTexts();
  // Step 1 (written before the cancel) is whole; the overview (last) was never written.
  expect(tabs).toContain("1 行业分析");
  expect(tabs).not.toContain("0 概览");
  await page.getByRole("tab", { name: "1 行业分析", exact: true }).click();
  expect(await cellText(page, "A9")).toMatch(/^100% = [\d,]+ 万元$/);
  const steps = pane.getByRole("tablist", { name: "六个步骤" });
  await steps.getByRole("tab").filter({ hasText: "客户规划分析" }).filter({ hasText: "未生成" }).waitFor();
  console.log(`10,000 rows in the preview: cancelled after ${Date.now() - t0} ms`);
  // A new run completes.
  const t1 = Date.now();
  await pane.getByRole("button", { name: "全部刷新" }).click();
  await page.getByRole("tab", { name: "0 概览", exact: true }).waitFor({ timeout: 120_000 });
  console.log(`10,000 rows in the preview: Refresh all ${Date.now() - t1} ms`);
  expect(await block()).toEqual({ r0: 2, r1: 10_000, c0: 0, c1: 6 });
  await page.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  expect(errors).toEqual([]);
});

test("keyboard only: Tab reaches every control of the pane, each with a visible focus mark, and Enter runs", async () => {
  const page = await open();
  const pane = page.locator("aside");
  await pane.getByRole("button", { name: "全部刷新" }).waitFor();
  await pane.getByRole("heading", { level: 1 }).click(); // a start point inside the pane, nothing focused
  type Stop = { name: string; clip: { x: number; y: number; width: number; height: number } };
  const stops: (Stop & { focused: Buffer; unfocused?: Buffer })[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate((): Stop | null => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest("aside")) return null;
      const r = el.getBoundingClientRect();
      const label =
        el.getAttribute("aria-label") ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
        el.textContent ||
        el.tagName;
      return {
        name: `${el.getAttribute("role") ?? el.tagName.toLowerCase()}:${label.trim().slice(0, 30)}`,
        clip: { x: r.x - 4, y: r.y - 4, width: r.width + 8, height: r.height + 8 },
      };
    });
    // The previous stop, now without focus, for comparison.
    if (stops.length) stops[stops.length - 1].unfocused = await page.screenshot({ clip: stops[stops.length - 1].clip });
    if (!stop) break;
    stops.push({ ...stop, focused: await page.screenshot({ clip: stop.clip }) });
  }
  const names = stops.map((s) => s.name);
  for (const expected of [
    /^tab:/, // the step list: one stop, arrow keys inside
    /^select:收入表/,
    /^button:映射列/,
    /^input:分析期间/,
    /^input:对比期间/,
    /^select:单位/,
    /^combobox:重点客户/,
    /^input:我方运营商/,
    /^button:刷新$/,
    /^button:全部刷新/,
    /^select:语言/,
    /^select:主题/,
  ])
    expect([expected, names.some((n) => expected.test(n))]).toEqual([expected, true]);
  // Every stop looks different when focused: a visible focus indicator.
  const invisible = stops.filter((s) => s.unfocused && s.focused.equals(s.unfocused)).map((s) => s.name);
  expect(invisible).toEqual([]);
  // Enter on the focused button runs Refresh all.
  await pane.getByRole("button", { name: "全部刷新" }).focus();
  await page.keyboard.press("Enter");
  await pane.getByRole("status").filter({ hasText: "100% = 每月 2,560 万元" }).first().waitFor();
  console.log(`keyboard: ${stops.length} tab stops in the pane, each with a visible focus mark`);
  await page.close();
  expect(errors).toEqual([]);
});

test("the full pane (sources, mapping, settings, messages) fits 320 px: nothing overflows sideways", async () => {
  const page = await open();
  const pane = page.locator("aside");
  await pane.getByRole("button", { name: "全部刷新" }).waitFor();
  await pane.evaluate((el) => {
    el.style.width = "320px";
    el.style.overflowX = "auto";
  });
  await pane.getByRole("button", { name: "映射列…" }).click();
  await pane.getByRole("table", { name: "表格的前几行" }).waitFor();
  // Each detected column is shown in full (wrapped under its field, not clipped in the option);
  // the first rows keep every column and scroll sideways in their own box.
  const mapping = await pane.evaluate((el) => {
    const hints = [...el.querySelectorAll<HTMLElement>(".fui-Field__hint")].filter((h) =>
      /自动识别/.test(h.textContent ?? ""),
    );
    const box = el.querySelector<HTMLElement>('[data-scroll="x"]')!;
    return {
      hints: hints.length,
      clipped: hints.filter((h) => h.scrollWidth > h.clientWidth + 1).map((h) => h.textContent),
      headers: box.querySelectorAll("th").length,
      scrolls: box.scrollWidth > box.clientWidth,
    };
  });
  expect(mapping).toEqual({ hints: 7, clipped: [], headers: 7, scrolls: true });
  await pane.getByRole("button", { name: "全部刷新" }).click();
  await pane.getByRole("status").filter({ hasText: "100% = 每月 2,560 万元" }).first().waitFor();
  const overflow = await pane.evaluate((el) => {
    // The mapping view's first-rows table scrolls inside its own box; nothing else may be wider.
    const wide = [...el.querySelectorAll("*")].filter((x) => {
      if (x.closest('[data-scroll="x"]')) return false;
      const r = x.getBoundingClientRect();
      return r.right > el.getBoundingClientRect().right + 0.5;
    });
    const right = el.getBoundingClientRect().right;
    return {
      scrollWidth: el.scrollWidth,
      wide: wide
        .filter((x) => !wide.includes(x.parentElement as Element))
        .slice(0, 5)
        .map((x) => {
          const label = x.closest(".fui-Field")?.querySelector("label")?.textContent ?? "";
          return `${label}: ${x.className.toString().split(" ")[0]} +${(x.getBoundingClientRect().right - right).toFixed(1)}px`;
        }),
    };
  });
  expect(overflow).toEqual({ scrollWidth: 320, wide: [] });
  expect(await audit(page, "narrow-320-zh-light")).toEqual([]);
  await page.close();
  expect(errors).toEqual([]);
});

// ---- issue 31 / 34: the grid as Excel's UI, the keyboard alone, the whole page accessible -----

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      role: el?.getAttribute("role") ?? el?.tagName.toLowerCase() ?? "",
      text: (el?.textContent ?? "").trim().slice(0, 30),
      inPane: !!el?.closest("aside"),
    };
  });
const nameBox = (page: Page) => page.getByTestId("name-box").innerText();

test("the keyboard alone: F6 between pane, grid and sheet tabs; Ctrl+PgDn; arrows; a refused rating; a locked cell; Refresh all and focus back", async () => {
  const page = await open();
  const pane = page.locator("aside");
  await pane.getByRole("button", { name: "全部刷新" }).waitFor();
  // F6 from nowhere: the pane (its step list), then the grid, then the sheet tabs, then the pane again.
  await page.keyboard.press("F6");
  expect(await focused(page)).toMatchObject({ role: "tab", inPane: true });
  await page.keyboard.press("F6");
  expect((await focused(page)).role).toBe("grid");
  await page.keyboard.press("F6");
  expect(await focused(page)).toMatchObject({ role: "tab", text: "0 概览", inPane: false });
  // Shift+F6 back to the grid; Ctrl+PgDn four times: 收入, 站点, 1 行业分析, 2 竞争分析.
  await page.keyboard.press("Shift+F6");
  expect((await focused(page)).role).toBe("grid");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Control+PageDown");
  expect(await page.getByRole("tab", { name: "2 竞争分析", exact: true }).getAttribute("aria-selected")).toBe("true");
  await page.keyboard.press("Control+PageUp");
  expect(await page.getByRole("tab", { name: "1 行业分析", exact: true }).getAttribute("aria-selected")).toBe("true");
  await page.keyboard.press("Control+PageDown");
  // Ctrl+Home, then to D11 (电信's rating of 本地语音 … a 1–5 input).
  await page.keyboard.press("Control+Home");
  expect(await nameBox(page)).toBe("A1");
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  expect(await nameBox(page)).toBe("D11");
  // The active cell is the grid's active descendant: a screen reader hears its address and value.
  const active = await page.evaluate(() => {
    const grid = document.activeElement!;
    const id = grid.getAttribute("aria-activedescendant")!;
    return document.getElementById(id)?.getAttribute("aria-label");
  });
  expect(active).toBe("D11 4");
  // 9 in a 1–5 rating: refused with the rule's Stop alert; Esc cancels, the cell keeps its 4.
  await page.keyboard.type("9");
  await page.keyboard.press("Enter");
  const alert = page.getByRole("alertdialog");
  await alert.waitFor();
  expect(await alert.innerText()).toContain("输入无效");
  expect(await alert.innerText()).toContain("请输入 1 到 5 之间的整数。");
  expect((await focused(page)).text).toBe("重试");
  await page.keyboard.press("Escape");
  await alert.waitFor({ state: "detached" });
  expect((await focused(page)).role).toBe("grid");
  expect(await cellText(page, "D11")).toBe("4");
  // 3, Tab: committed, and the next cell to the right is active.
  await page.keyboard.type("3");
  await page.keyboard.press("Tab");
  await waitCellText(page, "D11", "3");
  expect(await nameBox(page)).toBe("E11");
  // A locked formula cell: the message says so, in Chinese, and where to type; Enter closes it.
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  expect(await nameBox(page)).toBe("I11");
  await page.keyboard.type("7");
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(/单元格 I11 由公式计算.*例如本表的 H11。/s);
  await page.screenshot({ path: path.join(ARTIFACTS, "preview-locked-cell.png") });
  await page.keyboard.press("Enter");
  await alert.waitFor({ state: "detached" });
  expect((await focused(page)).role).toBe("grid");
  // Tab leaves the grid (one tab stop) for the sheet tabs.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ role: "tab", text: "2 竞争分析", inPane: false });
  // F6 to the pane; Tab to Refresh all; Enter runs it; focus comes back to it.
  await page.keyboard.press("F6");
  expect((await focused(page)).inPane).toBe(true);
  for (let i = 0; i < 30 && (await focused(page)).text !== "全部刷新"; i++) await page.keyboard.press("Tab");
  expect((await focused(page)).text).toBe("全部刷新");
  await page.keyboard.press("Enter");
  await pane.getByRole("status").filter({ hasText: "100% = 每月 2,560 万元" }).first().waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent?.trim() === "全部刷新");
  // After Refresh all, the workbook shows the overview.
  expect(await page.getByRole("tab", { name: "0 概览", exact: true }).getAttribute("aria-selected")).toBe("true");
  await page.close();
  expect(errors).toEqual([]);
});

/** Whether each of the action bar's buttons is in the window and on top where it is drawn (not under the pane's footer, not clipped). */
const actionsInView = (page: Page) =>
  page
    .locator("aside")
    .getByTestId("action-bar")
    .getByRole("button")
    .evaluateAll((buttons) =>
      buttons.map((b) => {
        const r = b.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return `${b.textContent}: ${r.bottom <= window.innerHeight && !!hit && b.contains(hit) ? "in view" : `hidden at y=${Math.round(r.y)}`}`;
      }),
    );

test("the primary actions stay visible without scrolling at 860 px, and say what is offered", async () => {
  const page = await open();
  const pane = page.locator("aside");
  const bar = pane.getByTestId("action-bar");
  await bar.getByRole("button", { name: "全部刷新" }).waitFor();
  // On every step, the pane scrolled to its top: the step list alone fills the fold at 860 px.
  // The step list (in either language: the first tab list of the pane).
  const steps = pane.getByRole("tablist").first().getByRole("tab");
  const everyStep = async () => {
    const seen: string[] = [];
    for (let i = 0; i < (await steps.count()); i++) {
      await steps.nth(i).click();
      await page.evaluate(() =>
        document.querySelectorAll("aside *").forEach((e) => {
          if (e.scrollTop) e.scrollTop = 0;
        }),
      );
      seen.push(...(await actionsInView(page)));
    }
    return seen;
  };
  const zh = await everyStep();
  expect(zh.filter((x) => !x.endsWith("in view"))).toEqual([]);
  expect(zh).toEqual(expect.arrayContaining(["刷新: in view", "全部刷新: in view", "快照: in view", "生成: in view"]));
  await steps.first().click();
  expect(await bar.getByTestId("action-status").innerText()).toBe(
    "已生成：修改输入后点击“刷新”更新此步骤，或“全部刷新”。",
  );
  expect(await page.getByTestId("preview-status").innerText()).toContain("各步骤均已生成");
  // The pane speaks English: so does the preview's toolbar.
  await page.locator("aside").getByLabel("语言").selectOption("en-US");
  await page.getByTestId("preview-status").filter({ hasText: "every step generated" }).waitFor();
  expect(await page.getByRole("button", { name: "Export .xlsx" }).count()).toBe(1);
  // In English too, whose longer step texts push the settings further down.
  const en = await everyStep();
  expect(en.filter((x) => !x.endsWith("in view"))).toEqual([]);
  expect(en).toContain("Refresh all: in view");
  await page.close();
  expect(errors).toEqual([]);
});

test('"Empty workbook" is a grid ready to paste a table into; the preview shows "###" for a number too wide for its column', async () => {
  const page = await open("?sample=empty");
  await page.getByRole("tab", { name: "Sheet1", exact: true }).waitFor();
  await page.getByTestId("grid").focus();
  // Pasted from another application as tab-separated text.
  await page.getByTestId("grid").evaluate((el) => {
    const data = new DataTransfer();
    data.setData("text/plain", "月份\t客户\t金额\r\n2002-10\t平安\t28120.83\r\n2002-11\t平安\t123456789012\r\n");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await waitCellText(page, "C2", "28120.83");
  expect(await cellText(page, "A1")).toBe("月份");
  // 123456789012 is wider than a 72 px column: in General, Excel shows it in scientific notation…
  expect(await cellText(page, "C3")).toMatch(/^1\.2\d*E\+11$/);
  // …and with a number format, as "###" (its value still in the formula bar).
  await page.evaluate(() =>
    window.__emulator!.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("C3").numberFormat = [["#,##0.00"]];
      await context.sync();
    }),
  );
  await page.waitForFunction(() => /^#+$/.test((document.querySelector('[data-cell="C3"]') as HTMLElement).innerText));
  await page.locator('[data-cell="C3"]').click();
  expect(await page.getByTestId("formula-bar").inputValue()).toBe("123456789012");
  expect(await page.locator('[data-cell="C3"]').getAttribute("aria-label")).toBe("C3 123,456,789,012.00");
  await page.close();
  expect(errors).toEqual([]);
});

test("axe-core over the whole preview page finds nothing, on every sheet tab, in both languages and in dark mode", async () => {
  const report: string[] = [];
  for (const [query, locale, theme] of [
    ["", "zh-CN", "light"],
    ["?sample=en", "en-US", "dark"],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale, bypassCSP: true });
    await page.goto(`${server.origin}/${query}`);
    await page.waitForFunction(() => window.__previewReady !== undefined, null, { timeout: 60_000 });
    const pane = page.locator("aside");
    await pane.getByRole("button", { name: locale === "zh-CN" ? "全部刷新" : "Refresh all" }).waitFor();
    await pane.getByLabel(locale === "zh-CN" ? "主题" : "Theme").selectOption(theme);
    await page.addScriptTag({ content: AXE() });
    const tabs = await page.getByTestId("sheet-tabs").getByRole("tab").allInnerTexts();
    expect(tabs.length).toBe(9);
    for (const tab of tabs) {
      await page.getByTestId("sheet-tabs").getByRole("tab", { name: tab, exact: true }).click();
      await page.getByTestId("grid").focus();
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (c: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        // Fluent's focus manager (tabster) adds hidden focus sentinels that hand focus straight on.
        const r = await axe.run({ exclude: [["[data-tabster-dummy]"]] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      report.push(`${locale} ${theme} ${tab}: ${violations.length}`);
      expect([locale, theme, tab, violations]).toEqual([locale, theme, tab, []]);
    }
    await page.close();
  }
  console.log(`axe-core over the whole page: ${report.join("; ")}`);
  expect(errors).toEqual([]);
});
