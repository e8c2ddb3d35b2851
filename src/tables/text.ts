/** Folds full-width characters (ＡＢＣ１２３（）) to ASCII, as NFKC does, and trims. */
export function fold(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/\u3000/g, " ")
    .trim();
}

/** Header comparison key: folded, lower-case, without spaces. */
export function headerKey(s: unknown): string {
  return fold(String(s ?? ""))
    .toLowerCase()
    .replace(/\s+/g, "");
}

/** Excel column letters for a zero-based index (A, B, …, AA). */
export function columnLetter(c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Zero-based index of Excel column letters ("A" → 0, "AA" → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
