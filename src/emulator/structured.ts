import { literalLength, matchBracket, qualified, type Rect } from "./address";
import { EmulatorError } from "./errors";
import { maxOf, minOf } from "../arrays";

/** What the translator needs to know of a table. */
export interface TableInfo {
  name: string;
  sheet: string;
  /** Header row to last row, totals row included when shown. */
  rect: Rect;
  showTotals: boolean;
  columns: string[];
}

export interface TranslateContext {
  table(name: string): TableInfo | undefined;
  /** The cell holding the formula, for [@Col] and #This Row; absent for names and rules. */
  cell?: { sheet: string; row: number; col: number };
  /** The table containing a cell, for the unqualified [@Col] form inside a table. */
  tableAt?(sheet: string, row: number, col: number): TableInfo | undefined;
}

export interface Translation {
  formula: string;
  tables: Set<string>;
}

/** Excel's escape in structured-reference column names: ' before [ ] # and '. */
function unescapeColumn(s: string): string {
  return s.replace(/'(.)/g, "$1");
}

/** Splits "[#Headers],[Col]" / "[A]:[B]" into bracketed items; null when not that form. */
function splitItems(inner: string): string[] | null {
  const items: string[] = [];
  let i = 0;
  while (i < inner.length) {
    if (inner[i] === " " || inner[i] === "," || inner[i] === ":") {
      if (inner[i] === ":") items.push(":");
      i++;
      continue;
    }
    if (inner[i] !== "[") return null;
    let j = i + 1;
    let text = "";
    while (j < inner.length && inner[j] !== "]") {
      if (inner[j] === "'" && j + 1 < inner.length) {
        text += inner[j] + inner[j + 1];
        j += 2;
        continue;
      }
      text += inner[j++];
    }
    if (j >= inner.length) return null;
    items.push(text);
    i = j + 1;
  }
  return items;
}

const SPECIALS = new Set(["#all", "#data", "#headers", "#totals", "#this row"]);

/**
 * Resolves one structured reference (the part inside the outer brackets) to an absolute A1
 * reference, or "#REF!" when it names nothing.
 */
function resolve(t: TableInfo, inner: string, ctx: TranslateContext): string {
  const specials = new Set<string>();
  let colA: string | null = null;
  let colB: string | null = null;
  const trimmed = inner.trim();
  if (trimmed === "") {
    specials.add("#data");
  } else if (trimmed.startsWith("@")) {
    specials.add("#this row");
    const rest = trimmed.slice(1).trim();
    if (rest) {
      const items = rest.startsWith("[") ? splitItems(rest) : [rest];
      if (!items) return "#REF!";
      const cols = items.filter((x) => x !== ":");
      colA = cols[0] ?? null;
      colB = cols[1] ?? colA;
    }
  } else if (trimmed.startsWith("[")) {
    const items = splitItems(trimmed);
    if (!items) return "#REF!";
    const cols: string[] = [];
    for (const it of items) {
      if (it === ":") continue;
      const lower = it.trim().toLowerCase();
      if (SPECIALS.has(lower)) specials.add(lower);
      else if (lower.startsWith("@")) {
        specials.add("#this row");
        if (lower.length > 1) cols.push(it.trim().slice(1));
      } else cols.push(it);
    }
    colA = cols[0] ?? null;
    colB = cols[1] ?? colA;
  } else if (SPECIALS.has(trimmed.toLowerCase())) {
    specials.add(trimmed.toLowerCase());
  } else {
    // Excel refuses a column name with special characters between single brackets: it must be
    // T[[Sub-industry]] (Excel writes it so itself), and ' [ ] # must be escaped with '.
    const bare = trimmed.replace(/'./g, "");
    if (/[\t\n\r,:.[\]#'"{}$^&*+=\-<>/]/.test(bare)) {
      throw new EmulatorError(
        "InvalidArgument",
        `the column name "${trimmed}" has special characters: write ${t.name}[[${trimmed}]]`,
      );
    }
    colA = colB = trimmed;
  }
  if (specials.size === 0) specials.add("#data");

  let c0 = t.rect.c0;
  let c1 = t.rect.c1;
  if (colA !== null) {
    // Column names compare case-insensitively and, as the reference's text is trimmed, trimmed.
    const find = (name: string) =>
      t.columns.findIndex((c) => c.trim().toLowerCase() === unescapeColumn(name).trim().toLowerCase());
    const a = find(colA);
    const b = find(colB ?? colA);
    if (a < 0 || b < 0) return "#REF!";
    c0 = t.rect.c0 + Math.min(a, b);
    c1 = t.rect.c0 + Math.max(a, b);
  }
  const header = t.rect.r0;
  const dataStart = t.rect.r0 + 1;
  const dataEnd = t.showTotals ? t.rect.r1 - 1 : t.rect.r1;
  const totals = t.showTotals ? t.rect.r1 : -1;
  let r0: number;
  let r1: number;
  if (specials.has("#this row")) {
    if (!ctx.cell) return "#REF!";
    r0 = r1 = ctx.cell.row;
  } else if (specials.has("#all")) {
    r0 = header;
    r1 = t.rect.r1;
  } else {
    const rows: number[] = [];
    if (specials.has("#headers")) rows.push(header);
    if (specials.has("#data")) rows.push(dataStart, dataEnd);
    if (specials.has("#totals")) {
      if (totals < 0) return "#REF!";
      rows.push(totals);
    }
    r0 = minOf(rows);
    r1 = maxOf(rows);
  }
  return qualified(t.sheet, { r0, r1, c0, c1 }, true);
}

/** A name or function word, matched where `lastIndex` stands. */
const WORD = /[A-Za-z_\\\u0080-\uffff][\w.\u0080-\uffff]*/y;

/**
 * Translates Excel's formula text into what HyperFormula evaluates: structured references to
 * absolute A1 references, and the bare TRUE/FALSE constants (which HyperFormula reads as names)
 * to TRUE()/FALSE(). Strings and quoted sheet names are left as they are.
 */
export function translateFormula(formula: string, ctx: TranslateContext): Translation {
  // Nothing to translate without a bracket, a TRUE / FALSE or a doubled quote: most formulas.
  if (!formula.includes("[") && !escapedQuote(formula) && !/true|false/i.test(formula))
    return { formula, tables: new Set() };
  return rewrite(formula, ctx, null);
}

/**
 * Excel's text of a formula with one table's structured references written as the cell
 * references they stand for now (absolute, sheet-qualified), everything else as it was: what
 * Excel does to the formulas over a table it converts to a range (docs/excel-behaviour.md).
 */
export function inlineTableRefs(formula: string, ctx: TranslateContext, table: string): string {
  return formula.includes("[") ? rewrite(formula, ctx, table.toLowerCase()).formula : formula;
}

/**
 * The walk over a formula's text: each structured reference resolved (only `only`'s, when given,
 * and then nothing else is touched); else also HyperFormula's forms of TRUE / FALSE and strings.
 */
function rewrite(formula: string, ctx: TranslateContext, only: string | null): Translation {
  const tables = new Set<string>();
  const raw = only !== null;
  const wanted = (t: TableInfo | undefined): t is TableInfo => !!t && (!raw || t.name.toLowerCase() === only);
  let out = "";
  let i = 0;
  const here = ctx.cell ? findTableAt(ctx) : undefined;
  while (i < formula.length) {
    const ch = formula[i];
    const lit = literalLength(formula, i);
    if (lit > 0) {
      out += ch === '"' && !raw ? stringLiteral(formula.slice(i, i + lit)) : formula.slice(i, i + lit);
      i += lit;
      continue;
    }
    WORD.lastIndex = i;
    const w = WORD.exec(formula);
    const prevIsWordChar = i > 0 && /[\w.$\u0080-\uffff]/.test(formula[i - 1]);
    if (w && !prevIsWordChar) {
      const name = w[0];
      const after = i + name.length;
      if (formula[after] === "[") {
        const end = matchBracket(formula, after);
        const t = ctx.table(name);
        if (end > 0 && wanted(t)) {
          tables.add(t.name.toLowerCase());
          out += resolve(t, formula.slice(after + 1, end), ctx);
          i = end + 1;
          continue;
        }
        if (end > 0 && t) {
          // Another table's reference, left whole: its brackets are not the cell's own table's.
          out += formula.slice(i, end + 1);
          i = end + 1;
          continue;
        }
      }
      const upper = name.toUpperCase();
      if (!raw && (upper === "TRUE" || upper === "FALSE") && formula[after] !== "(" && formula[after] !== "!") {
        out += `${upper}()`;
        i = after;
        continue;
      }
      out += name;
      i = after;
      continue;
    }
    if (ch === "[" && wanted(here)) {
      const end = matchBracket(formula, i);
      if (end > 0) {
        tables.add(here.name.toLowerCase());
        out += resolve(here, formula.slice(i + 1, end), ctx);
        i = end + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return { formula: out, tables };
}

/**
 * Whether a string literal of the formula holds a doubled quote (`"a""b"`); an empty literal (`""`)
 * is not one. With a quoted sheet name (which may hold `"`), any `""` counts.
 */
function escapedQuote(formula: string): boolean {
  if (formula.includes("'")) return formula.includes('""');
  for (let i = formula.indexOf('"'); i >= 0;) {
    const end = formula.indexOf('"', i + 1);
    if (end < 0) return false;
    if (formula.charCodeAt(end + 1) === 34) return true;
    i = formula.indexOf('"', end + 1);
  }
  return false;
}

/** HyperFormula has no "" escape inside strings: "a""b" becomes ("a"&CHAR(34)&"b"). */
function stringLiteral(lit: string): string {
  const inner = lit.slice(1, -1);
  if (!inner.includes('""')) return lit;
  return `(${inner
    .split('""')
    .map((part) => `"${part}"`)
    .join("&CHAR(34)&")})`;
}

function findTableAt(ctx: TranslateContext): TableInfo | undefined {
  return ctx.cell && ctx.tableAt ? ctx.tableAt(ctx.cell.sheet, ctx.cell.row, ctx.cell.col) : undefined;
}
