import type { ExcelEmulator } from "../../src/emulator";
import { translator } from "../../src/i18n";
import { INPUT_TABLES_SETTING, OWNED_SHEETS_SETTING, OWNED_NAMES_SETTING } from "../../src/excel/settings";
import { normaliseListCells } from "../../src/steps/list-cells";
import { queueSettings } from "../../src/excel/read";
import { cell } from "./workbook";

/**
 * Every analyst input table of the workbook (where the document's settings say they are), by
 * "step.table", with each list cell in its canonical (English) form: equal for the same inputs
 * whichever language wrote them.
 */
export async function canonicalInputs(emu: ExcelEmulator): Promise<Record<string, unknown[][]>> {
  const out: Record<string, unknown[][]> = {};
  await emu.run(async (ctx) => {
    const settings = queueSettings(ctx, [INPUT_TABLES_SETTING, OWNED_SHEETS_SETTING, OWNED_NAMES_SETTING]);
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/id,items/name");
    await ctx.sync();
    const [at, ids, names] = settings() as [
      Record<string, { id: string; range: string }[]>,
      Record<string, string>,
      Record<string, string>,
    ];
    const reads: { step: string; id: string; range: Excel.Range }[] = [];
    for (const [step, tables] of Object.entries(at)) {
      const ws = sheets.items.find((s) => s.id === ids[step]) ?? sheets.items.find((s) => s.name === names[step]);
      if (!ws) continue;
      for (const tb of tables) {
        const range = ws.getRange(tb.range);
        range.load("values");
        reads.push({ step, id: tb.id, range });
      }
    }
    await ctx.sync();
    const en = translator("en-US");
    const byStep: Record<string, Record<string, unknown[][]>> = {};
    for (const r of reads) (byStep[r.step] ??= {})[r.id] = r.range.values.map((row) => [...row]);
    for (const [step, tables] of Object.entries(byStep)) {
      normaliseListCells(step, tables, en);
      for (const [id, rows] of Object.entries(tables)) out[`${step}.${id}`] = rows;
    }
  });
  return out;
}

/** A workbook name's value (a single cell), e.g. SixStep_PipelineTotal. */
export function named(emu: ExcelEmulator, name: string): unknown {
  const n = emu.model.names.get(name.toLowerCase());
  if (!n) throw new Error(`no name ${name}`);
  const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+)$/.exec(n.formula);
  if (!m) throw new Error(`${name} is not a cell: ${n.formula}`);
  return cell(emu, m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], m[3].replace(/\$/g, ""));
}
