/**
 * A large table's data rows written in bulk above a sheet's end (src/emulator/xlsx-bulk.ts
 * `tablePlans`, issue 35): the portfolio's accounts. The file reads back cell for cell as the one
 * ExcelJS writes alone — values, formulas, number formats, the analyst's unlocked empty input
 * cells, each row's height, validation, the table's ref — and the rows ExcelJS still writes (a
 * number format unlike the template's) sit in their places among the bulk rows.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelEmulator } from "../../src/emulator";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { bulkPlans, tablePlans } from "../../src/emulator/xlsx-bulk";
import { sheetParts } from "../../src/emulator/xlsx-charts";
import { generate } from "../../src/excel/pipeline";
import { cellKey, type SheetModel } from "../../src/emulator/types";
import type { WorkbookModel } from "../../src/emulator/model";
import { sampleEmulator } from "../helpers/workbook";

const PF = "7 客户组合";

async function portfolioSample() {
  const { emu, run } = await sampleEmulator("zh");
  await generate(run, { steps: ["portfolio"] });
  const model = emu.model;
  const sheet = model.sheetByName(PF)!;
  const tables = model.tables.filter((t) => t.sheetId === sheet.id);
  return { model, sheet, tables };
}

/** Every cell of a sheet as read back: value, formula, number format, lock, and each row's height. */
function readBack(m: WorkbookModel, s: SheetModel) {
  const used = m.usedRect(s)!;
  const cells: string[] = [];
  for (let r = used.r0; r <= used.r1; r++) {
    cells.push(`row ${r} height ${s.rowHeights.get(r) ?? "-"}`);
    for (let c = used.c0; c <= used.c1; c++) {
      // The whole effective format: fill, font, borders, alignment and lock as the file gives them.
      const f = m.effectiveFormat(s, r, c);
      cells.push(JSON.stringify([r, c, m.formula(s, r, c), m.value(s, r, c), m.numberFormat(s, r, c), f]));
    }
  }
  return { used, cells };
}

test("the portfolio's accounts go in bulk: the file reads back as ExcelJS alone writes it", async () => {
  const { model, sheet, tables } = await portfolioSample();
  const table = tables.find((t) => t.name === "SixStep_Portfolio")!;
  // A format on every account but the last, as the helper columns AX:BB have when one account is
  // no customer (2,000 accounts, 1,999 ranked): the last row is ExcelJS's, the others still bulk.
  model.setFormat(sheet, { r0: table.rect.r0 + 1, r1: table.rect.r1 - 1, c0: 7, c1: 8 }, { fill: "#FFF2CC" });
  // 36 accounts from row 13 (0-based 12): the template is a row among them, the rest in bulk
  // but for the rows whose number formats differ from it.
  const { plans, bottom } = bulkPlans(sheet, model.usedRect(sheet), tables, 1);
  const accounts = plans.find((p) => p.tables.includes(table))!;
  expect(accounts.last).toBe(table.rect.r1);
  expect(accounts.template).toBeGreaterThanOrEqual(table.rect.r0 + 1);
  expect(accounts.own).toBeDefined();
  expect(accounts.own!.has(table.rect.r1)).toBe(true);
  const bulkRows = accounts.last - accounts.template - accounts.own!.size;
  expect(bulkRows).toBeGreaterThan(20);
  expect(bottom === null || bottom.template > accounts.last).toBe(true);

  const bulk = await exportXlsx(model, { bulkMinCells: 1 });
  const plain = await exportXlsx(model, { bulkMinCells: Number.POSITIVE_INFINITY });
  // The bulk rows are ours (no x14ac attribute, which ExcelJS puts on every row it writes), each
  // with its height; the rows stand in ascending order.
  const zip = await JSZip.loadAsync(bulk);
  const xml = await zip.file((await sheetParts(zip)).get(PF)!)!.async("string");
  const ours = [...xml.matchAll(/<row r="(\d+)" ht="[\d.]+" customHeight="1">/g)].map((m) => Number(m[1]) - 1);
  expect(ours.filter((r) => r > accounts.template && r <= accounts.last)).toHaveLength(bulkRows);
  const order = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
  expect(order.length).toBeGreaterThan(36);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(new Set(order).size).toBe(order.length);

  const a = await importXlsx(bulk);
  const b = await importXlsx(plain);
  const mine = readBack(a, a.sheetByName(PF)!);
  const theirs = readBack(b, b.sheetByName(PF)!);
  expect(mine.used).toEqual(theirs.used);
  expect(mine.cells.length).toBe(theirs.cells.length);
  expect(mine.cells).toEqual(theirs.cells);
  // The analyst's input cells (B–E) of a bulk row: empty, unlocked, and their validation kept.
  const row = [...Array(bulkRows + accounts.own!.size).keys()]
    .map((i) => accounts.template + 1 + i)
    .find((r) => !accounts.own!.has(r) && model.value(sheet, r, 1) === "")!;
  expect(model.effectiveFormat(sheet, row, 1).locked).toBe(false);
  // (The emulator's import reads no format of an empty cell: ExcelJS reads the file's.)
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bulk as unknown as ArrayBuffer);
  const input = wb.getWorksheet(PF)!.getCell(row + 1, 2);
  expect([input.value, input.protection?.locked]).toEqual([null, false]);
  const rules = (m: WorkbookModel) =>
    m
      .sheetByName(PF)!
      .validations.map((v) => JSON.stringify(v))
      .sort();
  expect(rules(a).length).toBeGreaterThanOrEqual(3);
  expect(rules(a)).toEqual(rules(b));
  expect(a.tables.find((t) => t.name === "SixStep_Portfolio")!.rect).toEqual(table.rect);
  // Every other sheet is unchanged by the bulk.
  for (const s of b.sheets) {
    if (s.name === PF) continue;
    expect([s.name, readBack(a, a.sheetByName(s.name)!).cells]).toEqual([s.name, readBack(b, s).cells]);
  }
}, 60_000);

test("a table's rows are left to ExcelJS where a merge or another table meets them, its rows of another format alone", async () => {
  const { model, sheet, tables } = await portfolioSample();
  const used = model.usedRect(sheet)!;
  const table = tables.find((t) => t.name === "SixStep_Portfolio")!;
  const below = used.r1 + 1;
  expect(tablePlans(sheet, used, tables, below, 1)).toHaveLength(1);
  // Too few cells for the threshold.
  expect(tablePlans(sheet, used, tables, below, 1_000_000)).toEqual([]);
  // Rows the bulk below begins above the table's last row: not this table.
  expect(tablePlans(sheet, used, tables, table.rect.r1, 1)).toEqual([]);
  const withMerge: SheetModel = { ...sheet, merges: [{ r0: 20, r1: 20, c0: 5, c1: 6 }] };
  expect(tablePlans(withMerge, used, tables, below, 1)).toEqual([]);
  // A format over a few rows: those rows are ExcelJS's, the others still bulk; and the template
  // is a row without it, the format of most rows.
  const partial: SheetModel = {
    ...sheet,
    formatLayers: [...sheet.formatLayers, { rect: { r0: 20, r1: 25, c0: 0, c1: 3 }, props: { bold: true } }],
  };
  const [banded] = tablePlans(partial, used, tables, below, 1);
  expect([...banded.own!].filter((r) => r >= 20 && r <= 25)).toEqual([20, 21, 22, 23, 24, 25]);
  expect(banded.template < 20 || banded.template > 25).toBe(true);
  // A format on the first data row alone, where that row would be the template (no cell with a
  // number format of its own): not the template's, so not copied to the bulk rows.
  const uniform: SheetModel = { ...sheet, numberFormats: new Map() };
  expect(tablePlans(uniform, used, tables, below, 1)[0].template).toBe(table.rect.r0 + 1);
  const first: SheetModel = {
    ...uniform,
    formatLayers: [...sheet.formatLayers, { rect: { ...table.rect, r1: table.rect.r0 + 1 }, props: { bold: true } }],
  };
  const [afterFirst] = tablePlans(first, used, tables, below, 1);
  expect(afterFirst.template).toBe(table.rect.r0 + 2);
  // A number format of its own on a few rows: those rows are ExcelJS's, the others still bulk.
  const numberFormats = new Map(sheet.numberFormats);
  for (const r of [20, 22]) numberFormats.set(cellKey(r, 8), "0.000");
  const [plan] = tablePlans({ ...sheet, numberFormats }, used, tables, below, 1);
  expect([...plan.own!].filter((r) => r === 20 || r === 22)).toEqual([20, 22]);
});

test("a table in bulk with rows below it, overlapping validation and a column named like it: as ExcelJS writes them", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("T");
    ws.getRange("A1:C1").values = [["客户", "金额", "备注"]];
    ws.getRange("A2:C41").values = Array.from({ length: 40 }, (_, i) => [`C${i}`, i * 1.5, i % 4 ? "" : "x"]);
    ws.getRange("B2:B41").numberFormat = Array.from({ length: 40 }, () => ["#,##0.00"]);
    ws.tables.add("T!A1:C41", true).name = "Accounts";
    for (const r of [5, 9, 30]) ws.getRange(`A${r}`).format.rowHeight = 24;
    // Overlapping rules: the later one is each cell's rule where they meet (as Excel keeps one a cell).
    ws.getRange("C2:C30").dataValidation.rule = { list: { inCellDropDown: true, source: "x,y" } };
    ws.getRange("C20:C41").dataValidation.rule = { textLength: { formula1: 0, formula2: 3, operator: "Between" } };
    // Notes below the tables, merged (no bulk of their own): the sheet's extent reaches them.
    ws.getRange("A45").values = [["注：倒数第二段"]];
    ws.getRange("A45:C45").merge();
    ws.getRange("A52").values = [["注：最后一行"]];
    ws.getRange("A52:C52").merge();
    // Another table below, with a column named like the first table.
    ws.getRange("E47:E48").values = [["Accounts"], [1]];
    ws.tables.add("T!E47:E48", true).name = "Other";
    await context.sync();
  });
  const model = emu.model;
  const sheet = model.sheetByName("T")!;
  const tables = model.tables.filter((t) => t.sheetId === sheet.id);
  const { plans, bottom } = bulkPlans(sheet, model.usedRect(sheet), tables, 1);
  expect(bottom).toBeNull();
  // The accounts' rows in bulk; the other table (one row) and the notes are ExcelJS's.
  expect(plans.map((p) => [p.tables[0].name, p.template, p.last])).toEqual([["Accounts", 1, 40]]);

  const bulk = await exportXlsx(model, { bulkMinCells: 1 });
  const plain = await exportXlsx(model, { bulkMinCells: Number.POSITIVE_INFINITY });
  const zip = await JSZip.loadAsync(bulk);
  const xml = await zip.file((await sheetParts(zip)).get("T")!)!.async("string");
  // The extent keeps the notes' row; the rows stand in order; row 30's height is in the bulk row.
  expect(xml).toContain('<dimension ref="A1:E52"/>');
  const order = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(order).toEqual(expect.arrayContaining([45, 47, 48, 52]));
  // One rule a cell in the file: the earlier rule less what the later one covers.
  expect([...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(["C20:C41", "C2:C19"]);
  expect(xml).toContain('<row r="30" ht="24" customHeight="1">');
  const [a, b] = [await importXlsx(bulk), await importXlsx(plain)];
  const [sa, sb] = [a.sheetByName("T")!, b.sheetByName("T")!];
  expect(readBack(a, sa).cells).toEqual(readBack(b, sb).cells);
  expect(a.tables.map((t) => [t.name, t.rect])).toEqual(b.tables.map((t) => [t.name, t.rect]));
  expect(a.tables.find((t) => t.name === "Other")!.rect).toEqual({ r0: 46, r1: 47, c0: 4, c1: 4 });
  // Each cell's rule, read by ExcelJS from both files: the list to row 19, the length from row 20.
  const rules = async (file: Uint8Array) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("T")!;
    return Array.from({ length: 40 }, (_, i) => ws.getCell(i + 2, 3).dataValidation?.type ?? null);
  };
  const mine = await rules(bulk);
  expect(mine).toHaveLength(40);
  expect(mine).toEqual(await rules(plain));
  expect(mine.slice(17, 19)).toEqual(["list", "textLength"]);
});
