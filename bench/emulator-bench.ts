/* Emulator figures for the closing notes: import + recalc of a 100,000-row revenue table with 20
 * SUMIFS formulas per industry. Run: node -r ./scripts/ts-register.js bench/emulator-bench.ts */
import { ExcelEmulator } from "../src/emulator";
import { exportXlsx, importXlsx } from "../src/emulator/xlsx";

async function main() {
  const rows = Number(process.argv[2] ?? 100_000);
  const industries = [
    "金融",
    "党政军",
    "科教文卫",
    "交通运输",
    "公共服务",
    "运营商",
    "贸易",
    "制造",
    "旅游娱乐",
    "其他",
  ];
  const services = ["市话", "长话", "数据", "网元出租", "17909长话"];
  const data: (string | number)[][] = [["月份", "客户", "行业", "业务", "收入(元)"]];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < rows; i++) {
    data.push([
      37438 + 30 * (i % 6),
      `C${i % 5000}`,
      industries[i % industries.length],
      services[i % services.length],
      Math.round(rnd() * 1e6) / 100,
    ]);
  }
  const emu = new ExcelEmulator();
  let t0 = performance.now();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Data");
    const step = 20_000;
    for (let r = 0; r < data.length; r += step) {
      const chunk = data.slice(r, r + step);
      ws.getRangeByIndexes(r, 0, chunk.length, 5).values = chunk;
      // one sync per 20,000-row block keeps each request under Excel's 5 MB cap
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    ws.tables.add(`Data!A1:E${rows + 1}`, true).name = "Revenue";
    const out = context.workbook.worksheets.add("Out");
    const formulas = industries.map((ind) =>
      Array.from(
        { length: 20 },
        (_, k) => `=SUMIFS(Revenue[收入(元)],Revenue[行业],"${ind}",Revenue[月份],">="&${37438 + (k % 6) * 30})`,
      ),
    );
    out.getRange(`A1:T${industries.length}`).formulas = formulas;
    await context.sync();
  });
  const build = performance.now() - t0;
  const syncs = emu.runs[0].syncs;
  t0 = performance.now();
  const buf = await exportXlsx(emu.model);
  const exportMs = performance.now() - t0;
  t0 = performance.now();
  const back = await importXlsx(buf);
  const importMs = performance.now() - t0;
  t0 = performance.now();
  const s = back.sheetByName("Out")!;
  const v = back.values(s, { r0: 0, c0: 0, r1: industries.length - 1, c1: 19 });
  const readMs = performance.now() - t0;
  const mem = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        rows,
        formulas: industries.length * 20,
        buildAndRecalcMs: Math.round(build),
        exportMs: Math.round(exportMs),
        importAndRecalcMs: Math.round(importMs),
        readMs: Math.round(readMs),
        xlsxBytes: buf.length,
        syncs: syncs.length,
        requestBytesTotal: syncs.reduce((n, x) => n + x.requestBytes, 0),
        requestBytesMax: Math.max(...syncs.map((x) => x.requestBytes)),
        peakRssMB: Math.round(mem.rss / 1048576),
        heapUsedMB: Math.round(mem.heapUsed / 1048576),
        check: v[0][0],
      },
      null,
      1,
    ),
  );
}
void main();
