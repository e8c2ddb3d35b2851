/**
 * Each step's status for the task pane: not generated, generated, inputs incomplete (its main
 * input table is not filled, by the overview's own measure), or out of date (the revenue data
 * changed since the last Generate: another address, or other cells).
 */
import type { WorkbookSnapshot } from "./read";
import { rectOf } from "./read";

export type StepStatus = "notGenerated" | "generated" | "inputsIncomplete" | "outOfDate";

export interface StepState {
  status: StepStatus;
  /** Share of the main input table filled (0–1), when the step's sheet exists. */
  filled?: number;
}

/**
 * Source tables up to this many cells are re-read to compare fingerprints (about 1.5 MB of
 * response at ~15 bytes a cell, well under Excel's 5 MB); larger ones are compared by address.
 */
export const FINGERPRINT_MAX_CELLS = 100_000;

/** Whether a source of this size is fingerprinted at all (statuses compare larger ones by address). */
export function fingerprintable(rows: number, cols: number): boolean {
  return rows * cols <= FINGERPRINT_MAX_CELLS;
}

/** FNV-1a (32-bit) over the cells' text with separators: equal cells, equal fingerprint. */
export function fingerprint(values: unknown[][]): string {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  for (const row of values) {
    for (const v of row) {
      mix(v === null || v === undefined ? "" : String(v));
      mix("\u001f");
    }
    mix("\u001e");
  }
  return `${values.length}:${(h >>> 0).toString(16).padStart(8, "0")}`;
}

/**
 * The overview's "inputs filled": non-empty cells ÷ (rows with a key × columns). Rows without a
 * key are spare rows and do not count; a table without keyed rows is not filled.
 */
export function inputsFilled(values: unknown[][], keyColumns: number, optionalColumns: number[] = []): number {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  const keyed = keyColumns > 0 ? values.filter((r) => !blank(r[0])).length : values.length;
  const width = (values[0]?.length ?? 0) - optionalColumns.length;
  if (!keyed || width <= 0) return 0;
  const skip = new Set(optionalColumns);
  const filled = values.reduce((n, r) => n + r.filter((v, i) => !skip.has(i) && !blank(v)).length, 0);
  return Math.min(1, filled / (keyed * width));
}

export interface StatusRead {
  /** Fingerprint of the source as it is now; undefined when too large to re-read. */
  sourceHash?: string;
  /** Main input table fill per step. */
  filled: Record<string, number>;
}

function savedSource(snap: Pick<WorkbookSnapshot, "settings" | "candidates">) {
  const saved = snap.settings;
  return snap.candidates.find(
    (c) => c.name === saved.revenueTable || (c.kind === "range" && c.sheet === saved.revenueTable),
  );
}

/** One sync: the main input table of every generated step, and the source if small enough. */
export async function readStatus(
  context: Excel.RequestContext,
  snap: WorkbookSnapshot,
  mainTables: Record<string, string | null>,
): Promise<StatusRead> {
  const inputs = Object.entries(snap.inputTables).flatMap(([step, tables]) => {
    const sheetId = snap.owned[step];
    const table = tables.find((x) => x.id === mainTables[step]);
    if (!table || !snap.sheets.some((s) => s.id === sheetId)) return [];
    const range = context.workbook.worksheets.getItem(sheetId).getRange(table.range);
    range.load("values");
    return [{ step, range, address: table.range, keyColumns: table.keyColumns, optional: table.optionalColumns }];
  });
  const source = savedSource(snap);
  let sourceRange: Excel.Range | null = null;
  if (source && snap.settings.sourceHash) {
    const r = rectOf(source.address);
    if (fingerprintable(r.r1 - r.r0 + 1, r.c1 - r.c0 + 1)) {
      sourceRange = context.workbook.worksheets.getItem(source.sheet).getRange(source.address);
      sourceRange.load("values");
    }
  }
  try {
    await context.sync();
  } catch (e) {
    // Long texts can still overflow a response: then statuses without the fingerprint.
    if (!sourceRange) throw e;
    sourceRange = null;
    for (const x of inputs) x.range = context.workbook.worksheets.getItem(snap.owned[x.step]).getRange(x.address);
    for (const x of inputs) x.range.load("values");
    await context.sync();
  }
  const filled: Record<string, number> = {};
  for (const x of inputs) filled[x.step] = inputsFilled(x.range.values, x.keyColumns, x.optional);
  return { filled, sourceHash: sourceRange ? fingerprint(sourceRange.values) : undefined };
}

export function stepStatuses(
  snap: Pick<WorkbookSnapshot, "settings" | "owned" | "sheets" | "candidates">,
  steps: readonly string[],
  now?: StatusRead,
): Record<string, StepState> {
  const saved = snap.settings;
  const source = savedSource(snap);
  const moved = !!(saved.sourceAddress && source && `${source.sheet}!${source.address}` !== saved.sourceAddress);
  const edited = !!(saved.sourceHash && now?.sourceHash && now.sourceHash !== saved.sourceHash);
  const out: Record<string, StepState> = {};
  for (const step of steps) {
    const exists = snap.sheets.some((s) => s.id === snap.owned[step]);
    const filled = now?.filled[step];
    out[step] = {
      status: !exists
        ? "notGenerated"
        : moved || edited
          ? "outOfDate"
          : filled !== undefined && filled < 1
            ? "inputsIncomplete"
            : "generated",
      filled: exists ? filled : undefined,
    };
  }
  return out;
}
