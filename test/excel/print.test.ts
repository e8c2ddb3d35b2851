/**
 * Print designed (issue 28, item 4): the English sample's paper and row heights, number columns
 * wide enough for their values, headers aligned as their columns (print.slow.test.ts checks each
 * sheet's page setup and prints it with LibreOffice).
 */
import { columnLetter } from "../../src/address";
import { CELL_PADDING } from "../../src/text-metrics";
import { columnOf, rowWith, sampleEmulator } from "../helpers/workbook";
import { generate } from "../../src/excel/pipeline";

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
  // 0-based: the profile's purchase approval row.
  const r = rowWith(emu, result, "needs", "profile.field", "Purchase approval") - 1;
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
    const { emu, result, run } = await sampleEmulator(lang);
    const portfolio = await generate(run, { steps: ["portfolio"] });
    // The add-in's sheets, the portfolio (its wallets reach 8,755,200.00) and the sample's own
    // revenue table (its amounts reach 5,822,412.82).
    const names = [...result.sheets.map((s) => s.name), portfolio.sheets[0].name, lang === "zh" ? "收入" : "Revenue"];
    expect(names).toHaveLength(9);
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
  const { emu, result } = await sampleEmulator("zh");
  const ind = emu.model.sheetByName("1 行业分析")!;
  // 0-based: the composition's header row.
  const head = columnOf(result, "industry", "composition.industry").first - 2;
  const align = (c: number) => emu.model.effectiveFormat(ind, head, c).horizontalAlignment;
  const labels = [0, 1, 2].map((c) => emu.model.value(ind, head, c));
  expect(labels).toEqual(["行业", "月均收入(元)", "占比"]);
  expect([align(0), align(1), align(2)]).toEqual([undefined, "Right", "Right"]);
  expect(emu.model.value(ind, head + 1, 1)).toBeCloseTo(9_727_999.95, 2);
});
