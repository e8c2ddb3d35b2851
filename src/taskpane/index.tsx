import { useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { detectHost, loadPreferences, type HostInfo } from "../office/host";
import { App, resolveLocale } from "./App";
import { paneWorkbook } from "../excel/pane";
import { officeRun } from "../excel/run";
import { watchWorkbook } from "../excel/watch";
import { localeFromDisplayLanguage } from "../i18n/core";
import { loadCatalogue } from "../i18n/load";
import { STEP_IDS } from "../steps/meta";

/**
 * In Excel: the pane's workbook calls over Excel.run, handed to the pane (as Microsoft's template
 * hands `insertText` to its component); it re-reads step statuses when the workbook changes
 * (ExcelApi 1.9 events).
 */
function ExcelPane(props: { host: HostInfo }) {
  const [run] = useState(officeRun);
  const workbook = useMemo(() => paneWorkbook(run, STEP_IDS), [run]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const supported = Office.context.requirements.isSetSupported("ExcelApi", "1.9");
    const stop = watchWorkbook(run, () => setVersion((v) => v + 1), { supported });
    return () => {
      void stop.then((f) => f());
    };
  }, [run]);
  return <App host={props.host} run={run} workbook={workbook} workbookVersion={version} />;
}

async function main() {
  // The Chinese catalogue is a chunk: when the pane will likely speak Chinese (the saved choice,
  // else the browser's language), its request starts now, beside Office's start-up.
  const prefs = loadPreferences();
  const guess = prefs.language === "auto" ? localeFromDisplayLanguage(navigator.language) : prefs.language;
  const early = loadCatalogue(guess).catch(() => undefined);
  const host = await detectHost();
  // The first render speaks the pane's language; if its catalogue cannot be loaded (offline), the
  // pane starts in English and says so (App tries again).
  await early;
  await loadCatalogue(resolveLocale(host, prefs)).catch(() => undefined);
  const el = document.getElementById("container");
  if (el) createRoot(el).render(host.kind === "excel" ? <ExcelPane host={host} /> : <App host={host} run={null} />);
}

void main();
