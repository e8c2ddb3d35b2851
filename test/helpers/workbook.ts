import { ExcelEmulator } from "../../src/emulator";
import { generate, type GenerateResult } from "../../src/excel/pipeline";
import { CellAnchor, ColumnAnchor, type Anchor } from "../../src/layout/anchor";
import type { ExcelRun } from "../../src/excel/run";
import {
  buildSampleWorkbook,
  fillSampleTables,
  sampleInputs,
  sampleSettings,
  SAMPLE_FILE_NAMES,
  type SampleFiles,
  type SampleLang,
} from "../../src/sample/workbook";
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

/**
 * Finds the first row (1-based) whose column-A value equals text, from a starting row. Prefer a
 * sheet's anchors (anchorOf, cellOf, columnOf, rowWith): no test of the generated sheets uses it now.
 */
export function findRow(emu: ExcelEmulator, sheet: string, text: string, from = 1, col = "A"): number {
  for (let r = from; r < from + 2000; r++) if (cell(emu, sheet, `${col}${r}`) === text) return r;
  throw new Error(`“${text}” not found in ${sheet}!${col}`);
}

/** A run's result, or what a test keeps of it: the sheets written and their anchors. */
export type Anchored = Pick<GenerateResult, "anchors" | "sheets">;

/** The anchor a step's sheet declared for `key` (GenerateResult.anchors): a cell's place without searching by its label. */
export function anchorOf(result: Anchored, step: string, key: string): Anchor {
  const a = result.anchors[step]?.[key];
  if (!a) throw new Error(`no anchor ${key} on ${step} (it has ${Object.keys(result.anchors[step] ?? {}).join(", ")})`);
  return a;
}

/** A cell anchor, or a column anchor's cell on `row` (its first row by default). */
export function cellOf(result: Anchored, step: string, key: string, row?: number): CellAnchor {
  const a = anchorOf(result, step, key);
  if (a instanceof CellAnchor) return a;
  if (a instanceof ColumnAnchor) return a.cell(row);
  throw new Error(`anchor ${key} on ${step} is a ${a.kind}, not a cell or a column`);
}

/** A column anchor. */
export function columnOf(result: Anchored, step: string, key: string): ColumnAnchor {
  const a = anchorOf(result, step, key);
  if (!(a instanceof ColumnAnchor)) throw new Error(`anchor ${key} on ${step} is a ${a.kind}, not a column`);
  return a;
}

/** The sheet a step wrote (its name as written), else the anchor's own. */
function sheetAt(result: Anchored, step: string, a: CellAnchor): string {
  return result.sheets.find((s) => s.step === step)?.name ?? a.sheet;
}

/**
 * The row of a column anchor's block whose cell there holds `value`: a data row found by its key
 * in its own column (a task by its name, a visit by its number), not a section by its label.
 */
export function rowWith(emu: ExcelEmulator, result: Anchored, step: string, key: string, value: unknown): number {
  const c = columnOf(result, step, key);
  const sheet = sheetAt(result, step, c.cell());
  for (let r = c.first; r <= c.last; r++) if (cell(emu, sheet, `${c.letter}${r}`) === value) return r;
  throw new Error(`${String(value)} not in ${key} of ${step} (${sheet}!${c.range()})`);
}

/** The computed value at an anchor (a column anchor: its cell on `row`). */
export function anchored(emu: ExcelEmulator, result: Anchored, step: string, key: string, row?: number): unknown {
  const a = cellOf(result, step, key, row);
  return cell(emu, sheetAt(result, step, a), a.ref());
}

/** The formula (or the constant) at an anchor, as Range.formulas shows it. */
export function anchoredFormula(
  emu: ExcelEmulator,
  result: Anchored,
  step: string,
  key: string,
  row?: number,
): unknown {
  const a = cellOf(result, step, key, row);
  const s = emu.model.sheetByName(sheetAt(result, step, a));
  if (!s) throw new Error(`no sheet for ${step}`);
  return emu.model.formula(s, a.row - 1, a.col);
}

/** Writes values into a sheet as the analyst would type them (one run, one sync). */
export async function typeInto(emu: ExcelEmulator, sheet: string, address: string, values: unknown[][]) {
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = values as Excel.Range["values"];
    await context.sync();
  });
}

/** How the revenue rows reach the formulas: an Excel table, a plain range (workbook names), or amounts kept as text (the normalised copy). */
export type SampleRoute = "table" | "range" | "copy";

/** The English sample's tables, reshaped to a data route, then Generate all. */
export async function generateSampleRoute(route: SampleRoute) {
  const emu = new ExcelEmulator();
  const files = sampleFiles();
  await fillSampleTables(emu, files, "en");
  const rows = emu.model.tables.find((t) => t.name === "Revenue")!.rect.r1 + 1;
  const sheet = emu.model.sheetByName("Revenue")!;
  const amounts = emu.model.values(sheet, { r0: 1, r1: rows - 1, c0: 6, c1: 6 }).map((r) => r[0]);
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("Revenue");
    if (route === "range") ws.tables.getItem("Revenue").convertToRange();
    // Amounts kept as text ("28,120.83 元"): the normalised copy serves the formulas.
    if (route === "copy")
      ws.getRange(`G2:G${rows}`).values = amounts.map((a) => [`${Number(a).toLocaleString("en-US")} 元`]);
    await context.sync();
  });
  const result = await generate(emulatorRun(emu), {
    settings: sampleSettings("en"),
    seedInputs: sampleInputs(files, "en"),
  });
  return { emu, kind: result.source.normalised ? "copy" : result.source.kind };
}

/** The value of the cell a workbook name points to, to the cent. */
export function namedCents(emu: ExcelEmulator, name: string): number {
  const n = [...emu.model.names.values()].find((x) => x.name.toLowerCase() === name.toLowerCase())!;
  const { sheet, rect } = emu.model.resolveAddress(n.formula.slice(1));
  return Math.round(Number(emu.model.value(sheet, rect.r0, rect.c0)) * 100) / 100;
}
