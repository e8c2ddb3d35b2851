/* One benchmark size in its own process (so peak memory is this size's): prints one JSON line.
 * node -r ./scripts/ts-register.js bench/one.ts <rows> <repeats> [emulator|model] */
import * as fs from "fs";
import * as path from "path";
import type { ExcelEmulator } from "../src/emulator";
import { generate } from "../src/excel/pipeline";
import { analyseIndustry } from "../src/method/industry";
import { sampleInputs, SAMPLE_FILE_NAMES, type SampleFiles } from "../src/sample/workbook";
import { parsePeriod } from "../src/tables/period";
import { parseRevenueTable } from "../src/tables/revenue";
import { FIRST_BLOCK_ROWS, nextBlockRows, responseBytes } from "../src/excel/read";
import { revenueTable } from "./revenue-data";
import { revenueWorkbook } from "./workbook";

const CAP = 5 * 1024 * 1024;
/** The simulated round trip of one sync (Excel on the web: often 100–300 ms). */
const LATENCY_MS = 150;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: +s[Math.floor(s.length / 2)].toFixed(2), min: +s[0].toFixed(2), max: +s[s.length - 1].toFixed(2) };
};

function files(): SampleFiles {
  const f = {} as SampleFiles;
  for (const n of SAMPLE_FILE_NAMES) f[n] = fs.readFileSync(path.join(__dirname, "..", "sample-case", n), "utf8");
  return f;
}

function syncFigures(emu: ExcelEmulator, from: number) {
  const syncs = emu.runs.slice(from).flatMap((r) => r.syncs.filter((s) => s.operations > 0));
  const reads = syncs.filter((s) => s.readOnly);
  const writes = syncs.filter((s) => !s.readOnly);
  const req = syncs.map((s) => s.requestBytes);
  const res = syncs.map((s) => s.responseBytes);
  return {
    readSyncs: reads.length,
    writeSyncs: writes.length,
    requestBytesMax: Math.max(...req),
    requestBytesTotal: req.reduce((a, b) => a + b, 0),
    responseBytesMax: Math.max(...res),
    responseBytesTotal: res.reduce((a, b) => a + b, 0),
    // Floors: one write per generated sheet (+ what the request cap forces); reads: what the
    // response cap forces (total response ÷ 5 MB, at least one).
    writeFloor: 7 + Math.max(0, Math.ceil(req.reduce((a, b) => a + b, 0) / CAP) - 7),
    readFloor: Math.max(1, Math.ceil(res.reduce((a, b) => a + b, 0) / CAP)),
  };
}

function modelVsFloor(values: (string | number)[][], repeats: number) {
  const period = parsePeriod("2002-Q4")!;
  const compare = parsePeriod("2002-Q3")!;
  const parse: number[] = [];
  const model: number[] = [];
  const floor: number[] = [];
  // The first round warms the JIT for both sides and is not counted.
  for (let k = -1; k < repeats; k++) {
    const keep = k >= 0;
    let t = performance.now();
    const table = parseRevenueTable({ sheet: "收入", values, origin: { row: 0, col: 0 } });
    if (keep) parse.push(performance.now() - t);
    t = performance.now();
    analyseIndustry(table.rows, { period, compare, focus: "110" });
    if (keep) model.push(performance.now() - t);
    // The floor: one pass over the same array summing the amount column by industry.
    t = performance.now();
    const sums = new Map<unknown, number>();
    for (let i = 1; i < values.length; i++) {
      const r = values[i];
      sums.set(r[3], (sums.get(r[3]) ?? 0) + (r[6] as number));
    }
    if (keep) floor.push(performance.now() - t);
  }
  const rows = values.length - 1;
  return {
    parseMs: stats(parse),
    parseRowsPerSecond: Math.round(rows / (stats(parse).median / 1000)),
    modelMs: stats(model),
    floorMs: stats(floor),
    modelToFloor: +(stats(model).median / stats(floor).median).toFixed(1),
    parseAndModelToFloor: +((stats(parse).median + stats(model).median) / stats(floor).median).toFixed(1),
  };
}

async function main() {
  const rows = Number(process.argv[2]);
  const repeats = Number(process.argv[3] ?? 3);
  const mode = process.argv[4] ?? "emulator";
  const values = revenueTable(rows);
  const out: Record<string, unknown> = { rows: values.length - 1, mode, ...modelVsFloor(values, Math.max(5, repeats)) };
  if (mode === "emulator") {
    const seeds = sampleInputs(files(), "zh");
    const gen: number[] = [];
    const ref: number[] = [];
    const recalc: number[] = [];
    let g: ReturnType<typeof syncFigures> | null = null;
    let r: ReturnType<typeof syncFigures> | null = null;
    let again: ReturnType<typeof syncFigures> | null = null;
    for (let k = 0; k < repeats; k++) {
      const emu = await revenueWorkbook(values);
      const run = (o: { delayForCellEdit?: boolean }, b: (c: Excel.RequestContext) => Promise<unknown>) =>
        emu.run(o, b);
      const settings = { period: "2002-Q4", compare: "2002-Q3", focus: "110", ourOperator: "电信", sample: true };
      let from = emu.runs.length;
      let t = performance.now();
      await generate(run as never, { settings, seedInputs: seeds });
      gen.push(performance.now() - t);
      g = syncFigures(emu, from);
      from = emu.runs.length;
      t = performance.now();
      await generate(run as never, {});
      ref.push(performance.now() - t);
      r = syncFigures(emu, from);
      // Refresh again with nothing moved: the lists the last read found ride with its first sync.
      from = emu.runs.length;
      await generate(run as never, {});
      again = syncFigures(emu, from);
      // Recalculating the generated workbook: one changed revenue cell, every formula over it re-evaluated.
      t = performance.now();
      await emu.run(async (context) => {
        context.workbook.worksheets.getItem("收入").getRange("G2").values = [[1]];
        // One edit per repeat, each its own run: the loop is over repeats, not over cells.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      });
      emu.model.value(emu.model.sheetByName("1 行业分析")!, 0, 0);
      recalc.push(performance.now() - t);
    }
    Object.assign(out, {
      generateMs: stats(gen),
      refreshMs: stats(ref),
      recalcMs: stats(recalc),
      generate: g,
      refresh: r,
      refreshAgain: again,
    });
    if (rows <= 1_000) {
      // What an analyst on Excel on the web waits for: every sync a 150 ms round trip.
      const emu = await revenueWorkbook(values);
      emu.hooks.latencyMs = LATENCY_MS;
      const run = (o: { delayForCellEdit?: boolean }, b: (c: Excel.RequestContext) => Promise<unknown>) =>
        emu.run(o, b);
      const settings = { period: "2002-Q4", compare: "2002-Q3", focus: "110", ourOperator: "电信", sample: true };
      let t = performance.now();
      await generate(run as never, { settings, seedInputs: seeds });
      const generateAtLatency = performance.now() - t;
      t = performance.now();
      await generate(run as never, {});
      const refreshAtLatency = performance.now() - t;
      Object.assign(out, {
        latencyMs: LATENCY_MS,
        generateAtLatencyMs: Math.round(generateAtLatency),
        refreshAtLatencyMs: Math.round(refreshAtLatency),
      });
    }
  } else {
    // Beyond the emulator's reach (HyperFormula over millions of cells): the read plan only.
    const first = values.slice(0, FIRST_BLOCK_ROWS);
    const next = Math.min(nextBlockRows(first), Math.floor(4_000_000 / 7));
    const total = responseBytes(values);
    Object.assign(out, {
      readBlocks: 1 + Math.ceil(Math.max(0, values.length - FIRST_BLOCK_ROWS) / next),
      readFloor: Math.ceil(total / CAP),
      responseBytesTotal: total,
    });
  }
  out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify(out));
}

void main();
