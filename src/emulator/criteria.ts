/**
 * SUMIFS, COUNTIFS, SUMIF, COUNTIF, MINIFS, MAXIFS and AVERAGEIFS (which HyperFormula lacks)
 * over column caches (issue 20's first part). HyperFormula
 * (pinned at 3.5.0: this reaches into its interpreter) evaluates each call by copying every range
 * it names into a fresh array and filtering through generators, and keeps one criterion per
 * function and ranges, so the sheets' interleaved criteria evict each other. Here each range is
 * read once per evaluation pass into a flat array, and each (range, criterion) becomes one 0/1
 * mask, shared by every formula of the pass that uses it: the period criteria, repeated in every
 * SUMIFS of a sheet, are tested once.
 *
 * The semantics are HyperFormula's own: the criterion is parsed and tested by its criterion
 * builder (operators, wildcards, blanks, numbers against numeric text), values are summed as its
 * SUMIFS sums them (numbers; the first error wins; text and blanks ignored), and unequal ranges
 * give #VALUE!. A pass is one run of its evaluator: the emulator's engine bumps the pass before
 * each (`startPass`), so a write is never read from a stale cache. Within a pass the evaluator's
 * topological order computes every cell of a range before any formula that reads it.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin } from "hyperformula";

interface Pass {
  id: number;
  columns: Map<string, unknown[]>;
  masks: Map<string, Uint8Array>;
}

const PASS = Symbol("sixstep.criteriaPass");

/** Called before each evaluator run of an engine: drops the caches of the previous pass. */
export function startPass(interpreter: object): void {
  const p = (interpreter as any)[PASS] as Pass | undefined;
  (interpreter as any)[PASS] = { id: (p?.id ?? 0) + 1, columns: new Map(), masks: new Map() } satisfies Pass;
}

function rawValue(v: any): unknown {
  // HyperFormula's extended numbers (dates, currencies, percents) carry the number in `.val`.
  return v !== null && typeof v === "object" && "val" in v && typeof v.val === "number" ? v.val : v;
}

function isCellError(v: unknown): boolean {
  return v instanceof CellError;
}

export class FastCriteriaPlugin extends FunctionPlugin {
  private pass(): Pass {
    const interp = (this as any).interpreter;
    if (!interp[PASS]) startPass(interp);
    return interp[PASS] as Pass;
  }

  /** A range's raw values, row by row, read once per pass; null for an inline array. */
  private values(r: any): unknown[] {
    const range = r?.range;
    if (!range) return (r.data as unknown[][]).flat().map(rawValue);
    const key = `${range.start.sheet}:${range.start.col}:${range.start.row}:${range.end.col}:${range.end.row}`;
    const pass = this.pass();
    let out = pass.columns.get(key);
    if (!out) {
      out = [];
      const graph = (this as any).dependencyGraph;
      for (const address of range.addresses(graph)) out.push(rawValue(graph.getScalarValue(address)));
      pass.columns.set(key, out);
    }
    return out;
  }

  /** The 0/1 mask of a (range, criterion) pair, once per pass; an error for a criterion that is not one. */
  private mask(r: any, criterion: unknown): Uint8Array | { error: unknown } {
    const pkg = (this as any).interpreter.criterionBuilder.fromCellValue(criterion, (this as any).arithmeticHelper);
    if (pkg === undefined) return { error: badCriterion() };
    const range = r?.range;
    const key = range
      ? `${range.start.sheet}:${range.start.col}:${range.start.row}:${range.end.col}:${range.end.row}|${typeof criterion}:${String(criterion)}`
      : null;
    const pass = this.pass();
    const hit = key ? pass.masks.get(key) : undefined;
    if (hit) return hit;
    const vals = this.values(r);
    const m = new Uint8Array(vals.length);
    for (let i = 0; i < vals.length; i++) if (pkg.lambda(vals[i])) m[i] = 1;
    if (key) pass.masks.set(key, m);
    return m;
  }

  /** The rows every condition keeps, or the error to return. */
  private conditions(shape: any, pairs: unknown[]): Uint8Array | { error: unknown } {
    let all: Uint8Array | null = null;
    for (let i = 0; i < pairs.length; i += 2) {
      const range = pairs[i] as any;
      if (!range.sameDimensionsAs(shape)) return { error: unequal() };
      const m = this.mask(range, pairs[i + 1]);
      if (!(m instanceof Uint8Array)) return m;
      if (all === null) all = m.slice();
      else for (let k = 0; k < all.length; k++) all[k] &= m[k];
    }
    return all ?? new Uint8Array(0);
  }

  private sum(valuesRange: any, rows: Uint8Array): unknown {
    const vals = this.values(valuesRange);
    let total = 0;
    for (let k = 0; k < rows.length; k++) {
      if (!rows[k]) continue;
      const v = vals[k];
      if (typeof v === "number") total += v;
      else if (isCellError(v)) return v;
    }
    return total;
  }

  private static count(rows: Uint8Array): number {
    let n = 0;
    for (let k = 0; k < rows.length; k++) n += rows[k];
    return n;
  }

  sumifs(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("SUMIFS"), (values: any, ...pairs: unknown[]) => {
      const rows = this.conditions(values, pairs);
      return (rows instanceof Uint8Array ? this.sum(values, rows) : rows.error) as any;
    });
  }

  countifs(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("COUNTIFS"), (...pairs: unknown[]) => {
      const rows = this.conditions(pairs[0], pairs);
      return (rows instanceof Uint8Array ? FastCriteriaPlugin.count(rows) : rows.error) as any;
    });
  }

  /** The numbers the rows keep (the first error wins), folded by `f`; `empty` when there are none. */
  private fold(values: any, rows: Uint8Array, f: (acc: number, x: number) => number, empty: unknown): unknown {
    const vals = this.values(values);
    let acc: number | null = null;
    for (let k = 0; k < rows.length; k++) {
      if (!rows[k]) continue;
      const v = vals[k];
      if (typeof v === "number") acc = acc === null ? v : f(acc, v);
      else if (isCellError(v)) return v;
    }
    return acc ?? empty;
  }

  minifs(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("MINIFS"), (values: any, ...pairs: unknown[]) => {
      const rows = this.conditions(values, pairs);
      return (rows instanceof Uint8Array ? this.fold(values, rows, Math.min, 0) : rows.error) as any;
    });
  }

  maxifs(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("MAXIFS"), (values: any, ...pairs: unknown[]) => {
      const rows = this.conditions(values, pairs);
      return (rows instanceof Uint8Array ? this.fold(values, rows, Math.max, 0) : rows.error) as any;
    });
  }

  /** AVERAGEIFS, which HyperFormula lacks: the mean of the numbers kept; #DIV/0! when there are none. */
  averageifs(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("AVERAGEIFS"), (values: any, ...pairs: unknown[]) => {
      const rows = this.conditions(values, pairs);
      if (!(rows instanceof Uint8Array)) return rows.error as any;
      const vals = this.values(values);
      let sum = 0;
      let n = 0;
      for (let k = 0; k < rows.length; k++) {
        if (!rows[k]) continue;
        const v = vals[k];
        if (typeof v === "number") {
          sum += v;
          n++;
        } else if (isCellError(v)) return v as any;
      }
      return (n ? sum / n : new CellError(ErrorType.DIV_BY_ZERO)) as any;
    });
  }

  sumif(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("SUMIF"), (range: any, criterion: unknown, values?: any) => {
      const rows = this.conditions(values ?? range, [range, criterion]);
      return (rows instanceof Uint8Array ? this.sum(values ?? range, rows) : rows.error) as any;
    });
  }

  countif(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata("COUNTIF"), (range: any, criterion: unknown) => {
      const rows = this.conditions(range, [range, criterion]);
      return (rows instanceof Uint8Array ? FastCriteriaPlugin.count(rows) : rows.error) as any;
    });
  }
}

// HyperFormula's error values, with its own messages (error-message.js, 3.5.0).
function badCriterion() {
  return new CellError(ErrorType.VALUE, "Incorrect criterion.");
}
function unequal() {
  return new CellError(ErrorType.VALUE, "Ranges need to be of equal length.");
}

const RANGE = { argumentType: FunctionArgumentType.RANGE };
const NOERROR = { argumentType: FunctionArgumentType.NOERROR };
(FastCriteriaPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = {
  SUMIFS: { method: "sumifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
  COUNTIFS: { method: "countifs", parameters: [RANGE, NOERROR], repeatLastArgs: 2 },
  SUMIF: { method: "sumif", parameters: [RANGE, NOERROR, { ...RANGE, optionalArg: true }] },
  COUNTIF: { method: "countif", parameters: [RANGE, NOERROR] },
  MINIFS: { method: "minifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
  MAXIFS: { method: "maxifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
  AVERAGEIFS: { method: "averageifs", parameters: [RANGE, RANGE, NOERROR], repeatLastArgs: 2 },
};

/** Wraps an engine's evaluator so that each of its runs starts a new pass. */
export function passPerEvaluation(hf: object): void {
  const evaluator = (hf as any)._evaluator;
  const interpreter = evaluator?.interpreter;
  if (!evaluator || !interpreter) throw new Error("HyperFormula internals changed: the criteria plugin needs 3.5.0");
  for (const method of ["run", "partialRun", "runAndForget"]) {
    const original = evaluator[method].bind(evaluator);
    evaluator[method] = (...args: unknown[]) => {
      startPass(interpreter);
      return original(...args);
    };
  }
}
