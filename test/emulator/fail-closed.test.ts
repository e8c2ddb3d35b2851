/**
 * No silent fallback in the engine (issue 30): the column store's check of what a formula reads
 * fails closed — a formula, or a name's expression, that does not parse may read anything, so it
 * reads every block and the block goes back to the engine; error literals (#REF!) read nothing.
 * Number formats SSF cannot render and names the export cannot carry are listed, not dropped.
 */
import { ExcelEmulator } from "../../src/emulator";
import { blocksOf, blocksReadDirectly, storeConfig } from "../../src/emulator/columns";
import { rejectedFormat } from "../../src/emulator/numfmt";
import { exportXlsx, fileProblems, importXlsx } from "../../src/emulator/xlsx";
import { describeFileProblems } from "../../src/cli/main";
import { translator } from "../../src/i18n";

async function stored() {
  storeConfig.minCells = 100;
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Data");
    ws.getRange("A1:B1").values = [["客户", "收入"]];
    ws.getRange("A2:B201").values = Array.from({ length: 200 }, (_, i) => [`C${i}`, i]);
    context.workbook.worksheets.add("Out");
    await context.sync();
  });
  const sheet = emu.model.sheetByName("Data")!;
  expect(emu.model.blockOf(sheet)).toBeDefined();
  return { emu, blocks: blocksOf(emu.model.hf), base: { sheet: emu.model.sheetByName("Out")!.hfId, row: 0, col: 0 } };
}

afterAll(() => {
  storeConfig.minCells = 50_000;
});

test("a formula that does not parse reads every block; one that parses reads what it names", async () => {
  const { emu, blocks, base } = await stored();
  const read = (f: string, names: Record<string, string> = {}) =>
    blocksReadDirectly(emu.model.hf, f, base, blocks, (n) => names[n]).size;
  expect(blocks.size).toBe(1);
  // Plain references are answered by the store; a whole column is not.
  expect(read("=SUM(Data!B2:B201)")).toBe(0);
  expect(read("=SUM(Data!B:B)")).toBe(1);
  // Unparsable: fail closed.
  expect(read("=SUM(Data!B2:B201")).toBe(1);
  expect(read("=1+*2")).toBe(1);
  // A name whose expression does not parse, read through a formula: fail closed too.
  expect(read("=SUM(Broken)", { broken: "=Data!B:" })).toBe(1);
  expect(read("=SUM(Fine)", { fine: "=Data!$B$2:$B$201" })).toBe(0);
  // An error literal is not a parse failure: it reads nothing.
  expect(read("=#REF!+1")).toBe(0);
});

test("number formats SSF rejects and names holding formulas are listed, in both languages", async () => {
  expect(rejectedFormat("#,##0.00")).toBeNull();
  expect(rejectedFormat("0!.0,")).toBeNull();
  expect(rejectedFormat('"abc')).toMatch(/unterminated string/);
  expect(rejectedFormat("0;0;0;0;0")).toMatch(/cannot find right format/);
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Sheet1");
    ws.getRange("A1:B1").values = [[1, 2]];
    ws.getRange("B1").numberFormat = [["0;0;0;0;0"]];
    context.workbook.names.add("Rate", "=0.17");
    context.workbook.names.add("Cells", ws.getRange("A1:B1"));
    await context.sync();
  });
  const problems = fileProblems(emu.model);
  expect(problems).toEqual([
    { kind: "name", name: "Rate", formula: "=0.17" },
    { kind: "format", sheet: "Sheet1", cell: "B1", format: "0;0;0;0;0", reason: expect.any(String) },
  ]);
  const en = describeFileProblems(problems, translator("en-US"));
  expect(en[0]).toBe(
    "The workbook name “Rate” holds a formula (=0.17), which the saved file cannot carry: formulas that use it show #NAME? when the file is opened.",
  );
  expect(en[1]).toMatch(/^Sheet “Sheet1”, cell B1: the number format “0;0;0;0;0” cannot be shown here \(/);
  expect(describeFileProblems(problems, translator("zh-CN"))[0]).toBe(
    "工作簿名称“Rate”保存的是公式（=0.17），导出的文件无法保存它：使用它的公式在打开文件时将显示 #NAME?。",
  );
  // The file indeed lacks the formula name and keeps the range name.
  const back = await importXlsx(await exportXlsx(emu.model));
  expect([...back.names.values()].map((n) => n.name)).toEqual(["Cells"]);
});
