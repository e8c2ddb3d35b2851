import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ExcelEmulator } from "../emulator";
import type { ExcelRun } from "../excel/run";
import { localeFromDisplayLanguage, translator, type Locale, type MessageKey } from "../i18n";
import type { HostInfo } from "../office/host";
import type { SampleLang } from "../sample/workbook";
import type { ShownWorkbook } from "./drawn";
import { WorkbookView } from "./WorkbookView";
import { emptyWorkbook, nextRegion } from "./shell";
import { decodeSnapshot, snapshotDifferences, SnapshotWorkbook } from "./snapshot";
import type { WorkerReply } from "./xlsx-worker";

// The first paint needs React, the grid and the sample's snapshot only: the task pane (Fluent
// UI), the emulator (HyperFormula), the pipeline and ExcelJS load after it, in their own chunks.
const App = lazy(() => import(/* webpackChunkName: "pane" */ "../taskpane/App").then((m) => ({ default: m.App })));

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
async function liveSample(lang: SampleLang): Promise<ExcelEmulator> {
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
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

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

const bar = {
  display: "flex",
  flexWrap: "wrap" as const,
  gap: 6,
  alignItems: "center",
  padding: "6px 8px",
  borderBottom: "1px solid #E1DFDD",
  background: "#F8F8F8",
  fontFamily: "Segoe UI, Noto Sans CJK SC, sans-serif",
  fontSize: 13,
};
const button = {
  border: "1px solid #8A8886",
  borderRadius: 4,
  background: "#fff",
  padding: "3px 10px",
  cursor: "pointer",
  fontSize: 13,
};

/** The standalone preview: the real task pane beside an in-browser workbook (the emulator). */
/** A macrotask (not throttled like setTimeout): the browser may render before it runs. */
function yieldToBrowser(): Promise<void> {
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
async function openWorkbook(data: ArrayBuffer) {
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
    return await importParsed(reply.model, { pause }, bulk);
  } finally {
    worker.terminate();
  }
}

/** The first thing to focus in a region: its selected tab, its grid, or its first control. */
function focusTarget(region: HTMLElement): HTMLElement | null {
  if (region.matches('[role="grid"], [tabindex]:not([tabindex="-1"])')) return region;
  return (
    region.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]:not([disabled])') ??
    region.querySelector<HTMLElement>('button:not([disabled]), select, input, [tabindex="0"]')
  );
}

export function PreviewApp(props: { host: HostInfo; initial: SampleLang | "empty" }) {
  // The preview speaks the task pane's language (its setting, else the browser's).
  const [locale, setLocale] = useState<Locale>(() => localeFromDisplayLanguage(props.host.displayLanguage));
  const t = useMemo(() => translator(locale), [locale]);
  const [emu, setEmu] = useState<ShownWorkbook>(() => new SnapshotWorkbook(EMPTY, new Promise(() => undefined)));
  /** Which load is the latest: an older sample still building is not adopted. */
  const loads = useRef(0);
  /** The task pane loads once the workbook is drawn (its chunk would compete with the first paint). */
  const [pane, setPane] = useState(props.initial === "empty");
  const [version, setVersion] = useState(0);
  /** The toolbar's status, as a message key (shown in the current language) or an error text. */
  const [status, setStatus] = useState<{
    key?: MessageKey;
    params?: Record<string, string>;
    text?: string;
    error?: boolean;
  } | null>(null);
  const paneRef = useRef<HTMLElement>(null);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // F6 / Shift+F6: task pane → grid → sheet tabs, as Excel's F6 moves between its panes.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "F6") return;
      const main = mainRef.current;
      const regions = [
        paneRef.current,
        main?.querySelector<HTMLElement>('[role="grid"]') ?? null,
        main?.querySelector<HTMLElement>('[role="tablist"]') ?? null,
      ];
      const next = nextRegion(regions, document.activeElement, e.shiftKey);
      const target = next && focusTarget(next);
      if (target) {
        e.preventDefault();
        target.focus();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const adopt = useCallback((next: ExcelEmulator, key: MessageKey, params?: Record<string, string>) => {
    loads.current++;
    // Redraw after runs that changed something (reads alone, like the task pane's status check, do not).
    next.hooks.onRunComplete = (stats) => {
      if (stats.syncs.some((x) => !x.readOnly && x.operations > 0)) setVersion((v) => v + 1);
    };
    // Each sync yields a task, so the task pane's progress paints while a run goes on.
    next.hooks.beforeSync = yieldToBrowser;
    window.__emulator = next;
    setEmu(next);
    setVersion((v) => v + 1);
    setStatus({ key, params });
  }, []);

  /**
   * The sample: its snapshot drawn first (the overview, as Generate all leaves it), then the live
   * emulator built after the paint and swapped in under the same view (same sheets, selection and
   * scroll). Edits and the task pane's runs made meanwhile wait for it (SnapshotWorkbook.run).
   */
  const loadSample = useCallback(
    async (lang: SampleLang, onDrawn?: () => void) => {
      const load = ++loads.current;
      setStatus({ key: "preview.loading" });
      let resolveLive: (e: ExcelEmulator) => void = () => undefined;
      let rejectLive: (e: unknown) => void = () => undefined;
      const live = new Promise<ExcelEmulator>((resolve, reject) => {
        resolveLive = resolve;
        rejectLive = reject;
      });
      const shown = new SnapshotWorkbook(decodeSnapshot(await sampleSnapshot(lang)), live);
      performance.mark("preview:snapshot");
      if (load !== loads.current) return;
      setEmu(shown);
      setVersion((v) => v + 1);
      setStatus({ key: "preview.computingSample" });
      await afterPaint();
      performance.mark("preview:drawn");
      onDrawn?.();
      // The other sheets' cells (drawn empty for the moment until they arrive), then the task pane.
      shown.model.addSheets(decodeSnapshot(await sampleSnapshot(lang, "rest")));
      if (load !== loads.current) return resolveLive(await liveSample(lang));
      setVersion((v) => v + 1);
      performance.mark("preview:sheets");
      setPane(true);
      try {
        const next = await liveSample(lang);
        if (load !== loads.current) return resolveLive(next);
        const differences = snapshotDifferences(shown.model, next.model);
        // A snapshot that does not match the live workbook is a build fault: say so (tests fail on it).
        if (differences.length)
          console.error(`The sample's snapshot differs from the live workbook: ${differences.join("; ")}`);
        else keys.set(next, emuKey(shown));
        // Under the same key, the view goes on where the analyst is (the same sheet and selection:
        // WorkbookView carries them over when it draws the new model).
        adopt(next, "preview.loadedSample");
        resolveLive(next);
        performance.mark("preview:live");
        window.__previewLive ??= performance.now();
      } catch (e) {
        rejectLive(e);
        setStatus({ text: (e as Error).message, error: true });
      }
    },
    [adopt],
  );

  const loadFile = useCallback(
    async (file: File) => {
      try {
        setStatus({ key: "preview.loadingFile" });
        const [model, { ExcelEmulator }] = await Promise.all([
          openWorkbook(await file.arrayBuffer()),
          import(/* webpackChunkName: "emulator" */ "../emulator"),
        ]);
        adopt(new ExcelEmulator(model), "preview.opened", { name: file.name });
      } catch (e) {
        setStatus({
          key: "preview.openFailed",
          params: { name: file.name, reason: (e as Error).message },
          error: true,
        });
      }
    },
    [adopt],
  );

  // The deck: PptxGenJS loads with the first export, not with the page.
  const exportDeckFile = async () => {
    try {
      setStatus({ text: t("deck.building") });
      const { exportDeck } = await import(/* webpackChunkName: "deck" */ "../deck");
      const deck = await exportDeck((o, b) => emu.run(o, b), { fileName: "six-step-analysis.xlsx" });
      const name = "six-step-plan.pptx";
      const blob = new Blob([deck.bytes as BlobPart], {
        type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      setStatus({ text: [t("deck.saved", { file: name, slides: deck.slides }), ...deck.warnings].join(" ") });
    } catch (e) {
      setStatus({ text: t("deck.failed", { message: (e as Error).message }), error: true });
    }
  };

  const exportFile = async () => {
    const [{ exportXlsx }, model] = await Promise.all([
      import(/* webpackChunkName: "xlsx" */ "../emulator/xlsx"),
      emu instanceof SnapshotWorkbook ? emu.live.then((e) => e.model) : (emu as unknown as ExcelEmulator).model,
    ]);
    const bytes = await exportXlsx(model);
    const blob = new Blob([bytes as BlobPart], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "six-step-analysis.xlsx";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  useEffect(() => {
    // Ready: the workbook drawn and usable (the sample's snapshot; its live emulator follows).
    const ready = () => {
      window.__previewReady ??= performance.now();
    };
    if (props.initial === "empty")
      void emptyWorkbook()
        .then((e) => adopt(e, "preview.empty"))
        .then(() => requestAnimationFrame(ready));
    else void loadSample(props.initial, ready).finally(() => setPane(true));
  }, []);

  const paneLoading = (
    <p style={{ padding: 12, fontFamily: bar.fontFamily, fontSize: 13 }}>{t("preview.loadingPane")}</p>
  );
  const run: ExcelRun = useMemo(() => (o, b) => emu.run(o, b), [emu]);

  return (
    <div
      style={{ display: "flex", height: "100%", minHeight: 0 }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void loadFile(f);
      }}
    >
      <aside
        ref={paneRef}
        style={{ width: 360, flexShrink: 0, borderRight: "1px solid #C8C6C4", overflowY: "auto" }}
        aria-label={t("preview.taskPane")}
      >
        <Suspense fallback={paneLoading}>
          {pane ? (
            <App
              embedded
              host={props.host}
              run={run}
              workbookVersion={version}
              onWorkbookChanged={() => setVersion((v) => v + 1)}
              onLocale={setLocale}
            />
          ) : (
            paneLoading
          )}
        </Suspense>
      </aside>
      <main
        ref={mainRef}
        style={{ flexGrow: 1, display: "flex", flexDirection: "column", minWidth: 0 }}
        aria-label={t("preview.workbook")}
      >
        <nav style={bar} aria-label={t("preview.menu")}>
          <button style={button} onClick={() => void loadSample("zh")}>
            {t("preview.sampleZh")}
          </button>
          <button style={button} onClick={() => void loadSample("en")}>
            {t("preview.sampleEn")}
          </button>
          <button style={button} onClick={() => void emptyWorkbook().then((e) => adopt(e, "preview.empty"))}>
            {t("preview.emptyWorkbook")}
          </button>
          <button style={button} onClick={() => fileInput.current?.click()}>
            {t("preview.open")}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t("preview.open")}
            data-testid="open-file"
            style={{ display: "none" }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void loadFile(f);
              e.target.value = "";
            }}
          />
          <button style={button} onClick={() => void exportFile()}>
            {t("preview.export")}
          </button>
          <button style={button} onClick={() => void exportDeckFile()}>
            {t("deck.export")}
          </button>
          <span
            role="status"
            data-testid="preview-status"
            style={{ color: status?.error ? "#A4262C" : "#484644", marginLeft: 8 }}
          >
            {dragging ? t("preview.drop") : status?.key ? t(status.key, status.params) : status?.text}
          </span>
        </nav>
        <div style={{ flexGrow: 1, minHeight: 0 }}>
          <WorkbookView
            key={emuKey(emu)}
            emu={emu}
            version={version}
            t={t}
            onError={(m) => setStatus({ text: m, error: true })}
          />
        </div>
      </main>
    </div>
  );
}

/** Before anything is loaded: no sheet. */
const EMPTY = { sheets: [], activeSheetId: null, empty: "" };

const keys = new WeakMap<ShownWorkbook, number>();
let nextKey = 1;
function emuKey(e: ShownWorkbook): number {
  if (!keys.has(e)) keys.set(e, nextKey++);
  return keys.get(e)!;
}
