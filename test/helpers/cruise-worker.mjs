// Runs dependency-cruiser's API for test/build/layers.test.ts, in a worker thread of the test's own
// process: dependency-cruiser is an ES module with top-level await, which jest's CommonJS module
// system cannot load, and a worker loads it natively. Posts back the cruise's violations.
import { parentPort, workerData } from "node:worker_threads";
import { cruise } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

/** files: paths under baseDir; options: the config's options with its rules (ruleSet); tsConfig: a file name or null. */
const { files, options, tsConfig } = workerData;
const transpile = tsConfig ? { tsConfig: extractTSConfig(tsConfig) } : {};
cruise(files, options, {}, transpile).then((result) => {
  // The json reporter's output: the cruise result as text.
  const { violations, totalCruised } = JSON.parse(result.output).summary;
  parentPort.postMessage({
    totalCruised,
    violations: violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })),
  });
});
