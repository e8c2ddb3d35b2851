/**
 * Our syntax check (src/emulator/syntax.ts) against HyperFormula's public `validateFormula` and
 * Excel (issue 33 item 9): what Excel takes through Range.formulas (en-US: commas between
 * arguments, semicolons between an array constant's rows), what each checker says. Where
 * HyperFormula refuses what Excel takes, it cannot be our first pass; the table says where.
 */
import { HyperFormula } from "hyperformula";
import { formulaSyntaxError } from "../../src/emulator/syntax";

const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
afterAll(() => hf.destroy());

// [formula, Excel takes it, HyperFormula's validateFormula takes it]
const CASES: [string, boolean, boolean][] = [
  ["=SUM(A1:A3)", true, true],
  ['=IF(A1>0,"是","否")', true, true],
  ["=SixStep_Amount", true, true],
  ["=INDEX(SixStep_amount,5)", true, true],
  ["='Sheet 1'!A1", true, true],
  ["=SUM(A:A)", true, true],
  ["={1,2;3,4}", true, true],
  ["=#N/A", true, true],
  // Excel takes these; HyperFormula refuses them.
  ["=Revenue[金额]", true, false],
  ['=SUMIFS(Revenue[金额],Revenue[客户],"平安")', true, false],
  ["=Table1[@Col]", true, false],
  ["=A1:A3 B2", true, false],
  ["=_xlfn.XLOOKUP(1,A1:A3,B1:B3)", true, false],
  ["=@A1:A3", true, false],
  // Neither takes these.
  ["=SUM(A1:A3", false, false],
  ["=1+", false, false],
  ['=A1&"x', false, false],
  ["=(1+2", false, false],
  ["=SUM(A1;A2)", false, false],
];

test("the table holds as many cases as it lists", () => {
  expect(CASES.length).toBe(19);
});

test.each(CASES)("%s: Excel %s, HyperFormula %s", (formula, excel, hyper) => {
  expect(formulaSyntaxError(formula) === null).toBe(excel);
  expect(hf.validateFormula(formula)).toBe(hyper);
});

test("wherever HyperFormula accepts, our checker and Excel accept too", () => {
  const accepted = CASES.filter(([, , hyper]) => hyper);
  expect(accepted.length).toBe(8);
  expect(accepted.filter(([f]) => formulaSyntaxError(f) !== null)).toEqual([]);
});

test("an array constant's rows, separated by semicolons, are written and computed as Excel does", async () => {
  const { ExcelEmulator } = await import("../../src/emulator");
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    context.workbook.worksheets.add("S").getRange("A1:A2").formulas = [["=SUM({1,2;3,4})"], ["=INDEX({1,2;3,4},2,1)"]];
    await context.sync();
  });
  const s = emu.model.sheetByName("S")!;
  expect([emu.model.value(s, 0, 0), emu.model.value(s, 1, 0)]).toEqual([10, 3]);
});
