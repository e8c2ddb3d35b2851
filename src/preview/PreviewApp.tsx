/**
 * The standalone preview: the real task pane beside an in-browser workbook (the emulator), with a
 * menu to load the samples, an empty workbook or a file, and to export the workbook and the deck.
 * The workbook is the state hook's (./usePreviewWorkbook); how it is loaded, ./workbook-load.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { ExcelRun } from "../excel/run";
import { localeFromDisplayLanguage, translator, type Locale } from "../i18n";
import type { HostInfo } from "../office/host";
import type { SampleLang } from "../sample/workbook";
import { bar, PreviewMenu } from "./PreviewMenu";
import { nextRegion } from "./shell";
import { usePreviewWorkbook } from "./usePreviewWorkbook";
import { emuKey } from "./workbook-load";
import { WorkbookView } from "./WorkbookView";

export { sampleSnapshot } from "./workbook-load";

// The first paint needs React, the grid and the sample's snapshot only: the task pane (Fluent
// UI), the emulator (HyperFormula), the pipeline and ExcelJS load after it, in their own chunks.
const App = lazy(() => import(/* webpackChunkName: "pane" */ "../taskpane/App").then((m) => ({ default: m.App })));

/** The first thing to focus in a region: its selected tab, its grid, or its first control. */
function focusTarget(region: HTMLElement): HTMLElement | null {
  if (region.matches('[role="grid"], [tabindex]:not([tabindex="-1"])')) return region;
  return (
    region.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]:not([disabled])') ??
    region.querySelector<HTMLElement>('button:not([disabled]), select, input, [tabindex="0"]')
  );
}

/** F6 / Shift+F6: task pane → grid → sheet tabs, as Excel's F6 moves between its panes. */
function useF6Regions(pane: RefObject<HTMLElement>, main: RefObject<HTMLElement>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "F6") return;
      const regions = [
        pane.current,
        main.current?.querySelector<HTMLElement>('[role="grid"]') ?? null,
        main.current?.querySelector<HTMLElement>('[role="tablist"]') ?? null,
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
  }, [pane, main]);
}

export function PreviewApp(props: { host: HostInfo; initial: SampleLang | "empty" }) {
  // The preview speaks the task pane's language (its setting, else the browser's).
  const [locale, setLocale] = useState<Locale>(() => localeFromDisplayLanguage(props.host.displayLanguage));
  const t = useMemo(() => translator(locale), [locale]);
  const book = usePreviewWorkbook(props.initial);
  const { emu, setStatus } = book;
  const paneRef = useRef<HTMLElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useF6Regions(paneRef, mainRef);
  const run: ExcelRun = useMemo(() => (o, b) => emu.run(o, b), [emu]);
  const paneLoading = (
    <p style={{ padding: 12, fontFamily: bar.fontFamily, fontSize: 13 }}>{t("preview.loadingPane")}</p>
  );

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
        if (f) book.open(f);
      }}
    >
      <aside
        ref={paneRef}
        style={{ width: 360, flexShrink: 0, borderRight: "1px solid #C8C6C4", overflowY: "auto" }}
        aria-label={t("preview.taskPane")}
      >
        <Suspense fallback={paneLoading}>
          {book.pane ? (
            <App
              embedded
              host={props.host}
              run={run}
              workbookVersion={book.version}
              onWorkbookChanged={book.bump}
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
        <PreviewMenu
          emu={emu}
          t={t}
          status={book.status}
          dragging={dragging}
          onStatus={setStatus}
          onSample={book.sample}
          onEmpty={book.empty}
          onOpen={book.open}
        />
        <div style={{ flexGrow: 1, minHeight: 0 }}>
          <WorkbookView
            key={emuKey(emu)}
            emu={emu}
            version={book.version}
            t={t}
            onError={(m) => setStatus({ text: m, error: true })}
          />
        </div>
      </main>
    </div>
  );
}
