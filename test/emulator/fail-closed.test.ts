/**
 * No silent fallback in the engine (issue 30): the column store's check of what a formula reads
 * fails closed — a formula, or a name's expression, that does not parse may read anything, so it
 * reads every block and the block goes back to the engine; error literals (#REF!) read nothing.
 * Number formats SSF cannot render are listed, not dropped; names holding formulas go into the file
 * and come back from it (docs/excel-behaviour.md row 44).
 */
import { strToU8, zipSync } from "fflate";
import { fileDefinedNames } from "../../src/emulator/xlsx-names";
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

test("number formats SSF rejects are listed, in both languages; names holding formulas go into the file and come back", async () => {
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
    // A name over a table's column, as the portfolio's copy reads a revenue table (and a & to escape).
    ws.getRange("D1:E3").values = [
      ["K&Co", "金额"],
      ["a", 10],
      ["b", 32],
    ];
    ws.tables.add("D1:E3", true).name = "Revenue";
    context.workbook.names.add("Amounts", "=Revenue[金额]");
    context.workbook.names.add("Keys", "=Revenue[[K&Co]]");
    // A formula that starts like a range (ExcelJS alone would read it as Sheet1!$E$2).
    context.workbook.names.add("Scaled", "=Sheet1!$E$2*1.5");
    ws.getRange("A2:A4").formulas = [["=SUM(Amounts)*Rate"], ["=INDEX(Keys,2)"], ["=Scaled"]];
    await context.sync();
  });
  const problems = fileProblems(emu.model);
  expect(problems).toEqual([
    { kind: "format", sheet: "Sheet1", cell: "B1", format: "0;0;0;0;0", reason: expect.any(String) },
  ]);
  const en = describeFileProblems(problems, translator("en-US"));
  expect(en.length).toBe(1);
  expect(en[0]).toMatch(/^Sheet “Sheet1”, cell B1: the number format “0;0;0;0;0” cannot be shown here \(/);
  expect(describeFileProblems(problems, translator("zh-CN"))[0]).toMatch(/^工作表“Sheet1”/);
  // The file holds every name (ECMA-376 Part 1, §18.2.5: a name's formula is its element's text),
  // and reading it back gives each one's formula and what the formulas over them compute:
  // (10 + 32) × 0.17 = 7.14, and the second key "b".
  const file = await exportXlsx(emu.model);
  const JSZip = (await import("jszip")).default;
  const workbookXml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
  expect(workbookXml).toContain('<definedName name="Keys">Revenue[[K&amp;Co]]</definedName>');
  const back = await importXlsx(file);
  expect([...back.names.values()].map((n) => [n.name, n.formula]).sort((a, b) => a[0].localeCompare(b[0]))).toEqual([
    ["Amounts", "=Revenue[金额]"],
    ["Cells", "=Sheet1!$A$1:$B$1"],
    ["Keys", "=Revenue[[K&Co]]"],
    ["Rate", "=0.17"],
    ["Scaled", "=Sheet1!$E$2*1.5"],
  ]);
  const s = back.sheetByName("Sheet1")!;
  expect(back.value(s, 1, 0)).toBeCloseTo(7.14, 10);
  expect(back.value(s, 2, 0)).toBe("b");
  // 10 × 1.5.
  expect(back.value(s, 3, 0)).toBe(15);
});

test("the workbook names read from a file's own part: its text, not what ExcelJS makes of it; sheet-level, hidden and unwritable ones left out", () => {
  const xml =
    '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:definedNames>' +
    "<x:definedName name='Quoted'>Data!$A$1:$A$3</x:definedName>" +
    '<definedName name="Empty"/>' +
    '<definedName name="After" comment="a &gt; b">Revenue[[K&amp;Co]]</definedName>' +
    '<definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$C$9</definedName>' +
    '<definedName name="_xlfn.SINGLE" hidden="1">#NAME?</definedName>' +
    '<definedName name="Big">_xlfn.MAXIFS(Data!$B:$B,Data!$A:$A,"k")</definedName>' +
    '<definedName name="Filtered">_xlfn._xlws.FILTER(Data!$A:$A,Data!$B:$B&gt;0)</definedName>' +
    "</x:definedNames></x:workbook>";
  const data = zipSync({ "xl/workbook.xml": strToU8(xml) });
  expect(fileDefinedNames(data)).toEqual([
    { name: "Quoted", formula: "=Data!$A$1:$A$3" },
    { name: "After", formula: "=Revenue[[K&Co]]" },
    { name: "Big", formula: '=MAXIFS(Data!$B:$B,Data!$A:$A,"k")' },
  ]);
  expect(fileDefinedNames(zipSync({ "xl/other.xml": strToU8("<a/>") }))).toEqual([]);
});
