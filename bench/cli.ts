/* The command line on large files, and LibreOffice on the same files, in the same run:
 * node -r ./scripts/ts-register.js bench/cli.ts [rows…]   (default 10000 100000)
 * Each size: a revenue workbook written once (bench/tmp), `sixstep generate` on it (compiled
 * build, phases from SIXSTEP_TIMING, peak memory from /usr/bin/time), then LibreOffice opening
 * the CLI's output, recalculating every formula and saving it; prints one JSON line per size. */
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import type { WorkbookModel } from "../src/emulator/model";
import { importXlsx } from "../src/emulator/xlsx";
import { analyseIndustry } from "../src/method/industry";
import { parsePeriod } from "../src/tables/period";
import { parseRevenueTable } from "../src/tables/revenue";
import { splitBulkSheets } from "../src/emulator/xlsx-bulk-read";
import { compareFormulaCells, recalcWithLibreOffice, sofficePath } from "../test/helpers/libreoffice";
import { timedGenerate } from "./timed-generate";

const ROOT = path.join(__dirname, "..");
const TMP = path.join(ROOT, "bench", "tmp");

function input(rows: number): string {
  const file = path.join(TMP, `revenue-${rows}.xlsx`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(TMP, { recursive: true });
    spawnSync(
      process.execPath,
      ["--max-old-space-size=16000", "-r", "./scripts/ts-register.js", "bench/make-xlsx.ts", String(rows), file],
      { cwd: ROOT, stdio: "inherit" },
    );
  }
  return file;
}

/** Every formula cell of the CLI's file, recomputed by the emulator, against LibreOffice's recalculation. */
async function agreement(ours: Buffer, lo: Buffer) {
  const model = await importXlsx(ours);
  const wb = new ExcelJS.Workbook();
  // LibreOffice's copy of the revenue sheet is cut as the CLI cuts it (no formula there; every
  // formula cell is on the step sheets, which ExcelJS reads whole).
  const split = await splitBulkSheets(lo);
  await wb.xlsx.load((split ? split.head : lo) as unknown as ArrayBuffer);
  const { compared, differences } = compareFormulaCells(model, wb);
  return {
    formulaCells: compared,
    differences: differences.length,
    firstDifferences: differences.slice(0, 3),
    againstModel: againstModel(model),
  };
}

/** The workbook's headline figures against the TypeScript model over the same revenue rows. */
function againstModel(model: WorkbookModel) {
  const named = (n: string) => {
    const f = model.names.get(n.toLowerCase())!.formula.slice(1);
    const { sheet, rect } = model.resolveAddress(f);
    return model.value(sheet, rect.r0, rect.c0);
  };
  const revenue = model.tables.find((t) => t.name === "Revenue")!;
  const sheet = model.sheetById(revenue.sheetId)!;
  const table = parseRevenueTable({
    sheet: sheet.name,
    values: model.values(sheet, revenue.rect),
    origin: { row: 0, col: 0 },
  });
  const focus = String(named("SixStep_FocusId"));
  const m = analyseIndustry(table.rows, { period: parsePeriod("2002-Q4")!, compare: parsePeriod("2002-Q3")!, focus });
  const pairs: [string, number, number][] = [
    ["total", Number(named("SixStep_Total")), m.total],
    ["focus monthly average", Number(named("SixStep_FocusAverage")), m.focus!.monthlyAverage],
    ["focus segment share", Number(named("SixStep_SegmentShare")), m.focus!.segmentShare],
  ];
  return pairs.map(([what, workbook, ts]) => ({
    what,
    workbook: +workbook.toFixed(4),
    model: +ts.toFixed(4),
    equal: Math.abs(workbook - ts) <= 1e-6 * Math.max(1, Math.abs(ts)),
  }));
}

async function one(rows: number) {
  const file = input(rows);
  const out = path.join(TMP, `out-${rows}.xlsx`);
  const g = timedGenerate(file, out, ["--period", "2002-Q4", "--compare", "2002-Q3", "--quiet"]);
  const result: Record<string, unknown> = { rows, ...g };
  const cliMs = g.cliMs;
  if (sofficePath() && g.exit === 0) {
    const buf = fs.readFileSync(out);
    const l = performance.now();
    const lo = recalcWithLibreOffice(buf, 1_200_000);
    result.libreOfficeMs = Math.round(performance.now() - l);
    result.cliToLibreOffice = +(cliMs / (result.libreOfficeMs as number)).toFixed(2);
    result.againstLibreOffice = await agreement(buf, lo);
  }
  return result;
}

async function main() {
  // The compiled command line, as installed (bin/sixstep.js falls back to the sources when stale).
  spawnSync(process.execPath, ["scripts/build-cli.js"], { cwd: ROOT, stdio: "ignore" });
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) console.log(JSON.stringify(await one(n)));
}

void main();
