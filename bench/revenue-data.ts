/* Deterministic revenue tables for benchmarks: the sample case's rows, then synthetic customers
 * spread over the same industries, services and months, up to the requested row count. */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../src/sample/csv";
import { revenueAsExcelValues } from "../src/sample/revenue";

export function revenueTable(rows: number): (string | number)[][] {
  const sample = revenueAsExcelValues(
    parseCsv(fs.readFileSync(path.join(__dirname, "..", "sample-case", "revenue.csv"), "utf8")).filter(
      (r) => r.length > 1,
    ),
  );
  const [header, ...body] = sample;
  if (rows <= body.length) return [header, ...body.slice(0, rows)];
  const out = [header, ...body];
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = body.length; i < rows; i++) {
    const base = body[i % body.length];
    out.push([base[0], `S${i % 20000}`, `客户${i % 20000}`, base[3], base[4], base[5], Math.round(rnd() * 5e6) / 100]);
  }
  return out;
}
