/**
 * Workbook names over large ranges written into `xl/workbook.xml` directly. ExcelJS keeps a
 * defined name as a matrix of its cells (`DefinedNames.addEx`): the names a plain-range revenue
 * table gets (`SixStep_…` over each column) cost an object per cell — at 1,000,000 rows, most of a
 * 7 GB peak. A name is text in the file (ECMA-376 Part 1, §18.2.5 definedName: its formula is
 * the element's content), so it is written as text. So is a name holding a formula rather than a
 * range (a table's column, `Revenue[金额]`; a constant), which ExcelJS neither writes nor reads.
 */
import type { Package } from "./zip";
import { readPart } from "./zip";
import { decodeXmlText } from "./xlsx-bulk-read";
import { fromFileFormula, toFileFormula } from "./xlsx-values";

/** A name over more cells than this goes into the file as text, not through ExcelJS. */
export const LARGE_NAME_CELLS = 10_000;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Adds `names` (name, formula without "=") to the package's workbook part. */
export async function addDefinedNames(zip: Package, names: { name: string; ref: string }[]): Promise<void> {
  if (!names.length) return;
  const path = "xl/workbook.xml";
  const xml = await zip.file(path)?.async("string");
  if (xml === undefined) throw new Error("the package has no workbook part");
  const elements = names.map((n) => `<definedName name="${esc(n.name)}">${esc(n.ref)}</definedName>`).join("");
  let out: string;
  if (/<definedNames\s*\/>/.test(xml))
    out = xml.replace(/<definedNames\s*\/>/, `<definedNames>${elements}</definedNames>`);
  else if (xml.includes("</definedNames>")) out = xml.replace("</definedNames>", `${elements}</definedNames>`);
  // CT_Workbook's sequence: definedNames follows sheets (and functionGroups, externalReferences).
  else if (xml.includes("</externalReferences>"))
    out = xml.replace("</externalReferences>", `</externalReferences><definedNames>${elements}</definedNames>`);
  else out = xml.replace("</sheets>", `</sheets><definedNames>${elements}</definedNames>`);
  zip.file(path, out);
}

/** A workbook name read from a file's own part, with its formula ("=…"). */
export type FileName = { name: string; formula: string };

/**
 * The workbook-level names of a package (`xl/workbook.xml`), each with its formula ("=…", without
 * the file's `_xlfn.` prefixes), in the file's order: the import takes a name's formula from here
 * (ExcelJS reads range names only, and reads some formulas as ranges they are not). Left out:
 * sheet-level names (`localSheetId`: print areas, print titles), hidden names (Excel's own), and a
 * name whose prefixes the export would not write back as they are (`_xlfn.` of a function the
 * export does not know, `_xlpm.`, `_xlws.`: written bare, Excel would read #NAME?).
 */
export function fileDefinedNames(data: Uint8Array): FileName[] {
  const part = readPart(data, "xl/workbook.xml");
  if (!part) return [];
  const xml = new TextDecoder().decode(part);
  const out: FileName[] = [];
  // An element with text (a self-closing one has none), with or without a namespace prefix.
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b((?:[^>/]|\/(?!>))*)>([^<]*)<\/(?:\w+:)?definedName>/g)) {
    const attr = (key: string) => new RegExp(`\\s${key}\\s*=\\s*(["'])(.*?)\\1`).exec(m[1])?.[2];
    const name = attr("name");
    const hidden = attr("hidden");
    if (!name || attr("localSheetId") !== undefined || hidden === "1" || hidden === "true") continue;
    const text = decodeXmlText(m[2]).trim();
    if (!text || toFileFormula(fromFileFormula(text)) !== text) continue;
    out.push({ name: decodeXmlText(name), formula: `=${fromFileFormula(text)}` });
  }
  return out;
}
