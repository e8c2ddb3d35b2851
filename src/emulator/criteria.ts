/**
 * SUMIFS, COUNTIFS, SUMIF, COUNTIF, MINIFS, MAXIFS and AVERAGEIFS (which HyperFormula lacks)
 * over column caches (issue 20's first part). HyperFormula
 * (pinned at 3.5.0: this reaches into its interpreter) evaluates each call by copying every range
 * it names into a fresh array and filtering through generators, and keeps one criterion per
 * function and ranges, so the sheets' interleaved criteria evict each other. Here each range is
 * read once per evaluation pass into a flat array, and each (range, criterion) becomes one 0/1
 * mask, shared by every formula that uses it: the period criteria, repeated in every SUMIFS of a
 * sheet, are tested once. A named range's caches live on HyperFormula's vertex for that range and
 * are dropped when HyperFormula drops its own (a cell of the range changed); a computed range's
 * last one evaluation pass.
 *
 * The semantics are HyperFormula's own: the criterion is parsed and tested by its criterion
 * builder (operators, wildcards, blanks, numbers against numeric text), values are summed as its
 * SUMIFS sums them (numbers; the first error wins; text and blanks ignored), and unequal ranges
 * give #VALUE!. A pass is one run of its evaluator: the emulator's engine bumps the pass before
 * each (`startPass`). Within a pass the evaluator's topological order computes every cell of a
 * range (and clears its vertex's caches) before any formula that reads it.
 *
 * A short range of one column whose cells are constants (a customer's months in the portfolio's
 * sorted copy) is read as a slice of a window of its column instead, read and tested once a pass
 * (`sliceConditions`): no constant changes within a pass.
 */
import {
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  type ImplementedFunctions,
  SimpleRangeValue,
} from "hyperformula";
import { cellValueOf, columnValues, rangeValues } from "./columns";
import {
  clearWithRangeCache,
  criterionOf,
  rangeVertexOf,
  wrapEvaluatorRuns,
  type Evaluator,
  type Interpreter,
  type InterpreterState,
  type InterpreterValue,
  type Ast,
  type ProcedureAst,
  type RangeVertex,
} from "./hf-internals";

interface Cache {
  /** The range's raw values, row by row (read on first use). */
  values?: unknown[];
  /** The values dictionary-encoded: each row's index into `distinct` (built with the first mask). */
  codes?: Uint32Array;
  distinct?: unknown[];
  /** One mask per criterion over those values. */
  masks: Map<string, Mask>;
  /** The numbers sorted, and how many times each other value occurs (COUNTIF's comparisons). */
  sorted?: { numbers: Float64Array; others: Map<unknown, number> };
}

/** A comparison with a number ("<" & a cell, ">=5"): the operator, when the criterion is one. */
const COMPARISON = /^\s*(<=|>=|<|>)\s*([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*$/;

/** The sorted numbers of a column, and the count of each other value, built once while cached. */
function sortedOf(c: Cache, vals: unknown[]): NonNullable<Cache["sorted"]> {
  if (c.sorted) return c.sorted;
  let n = 0;
  for (const v of vals) if (typeof v === "number") n++;
  const numbers = new Float64Array(n);
  const others = new Map<unknown, number>();
  let k = 0;
  for (const v of vals) {
    if (typeof v === "number") numbers[k++] = v;
    else others.set(v, (others.get(v) ?? 0) + 1);
  }
  numbers.sort();
  criteriaStats.columnsSorted++;
  c.sorted = { numbers, others };
  return c.sorted;
}

/** The first index of a sorted array at which `test` turns (from its value at 0); the length when it never does. */
function turn(numbers: Float64Array, test: (v: number) => boolean): number {
  if (!numbers.length) return 0;
  const first = test(numbers[0]);
  let lo = 0;
  let hi = numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(numbers[mid]) === first) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Dictionary-encodes a column: a criterion is then tested once per distinct value, not per row. */
function encode(c: Pick<Cache, "codes" | "distinct">, vals: unknown[]): { codes: Uint32Array; distinct: unknown[] } {
  if (c.codes && c.distinct) return { codes: c.codes, distinct: c.distinct };
  const index = new Map<unknown, number>();
  const distinct: unknown[] = [];
  const codes = new Uint32Array(vals.length);
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    let k = index.get(v);
    if (k === undefined) {
      k = distinct.length;
      distinct.push(v);
      index.set(v, k);
    }
    codes[i] = k;
  }
  c.codes = codes;
  c.distinct = distinct;
  return { codes, distinct };
}

/**
 * A test's verdict on each row of an encoded column, into `out` (made when not given): the test
 * depends on the value alone, so it is asked once per distinct value.
 */
function encodedBits(
  { codes, distinct }: { codes: Uint32Array; distinct: unknown[] },
  test: (v: unknown) => boolean,
  out = new Uint8Array(codes.length),
): Uint8Array {
  const verdict = new Uint8Array(distinct.length);
  for (let k = 0; k < distinct.length; k++) if (test(distinct[k])) verdict[k] = 1;
  for (let i = 0; i < codes.length; i++) out[i] = verdict[codes[i]];
  return out;
}

/** The rows a criterion keeps: as 0/1 per row, and as the kept rows' indices in ascending order. */
interface Mask {
  bits: Uint8Array;
  idx: Int32Array;
}

function maskOf(bits: Uint8Array): Mask {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += bits[i];
  const idx = new Int32Array(n);
  for (let i = 0, k = 0; i < bits.length; i++) if (bits[i]) idx[k++] = i;
  return { bits, idx };
}

interface Pass {
  id: number;
  /** Caches of ranges that have no vertex in the dependency graph (computed ranges), per pass. */
  ranges: Map<string, Cache>;
  /** Windows of columns read for their short slices (`sliceConditions`), by "sheet:column:window", per pass. */
  columns: Map<string, ColumnCache>;
}

/**
 * A window of a column for its slices (rows `r0`… on): its values, where its formulas are, and its
 * masks by criterion.
 */
interface ColumnCache {
  r0: number;
  values: unknown[];
  formulasBefore: Int32Array;
  masks: Map<string, Uint8Array>;
  /** Criteria asked once here: a second call builds the window's mask. */
  seen: Set<string>;
  codes?: Uint32Array;
  distinct?: unknown[];
}

/**
 * A criteria range of at most `maxRows` rows in one column, where those rows hold no formula, is
 * read as a slice of a window of its column, read once a pass (`sliceConditions`; tests set 0 to
 * compare). Windows are 2 × maxRows rows, starting every maxRows rows: each slice lies in one.
 */
export const sliceConfig = { maxRows: 2048 };

/** The current pass of each engine, by its interpreter. */
const passes = new WeakMap<Interpreter, Pass>();

/** How often a range was read and a mask built (tests and the benchmark read these). */
export const criteriaStats = {
  columnsRead: 0,
  masksBuilt: 0,
  columnsSorted: 0,
  criteriaRead: 0,
  /** Calls answered from slices of column windows, the windows read for them, and their masks. */
  sliceCalls: 0,
  sliceColumnsRead: 0,
  columnMasks: 0,
};
/** The caches of the ranges a formula names, on HyperFormula's vertex for that range. */
const vertexCaches = new WeakMap<RangeVertex, Cache & { key: string }>();

/** Called before each evaluator run of an engine: drops the per-pass caches of the previous pass. */
export function startPass(interpreter: Interpreter): void {
  const p = passes.get(interpreter);
  passes.set(interpreter, { id: (p?.id ?? 0) + 1, ranges: new Map(), columns: new Map() });
}

/** Drops a range's caches when HyperFormula clears its own (`RangeVertex.clearCache`). */
function dropCache(vertex: RangeVertex): void {
  vertexCaches.delete(vertex);
}

function rawValue(v: unknown): unknown {
  // HyperFormula's extended numbers (dates, currencies, percents) carry the number in `.val`.
  return v !== null && typeof v === "object" && "val" in v && typeof v.val === "number" ? v.val : v;
}

function isCellError(v: unknown): boolean {
  return v instanceof CellError;
}

const RANGE = { argumentType: FunctionArgumentType.RANGE };
const NOERROR = { argumentType: FunctionArgumentType.NOERROR };

/** A range argument (HyperFormula's SimpleRangeValue), or a scalar where one stands for a range. */
type RangeArg = SimpleRangeValue;

/**
 * A criterion's key among a range's masks: an extended number (a date, a percent) by its number, a
 * symbol (the empty value) by its name, an error by its kind (its text would be "[object Object]").
 */
function maskKey(raw: unknown): string {
  if (typeof raw === "symbol") return `symbol:${raw.description}`;
  if (raw instanceof CellError) return `error:${raw.type}`;
  return `${typeof raw}:${String(raw)}`;
}

/** A range of at most `sliceConfig.maxRows` rows of one column (`sliceConditions`), else undefined. */
function slice(r: RangeArg): { sheet: number; col: number; r0: number; r1: number } | undefined {
  const range = r?.range;
  if (!range) return undefined;
  const { start, end } = range;
  if (start.col !== end.col || start.sheet !== end.sheet || !Number.isFinite(end.row)) return undefined;
  if (end.row < start.row || end.row - start.row + 1 > sliceConfig.maxRows) return undefined;
  return { sheet: start.sheet, col: start.col, r0: start.row, r1: end.row };
}

/** Syntax nodes that name cells: a reference, a range, a defined name. */
const NAMES_CELLS = new Set(["CELL_REFERENCE", "CELL_RANGE", "NAMED_EXPRESSION"]);
/** Argument positions that are ranges: the first, then every other one (SUMIFS' criteria ranges; COUNTIFS' from 0). */
const firstThenOdd = (i: number) => i === 0 || i % 2 === 1;
const even = (i: number) => i % 2 === 0;

export class FastCriteriaPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    SUMIFS: { method: "sumifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
    COUNTIFS: { method: "countifs", parameters: [RANGE, NOERROR], repeatLastArgs: 2 },
    SUMIF: { method: "sumif", parameters: [RANGE, NOERROR, { ...RANGE, optionalArg: true }] },
    COUNTIF: { method: "countif", parameters: [RANGE, NOERROR] },
    MINIFS: { method: "minifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
    MAXIFS: { method: "maxifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
    AVERAGEIFS: { method: "averageifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
  };

  /** The range arguments of the calls being evaluated (`rangesOf`): read as ranges even when one cell. */
  private readonly rangeNodes = new WeakSet<object>();

  /**
   * Excel reads a criteria function's range argument as a range even when it is one cell:
   * `COUNTIF(D13,"x")` over a cell holding #N/A is 0 (the error is a value that does not match,
   * docs/excel-behaviour.md row 18). HyperFormula hands a one-cell range, or a reference, over
   * as the cell's value, and an error value then becomes the function's result. The call's range
   * arguments are marked here, and `evaluateAst` gives each back as a one-cell range.
   */
  private rangesOf(ast: ProcedureAst, ranges: (i: number) => boolean): ProcedureAst["args"] {
    (ast.args as unknown as { type: string }[]).forEach((a, i) => {
      if (ranges(i) && a && NAMES_CELLS.has(a.type)) this.rangeNodes.add(a);
    });
    return ast.args;
  }

  protected override evaluateAst(ast: Ast, state: InterpreterState): InterpreterValue {
    const value = super.evaluateAst(ast, state);
    if (value instanceof SimpleRangeValue || !this.rangeNodes.has(ast)) return value;
    return SimpleRangeValue.fromScalar(value as Parameters<typeof SimpleRangeValue.fromScalar>[0]) as InterpreterValue;
  }

  private pass(): Pass {
    if (!passes.has(this.interpreter)) startPass(this.interpreter);
    return passes.get(this.interpreter)!;
  }

  /**
   * The cache of a range argument: on its vertex when the dependency graph has one (the range a
   * formula names), kept while HyperFormula keeps the range unchanged; else for this pass only.
   * Null for an inline array.
   */
  private cache(r: RangeArg): Cache | null {
    const range = r?.range;
    if (!range) return null;
    const key = `${range.start.sheet}:${range.start.col}:${range.start.row}:${range.end.col}:${range.end.row}`;
    const vertex = rangeVertexOf(this.dependencyGraph, range);
    if (vertex) {
      clearWithRangeCache(vertex, dropCache);
      const held = vertexCaches.get(vertex);
      // A structural change (rows inserted or removed) moves the range: its key no longer matches.
      if (held && held.key === key) return held;
      const fresh = { key, masks: new Map() };
      vertexCaches.set(vertex, fresh);
      return fresh;
    }
    const ranges = this.pass().ranges;
    let c = ranges.get(key);
    if (!c) ranges.set(key, (c = { masks: new Map() }));
    return c;
  }

  /** A range's raw values, row by row, read once while cached. */
  private values(r: RangeArg): unknown[] {
    const c = this.cache(r);
    if (!c || !r.range) return (r.data as unknown[][]).flat().map(rawValue);
    if (!c.values) {
      // Stored cells of a column-store block come from the block (src/emulator/columns.ts).
      c.values = rangeValues(this.dependencyGraph, r.range, rawValue);
      criteriaStats.columnsRead++;
    }
    return c.values;
  }

  /**
   * Criteria read as tests, by their text, number or boolean (each customer's sums ask ">="&a
   * month of every slice: the same few criteria, read thousands of times in a pass).
   */
  private readonly criteria = new Map<string, { lambda: (v: unknown) => boolean } | null>();

  /** A criterion as a test: Excel's that HyperFormula lacks first (an error, a text comparison), then HyperFormula's. */
  private criterion(raw: unknown, criterion: unknown): { lambda: (v: unknown) => boolean } | undefined {
    const read = () => {
      criteriaStats.criteriaRead++;
      return excelOnlyCriterion(raw) ?? criterionOf(this.interpreter, criterion) ?? textComparison(raw);
    };
    const t = typeof raw;
    if (t !== "string" && t !== "number" && t !== "boolean") return read();
    const key = `${t}:${String(raw)}`;
    let pkg = this.criteria.get(key);
    if (pkg === undefined) {
      if (this.criteria.size >= 4096) this.criteria.clear();
      this.criteria.set(key, (pkg = read() ?? null));
    }
    return pkg ?? undefined;
  }

  /** The 0/1 mask of a (range, criterion) pair, once while cached; an error for a criterion that is not one. */
  private mask(r: RangeArg, criterion: unknown): Mask | { error: unknown } {
    const raw = rawValue(criterion);
    const pkg = this.criterion(raw, criterion);
    if (pkg === undefined) return { error: badCriterion() };
    const c = this.cache(r);
    const key = maskKey(raw);
    const hit = c?.masks.get(key);
    if (hit) return hit;
    const vals = this.values(r);
    const m = new Uint8Array(vals.length);
    criteriaStats.masksBuilt++;
    if (!c) {
      for (let i = 0; i < vals.length; i++) if (pkg.lambda(vals[i])) m[i] = 1;
      return maskOf(m);
    }
    encodedBits(encode(c, vals), pkg.lambda, m);
    // Bounded: a column read under thousands of criteria (one per customer) keeps the latest 256.
    if (c.masks.size >= 256) c.masks.clear();
    const mask = maskOf(m);
    c.masks.set(key, mask);
    return mask;
  }

  /**
   * The rows every condition keeps (ascending indices), or the error to return. Starts from the
   * condition that keeps fewest rows and tests the others only there: a customer's criterion
   * keeps a few dozen rows of 100,000, so a SUMIFS costs those, not the column.
   */
  private conditions(shape: RangeArg, pairs: unknown[]): Int32Array | { error: unknown } {
    const sliced = this.sliceConditions(shape, pairs);
    if (sliced !== undefined) return sliced;
    const masks: Mask[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const range = pairs[i] as RangeArg;
      if (!range.sameDimensionsAs(shape)) return { error: unequal() };
      const m = this.mask(range, pairs[i + 1]);
      if (!("bits" in m)) return m;
      masks.push(m);
    }
    if (!masks.length) return new Int32Array(0);
    let least = masks[0];
    for (const m of masks) if (m.idx.length < least.idx.length) least = m;
    if (masks.length === 1) return least.idx;
    const out = new Int32Array(least.idx.length);
    let n = 0;
    for (const i of least.idx) {
      let keep = true;
      for (const m of masks)
        if (m !== least && !m.bits[i]) {
          keep = false;
          break;
        }
      if (keep) out[n++] = i;
    }
    return out.subarray(0, n);
  }

  /**
   * Short ranges in one column each (a customer's months in the portfolio's sorted copy: thousands
   * of SUMIFS, each over its own few dozen rows). Each criterion's verdict is computed once a pass
   * over a window of the column around the slice (constants: no formula there can change in the
   * pass) and each call reads its slice of it, instead of reading its range and building its
   * masks. A pass reads only the windows its slices fall in: a run of many small passes (rows
   * written a chunk at a time) does not read the whole column in each. The rows
   * kept are the ones `conditions` keeps. Undefined where it does not apply (a range wider than
   * a column or longer than `sliceConfig.maxRows`, a formula in the column's rows asked for,
   * ranges of unequal size, a criterion that is not one): the masks answer.
   */
  private sliceConditions(shape: RangeArg, pairs: unknown[]): Int32Array | undefined {
    if (!pairs.length) return undefined;
    const bits: Uint8Array[] = [];
    const starts: number[] = [];
    let height = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      const r = pairs[i] as RangeArg;
      const range = slice(r);
      if (!range || !r.sameDimensionsAs(shape)) return undefined;
      const col = this.column(range.sheet, range.col, range.r0);
      const a = range.r0 - col.r0;
      const b = range.r1 - col.r0;
      if (b >= col.values.length || col.formulasBefore[b + 1] !== col.formulasBefore[a]) return undefined;
      const raw = rawValue(pairs[i + 1]);
      const pkg = this.criterion(raw, pairs[i + 1]);
      if (pkg === undefined) return undefined;
      const key = maskKey(raw);
      if (col.masks.has(key) || col.seen.has(key)) {
        bits.push(this.columnMask(col, key, pkg));
        starts.push(a);
      } else {
        // A criterion's first call in this window tests its own rows alone: one asked once (a
        // key per formula) never costs the window's rows.
        col.seen.add(key);
        const own = new Uint8Array(b - a + 1);
        for (let k = 0; k < own.length; k++) if (pkg.lambda(col.values[a + k])) own[k] = 1;
        bits.push(own);
        starts.push(0);
      }
      height = range.r1 - range.r0 + 1;
    }
    criteriaStats.sliceCalls++;
    const out = new Int32Array(height);
    let n = 0;
    for (let k = 0; k < height; k++) {
      let keep = true;
      for (let j = 0; j < bits.length; j++)
        if (!bits[j][starts[j] + k]) {
          keep = false;
          break;
        }
      if (keep) out[n++] = k;
    }
    return out.subarray(0, n);
  }

  /** The window of a sheet's column that holds a slice starting at row `r0`, read once a pass. */
  private column(sheet: number, col: number, r0: number): ColumnCache {
    const columns = this.pass().columns;
    const stride = Math.max(1, sliceConfig.maxRows);
    const from = Math.floor(r0 / stride) * stride;
    const key = `${sheet}:${col}:${from}`;
    let c = columns.get(key);
    if (!c) {
      const read = columnValues(this.dependencyGraph, sheet, col, from, from + 2 * stride - 1, rawValue);
      columns.set(key, (c = { r0: from, ...read, masks: new Map(), seen: new Set() }));
      criteriaStats.sliceColumnsRead++;
    }
    return c;
  }

  /** A criterion's verdict on each row of a column (0 on its formulas' rows, which no slice holds). */
  private columnMask(c: ColumnCache, key: string, pkg: { lambda: (v: unknown) => boolean }): Uint8Array {
    const hit = c.masks.get(key);
    if (hit) return hit;
    // A formula's row holds no value (undefined, columnValues): never tested, never in a slice.
    const m = encodedBits(encode(c, c.values), (v) => v !== undefined && pkg.lambda(v));
    if (c.masks.size >= 256) {
      c.masks.clear();
      c.seen.clear();
    }
    c.masks.set(key, m);
    criteriaStats.columnMasks++;
    return m;
  }

  private sum(valuesRange: RangeArg, rows: Int32Array): unknown {
    // A short column: the rows kept read alone, as `values` reads each.
    const at = slice(valuesRange);
    const graph = this.dependencyGraph;
    const vals = at ? [] : this.values(valuesRange);
    const valueAt = (k: number) =>
      at ? cellValueOf(graph, { sheet: at.sheet, row: at.r0 + k, col: at.col }, rawValue) : vals[k];
    let total = 0;
    for (const k of rows) {
      const v = valueAt(k);
      if (typeof v === "number") total += v;
      else if (isCellError(v)) return v;
    }
    return total;
  }

  private static count(rows: Int32Array): number {
    return rows.length;
  }

  /**
   * A "…IFS" of a values range and criteria pairs (SUMIFS, MINIFS, MAXIFS, AVERAGEIFS): `f` over the
   * rows every pair keeps, else the criteria's error.
   */
  private valuesIfs(
    ast: ProcedureAst,
    state: InterpreterState,
    name: string,
    f: (values: RangeArg, rows: Int32Array) => unknown,
  ) {
    return this.runFunction(
      this.rangesOf(ast, firstThenOdd),
      state,
      this.metadata(name),
      (values: RangeArg, ...pairs: unknown[]) => {
        const rows = this.conditions(values, pairs);
        return (rows instanceof Int32Array ? f(values, rows) : rows.error) as InterpreterValue;
      },
    );
  }

  sumifs(ast: ProcedureAst, state: InterpreterState) {
    return this.valuesIfs(ast, state, "SUMIFS", (values, rows) => this.sum(values, rows));
  }

  countifs(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(this.rangesOf(ast, even), state, this.metadata("COUNTIFS"), (...pairs: unknown[]) => {
      const fast = pairs.length === 2 ? this.comparisonCount(pairs[0] as RangeArg, pairs[1]) : undefined;
      if (fast !== undefined) return fast;
      const rows = this.conditions(pairs[0] as RangeArg, pairs);
      return (rows instanceof Int32Array ? FastCriteriaPlugin.count(rows) : rows.error) as InterpreterValue;
    });
  }

  /** The numbers the rows keep (the first error wins), folded by `f`; `empty` when there are none. */
  private fold(values: RangeArg, rows: Int32Array, f: (acc: number, x: number) => number, empty: unknown): unknown {
    const vals = this.values(values);
    let acc: number | null = null;
    for (const k of rows) {
      const v = vals[k];
      if (typeof v === "number") acc = acc === null ? v : f(acc, v);
      else if (isCellError(v)) return v;
    }
    return acc ?? empty;
  }

  minifs(ast: ProcedureAst, state: InterpreterState) {
    return this.valuesIfs(ast, state, "MINIFS", (values, rows) => this.fold(values, rows, Math.min, 0));
  }

  maxifs(ast: ProcedureAst, state: InterpreterState) {
    return this.valuesIfs(ast, state, "MAXIFS", (values, rows) => this.fold(values, rows, Math.max, 0));
  }

  /** AVERAGEIFS, which HyperFormula lacks: the mean of the numbers kept; #DIV/0! when there are none. */
  averageifs(ast: ProcedureAst, state: InterpreterState) {
    return this.valuesIfs(ast, state, "AVERAGEIFS", (values, rows) => {
      const vals = this.values(values);
      let sum = 0;
      let n = 0;
      for (const k of rows) {
        const v = vals[k];
        if (typeof v === "number") {
          sum += v;
          n++;
        } else if (isCellError(v)) return v;
      }
      return n ? sum / n : new CellError(ErrorType.DIV_BY_ZERO);
    });
  }

  sumif(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(
      this.rangesOf(ast, (i) => i === 0 || i === 2),
      state,
      this.metadata("SUMIF"),
      (range: RangeArg, criterion: unknown, values?: RangeArg) => {
        const rows = this.conditions(values ?? range, [range, criterion]);
        return (rows instanceof Int32Array ? this.sum(values ?? range, rows) : rows.error) as InterpreterValue;
      },
    );
  }

  /**
   * COUNTIF with a comparison to a number ("<"&I13, as the portfolio's ranks and percentiles
   * ask, one criterion per customer): a binary search in the column's sorted numbers instead of a
   * mask of the whole column per criterion — O(log n) a call, not O(n). The verdicts are the
   * criterion's own (HyperFormula's lambda, as the mask would test them): over sorted numbers a
   * comparison holds on a prefix ("<", "<=") or a suffix (">", ">="), found by testing the
   * lambda itself; every other value (text, blanks, errors) is tested once per distinct value.
   * Undefined when the fast path does not apply (then the mask answers).
   */
  private comparisonCount(range: RangeArg, criterion: unknown): number | undefined {
    const raw = rawValue(criterion);
    // A comparison with a number is never one of the Excel-only criteria (errors, "", text).
    if (typeof raw !== "string" || !COMPARISON.test(raw)) return undefined;
    const c = this.cache(range);
    if (!c || !range.range) return undefined;
    const pkg = criterionOf(this.interpreter, criterion);
    if (!pkg) return undefined;
    const { numbers, others } = sortedOf(c, this.values(range));
    const at = turn(numbers, (v) => pkg.lambda(v));
    // Held from the start (a prefix) or from the turn (a suffix); none or all when it never turns.
    const held = numbers.length && pkg.lambda(numbers[0]) ? at : numbers.length - at;
    let n = held;
    for (const [v, count] of others) if (pkg.lambda(v)) n += count;
    return n;
  }

  countif(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(
      this.rangesOf(ast, (i) => i === 0),
      state,
      this.metadata("COUNTIF"),
      (range: RangeArg, criterion: unknown) => {
        const fast = this.comparisonCount(range, criterion);
        if (fast !== undefined) return fast;
        const rows = this.conditions(range, [range, criterion]);
        return (rows instanceof Int32Array ? FastCriteriaPlugin.count(rows) : rows.error) as InterpreterValue;
      },
    );
  }
}

const ERROR_TEXT: Record<string, ErrorType> = {
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#VALUE!": ErrorType.VALUE,
  "#REF!": ErrorType.REF,
  "#NAME?": ErrorType.NAME,
  "#NUM!": ErrorType.NUM,
};

/**
 * An error criterion — an error value (NA()) or its text ("#N/A", "<>#DIV/0!") — keeps the cells
 * holding that error (or, after "<>", every other cell), as Excel counts errors with COUNTIF
 * (docs/excel-behaviour.md, row 18); HyperFormula's criteria match no error at all.
 */
function excelOnlyCriterion(raw: unknown): { lambda: (v: unknown) => boolean } | undefined {
  // "" keeps blank cells and cells holding empty text (as COUNTBLANK counts them); "=" keeps
  // blank cells only (HyperFormula's own rule for both).
  if (raw === "") return { lambda: (v) => v === EmptyValue || v === "" || v === null || v === undefined };
  let type: ErrorType | undefined;
  let negate = false;
  if (raw instanceof CellError) type = raw.type;
  else if (typeof raw === "string") {
    const m = /^(=|<>)?(#[A-Z/0!?]+)$/i.exec(raw.trim());
    if (m) {
      type = ERROR_TEXT[m[2].toUpperCase()];
      negate = m[1] === "<>";
    }
  }
  if (type === undefined) return undefined;
  const is = (v: unknown) => v instanceof CellError && v.type === type;
  return { lambda: negate ? (v) => !is(v) : is };
}

/**
 * ">=b", "<M": a comparison with text that is not a number, a date or a boolean compares text
 * cells with it, ignoring case (Excel; HyperFormula refuses such a criterion as incorrect).
 * Numbers, booleans, errors and blanks never pass.
 */
function textComparison(raw: unknown): { lambda: (v: unknown) => boolean } | undefined {
  if (typeof raw !== "string") return undefined;
  const m = /^(<=|>=|<>|<|>)(.+)$/s.exec(raw);
  if (!m || m[1] === "<>") return undefined;
  const operand = m[2].toLowerCase();
  const test: Record<string, (d: number) => boolean> = {
    "<": (d) => d < 0,
    "<=": (d) => d <= 0,
    ">": (d) => d > 0,
    ">=": (d) => d >= 0,
  };
  const pass = test[m[1]];
  return {
    lambda: (v) => {
      if (typeof v !== "string") return false;
      const t = v.toLowerCase();
      return pass(t < operand ? -1 : t > operand ? 1 : 0);
    },
  };
}

// HyperFormula's error values, with its own messages (error-message.js, 3.5.0).
function badCriterion() {
  return new CellError(ErrorType.VALUE, "Incorrect criterion.");
}
function unequal() {
  return new CellError(ErrorType.VALUE, "Ranges need to be of equal length.");
}

/** Wraps an engine's evaluator so that each of its runs starts a new pass. */
export function passPerEvaluation(evaluator: Evaluator): void {
  wrapEvaluatorRuns(evaluator, () => startPass(evaluator.interpreter));
}
