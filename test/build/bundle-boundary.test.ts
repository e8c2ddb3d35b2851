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
  expect(names).not.toMatch(/hyperformula|exceljs|src\/emulator/);
  const js = fs.readFileSync(path.join(out, "taskpane.js"), "utf8");
  expect(js).not.toContain("HyperFormula");
  // The deck (PptxGenJS, MIT) is a chunk the pane loads on "Export deck", never its first bundle.
  expect(js).not.toMatch(/PptxGenJS|defineSlideMaster/);
  const deckChunk = fs.readdirSync(out).find((f) => /deck.*\.js$/.test(f));
  expect(deckChunk).toBeDefined();
  expect(fs.readFileSync(path.join(out, deckChunk!), "utf8")).toContain("defineSlideMaster");
  const zlib = require("zlib");
  console.log(
    `taskpane.js gzip ${zlib.gzipSync(fs.readFileSync(path.join(out, "taskpane.js"))).length} B; ${deckChunk} gzip ${zlib.gzipSync(fs.readFileSync(path.join(out, deckChunk!))).length} B`,
  );
  fs.rmSync(out, { recursive: true, force: true });
}, 120_000);
