/**
 * The deck as a manager opens it: LibreOffice Impress converts the sample's deck to PDF with one
 * page per slide (Debian package libreoffice-impress; `bash scripts/setup.sh` installs it, and the test
 * fails with the command that does when it is missing).
 */
import { exportDeck } from "../../src/deck";
import { generate } from "../../src/excel/pipeline";
import { convertAllWithLibreOffice, pdfPageCount } from "../helpers/libreoffice";
import { pptxUnderJest, readPptx } from "../helpers/pptx";
import { requireTool } from "../helpers/tools";
import { emulatorRun, sampleEmulator } from "../helpers/workbook";

jest.setTimeout(240_000);
pptxUnderJest();

test("LibreOffice Impress converts the deck (zh, en, zh with the portfolio) to PDF with as many pages as slides", async () => {
  // Impress is its own package: `soffice` alone (Calc's) cannot open a .pptx.
  requireTool("impress");
  const decks = [];
  for (const lang of ["zh", "en", "zh+portfolio"] as const) {
    const { emu } = await sampleEmulator(lang === "en" ? "en" : "zh");
    if (lang === "zh+portfolio") await generate(emulatorRun(emu), { steps: ["portfolio"] });
    const deck = await exportDeck(emulatorRun(emu), { fileName: `sample-${lang}.xlsx` });
    expect((await readPptx(deck.bytes)).length).toBe(deck.slides);
    decks.push({ lang, slides: deck.slides, bytes: deck.bytes });
  }
  // One LibreOffice start converts the three decks (Impress reads .pptx as it is).
  const pdfs = convertAllWithLibreOffice(
    decks.map((d) => d.bytes),
    "pdf",
    200_000,
    "pptx",
  );
  expect(pdfs).toHaveLength(3);
  decks.forEach((d, k) => expect([d.lang, pdfPageCount(pdfs[k])]).toEqual([d.lang, d.slides]));
  // The English task names are longer: the tasks table continues on a fourteenth slide. The
  // portfolio adds its 2×2 slide.
  expect(decks.map((d) => d.slides)).toEqual([13, 14, 14]);
});
