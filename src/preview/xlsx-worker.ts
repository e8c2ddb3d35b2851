/**
 * The preview's file reader, off the page's main thread (issue 20): unzips the .xlsx, cuts its
 * large uniform sheets into column-store blocks (src/emulator/xlsx-bulk-read.ts), parses the rest
 * with ExcelJS, and posts back ExcelJS's parsed model (plain data, structured-cloned) with the
 * blocks' typed columns (transferred, not copied). The page turns them into a workbook with
 * `importParsed` (src/emulator/xlsx.ts): a 100,000-row table arrives already built.
 */
import ExcelJS from "exceljs";
import { splitBulkSheets } from "../emulator/xlsx-bulk-read";
import { fileDefinedNames, type FileName } from "../emulator/xlsx-names";
import type { BlockData } from "../emulator/columns";

export interface WorkerReply {
  ok: boolean;
  message?: string;
  model?: unknown;
  bulk?: { name: string; template: number; block: BlockData }[];
  /** The file's workbook names with their formulas (ExcelJS reads range names only). */
  names?: FileName[];
}

interface WorkerScope {
  onmessage: ((e: MessageEvent<ArrayBuffer>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  void (async () => {
    try {
      const split = await splitBulkSheets(e.data);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((split ? split.head : e.data) as ArrayBuffer);
      const sheets = [...(split?.sheets ?? [])];
      const reply: WorkerReply = {
        ok: true,
        model: (wb as unknown as { model: unknown }).model,
        bulk: sheets.map(([name, r]) => ({ name, template: r.template, block: r.block.toData() })),
        names: fileDefinedNames(new Uint8Array(e.data)),
      };
      scope.postMessage(
        reply,
        sheets.flatMap(([, r]) => r.block.buffers()),
      );
    } catch (err) {
      scope.postMessage({ ok: false, message: (err as Error).message });
    }
  })();
};
