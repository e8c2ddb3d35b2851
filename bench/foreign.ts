/* Revenue tables as other applications save them (issue 35): a CSV file opened and saved by
 * LibreOffice is a plain range, with shared strings and a date style on the period column — as
 * Excel and WPS save one too — not the Excel table with inline strings our exporter writes.
 * node -r ./scripts/ts-register.js bench/foreign.ts <rows> <months> [--portfolio] [--libreoffice]
 * → one JSON line: the CSV made, LibreOffice's conversion to .xlsx (the input), `sixstep generate`
 * on it (phases, peak memory from /usr/bin/time), and with --libreoffice LibreOffice's load of the
 * input against its recalculation and save of our output. Figures only, no limits.
 * Customers buy 2–5 services each month of `months` (ending 2002-12), so the customers come to
 * about rows ÷ (3.5 × months): 100,000 rows over 24 months ≈ 1,190 customers; 1,000,000 rows over
 * 12 months ≈ 23,800. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { convertAllWithLibreOffice, sofficePath } from "../src/cli/libreoffice";
import { libreOfficeAgainstInput, timedGenerate } from "./timed-generate";

const ROOT = path.join(__dirname, "..");
const TMP = path.join(ROOT, "bench", "tmp");

const INDUSTRIES: [string, string][] = [
  ["金融", "保险"],
  ["金融", "银行"],
  ["交通运输", "港口"],
  ["党政军", "政府"],
  ["公共服务", "电力"],
  ["制造", "电子"],
  ["旅游娱乐", "酒店"],
  ["科教文卫", "教育"],
  ["贸易", "零售"],
];
const SERVICES = ["市话", "长话", "数据", "互联网", "网元出租", "17909长话"];

/** The CSV text: header, then each customer's services for each month, until `rows` rows. */
export function foreignCsv(rows: number, months: number): { text: string; customers: number } {
  const monthLabels: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const m = 12 - (i % 12);
    const y = 2002 - Math.floor(i / 12);
    monthLabels.push(`${y}-${String(m).padStart(2, "0")}-01`);
  }
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ["月份,客户编号,客户名称,行业,细分行业,业务,收入(元)"];
  let c = 0;
  while (lines.length - 1 < rows) {
    const [industry, sub] = INDUSTRIES[c % INDUSTRIES.length];
    const k = 2 + (c % 4);
    const size = 1 + rnd() * 20;
    for (const month of monthLabels)
      for (let s = 0; s < k && lines.length - 1 < rows; s++) {
        const amount = (Math.round(size * rnd() * 500_000) / 100).toFixed(2);
        lines.push(
          `${month},K${c},"客户${c}有限公司",${industry},${sub},${SERVICES[(c + s) % SERVICES.length]},${amount}`,
        );
      }
    c++;
  }
  return { text: `${lines.join("\n")}\n`, customers: c };
}

/** The CSV saved as .xlsx by LibreOffice (cached under bench/tmp). */
function input(rows: number, months: number): { file: string; customers: number; convertMs: number | null } {
  const file = path.join(TMP, `foreign-${rows}-${months}.xlsx`);
  const { text, customers } = foreignCsv(rows, months);
  if (fs.existsSync(file)) return { file, customers, convertMs: null };
  fs.mkdirSync(TMP, { recursive: true });
  const t = performance.now();
  const [xlsx] = convertAllWithLibreOffice([Buffer.from(text, "utf8")], "xlsx", 3_600_000, "csv");
  const convertMs = Math.round(performance.now() - t);
  fs.writeFileSync(file, xlsx);
  return { file, customers, convertMs };
}

function main() {
  const rows = Number(process.argv[2] ?? 100_000);
  const months = Number(process.argv[3] ?? 24);
  const portfolio = process.argv.includes("--portfolio");
  const withLibreOffice = process.argv.includes("--libreoffice") && sofficePath() !== null;
  spawnSync(process.execPath, ["scripts/build-cli.js"], { cwd: ROOT, stdio: "ignore" });
  const { file, customers, convertMs } = input(rows, months);
  const out = path.join(os.tmpdir(), `foreign-out-${rows}-${months}${portfolio ? "-p" : ""}.xlsx`);
  const g = timedGenerate(file, out, ["--quiet", ...(portfolio ? ["--steps", "all,portfolio"] : [])]);
  const result: Record<string, unknown> = {
    rows,
    months,
    customers,
    portfolio,
    inputMB: +(fs.statSync(file).size / 1e6).toFixed(1),
    libreOfficeCsvToXlsxMs: convertMs,
    ...g,
  };
  if (withLibreOffice && g.exit === 0) libreOfficeAgainstInput(result, file, out);
  fs.rmSync(out, { force: true });
  console.log(JSON.stringify(result));
}

if (require.main === module) main();
