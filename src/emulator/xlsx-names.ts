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
import { fromFileFormula } from "./xlsx-values";

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

/**
 * The workbook-level names of a package (`xl/workbook.xml`), each with its formula ("=…", without
 * the file's `_xlfn.` prefixes): what ExcelJS leaves out on reading (a formula name) is added from
 * here. Sheet-level names (`localSheetId`: print areas, print titles) are not among them.
 */
export function fileDefinedNames(data: Uint8Array): { name: string; formula: string }[] {
  const part = readPart(data, "xl/workbook.xml");
  if (!part) return [];
  const xml = new TextDecoder().decode(part);
  const out: { name: string; formula: string }[] = [];
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[1]);
    if (!name || /\slocalSheetId="/.test(m[1])) continue;
    const formula = decodeXmlText(m[2]).trim();
    if (formula) out.push({ name: decodeXmlText(name[1]), formula: `=${fromFileFormula(formula)}` });
  }
  return out;
}
