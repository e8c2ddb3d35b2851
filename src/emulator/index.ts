import { RequestContext, type EmulatorHooks, type RunStats } from "./api";
import { EmulatorError } from "./errors";
import { WorkbookModel } from "./model";

export { WorkbookModel } from "./model";
export { EmulatorError } from "./errors";
export type { RunStats, SyncRecord } from "./api";

export interface RunOptions {
  delayForCellEdit?: boolean;
}

/**
 * An Excel JavaScript API host over an in-memory workbook. `run` has Excel.run's shapes:
 * run(batch), run(options, batch). Every run's syncs and payload bytes are recorded.
 */
export class ExcelEmulator {
  readonly model: WorkbookModel;
  readonly runs: RunStats[] = [];
  readonly hooks: EmulatorHooks = {};
  private readonly counter = { syncs: 0 };

  constructor(model?: WorkbookModel) {
    this.model = model ?? new WorkbookModel();
  }

  get totalSyncs(): number {
    return this.counter.syncs;
  }

  /** Fails the Nth sync from now (1 = the next one). */
  failAtSync(n: number | undefined): void {
    this.hooks.failAtSync = n === undefined ? undefined : this.counter.syncs + n;
  }

  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(
    a: RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    b?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const batch = typeof a === "function" ? a : b;
    if (!batch) throw new EmulatorError("InvalidArgument", "Excel.run needs a batch function");
    const ctx = new RequestContext(this.model, this.counter, this.hooks);
    this.runs.push(ctx.stats);
    // Like Excel.run, the pending queue is flushed after the batch returns.
    const out = await batch(ctx as unknown as Excel.RequestContext);
    await ctx.sync();
    this.hooks.onRunComplete?.(ctx.stats);
    return out;
  }
}
