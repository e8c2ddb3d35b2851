/**
 * Large plain sheets written straight into their sheet part (src/emulator/xlsx-bulk.ts): the file
 * reads back cell for cell as the one ExcelJS writes alone — values, text kept text, number
 * formats, the revenue table's full ref — and LibreOffice computes every formula of it as the
 * emulator does.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { bulkPlan } from "../../src/emulator/xlsx-bulk";
import { generate } from "../../src/excel/pipeline";
import { revenueTable } from "../../bench/revenue-data";
import { revenueWorkbook } from "../../bench/workbook";
import { compareFormulaCells, recalcWithLibreOffice } from "../helpers/libreoffice";
import { emulatorRun, sampleFiles } from "../helpers/workbook";
import { ExcelEmulator } from "../../src/emulator";
import { vectorConfig, vectorsOf } from "../../src/emulator/vector";
import { sampleInputs } from "../../src/sample/workbook";

/** The sample's steps over the run's revenue rows, then the portfolio. */
async function sampleWithPortfolio(run: ReturnType<typeof emulatorRun>): Promise<void> {
  await generate(run, {
    settings: { period: "2002-Q4", compare: "2002-Q3", focus: "110", ourOperator: "电信", sample: true },
    seedInputs: sampleInputs(sampleFiles(), "zh"),
  });
  await generate(run, { steps: ["portfolio"] });
}

/**
 * The sample's 558 revenue rows — as a plain range, in an Excel table named Revenue, or in that
 * table with the amounts as text ("28,120.83 元", read through the normalised copy) — with the
 * sample's steps and the portfolio over them (columns of 100 rows or more held as one).
 */
async function portfolioOver(route: "range" | "table" | "copy"): Promise<{ emu: ExcelEmulator; values: unknown[][] }> {
  const saved = vectorConfig.minRows;
  vectorConfig.minRows = 100;
  const emu = new ExcelEmulator();
  const values = revenueTable(558);
  if (route === "copy") for (const row of values.slice(1)) row[6] = `${Number(row[6]).toLocaleString("en-US")} 元`;
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("收入");
    ws.getRangeByIndexes(0, 0, values.length, 7).values = values;
    if (route !== "range") ws.tables.add(`A1:G${values.length}`, true).name = "Revenue";
    await context.sync();
  });
  try {
    await sampleWithPortfolio(emulatorRun(emu));
  } finally {
    vectorConfig.minRows = saved;
  }
  return { emu, values };
}

/** LibreOffice computes every formula cell of the file (more than 1,000) as the emulator does. */
async function expectLibreOfficeAgrees(emu: ExcelEmulator, file: Uint8Array): Promise<void> {
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.load(recalcWithLibreOffice(file) as unknown as ArrayBuffer);
  const { compared, differences } = compareFormulaCells(emu.model, lo);
  expect(compared).toBeGreaterThan(1000);
  expect(differences).toEqual([]);
}

/** The part of a file that holds shared formulas, and the ranges of its groups numbered 0. */
async function sharedPart(file: Uint8Array): Promise<{ xml: string; masters: string[] }> {
  const zip = await JSZip.loadAsync(file);
  const parts = [...Object.keys(zip.files)].filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  const xml = (await Promise.all(parts.map((f) => zip.file(f)!.async("string")))).find((x) =>
    x.includes('t="shared"'),
  )!;
  const masters = [...xml.matchAll(/<f t="shared" ref="([A-Z]+\d+:[A-Z]+\d+)" si="0">/g)].map((m) => m[1]);
  return { xml, masters };
}

test("a 3,000-row revenue table written in bulk reads back as ExcelJS writes it, and LibreOffice agrees", async () => {
  const values = revenueTable(3000);
  // A value with spaces around it (kept as typed: xml:space="preserve").
  values[6][2] = "  客户 with spaces ";
  const emu = await revenueWorkbook(values);
  const run = emulatorRun(emu);
  await generate(run, {
    settings: { period: "2002-Q4", compare: "2002-Q3", focus: "110", ourOperator: "电信", sample: true },
    seedInputs: sampleInputs(sampleFiles(), "zh"),
  });
  const revenue = emu.model.sheetByName("收入")!;
  const tables = emu.model.tables.filter((t) => t.sheetId === revenue.id);
  // The revenue sheet qualifies: its template is the first data row, the bulk runs to row 3,001.
  const plan = bulkPlan(revenue, emu.model.usedRect(revenue), tables, 1)!;
  expect([plan.template, plan.last, plan.c0, plan.c1]).toEqual([1, 3000, 0, 6]);
  // A generated sheet: no bulk row above its last formula.
  const industry = emu.model.sheetByName("1 行业分析")!;
  const lastFormulaRow = Math.max(...[...industry.formulas.keys()].map((k) => Math.floor(k / 16384)));
  const ip = bulkPlan(industry, emu.model.usedRect(industry), [], 1);
  expect(ip === null || ip.template > lastFormulaRow).toBe(true);

  const bulk = await exportXlsx(emu.model, { bulkMinCells: 1 });
  const plain = await exportXlsx(emu.model, { bulkMinCells: Number.POSITIVE_INFINITY });
  // The bulk file's revenue part holds the rows below the template as written here (inline strings).
  const zip = await JSZip.loadAsync(bulk);
  const parts = [...Object.keys(zip.files)].filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  const xmls = await Promise.all(parts.map((f) => zip.file(f)!.async("string")));
  const revenuePart = xmls.find((x) => x.includes('<row r="3001">'))!;
  expect(revenuePart.match(/t="inlineStr"/g)!.length).toBeGreaterThan(2999 * 3);
  const a = await importXlsx(bulk);
  const b = await importXlsx(plain);
  for (const sheet of b.sheets) {
    const other = a.sheetByName(sheet.name)!;
    const used = b.usedRect(sheet);
    expect(a.usedRect(other)).toEqual(used);
    if (!used) continue;
    expect(a.values(other, used)).toEqual(b.values(sheet, used));
    for (let r = used.r0; r <= used.r1; r += 97)
      for (let c = used.c0; c <= used.c1; c++)
        expect([sheet.name, r, c, a.numberFormat(other, r, c)]).toEqual([
          sheet.name,
          r,
          c,
          b.numberFormat(sheet, r, c),
        ]);
  }
  // Each cell with its own number format (as a file's dates are read): still bulk while uniform.
  const again = b.sheetByName("收入")!;
  for (let r = 1; r <= 3000; r++) again.numberFormats.set(r * 16384 + 6, "#,##0.00");
  const rtables = b.tables.filter((t) => t.sheetId === again.id);
  expect(bulkPlan(again, b.usedRect(again), rtables, 1)?.template).toBe(1);
  // One odd format in the middle: the bulk starts below it.
  again.numberFormats.set(2000 * 16384 + 6, "0.0");
  expect(bulkPlan(again, b.usedRect(again), rtables, 1)?.template).toBe(2001);
  const back = a.sheetByName("收入")!;
  expect(a.value(back, 6, 2)).toBe("  客户 with spaces ");
  expect(a.tables.find((t) => t.name === "Revenue")!.rect).toEqual({ r0: 0, c0: 0, r1: 3000, c1: 6 });

  // LibreOffice opens the bulk file, recalculates every formula, and agrees with the emulator.
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.load(recalcWithLibreOffice(bulk) as unknown as ArrayBuffer);
  const { compared, differences } = compareFormulaCells(emu.model, lo);
  expect(compared).toBeGreaterThan(800);
  expect(differences).toEqual([]);
  // It reads the table's rows too: the last row's amount.
  expect(lo.getWorksheet("收入")!.getCell("G3001").value).toBe(values[3000][6]);
}, 180_000);

test("the portfolio's copy, held as one, is written as shared formulas: it reads back the same, and LibreOffice agrees", async () => {
  // The revenue rows as a plain range (as a CSV file saved by another application): the copy
  // reads them through the workbook's names, which a shared formula may carry.
  const { emu } = await portfolioOver("range");
  const pf = emu.model.sheetByName("7 客户组合")!;
  const held = [...vectorsOf(emu.model.hf).values()].filter((v) => v.sheet === pf.hfId);
  const columns = held.filter((v) => v.shapeOf === null);
  expect(columns.length).toBe(1);
  // The sums on the copy's rows (AT, AU, AV: a customer's and a service's on their last row) are
  // held as one too, the rows between them empty; the file holds each one's own formula.
  expect(
    held
      .filter((v) => v.shapeOf !== null)
      .map((v) => v.rect.c0)
      .sort((a, b) => a - b),
  ).toEqual([45, 46, 47]);
  const file = await exportXlsx(emu.model, { bulkMinCells: 1 });
  const { xml, masters } = await sharedPart(file);
  // One group: the copy's rows below its first (the template, which ExcelJS writes with its own text).
  const { rect } = columns[0];
  expect(masters).toEqual([`AS${rect.r0 + 2}:AS${rect.r1 + 1}`]);
  expect(xml.match(/<f t="shared" si="0"\/>/g)!.length).toBe(rect.r1 - rect.r0 - 1);
  // Read back: every formula and value of the sheet as written.
  const again = await importXlsx(file);
  const used = emu.model.usedRect(pf)!;
  const back = again.sheetByName(pf.name)!;
  expect(again.formulas(back, used)).toEqual(emu.model.formulas(pf, used));
  expect(again.values(back, used)).toEqual(emu.model.values(pf, used));
  await expectLibreOfficeAgrees(emu, file);
}, 180_000);

test.each(["table", "copy"] as const)(
  "over an Excel table (%s) the copy reads the table's columns through names: written as shared formulas, the names in the file, read back the same, and LibreOffice agrees",
  async (route) => {
    const { emu, values } = await portfolioOver(route);
    // The route's names over the table's columns (routes.ts), as Excel holds a name over a column:
    // the analyst's table, or the normalised copy's (its columns named by field).
    const header = values[0] as string[];
    const names = Object.fromEntries([...emu.model.names.values()].map((n) => [n.name, n.formula]));
    const column = (i: number, field: string) =>
      route === "table" ? `Revenue[${header[i]}]` : `SixStepData[${field}]`;
    expect(names.SixStep_customerId).toBe(`=${column(1, "customerId")}`);
    expect(names.SixStep_amount).toBe(`=${column(6, "amount")}`);
    const pf = emu.model.sheetByName("7 客户组合")!;
    // The status line counts the rows where the copy reads them (a later run may point the names
    // at another source).
    const counts = [...pf.formulas.values()].filter((f) => f.includes("ROWS(SixStep") || f.includes("ROWS(Revenue"));
    expect(counts.length).toBe(1);
    expect(counts[0]).toContain("ROWS(SixStep_amount)<>558");
    const columns = [...vectorsOf(emu.model.hf).values()].filter((v) => v.sheet === pf.hfId && v.shapeOf === null);
    expect(columns.length).toBe(1);
    const { rect } = columns[0];
    expect(emu.model.formula(pf, rect.r0, rect.c0)).toBe(
      `=IF(AND(INDEX(SixStep_customerId,AO${rect.r0 + 1})&""=AP${rect.r0 + 1}&"",INDEX(SixStep_service,AO${rect.r0 + 1})&""=AQ${rect.r0 + 1}&"",INDEX(SixStep_period,AO${rect.r0 + 1})=AR${rect.r0 + 1}),N(INDEX(SixStep_amount,AO${rect.r0 + 1})),NA())`,
    );
    const file = await exportXlsx(emu.model, { bulkMinCells: 1 });
    const workbookXml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toContain(`<definedName name="SixStep_amount">${column(6, "amount")}</definedName>`);
    const { xml, masters } = await sharedPart(file);
    expect(masters).toEqual([`AS${rect.r0 + 2}:AS${rect.r1 + 1}`]);
    expect(xml.match(/<f t="shared" si="0"\/>/g)!.length).toBe(rect.r1 - rect.r0 - 1);
    // Read back: the names (from the file's own part: ExcelJS reads range names only), and every
    // formula and value of the sheet as written.
    const again = await importXlsx(file);
    expect(again.names.get("sixstep_amount")?.formula).toBe(names.SixStep_amount);
    const used = emu.model.usedRect(pf)!;
    const back = again.sheetByName(pf.name)!;
    expect(again.formulas(back, used)).toEqual(emu.model.formulas(pf, used));
    expect(again.values(back, used)).toEqual(emu.model.values(pf, used));
    // Ping An (110): its Q4-2002 average (I) by hand, 28,120.83 + 3,918.55 + 3,784.30 + 28,184.12 = 64,007.80 a month.
    const keys = again.values(back, { ...used, c0: 0, c1: 0 }).map((r) => String(r[0]));
    const pingAn = keys.indexOf("110");
    expect(pingAn).toBeGreaterThan(0);
    expect(again.value(back, used.r0 + pingAn, 8)).toBeCloseTo(64_007.8, 2);
    await expectLibreOfficeAgrees(emu, file);
  },
  180_000,
);

test("the portfolio's account columns, each held as one in the accounts' table, give what their cells give, and LibreOffice agrees", async () => {
  /** The portfolio over 558 revenue rows with the threshold at `minRows` (36 accounts: 30 holds their columns as one). */
  async function portfolio(minRows: number) {
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = minRows;
    const emu = await revenueWorkbook(revenueTable(558));
    const run = emulatorRun(emu);
    try {
      await sampleWithPortfolio(run);
      const pf = emu.model.sheetByName("7 客户组合")!;
      // Read while the threshold holds: a recalculation may let a column go (a cycle), never make one.
      const used = emu.model.usedRect(pf)!;
      const values = emu.model.values(pf, used);
      const columns = [...vectorsOf(emu.model.hf).values()].filter((v) => v.sheet === pf.hfId);
      return { emu, pf, used, values, columns };
    } finally {
      vectorConfig.minRows = saved;
    }
  }
  const one = await portfolio(30);
  const cells = await portfolio(Number.POSITIVE_INFINITY);
  expect(cells.columns.length).toBe(0);
  // The accounts' rows (13…48): K, N, P, Q, R, S, T, U, AI, AJ, AW and BA, each one formula in R1C1.
  const accountColumns = one.columns.filter((v) => v.rect.r0 === 12).map((v) => v.rect.c0);
  expect(accountColumns.sort((a, b) => a - b)).toEqual([10, 13, 15, 16, 17, 18, 19, 20, 34, 35, 48, 52]);
  // Each to the last account's row (row 48), BA to the last ranked one (35 of the 36 are ranked).
  for (const v of one.columns.filter((x) => x.rect.r0 === 12))
    expect([v.rect.c0, v.rect.r1]).toEqual([v.rect.c0, v.rect.c0 === 52 ? 46 : 47]);
  expect(one.used).toEqual(cells.used);
  expect(one.values).toEqual(cells.values);
  expect(one.emu.model.formulas(one.pf, one.used)).toEqual(cells.emu.model.formulas(cells.pf, cells.used));
  // LibreOffice computes every formula cell of the file as the emulator does.
  const file = await exportXlsx(one.emu.model);
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.load(recalcWithLibreOffice(file) as unknown as ArrayBuffer);
  const { compared, differences } = compareFormulaCells(one.emu.model, lo);
  expect(compared).toBeGreaterThan(1000);
  expect(differences).toEqual([]);
}, 180_000);
