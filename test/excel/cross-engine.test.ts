/**
 * The formula cells of the generated sheets, as Excel stores them (cross-engine.slow.test.ts checks
 * their values against LibreOffice).
 */
import { sampleEmulator } from "../helpers/workbook";
import { columnLetter } from "../../src/address";

test("no formula cell of any generated sheet carries the Text format (Excel would store it as text)", async () => {
  for (const lang of ["zh", "en"] as const) {
    const { emu } = await sampleEmulator(lang);
    const offending: string[] = [];
    let formulas = 0;
    for (const s of emu.model.sheets) {
      for (const key of s.formulas.keys()) {
        formulas++;
        const r = Math.floor(key / 16384);
        const c = key % 16384;
        if (emu.model.numberFormat(s, r, c) === "@") offending.push(`${s.name}!${columnLetter(c)}${r + 1}`);
      }
    }
    expect(formulas).toBeGreaterThan(800);
    expect(offending).toEqual([]);
  }
});
