import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

/** Every module reachable by static or dynamic import from an entry, as resolved file paths or package names. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [path.join(ROOT, entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(
      /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*(?:\/\*[^*]*\*\/\s*)?["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g,
    )) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (/^import\s+type\s/.test(m[0])) continue;
      if (!spec.startsWith(".")) {
        seen.add(
          `pkg:${spec
            .split("/")
            .slice(0, spec.startsWith("@") ? 2 : 1)
            .join("/")}`,
        );
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
      const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
      if (hit) stack.push(hit);
    }
  }
  return seen;
}

test.each(["src/taskpane/index.tsx", "src/commands/commands.ts"])(
  "%s never reaches HyperFormula, ExcelJS or the emulator",
  (entry) => {
    const mods = [...reachable(entry)];
    expect(
      mods.filter((m) => /pkg:(hyperformula|exceljs|ssf)$/.test(m) || m.includes(`${path.sep}emulator${path.sep}`)),
    ).toEqual([]);
    // the walk really follows imports: the task pane reaches React and Fluent through App.tsx,
    // and the pipeline through its dynamic import (a chunk loaded on the first run)
    if (entry.includes("taskpane")) {
      expect(mods).toEqual(expect.arrayContaining(["pkg:react", "pkg:@fluentui/react-components"]));
      expect(mods).toContain(path.join(ROOT, "src", "excel", "pipeline.ts"));
    }
  },
);

test("the production task-pane bundle contains no HyperFormula or ExcelJS code", async () => {
  const webpack = require("webpack");

  const makeConfig = require("../../webpack.config.js");
  const out = fs.mkdtempSync(path.join(require("os").tmpdir(), "bundle-"));
  const config = await makeConfig({ preview: "false" }, { mode: "production" });
  config.output.path = out;
  config.mode = "production";
  const stats = await new Promise<{ hasErrors(): boolean; toJson(o: object): { modules?: { name: string }[] } }>(
    (resolve, reject) => webpack(config, (err: Error | null, s: never) => (err ? reject(err) : resolve(s))),
  );
  expect(stats.hasErrors()).toBe(false);
  const names = (stats.toJson({ modules: true }).modules ?? []).map((m) => m.name).join("\n");
  expect(names).toMatch(/office-js-helpers/);
  const zlib = require("zlib");
  const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length;
  const chunk = (name: string) => {
    const file = fs.readdirSync(out).find((f) => f.startsWith(`${name}.`) && f.endsWith(".js"));
    expect([name, file]).toEqual([name, expect.any(String)]);
    return fs.readFileSync(path.join(out, file!), "utf8");
  };
  expect(names).not.toMatch(/hyperformula|exceljs|src\/emulator/);
  const js = fs.readFileSync(path.join(out, "taskpane.js"), "utf8");
  expect(js).not.toContain("HyperFormula");
  // The deck (PptxGenJS, MIT) is a chunk the pane loads on "Export deck", never its first bundle.
  expect(js).not.toMatch(/PptxGenJS|defineSlideMaster/);
  expect(chunk("deck")).toContain("defineSlideMaster");
  // Issue 35: what the first screen does not need is a chunk. The Chinese catalogue loads only
  // when the pane speaks Chinese; the combobox's popup positioning (Floating UI), the message bar,
  // the pipeline and the workbook readers (header matching, settings validation) on first use.
  expect(js).not.toContain("六步分析法");
  expect(chunk("zh-CN")).toContain("六步分析法");
  expect(names).toMatch(/FocusPicker\.tsx/);
  const entryModules = (stats.toJson({ modules: true }).modules ?? []) as unknown as {
    name: string;
    chunks: (string | number)[];
    modules?: { name: string }[];
  }[];
  const initial = new Set(
    (stats.toJson({ chunks: true }) as unknown as { chunks: { id: string | number; names: string[] }[] }).chunks
      .filter((c) => c.names.includes("taskpane"))
      .map((c) => c.id),
  );
  const inEntry = entryModules
    .filter((m) => m.chunks.some((c) => initial.has(c)))
    .flatMap((m) => (m.modules ?? [m]).map((x) => x.name));
  expect(inEntry).toEqual(expect.arrayContaining(["./src/taskpane/App.tsx", "./src/i18n/en-US.ts"]));
  expect(
    inEntry.filter((n) =>
      /src\/(excel\/(read|pipeline|document|status|pane-calls)|tables\/(revenue|header-match|sites)|layout|method|deck)\/|zh-CN|react-combobox|react-positioning|react-message-bar|valibot|pptxgenjs/.test(
        n,
      ),
    ),
  ).toEqual([]);
  // The first bundle's budget: Microsoft's React task-pane template, 162 KB gzip (level 9, as bench/run.ts measures).
  const size = gzip("taskpane.js");
  expect(size).toBeLessThanOrEqual(162 * 1024);
  console.log(
    `taskpane.js gzip ${size} B; zh-CN chunk ${gzip(fs.readdirSync(out).find((f) => f.startsWith("zh-CN."))!)} B`,
  );
  fs.rmSync(out, { recursive: true, force: true });
}, 120_000);
