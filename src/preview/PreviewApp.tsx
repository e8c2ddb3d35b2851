import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ExcelEmulator } from "../emulator";
import { ColumnBlock } from "../emulator/columns";
import { exportXlsx, importParsed, importXlsx } from "../emulator/xlsx";
import type { ExcelRun } from "../excel/run";
import { localeFromDisplayLanguage, translator, type Locale, type MessageKey } from "../i18n";
import type { HostInfo } from "../office/host";
import { buildSampleWorkbook, type SampleLang } from "../sample/workbook";
import { App } from "../taskpane/App";
import { SAMPLE_FILES } from "./sample-files";
import { WorkbookView } from "./WorkbookView";
import { emptyWorkbook, nextRegion } from "./shell";
import type { WorkerReply } from "./xlsx-worker";

declare global {
  interface Window {
    /** Set when the first workbook has been drawn: ms since navigation start (read by tests). */
    __previewReady?: number;
    /** How the last file was read: "worker" (off the main thread) or "page". */
    __previewImport?: string;
    /** The emulator behind the view, for tests and the curious (console). */
    __emulator?: ExcelEmulator;
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
  const [emu, setEmu] = useState(() => new ExcelEmulator());
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

  const loadSample = useCallback(
    async (lang: SampleLang) => {
      const next = new ExcelEmulator();
      setStatus({ key: "preview.loading" });
      // Generate all leaves the overview active: the sample opens, like any file we write, on the
      // account plan's first page.
      await buildSampleWorkbook(next, SAMPLE_FILES, lang);
      adopt(next, "preview.loadedSample");
    },
    [adopt],
  );

  const loadFile = useCallback(
    async (file: File) => {
      try {
        setStatus({ key: "preview.loadingFile" });
        const model = await openWorkbook(await file.arrayBuffer());
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
    const bytes = await exportXlsx(emu.model);
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
    const start =
      props.initial === "empty" ? emptyWorkbook().then((e) => adopt(e, "preview.empty")) : loadSample(props.initial);
    void start.then(() =>
      requestAnimationFrame(() => {
        window.__previewReady ??= performance.now();
      }),
    );
  }, []);

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
        <App
          embedded
          host={props.host}
          run={run}
          workbookVersion={version}
          onWorkbookChanged={() => setVersion((v) => v + 1)}
          onLocale={setLocale}
        />
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

const keys = new WeakMap<ExcelEmulator, number>();
let nextKey = 1;
function emuKey(e: ExcelEmulator): number {
  if (!keys.has(e)) keys.set(e, nextKey++);
  return keys.get(e)!;
}
