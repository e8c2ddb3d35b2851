/**
 * The column store on every data route (src/emulator/columns.ts): the sample's revenue table, the
 * same rows as a plain range (formulas over workbook names), and amounts kept as text (the
 * normalised copy the add-in writes) — generated with every large write held in a block, and with
 * none: every formula cell of every sheet gives the same value, and Ping An's Q4-2002 monthly
 * average is 64,007.80 on each.
 */
import { ExcelEmulator } from "../../src/emulator";
import { storeConfig } from "../../src/emulator/columns";
import { generate } from "../../src/excel/pipeline";
import { fillSampleTables, sampleInputs, sampleSettings } from "../../src/sample/workbook";
import { emulatorRun, sampleFiles } from "../helpers/workbook";

type Route = "table" | "range" | "copy";

async function build(route: Route, minCells: number) {
  storeConfig.minCells = minCells;
  const emu = new ExcelEmulator();
  const files = sampleFiles();
  await fillSampleTables(emu, files, "en");
  const rows = emu.model.tables.find((t) => t.name === "Revenue")!.rect.r1 + 1;
  const sheet = emu.model.sheetByName("Revenue")!;
  const amounts = emu.model.values(sheet, { r0: 1, r1: rows - 1, c0: 6, c1: 6 }).map((r) => r[0]);
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("Revenue");
    if (route === "range") ws.tables.getItem("Revenue").convertToRange();
    if (route === "copy")
      ws.getRange(`G2:G${rows}`).values = amounts.map((a) => [`${Number(a).toLocaleString("en-US")} 元`]);
    await context.sync();
  });
  const result = await generate(emulatorRun(emu), {
    settings: sampleSettings("en"),
    seedInputs: sampleInputs(files, "en"),
  });
  const formulas: Record<string, unknown> = {};
  for (const s of emu.model.sheets)
    for (const k of s.formulas.keys())
      formulas[`${s.name}!${k}`] = emu.model.value(s, Math.floor(k / 16384), k % 16384);
  const blocks = emu.model.sheets.filter((s) => emu.model.blockOf(s)).map((s) => s.name);
  const focus = [...emu.model.names.values()].find((n) => n.name === "SixStep_FocusAverage")!;
  const { sheet: fs, rect } = emu.model.resolveAddress(focus.formula.slice(1));
  const average = Math.round(Number(emu.model.value(fs, rect.r0, rect.c0)) * 100) / 100;
  return { formulas, blocks, average, kind: result.source.normalised ? "copy" : result.source.kind };
}

afterAll(() => {
  storeConfig.minCells = 50_000;
});

test.each<[Route, string[]]>([
  // The sample's table is written in one block of values: held in the store, read by SUMIFS.
  ["table", ["Revenue"]],
  // Workbook names over the rows, given to SUMIFS as its ranges: read through the store too.
  ["range", ["Revenue"]],
  // The normalised copy the add-in writes is itself a large plain write: held in the store.
  ["copy", ["Revenue", "Data"]],
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
