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

/** Text as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
