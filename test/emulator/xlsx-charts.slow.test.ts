/**
 * Native charts in every .xlsx we write: the chart parts generated from the recorded charts are
 * valid DrawingML that LibreOffice reads back (it writes them again on its own save), with the
 * same types and series references.
 */
import JSZip from "jszip";
import { exportXlsx } from "../../src/emulator/xlsx";
import { recalcWithLibreOffice } from "../helpers/libreoffice";
import { sampleEmulator } from "../helpers/workbook";

async function chartParts(xlsx: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const names = Object.keys(zip.files)
    .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
    .sort();
  return Promise.all(names.map((n) => zip.file(n)!.async("string")));
}

test("the sample's seven charts are in the file, and LibreOffice reads them back", async () => {
  const { emu } = await sampleEmulator("zh");
  const recorded = emu.model.sheets.flatMap((s) => s.charts.map((c) => `${s.name}:${c.type}`));
  expect(recorded).toEqual([
    "0 概览:ColumnStacked",
    "1 行业分析:Pie",
    "1 行业分析:Pie",
    "1 行业分析:Pie",
    "2 竞争分析:ColumnClustered",
    "4 方案分析:XYScatter",
    "4 方案分析:ColumnStacked",
  ]);
  const ours = await exportXlsx(emu.model);
  const written = await chartParts(ours);
  const kinds = ["barChart", "pieChart", "pieChart", "pieChart", "barChart", "scatterChart", "barChart"];
  expect(written.map((x) => /<c:(pieChart|barChart|scatterChart)>/.exec(x)?.[1])).toEqual(kinds);
  // The overview's bridge reads its hidden helper columns (L:P) and labels its bars.
  expect(written[0]).toMatch(/<c:f>'0 概览'!\$M\$4:\$M\$\d+<\/c:f>/);
  expect(written[0]).toMatch(/<c:showVal val="1"\/>/);
  // The composition pie reads the Industry sheet's shares by reference; the waterfall's base is invisible.
  expect(written[1]).toMatch(/<c:f>'1 行业分析'!\$B\$11:\$B\$\d+<\/c:f>/);
  expect(written[6]).toMatch(/<c:grouping val="stacked"\/>/);
  expect(written[6]).toMatch(/<a:noFill\/>/);
  // The quadrant lines: two extra series drawn as lines without markers.
  expect((written[5].match(/<c:symbol val="none"\/>/g) ?? []).length).toBe(2);
  // The focus customer's service mix and its share of 保险 (the deck's page 4).
  expect(written[2]).toMatch(/<c:f>'1 行业分析'!\$B\$25:\$B\$28<\/c:f>/); // 数据, 市话, 长话, 17909长话
  expect(written[3]).toMatch(/<c:f>'1 行业分析'!\$F\$31:\$F\$32<\/c:f>/); // Ping An, the rest of 保险
  const back = await chartParts(recalcWithLibreOffice(ours));
  expect(back.length).toBe(7);
  // What the charts say survives LibreOffice's own save: the waterfalls' bases stay out of the
  // legend, their bars keep their labels; the pies their shares; the scatter its labels from cells.
  for (const k of [0, 6]) {
    expect(back[k]).toMatch(/<c:legendEntry><c:idx val="0"\/><c:delete val="1"\/><\/c:legendEntry>/);
    expect((back[k].match(/<c:showVal val="1"\/>/g) ?? []).length).toBeGreaterThanOrEqual(3);
  }
  expect(back[3]).toMatch(/<c:showPercent val="1"\/>/);
  expect(back[5]).toMatch(/CELLRANGE/);
  expect(back.map((x) => /<c:(pieChart|barChart|scatterChart)>/.exec(x)?.[1])).toEqual(kinds);
}, 120_000);
