/* The portfolio through the command line on an Excel table (issue 35's case): the bench's 2,000
 * customers (bench/portfolio.ts: five services over six months, 59,478 revenue rows in the table
 * "Revenue", as our exporter writes it), `sixstep generate --steps all,portfolio`, then
 * LibreOffice's load of the input against its recalculation and save of our output, in one run.
 * node -r ./scripts/ts-register.js bench/portfolio-cli.ts [customers] [--libreoffice] → one JSON
 * line. Figures only, no limits. The input is cached under bench/tmp. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sofficePath } from "../src/cli/libreoffice";
import { exportXlsx } from "../src/emulator/xlsx";
import { portfolioTable } from "./portfolio";
import { libreOfficeAgainstInput, timedGenerate } from "./timed-generate";
import { revenueWorkbook } from "./workbook";

const ROOT = path.join(__dirname, "..");
const TMP = path.join(ROOT, "bench", "tmp");

async function main() {
  const customers = Number(process.argv[2] ?? 2000);
  const withLibreOffice = process.argv.includes("--libreoffice") && sofficePath() !== null;
  spawnSync(process.execPath, ["scripts/build-cli.js"], { cwd: ROOT, stdio: "ignore" });
  const values = portfolioTable(customers);
  const file = path.join(TMP, `table-${customers}.xlsx`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(TMP, { recursive: true });
    const emu = await revenueWorkbook(values, false);
    fs.writeFileSync(file, await exportXlsx(emu.model));
  }
  const out = path.join(os.tmpdir(), `portfolio-cli-${customers}.xlsx`);
  const g = timedGenerate(file, out, ["--quiet", "--steps", "all,portfolio"]);
  const result: Record<string, unknown> = { customers, rows: values.length - 1, table: true, ...g };
  if (withLibreOffice && g.exit === 0) libreOfficeAgainstInput(result, file, out);
  fs.rmSync(out, { force: true });
  console.log(JSON.stringify(result));
}

if (require.main === module) void main();
