/**
 * How wide a text prints, estimated without a font engine (issue 28, print designed): a CJK or
 * full-width character is one em, a Latin letter or digit a little over half, at the cell's font
 * size. The print designer sizes rows for wrapped text with it, and the emulator's row autofit
 * (Excel's Range.format.autofitRows) uses the same estimate, so a file written without Excel still
 * carries row heights that show every line. Calibri's digits are 0.507 em; its average lower-case
 * letter about 0.48 em; 0.55 em leaves room for capitals and wide letters.
 */

/** A character that takes a full em: CJK ideographs, kana, hangul, full-width forms and punctuation. */
function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code === 0x2014 ||
    code === 0x2026 ||
    (code >= 0x25a0 && code <= 0x25ff)
  );
}

/** The estimated printed width of a line of text, in points, at a font size. */
export function textWidth(text: string, fontSize = 11): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += isWide(code) ? 1 : ch === " " ? 0.27 : 0.55;
  }
  return em * fontSize;
}

/** Excel's cell padding: about 2.6 points at each side of a column's text. */
export const CELL_PADDING = 5.25;

/** Line height at a font size: Excel's 15-point default row holds 11-point Calibri. */
export function lineHeight(fontSize = 11): number {
  return Math.ceil((fontSize * 15) / 11 / 0.75) * 0.75;
}

/**
 * The lines a text wraps into in a width (points): words (Latin) and characters (CJK) move to
 * the next line as Excel wraps them; explicit line breaks count.
 */
export function wrappedLines(text: string, width: number, fontSize = 11): number {
  const room = Math.max(1, width - CELL_PADDING);
  let lines = 0;
  for (const para of text.split(/\r?\n/)) {
    let line = 0;
    let n = 1;
    // Tokens: a run of Latin letters and digits (a word, kept whole), or one other character.
    for (const tok of para.match(/[A-Za-z0-9.,;:'’%()\-+/]+ ?|[\s\S]/gu) ?? []) {
      const w = textWidth(tok, fontSize);
      if (line + w > room && line > 0) {
        n++;
        line = 0;
      }
      // A word longer than the line breaks across lines.
      if (w > room) {
        n += Math.floor(w / room);
        line = w % room;
      } else line += w;
    }
    lines += n;
  }
  return Math.max(1, lines);
}
