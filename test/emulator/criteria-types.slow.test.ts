/**
 * How each kind of cell meets each kind of criterion (src/emulator/criteria.ts): numbers and
 * numeric text, dates and date text, booleans, errors, text comparisons, blank and empty-text
 * cells — by hand (each row of B holds a power of two, so a SUMIF names exactly the rows it kept),
 * and against LibreOffice, which differs only where it is documented to differ from Excel
 * (docs/excel-behaviour.md, rows 3 and 18).
 */
import ExcelJS from "exceljs";
import { ExcelEmulator } from "../../src/emulator";
import { exportXlsx } from "../../src/emulator/xlsx";
import { cachedValue, recalcWithLibreOffice } from "../helpers/libreoffice";

// Row k (1-based) of A, written as the API writes it; B = 2^(k-1).
const A: (string | number | boolean | null)[] = [
  5, // 1
  "'5", // 2: numeric text
  37530, // 3: 2002-10-01 as a serial
  "'2002-10-01", // 4: date text
  true, // 5
  false, // 6
  "=NA()", // 7
  "=1/0", // 8
  "apple", // 9
  null, // 10: blank
  "'", // 11: empty text
  4.5, // 12
  "'abc*", // 13
];
const rows = (...k: number[]) => [k.length, k.reduce((s, r) => s + 2 ** (r - 1), 0)];
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const but = (...k: number[]) => ALL.filter((r) => !k.includes(r));

// Criterion → [COUNTIF, SUMIF] by Excel's rules; `lo`: LibreOffice's, where it differs.
const CASES: { c: string; excel: number[]; lo?: number[]; why?: string }[] = [
  { c: "5", excel: rows(1, 2), lo: rows(1), why: "numeric text meets a number criterion (row 3)" },
  { c: '"5"', excel: rows(1, 2) },
  { c: '">4"', excel: rows(1, 3, 12) },
  { c: '">=2002-10-01"', excel: rows(3) },
  { c: '"2002-10-01"', excel: rows(3, 4) },
  { c: "DATE(2002,10,1)", excel: rows(3, 4), lo: rows(3), why: "numeric text meets a number criterion (row 3)" },
  { c: "TRUE", excel: rows(5) },
  { c: '"TRUE"', excel: rows(5) },
  { c: "FALSE", excel: rows(6) },
  { c: '"#N/A"', excel: rows(7) },
  { c: '"#DIV/0!"', excel: rows(8) },
  { c: '"<>#N/A"', excel: rows(...but(7)) },
  { c: '"apple"', excel: rows(9) },
  { c: '"="', excel: rows(10), lo: rows(10, 11), why: "empty text is not blank for = (row 18)" },
  { c: '""', excel: rows(10, 11) },
  { c: '"<>"', excel: rows(...but(10)), lo: rows(...but(10, 11)), why: "empty text is not blank for <> (row 18)" },
  { c: '"<>5"', excel: rows(...but(1, 2)) },
  { c: '">=abc"', excel: rows(9, 13) },
  { c: '"abc~*"', excel: rows(13) },
  { c: '"<5"', excel: rows(12), lo: rows(5, 6, 12), why: "LibreOffice takes booleans for numbers" },
];

test("each kind of cell against each kind of criterion: Excel's rules, and LibreOffice where it agrees", async () => {
  const emu = new ExcelEmulator();
  const n = A.length;
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("T");
    A.forEach((v, i) => {
      if (v !== null) ws.getRange(`A${i + 1}`).formulas = [[v]] as Excel.Range["formulas"];
      ws.getRange(`B${i + 1}`).values = [[2 ** i]];
    });
    ws.getRange(`D1:E${CASES.length}`).formulas = CASES.map(({ c }) => [
      `=COUNTIF($A$1:$A$${n},${c})`,
      `=SUMIF($A$1:$A$${n},${c},$B$1:$B$${n})`,
    ]);
    await context.sync();
  });
  const s = emu.model.sheetByName("T")!;
  const ours = CASES.map((_, i) => [emu.model.value(s, i, 3), emu.model.value(s, i, 4)]);
  expect(CASES.map((x, i) => [x.c, ...ours[i]])).toEqual(CASES.map((x) => [x.c, ...x.excel]));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(recalcWithLibreOffice(await exportXlsx(emu.model)) as unknown as ArrayBuffer);
  const lo = wb.getWorksheet("T")!;
  const theirs = CASES.map((_, i) => [cachedValue(lo.getCell(i + 1, 4)) ?? 0, cachedValue(lo.getCell(i + 1, 5)) ?? 0]);
  expect(CASES.map((x, i) => [x.c, ...theirs[i]])).toEqual(CASES.map((x) => [x.c, ...(x.lo ?? x.excel)]));
}, 120_000);
