import { ExcelEmulator } from "../../src/emulator";
import type { ExcelRun } from "../../src/excel/run";
import { buildSampleWorkbook, SAMPLE_FILE_NAMES, type SampleFiles, type SampleLang } from "../../src/sample/workbook";
import * as fs from "fs";
import * as path from "path";
import { SAMPLE_DIR } from "./sample";

export function sampleFiles(): SampleFiles {
  const files = {} as SampleFiles;
  for (const f of SAMPLE_FILE_NAMES) files[f] = fs.readFileSync(path.join(SAMPLE_DIR, f), "utf8");
  return files;
}

export function emulatorRun(emu: ExcelEmulator): ExcelRun {
  return (o, b) => emu.run(o, b);
}

export async function sampleEmulator(lang: SampleLang = "zh") {
  const emu = new ExcelEmulator();
  const result = await buildSampleWorkbook(emu, sampleFiles(), lang);
  return { emu, result, run: emulatorRun(emu) };
}

/** The computed value of a cell (A1 address) on a sheet of the emulator. */
export function cell(emu: ExcelEmulator, sheet: string, a1: string): unknown {
  const s = emu.model.sheetByName(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const { rect } = emu.model.resolveAddress(a1, s);
  return emu.model.value(s, rect.r0, rect.c0);
}

/** Finds the first row (1-based) whose column-A value equals text, from a starting row. */
export function findRow(emu: ExcelEmulator, sheet: string, text: string, from = 1, col = "A"): number {
  for (let r = from; r < from + 2000; r++) if (cell(emu, sheet, `${col}${r}`) === text) return r;
  throw new Error(`“${text}” not found in ${sheet}!${col}`);
}

/** Writes values into a sheet as the analyst would type them (one run, one sync). */
export async function typeInto(emu: ExcelEmulator, sheet: string, address: string, values: unknown[][]) {
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = values as Excel.Range["values"];
    await context.sync();
  });
}
