/**
 * Revenue tables as other applications save them (issue 35): LibreOffice saves a CSV file as a
 * plain range with shared strings, a date style on the period column, and Chinese text in a CJK
 * font where ASCII text has the default font — one size, two style indices in one column. The
 * emulator models neither font name, so the column is uniform: the file takes the bulk path (rows
 * read straight into a column block) and its formats are a handful of layers, not one a cell. A CSV
 * saved by LibreOffice itself: foreign-files.slow.test.ts.
 */
import JSZip from "jszip";
import { WorkbookModel } from "../../src/emulator/model";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { cutSheet } from "../../src/emulator/xlsx-bulk-read";
import { fileStyles } from "../../src/emulator/xlsx-styles";
import { checkPackage } from "../helpers/ooxml";

const LO_STYLES = `<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="General"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="3"><font><sz val="10"/><name val="DejaVu Sans"/></font><font><sz val="10"/><name val="Noto Sans CJK SC"/></font><font><b val="true"/><sz val="12"/><name val="Arial"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>
<cellXfs count="5"><xf numFmtId="164" fontId="0" fillId="0"/><xf numFmtId="164" fontId="1" fillId="0" applyFont="true"/><xf numFmtId="165" fontId="0" fillId="0"/><xf numFmtId="164" fontId="2" fillId="0"/><xf numFmtId="164" fontId="0" fillId="1"><protection locked="false"/></xf></cellXfs></styleSheet>`;

test("style indices that differ only in what the emulator does not model (the font's name) are one class", () => {
  const s = fileStyles(LO_STYLES);
  expect(s.defaultFontSize).toBe(10);
  // The default font and the CJK font, both 10-point: one class.
  expect(s.classOf(1)).toBe(s.classOf(0));
  // A date format, a bold 12-point font, a yellow unlocked fill: each its own.
  const classes = [0, 2, 3, 4].map(s.classOf);
  expect(new Set(classes).size).toBe(4);
  // An index the file does not list equals no other.
  expect(s.classOf(9)).not.toBe(s.classOf(0));
});

test("a name over a large range is written as text in the workbook part, valid, and read back", async () => {
  const model = new WorkbookModel();
  const sheet = model.addSheet("收入");
  const rows = 12_000;
  model.write(
    sheet,
    { r0: 0, c0: 0, r1: rows, c1: 1 },
    [["月份", "金额"], ...Array.from({ length: rows }, (_, i) => [`2002-${(i % 12) + 1}`, i])],
    false,
  );
  // 12,000 cells: over the threshold, written by us; 10 cells: through ExcelJS.
  model.addName("SixStep_Amount", `='收入'!$B$2:$B$${rows + 1}`);
  model.addName("SixStep_Head", "='收入'!$A$1:$B$5");
  const file = await exportXlsx(model);
  const xml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
  expect(xml).toContain(`<definedName name="SixStep_Amount">'收入'!$B$2:$B$${rows + 1}</definedName>`);
  expect(xml).toContain('<definedName name="SixStep_Head">');
  expect(checkPackage(file, "large name").problems).toEqual([]);
  const again = await importXlsx(file);
  expect(again.names.get("sixstep_amount")!.formula).toBe(`='收入'!$B$2:$B$${rows + 1}`);
  again.write(again.sheetByName("收入")!, { r0: 0, c0: 3, r1: 0, c1: 3 }, [["=SUM(SixStep_Amount)"]], false);
  expect(again.value(again.sheetByName("收入")!, 0, 3)).toBe(((rows - 1) * rows) / 2);
});

test("rows of value-less styled cells under the data (as LibreOffice saves them) do not stop the bulk read or grow the table", () => {
  const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
  const data = (r: number) => `<c r="A${r}" s="1"><v>${37500 + r}</v></c><c r="B${r}" t="s" s="2"><v>1</v></c>`;
  const xml =
    `<worksheet><sheetData>${row(1, '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c>')}` +
    [2, 3, 4, 5, 6].map((r) => row(r, data(r))).join("") +
    // Two trailing rows: an empty cell in the date column with the General style.
    row(7, '<c r="A7" s="0"/>') +
    row(8, '<c r="A8" s="0"/>') +
    "</sheetData></worksheet>";
  const cut = cutSheet(new TextEncoder().encode(xml), ["月份", "客户"], (s) => s);
  expect(cut).not.toBeNull();
  // The template is row 2 (0-based 1); the block holds rows 3–6 and stops at the last value.
  expect(cut!.rows.template).toBe(1);
  expect(cut!.rows.block.rect).toEqual({ r0: 2, r1: 5, c0: 0, c1: 1 });
  // A value styled apart is never in the block: ExcelJS reads it (and its style) in the head.
  const apart = xml.replace('<c r="A5" s="1">', '<c r="A5" s="0">');
  const cutApart = cutSheet(new TextEncoder().encode(apart), ["月份", "客户"], (s) => s);
  expect(cutApart === null || cutApart.rows.template >= 4).toBe(true);
});
