/**
 * Prints the sample workbook's snapshot (src/preview/snapshot.ts) in one language, as the
 * preview's first paint draws it (its two parts, as JSON texts): `node -r ./scripts/ts-register.js scripts/sample-snapshot.ts zh`.
 * Run at build time by scripts/sample-snapshot-loader.js.
 */
import * as fs from "fs";
import * as path from "path";
import { ExcelEmulator } from "../src/emulator";
import { encodeSnapshot, splitSnapshot, takeSnapshot } from "../src/preview/snapshot";
import { buildSampleWorkbook, SAMPLE_FILE_NAMES, type SampleFiles } from "../src/sample/workbook";

async function main() {
  const lang = process.argv[2] === "en" ? "en" : "zh";
  const dir = path.join(__dirname, "..", "sample-case");
  const files = Object.fromEntries(
    SAMPLE_FILE_NAMES.map((n) => [n, fs.readFileSync(path.join(dir, n), "utf8")]),
  ) as SampleFiles;
  const emu = new ExcelEmulator();
  await buildSampleWorkbook(emu, files, lang);
  const { first, rest } = splitSnapshot(takeSnapshot(emu.model));
  process.stdout.write(JSON.stringify({ first: encodeSnapshot(first), rest: encodeSnapshot(rest) }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
