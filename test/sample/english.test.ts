import type { ExcelEmulator } from "../../src/emulator";
import { sampleEmulator } from "../helpers/workbook";

/** CJK ideographs (with extension A and compatibility), CJK punctuation, full-width forms. */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Every visible cell's displayed text (visible sheets, columns not hidden, rows not zero height). */
function visibleTexts(emu: ExcelEmulator): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const sheet of emu.model.sheets) {
    if (sheet.visibility !== "Visible") continue;
    const used = emu.model.usedRect(sheet, true);
    if (!used) continue;
    const texts = emu.model.texts(sheet, used);
    texts.forEach((row, i) =>
      row.forEach((text, j) => {
        const r = used.r0 + i;
        const c = used.c0 + j;
        if (sheet.hiddenColumns.has(c) || sheet.rowHeights.get(r) === 0) return;
        if (text !== "") out.push({ where: `${sheet.name}!R${r + 1}C${c + 1}`, text });
      }),
    );
  }
  return out;
}

describe("the English sample is English", () => {
  let cells: { where: string; text: string }[];
  let zh: { where: string; text: string }[];
  beforeAll(async () => {
    cells = visibleTexts((await sampleEmulator("en")).emu);
    zh = visibleTexts((await sampleEmulator("zh")).emu);
  });

  it("has no Chinese character in any visible cell", () => {
    // The sample fills every sheet: the two tables' 559 + 8 rows alone are over 4,000 cells.
    expect(cells.length).toBeGreaterThan(5000);
    expect(cells.filter((c) => CHINESE.test(c.text))).toEqual([]);
  });

  it("names the customer, its people and its sites in English or pinyin", () => {
    const texts = new Set(cells.map((c) => c.text));
    for (const name of [
      "Ping An Life Insurance, Fuzhou Branch",
      "Lin Shan",
      "Zhan Xin",
      "Huang Aixiang",
      "Guangda outlet",
      "Fuqing sub-branch",
      "China Mobile Fujian, Fuzhou Branch",
      "4A",
      "Finance",
    ])
      expect(texts).toContain(name);
    expect(cells.find((c) => c.where.startsWith("1 Industry!") && c.text.startsWith("Total: "))?.text).toBe(
      "Total: ¥25.6m a month",
    );
  });

  it("the Chinese sample stays Chinese", () => {
    const texts = new Set(zh.map((c) => c.text));
    for (const name of ["中国平安人寿保险有限公司福州分公司", "林山", "广达营业点", "4A级", "100% = 2,560 万元"])
      expect(texts).toContain(name);
  });

  it("the Chinese checker catches ideographs, CJK punctuation and full-width forms, not ASCII", () => {
    expect(
      ["平安", "、", "（", "Ａ", "Lin Shan", "¥25.6m", "−5 … +5", "≤ 6 months", "⚠"].map((x) => CHINESE.test(x)),
    ).toEqual([true, true, true, true, false, false, false, false, false]);
  });
});
