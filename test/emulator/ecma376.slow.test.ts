/**
 * ECMA-376 schemas (by xmllint) on every workbook the product writes: the sample in both languages
 * with the portfolio, the hostile corpus, a 100,000-row table (ecma376.test.ts has the checker
 * itself and the charts).
 */
import { unzipSync, strFromU8 } from "fflate";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generate } from "../../src/excel/pipeline";
import { HOSTILE, hostileWorkbook } from "../fixtures/hostile";
import { revenueTable } from "../../bench/revenue-data";
import { revenueWorkbook } from "../../bench/workbook";
import { checkPackage, checkPackages } from "../helpers/ooxml";
import { emulatorRun, sampleEmulator } from "../helpers/workbook";

test("the sample in both languages, with the portfolio: every part valid", async () => {
  const files: { file: Uint8Array; label: string }[] = [];
  for (const lang of ["zh", "en"] as const) {
    const { emu, run } = await sampleEmulator(lang);
    files.push({ file: await exportXlsx(emu.model), label: `sample-${lang}` });
    const res = await generate(run, { steps: ["portfolio"] });
    expect(res.figures.portfolio!.accounts.length).toBe(36);
    files.push({ file: await exportXlsx(emu.model), label: `sample-${lang}+portfolio` });
    // Every large-table path taken: the accounts' and the other tables' rows in bulk (xlsx-bulk.ts tablePlans).
    files.push({ file: await exportXlsx(emu.model, { bulkMinCells: 1 }), label: `sample-${lang}+portfolio, bulk` });
  }
  expect(files.length).toBe(6);
  const reports = checkPackages(files);
  expect(reports.flatMap((r) => r.problems)).toEqual([]);
  // Generate all writes the overview, six step sheets and the inputs; the portfolio adds one sheet and its table.
  const zh = reports[0];
  const zhp = reports[1];
  expect(zh.validated["dml-chart.xsd"]).toBe(7);
  expect([...zhp.parts.values()].filter((t) => t.endsWith("worksheet+xml")).length).toBe(
    [...zh.parts.values()].filter((t) => t.endsWith("worksheet+xml")).length + 1,
  );
  expect(zhp.validated["dml-chart.xsd"]).toBe(8);
}, 240_000);

test("the hostile corpus: every workbook generated from it writes valid parts", async () => {
  const cases = HOSTILE.filter((c) => !c.parseOnly && "total" in c.expect);
  expect(cases.length).toBeGreaterThanOrEqual(20);
  const files: { file: Uint8Array; label: string }[] = [];
  for (const c of cases) {
    const emu = await hostileWorkbook(c);
    await generate(emulatorRun(emu), {
      steps: ["industry", "competition"],
      settings: { period: "2002-Q4", compare: "2002-Q3", lang: "en-US" },
    });
    files.push({ file: await exportXlsx(emu.model), label: c.name });
  }
  const reports = checkPackages(files);
  expect(reports.length).toBe(cases.length);
  expect(reports.flatMap((r) => r.problems)).toEqual([]);
  expect(reports.every((r) => r.validated["sml.xsd"] >= 5)).toBe(true);
}, 240_000);

test("a 100,000-row revenue table written in bulk (the export's large-table path): every part valid", async () => {
  const values = revenueTable(100_000);
  const emu = await revenueWorkbook(values);
  const file = await exportXlsx(emu.model);
  const parts = unzipSync(file);
  const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const revenue = sheets.find((n) => strFromU8(parts[n]).includes('<row r="100000"'))!;
  // The bulk writer wrote it: inline strings, every data row.
  expect(strFromU8(parts[revenue]).match(/t="inlineStr"/g)!.length).toBeGreaterThan(99_999 * 3);
  const r = checkPackage(file, "100k");
  expect(r.problems).toEqual([]);
  // The revenue and site sheets, the workbook, styles, shared strings and the two tables.
  expect(sheets.length).toBe(2);
  expect(r.validated["sml.xsd"]).toBe(7);
}, 300_000);
