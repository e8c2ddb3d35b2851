import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../src/sample/csv";

export const SAMPLE_DIR = path.join(__dirname, "..", "..", "sample-case");

/** Reads one of the project's sample-case CSV files as a 2-D array of strings. */
export function readSampleCsv(name: string): string[][] {
  return parseCsv(fs.readFileSync(path.join(SAMPLE_DIR, name), "utf8"));
}
