import ExcelJS from "exceljs";
import { ExcelEmulator } from "../../src/emulator";
import { cellKey } from "../../src/emulator/model";
import { exportXlsx, importParsed, importXlsx } from "../../src/emulator/xlsx";
import { crossCheckWorkbook } from "../fixtures/cross-check";

test("the figures of the cross-check workbook are right by hand", async () => {
  const emu = await crossCheckWorkbook();
  const s = emu.model.sheetByName("1 行业分析")!;
  // Q4 2002 (Oct–Dec): 28120.83 + 28184.12 + 9000000.5 + 728000 + 459266.26 = 10,243,571.71 / 3
  expect(emu.model.value(s, 2, 1)).toBeCloseTo(10243571.71 / 3, 6);
  expect(emu.model.value(s, 3, 1)).toBeCloseTo((28120.83 + 28184.12 + 459266.26) / 3, 6);
  expect(emu.model.value(s, 3, 4)).toBe(`${(((28120.83 + 28184.12 + 459266.26) / 10243571.71) * 100).toFixed(2)}%`);
  expect(emu.model.value(s, 4, 4)).toBe("运营商");
  expect(emu.model.value(s, 5, 2)).toBe(3);
  expect(emu.model.value(s, 6, 1)).toBeCloseTo(56304.95, 9);
});

test("export and import give back the same values, formulas, formats and structure", async () => {
  const emu = await crossCheckWorkbook();
  const buf = await exportXlsx(emu.model);
  const back = await importXlsx(buf);
  expect(back.sheets.map((s) => [s.name, s.visibility])).toEqual([
    ["数据 Data", "Hidden"],
    ["1 行业分析", "Visible"],
  ]);
  const a = emu.model.sheetByName("1 行业分析")!;
  const b = back.sheetByName("1 行业分析")!;
  const rect = { r0: 0, c0: 0, r1: 7, c1: 4 };
  expect(back.values(b, rect)).toEqual(emu.model.values(a, rect));
  expect(back.formulas(b, rect)).toEqual(emu.model.formulas(a, rect));
  expect(back.numberFormat(b, 3, 2)).toBe("0.0%");
  expect(back.texts(b, { r0: 3, r1: 3, c0: 2, c1: 2 })).toEqual(emu.model.texts(a, { r0: 3, r1: 3, c0: 2, c1: 2 }));
  expect(back.effectiveFormat(b, 3, 0)).toMatchObject({ fill: "#DDEBF7", bold: true });
  expect(Math.round(b.columnWidths.get(1)!)).toBe(96);
  expect(b.freeze).toEqual({ rows: 3, cols: 0 });
  expect(b.merges).toEqual([{ r0: 7, r1: 7, c0: 0, c1: 1 }]);
  expect(b.conditionalFormats[0]).toMatchObject({ type: "Custom", custom: { formula: "=C4>0.5", fill: "#FFC7CE" } });
  expect(b.validations[0].rule).toEqual({ decimal: { operator: "Between", formula1: 0, formula2: 1e12 } });
  expect(back.tables.map((t) => [t.name, back.tableColumns(t)])).toEqual([
    ["Revenue", ["月份", "客户", "行业", "业务", "收入(元)"]],
  ]);
  expect(back.settings.get("sixstep.version")).toEqual({ v: 1 });
  expect(b.formulas.get(cellKey(3, 1))).toBe(
    '=SUMIFS(Revenue[收入(元)],Revenue[行业],$A4,Revenue[月份],">="&$B$1,Revenue[月份],"<="&$B$2)/3',
  );
});

test("the exported file carries each formula with its computed value", async () => {
  const emu = await crossCheckWorkbook();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportXlsx(emu.model)) as unknown as ArrayBuffer);
  const cell = wb.getWorksheet("1 行业分析")!.getCell("B3").value as ExcelJS.CellFormulaValue;
  expect(cell.formula).toContain("SUMIFS(Revenue[收入(元)]");
  expect(cell.result).toBeCloseTo(10243571.71 / 3, 6);
});

test("worksheet ids survive a save and reopen, as Excel's do (settings refer to them)", async () => {
  const m = new ExcelEmulator().model;
  for (const n of ["A", "B", "C", "D"]) m.addSheet(n);
  m.deleteSheet(m.sheetByName("A")!);
  m.moveSheet(m.sheetByName("D")!, 0);
  m.settings.set("marker", { d: m.sheetByName("D")!.id });
  const ids = m.sheets.map((s) => [s.name, s.id]);
  expect(ids).toEqual([
    ["D", "{S4}"],
    ["B", "{S2}"],
    ["C", "{S3}"],
  ]);
  const back = await importXlsx(await exportXlsx(m));
  expect(back.sheets.map((s) => [s.name, s.id])).toEqual(ids);
  expect(back.addSheet("E").id).not.toMatch(/^\{S[234]\}$/);
});

test("a merged range reads back with its other cells empty, as in Excel; a parsed model handed over (the preview's worker) gives the same workbook", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("M");
    ws.getRange("A1").values = [["Title over three"]];
    ws.getRange("A1:C1").merge(false);
    ws.getRange("A2:C3").values = [
      [1, "x", true],
      [2, "y", false],
    ];
    await context.sync();
  });
  const file = await exportXlsx(emu.model);
  const back = await importXlsx(file);
  const m = back.sheetByName("M")!;
  expect(back.values(m, { r0: 0, c0: 0, r1: 0, c1: 2 })).toEqual([["Title over three", "", ""]]);
  expect(m.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 2 }]);
  // ExcelJS's parsed model, structured-cloned as a worker's message is, then built here.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const parsed = await importParsed(structuredClone((wb as unknown as { model: unknown }).model));
  const p = parsed.sheetByName("M")!;
  expect(parsed.values(p, parsed.usedRect(p)!)).toEqual(back.values(m, back.usedRect(m)!));
  expect(p.merges).toEqual(m.merges);
});

test("a sheet longer than the export's chunk of rows is written whole: every value and formula across the chunks", async () => {
  const n = 10_000;
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Long");
    ws.getRange(`A1:C${n}`).formulas = Array.from({ length: n }, (_, i) => [i + 1, `=A${i + 1}*2`, `r${i + 1}`]);
    await context.sync();
  });
  const again = await importXlsx(await exportXlsx(emu.model, { bulkMinCells: Infinity }));
  const s = again.sheetByName("Long")!;
  // Rows at the chunks' edges (4,096 rows a chunk) and the last, by hand: i, 2i, "ri".
  for (const r of [1, 4095, 4096, 4097, 8192, 8193, n])
    expect([
      again.value(s, r - 1, 0),
      again.value(s, r - 1, 1),
      again.value(s, r - 1, 2),
      again.formula(s, r - 1, 1),
    ]).toEqual([r, 2 * r, `r${r}`, `=A${r}*2`]);
  expect(again.values(s, { r0: 0, r1: n - 1, c0: 0, c1: 2 })).toEqual(
    emu.model.values(emu.model.sheetByName("Long")!, { r0: 0, r1: n - 1, c0: 0, c1: 2 }),
  );
});
