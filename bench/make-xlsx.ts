/* Writes a deterministic revenue workbook of N rows (table "Revenue") for CLI timing:
 * node -r ./scripts/ts-register.js bench/make-xlsx.ts 100000 out.xlsx */
import * as fs from "fs";
import { ExcelEmulator } from "../src/emulator";
import { exportXlsx } from "../src/emulator/xlsx";
import { revenueTable } from "./revenue-data";

async function main() {
  const rows = Number(process.argv[2] ?? 100_000);
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
  fs.writeFileSync(process.argv[3] ?? "revenue.xlsx", await exportXlsx(emu.model));
}

void main();
