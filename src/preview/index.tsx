import { createRoot } from "react-dom/client";
import { detectHost } from "../office/host";
import { PreviewApp, sampleSnapshot } from "./PreviewApp";

// ?sample=en opens the English sample, ?sample=empty an empty workbook; the default is Chinese.
async function main() {
  const q = new URLSearchParams(location.search).get("sample");
  const initial = q === "en" ? "en" : q === "empty" ? "empty" : "zh";
  // The sample's snapshot downloads while the page starts.
  if (initial !== "empty") void sampleSnapshot(initial);
  const host = await detectHost({ preview: true });
  const el = document.getElementById("preview");
  if (el) createRoot(el).render(<PreviewApp host={host} initial={initial} />);
}

void main();
