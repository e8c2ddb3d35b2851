/**
 * The column store on every data route (src/emulator/columns.ts): the sample's revenue table, the
 * same rows as a plain range (formulas over workbook names), and amounts kept as text (the
 * normalised copy the add-in writes) — generated with every large write held in a block, and with
 * none: every formula cell of every sheet gives the same value, and Ping An's Q4-2002 monthly
 * average is 64,007.80 on each.
 */
import { storeConfig } from "../../src/emulator/columns";
import { generateSampleRoute, namedCents, type SampleRoute } from "../helpers/workbook";

async function build(route: SampleRoute, minCells: number) {
  storeConfig.minCells = minCells;
  const { emu, kind } = await generateSampleRoute(route);
  const formulas: Record<string, unknown> = {};
  for (const s of emu.model.sheets)
    for (const k of s.formulas.keys())
      formulas[`${s.name}!${k}`] = emu.model.value(s, Math.floor(k / 16384), k % 16384);
  const blocks = emu.model.sheets.filter((s) => emu.model.blockOf(s)).map((s) => s.name);
  return { formulas, blocks, average: namedCents(emu, "SixStep_FocusAverage"), kind };
}

afterAll(() => {
  storeConfig.minCells = 50_000;
});

test.each<[SampleRoute, string[]]>([
  // The sample's table is written in one block of values: held in the store, read by SUMIFS.
  ["table", ["Revenue"]],
  // Workbook names over the rows, given to SUMIFS as its ranges: read through the store too.
  ["range", ["Revenue"]],
  // The normalised copy the add-in writes is itself a large plain write: held in the store.
  ["copy", ["Revenue", "SixStep data"]],
])(
  "route %s: the same value in every formula cell with and without the store",
  async (route, kept) => {
    const plain = await build(route, Infinity);
    expect(plain.kind).toBe(route);
    expect(plain.blocks).toEqual([]);
    expect(Object.keys(plain.formulas).length).toBeGreaterThan(800);
    expect(plain.average).toBe(64007.8);
    // The revenue rows (558 × 7 cells) in the store; and every write of 1 cell or more, the step
    // sheets' own included — the strictest check that the store never changes a figure.
    for (const minCells of [3_000, 1]) {
      const stored = await build(route, minCells);
      expect([minCells, stored.average]).toEqual([minCells, 64007.8]);
      expect(stored.formulas).toEqual(plain.formulas);
      if (minCells === 3_000) expect(stored.blocks).toEqual(kept);
    }
  },
  120_000,
);
