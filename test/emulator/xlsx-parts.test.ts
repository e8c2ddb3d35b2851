/**
 * ExcelJS's parts rendered into memory (src/emulator/xlsx-export.ts `excelParts`): the same parts,
 * in the same order, with the same bytes, as ExcelJS's own `writeBuffer` packs into its zip. The
 * export calls ExcelJS's write steps itself; if a new ExcelJS renders another way, this fails.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { EXCELJS_WRITE_STEPS, excelParts } from "../../src/emulator/xlsx-export";
import { PackageParts } from "../../src/emulator/zip";

/** A workbook with what the export gives ExcelJS: shared strings, styles, a table, validation, a formula, two sheets. */
function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "test";
  wb.created = new Date(Date.UTC(2003, 0, 1));
  wb.modified = new Date(Date.UTC(2003, 0, 2));
  const ws = wb.addWorksheet("收入");
  ws.addTable({
    name: "Revenue",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "客户" }, { name: "金额" }],
    rows: [
      ["平安", 64007.8],
      ["招商", 28120.83],
    ],
  });
  ws.getCell("D1").value = { formula: "SUM(B2:B3)", result: 92128.63 };
  ws.getCell("D1").numFmt = "#,##0.00";
  ws.getCell("D1").font = { bold: true, name: "Calibri", size: 11 };
  ws.getCell("E2").dataValidation = { type: "list", allowBlank: true, formulae: ['"是,否"'] };
  const second = wb.addWorksheet("Plan", { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  second.getCell("A1").value = "Q4-2002";
  second.getColumn(1).width = 20;
  return wb;
}

describe("excelParts", () => {
  it("renders the parts writeBuffer packs, in its order, byte for byte", async () => {
    const parts = await excelParts(workbook());
    const zip = await JSZip.loadAsync(await workbook().xlsx.writeBuffer());
    const expected = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const names = Object.keys(parts.files);
    expect(expected.length).toBeGreaterThanOrEqual(12);
    expect(names).toEqual(expected);
    expect(names).toEqual(expect.arrayContaining(["xl/tables/table1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]));
    for (const name of names) {
      const mine = await parts.file(name)!.async("string");
      const theirs = await zip.file(name)!.async("string");
      expect({ name, text: mine }).toEqual({ name, text: theirs });
    }
    const sheet = await parts.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toContain("<f>SUM(B2:B3)</f><v>92128.63</v>");
  });

  it("calls every step ExcelJS's write calls", () => {
    const source = String(Object.getPrototypeOf(new ExcelJS.Workbook().xlsx).write);
    const called = [...source.matchAll(/this\.(add[A-Za-z]+)\(zip, model\)/g)].map((m) => m[1]);
    expect(called).toEqual([...EXCELJS_WRITE_STEPS]);
  });
});

describe("PackageParts", () => {
  it("reads back text and bytes, replaces a part in place, and decodes base64 images", async () => {
    const p = new PackageParts();
    p.append("<a>平安</a>", { name: "a.xml" });
    p.append(new Uint8Array([0xe6, 0x8b, 0x9b]), { name: "b.bin" });
    p.append("AQID", { name: "xl/media/image1.png", base64: true });
    p.file("a.xml", "<a>招商</a>");
    expect(Object.keys(p.files)).toEqual(["a.xml", "b.bin", "xl/media/image1.png"]);
    expect(await p.file("a.xml")!.async("string")).toBe("<a>招商</a>");
    expect(Array.from(await p.file("a.xml")!.async("uint8array")).length).toBe(13);
    expect(await p.file("b.bin")!.async("string")).toBe("招");
    expect(Array.from(await p.file("xl/media/image1.png")!.async("uint8array"))).toEqual([1, 2, 3]);
    expect(p.file("missing.xml")).toBeNull();
    expect(p.files["a.xml"].dir).toBe(false);
  });
});
