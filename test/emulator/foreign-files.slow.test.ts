/**
 * A revenue table as LibreOffice saves a CSV file (foreign-files.test.ts has the styles it carries,
 * checked without LibreOffice).
 */
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { splitBulkSheets } from "../../src/emulator/xlsx-bulk-read";
import { foreignCsv } from "../../bench/foreign";
import { convertAllWithLibreOffice } from "../helpers/libreoffice";

test("a CSV saved by LibreOffice: read in bulk, every value kept, dates as dates, and written back", async () => {
  const { text } = foreignCsv(3_000, 24);
  const [xlsx] = convertAllWithLibreOffice([Buffer.from(text, "utf8")], "xlsx", 120_000, "csv");
  const lines = text.trim().split("\n");
  expect(lines).toHaveLength(3_001);
  // The bulk path takes the sheet (a small threshold: 3,000 rows are under the default's 1 MB).
  const split = await splitBulkSheets(xlsx, 1_000);
  expect(split).not.toBeNull();
  expect(split!.sheets.size).toBe(1);
  expect(split!.defaultFontSize).toBe(10);
  const model = await importXlsx(xlsx, { bulkMinBytes: 1_000 });
  const sheet = model.sheets[0];
  expect(model.usedRect(sheet)).toEqual({ r0: 0, c0: 0, r1: 3_000, c1: 6 });
  // No format layer a cell: LibreOffice's 10-point fonts are the file's default size.
  expect(sheet.formatLayers.length).toBeLessThan(10);
  // Row 2,500 as the CSV has it: the period a date (Excel serial, styled yyyy-mm-dd), the rest as typed.
  const row = lines[2_500].split(",");
  const values = model.values(sheet, { r0: 2_500, c0: 0, r1: 2_500, c1: 6 })[0];
  const [y, m] = row[0].split("-").map(Number);
  expect(values[0]).toBe(Date.UTC(y, m - 1, 1) / 86_400_000 + 25_569);
  expect(model.numberFormat(sheet, 2_500, 0)).toBe("yyyy-mm-dd");
  expect(values.slice(1, 6)).toEqual([row[1], row[2].replace(/"/g, ""), row[3], row[4], row[5]]);
  expect(values[6]).toBeCloseTo(Number(row[6]), 6);
  // Written back (in bulk) and read again: the same values.
  const again = await importXlsx(await exportXlsx(model, { bulkMinCells: 1 }), { bulkMinBytes: 1_000 });
  const s2 = again.sheets[0];
  expect(again.values(s2, { r0: 0, c0: 0, r1: 3_000, c1: 6 })).toEqual(
    model.values(sheet, { r0: 0, c0: 0, r1: 3_000, c1: 6 }),
  );
}, 180_000);
