/**
 * Every workbook call the task pane makes, in one place: the pane's components get these
 * functions (made from the host's ExcelRun) and never touch office-js themselves.
 */
import { rectOf } from "../address";
import { MAIN_INPUT_TABLE, PORTFOLIO_HEAD } from "../steps/meta";
import { PORTFOLIO_NAME_COLUMN } from "../layout/portfolio";
import type { ColumnMapping } from "../tables/revenue";
import { readColumns, readSnapshot, type SourceCandidate, type WorkbookSnapshot } from "./read";
import type { ExcelRun } from "./run";
import { readStatus, stepStatuses, type StepState } from "./status";
import type { GenerateOptions, GenerateResult } from "./pipeline";

export interface PaneState {
  snap: WorkbookSnapshot;
  statuses: Record<string, StepState>;
}

export interface PaneWorkbook {
  /** The document's settings, the candidate tables and each step's status, in one run. */
  readState(mapping: ColumnMapping): Promise<PaneState>;
  /** Whole columns of a source (by 0-based index within it), for defaults drawn from the data. */
  readColumns(source: SourceCandidate, columns: number[]): Promise<unknown[][]>;
  /** A source's first rows (header included): displayed text and values. */
  firstRows(source: SourceCandidate, rows: number): Promise<{ text: string[][]; values: unknown[][] }>;
  /** Activates a sheet and selects a cell, so the analyst lands on what a message is about. */
  select(sheet: string, cell: string): Promise<void>;
  /**
   * The account on the selected row of the Portfolio sheet ("plan this account"): its key (column
   * A) and name (column D); null when the selection is not on an account row of that sheet.
   */
  selectedAccount(): Promise<{ key: string; name: string } | null>;
  /** Generate / Refresh: the pipeline is its own chunk, loaded on the first run. */
  generate(opts: GenerateOptions): Promise<GenerateResult>;
}

export function paneWorkbook(run: ExcelRun, steps: readonly string[]): PaneWorkbook {
  return {
    async readState(mapping) {
      const { snap, now } = await run({}, async (context) => {
        const snap = await readSnapshot(context, { selection: true, mapping });
        return { snap, now: await readStatus(context, snap, MAIN_INPUT_TABLE) };
      });
      return { snap, statuses: stepStatuses(snap, steps, now) };
    },
    readColumns: (source, columns) => run({}, (context) => readColumns(context, source, columns)),
    firstRows: (source, rows) =>
      run({}, async (context) => {
        const r = rectOf(source.address);
        const n = Math.min(rows, r.r1 - r.r0);
        const range = context.workbook.worksheets
          .getItem(source.sheet)
          .getRangeByIndexes(r.r0, r.c0, n + 1, r.c1 - r.c0 + 1);
        range.load("text,values");
        await context.sync();
        return { text: range.text, values: range.values };
      }),
    select: (sheet, cell) =>
      run({}, async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      }),
    selectedAccount: () =>
      run({}, async (context) => {
        const snap = await readSnapshot(context, {});
        const active = context.workbook.getActiveCell();
        active.load("rowIndex");
        // The active cell is on the active sheet.
        const ws = context.workbook.worksheets.getActiveWorksheet();
        ws.load("id");
        await context.sync();
        if (!snap.owned.portfolio || ws.id !== snap.owned.portfolio || active.rowIndex < PORTFOLIO_HEAD) return null;
        const row = ws.getRangeByIndexes(active.rowIndex, 0, 1, PORTFOLIO_NAME_COLUMN + 1);
        row.load("values");
        await context.sync();
        const cells = row.values[0];
        const key = cells[0];
        const name = cells[PORTFOLIO_NAME_COLUMN];
        return key === "" || key === null ? null : { key: String(key), name: String(name) };
      }),
    async generate(opts) {
      const { generate } = await import(/* webpackChunkName: "pipeline" */ "./pipeline");
      return generate(run, opts);
    },
  };
}
