import { createRoot } from "react-dom/client";
import { detectHost } from "../office/host";
import { App } from "./App";
import { officeRun } from "../excel/run";

async function main() {
  const host = await detectHost();
  const el = document.getElementById("container");
  if (el) createRoot(el).render(<App host={host} run={host.kind === "excel" ? officeRun() : null} />);
}

void main();
