import { fingerprint, fingerprintable, inputsFilled, readStatus, stepStatuses } from "../../src/excel/status";
import { readSnapshot } from "../../src/excel/read";
import { MAIN_INPUT_TABLE, STEP_IDS as AVAILABLE_STEPS } from "../../src/steps/meta";
import { columnOf, sampleEmulator } from "../helpers/workbook";

test("inputs filled counts the keyed rows' cells, skipping optional columns", () => {
  const rows = [
    ["a", 1, null, "x"],
    ["b", "", 2, null],
    [null, null, null, null], // a spare row: not counted
  ];
  // 5 filled cells of 2 keyed rows × 4 columns.
  expect(inputsFilled(rows, 1)).toBeCloseTo(5 / 8, 12);
  // Column 3 optional: 4 filled ("x" skipped) of 2 × 3.
  expect(inputsFilled(rows, 1, [3])).toBeCloseTo(4 / 6, 12);
  expect(inputsFilled([[null, null]], 1)).toBe(0);
  expect(inputsFilled([[1, 2]], 0)).toBe(1);
});

test("the fingerprint changes with any cell and not otherwise", () => {
  const a = [
    ["Month", "Amount"],
    [37530, 100],
  ];
  expect(fingerprint(a)).toBe(fingerprint(a.map((r) => [...r])));
  expect(fingerprint(a)).not.toBe(
    fingerprint([
      ["Month", "Amount"],
      [37530, 101],
    ]),
  );
  // Cell boundaries count: ["ab", ""] is not ["a", "b"].
  expect(fingerprint([["ab", ""]])).not.toBe(fingerprint([["a", "b"]]));
  expect(fingerprint(a)).toMatch(/^2:[0-9a-f]{8}$/);
  // Up to 100,000 cells (14,285 rows × 7 = 99,995); one row more is compared by address only.
  expect(fingerprintable(14_285, 7)).toBe(true);
  expect(fingerprintable(14_286, 7)).toBe(false);
});

test("the sample's statuses: every step generated with its inputs full, an edited amount puts every step out of date", async () => {
  const { emu, run, result } = await sampleEmulator("en");
  const statuses = () =>
    run({}, async (context) => {
      const snap = await readSnapshot(context, {});
      return stepStatuses(snap, AVAILABLE_STEPS, await readStatus(context, snap, MAIN_INPUT_TABLE));
    });
  const before = await statuses();
  expect(before.industry).toEqual({ status: "generated", filled: 1 });
  // The phase override of the solutions is optional: the sample's solutions are complete.
  expect(before.solutions).toEqual({ status: "generated", filled: 1 });
  // The after-sales table is the sample's (deck p.30–31's headings, illustrative hours): all 7 columns.
  expect(before.support).toEqual({ status: "generated", filled: 1 });
  expect(before.overview.status).toBe("generated");
  // The overview's own "inputs filled" formula agrees.
  const overview = emu.model.sheetByName("0 Overview")!;
  const filled = columnOf(result, "overview", "status.inputsFilled");
  const [r0, c0] = [filled.first - 1, filled.col];
  const col = emu.model.values(overview, { r0, c0, r1: r0 + 5, c1: c0 }).map((r) => r[0]);
  expect(col[3]).toBe(1); // 4 Solutions
  expect(col[4]).toBe(1); // 5 Support
  // An amount edited in place: same address, other cells.
  await emu.run(async (context) => {
    const body = context.workbook.tables.getItem("Revenue").getDataBodyRange();
    body.getCell(4, 6).values = [[12345]];
    await context.sync();
  });
  const after = await statuses();
  // Every sheet the sample has is out of date; the on-demand portfolio was never generated.
  for (const step of AVAILABLE_STEPS)
    expect([step, after[step].status]).toEqual([step, step === "portfolio" ? "notGenerated" : "outOfDate"]);
});

test("a source too large to fingerprint in one response falls back to the address, and statuses still come", async () => {
  const { ExcelEmulator } = await import("../../src/emulator");
  const emu = new ExcelEmulator();
  // 14,000 rows × 7 cells, customer names of 400 characters: ~5.7 MB, over Excel's 5 MB response.
  const name = "客".repeat(400);
  const rows = Array.from({ length: 14_000 }, (_, i) => [37530, String(i), name, "金融", "保险", "数据", 1]);
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Big");
    for (let r = 0; r < rows.length; r += 2_000) {
      ws.getRangeByIndexes(r + 1, 0, Math.min(2_000, rows.length - r), 7).values = rows.slice(r, r + 2_000);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    ws.getRange("A1:G1").values = [["月份", "客户编号", "客户名称", "行业", "细分行业", "业务", "收入(元)"]];
    ws.tables.add("A1:G14001", true).name = "Big";
    context.workbook.settings.add("sixstep.settings", {
      revenueTable: "Big",
      sourceAddress: "Big!A1:G14001",
      sourceHash: "14001:00000000",
    });
    await context.sync();
  });
  // Read whole, the table is over the cap (so readStatus's first sync fails)…
  await expect(
    emu.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Big").getRange("A1:G14001");
      range.load("values");
      await context.sync();
    }),
  ).rejects.toThrow(/response payload size has exceeded/);
  // …and readStatus answers without the fingerprint.
  const out = await emu.run(async (context) => {
    const snap = await readSnapshot(context, {});
    return readStatus(context, snap, MAIN_INPUT_TABLE);
  });
  expect(out.sourceHash).toBeUndefined();
  expect(out.filled).toEqual({});
});
