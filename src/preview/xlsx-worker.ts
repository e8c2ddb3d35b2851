/**
 * The preview's file reader, off the page's main thread (issue 20): unzips and parses an .xlsx
 * with ExcelJS and posts back ExcelJS's parsed model (plain data, structured-cloned), which the
 * page turns into a workbook with `importParsed` (src/emulator/xlsx.ts).
 */
import ExcelJS from "exceljs";

interface WorkerScope {
  onmessage: ((e: MessageEvent<ArrayBuffer>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  void (async () => {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(e.data);
      scope.postMessage({ ok: true, model: (wb as unknown as { model: unknown }).model });
    } catch (err) {
      scope.postMessage({ ok: false, message: (err as Error).message });
    }
  })();
};
