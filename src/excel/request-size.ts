/**
 * How the writer cuts what it writes into requests under Excel's 5 MB cap (writer.ts): a row's and
 * a block's bytes, where a chunk of rows ends, and the parts a bulk block is written in.
 */
import type { Block, PlanCell } from "../layout/plan";

/** Bytes a bulk chunk may carry: under the 5 MB request cap, with room for the batch's other operations. */
export const BULK_CHUNK_BYTES = 3_500_000;

/**
 * The parts a bulk block is written in, left to right: its leading constant columns (values);
 * then each column with a formula in every row on its own (Excel and the emulator take a column
 * of one formula in R1C1 whole), and the runs of other columns together (formulas).
 */
export function bulkParts(cells: PlanCell[][], split: number, cols: number) {
  const parts: { c0: number; c1: number; property: "values" | "formulas" }[] = [];
  if (split > 0) parts.push({ c0: 0, c1: split, property: "values" });
  const full = (k: number) => cells.every((r) => typeof r[k] === "object" && r[k] !== null);
  for (let k = split; k < cols;) {
    let end = k + 1;
    if (!full(k)) while (end < cols && !full(end)) end++;
    parts.push({ c0: k, c1: end, property: "formulas" });
    k = end;
  }
  return parts;
}

/** Where a chunk of rows from `i` ends (exclusive): one row at least, then rows while their bytes stay under the cap. */
export function chunkEnd(count: number, i: number, bytesOf: (row: number) => number): number {
  let bytes = 0;
  let j = i;
  while (j < count) {
    const b = bytesOf(j);
    if (j > i && bytes + b > BULK_CHUNK_BYTES) break;
    bytes += b;
    j++;
  }
  return j;
}

/** A block's bytes in a request, about (its rows'). */
export function blockBytes(b: Block): number {
  return b.cells.reduce((n, r) => n + rowBytes(r), 0);
}

/** A plan row's bytes in a request, about: each cell's text and its quotes. */
export function rowBytes(r: PlanCell[]): number {
  let n = 2;
  for (const c of r) n += String(typeof c === "object" && c !== null ? c.f : c).length + 3;
  return n;
}
