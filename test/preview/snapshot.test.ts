import { ExcelEmulator } from "../../src/emulator";
import { chartSeries } from "../../src/preview/charts";
import { isLockedCell } from "../../src/preview/entry";
import { cellLooks, formulaBarText, sheetAxes } from "../../src/preview/grid";
import {
  decodeSnapshot,
  encodeSnapshot,
  snapshotDifferences,
  SnapshotModel,
  SnapshotWorkbook,
  splitSnapshot,
  takeSnapshot,
} from "../../src/preview/snapshot";
import { sampleEmulator } from "../helpers/workbook";

jest.setTimeout(120_000);

// The preview draws the sample from a snapshot taken at build time (scripts/sample-snapshot.ts)
// until the live emulator is built: what it draws must be what the live workbook draws.
describe.each(["zh", "en"] as const)("the sample's snapshot (%s)", (lang) => {
  let live: ExcelEmulator;
  let snap: SnapshotModel;
  beforeAll(async () => {
    live = (await sampleEmulator(lang)).emu;
    // Through its two parts' texts, as the page receives them.
    const { first, rest } = splitSnapshot(takeSnapshot(live.model));
    snap = new SnapshotModel(decodeSnapshot(encodeSnapshot(first)));
    expect(snap.complete).toBe(false);
    snap.addSheets(decodeSnapshot(encodeSnapshot(rest)));
    expect(snap.complete).toBe(true);
  });

  test("has the live workbook's sheets, active sheet and cells", () => {
    expect(snap.sheets.map((s) => [s.id, s.name, s.visibility])).toEqual(
      live.model.sheets.map((s) => [s.id, s.name, s.visibility]),
    );
    expect(snap.activeSheetId).toBe(live.model.activeSheetId);
    expect(snapshotDifferences(snap, live.model)).toEqual([]);
  });

  test("draws every sheet as the live workbook does: cells, formats, rules, formula bar, charts", () => {
    for (const [i, s] of snap.sheets.entries()) {
      const l = live.model.sheets[i];
      const axes = sheetAxes(snap, s);
      expect(axes).toEqual(sheetAxes(live.model, l));
      const drawn = (x: typeof s) => [
        x.columnWidths,
        x.hiddenColumns,
        x.rowHeights,
        x.merges,
        x.freeze,
        x.protection,
        x.tabColor,
        x.charts,
        x.shapes,
        x.validations,
        x.conditionalFormats,
      ];
      expect(drawn(s)).toEqual(drawn(l));
      const area = { r0: 0, c0: 0, r1: axes.rows.offsets.length - 2, c1: axes.cols.offsets.length - 2 };
      expect(cellLooks(snap, s, area)).toEqual(cellLooks(live.model, l, area));
      for (let r = area.r0; r <= area.r1; r++)
        for (let c = area.c0; c <= area.c1; c++) {
          if (formulaBarText(snap, s, r, c) !== formulaBarText(live.model, l, r, c))
            throw new Error(`${s.name} R${r + 1}C${c + 1}: formula bar differs`);
          if (isLockedCell(snap, s, r, c) !== isLockedCell(live.model, l, r, c))
            throw new Error(`${s.name} R${r + 1}C${c + 1}: locked differs`);
        }
      for (const [k, chart] of s.charts.entries())
        expect(chartSeries(snap, chart)).toEqual(chartSeries(live.model, l.charts[k]));
    }
  });
});

test("a change made to the snapshot's workbook waits for the live emulator and is applied there", async () => {
  const live = (await sampleEmulator("en")).emu;
  let ready: (e: ExcelEmulator) => void = () => undefined;
  const shown = new SnapshotWorkbook(takeSnapshot(live.model), new Promise<ExcelEmulator>((r) => (ready = r)));
  let done = false;
  const write = shown
    .run(async (context) => {
      context.workbook.worksheets.getItem("Revenue").getRange("K1").values = [["typed early"]];
      await context.sync();
    })
    .then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(done).toBe(false);
  ready(live);
  await write;
  expect(live.model.value(live.model.sheetByName("Revenue")!, 0, 10)).toBe("typed early");
});
