import ExcelJS from "exceljs";
import { formatRuns } from "../../src/emulator/format-runs";
import { importXlsx } from "../../src/emulator/xlsx";

test("cell formats become rectangles: runs down a column, then equal runs side by side", () => {
  const small = { fontSize: 10 };
  const bold = { fontSize: 10, bold: true };
  const cells = [];
  // A 4 × 3 block in 10-point type, its header row (row 0) bold, and one cell apart (row 2, col 1).
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 3; c++)
      cells.push({ r, c, props: r === 0 ? bold : r === 2 && c === 1 ? { fill: "#FFFF00" } : small });
  const layers = formatRuns(cells);
  expect(layers).toEqual([
    { rect: { r0: 0, r1: 0, c0: 0, c1: 2 }, props: bold },
    { rect: { r0: 1, r1: 1, c0: 1, c1: 1 }, props: small },
    { rect: { r0: 1, r1: 3, c0: 0, c1: 0 }, props: small },
    { rect: { r0: 1, r1: 3, c0: 2, c1: 2 }, props: small },
    { rect: { r0: 2, r1: 2, c0: 1, c1: 1 }, props: { fill: "#FFFF00" } },
    { rect: { r0: 3, r1: 3, c0: 1, c1: 1 }, props: small },
  ]);
  // Every cell keeps its format, and no two layers overlap.
  const covered = new Map<string, unknown>();
  for (const l of layers)
    for (let r = l.rect.r0; r <= l.rect.r1; r++)
      for (let c = l.rect.c0; c <= l.rect.c1; c++) {
        expect(covered.has(`${r},${c}`)).toBe(false);
        covered.set(`${r},${c}`, l.props);
      }
  expect(covered.size).toBe(cells.length);
  for (const x of cells) expect(covered.get(`${x.r},${x.c}`)).toEqual(x.props);
});

test("a table saved with every cell styled (as LibreOffice saves a CSV) imports as a few format layers", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  const rows = 3_000;
  ws.addRow(["月份", "客户编号", "金额"]);
  for (let i = 0; i < rows; i++) ws.addRow([new Date(Date.UTC(2002, i % 12, 1)), `K${i}`, i * 1.5]);
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      cell.font = { name: "Liberation Sans", size: 10 };
    }),
  );
  for (let r = 2; r <= rows + 1; r++) ws.getCell(r, 1).numFmt = "yyyy-mm-dd";
  const model = await importXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { bulk: false });
  const sheet = model.sheetByName("Data")!;
  // 9,003 styled cells: one layer, the whole table in 10-point type.
  expect(sheet.formatLayers).toEqual([{ rect: { r0: 0, r1: rows, c0: 0, c1: 2 }, props: { fontSize: 10 } }]);
  expect(model.effectiveFormat(sheet, 1_500, 2)).toEqual({ fontSize: 10 });
  expect(model.numberFormat(sheet, 1_500, 0)).toBe("yyyy-mm-dd");
});
