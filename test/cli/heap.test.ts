/**
 * A large input gets a heap sized to the machine (bin/heap.js, bin/sixstep.js): V8's default limit
 * (about 4 GB) stopped the portfolio at 1,000,000 rows with "JavaScript heap out of memory".
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { heapFlag, LARGE_INPUT_BYTES } = require("../../bin/heap.js") as {
  heapFlag: (args: string[], env?: NodeJS.ProcessEnv, execArgv?: string[], memory?: number) => string | null;
  LARGE_INPUT_BYTES: number;
};

const ROOT = path.join(__dirname, "..", "..");
let dir: string;
let large: string;
let small: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-heap-"));
  // Not a workbook: large enough to get the heap, and refused when read (a sparse file, made at once).
  large = path.join(dir, "large.xlsx");
  fs.writeFileSync(large, "");
  fs.truncateSync(large, LARGE_INPUT_BYTES + 1);
  small = path.join(dir, "small.xlsx");
  fs.writeFileSync(small, "not a workbook");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const GB = 1024 ** 3;

test("a large input file gets three quarters of the machine's memory; a small one, or a heap already sized, nothing", () => {
  expect(heapFlag(["generate", large, "-o", "x.xlsx"], {}, [], 64 * GB)).toBe(`--max-old-space-size=${48 * 1024}`);
  expect(heapFlag(["generate", small, "-o", "x.xlsx"], {}, [], 64 * GB)).toBeNull();
  expect(heapFlag(["generate", dir, "-o", "x.xlsx"], {}, [], 64 * GB)).toBeNull();
  expect(heapFlag(["generate", large], { NODE_OPTIONS: "--max-old-space-size=2000" }, [], 64 * GB)).toBeNull();
  expect(heapFlag(["generate", large], {}, ["--max-old-space-size=9000"], 64 * GB)).toBeNull();
  expect(heapFlag(["generate", large], { SIXSTEP_HEAP_SIZED: "1" }, [], 64 * GB)).toBeNull();
  // A machine with no more to give than V8's default (2 GB: three quarters is 1.5 GB).
  expect(heapFlag(["generate", large], {}, [], 2 * GB)).toBeNull();
});

test("the run started again says and exits as the run itself would", () => {
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ["bin/sixstep.js", "generate", large, "-o", path.join(dir, "out.xlsx")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
  const again = run({});
  const direct = run({ SIXSTEP_HEAP_SIZED: "1" });
  expect(again.status).not.toBe(0);
  expect(again.status).toBe(direct.status);
  expect(again.stderr).toBe(direct.stderr);
  expect(again.stderr).toMatch(/large\.xlsx/);
});
