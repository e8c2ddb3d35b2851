/**
 * Manual column page breaks in the sheet parts ExcelJS wrote (it writes row breaks only):
 * `<colBreaks>` after `<rowBreaks>` in CT_Worksheet's order (… headerFooter, rowBreaks, colBreaks,
 * customProperties, … drawing …). A break's id is the 0-based column left of which the page breaks.
 */
import type { Package } from "./zip";
import type { WorkbookModel } from "./model";
import { sheetParts } from "./xlsx-charts";

/** Elements that follow colBreaks in a worksheet part, in schema order. */
const AFTER_COL_BREAKS = [
  "<customProperties",
  "<cellWatches",
  "<ignoredErrors",
  "<smartTags",
  "<drawing",
  "<legacyDrawing",
  "<legacyDrawingHF",
  "<drawingHF",
  "<picture",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

export function colBreaksXml(cols: number[]): string {
  const brks = cols.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join("");
  return `<colBreaks count="${cols.length}" manualBreakCount="${cols.length}">${brks}</colBreaks>`;
}

/** Inserts `xml` before the first of `after` in a worksheet part. */
export function insertBefore(sheetXml: string, xml: string, after: string[]): string {
  const at = after
    .map((t) => sheetXml.indexOf(t))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  return sheetXml.slice(0, at) + xml + sheetXml.slice(at);
}

export async function addColumnBreaks(zip: Package, model: WorkbookModel): Promise<void> {
  const parts = await sheetParts(zip);
  for (const sheet of model.sheets) {
    const cols = sheet.print.colBreaks;
    const part = parts.get(sheet.name);
    if (!cols.length || !part) continue;
    const xml = await zip.file(part)!.async("string");
    zip.file(part, insertBefore(xml, colBreaksXml(cols), AFTER_COL_BREAKS));
  }
}
