/**
 * The formula-work count (issue 35): how many cells the criteria and lookup functions of a
 * workbook scan in one full recalculation, counted as an engine without indexes scans them. It is
 * a property of the formulas, not of our engine (whose criteria caches and column store scan far
 * less), so it holds for Excel, LibreOffice and WPS alike: none of them indexes a SUMIFS.
 *
 * Every formula cell is evaluated once in a full recalculation; for each call in it:
 * - SUMIFS, COUNTIFS, AVERAGEIFS, MINIFS, MAXIFS, SUMIF, COUNTIF, AVERAGEIF: every cell of every
 *   criteria range, once per criterion value (a range of k criteria evaluates the call k times);
 * - SUMPRODUCT: every cell of the ranges its array arguments name (outside the calls counted here);
 * - MATCH, VLOOKUP, HLOOKUP, XLOOKUP, XMATCH with an exact match: the whole lookup range (the
 *   worst case of a linear search); MATCH / VLOOKUP / HLOOKUP with an approximate match and LOOKUP:
 *   ⌈log₂ n⌉ + 1 (a binary search over sorted data, as Excel and LibreOffice search it);
 * - LARGE, SMALL, RANK, RANK.EQ, RANK.AVG, PERCENTRANK: the whole range.
 * Plain aggregates (SUM, COUNT, MAX) and INDEX are not counted: a SUM over a slice costs the slice
 * once, and INDEX is a direct address. A branch of IF counts whether taken or not (an upper bound),
 * except under an IF whose condition is a reference to a cell holding TRUE or FALSE: Excel and
 * LibreOffice evaluate only the branch IF takes (docs/excel-behaviour.md row 40), so only that
 * branch counts, as the cell stands.
 *
 * Read from HyperFormula's parsed formulas (pinned at 3.5.0), after names and structured
 * references are resolved to ranges.
 */
import type { WorkbookModel } from "./model";
import { internalsOf } from "./hf-internals";
import { rowFormulaAt } from "./vector";

export interface FormulaWork {
  /** Cells scanned in one full recalculation, all sheets. */
  total: number;
  bySheet: Record<string, number>;
  byFunction: Record<string, number>;
  /** Formula cells read. */
  formulas: number;
}

const CRITERIA: Record<string, { first: number; step: number }> = {
  SUMIFS: { first: 1, step: 2 },
  AVERAGEIFS: { first: 1, step: 2 },
  MINIFS: { first: 1, step: 2 },
  MAXIFS: { first: 1, step: 2 },
  COUNTIFS: { first: 0, step: 2 },
  SUMIF: { first: 0, step: 99 },
  COUNTIF: { first: 0, step: 99 },
  AVERAGEIF: { first: 0, step: 99 },
};
const WHOLE_RANGE = new Set(["LARGE", "SMALL", "RANK", "RANK.EQ", "RANK.AVG", "PERCENTRANK", "PERCENTRANK.INC"]);

interface Ast {
  type: string;
  procedureName?: string;
  args?: Ast[];
  value?: Ast;
  left?: Ast;
  right?: Ast;
  expression?: Ast;
  start?: { toSimpleCellAddress(base: Addr): Addr; toSimpleColumnAddress?(base: Addr): { col: number } };
  end?: { toSimpleCellAddress(base: Addr): Addr };
  reference?: { toSimpleCellAddress(base: Addr): Addr };
  expressionName?: string;
}
interface Addr {
  sheet: number;
  row: number;
  col: number;
}

/** The formula-work count of a workbook as it stands. */
export function formulaWork(model: WorkbookModel): FormulaWork {
  // The conditions IF reads are the cells' values as they stand: computed first.
  model.flush();
  const counter = new WorkCounter(model.hf);
  const internals = internalsOf(model.hf);
  const work: FormulaWork = { total: 0, bySheet: {}, byFunction: {}, formulas: 0 };
  for (const s of model.sheets) {
    counter.sheetTotal = 0;
    for (const key of s.formulas.keys()) {
      const row = Math.floor(key / 16384);
      const col = key % 16384;
      const f = rowFormulaAt(internals, { sheet: s.hfId, row, col });
      if (!f) continue;
      work.formulas++;
      // The visitor reads the few node fields it names (`Ast` above), a loose view of HyperFormula's.
      counter.visit(f.ast as unknown as Ast, f.address);
    }
    work.bySheet[s.name] = counter.sheetTotal;
    work.total += counter.sheetTotal;
  }
  work.byFunction = counter.byFunction;
  return work;
}

const isRange = (a: Ast) =>
  a.type === "CELL_RANGE" || a.type === "COLUMN_RANGE" || a.type === "ROW_RANGE" || a.type === "NAMED_EXPRESSION";

/** The steps of a binary search over n cells. */
const approx = (n: number) => Math.ceil(Math.log2(Math.max(1, n))) + 1;

/** A literal argument: a number, a text, or TRUE() / FALSE() (HyperFormula parses the booleans as calls). */
function literal(a: Ast | undefined): unknown {
  if (!a) return undefined;
  if (a.type === "NUMBER" || a.type === "STRING") return (a as { value?: unknown }).value;
  if (a.type === "FUNCTION_CALL" && !a.args?.length) {
    const fn = a.procedureName?.toUpperCase();
    if (fn === "TRUE" || fn === "FALSE") return fn === "TRUE";
  }
  return undefined;
}

/** Walks parsed formulas and adds up the cells their counted calls scan. */
class WorkCounter {
  /** Cells scanned, by function, all sheets. */
  readonly byFunction: Record<string, number> = {};
  /** Cells scanned on the sheet being read. */
  sheetTotal = 0;
  /** Cells in each named expression's value, by lower-case name. */
  private readonly names = new Map<string, number>();

  constructor(private readonly hf: WorkbookModel["hf"]) {}

  visit(a: Ast | undefined, base: Addr): void {
    if (!a) return;
    if (a.type === "FUNCTION_CALL") {
      const fn = (a.procedureName ?? "").toUpperCase();
      const args = a.args ?? [];
      const n = this.callWork(fn, args, base);
      if (n !== null) this.add(fn, n);
      const taken = fn === "IF" ? this.condition(args[0], base) : null;
      if (taken !== null) {
        this.visit(taken ? args[1] : args[2], base);
        return;
      }
      for (const x of args) this.visit(x, base);
      return;
    }
    this.visit(a.value, base);
    this.visit(a.left, base);
    this.visit(a.right, base);
    this.visit(a.expression, base);
    if (a.args) for (const x of a.args) this.visit(x, base);
  }

  /** An IF's condition when it is a reference to a cell holding a boolean: that boolean; else null. */
  private condition(a: Ast | undefined, base: Addr): boolean | null {
    if (a?.type !== "CELL_REFERENCE" || !a.reference) return null;
    const v = this.hf.getCellValue(a.reference.toSimpleCellAddress(base));
    return typeof v === "boolean" ? v : null;
  }

  private add(fn: string, n: number): void {
    this.byFunction[fn] = (this.byFunction[fn] ?? 0) + n;
    this.sheetTotal += n;
  }

  /** The cells one call scans, or null for a function not counted. */
  private callWork(fn: string, args: Ast[], base: Addr): number | null {
    const crit = CRITERIA[fn];
    if (crit) return this.criteriaWork(crit, args, base);
    if (fn === "SUMPRODUCT") return args.reduce((s, x) => s + this.arrayCells(x, base), 0);
    if (fn === "MATCH") {
      const n = args[1] ? this.size(args[1], base) : 1;
      const type = literal(args[2]);
      return type === 0 ? n : approx(n);
    }
    if (fn === "VLOOKUP" || fn === "HLOOKUP") {
      const n = args[1] ? this.side(args[1], base, fn === "VLOOKUP") : 1;
      const exact = literal(args[3]) === false || literal(args[3]) === 0;
      return exact ? n : approx(n);
    }
    if (fn === "XLOOKUP" || fn === "XMATCH") return args[1] ? this.size(args[1], base) : 1;
    if (fn === "LOOKUP") return approx(args[1] ? this.size(args[1], base) : 1);
    if (WHOLE_RANGE.has(fn)) {
      const i = fn.startsWith("RANK") ? 1 : 0;
      return args[i] ? this.size(args[i], base) : 1;
    }
    return null;
  }

  /** Every cell of every criteria range, once per criterion value. */
  private criteriaWork(crit: { first: number; step: number }, args: Ast[], base: Addr): number {
    const ranges: number[] = [];
    let times = 1;
    for (let i = crit.first; i < args.length; i += crit.step) {
      ranges.push(this.size(args[i], base));
      const criterion = args[i + 1];
      if (criterion && isRange(criterion)) times *= this.size(criterion, base);
    }
    return ranges.reduce((s, x) => s + x, 0) * times;
  }

  /** Cells in a named expression's value (a range: its area; a scalar: 1). */
  private nameSize(name: string): number {
    let n = this.names.get(name.toLowerCase());
    if (n === undefined) {
      // A name over a range (the route's column names): its area; any other name: one value.
      const formula = this.hf.getNamedExpressionFormula(name) ?? "";
      const r = this.hf.simpleCellRangeFromString(formula.replace(/^=/, ""), 0);
      n = r ? (Math.abs(r.end.row - r.start.row) + 1) * (Math.abs(r.end.col - r.start.col) + 1) : 1;
      this.names.set(name.toLowerCase(), n);
    }
    return n;
  }

  private size(a: Ast, base: Addr): number {
    switch (a.type) {
      case "CELL_RANGE": {
        const s = a.start!.toSimpleCellAddress(base);
        const e = a.end!.toSimpleCellAddress(base);
        return (Math.abs(e.row - s.row) + 1) * (Math.abs(e.col - s.col) + 1);
      }
      case "COLUMN_RANGE":
        return this.hf.getSheetDimensions(base.sheet).height;
      case "ROW_RANGE":
        return this.hf.getSheetDimensions(base.sheet).width;
      case "NAMED_EXPRESSION":
        return this.nameSize(a.expressionName!);
      case "PARENTHESES":
        return a.expression ? this.size(a.expression, base) : 1;
      default:
        return 1;
    }
  }

  /** Ranges named in an array expression (not inside a counted call, which counts its own). */
  private arrayCells(a: Ast | undefined, base: Addr): number {
    if (!a) return 0;
    if (isRange(a)) return this.size(a, base);
    if (a.type === "FUNCTION_CALL") return 0;
    return (
      this.arrayCells(a.value, base) +
      this.arrayCells(a.left, base) +
      this.arrayCells(a.right, base) +
      this.arrayCells(a.expression, base)
    );
  }

  /** The cells a lookup searches: the first column of a VLOOKUP table, the first row of an HLOOKUP one. */
  private side(a: Ast, base: Addr, vertical: boolean): number {
    if (a.type !== "CELL_RANGE") return this.size(a, base);
    const s = a.start!.toSimpleCellAddress(base);
    const e = a.end!.toSimpleCellAddress(base);
    return vertical ? Math.abs(e.row - s.row) + 1 : Math.abs(e.col - s.col) + 1;
  }
}
