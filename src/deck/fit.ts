/**
 * How much room text needs on a slide, estimated from its font size: a CJK or full-width
 * character takes a full em, any other about 0.55 em. Used by the deck to choose font sizes and
 * split tables, and by its tests to check that nothing overflows the box it was written into.
 */

/** Points per inch. */
export const PT = 72;
/**
 * Line height as a multiple of the font size: single spacing is the font's own line gap, about
 * 1.2 for Calibri but 1.32 for Microsoft YaHei and 1.45 for Noto Sans CJK (LibreOffice's stand-in):
 * the largest, so a box that fits here fits in every viewer.
 */
export const LINE = 1.45;

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/;

/** The text's width in ems. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 1 : 0.55;
  return w;
}

/** Lines the text takes in a box `widthIn` inches wide (inner width) at `fontPt`, words wrapping anywhere. */
export function linesNeeded(text: string, widthIn: number, fontPt: number): number {
  const perLine = Math.max(1, (widthIn * PT) / fontPt);
  return text.split("\n").reduce((n, para) => n + Math.max(1, Math.ceil((emWidth(para) * 1.02) / perLine)), 0);
}

/** The height in inches the text needs (without the box's insets). */
export function heightNeeded(text: string, widthIn: number, fontPt: number): number {
  return (linesNeeded(text, widthIn, fontPt) * fontPt * LINE) / PT;
}

/**
 * The largest font size from `maxPt` down to `minPt` (in half points) at which the text fits the
 * box; `minPt` when none does (the caller then shortens the text).
 */
export function fitFont(text: string, widthIn: number, heightIn: number, maxPt: number, minPt: number): number {
  for (let pt = maxPt; pt >= minPt; pt -= 0.5) if (heightNeeded(text, widthIn, pt) <= heightIn) return pt;
  return minPt;
}

/** The text cut (with "…") to what fits the box at `fontPt`. */
export function clip(text: string, widthIn: number, heightIn: number, fontPt: number): string {
  if (heightNeeded(text, widthIn, fontPt) <= heightIn) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (heightNeeded(`${chars.slice(0, mid).join("")}…`, widthIn, fontPt) <= heightIn) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join("")}…`;
}
