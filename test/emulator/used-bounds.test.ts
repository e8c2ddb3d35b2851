/**
 * The used cells' box read from each row's ends (src/emulator/hf-internals.ts `usedBounds`): the
 * same box as a walk of every cell (`forEachUsedCell`), on every sheet of the sample with its
 * portfolio and on a sheet made to catch the edges (empty text, leading and trailing gaps, a
 * spilled array, a formula showing "").
 */
import { ExcelEmulator } from "../../src/emulator";
import { forEachUsedCell, usedBounds } from "../../src/emulator/hf-internals";
import { generate } from "../../src/excel/pipeline";
import { sampleEmulator } from "../helpers/workbook";

function walked(emu: ExcelEmulator, sheet: number) {
  let box: { r0: number; c0: number; r1: number; c1: number } | null = null;
  forEachUsedCell(emu.model.hf, sheet, (r, c) => {
    box = box
      ? { r0: Math.min(box.r0, r), c0: Math.min(box.c0, c), r1: Math.max(box.r1, r), c1: Math.max(box.c1, c) }
      : { r0: r, c0: c, r1: r, c1: c };
  });
  return box;
}

test("every sheet of the sample with its portfolio: the same box as every cell walked", async () => {
  const { emu, run } = await sampleEmulator("zh");
  await generate(run, { steps: ["portfolio"] });
  const sheets = emu.model.sheets;
  expect(sheets.length).toBeGreaterThanOrEqual(10);
  for (const s of sheets) {
    const box = usedBounds(emu.model.hf, s.hfId);
    expect([s.name, box]).toEqual([s.name, walked(emu, s.hfId)]);
  }
});

test("gaps, empty text, a formula showing nothing and a spilled array: the walk's box", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Edges");
    // Row 3: only empty text (not used); row 4: a value far right; row 6: a value at column B.
    ws.getRange("C3:E3").values = [["", "", ""]];
    ws.getRange("H4").values = [[5]];
    ws.getRange("B6").values = [["x"]];
    // A formula showing "" is used; one far down sets the last row.
    ws.getRange("D9").formulas = [['=IF(1>2,1,"")']];
    ws.getRange("A2").formulas = [["=SEQUENCE(2,2)"]];
    await context.sync();
  });
  const s = emu.model.sheetByName("Edges")!;
  const box = usedBounds(emu.model.hf, s.hfId);
  expect(box).toEqual(walked(emu, s.hfId));
  // A2's formula, H4's value, D9's formula: rows 1–8, columns A–H (0-based).
  expect(box).toEqual({ r0: 1, c0: 0, r1: 8, c1: 7 });
  // An empty sheet: no box.
  await emu.run(async (context) => {
    context.workbook.worksheets.add("Empty").getRange("A1").values = [[""]];
    await context.sync();
  });
  const empty = emu.model.sheetByName("Empty")!;
  expect(usedBounds(emu.model.hf, empty.hfId)).toBeNull();
  expect(walked(emu, empty.hfId)).toBeNull();
});

test("the columns a bulk's rows may hold something in: every cell of every other column is empty", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Cols");
    // Rows 3–6 (0-based 2–5): a value in A, a formula showing "" in C, a spilled array over E:F,
    // a cell a range reads in H (empty), nothing in B, D, G; I holds a value above the rows only.
    ws.getRange("A4").values = [[1]];
    ws.getRange("C6").formulas = [['=IF(1>2,1,"")']];
    ws.getRange("E3").formulas = [["=SEQUENCE(2,2)"]];
    ws.getRange("J1").formulas = [["=SUM(H3:H9)"]];
    ws.getRange("I1").values = [["above"]];
    await context.sync();
  });
  const model = emu.model;
  const s = model.sheetByName("Cols")!;
  const rect = { r0: 2, r1: 5, c0: 0, c1: 8 };
  const holding = model.columnsHolding(s, rect);
  // By hand: A, C, E, F hold cells; H holds the empty cells J1's range reads (a vertex, may hold).
  expect(holding).toEqual([true, false, true, false, true, true, false, true, false]);
  const values = model.values(s, rect);
  expect(values.length).toBe(4);
  for (let k = 0; k < holding.length; k++)
    if (!holding[k]) expect([k, values.map((row) => row[k])]).toEqual([k, ["", "", "", ""]]);
});
