/**
 * Input tables keep the analyst's values across Refresh: rows are matched by their key columns
 * (case-, width- and space-insensitive), never by position. A pre-filled row the analyst has
 * edited keeps the analyst's values; rows the analyst added are kept after the pre-filled ones.
 */
import { fold } from "../text";
import type { PlanCell } from "./plan";

/** What Refresh read back from the sheet: the data rows of each input table by table id. */
export type PreviousInputs = Record<string, unknown[][]>;

export function rowKey(row: readonly unknown[], keyColumns: number): string {
  return row
    .slice(0, keyColumns)
    .map((v) => (v === null || v === undefined ? "" : fold(String(v)).toLowerCase().replace(/\s+/g, "")))
    .join("\u0001");
}

function asPlanCell(v: unknown): PlanCell {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * The rows of an input table: pre-filled rows with the analyst's previous values laid over
 * them, then the analyst's own rows. Rows whose key cells are all blank are dropped.
 */
export function mergeInputRows(
  prefill: PlanCell[][],
  previous: unknown[][] | undefined,
  keyColumns: number,
  width: number,
): PlanCell[][] {
  const pad = (r: PlanCell[]) => [...r, ...Array<PlanCell>(Math.max(0, width - r.length)).fill(null)].slice(0, width);
  if (keyColumns === 0) {
    // A fixed block (weights, a setting cell): the analyst's values replace the defaults cell by cell.
    return prefill.map((r, i) => {
      const old = previous?.[i];
      return pad(
        r.map((c, j) => (old && old[j] !== null && old[j] !== undefined && old[j] !== "" ? asPlanCell(old[j]) : c)),
      );
    });
  }
  const blankKey = "\u0001".repeat(keyColumns - 1);
  const prev = new Map<string, unknown[]>();
  for (const r of previous ?? []) {
    const k = rowKey(r, keyColumns);
    if (k !== blankKey && !prev.has(k)) prev.set(k, r);
  }
  const out: PlanCell[][] = [];
  const used = new Set<string>();
  for (const r of prefill) {
    const k = rowKey(r, keyColumns);
    const old = prev.get(k);
    used.add(k);
    out.push(pad(old ? old.map(asPlanCell) : r));
  }
  for (const [k, r] of prev) if (!used.has(k)) out.push(pad(r.map(asPlanCell)));
  return out;
}

/**
 * An input table's rows on Generate: the pre-filled rows the first time only (afterwards the
 * table is the analyst's: rows they deleted stay deleted, and a language switch does not add a
 * second set), with the analyst's rows, keyed, laid over them.
 */
export function inputRows(
  previous: PreviousInputs | undefined,
  id: string,
  prefill: PlanCell[][],
  keyColumns: number,
  width: number,
): PlanCell[][] {
  const old = previous?.[id];
  return mergeInputRows(old ? [] : prefill, old, keyColumns, width);
}
