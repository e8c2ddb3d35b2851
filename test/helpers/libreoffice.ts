import type ExcelJS from "exceljs";
import { convertAllWithLibreOffice as convert } from "../../src/cli/libreoffice";
import { requireTool } from "./tools";

export { sofficePath } from "../../src/cli/libreoffice";

/**
 * src/cli/libreoffice.ts's conversion, for a test: it fails first, with the command that installs
 * them, when LibreOffice or the fonts it prints with are missing (Impress too for a .pptx).
 */
export function convertAllWithLibreOffice(...args: Parameters<typeof convert>): Buffer[] {
  requireTool(args[3] === "pptx" ? "impress" : "libreoffice");
  return convert(...args);
}

/**
 * Opens an .xlsx in headless LibreOffice with a profile that recalculates on load
 * (OOXMLRecalcMode = 0) and saves it again, so its cached values are LibreOffice's own.
 */
export function recalcWithLibreOffice(xlsx: Uint8Array, timeoutMs?: number): Buffer {
  return convertAllWithLibreOffice([xlsx], "xlsx", timeoutMs)[0];
}

/**
 * The same for many files in one LibreOffice start (it converts them in turn): a few seconds for
 * the whole set instead of ~2 s a file.
 */
export function recalcAllWithLibreOffice(files: Uint8Array[]): Buffer[] {
  return convertAllWithLibreOffice(files, "xlsx");
}

/** What a saved file says a cell holds: a formula's cached result, or the plain value. */
export function cachedValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value as ExcelJS.CellValue;
  if (typeof v === "object" && v !== null && "formula" in v) {
    // ExcelJS drops a cached <v>0</v> when reading (a falsy check): a formula without a result is 0.
    return "result" in v ? (v as ExcelJS.CellFormulaValue).result : 0;
  }
  return typeof v === "object" && v !== null && "result" in v ? (v as ExcelJS.CellFormulaValue).result : v;
}

/** A formula cell whose value differs between the emulator and LibreOffice. */
export interface Difference {
  cell: string;
  emulator: unknown;
  libreoffice: unknown;
}

/** LibreOffice's cached result of a cell as the emulator would report it (serials for dates, error text). */
function loValue(cell: ExcelJS.Cell): { value: unknown; known: boolean } {
  const v = cell.value as ExcelJS.CellValue;
  const norm = (x: unknown): unknown =>
    x instanceof Date
      ? x.getTime() / 86_400_000 + 25_569
      : typeof x === "object" && x !== null && "error" in x
        ? (x as { error: string }).error
        : x;
  if (typeof v === "object" && v !== null && "formula" in v) {
    // ExcelJS reads a cached 0, "" or FALSE as no result at all: then any of them agrees.
    return "result" in v
      ? { value: norm((v as ExcelJS.CellFormulaValue).result), known: true }
      : { value: undefined, known: false };
  }
  return { value: norm(v), known: true };
}

/**
 * Every formula cell of the emulator's workbook against LibreOffice's recalculation of the
 * exported file: numbers to 1e-9 (relative), text and errors exactly.
 */
export function compareFormulaCells(
  model: import("../../src/emulator/model").WorkbookModel,
  recalculated: ExcelJS.Workbook,
): { compared: number; differences: Difference[] } {
  const differences: Difference[] = [];
  let compared = 0;
  for (const s of model.sheets) {
    const ws = recalculated.getWorksheet(s.name);
    for (const key of s.formulas.keys()) {
      const r = Math.floor(key / 16384);
      const c = key % 16384;
      const ours = model.value(s, r, c);
      compared++;
      const lo = ws ? loValue(ws.getCell(r + 1, c + 1)) : { value: "(sheet missing)", known: true };
      const same = !lo.known
        ? ours === 0 || ours === "" || ours === false
        : typeof ours === "number" && typeof lo.value === "number"
          ? Math.abs(ours - lo.value) <= 1e-9 * Math.max(1, Math.abs(ours))
          : String(ours) === String(lo.value ?? "");
      if (!same)
        differences.push({
          cell: `${s.name}!${ws?.getCell(r + 1, c + 1).address ?? `R${r + 1}C${c + 1}`}`,
          emulator: ours,
          libreoffice: lo.value,
        });
    }
  }
  return { compared, differences };
}

/** Pages in a PDF (its page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
