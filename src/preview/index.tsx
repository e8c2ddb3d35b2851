import { createRoot } from "react-dom/client";
import { detectHost } from "../office/host";
import { PreviewApp } from "./PreviewApp";

// ?sample=en opens the English sample, ?sample=empty an empty workbook; the default is Chinese.
async function main() {
  const host = await detectHost({ preview: true });
  const q = new URLSearchParams(location.search).get("sample");
  const initial = q === "en" ? "en" : q === "empty" ? "empty" : "zh";
  const el = document.getElementById("preview");
  if (el) createRoot(el).render(<PreviewApp host={host} initial={initial} />);
}

void main();
