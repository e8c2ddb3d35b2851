/**
 * How the preview gets its workbooks, apart from React: the sample's snapshot (made at build time,
 * drawn first), the live sample built by the whole pipeline in the emulator, and an .xlsx read in
 * a worker; the keys under which the grid keeps its view when a live workbook replaces its snapshot.
 */
import type { ExcelEmulator } from "../emulator";
import type { MessageKey } from "../i18n";
import type { SampleLang } from "../sample/workbook";
import type { ShownWorkbook } from "./drawn";
import { decodeSnapshot, snapshotDifferences, SnapshotWorkbook } from "./snapshot";
import type { WorkerReply } from "./xlsx-worker";

declare global {
  interface Window {
    /** Set when the first workbook has been drawn: ms since navigation start (read by tests). */
    __previewReady?: number;
    /** How the last file was read: "worker" (off the main thread) or "page". */
    __previewImport?: string;
    /** The emulator behind the view, for tests and the curious (console); set once it is live. */
    __emulator?: ExcelEmulator;
    /**
     * Set when the sample's live emulator has replaced its snapshot (ms since navigation start):
     * its formulas computed, the task pane's runs and queued edits applied to it.
     */
    __previewLive?: number;
  }
}

const snapshots = new Map<string, Promise<string>>();
/**
 * The sample's snapshot (src/preview/snapshot.ts) in a language, made at build time; the page's
 * entry asks for it first thing, so it downloads while React starts.
 */
export function sampleSnapshot(lang: SampleLang, part: "first" | "rest" = "first"): Promise<string> {
  const key = `${lang}-${part}`;
  let p = snapshots.get(key);
  if (!p) {
    const load = {
      "zh-first": () => import(/* webpackChunkName: "sample-zh" */ "./sample-snapshot.stub?lang=zh&part=first"),
      "zh-rest": () => import(/* webpackChunkName: "sample-zh-rest" */ "./sample-snapshot.stub?lang=zh&part=rest"),
      "en-first": () => import(/* webpackChunkName: "sample-en" */ "./sample-snapshot.stub?lang=en&part=first"),
      "en-rest": () => import(/* webpackChunkName: "sample-en-rest" */ "./sample-snapshot.stub?lang=en&part=rest"),
    }[key]!;
    p = load().then((m) => m.default);
    snapshots.set(key, p);
  }
  return p;
}

/** The live sample: the emulator filled and generated (the whole pipeline), as before the snapshot. */
export async function liveSample(lang: SampleLang): Promise<ExcelEmulator> {
  const [{ ExcelEmulator }, { buildSampleWorkbook }, { SAMPLE_FILES }] = await Promise.all([
    import(/* webpackChunkName: "emulator" */ "../emulator"),
    import(/* webpackChunkName: "pipeline" */ "../sample/workbook"),
    import(/* webpackChunkName: "pipeline" */ "./sample-files"),
  ]);
  const emu = new ExcelEmulator();
  // Its syncs yield to the page: the snapshot drawn meanwhile stays usable.
  emu.hooks.beforeSync = yieldToBrowser;
  await buildSampleWorkbook(emu, SAMPLE_FILES, lang);
  return emu;
}

/** After the next paint (a frame, then a task once it is drawn). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** A macrotask (not throttled like setTimeout): the browser may render before it runs. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/** Yields to the page between blocks of a large workbook, so it keeps drawing while one loads. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads an .xlsx: parsed in a worker (unzip and XML off the main thread), then built on the page
 * in blocks with pauses; where workers are unavailable, on the page.
 */
export async function openWorkbook(data: ArrayBuffer) {
  const { importParsed, importXlsx } = await import(/* webpackChunkName: "xlsx" */ "../emulator/xlsx");
  // ?import=page reads on the page (the benchmark compares both ways).
  if (typeof Worker === "undefined" || new URLSearchParams(location.search).get("import") === "page") {
    window.__previewImport = "page";
    return importXlsx(new Uint8Array(data), { pause });
  }
  const worker = new Worker(new URL("./xlsx-worker.ts", import.meta.url));
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage(data, [data]);
    });
    if (!reply.ok) throw new Error(reply.message);
    window.__previewImport = "worker";
    const { ColumnBlock } = await import(/* webpackChunkName: "emulator" */ "../emulator/columns");
    const bulk = new Map(
      (reply.bulk ?? []).map((b) => [b.name, { template: b.template, block: ColumnBlock.fromData(b.block) }]),
    );
    return await importParsed(reply.model, { pause }, bulk, reply.names);
  } finally {
    worker.terminate();
  }
}

/** A file opened (or dropped) as a workbook in the emulator. */
export async function fileWorkbook(file: File): Promise<ExcelEmulator> {
  const [model, { ExcelEmulator }] = await Promise.all([
    openWorkbook(await file.arrayBuffer()),
    import(/* webpackChunkName: "emulator" */ "../emulator"),
  ]);
  return new ExcelEmulator(model);
}

/** Before anything is loaded: no sheet. */
export const EMPTY = { sheets: [], activeSheetId: null, empty: "" };

const keys = new WeakMap<ShownWorkbook, number>();
let nextKey = 1;
export function emuKey(e: ShownWorkbook): number {
  if (!keys.has(e)) keys.set(e, nextKey++);
  return keys.get(e)!;
}

/** The live workbook takes its snapshot's key: the grid goes on where the analyst is (same sheet and selection). */
export function keepKey(next: ShownWorkbook, shown: ShownWorkbook): void {
  keys.set(next, emuKey(shown));
}

/** Where a sample's load reports what it has: the page's state (usePreviewWorkbook). */
export interface SampleReports {
  /** Whether this load is still the latest (a load started since drops what this one finds). */
  latest(): boolean;
  /** A workbook to draw now (the snapshot), or the cells it received since. */
  show(emu: ShownWorkbook): void;
  redraw(): void;
  status(key: MessageKey): void;
  /** The sheets are drawn: the task pane may load. */
  paneReady(): void;
  /** The live workbook, to take the snapshot's place. */
  adopt(next: ExcelEmulator): void;
  failed(message: string): void;
}

/**
 * The sample: its snapshot drawn first (the overview, as Generate all leaves it), then the live
 * emulator built after the paint and swapped in under the same view (same sheets, selection and
 * scroll). Edits and the task pane's runs made meanwhile wait for it (SnapshotWorkbook.run).
 */
export async function loadSampleWorkbook(lang: SampleLang, to: SampleReports, onDrawn?: () => void): Promise<void> {
  let resolveLive: (e: ExcelEmulator) => void = () => undefined;
  let rejectLive: (e: unknown) => void = () => undefined;
  const live = new Promise<ExcelEmulator>((resolve, reject) => {
    resolveLive = resolve;
    rejectLive = reject;
  });
  const shown = new SnapshotWorkbook(decodeSnapshot(await sampleSnapshot(lang)), live);
  performance.mark("preview:snapshot");
  if (!to.latest()) return;
  to.show(shown);
  to.status("preview.computingSample");
  await afterPaint();
  performance.mark("preview:drawn");
  onDrawn?.();
  // The other sheets' cells (drawn empty for the moment until they arrive), then the task pane.
  shown.model.addSheets(decodeSnapshot(await sampleSnapshot(lang, "rest")));
  if (!to.latest()) return resolveLive(await liveSample(lang));
  to.redraw();
  performance.mark("preview:sheets");
  to.paneReady();
  try {
    const next = await liveSample(lang);
    if (!to.latest()) return resolveLive(next);
    const differences = snapshotDifferences(shown.model, next.model);
    // A snapshot that does not match the live workbook is a build fault: say so (tests fail on it).
    if (differences.length)
      console.error(`The sample's snapshot differs from the live workbook: ${differences.join("; ")}`);
    // Under the same key, the view goes on where the analyst is (the same sheet and selection:
    // WorkbookView carries them over when it draws the new model).
    else keepKey(next, shown);
    to.adopt(next);
    resolveLive(next);
    performance.mark("preview:live");
    window.__previewLive ??= performance.now();
  } catch (e) {
    rejectLive(e);
    to.failed((e as Error).message);
  }
}
