/**
 * The request context: queued operations, `sync()` applying them in order, and the payload
 * accounting (request and response bytes against Excel on the web's caps).
 */
import {
  ClientObject,
  EmulatorHooks,
  Op,
  REQUEST_LIMIT_BYTES,
  RESPONSE_LIMIT_BYTES,
  RunStats,
  SyncRecord,
  create,
  sizeOf,
} from "./client";
import { EmulatorError } from "./errors";
import { type WorkbookModel } from "./model";
import { Application, Workbook } from "./workbook";

export class RequestContext {
  readonly workbook: Workbook;
  readonly application: Application;
  private queue: Op[] = [];
  private pendingNull: ClientObject[] = [];
  readonly stats: RunStats = { syncs: [] };
  /** Number of syncs across runs, shared with the emulator for failure injection. */
  constructor(
    readonly model: WorkbookModel,
    private readonly counter: { syncs: number },
    private readonly hooks: EmulatorHooks,
  ) {
    this.workbook = create(Workbook, this);
    this.application = this.workbook.application;
  }

  /** @internal */
  _enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** @internal */
  _trackNull(obj: ClientObject): void {
    this.pendingNull.push(obj);
  }

  get trackedObjects() {
    return { add: () => undefined, remove: () => undefined };
  }

  async sync(): Promise<void> {
    if (this.hooks.beforeSync) await this.hooks.beforeSync();
    if (this.hooks.latencyMs && this.queue.length) await new Promise((r) => setTimeout(r, this.hooks.latencyMs));
    const ops = this.queue;
    const nulls = this.pendingNull;
    this.queue = [];
    this.pendingNull = [];
    this.counter.syncs++;
    const requestBytes = ops.reduce((n, o) => n + o.bytes, 0) + 64;
    const record: SyncRecord = {
      operations: ops.length,
      requestBytes,
      responseBytes: 0,
      readOnly: !ops.some((o) => o.mutates),
    };
    this.stats.syncs.push(record);
    if (this.hooks.failAtSync !== undefined && this.counter.syncs === this.hooks.failAtSync) {
      throw new EmulatorError("GeneralException", `injected failure at sync ${this.counter.syncs}`);
    }
    if (requestBytes > REQUEST_LIMIT_BYTES) {
      throw new EmulatorError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${requestBytes} bytes > ${REQUEST_LIMIT_BYTES}).`,
      );
    }
    let responseBytes = 0;
    for (const op of ops) {
      op.apply();
      if (op.respond) responseBytes += sizeOf(op.respond());
      if (responseBytes > RESPONSE_LIMIT_BYTES) {
        throw new EmulatorError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit (${responseBytes} bytes > ${RESPONSE_LIMIT_BYTES}).`,
        );
      }
    }
    for (const n of nulls) n._settleNull();
    // Recalculation waits for the next read (every read flushes first): a run of writes costs one.
    record.responseBytes = responseBytes;
    await Promise.resolve();
  }
}
