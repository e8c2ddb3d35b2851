/**
 * A sync failing at each point of Generate, one run a point (failure.test.ts has a failed Refresh).
 */
import { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import { sampleRevenueValues } from "../../src/sample/workbook";
import { parseCsv } from "../../src/sample/csv";
import { emulatorRun, sampleFiles } from "../helpers/workbook";

/** The sample's revenue and site tables only, as an analyst's workbook before the first Generate. */
async function dataOnly() {
  const files = sampleFiles();
  const values = sampleRevenueValues(files, "zh");
  const sites = parseCsv(files["sites.csv"]).filter((r) => r.some((c) => c !== ""));
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("收入");
    ws.getRange(`A1:G${values.length}`).values = values;
    ws.tables.add(`A1:G${values.length}`, true).name = "Revenue";
    const ss = context.workbook.worksheets.add("站点");
    ss.getRange(`A1:G${sites.length}`).values = sites.map((r) => [...r, ...Array(7 - r.length).fill("")]);
    ss.tables.add(`A1:G${sites.length}`, true).name = "Sites";
    await context.sync();
  });
  return emu;
}

function state(emu: ExcelEmulator): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const s of emu.model.sheets) {
    const used = emu.model.usedRect(s);
    out[s.name] = used ? emu.model.values(s, used) : [];
  }
  return out;
}

const SETTINGS = { focus: "110", period: "2002-Q4", compare: "2002-Q3", ourOperator: "电信" };
const TODAY = 37680;

test("a sync failing anywhere in Generate leaves each sheet as it was or complete, and a retry succeeds", async () => {
  const ref = await dataOnly();
  const before = ref.totalSyncs;
  await generate(emulatorRun(ref), { settings: SETTINGS, today: TODAY });
  const total = ref.totalSyncs - before;
  const complete = state(ref);
  // 3 reads and one write per sheet (7), plus syncs that carry nothing: every one of them fails in turn below.
  expect(total).toBeGreaterThanOrEqual(10);
  let failures = 0;
  for (let n = 1; n <= total; n++) {
    const emu = await dataOnly();
    const user = state(emu);
    emu.failAtSync(n);
    const err = await generate(emulatorRun(emu), { settings: SETTINGS, today: TODAY }).catch((e: Error) => e);
    emu.failAtSync(undefined);
    if (err instanceof Error) failures++;
    const now = state(emu);
    // The user's sheets are untouched; every sheet of ours is either absent or complete.
    for (const name of Object.keys(user)) expect(now[name]).toEqual(user[name]);
    for (const name of Object.keys(now)) {
      if (name in user) continue;
      expect(Object.keys(complete)).toContain(name);
      expect([n, name, now[name]]).toEqual([n, name, complete[name]]);
    }
    // Retrying finishes the job: the same sheets, the same figures, no "(2)" copies.
    const res = await generate(emulatorRun(emu), { settings: SETTINGS, today: TODAY });
    expect(Math.abs(res.figures.total - 25_600_000)).toBeLessThan(1);
    expect(state(emu)).toEqual(complete);
  }
  expect(failures).toBe(total);
}, 120_000);
