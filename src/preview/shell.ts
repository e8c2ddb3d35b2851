/** The preview's shell, apart from React: the empty workbook and the regions F6 cycles through. */
import type { ExcelEmulator } from "../emulator";

/** "Empty workbook": one blank sheet, as Excel's new workbook, ready to type or paste a table into. */
export async function emptyWorkbook(name = "Sheet1"): Promise<ExcelEmulator> {
  const { ExcelEmulator } = await import(/* webpackChunkName: "emulator" */ "../emulator");
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    context.workbook.worksheets.add(name).activate();
    await context.sync();
  });
  return emu;
}

/** The regions F6 cycles through, as Excel's F6 does: the task pane, the grid, the sheet tabs. */
export function nextRegion(regions: (HTMLElement | null)[], active: Element | null, back: boolean): HTMLElement | null {
  const present = regions.filter((r): r is HTMLElement => !!r);
  if (!present.length) return null;
  const at = present.findIndex((r) => r === active || (active !== null && r.contains(active)));
  const i = at < 0 ? (back ? present.length - 1 : 0) : (at + (back ? -1 : 1) + present.length) % present.length;
  return present[i];
}
