/**
 * `exportDeck`: the workbook's account plan as a .pptx — read through the office-js API (Excel,
 * or the emulator), built by `buildDeck`, then finished: the waterfall's base series drawn
 * without fill (PptxGenJS colours every series), so the bars float as in the workbook.
 */
import JSZip from "jszip";
import type { ExcelRun } from "../excel/run";
import type { Locale } from "../i18n";
import { buildDeck, DeckError } from "./build";
import { readDeckData, type DeckData } from "./read";

export { DeckError };

export interface ExportedDeck {
  bytes: Uint8Array;
  slides: number;
  warnings: string[];
  locale: Locale;
}

/** The workbook's language, from its conclusions: Chinese when they hold Chinese characters. */
export function deckLocale(data: DeckData): Locale {
  for (const [k, r] of data.names)
    if (k.startsWith("sixstep_sowhat_") && r.text.some((row) => row.some((c) => /[\u4e00-\u9fff]/.test(c))))
      return "zh-CN";
  return data.names.size ? "en-US" : "zh-CN";
}

/** Every stacked column chart's first series (the waterfall's base): no fill, no line, no labels. */
export async function hideBaseSeries(pptx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(pptx);
  const charts = Object.keys(zip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
  for (const f of charts) {
    const xml = await zip.file(f)!.async("string");
    if (!/<c:grouping val="stacked"\/>/.test(xml)) continue;
    const start = xml.indexOf("<c:ser>");
    const end = xml.indexOf("</c:ser>", start);
    if (start < 0 || end < 0) continue;
    let ser = xml.slice(start, end);
    ser = ser.replace(/<c:spPr>[\s\S]*?<\/c:spPr>/, "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    ser = ser.replace(/<c:dLbls>[\s\S]*?<\/c:dLbls>/, '<c:dLbls><c:delete val="1"/></c:dLbls>');
    zip.file(f, xml.slice(0, start) + ser + xml.slice(end));
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

export async function exportDeck(run: ExcelRun, o: { locale?: Locale; fileName: string }): Promise<ExportedDeck> {
  const data = await readDeckData(run);
  const locale = o.locale ?? deckLocale(data);
  const deck = buildDeck(data, { locale, fileName: o.fileName });
  const raw = (await deck.pptx.write({ outputType: "uint8array" })) as Uint8Array;
  return { bytes: await hideBaseSeries(raw), slides: deck.slides, warnings: deck.warnings, locale };
}
