/**
 * The formula-work count (src/emulator/work.ts, issue 35): the cells criteria and lookup functions
 * scan in one full recalculation, counted by hand on a ten-row table.
 */
import { ExcelEmulator } from "../../src/emulator";
import { formulaWork } from "../../src/emulator/work";

async function workbook(formulas: string[]) {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("S");
    ws.getRange("A1:B10").values = Array.from({ length: 10 }, (_, i) => [i % 2 ? "x" : "y", i + 1]);
    ws.getRange("D1:D3").values = [["x"], ["y"], ["z"]];
    ws.getRange(`F1:F${formulas.length}`).formulas = formulas.map((f) => [f]);
    context.workbook.names.add("Keys", "=S!$A$1:$A$10");
    await context.sync();
  });
  return formulaWork(emu.model);
}

test.each([
  // A criteria range of 10 cells, once.
  ['=SUMIFS(B1:B10,A1:A10,"x")', 10],
  // Two criteria ranges.
  ['=COUNTIFS(A1:A10,"x",B1:B10,">1")', 20],
  // Three criteria values in a range: the call runs three times.
  ["=SUMPRODUCT(SUMIFS(B1:B10,A1:A10,D1:D3))", 30],
  // A named range counts its cells.
  ['=COUNTIF(Keys,"x")', 10],
  // An exact MATCH scans the range; an approximate one searches it: ⌈log₂ 10⌉ + 1 = 5.
  ["=MATCH(5,B1:B10,0)", 10],
  ["=MATCH(5,B1:B10,1)", 5],
  ["=MATCH(5,B1:B10)", 5],
  ['=VLOOKUP("x",A1:B10,2,FALSE)', 10],
  // SUMPRODUCT scans the ranges of its array arguments.
  ['=SUMPRODUCT((A1:A10="x")*B1:B10)', 20],
  ["=LARGE(B1:B10,2)", 10],
  ['=COUNTIF(B1:B10,">"&B2)+1', 10],
  // INDEX is a direct address; SUM a plain aggregate.
  ["=INDEX(B1:B10,3)+SUM(B1:B10)", 0],
])("%s scans %d cells", async (f, n) => {
  const w = await workbook([f as string]);
  expect(w.formulas).toBe(1);
  expect(w.total).toBe(n);
  expect(w.bySheet.S).toBe(n);
});

test("the counts add up over formulas and by function", async () => {
  const w = await workbook(['=SUMIFS(B1:B10,A1:A10,"x")', "=MATCH(5,B1:B10,0)", '=COUNTIF(A1:A10,"y")']);
  expect(w.formulas).toBe(3);
  expect(w.total).toBe(30);
  expect(w.byFunction).toEqual({ SUMIFS: 10, MATCH: 10, COUNTIF: 10 });
});
