/**
 * The cell store's formats: number formats (per cell, then layers) and format layers, read the
 * way WorkbookModel answers Range.numberFormat and Range.format.
 */
import { inRect, type Rect } from "./address";
import { cellKey, type FormatProps, type SheetModel } from "./types";

/** The layer `clear` lays: it wipes every earlier layer's properties. */
export const CLEARED_FORMAT: FormatProps = Object.freeze({}) as FormatProps;

/** One format layer laid over a cell's format so far: its properties over the earlier ones, or a clear. */
export function layFormat(out: FormatProps, props: FormatProps): void {
  if (props === CLEARED_FORMAT) {
    for (const k of Object.keys(out)) delete (out as Record<string, unknown>)[k];
    return;
  }
  for (const [k, v] of Object.entries(props)) {
    if (k === "borders") out.borders = { ...out.borders, ...(v as FormatProps["borders"]) };
    else (out as Record<string, unknown>)[k] = v;
  }
}

/** A cell's number format: its own, else the latest layer over it, else General. */
export function numberFormatOf(sheet: SheetModel, row: number, col: number): string {
  const f = sheet.numberFormats.get(cellKey(row, col));
  if (f !== undefined) return f;
  for (let i = sheet.numberFormatLayers.length - 1; i >= 0; i--) {
    const l = sheet.numberFormatLayers[i];
    if (inRect(l.rect, row, col)) return l.format;
  }
  return "General";
}

/** A cell's format: every layer over it, in order. */
export function effectiveFormatOf(sheet: SheetModel, row: number, col: number): FormatProps {
  const out: FormatProps = {};
  for (const layer of sheet.formatLayers) if (inRect(layer.rect, row, col)) layFormat(out, layer.props);
  return out;
}

/**
 * The effective format of every cell in `clip` that a format layer covers, by cell key: each
 * layer laid once over its cells, in order (what `effectiveFormatOf` gives cell by cell, in time
 * that grows with the layers' area, not with cells × layers: a file saved by another
 * application can hold a layer per cell).
 */
export function formatsInRect(sheet: SheetModel, clip: Rect): Map<number, FormatProps> {
  const out = new Map<number, FormatProps>();
  for (const layer of sheet.formatLayers) {
    const r0 = Math.max(layer.rect.r0, clip.r0);
    const r1 = Math.min(layer.rect.r1, clip.r1);
    const c0 = Math.max(layer.rect.c0, clip.c0);
    const c1 = Math.min(layer.rect.c1, clip.c1);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) {
        const key = cellKey(r, c);
        let f = out.get(key);
        if (!f) out.set(key, (f = {}));
        layFormat(f, layer.props);
      }
  }
  return out;
}

/** Header cells as Excel makes them for a new table: unique (case-insensitively), non-blank text. */
export function uniqueHeaders(header: unknown[]): string[] {
  const seen = new Set<string>();
  return header.map((h, j) => {
    let base = h === "" ? `Column${j + 1}` : String(h);
    let candidate = base;
    let k = 2;
    while (seen.has(candidate.toLowerCase())) candidate = `${base}${k++}`;
    base = candidate;
    seen.add(base.toLowerCase());
    return base;
  });
}
