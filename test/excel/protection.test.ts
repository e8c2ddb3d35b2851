/** A step sheet the analyst protected with a password: a located message, nothing written. */
import { generate, InputError } from "../../src/excel/pipeline";
import { cell, sampleEmulator } from "../helpers/workbook";

test("refreshing a sheet protected with a password names the sheet and writes nothing", async () => {
  const { emu, run } = await sampleEmulator("en");
  const before = cell(emu, "1 Industry", "B3");
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("1 Industry");
    ws.protection.unprotect();
    ws.protection.protect({}, "analyst");
    await context.sync();
  });
  const sheet = emu.model.sheetByName("1 Industry")!;
  const formulas = new Map(sheet.formulas);
  const charts = sheet.charts.length;
  let error: unknown = null;
  try {
    await generate(run, { steps: ["industry"], settings: { lang: "en-US" } });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(/“1 Industry” is protected with a password/);
  expect(new Map(sheet.formulas)).toEqual(formulas);
  expect(sheet.charts.length).toBe(charts);
  expect(cell(emu, "1 Industry", "B3")).toBe(before);
  expect(sheet.protection.protected).toBe(true);
});
