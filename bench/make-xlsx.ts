/* Writes a deterministic revenue workbook of N rows (table "Revenue") for CLI timing:
 * node -r ./scripts/ts-register.js bench/make-xlsx.ts 100000 out.xlsx */
import * as fs from "fs";
import { exportXlsx } from "../src/emulator/xlsx";
import { revenueTable } from "./revenue-data";
import { revenueWorkbook } from "./workbook";

async function main() {
  const rows = Number(process.argv[2] ?? 100_000);
  const emu = await revenueWorkbook(revenueTable(rows), false);
  fs.writeFileSync(process.argv[3] ?? "revenue.xlsx", await exportXlsx(emu.model));
}

void main();
