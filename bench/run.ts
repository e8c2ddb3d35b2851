/* `npm run bench`: every size in its own process, a table on stdout and bench/results.json.
 * Figures are medians of several runs with min and max; nothing here fails on timing. */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const ROOT = path.join(__dirname, "..");
const SIZES: [number, number, string][] = [
  [558, 5, "emulator"],
  [1_000, 5, "emulator"],
  [10_000, 3, "emulator"],
  [100_000, Number(process.env.BENCH_100K_RUNS ?? 1), "emulator"],
  [1_000_000, 3, "model"],
];

function runOne(rows: number, repeats: number, mode: string) {
  const r = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=16000",
      "-r",
      "./scripts/ts-register.js",
      "bench/one.ts",
      String(rows),
      String(repeats),
      mode,
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line);
  } catch {
    return { rows, mode, error: (r.stderr || r.stdout).slice(-400) };
  }
}

/** Least-squares slope of log(time) against log(rows). */
function exponent(points: [number, number][]): number {
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return +(num / den).toFixed(2);
}

function bundle() {
  const file = path.join(ROOT, "dist", "taskpane.js");
  if (!fs.existsSync(file)) {
    execFileSync(
      process.execPath,
      ["node_modules/webpack-cli/bin/cli.js", "--mode", "production", "--env", "preview=false"],
      {
        cwd: ROOT,
        stdio: "ignore",
      },
    );
  }
  const buf = fs.readFileSync(file);
  return { taskpaneBytes: buf.length, taskpaneGzipBytes: zlib.gzipSync(buf, { level: 9 }).length };
}

function main() {
  const results = SIZES.map(([n, k, mode]) => {
    process.stderr.write(`bench: ${n} rows (${mode}, ${k} run${k > 1 ? "s" : ""})…\n`);
    return runOne(n, k, mode);
  });
  const model = results
    .filter((r) => r.rows >= 10_000 && r.modelMs)
    .map((r) => [r.rows, r.modelMs.median + r.parseMs.median] as [number, number]);
  const gen = results
    .filter((r) => r.rows >= 1_000 && r.generateMs)
    .map((r) => [r.rows, r.generateMs.median] as [number, number]);
  // The command line and LibreOffice on the same files (bench/cli.ts), in this same run.
  process.stderr.write("bench: sixstep generate and LibreOffice at 10,000, 100,000 and 1,000,000 rows…\n");
  const cliRun = spawnSync(
    process.execPath,
    ["-r", "./scripts/ts-register.js", "bench/cli.ts", "10000", "100000", "1000000"],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  const cli = cliRun.stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
  // The Portfolio sheet at 1,000, 2,000 and 20,000 customers (bench/portfolio.ts), with its
  // formula-work count: each customer's sums are SUMIFS over its own rows of a sorted copy
  // (O(rows)), its revenue percentile and rank read the orders Generate wrote (a binary search, a
  // place), a COUNTIF over the customers only once an edit breaks them. At 20,000 customers
  // (600,000 rows) Generate and the count only (--work-only): its Refresh took 13 minutes.
  const portfolio = (
    [
      ["1000", "8000"],
      ["2000", "8000"],
      ["20000", "20000", "--work-only"],
    ] as string[][]
  ).map(([n, heap, ...rest]) => {
    process.stderr.write(`bench: the portfolio at ${n} customers…\n`);
    const pf = spawnSync(
      process.execPath,
      [`--max-old-space-size=${heap}`, "-r", "./scripts/ts-register.js", "bench/portfolio.ts", n, ...rest],
      { cwd: ROOT, encoding: "utf8" },
    );
    try {
      return JSON.parse(pf.stdout.trim().split("\n").at(-1) ?? "null");
    } catch {
      return { customers: Number(n), error: (pf.stderr || pf.stdout).slice(-400) };
    }
  });
  // Tables as other applications save them (bench/foreign.ts): a CSV saved by LibreOffice, a plain
  // range with shared strings and a date style, at 100,000 and 1,000,000 rows; and 60,000 rows of
  // about 1,900 customers with the portfolio, LibreOffice recalculating our output against its
  // load of the input.
  const foreign = (
    [
      ["100000", "24"],
      ["1000000", "24"],
      ["60000", "9", "--portfolio", "--libreoffice"],
    ] as string[][]
  ).map((args) => {
    process.stderr.write(`bench: a CSV saved by LibreOffice, ${args.join(" ")}…\n`);
    const r = spawnSync(process.execPath, ["-r", "./scripts/ts-register.js", "bench/foreign.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const line = r.stdout.trim().split("\n").at(-1) ?? "";
    try {
      return JSON.parse(line);
    } catch {
      return { args, error: (r.stderr || r.stdout).slice(-400) };
    }
  });
  // The same on an Excel table of 2,000 customers (bench/portfolio-cli.ts): issue 35's case.
  process.stderr.write("bench: the portfolio through the command line, 2,000 customers in an Excel table…\n");
  const tableRun = spawnSync(
    process.execPath,
    ["-r", "./scripts/ts-register.js", "bench/portfolio-cli.ts", "2000", "--libreoffice"],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 },
  );
  let portfolioCli: Record<string, unknown>;
  try {
    portfolioCli = JSON.parse(tableRun.stdout.trim().split("\n").at(-1) ?? "");
  } catch {
    portfolioCli = { error: (tableRun.stderr || tableRun.stdout).slice(-400) };
  }
  const firstRenderFile = path.join(ROOT, "test-artifacts", "first-render.json");
  const summary = {
    date: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    results,
    growthExponent: {
      parseAndModel_10k_to_1M: model.length >= 2 ? exponent(model) : null,
      emulatorGenerate_1k_to_100k: gen.length >= 2 ? exponent(gen) : null,
    },
    cli,
    portfolio,
    foreign,
    portfolioCli,
    bundle: bundle(),
    previewFirstRender: fs.existsSync(firstRenderFile)
      ? JSON.parse(fs.readFileSync(firstRenderFile, "utf8"))
      : "run npm test (the e2e test measures it)",
  };
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(summary, null, 2)}\n`);
  const fmt = (s?: { median: number; min: number; max: number }) => (s ? `${s.median} (${s.min}–${s.max})` : "—");
  console.table(
    results.map((r) => ({
      rows: r.rows,
      "generate ms": fmt(r.generateMs),
      "refresh ms": fmt(r.refreshMs),
      "recalc ms": fmt(r.recalcMs),
      "gen syncs r/w (floor)": r.generate
        ? `${r.generate.readSyncs}/${r.generate.writeSyncs} (${r.generate.readFloor}/${r.generate.writeFloor})`
        : `read blocks ${r.readBlocks ?? "—"}`,
      "refresh syncs r/w": r.refresh ? `${r.refresh.readSyncs}/${r.refresh.writeSyncs}` : "—",
      "again, nothing moved": r.refreshAgain ? `${r.refreshAgain.readSyncs}/${r.refreshAgain.writeSyncs}` : "—",
      "gen / refresh at 150 ms a sync": r.generateAtLatencyMs
        ? `${r.generateAtLatencyMs} / ${r.refreshAtLatencyMs} ms`
        : "—",
      "req KB max/total": r.generate
        ? `${(r.generate.requestBytesMax / 1024).toFixed(0)}/${(r.generate.requestBytesTotal / 1024).toFixed(0)}`
        : "—",
      "resp KB max/total": r.generate
        ? `${(r.generate.responseBytesMax / 1024).toFixed(0)}/${(r.generate.responseBytesTotal / 1024).toFixed(0)}`
        : "—",
      "parse rows/s": r.parseRowsPerSecond,
      "model ms": fmt(r.modelMs),
      "floor ms": fmt(r.floorMs),
      "model÷floor": r.modelToFloor,
      "peak MB": r.peakRssMB,
    })),
  );
  console.log(`growth exponent (parse + model, 10k → 1M rows): ${summary.growthExponent.parseAndModel_10k_to_1M}`);
  console.log(
    `growth exponent (emulator Generate, 1k → 100k rows): ${summary.growthExponent.emulatorGenerate_1k_to_100k}`,
  );
  for (const c of cli)
    console.log(
      `sixstep generate, ${c.rows} rows: ${c.cliMs} ms (${JSON.stringify(c.phases)}), peak ${c.cliPeakMB} MB; ` +
        `LibreOffice recalculate + save: ${c.libreOfficeMs ?? "—"} ms (CLI ÷ LibreOffice ${c.cliToLibreOffice ?? "—"}); ` +
        `formula cells against LibreOffice: ${c.againstLibreOffice?.formulaCells ?? "—"}, ${c.againstLibreOffice?.differences ?? "—"} differ; ` +
        `against the TypeScript model: ${(c.againstLibreOffice?.againstModel ?? []).filter((x: { equal: boolean }) => x.equal).length}/${(c.againstLibreOffice?.againstModel ?? []).length} figures equal`,
    );
  for (const pf of portfolio)
    if (pf)
      console.log(
        `portfolio, ${pf.customers} customers (${pf.revenueRows} revenue rows, ${pf.formulaCells} formula cells): ` +
          `Generate ${pf.generateMs} ms, Refresh ${pf.refreshMs} ms, recalc after an edit ${pf.recalcAfterEditMs} ms; ` +
          `formula work (cells scanned a recalculation): six steps ${pf.formulaWork?.sixSteps}, portfolio ${pf.formulaWork?.portfolio}`,
      );
  for (const f of foreign)
    console.log(
      `CSV saved by LibreOffice, ${f.rows} rows (${f.customers} customers${f.portfolio ? ", with the portfolio" : ""}): ` +
        `sixstep generate ${f.cliMs} ms (${JSON.stringify(f.phases)}), peak ${f.cliPeakMB} MB` +
        (f.libreOfficeInputMs
          ? `; LibreOffice: input ${f.libreOfficeInputMs} ms, output ${f.libreOfficeOutputMs} ms`
          : ""),
    );
  const pc = portfolioCli as { rows?: number; cliMs?: number; phases?: unknown; cliPeakMB?: number } & Record<
    string,
    unknown
  >;
  console.log(
    `Excel table, ${pc.rows ?? "—"} rows (2,000 customers, with the portfolio): sixstep generate ${pc.cliMs ?? "—"} ms ` +
      `(${JSON.stringify(pc.phases ?? null)}), peak ${pc.cliPeakMB ?? "—"} MB` +
      (pc.libreOfficeInputMs
        ? `; LibreOffice: input ${pc.libreOfficeInputMs} ms, output ${pc.libreOfficeOutputMs} ms`
        : ""),
  );
  console.log(`task pane bundle: ${summary.bundle.taskpaneBytes} B, ${summary.bundle.taskpaneGzipBytes} B gzip`);
  console.log(`preview first render: ${JSON.stringify(summary.previewFirstRender)}`);
  console.log("written: bench/results.json");
}

main();
