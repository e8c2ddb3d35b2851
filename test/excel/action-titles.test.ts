/**
 * Action titles on every step sheet (issue 28, item 3): A2, under the step's name, is the sheet's
 * conclusion — the first sentence of its 启示, by formula — in both languages.
 */
import { cell, sampleEmulator } from "../helpers/workbook";
import { named } from "../helpers/inputs";

const STEPS = ["industry", "competition", "needs", "solutions", "support", "planning"];

describe.each(["zh", "en"] as const)("the %s sample", (lang) => {
  test("each step sheet's A2 is its first implication, by formula, across the printed width", async () => {
    const { emu, result } = await sampleEmulator(lang);
    const sheets = result.sheets.filter((s) => STEPS.includes(s.step));
    expect(sheets).toHaveLength(6);
    for (const s of sheets) {
      const ws = emu.model.sheetByName(s.name)!;
      const title = cell(emu, s.name, "A2");
      expect([s.name, emu.model.formula(ws, 1, 0)]).toEqual([s.name, `=IFERROR(SixStep_SoWhat_${s.step}&"","")`]);
      expect([s.name, title]).toEqual([s.name, named(emu, `SixStep_SoWhat_${s.step}`)]);
      expect(String(title).length).toBeGreaterThan(20);
      // Merged across the printed columns, two lines tall.
      expect(ws.merges.some((m) => m.r0 === 1 && m.c0 === 0 && m.c1 > 3)).toBe(true);
      expect(ws.rowHeights.get(1)).toBe(33);
    }
    // The Industry sheet's: the largest industry and the fastest-growing one (Carriers 38.0%).
    const ind = sheets.find((s) => s.step === "industry")!.name;
    expect(cell(emu, ind, "A2")).toBe(
      lang === "zh"
        ? "收入最大的行业是运营商，占38.0%；增长最快的是贸易（较对比期+6.1%）。"
        : "The largest industry is Carriers, with 38.0% of our revenue; the fastest-growing is Trade (+6.1% on the comparison period).",
    );
  });
});
