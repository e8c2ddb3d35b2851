/**
 * The layers of src/ (README, "How the code is organised"; .dependency-cruiser.js): no import runs
 * up them. `npm run lint` checks the same with dependency-cruiser's command line; this test runs its
 * API on src (in a worker thread, test/helpers/cruise-worker.mjs), and on a fixture whose imports run
 * up on purpose, so the rules are seen to fail.
 */
import * as path from "path";
import { Worker } from "worker_threads";

const root = path.join(__dirname, "..", "..");
const config = require(path.join(root, ".dependency-cruiser.js"));

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Cruises `files` (relative to baseDir) with the project's rules. */
function cruise(baseDir: string, tsConfig: string | null): Promise<{ totalCruised: number; violations: Violation[] }> {
  const { options, ...ruleSet } = config;
  const workerData = {
    files: ["src"],
    options: { ...options, baseDir, ruleSet, validate: true, outputType: "json" },
    tsConfig,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(root, "test", "helpers", "cruise-worker.mjs"), { workerData });
    worker.once("message", (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the cruise's worker exited (${code}) without a result`)));
  });
}

test("no import in src runs up the layers", async () => {
  const { totalCruised, violations } = await cruise(root, path.join(root, "tsconfig.json"));
  expect(totalCruised).toBeGreaterThan(150);
  expect(violations).toEqual([]);
});

test("an import up the layers is reported, a type-only one too", async () => {
  const fixture = path.join(root, "test", "fixtures", "layers");
  const { violations } = await cruise(fixture, null);
  const found = violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`).sort();
  expect(found).toEqual([
    "emulator-only-core: src/emulator/engine.ts → src/tables/read.ts",
    "method-not-above: src/method/model.ts → src/layout/sheet.ts",
  ]);
});
