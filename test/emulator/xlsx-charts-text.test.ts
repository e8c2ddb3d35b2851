/**
 * What the chart parts say (issue 28): data labels (c:dLbls), the waterfall's base out of the
 * legend (c:legendEntry/c:delete), axis titles, and the scatter's labels from cells — each element
 * where ECMA-376's schema puts it (Excel refuses a part out of order; LibreOffice forgives).
 */
import JSZip from "jszip";
import { exportXlsx } from "../../src/emulator/xlsx";
import { sampleEmulator } from "../helpers/workbook";

/** The names of an element's children, in order (one level, by a simple scan of the XML). */
function childOrder(xml: string, parent: string): string[] {
  const start = xml.indexOf(`<c:${parent}>`);
  const end = xml.indexOf(`</c:${parent}>`, start);
  const body = xml.slice(start + parent.length + 4, end);
  const out: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([a-z0-9]+:[A-Za-z0-9]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) out.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return out;
}

let parts: string[];
beforeAll(async () => {
  const { emu } = await sampleEmulator("zh");
  const zip = await JSZip.loadAsync(await exportXlsx(emu.model));
  const names = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
  names.sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  parts = await Promise.all(names.map((n) => zip.file(n)!.async("string")));
}, 60_000);

test("the waterfall: labels on the bars but the base, its legend entry deleted, both axes titled, in schema order", () => {
  const w = parts[6];
  const series = w.split("<c:ser>").slice(1);
  expect(series).toHaveLength(4);
  expect(series.map((s) => s.includes("<c:dLbls>"))).toEqual([false, true, true, true]);
  expect(series.map((s) => /formatCode="([^"]*)"/.exec(s.slice(s.indexOf("<c:dLbls>")))?.[1])).toEqual([
    undefined,
    "+#,##0;-#,##0;",
    "-#,##0;+#,##0;",
    "#,##0;-#,##0;",
  ]);
  // CT_BarSer: idx, order, tx, spPr, invertIfNegative, dLbls, cat, val.
  expect(childOrder(`<c:ser>${series[1]}`, "ser")).toEqual([
    "c:idx",
    "c:order",
    "c:tx",
    "c:spPr",
    "c:invertIfNegative",
    "c:dLbls",
    "c:cat",
    "c:val",
  ]);
  expect(childOrder(w, "dLbls")).toEqual([
    "c:numFmt",
    "c:dLblPos",
    "c:showLegendKey",
    "c:showVal",
    "c:showCatName",
    "c:showSerName",
    "c:showPercent",
    "c:showBubbleSize",
  ]);
  // CT_Legend: position, then the deleted entry of series 0, then overlay.
  expect(childOrder(w, "legend")).toEqual(["c:legendPos", "c:legendEntry", "c:overlay"]);
  expect(w).toContain('<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>');
  // CT_CatAx / CT_ValAx: the title after the position (and gridlines), before the number format.
  expect(childOrder(w, "catAx").slice(0, 6)).toEqual([
    "c:axId",
    "c:scaling",
    "c:delete",
    "c:axPos",
    "c:title",
    "c:numFmt",
  ]);
  expect(childOrder(w, "valAx").slice(0, 7)).toEqual([
    "c:axId",
    "c:scaling",
    "c:delete",
    "c:axPos",
    "c:majorGridlines",
    "c:title",
    "c:numFmt",
  ]);
  expect(w).toMatch(/<c:catAx>.*<a:t>收入变化项目<\/a:t>.*<\/c:catAx>/);
  expect(w).toMatch(/<c:valAx>.*<a:bodyPr rot="-5400000" vert="horz"\/>.*<a:t>月收入（元）<\/a:t>.*<\/c:valAx>/);
});

test("the scatter: its points labelled from the cells of AC (value from cells), with the cells' texts cached", () => {
  const sc = parts[5];
  const points = sc.split("<c:ser>")[1];
  expect(points).toMatch(/<c15:f>'4 方案分析'!\$AC\$12:\$AC\$25<\/c15:f>/);
  const cached = [...points.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => m[2]);
  expect(cached).toEqual(["1", "2", "3, 4", "", "5", "6", "7", "8", "9", "10", "", "", "", ""]);
  // Each point's label: a [CELLRANGE] field, placed above the point.
  expect((points.match(/type="CELLRANGE"/g) ?? []).length).toBe(14);
  expect((points.match(/<c:dLblPos val="t"\/>/g) ?? []).length).toBe(15);
  // CT_ScatterSer: … marker, dLbls, xVal, yVal, smooth, extLst.
  expect(childOrder(`<c:ser>${points}`, "ser").slice(4)).toEqual([
    "c:marker",
    "c:dLbls",
    "c:xVal",
    "c:yVal",
    "c:smooth",
    "c:extLst",
  ]);
  // The quadrant lines have no labels; both value axes are titled and fixed at 1–5.
  expect(
    sc
      .split("<c:ser>")
      .slice(2)
      .some((s) => s.includes("<c:dLbls>")),
  ).toBe(false);
  expect((sc.match(/<c:max val="5"\/><c:min val="1"\/>/g) ?? []).length).toBe(2);
  expect(sc).toMatch(/<a:t>可行性（1–5）<\/a:t>/);
  expect(sc).toMatch(/<a:t>财务效益（1–5）<\/a:t>/);
});

test("the pies: each slice's share to one decimal, best fit; the competition chart's scores above the columns", () => {
  for (const pie of parts.slice(1, 4)) {
    expect(pie).toMatch(
      /<c:dLbls><c:numFmt formatCode="0\.0%" sourceLinked="0"\/><c:dLblPos val="bestFit"\/><c:showLegendKey val="0"\/><c:showVal val="0"\/><c:showCatName val="0"\/><c:showSerName val="0"\/><c:showPercent val="1"\/>/,
    );
  }
  expect((parts[4].match(/<c:dLblPos val="outEnd"\/>/g) ?? []).length).toBe(3);
});
