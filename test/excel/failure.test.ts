import { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import { sampleRevenueValues } from "../../src/sample/workbook";
import { parseCsv } from "../../src/sample/csv";
import { emulatorRun, sampleFiles, typeInto, rowWith, cell } from "../helpers/workbook";

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

test("a failed Refresh keeps the analyst's edits, and the retry keeps them too", async () => {
  const emu = await dataOnly();
  const run = emulatorRun(emu);
  const result = await generate(run, { settings: SETTINGS, today: TODAY });
  const row = rowWith(emu, result, "competition", "ratings.operator", "网通");
  await typeInto(emu, "2 竞争分析", `C${row}:H${row}`, [[5, 5, 5, 5, 5, 5]]);
  const edited = state(emu);
  const start = emu.totalSyncs;
  await generate(run, { today: TODAY });
  const perRefresh = emu.totalSyncs - start;
  for (const n of [1, 2, 5, Math.floor(perRefresh / 2), perRefresh - 1]) {
    emu.failAtSync(n);
    await expect(generate(run, { today: TODAY })).rejects.toThrow();
    emu.failAtSync(undefined);
    expect(cell(emu, "2 竞争分析", `C${row}`)).toBe(5);
    expect(Object.keys(state(emu))).toEqual(Object.keys(edited));
  }
  await generate(run, { today: TODAY });
  expect([cell(emu, "2 竞争分析", `C${row}`), cell(emu, "2 竞争分析", `H${row}`)]).toEqual([5, 5]);
}, 120_000);
