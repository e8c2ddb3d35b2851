/* Opening a large .xlsx in the standalone preview (issue 20): the file parsed in a worker, the
 * workbook built on the page in blocks with pauses — against reading it all on the page
 * (?import=page). Headless Chromium, the production build; figures: time until the revenue sheet's
 * tab shows, the longest main-thread task and the time spent in tasks over 50 ms (Long Tasks API).
 * node -r ./scripts/ts-register.js bench/preview-open.ts [rows]   → one JSON line */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { buildApp, launch, serve } from "../test/helpers/browser";

const ROOT = path.join(__dirname, "..");

async function main() {
  const rows = Number(process.argv[2] ?? 100_000);
  const file = path.join(ROOT, "bench", "tmp", `revenue-${rows}.xlsx`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    spawnSync(
      process.execPath,
      ["--max-old-space-size=16000", "-r", "./scripts/ts-register.js", "bench/make-xlsx.ts", String(rows), file],
      { cwd: ROOT, stdio: "inherit" },
    );
  }
  const server = await serve(await buildApp());
  const browser = await launch();
  const out: Record<string, unknown> = { rows };
  try {
    for (const mode of ["worker", "page"]) {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/index.html?sample=empty${mode === "page" ? "&import=page" : ""}`);
      await page.getByTestId("open-file").waitFor({ state: "attached" });
      await page.evaluate(() => {
        const w = window as unknown as { __long: number[] };
        w.__long = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
          type: "longtask",
        });
      });
      const t = Date.now();
      await page.getByTestId("open-file").setInputFiles(file);
      await page.getByRole("tab", { name: "收入", exact: true }).waitFor({ timeout: 600_000 });
      const ms = Date.now() - t;
      const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
      out[mode] = {
        openMs: ms,
        longestTaskMs: Math.round(Math.max(0, ...long)),
        longTasksMs: Math.round(long.reduce((a, b) => a + b, 0)),
        longTasks: long.length,
        route: await page.evaluate(() => (window as unknown as { __previewImport?: string }).__previewImport),
      };
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(JSON.stringify(out));
}

void main();
