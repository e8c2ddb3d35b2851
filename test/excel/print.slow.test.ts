/**
 * Print designed, not shrunk (issue 28, item 4): every generated sheet prints landscape on the
 * run's paper at one percentage scale of 70% or more, cut into pages between blocks; the overview
 * on one page. Counted in LibreOffice's PDF export of each sheet alone (print.test.ts has the checks
 * without LibreOffice).
 */
import * as fs from "fs";
import * as path from "path";
import type { ExcelEmulator } from "../../src/emulator";
import { exportXlsx } from "../../src/emulator/xlsx";
import { onlySheets } from "../../src/cli/pdf";
import { convertAllWithLibreOffice, pdfPageCount } from "../helpers/libreoffice";
import { generate } from "../../src/excel/pipeline";
import JSZip from "jszip";
import { sampleEmulator } from "../helpers/workbook";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");

/** One .xlsx per sheet, every other sheet hidden (as `sixstep pdf` hides the sheets it does not print). */
async function oneSheetFiles(emu: ExcelEmulator, names: string[]): Promise<Uint8Array[]> {
  const xlsx = await exportXlsx(emu.model);
  return Promise.all(names.map((n) => onlySheets(xlsx, [n])));
}

test("each sheet prints designed: A4 landscape at 70% or more, cut between blocks, as LibreOffice prints it", async () => {
  const { emu, result, run } = await sampleEmulator("zh");
  // The on-demand portfolio too: its header row repeats on every page.
  const pf = await generate(run, { steps: ["portfolio"] });
  const sheets = [...result.sheets, ...pf.sheets];
  const names = sheets.map((s) => s.name);
  expect(names).toHaveLength(8);
  const designed: Record<string, number> = {};
  for (const s of sheets) {
    const p = emu.model.sheetByName(s.name)!.print;
    // The overview's third row names the account; the portfolio repeats its header row.
    const titles = s.step === "overview" ? "1:3" : s.step === "portfolio" ? "12:12" : "1:2";
    expect([s.name, p.orientation, p.paper, p.fit, p.titleRows]).toEqual([s.name, "Landscape", "A4", null, titles]);
    // A percentage (Excel keeps manual page breaks only so), never below 70%.
    expect([s.name, p.scale >= 70 && p.scale <= 100]).toEqual([s.name, true]);
    expect(p.footer.right).toBe("第 &P 页，共 &N 页");
    expect(p.header.left).toContain("平安");
    designed[s.name] = (p.rowBreaks.length + 1) * (p.colBreaks.length + 1);
  }
  // The overview is the account plan on one page; the Solutions sheet, the widest, at 75%. The
  // portfolio's second band repeats its customers' names (F) beside their scores and the chart.
  expect(emu.model.sheetByName("0 概览")!.print.scale).toBe(77);
  expect(designed["0 概览"]).toBe(1);
  expect(emu.model.sheetByName("4 方案分析")!.print.scale).toBe(75);
  const portfolio = emu.model.sheetByName("7 客户组合")!.print;
  expect([portfolio.titleColumns, portfolio.colBreaks.length, portfolio.scale]).toEqual(["F:F", 1, 70]);
  // The exported file says so: a scale, A4 (paperSize 9), the manual breaks, no fit-to-page.
  const zip = await JSZip.loadAsync(await exportXlsx(emu.model));
  const solutions = await zip.file("xl/worksheets/sheet7.xml")!.async("string");
  expect(solutions).toMatch(/<pageSetup paperSize="9" orientation="landscape" scale="75"\/>/);
  expect(solutions).not.toMatch(/fitToPage/);
  // The portfolio's print titles: column F at the left of every page right of it, its header row on top.
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  expect(workbookXml).toContain("&apos;7 客户组合&apos;!$F:$F,&apos;7 客户组合&apos;!$12:$12</definedName>");
  const sp = emu.model.sheetByName("4 方案分析")!.print;
  expect(sp.rowBreaks.length).toBeGreaterThan(5);
  expect(solutions).toContain(`<rowBreaks count="${sp.rowBreaks.length}" manualBreakCount="${sp.rowBreaks.length}">`);
  expect(solutions).toMatch(/<colBreaks count="1" manualBreakCount="1">/);
  // Printed by LibreOffice, each sheet takes no more pages than designed (an empty band is
  // skipped): no automatic break adds a page our breaks did not plan.
  const pdfs = convertAllWithLibreOffice(await oneSheetFiles(emu, names), "pdf");
  const pages = Object.fromEntries(names.map((n, i) => [n, pdfPageCount(pdfs[i])]));
  console.log(`pages when printed: ${JSON.stringify(pages)}; designed: ${JSON.stringify(designed)}`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  names.forEach((n, i) => fs.writeFileSync(path.join(ARTIFACTS, `print-${n.replace(/\s+/g, "-")}.pdf`), pdfs[i]));
  for (const n of names) expect([n, pages[n] >= 1 && pages[n] <= designed[n]]).toEqual([n, true]);
  expect(pages["0 概览"]).toBe(1);
}, 300_000);
