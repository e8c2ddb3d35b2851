/**
 * What the deck reads from a generated workbook: every `SixStep_…` defined name with its sheet,
 * address, values and displayed text, in two syncs through the office-js API — so the same code
 * reads Excel (the task pane), the preview's and the command line's emulator.
 */
import type { ExcelRun } from "../excel/run";

export type DeckCell = number | string | boolean;

export interface NamedRange {
  name: string;
  /** The sheet the name points into. */
  sheet: string;
  /** Its address on that sheet, e.g. "B29" or "A10:F20". */
  address: string;
  values: DeckCell[][];
  /** The cells as Excel displays them (number formats applied). */
  text: string[][];
}

export interface DeckData {
  /** By name, lower case. */
  names: Map<string, NamedRange>;
}

const PREFIX = "sixstep_";

/** Splits "'1 行业分析'!$A$10:$F$20" into the sheet and the local address. */
export function splitAddress(address: string): { sheet: string; address: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: "", address: address.replace(/\$/g, "") };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: address.slice(bang + 1).replace(/\$/g, "") };
}

export async function readDeckData(run: ExcelRun): Promise<DeckData> {
  return run({}, async (context) => {
    const names = context.workbook.names;
    names.load("items/name,items/type");
    await context.sync();
    const ours = names.items.filter((n) => n.name.toLowerCase().startsWith(PREFIX) && n.type === "Range");
    const ranges = ours.map((n) => {
      const r = n.getRange();
      r.load("address,values,text");
      return { name: n.name, r };
    });
    await context.sync();
    const out = new Map<string, NamedRange>();
    for (const { name, r } of ranges) {
      const { sheet, address } = splitAddress(r.address);
      out.set(name.toLowerCase(), {
        name,
        sheet,
        address,
        values: r.values as DeckCell[][],
        text: r.text as string[][],
      });
    }
    return { names: out };
  });
}
