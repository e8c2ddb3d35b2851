/**
 * A block too large for one request (the portfolio's accounts at a branch's scale: 23,811 accounts
 * made a 50 MB batch, refused as Excel on the web refuses a payload over 5 MB) is written after the
 * sheet's batch in row chunks, each under the cap, after the bulk block (the accounts' sums then find
 * the rows they read in place), the completion cell with its last chunk; a small block that reads the
 * bulk rides in the bulk's last request.
 */
import { ExcelEmulator } from "../../src/emulator";
import { applyPlan } from "../../src/excel/writer";
import { BULK_CHUNK_BYTES } from "../../src/excel/request-size";
import type { ExcelRun } from "../../src/excel/run";
import type { SheetPlan } from "../../src/layout/plan";

const ROWS = 60_000;

function plan(): SheetPlan {
  // Each row: a key, a text of 40 characters and a formula over both (~95 bytes a row, 5.7 MB in all: over the cap in one request).
  const cells = Array.from({ length: ROWS }, (_, i) => [
    `K${i}`,
    `客户${String(i).padStart(36, "0")}`,
    { f: `=IF(LEN(B${i + 3})>0,ROW()*2+LEN(A${i + 3}),NA())` },
  ]);
  return {
    name: "Large",
    step: "portfolio",
    blocks: [
      { at: "A1", cells: [["Accounts"]], style: { bold: true } },
      { at: "A3", cells, numberFormat: Array.from({ length: ROWS }, () => ["@", "@", "0"]) },
    ],
    bulk: { at: "E3", cells: [[1], [2]], done: { at: "G1", value: 2 } },
  };
}

test("a block over half the request cap is written in chunks, every cell, after the bulk; the completion cell comes last", async () => {
  const emu = new ExcelEmulator();
  const run: ExcelRun = (o, b) => emu.run(o, b);
  const p = plan();
  const bytes = p.blocks[1].cells.reduce(
    (n, r) => n + r.reduce((m: number, c) => m + String(typeof c === "object" && c ? c.f : c).length + 3, 0),
    0,
  );
  expect(bytes).toBeGreaterThan(5 * 1024 * 1024);
  expect(BULK_CHUNK_BYTES).toBeLessThan(5 * 1024 * 1024);
  const res = await applyPlan(run, p);
  expect(res.sheetName).toBe("Large");
  const sheet = emu.model.sheetByName("Large")!;
  // Every row, first and last and one between, as written: the text kept as text, the formula computed.
  for (const i of [0, 12_345, ROWS - 1]) {
    expect(emu.model.value(sheet, i + 2, 0)).toBe(`K${i}`);
    expect(emu.model.formula(sheet, i + 2, 2)).toBe(`=IF(LEN(B${i + 3})>0,ROW()*2+LEN(A${i + 3}),NA())`);
    expect(emu.model.value(sheet, i + 2, 2)).toBe((i + 3) * 2 + `K${i}`.length);
    expect(emu.model.numberFormat(sheet, i + 2, 1)).toBe("@");
  }
  expect(emu.model.value(sheet, 0, 6)).toBe(2);
  expect(emu.model.value(sheet, 3, 4)).toBe(2);
  // More than the one batch: the large block went in chunks, each under the cap.
  const stats = emu.runs.at(-1)!;
  expect(stats.syncs.length).toBeGreaterThan(3);
  expect(stats.syncs.reduce((m, s) => Math.max(m, s.requestBytes), 0)).toBeLessThan(5 * 1024 * 1024);
  // The run stopped at its last write: every row but the last chunk's is there, and the
  // completion cell is not (the sheet never looks complete with rows missing).
  const stopped = new ExcelEmulator();
  const all = emu.runs.flatMap((r) => r.syncs);
  stopped.failAtSync(all.map((x) => !x.readOnly).lastIndexOf(true) + 1);
  await expect(applyPlan((o, b) => stopped.run(o, b), plan())).rejects.toThrow("injected failure at sync");
  const part = stopped.model.sheetByName("Large")!;
  expect(stopped.model.value(part, 2, 0)).toBe("K0");
  expect(stopped.model.value(part, 3, 4)).toBe(2);
  expect(stopped.model.value(part, 0, 6)).toBe("");
});

test("a small block that reads the bulk is written with the bulk's last chunk: no request of its own", async () => {
  const syncsOf = async (p: SheetPlan) => {
    const emu = new ExcelEmulator();
    await applyPlan((o, b) => emu.run(o, b), p);
    return { emu, syncs: emu.runs.at(-1)!.syncs.length };
  };
  const without = await syncsOf(plan());
  const p = plan();
  p.blocks.push({ at: "F1", cells: [[{ f: "=SUM(E3:E4)" }]], afterBulk: true });
  const withIt = await syncsOf(p);
  expect(withIt.syncs).toBe(without.syncs);
  // By hand: the bulk's 1 and 2.
  expect(withIt.emu.model.value(withIt.emu.model.sheetByName("Large")!, 0, 5)).toBe(3);
});

test("a block that reads the large block's rows is written after them, with the completion cell", async () => {
  const withReader = () => {
    const p = plan();
    p.blocks.push({ at: "H1", cells: [[{ f: "=COUNT(C3:C60002)" }]], afterRows: true });
    return p;
  };
  const emu = new ExcelEmulator();
  await applyPlan((o, b) => emu.run(o, b), withReader());
  const sheet = emu.model.sheetByName("Large")!;
  // By hand: every row's formula gives a number.
  expect(emu.model.value(sheet, 0, 7)).toBe(ROWS);
  // Stopped at its last write: the large block's last row is there, the block reading it is not.
  const stopped = new ExcelEmulator();
  const all = emu.runs.flatMap((r) => r.syncs);
  stopped.failAtSync(all.map((x) => !x.readOnly).lastIndexOf(true) + 1);
  await expect(applyPlan((o, b) => stopped.run(o, b), withReader())).rejects.toThrow("injected failure at sync");
  const part = stopped.model.sheetByName("Large")!;
  expect(stopped.model.value(part, ROWS + 1, 0)).toBe(`K${ROWS - 1}`);
  expect(stopped.model.formula(part, 0, 7)).toBe("");
  expect(stopped.model.value(part, 0, 6)).toBe("");
});
