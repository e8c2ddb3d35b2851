import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { detectHost, type HostInfo } from "../office/host";
import { App } from "./App";
import { officeRun } from "../excel/run";
import { watchWorkbook } from "../excel/watch";

/** In Excel: the pane re-reads step statuses when the workbook changes (ExcelApi 1.9 events). */
function ExcelPane(props: { host: HostInfo }) {
  const [run] = useState(officeRun);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const supported = Office.context.requirements.isSetSupported("ExcelApi", "1.9");
    const stop = watchWorkbook(run, () => setVersion((v) => v + 1), { supported });
    return () => {
      void stop.then((f) => f());
    };
  }, [run]);
  return <App host={props.host} run={run} workbookVersion={version} />;
}

async function main() {
  const host = await detectHost();
  const el = document.getElementById("container");
  if (el) createRoot(el).render(host.kind === "excel" ? <ExcelPane host={host} /> : <App host={host} run={null} />);
}

void main();
