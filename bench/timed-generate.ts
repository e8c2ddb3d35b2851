/* `sixstep generate` in its own process, timed: wall time, peak memory (from /usr/bin/time) and
 * the phases the command line reports under SIXSTEP_TIMING (bench/cli.ts, bench/foreign.ts). */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { convertAllWithLibreOffice } from "../src/cli/libreoffice";

const ROOT = path.join(__dirname, "..");

export interface TimedGenerate {
  cliMs: number;
  cliPeakMB: number;
  phases: Record<string, number> | null;
  exit: number | null;
  /** The end of stderr when the command failed. */
  error?: string;
}

export function timedGenerate(file: string, out: string, args: string[]): TimedGenerate {
  const t = performance.now();
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%M",
      process.execPath,
      "--max-old-space-size=16000",
      "bin/sixstep.js",
      "generate",
      file,
      "-o",
      out,
      ...args,
    ],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, SIXSTEP_TIMING: "1" }, maxBuffer: 1 << 24 },
  );
  const cliMs = Math.round(performance.now() - t);
  const lines = r.stderr.trim().split("\n");
  const timing = lines.find((l) => l.startsWith("sixstep-timing: "));
  return {
    cliMs,
    cliPeakMB: Math.round(Number(lines.at(-1)) / 1024),
    phases: timing ? JSON.parse(timing.slice("sixstep-timing: ".length)) : null,
    exit: r.status,
    ...(r.status !== 0 ? { error: r.stderr.slice(-600) } : {}),
  };
}

/** Wall time of LibreOffice opening `file` and saving it (recalculating every formula). */
export function libreOfficeMs(file: string): number {
  const t = performance.now();
  convertAllWithLibreOffice([fs.readFileSync(file)], "xlsx", 3_600_000);
  return Math.round(performance.now() - t);
}

/** LibreOffice's load of the input against its recalculation and save of our output, into `result`. */
export function libreOfficeAgainstInput(result: Record<string, unknown>, input: string, output: string): void {
  const inputMs = libreOfficeMs(input);
  const outputMs = libreOfficeMs(output);
  Object.assign(result, {
    libreOfficeInputMs: inputMs,
    libreOfficeOutputMs: outputMs,
    libreOfficeOverInputMs: outputMs - inputMs,
  });
}
