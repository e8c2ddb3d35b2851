/**
 * Every part of every file we write validates against ECMA-376's transitional schemas
 * (schemas/ecma376, by xmllint, after Markup Compatibility processing), and the package holds
 * together as Excel requires: content types, relationships, ids, the worksheet's element order
 * (issue 34, item 3). Excel is strict where LibreOffice forgives: a part that breaks these makes it
 * offer to "recover" the file and drop the part. The checker and the charts here; the sample, the
 * hostile corpus and a 100,000-row table in ecma376.slow.test.ts.
 */
import { unzipSync, zipSync, strToU8, strFromU8 } from "fflate";
import { ExcelEmulator } from "../../src/emulator";
import { exportXlsx } from "../../src/emulator/xlsx";
import { CHART_TYPES } from "../../src/charts";
import { checkPackage, processMarkupCompatibility } from "../helpers/ooxml";

/** A package with one part rewritten (or removed, when edit returns null). */
function edit(file: Uint8Array, part: string, change: (xml: string) => string | null): Uint8Array {
  const files = unzipSync(file);
  const next = change(strFromU8(files[part]));
  if (next === null) delete files[part];
  else files[part] = strToU8(next);
  return zipSync(files);
}

async function smallWorkbook(): Promise<Uint8Array> {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Data");
    ws.getRange("A1:B4").values = [
      ["Service", "Amount"],
      ["数据", 28184.12],
      ["市话", 28120.83],
      ["长话", 3918.55],
    ];
    ws.tables.add("A1:B4", true).name = "Mix";
    ws.freezePanes.freezeRows(1);
    ws.charts.add("Pie", ws.getRange("A1:B4"), "Columns");
    await context.sync();
  });
  return exportXlsx(emu.model);
}

/** The small file's sheet with `rows` more rows (each with Excel's ignorable x14ac:dyDescent), one of them `extra`. */
function padded(good: Uint8Array, rows: number, extra = ""): Uint8Array {
  return edit(good, "xl/worksheets/sheet1.xml", (x) => {
    let more = "";
    for (let r = 10; r < 10 + rows; r++)
      more += `<row r="${r}" x14ac:dyDescent="0.25"${r === 5000 ? extra : ""}><c r="A${r}"><v>${r}</v></c></row>`;
    return x.replace("</sheetData>", `${more}</sheetData>`);
  });
}

describe("the checker", () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = await smallWorkbook();
  });

  test("passes a small file and validates each of its parts by its content type", () => {
    const r = checkPackage(good, "small");
    expect(r.problems).toEqual([]);
    // Workbook, sheet, styles, shared strings, table; drawing; chart; theme; the relationship parts.
    expect(r.validated["sml.xsd"]).toBe(5);
    expect(r.validated["dml-spreadsheetDrawing.xsd"]).toBe(1);
    expect(r.validated["dml-chart.xsd"]).toBe(1);
    expect(r.validated["dml-main.xsd"]).toBe(1);
    expect(r.validated["opc-contentTypes.xsd"]).toBe(1);
    // The package's, the workbook's, the sheet's and the drawing's relationships.
    expect(r.validated["opc-relationships.xsd"]).toBe(4);
  });

  test("finds a part without a content type, and a part whose type is not its relationship's", () => {
    // Without its Override the table falls to the Default for .xml: a part Excel does not read as a table.
    const generic = edit(good, "[Content_Types].xml", (x) =>
      x.replace(/<Override PartName="\/xl\/tables\/table1.xml"[^>]*\/>/, ""),
    );
    expect(checkPackage(generic).problems).toEqual([
      "package: xl/worksheets/_rels/sheet1.xml.rels: rId1 targets xl/tables/table1.xml, typed application/xml, not application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
    ]);
    const none = edit(generic, "[Content_Types].xml", (x) => x.replace(/<Default Extension="xml"[^>]*\/>/, ""));
    expect(checkPackage(none).problems).toContain("package: xl/tables/table1.xml has no content type");
  });

  test("finds a relationship whose target is missing, and an r:id without a relationship", () => {
    const dangling = edit(good, "xl/drawings/_rels/drawing1.xml.rels", (x) =>
      x.replace('Target="../charts/chart1.xml"', 'Target="../charts/chart9.xml"'),
    );
    expect(checkPackage(dangling).problems).toEqual([
      "package: xl/drawings/_rels/drawing1.xml.rels: rId1 targets xl/charts/chart9.xml, which is not in the package",
    ]);
    const unresolved = edit(good, "xl/drawings/drawing1.xml", (x) => x.replace('r:id="rId1"', 'r:id="rId7"'));
    expect(checkPackage(unresolved).problems).toEqual([
      'package: xl/drawings/drawing1.xml: <chart r:id="rId7"> has no relationship in xl/drawings/_rels/drawing1.xml.rels',
    ]);
  });

  test("finds a worksheet child out of the schema's order (in its own check and in the schema's)", () => {
    const bad = edit(good, "xl/worksheets/sheet1.xml", (x) => {
      const views = /<sheetViews>.*?<\/sheetViews>/.exec(x)![0];
      return x.replace(views, "").replace("</sheetData>", `</sheetData>${views}`);
    });
    const problems = checkPackage(bad).problems;
    expect(problems[0]).toBe("package: xl/worksheets/sheet1.xml: <sheetViews> after <sheetData> (schema order)");
    expect(problems.some((p) => /sheet1\.xml:\d+: element sheetViews: Schemas validity error/.test(p))).toBe(true);
  });

  test("a large part (over 1 MB, processed on its text) is checked as strictly", () => {
    const big = padded(good, 20_000);
    expect(unzipSync(big)["xl/worksheets/sheet1.xml"].length).toBeGreaterThan(1_000_000);
    expect(checkPackage(big).problems).toEqual([]);
    const bad = padded(good, 20_000, ' hidden="maybe"');
    expect(checkPackage(bad).problems).toEqual([
      expect.stringMatching(/sheet1\.xml:\d+: element row: .*attribute 'hidden': 'maybe' is not a valid value/),
    ]);
  });

  test("finds a table id and a table name used twice", () => {
    const files = unzipSync(good);
    files["xl/tables/table2.xml"] = files["xl/tables/table1.xml"];
    const ct = strFromU8(files["[Content_Types].xml"]).replace(
      "</Types>",
      '<Override PartName="/xl/tables/table2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>',
    );
    files["[Content_Types].xml"] = strToU8(ct);
    expect(checkPackage(zipSync(files)).problems).toEqual([
      "package: xl/tables/table2.xml: table id 1 used by another table",
      "package: xl/tables/table2.xml: table name Mix used by another table",
    ]);
  });

  test("an attribute in an ignorable namespace is dropped before validation; in any other namespace it is an error", () => {
    const ignorable =
      '<a xmlns="urn:m" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x="urn:x" mc:Ignorable="x" x:k="1"><x:e><b/></x:e><b/></a>';
    expect(processMarkupCompatibility(ignorable)).toBe(
      '<a xmlns="urn:m" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x="urn:x"><b></b></a>',
    );
    const alt =
      '<a xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:AlternateContent><mc:Choice Requires="x"><new/></mc:Choice><mc:Fallback><old/></mc:Fallback></mc:AlternateContent></a>';
    expect(processMarkupCompatibility(alt)).toBe(
      '<a xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><old></old></a>',
    );
    const foreign = edit(good, "xl/worksheets/sheet1.xml", (x) =>
      x.replace("<sheetData>", '<sheetData xmlns:q="urn:q" q:extra="1">'),
    );
    expect(checkPackage(foreign).problems).toEqual([
      expect.stringMatching(/sheet1\.xml:1: element sheetData: .*attribute '\{urn:q\}extra' is not allowed/),
    ]);
  });
});

test("every chart type the product draws, with titles, legend and axis bounds: valid DrawingML", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Charts");
    ws.getRange("A1:D5").values = [
      ["Service", "2002-Q3", "2002-Q4", "Size"],
      ["市话", 27000, 28120.83, 4],
      ["长话", 4100, 3918.55, 2],
      ["17909长话", 3600, 3784.3, 1],
      ["数据", 26000, 28184.12, 5],
    ];
    CHART_TYPES.forEach((type, k) => {
      const chart = ws.charts.add(type, ws.getRange("A1:C5"), "Columns");
      chart.title.text = `${type} — 月均收入 <元> & share`;
      chart.legend.position = "Bottom";
      chart.setPosition(`F${1 + k * 16}`, `M${14 + k * 16}`);
      if (type === "Bubble") chart.series.getItemAt(0).setBubbleSizes(ws.getRange("D2:D5"));
      if (type !== "Pie" && type !== "Doughnut") {
        chart.axes.valueAxis.title.text = "元 / 月";
        chart.axes.valueAxis.minimum = 0;
        chart.axes.valueAxis.maximum = 30000;
        chart.axes.categoryAxis.title.text = "Service";
      }
    });
    await context.sync();
  });
  const file = await exportXlsx(emu.model);
  const r = checkPackage(file, "charts");
  expect(r.problems).toEqual([]);
  expect(r.validated["dml-chart.xsd"]).toBe(CHART_TYPES.length);
  const parts = unzipSync(file);
  const kinds = CHART_TYPES.map((_t, k) => {
    const xml = strFromU8(parts[`xl/charts/chart${k + 1}.xml`]);
    return /<c:(\w+Chart)>/.exec(xml)![1] + (/<c:barDir val="(\w+)"\/>/.exec(xml)?.[1] ?? "");
  });
  // The bounds and the axis titles are written (CT_Scaling: max before min; the title before numFmt).
  const column = strFromU8(parts["xl/charts/chart3.xml"]);
  expect(column).toMatch(
    /<c:valAx><c:axId val="501"\/><c:scaling><c:orientation val="minMax"\/><c:max val="30000"\/><c:min val="0"\/>/,
  );
  expect(column).toMatch(/<c:majorGridlines\/><c:title>.*<a:t>元 \/ 月<\/a:t>.*<\/c:title><c:numFmt/);
  const bubble = strFromU8(parts["xl/charts/chart10.xml"]);
  expect(bubble).toMatch(/<c:bubbleSize><c:numRef><c:f>'Charts'!\$D\$2:\$D\$5<\/c:f><\/c:numRef><\/c:bubbleSize>/);
  expect(kinds).toEqual([
    "pieChart",
    "doughnutChart",
    "barChartcol",
    "barChartcol",
    "barChartbar",
    "barChartbar",
    "lineChart",
    "scatterChart",
    "scatterChart",
    "bubbleChart",
  ]);
});
