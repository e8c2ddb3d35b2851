/**
 * The normalised copy written again (text amounts: the formulas read `SixStepData` on the add-in's
 * data sheet). Its table is kept and resized (Table.resize, ExcelApi 1.13), so the sheets a run
 * does not rewrite keep reading it: converted to a range, Excel would rewrite their references to
 * the cells it covered (docs/excel-behaviour.md row 45). An older host converts and says so.
 */
import { generate } from "../../src/excel/pipeline";
import type { ExcelEmulator } from "../../src/emulator";
import { emulatorRun, generateSampleRoute } from "../helpers/workbook";

/** Every formula cell of the workbook: how many, and those showing an error. */
function formulaCells(emu: ExcelEmulator) {
  let count = 0;
  const errors: string[] = [];
  for (const s of emu.model.sheets)
    for (const key of s.formulas.keys()) {
      count++;
      const row = Math.floor(key / 16384);
      const col = key % 16384;
      const v = emu.model.value(s, row, col);
      if (typeof v === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(v) && v !== "#N/A")
        errors.push(`${s.name}!${row},${col}: ${v}`);
    }
  return { count, errors };
}

/** The cells of a sheet whose value is `cents` to the cent. */
function cellsAt(emu: ExcelEmulator, sheet: string, cents: number): string[] {
  const s = emu.model.sheetByName(sheet)!;
  const found: string[] = [];
  for (const key of s.formulas.keys()) {
    const v = emu.model.value(s, Math.floor(key / 16384), key % 16384);
    if (typeof v === "number" && Math.round(v * 100) === cents) found.push(String(key));
  }
  return found;
}

/** Adds a Ping An row (December 2002, 市话's service) of 300 元 to the English sample's Revenue table. */
async function addPingAnRow(emu: ExcelEmulator) {
  const sheet = emu.model.sheetByName("Revenue")!;
  const table = emu.model.tables.find((t) => t.name === "Revenue")!;
  const rows = emu.model.values(sheet, { ...table.rect, r0: table.rect.r0 + 1 });
  const pingAn = rows.find((r) => String(r[1]) === "110" && /2002-12|37591/.test(String(r[0])))!;
  expect(pingAn).toBeDefined();
  await emu.run(async (context) => {
    const row = [...pingAn.slice(0, 6), "300 元"] as (string | number | boolean)[];
    context.workbook.tables.getItem("Revenue").rows.add(undefined, [row]);
    await context.sync();
  });
}

describe("the normalised copy written again", () => {
  test("a run of the portfolio alone keeps the copy's table: the sheets it leaves read it still, and follow its new row", async () => {
    const { emu, kind } = await generateSampleRoute("copy");
    expect(kind).toBe("copy");
    const industry = "1 Industry";
    // Insurance's monthly average, the deck's 45万, on the Industry sheet.
    const before = cellsAt(emu, industry, 44_999_992);
    expect(before.length).toBeGreaterThan(0);
    const rows = emu.model.tables.find((t) => t.name === "SixStepData")!.rect.r1;
    // The analyst showed the copy's totals row: the copy goes back to its rows alone.
    await emu.run(async (context) => {
      context.workbook.tables.getItem("SixStepData").showTotals = true;
      await context.sync();
    });
    expect(emu.model.tables.find((t) => t.name === "SixStepData")!.rect.r1).toBe(rows + 1);
    await addPingAnRow(emu);
    const res = await generate(emulatorRun(emu), { steps: ["portfolio"] });
    expect(res.source.normalised).toBe(true);
    // The copy's table grew by the row, and kept its name and place.
    const copy = emu.model.tables.find((t) => t.name === "SixStepData")!;
    expect(copy.rect).toMatchObject({ r0: 0, c0: 0, c1: 6, r1: rows + 1 });
    expect(copy.showTotals).toBe(false);
    // The Industry sheet, not written by this run, reads the table: 300 元 over 3 months is 100 a month.
    const s = emu.model.sheetByName(industry)!;
    const text = [...s.formulas.values()].join("\n");
    expect(text).toContain("SixStepData[");
    expect(text).not.toContain("'SixStep data'!$");
    expect(cellsAt(emu, industry, 44_999_992)).toEqual([]);
    expect(cellsAt(emu, industry, 45_009_992)).toEqual(before);
    // The portfolio reads the copy through the names over its columns; Ping An: 64,007.80 + 100.
    const fields = ["amount", "customer", "customerId", "industry", "period", "service", "subIndustry"];
    const names = fields.map((f) => emu.model.names.get(`sixstep_${f.toLowerCase()}`)?.formula);
    expect(names).toEqual(fields.map((f) => `=SixStepData[${f}]`));
    expect(cellsAt(emu, "7 Portfolio", 6_410_780).length).toBeGreaterThan(0);
    const { count, errors } = formulaCells(emu);
    expect(count).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    expect(res.figures.warnings.join("\n")).not.toMatch(/cannot resize/);
  }, 120_000);

  test("on a host without Table.resize the copy is made again, and the run names the sheets that read its former rows", async () => {
    const { emu } = await generateSampleRoute("copy");
    await addPingAnRow(emu);
    const g = globalThis as { Office?: unknown };
    const was = g.Office;
    g.Office = {
      context: {
        requirements: { isSetSupported: (_n: string, v?: string) => Number((v ?? "1.1").split(".")[1]) <= 12 },
      },
    };
    let warnings: string[];
    try {
      warnings = (await generate(emulatorRun(emu), { steps: ["portfolio"] })).figures.warnings;
    } finally {
      g.Office = was;
    }
    const warning = warnings.find((w) => /cannot resize/.test(w));
    expect(warning).toMatch(/“SixStep data”/);
    expect(warning).toMatch(/1 Industry/);
    expect(warning).not.toMatch(/7 Portfolio/);
    // As Excel does on converting, the Industry sheet now reads the former cells: no error, the old figure.
    const industry = emu.model.sheetByName("1 Industry")!;
    const text = [...industry.formulas.values()].join("\n");
    expect(text).not.toContain("SixStepData[");
    expect(text).toContain("'SixStep data'!$");
    expect(cellsAt(emu, "1 Industry", 44_999_992).length).toBeGreaterThan(0);
    expect(formulaCells(emu).errors).toEqual([]);
  }, 120_000);

  test("a copy's table not where the add-in keeps it (a column less) is made again, and the run says why, naming the sheets left on its former rows", async () => {
    const { emu } = await generateSampleRoute("copy");
    const copy = emu.model.tables.find((t) => t.name === "SixStepData")!;
    const rows = copy.rect.r1 + 1;
    await emu.run(async (context) => {
      context.workbook.tables.getItem("SixStepData").convertToRange();
      context.workbook.worksheets.getItem("SixStep data").tables.add(`A1:F${rows}`, true).name = "SixStepData";
      await context.sync();
    });
    const res = await generate(emulatorRun(emu), { steps: ["portfolio"] });
    const warning = res.figures.warnings.find((w) => /was not where/.test(w));
    expect(warning).toMatch(/“SixStep data”/);
    expect(warning).toMatch(/1 Industry/);
    expect(res.figures.warnings.join("\n")).not.toMatch(/cannot resize/);
    // Made again over the copy's seven columns; the portfolio reads it, without an error anywhere.
    expect(emu.model.tables.find((t) => t.name === "SixStepData")!.rect).toMatchObject({ r0: 0, c0: 0, c1: 6 });
    expect(cellsAt(emu, "7 Portfolio", 6_400_780).length).toBeGreaterThan(0);
    expect(formulaCells(emu).errors).toEqual([]);
  }, 120_000);
});
