/**
 * Provenance of the sample's figures: where a table holds both the original case's figures and
 * figures made up for the demonstration, a "Source" column beside it says which is which, with
 * the case's page ("来源：原案例第2页" / "Source: case p.2") or "示意" / "illustrative".
 *
 * A column rather than cell comments: it prints, it reads the same in every Excel version (comments
 * need ExcelApi 1.10, above the manifest's minimum), in LibreOffice and in the preview, and it
 * needs nothing the emulator and the .xlsx writer do not already do. Only the sample gets it:
 * the layouts write these cells when the step hands them sources, which only the sample does.
 */
import type { Translate } from "../i18n";
import { a1 } from "../address";
import type { Block } from "./plan";
import { headerRow } from "./kit";

/** A figure from the case's page (all of the row, or the named part of it), or an illustrative one. */
export type Provenance = { page: string; part?: string } | "illustrative";

/** The text of a source cell. */
export function provenanceText(t: Translate, p: Provenance): string {
  if (p === "illustrative") return t("sheet.src.illustrative");
  return p.part ? t("sheet.src.part", { part: p.part, page: p.page }) : t("sheet.src.page", { page: p.page });
}

const SOURCE_STYLE = { fontColor: "#595959" } as const;

/**
 * A source column at 0-based column `col`: its header on `head` (when given), then one cell per
 * row that has a provenance (rows without one are left empty).
 */
export function sourceColumn(
  t: Translate,
  col: number,
  rows: { row: number; source: Provenance | undefined }[],
  head?: number,
): Block[] {
  const blocks: Block[] = head === undefined ? [] : [headerRow(head, [t("sheet.src.header")], col)];
  for (const { row, source } of rows) {
    if (!source) continue;
    blocks.push({ at: a1(row, col), cells: [[provenanceText(t, source)]], numberFormat: "@", style: SOURCE_STYLE });
  }
  return blocks;
}
