/**
 * Every workbook call the task pane makes, in one place: the pane's components get these
 * functions (made from the host's ExcelRun) and never touch office-js themselves. This module is
 * only their interface: the calls (./pane-calls: the readers, header matching, the document's
 * settings) are a chunk loaded as the pane mounts, and the pipeline one loaded on the first run,
 * so neither is in the pane's first bundle.
 */
import type { ColumnMapping } from "../tables/revenue";
import type { SourceCandidate, WorkbookSnapshot } from "./read";
import type { ExcelRun } from "./run";
import type { StepState } from "./status";
import type { GenerateOptions, GenerateResult } from "./pipeline";

/** A source as the pane offers it: also whether its headers read as a site table. */
export type PaneCandidate = SourceCandidate & { site: boolean };

export interface PaneState {
  snap: WorkbookSnapshot;
  statuses: Record<string, StepState>;
  /** The snapshot's candidates, each marked when it reads as a site table. */
  candidates: PaneCandidate[];
}

/** What the data suggests before the analyst types anything. */
export interface DataDefaults {
  /** The customer column's values (the focus picker counts them). */
  names: unknown[];
  /** The latest quarter in the data, and the one before, e.g. "2002-Q4" and "2002-Q3". */
  period?: string;
  compare?: string;
}

export interface PaneWorkbook {
  /** The document's settings, the candidate tables and each step's status, in one run. */
  readState(mapping: ColumnMapping): Promise<PaneState>;
  /** Whole columns of a source (by 0-based index within it), for defaults drawn from the data. */
  readColumns(source: SourceCandidate, columns: number[]): Promise<unknown[][]>;
  /** The customers and default periods of a source under a mapping; null when it lacks those columns. */
  dataDefaults(source: SourceCandidate, mapping: ColumnMapping): Promise<DataDefaults | null>;
  /** A source's first rows (header included): displayed text and values. */
  firstRows(source: SourceCandidate, rows: number): Promise<{ text: string[][]; values: unknown[][] }>;
  /** Activates a sheet and selects a cell, so the analyst lands on what a message is about. */
  select(sheet: string, cell: string): Promise<void>;
  /**
   * The account on the selected row of the Portfolio sheet ("plan this account"): its key (column
   * A) and name (column F); null when the selection is not on an account row of that sheet.
   */
  selectedAccount(): Promise<{ key: string; name: string } | null>;
  /** Generate / Refresh: the pipeline is its own chunk, loaded on the first run (or preloaded). */
  generate(opts: GenerateOptions): Promise<GenerateResult>;
}

/** The calls' chunk; also what the pane preloads when idle. */
export const loadPaneCalls = () => import(/* webpackChunkName: "workbook" */ "./pane-calls");
/** The pipeline's chunk. */
export const loadPipeline = () => import(/* webpackChunkName: "pipeline" */ "./pipeline");

export function paneWorkbook(run: ExcelRun, steps: readonly string[]): PaneWorkbook {
  return {
    readState: async (mapping) => (await loadPaneCalls()).readState(run, steps, mapping),
    readColumns: async (source, columns) => (await loadPaneCalls()).columns(run, source, columns),
    dataDefaults: async (source, mapping) => (await loadPaneCalls()).dataDefaults(run, source, mapping),
    firstRows: async (source, rows) => (await loadPaneCalls()).firstRows(run, source, rows),
    select: async (sheet, cell) => (await loadPaneCalls()).select(run, sheet, cell),
    selectedAccount: async () => (await loadPaneCalls()).selectedAccount(run),
    async generate(opts) {
      const { generate } = await loadPipeline();
      return generate(run, opts);
    },
  };
}
