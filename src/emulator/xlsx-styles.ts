/**
 * A file's cell styles (`xl/styles.xml`'s cellXfs) as the emulator models them: the number
 * format, bold, italic, font colour and size, solid fill, horizontal alignment, wrap and locked.
 * Applications style cells apart in what the emulator does not model: LibreOffice gives a cell
 * with Chinese text a CJK font and one with ASCII text the default font, both 10-point. Two style
 * indices with one class are the same format here, so a column whose cells alternate between them
 * is still uniform (xlsx-bulk-read.ts).
 *
 * The file's default font is its first font (ECMA-376 Part 1, 18.8.23 fonts; Excel's "Normal"
 * style uses fontId 0): a size equal to it is the default size, not a format of its own.
 */

export interface FileStyles {
  /** The class of each cellXfs index (equal classes: the same format as modelled). */
  classOf: (s: number) => number;
  /** The size in points of the file's first font; 11 when the file has none. */
  defaultFontSize: number;
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The elements `name` inside the first `<list>…</list>` (self-closing or not), as their XML. */
function elements(xml: string, list: string, name: string): string[] {
  const m = new RegExp(`<${list}[\\s>][\\s\\S]*?</${list}>`).exec(xml);
  if (!m) return [];
  return [...m[0].matchAll(new RegExp(`<${name}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</${name}>)`, "g"))].map((x) => x[0]);
}

const truthy = (v: string | undefined) => v !== undefined && v !== "0" && v !== "false";

export function fileStyles(xml: string): FileStyles {
  const fonts = elements(xml, "fonts", "font").map((f) => ({
    bold: /<b(?:\s[^>]*)?\/>/.test(f) && !/<b\s+val="(?:0|false)"/.test(f),
    italic: /<i(?:\s[^>]*)?\/>/.test(f) && !/<i\s+val="(?:0|false)"/.test(f),
    color: /<color\s[^>]*rgb="([^"]*)"/.exec(f)?.[1]?.toUpperCase() ?? "",
    size: Number(/<sz\s+val="([^"]*)"/.exec(f)?.[1] ?? "11"),
  }));
  const defaultFontSize = fonts[0]?.size ?? 11;
  const fills = elements(xml, "fills", "fill").map((f) =>
    /patternType="solid"/.test(f) ? (/<fgColor\s[^>]*rgb="([^"]*)"/.exec(f)?.[1]?.toUpperCase() ?? "solid") : "",
  );
  const codes = new Map<string, string>();
  for (const n of elements(xml, "numFmts", "numFmt")) codes.set(attr(n, "numFmtId") ?? "", attr(n, "formatCode") ?? "");
  const keys = new Map<string, number>();
  const classes = elements(xml, "cellXfs", "xf").map((x) => {
    const open = /^<xf[^>]*>/.exec(x)![0];
    const id = attr(open, "numFmtId") ?? "0";
    const font = fonts[Number(attr(open, "fontId") ?? "0")];
    const halign = attr(/<alignment\s[^>]*>/.exec(x)?.[0] ?? "", "horizontal") ?? "";
    const key = JSON.stringify([
      codes.get(id) ?? id,
      font ? [font.bold, font.italic, font.color, font.size === defaultFontSize ? "" : font.size] : null,
      fills[Number(attr(open, "fillId") ?? "0")] ?? "",
      ["left", "center", "right"].includes(halign) ? halign : "",
      truthy(attr(/<alignment\s[^>]*>/.exec(x)?.[0] ?? "", "wrapText")),
      !["0", "false"].includes(attr(/<protection\s[^>]*>/.exec(x)?.[0] ?? "", "locked") ?? ""),
    ]);
    let k = keys.get(key);
    if (k === undefined) keys.set(key, (k = keys.size));
    return k;
  });
  // An index the file does not list stays its own class (never equal to another).
  return { classOf: (s) => classes[s] ?? -1 - s, defaultFontSize };
}
