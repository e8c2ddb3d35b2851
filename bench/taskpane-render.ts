/**
 * First render of a task pane in headless Chromium, and the gzip size of the scripts its page
 * loads. Measures this add-in's production build; with `--compare DIR [--label NAME]` also
 * another built task pane (e.g. Microsoft's React task-pane template after `npm run build`),
 * the same way:
 *
 *   npm run bench:taskpane -- --compare ../Office-Addin-TaskPane-React/dist --label template
 *
 * Both pages get the same stand-in for office.js (served for the CDN address: Office.onReady
 * resolves at once with no host), so neither waits on the network and both render as they do
 * outside Office. "First render" = the time from navigation start until the page's
 * #container first has an element child (both pages mount React there), median of 5 loads,
 * each in a fresh browser context (empty cache).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { buildApp, launch, serve } from "../test/helpers/browser";

const OFFICE_STAND_IN = `window.Office = {
  HostType: { Excel: "Excel" }, PlatformType: {},
  onReady: function (cb) { var i = { host: null, platform: null }; if (cb) cb(i); return Promise.resolve(i); }
};`;

export interface RenderFigures {
  label: string;
  page: string;
  runsMs: number[];
  medianMs: number;
  scripts: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measure(dir: string, label: string, page = "taskpane.html", runs = 5): Promise<RenderFigures> {
  const server = await serve(dir);
  const browser = await launch();
  const times: number[] = [];
  const loaded = new Set<string>();
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 350, height: 800 } });
      await context.route("https://appsforoffice.microsoft.com/**", (route) =>
        route.fulfill({ contentType: "text/javascript", body: OFFICE_STAND_IN }),
      );
      const tab = await context.newPage();
      tab.on("request", (r) => {
        const u = new URL(r.url());
        if (u.origin === server.origin && u.pathname.endsWith(".js")) loaded.add(u.pathname.slice(1));
      });
      await tab.addInitScript(() => {
        const w = window as unknown as { __firstRender?: number };
        const watch = new MutationObserver(() => {
          const c = document.getElementById("container");
          if (c && c.firstElementChild && w.__firstRender === undefined) {
            w.__firstRender = performance.now();
            watch.disconnect();
          }
        });
        watch.observe(document, { childList: true, subtree: true });
      });
      await tab.goto(`${server.origin}/${page}`);
      await tab.waitForFunction(
        () => (window as unknown as { __firstRender?: number }).__firstRender !== undefined,
        null,
        {
          timeout: 30_000,
        },
      );
      times.push(await tab.evaluate(() => (window as unknown as { __firstRender: number }).__firstRender));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const scripts = [...loaded].sort().map((file) => {
    const data = fs.readFileSync(path.join(dir, file));
    return { file, bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
  });
  return {
    label,
    page,
    runsMs: times.map((t) => Math.round(t)),
    medianMs: Math.round(median(times)),
    scripts,
    bytes: scripts.reduce((a, s) => a + s.bytes, 0),
    gzip: scripts.reduce((a, s) => a + s.gzip, 0),
  };
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out: RenderFigures[] = [];
  const ours = await buildApp();
  out.push(await measure(ours, "six-step"));
  const other = opt("--compare");
  if (other) out.push(await measure(path.resolve(other), opt("--label") ?? path.basename(path.resolve(other, ".."))));
  console.log("task pane          first render (median of 5, ms)   runs (ms)                 scripts gzip (B)");
  for (const f of out)
    console.log(
      `${f.label.padEnd(18)} ${String(f.medianMs).padStart(8)}                      ${f.runsMs.join(", ").padEnd(26)}${f.gzip.toLocaleString("en-US")} (${f.scripts.map((s) => s.file).join(" + ")})`,
    );
  const file = path.join(__dirname, "taskpane-render.json");
  fs.writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), results: out }, null, 2) + "\n");
  console.log(`written ${path.relative(process.cwd(), file)}`);
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
