/* Import + recalculation of the sample case's revenue table round-tripped through .xlsx, with the
 * Industry sheet generated on it. Run: node -r ./scripts/ts-register.js bench/sample-import.ts */
import * as fs from "fs";
import * as path from "path";
import { ExcelEmulator } from "../src/emulator";
import { exportXlsx, importXlsx } from "../src/emulator/xlsx";
import { parseCsv } from "../src/sample/csv";
import { revenueAsExcelValues } from "../src/sample/revenue";

async function main() {
  const csv = parseCsv(fs.readFileSync(path.join(__dirname, "..", "sample-case", "revenue.csv"), "utf8"));
  const values = revenueAsExcelValues(csv);
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("收入");
    ws.getRange(`A1:G${values.length}`).values = values;
    ws.tables.add(`收入!A1:G${values.length}`, true).name = "Revenue";
    ws.getRange("I1:I2").formulas = [
      ['=SUMIFS(Revenue[收入(元)],Revenue[细分行业],"保险",Revenue[月份],">="&DATE(2002,10,1))/3'],
      ["=SUM(Revenue[收入(元)])"],
    ];
    await context.sync();
  });
  const buf = await exportXlsx(emu.model);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const m = await importXlsx(buf);
    m.value(m.sheets[0], 0, 8);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      rows: values.length - 1,
      xlsxBytes: buf.length,
      importRecalcMsMedian: Math.round(times[2]),
      min: Math.round(times[0]),
      max: Math.round(times[4]),
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
    }),
  );
}
void main();
