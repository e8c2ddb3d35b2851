/**
 * Print designed, not shrunk (issue 28, item 4): every generated sheet prints landscape on the
 * run's paper at one percentage scale of 70% or more, cut into pages between blocks; the overview
 * on one page. Counted in LibreOffice's PDF export of each sheet alone.
 */
import * as fs from "fs";
import * as path from "path";
import type { ExcelEmulator } from "../../src/emulator";
import { exportXlsx } from "../../src/emulator/xlsx";
import { onlySheets } from "../../src/cli/pdf";
import { convertAllWithLibreOffice, pdfPageCount } from "../helpers/libreoffice";
import { generate } from "../../src/excel/pipeline";
import JSZip from "jszip";
import { columnLetter } from "../../src/address";
import { CELL_PADDING } from "../../src/text-metrics";
import { findRow, sampleEmulator } from "../helpers/workbook";

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
  // The overview is the account plan on one page; the Solutions sheet, the widest, at 75%.
  expect(emu.model.sheetByName("0 概览")!.print.scale).toBe(77);
  expect(designed["0 概览"]).toBe(1);
  expect(emu.model.sheetByName("4 方案分析")!.print.scale).toBe(75);
  // The exported file says so: a scale, A4 (paperSize 9), the manual breaks, no fit-to-page.
  const zip = await JSZip.loadAsync(await exportXlsx(emu.model));
  const solutions = await zip.file("xl/worksheets/sheet7.xml")!.async("string");
  expect(solutions).toMatch(/<pageSetup paperSize="9" orientation="landscape" scale="75"\/>/);
  expect(solutions).not.toMatch(/fitToPage/);
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

test("the English sample prints on US Letter; a row of wrapped text is as tall as its lines", async () => {
  const { emu, result } = await sampleEmulator("en");
  expect(result.sheets.length).toBe(7);
  for (const s of result.sheets)
    expect([s.name, emu.model.sheetByName(s.name)!.print.paper]).toEqual([s.name, "Letter"]);
  expect(emu.model.sheetByName("6 Planning")!.print.titleColumns).toBe("A:C");
  // On screen too: the Gantt scrolls beside the frozen task columns.
  expect(emu.model.sheetByName("6 Planning")!.freeze).toEqual({ rows: 1, cols: 3 });
  // The Needs sheet's purchase approval (B, 300 points wide) wraps on two lines: 2 × 15 points.
  const needs = emu.model.sheetByName("3 Needs")!;
  const r = findRow(emu, "3 Needs", "Purchase approval") - 1;
  expect(String(emu.model.value(needs, r, 1)).length).toBeGreaterThan(60);
  expect(needs.rowHeights.get(r)).toBeGreaterThanOrEqual(30);
});

/**
 * A number's printed width in points: Calibri's digits are 0.507 em, separators about a quarter,
 * a hyphen 0.31 em; bold digits a little wider (0.55 em, kept so by a 1.08 factor).
 */
function numberWidth(text: string, size: number, bold: boolean): number {
  let em = 0;
  for (const ch of text)
    em += /[0-9]/.test(ch) ? 0.507 : /[.,:]/.test(ch) ? 0.25 : ch === "-" ? 0.31 : ch === "%" ? 0.72 : 0.55;
  return em * size * (bold ? 1.08 : 1) + CELL_PADDING;
}

test("no number shows ### in either sample: every number column is wide enough for its values", async () => {
  let checked = 0;
  const tooNarrow: string[] = [];
  for (const lang of ["zh", "en"] as const) {
    const { emu, result } = await sampleEmulator(lang);
    // The add-in's sheets and the sample's own revenue table (its amounts reach 5,822,412.82).
    const names = [...result.sheets.map((s) => s.name), lang === "zh" ? "收入" : "Revenue"];
    expect(names).toHaveLength(8);
    for (const n of names) {
      const s = emu.model.sheetByName(n)!;
      const used = emu.model.usedRect(s)!;
      const texts = emu.model.texts(s, used);
      for (let r = used.r0; r <= used.r1; r++)
        for (let c = used.c0; c <= used.c1; c++) {
          // A hidden helper column shows nothing.
          if (s.hiddenColumns.has(c) || typeof emu.model.value(s, r, c) !== "number") continue;
          const m = s.merges.find((x) => r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1);
          let width = 0;
          for (let k = m?.c0 ?? c; k <= (m?.c1 ?? c); k++) width += s.columnWidths.get(k) ?? 48;
          const text = texts[r - used.r0][c - used.c0];
          checked++;
          const f = emu.model.effectiveFormat(s, r, c);
          if (numberWidth(text, f.fontSize ?? 11, !!f.bold) > width)
            tooNarrow.push(`${lang} ${n}!${columnLetter(c)}${r + 1} “${text}” in ${width} pt`);
        }
    }
  }
  expect(checked).toBeGreaterThan(2000);
  expect(tooNarrow).toEqual([]);
}, 120_000);

test("a header over a column of numbers is right-aligned, as the numbers are; over text it stays left", async () => {
  const { emu } = await sampleEmulator("zh");
  const ind = emu.model.sheetByName("1 行业分析")!;
  const head = findRow(emu, "1 行业分析", "行业") - 1;
  const align = (c: number) => emu.model.effectiveFormat(ind, head, c).horizontalAlignment;
  const labels = [0, 1, 2].map((c) => emu.model.value(ind, head, c));
  expect(labels).toEqual(["行业", "月均收入(元)", "占比"]);
  expect([align(0), align(1), align(2)]).toEqual([undefined, "Right", "Right"]);
  expect(emu.model.value(ind, head + 1, 1)).toBeCloseTo(9_727_999.95, 2);
});
