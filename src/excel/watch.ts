/**
 * Live step statuses in Excel: any change to a worksheet (an amount typed, rows pasted, a
 * rating filled) tells the task pane to read the statuses again, at most once per `quietMs`
 * after the edits stop. Uses `worksheets.onChanged` (ExcelApi 1.9); on older hosts the pane
 * reads statuses when it opens and after each run, as it does without events.
 */
import type { ExcelRun } from "./run";

export interface WatchOptions {
  /**
   * ExcelApi 1.9 or later (Office.context.requirements.isSetSupported).
   * @guard ExcelApi 1.9 — the requirement-set audit (scripts/requirement-audit.ts) takes this
   * option as a guard and checks that every value the add-in gives it is an isSetSupported check.
   */
  supported: boolean;
  quietMs?: number;
}

/** Registers the handler; returns a function that removes it. Never throws. */
export async function watchWorkbook(
  run: ExcelRun,
  onChange: () => void,
  options: WatchOptions,
): Promise<() => Promise<void>> {
  const none = async () => undefined;
  if (!options.supported) return none;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handler = async () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, options.quietMs ?? 800);
  };
  try {
    const registration = await run({}, async (context) => {
      const r = context.workbook.worksheets.onChanged.add(handler);
      await context.sync();
      return r;
    });
    return async () => {
      if (timer) clearTimeout(timer);
      try {
        await run({}, async (context) => {
          // The registration belongs to the context that made it: remove through it.
          registration.remove();
          await context.sync();
        });
      } catch {
        // the pane is closing: nothing to undo
      }
    };
  } catch {
    return none;
  }
}
