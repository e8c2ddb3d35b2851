/* The Portfolio sheet at a branch's scale (issues 22 and 35): the sample's 36 accounts and
 * synthetic ones, each buying five services in the six months of 2002-H2 (30 revenue rows a
 * customer: 2,000 customers ≈ 60,000 rows).
 * node -r ./scripts/ts-register.js bench/portfolio.ts [customers] [--work-only]   → one JSON line:
 * Generate all (the six steps and the overview), Generate of the portfolio, Refresh of it, a
 * recalculation after one revenue cell changes, the sheets' formula cells, the formula-work
 * count (cells criteria and lookup functions scan in one full recalculation, src/emulator/work.ts)
 * for the six steps and for the portfolio, and the model alone. Figures only, no limits. */
import * as fs from "fs";
import * as path from "path";
import { formulaWork } from "../src/emulator/work";
import { generate } from "../src/excel/pipeline";
import { analysePortfolio } from "../src/method/portfolio";
import { sampleInputs, SAMPLE_FILE_NAMES, type SampleFiles } from "../src/sample/workbook";
import { parsePeriod } from "../src/tables/period";
import { parseRevenueTable } from "../src/tables/revenue";
import { revenueTable } from "./revenue-data";
import { revenueWorkbook } from "./workbook";

export function portfolioTable(customers: number): (string | number)[][] {
  const sample = revenueTable(558);
  const [header, ...body] = sample;
  const months = [...new Set(body.map((r) => r[0]))];
  const industries = body.map((r) => [r[3], r[4]] as const);
  const services = ["市话", "长话", "数据", "互联网", "网元出租", "17909长话"];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = [header, ...body];
  for (let c = 36; c < customers; c++) {
    const [industry, sub] = industries[c % industries.length];
    const mine = [0, 1, 2, 3, 4].map((k) => services[(c + k) % services.length]);
    for (const m of months)
      for (const s of mine) out.push([m, `C${c}`, `客户${c}`, industry, sub, s, Math.round(rnd() * 5e6) / 100]);
  }
  return out;
}

async function main() {
  const customers = Number(process.argv[2] ?? 1000);
  const values = portfolioTable(customers);
  const files = {} as SampleFiles;
  for (const n of SAMPLE_FILE_NAMES) files[n] = fs.readFileSync(path.join(__dirname, "..", "sample-case", n), "utf8");
  const emu = await revenueWorkbook(values);
  const run = (o: { delayForCellEdit?: boolean }, b: (c: Excel.RequestContext) => Promise<unknown>) => emu.run(o, b);
  const settings = { period: "2002-Q4", compare: "2002-Q3", focus: "110", ourOperator: "电信", sample: true };
  let t = performance.now();
  await generate(run as never, { settings, seedInputs: sampleInputs(files, "zh") });
  const generateAllMs = performance.now() - t;
  const sixSteps = formulaWork(emu.model);
  t = performance.now();
  const res = await generate(run as never, { steps: ["portfolio"] });
  const generateMs = performance.now() - t;
  const sheet = emu.model.sheetByName("7 客户组合")!;
  const withPortfolio = formulaWork(emu.model);
  // --work-only: Generate and the count (a branch's 20,000 customers: its Refresh takes minutes).
  const workOnly = process.argv.includes("--work-only");
  let refreshMs: number | null = null;
  let recalcMs: number | null = null;
  if (!workOnly) {
    t = performance.now();
    await generate(run as never, { steps: ["portfolio"] });
    refreshMs = performance.now() - t;
    t = performance.now();
    await emu.run(async (context) => {
      context.workbook.worksheets.getItem("收入").getRange("G2").values = [[1]];
      await context.sync();
    });
    emu.model.value(sheet, 12, 8);
    recalcMs = performance.now() - t;
  }
  // The model alone, on the parsed table.
  const rows = parseRevenueTable({ sheet: "收入", values, origin: { row: 0, col: 0 } }).rows;
  t = performance.now();
  const p = analysePortfolio(rows, {
    period: parsePeriod("2002-Q4")!,
    compare: parsePeriod("2002-Q3"),
    months: 3,
    compareMonths: 3,
  });
  const modelMs = performance.now() - t;
  console.log(
    JSON.stringify({
      customers: res.figures.portfolio!.accounts.length,
      revenueRows: values.length - 1,
      formulaCells: sheet.formulas.size,
      formulaWork: {
        sixSteps: sixSteps.total,
        portfolio: withPortfolio.bySheet["7 客户组合"],
        portfolioByFunction: Object.fromEntries(
          Object.entries(withPortfolio.byFunction).map(([k, v]) => [k, v - (sixSteps.byFunction[k] ?? 0)]),
        ),
      },
      generateAllMs: Math.round(generateAllMs),
      generateMs: Math.round(generateMs),
      refreshMs: refreshMs === null ? null : Math.round(refreshMs),
      recalcAfterEditMs: recalcMs === null ? null : Math.round(recalcMs),
      modelMs: +modelMs.toFixed(1),
      modelAccounts: p.accounts.length,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

if (require.main === module) void main();
