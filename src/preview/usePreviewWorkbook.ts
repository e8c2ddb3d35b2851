/**
 * The preview's workbook as a hook: the one shown (a snapshot, the live emulator, a file), its
 * version (bumped after every change, so the grid redraws), the toolbar's status, whether the task
 * pane may load yet, and the ways to load another: a sample, an empty workbook, a file.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExcelEmulator } from "../emulator";
import type { MessageKey } from "../i18n";
import type { SampleLang } from "../sample/workbook";
import type { ShownWorkbook } from "./drawn";
import { emptyWorkbook } from "./shell";
import { SnapshotWorkbook } from "./snapshot";
import { EMPTY, fileWorkbook, loadSampleWorkbook, yieldToBrowser } from "./workbook-load";

/** The toolbar's status, as a message key (shown in the current language) or an error text. */
export interface PreviewStatus {
  key?: MessageKey;
  params?: Record<string, string>;
  text?: string;
  error?: boolean;
}

export function usePreviewWorkbook(initial: SampleLang | "empty") {
  const [emu, setEmu] = useState<ShownWorkbook>(() => new SnapshotWorkbook(EMPTY, new Promise(() => undefined)));
  /** Which load is the latest: an older sample still building is not adopted. */
  const loads = useRef(0);
  /** The task pane loads once the workbook is drawn (its chunk would compete with the first paint). */
  const [pane, setPane] = useState(initial === "empty");
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<PreviewStatus | null>(() =>
    initial === "empty" ? null : { key: "preview.loading" },
  );
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const adopt = useCallback(
    (next: ExcelEmulator, key: MessageKey, params?: Record<string, string>) => {
      loads.current++;
      // Redraw after runs that changed something (reads alone, like the task pane's status check, do not).
      next.hooks.onRunComplete = (stats) => {
        if (stats.syncs.some((x) => !x.readOnly && x.operations > 0)) bump();
      };
      // Each sync yields a task, so the task pane's progress paints while a run goes on.
      next.hooks.beforeSync = yieldToBrowser;
      window.__emulator = next;
      setEmu(next);
      bump();
      setStatus({ key, params });
    },
    [bump],
  );

  /** The sample (its snapshot, then the live workbook): the caller says "loading" first (the first render already does). */
  const loadSample = useCallback(
    (lang: SampleLang, onDrawn?: () => void) => {
      const load = ++loads.current;
      return loadSampleWorkbook(
        lang,
        {
          latest: () => load === loads.current,
          show: (shown) => {
            setEmu(shown);
            bump();
          },
          redraw: bump,
          status: (key) => setStatus({ key }),
          paneReady: () => setPane(true),
          adopt: (next) => adopt(next, "preview.loadedSample"),
          failed: (text) => setStatus({ text, error: true }),
        },
        onDrawn,
      );
    },
    [adopt, bump],
  );

  // The first workbook. Ready: drawn and usable (the sample's snapshot; its live emulator follows).
  useEffect(() => {
    const ready = () => {
      window.__previewReady ??= performance.now();
    };
    if (initial === "empty")
      void emptyWorkbook()
        .then((e) => adopt(e, "preview.empty"))
        .then(() => requestAnimationFrame(ready));
    else void loadSample(initial, ready).finally(() => setPane(true));
  }, [initial, adopt, loadSample]);

  return {
    emu,
    version,
    status,
    setStatus,
    pane,
    /** The task pane wrote to the workbook: redraw. */
    bump,
    sample: (lang: SampleLang) => {
      setStatus({ key: "preview.loading" });
      void loadSample(lang);
    },
    empty: () => void emptyWorkbook().then((e) => adopt(e, "preview.empty")),
    open: (file: File) => {
      setStatus({ key: "preview.loadingFile" });
      fileWorkbook(file).then(
        (next) => adopt(next, "preview.opened", { name: file.name }),
        (e: unknown) =>
          setStatus({
            key: "preview.openFailed",
            params: { name: file.name, reason: (e as Error).message },
            error: true,
          }),
      );
    },
  };
}
