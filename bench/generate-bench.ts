/* Generate (steps 1–2) through the emulator on the sample and on larger revenue tables: syncs
 * (read / write), request and response bytes, wall time, and the model's compute time against a
 * bare single-pass group-by of the amount column by industry over the same array.
 * Run: node -r ./scripts/ts-register.js bench/generate-bench.ts [rows…] */
import { ExcelEmulator } from "../src/emulator";
import { generate } from "../src/excel/pipeline";
import { analyseIndustry } from "../src/method/industry";
import { parsePeriod } from "../src/tables/period";
import { parseRevenueTable } from "../src/tables/revenue";
import { revenueTable } from "./revenue-data";

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function one(rows: number) {
  const values = revenueTable(rows);
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("收入");
    for (let r = 0; r < values.length; r += 20_000) {
      const chunk = values.slice(r, r + 20_000);
      ws.getRangeByIndexes(r, 0, chunk.length, 7).values = chunk;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    ws.tables.add(`A1:G${values.length}`, true).name = "Revenue";
    await context.sync();
  });
  const before = emu.runs.length;
  const t0 = performance.now();
  const res = await generate((o, b) => emu.run(o, b), {
    settings: { period: "2002-Q4", compare: "2002-Q3", focus: "110" },
  });
  const wall = performance.now() - t0;
  const syncs = emu.runs.slice(before).flatMap((r) => r.syncs.filter((s) => s.operations > 0));
  const reads = syncs.filter((s) => s.readOnly);
  const writes = syncs.filter((s) => !s.readOnly);

  // Model vs floor, on the same in-memory array (median of 5).
  const period = parsePeriod("2002-Q4")!;
  const compare = parsePeriod("2002-Q3")!;
  const modelMs: number[] = [];
  const floorMs: number[] = [];
  for (let k = 0; k < 5; k++) {
    let t = performance.now();
    const table = parseRevenueTable({ sheet: "收入", values, origin: { row: 0, col: 0 } });
    analyseIndustry(table.rows, { period, compare, focus: "110" });
    modelMs.push(performance.now() - t);
    t = performance.now();
    const sums = new Map<unknown, number>();
    for (let i = 1; i < values.length; i++) {
      const r = values[i];
      sums.set(r[3], (sums.get(r[3]) ?? 0) + (r[6] as number));
    }
    floorMs.push(performance.now() - t);
  }
  return {
    rows,
    wallMs: Math.round(wall),
    readSyncs: reads.length,
    writeSyncs: writes.length,
    requestBytesTotal: syncs.reduce((a, s) => a + s.requestBytes, 0),
    requestBytesMax: Math.max(...syncs.map((s) => s.requestBytes)),
    responseBytesTotal: syncs.reduce((a, s) => a + s.responseBytes, 0),
    responseBytesMax: Math.max(...syncs.map((s) => s.responseBytes)),
    modelMs: +median(modelMs).toFixed(2),
    floorMs: +median(floorMs).toFixed(2),
    ratio: +(median(modelMs) / median(floorMs)).toFixed(1),
    total: Math.round(res.figures.total),
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  };
}

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  const out = [];
  for (const n of sizes.length ? sizes : [558, 10_000, 100_000]) {
    const r = await one(n);
    out.push(r);
    console.log(JSON.stringify(r));
  }
  console.table(out);
}

void main();
