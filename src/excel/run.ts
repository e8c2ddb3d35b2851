/** The one way into Excel: `Excel.run` in Office, the emulator's `run` elsewhere. */
export type ExcelRun = <T>(
  options: { delayForCellEdit?: boolean },
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export function officeRun(): ExcelRun {
  return (options, batch) => Excel.run(options, batch);
}
