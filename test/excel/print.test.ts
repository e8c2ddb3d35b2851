/**
 * Print-ready: every generated sheet prints landscape, one page wide, on at most two pages (the
 * overview on one), counted in LibreOffice's PDF export of each sheet alone.
 */
import * as fs from "fs";
import * as path from "path";
import type { ExcelEmulator } from "../../src/emulator";
import { exportXlsx } from "../../src/emulator/xlsx";
import { convertAllWithLibreOffice, pdfPageCount } from "../helpers/libreoffice";
import { generate } from "../../src/excel/pipeline";
import { sampleEmulator } from "../helpers/workbook";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");

/** One .xlsx per sheet, every other sheet hidden (LibreOffice prints visible sheets only). */
async function oneSheetFiles(emu: ExcelEmulator, names: string[]): Promise<Uint8Array[]> {
  const files: Uint8Array[] = [];
  const visibility = new Map(emu.model.sheets.map((s) => [s.id, s.visibility]));
  for (const name of names) {
    for (const s of emu.model.sheets) s.visibility = s.name === name ? "Visible" : "Hidden";
    emu.model.activeSheetId = emu.model.sheetByName(name)!.id;
    files.push(await exportXlsx(emu.model));
  }
  for (const s of emu.model.sheets) s.visibility = visibility.get(s.id)!;
  return files;
}

test("each step sheet prints landscape on at most two pages, one page wide, with titles and page numbers", async () => {
  const { emu, result, run } = await sampleEmulator("en");
  // The on-demand portfolio too: its header row repeats on every page.
  const pf = await generate(run, { steps: ["portfolio"] });
  const sheets = [...result.sheets, ...pf.sheets];
  const names = sheets.map((s) => s.name);
  for (const s of sheets) {
    const p = emu.model.sheetByName(s.name)!.print;
    // The overview's third row names the account; the portfolio repeats its header row.
    const titles = s.step === "overview" ? "1:3" : s.step === "portfolio" ? "12:12" : "1:2";
    expect([s.name, p.orientation, p.fit?.wide, p.titleRows]).toEqual([s.name, "Landscape", 1, titles]);
    expect(p.footer.center).toBe("Page &P of &N");
    expect(p.header.left).toContain("Ping An");
  }
  expect(emu.model.sheetByName("6 Planning")!.print.titleColumns).toBe("A:C");
  // On screen too: the Gantt scrolls beside the frozen task columns.
  expect(emu.model.sheetByName("6 Planning")!.freeze).toEqual({ rows: 1, cols: 3 });
  const pdfs = convertAllWithLibreOffice(await oneSheetFiles(emu, names), "pdf");
  const pages = Object.fromEntries(names.map((n, i) => [n, pdfPageCount(pdfs[i])]));
  console.log(`pages when printed: ${JSON.stringify(pages)}`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  names.forEach((n, i) => fs.writeFileSync(path.join(ARTIFACTS, `print-${n.replace(/\s+/g, "-")}.pdf`), pdfs[i]));
  for (const n of names) expect([n, pages[n] >= 1 && pages[n] <= 2]).toEqual([n, true]);
  expect(pages["0 Overview"]).toBe(1);
  // The sample's 36 accounts on one page.
  expect(pages["7 Portfolio"]).toBe(1);
}, 300_000);
