/**
 * Formula columns computed as one (issue 35). A column of thousands of formulas that are one
 * formula in R1C1 (the portfolio's sorted copy: one per revenue row) cost HyperFormula a vertex, a
 * parse, a place in the dependency sort and about 5 KB of heap each: 60,000 of them were most of
 * the command line's 2 GB and half its time. Excel stores and computes such a column cell by cell
 * too; what a user sees of it (each cell's formula, its value, what reads it) is the same here.
 *
 * Here such a column is held in the engine as ONE array formula at its first cell,
 * `=SIXSTEPVECTOR(id, <every range the rows read>…)`, whose value is the column: the function
 * evaluates the rows' syntax tree (parsed once, at the first row) at each row's address with the
 * engine's own interpreter, so each row computes exactly what its own formula would. The ranges
 * it is given are the union of what the rows read, so the engine recomputes the column when any
 * of them changes, and whatever reads the column (SUMIFS over it) reads its cells as it reads any
 * spilled array. Each row's own formula text stays in the sheet's formulas: Range.formulas, the
 * files we write and the formula-work count see the rows, never SIXSTEPVECTOR.
 *
 * A column qualifies only when its evaluation cannot differ from the cells' (`vectorPlan`): every
 * row the same formula in R1C1, only the functions listed below (no volatile, reference-making or
 * array-returning one), no whole column or row, no inline array, and nothing it reads inside the
 * column itself (each row is computed once, in one pass). The model (model.ts) turns the column
 * back into single formulas before anything writes, clears or re-resolves any of its cells.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  SimpleRangeValue,
  type HyperFormula,
  type ImplementedFunctions,
} from "hyperformula";
import { colLetters, inRect, intersects, quoteSheet, type Rect } from "./address";
import {
  BINARY_NODES,
  dependencyGraphOf,
  stateAt,
  formulaAt,
  internalsOf,
  parseFormula,
  type Ast,
  type AstNode,
  type DependencyGraph,
  type Internals,
  type InterpreterState,
  type InterpreterValue,
  type ProcedureAst,
  type SimpleCellAddress,
} from "./hf-internals";
import { isShiftedCopy, relativeKey } from "./parse-memo";
import { compileRow, type RowEvaluator } from "./vector-compile";

export const VECTOR_FUNCTION = "SIXSTEPVECTOR";

/**
 * The fewest rows a column needs to be held as one (tests lower it), and the most formulas in
 * R1C1 its rows may hold between them (the copy's sums: one for each length of slice).
 */
export const vectorConfig = { minRows: 1_000, maxShapes: 256 };

/** Functions whose value depends on their arguments alone and is one value. */
const SCALAR_FUNCTIONS = new Set([
  "IF",
  "IFERROR",
  "IFNA",
  "AND",
  "OR",
  "NOT",
  "TRUE",
  "FALSE",
  "INDEX",
  "MATCH",
  "N",
  "NA",
  "ISNUMBER",
  "ISTEXT",
  "ISBLANK",
  "ISERROR",
  "ISNA",
  "ISERR",
  "ABS",
  "ROUND",
  "VALUE",
  "LEN",
  "LEFT",
  "RIGHT",
  "MID",
  "UPPER",
  "LOWER",
  "TRIM",
  "MAX",
  "MIN",
  "SUM",
  // The criteria functions (criteria.ts): one value from their ranges and criteria (the copy's
  // sums: a SUMIFS over each slice).
  "SUMIFS",
  "SUMIF",
  "COUNTIF",
  "COUNTIFS",
]);

/** Functions of HyperFormula's that read a range argument through its vertex (NumericAggregationPlugin). */
const AGGREGATES = new Set(["SUM", "MAX", "MIN"]);

function sameRect(a: RefRect | null, b: RefRect | null): boolean {
  return (
    !!a &&
    !!b &&
    a.sheet === b.sheet &&
    a.rect.r0 === b.rect.r0 &&
    a.rect.r1 === b.rect.r1 &&
    a.rect.c0 === b.rect.c0 &&
    a.rect.c1 === b.rect.c1
  );
}

/** Node types a row's formula may hold besides function calls and references. */
const PLAIN_NODES = new Set([
  "NUMBER",
  "STRING",
  "ERROR",
  "PARENTHESES",
  "PLUS_UNARY_OP",
  "MINUS_UNARY_OP",
  "PERCENT_OP",
  ...BINARY_NODES,
]);

/**
 * One column held as one: its sheet (the engine's id), its cells and its rows' syntax trees. Most
 * columns are one formula in R1C1 on every row. A column of sums on some rows (the copy's AT:AV:
 * a customer's or a service's sums on its last row, the rest empty) has rows without a formula, and one formula
 * in R1C1 for each length of slice it sums: a tree for each (`templates`), and each row's
 * (`shapeOf`).
 */
export interface VectorSpec {
  id: number;
  sheet: number;
  rect: Rect;
  /** Each formula's tree as the engine parsed it at its first row (relative references as offsets). */
  templates: Ast[];
  /** Each row's tree (its index in `templates`), -1 for a row without a formula; null: every row the first. */
  shapeOf: Int16Array | null;
  /** The trees compiled, on the column's first evaluation (vector-compile.ts). */
  rows?: RowEvaluator[];
}

interface Registry {
  next: number;
  byId: Map<number, VectorSpec>;
}

const registries = new WeakMap<DependencyGraph, Registry>();

function registryOf(graph: DependencyGraph): Registry {
  let r = registries.get(graph);
  if (!r) registries.set(graph, (r = { next: 1, byId: new Map() }));
  return r;
}

/** The columns held as one in an engine. */
export function vectorsOf(hf: HyperFormula): Map<number, VectorSpec> {
  return registryOf(dependencyGraphOf(hf)).byId;
}

/** A row's tree (`i` from the column's first row): its index in `templates`, -1 where the row holds no formula. */
export function shapeAt(shapeOf: Int16Array | null, i: number): number {
  return shapeOf ? shapeOf[i] : 0;
}

/** The column held as one that holds a cell, if any. */
function vectorAt(graph: DependencyGraph, address: SimpleCellAddress): VectorSpec | undefined {
  for (const v of registryOf(graph).byId.values())
    if (v.sheet === address.sheet && inRect(v.rect, address.row, address.col)) return v;
  return undefined;
}

/** What a qualifying column becomes: the anchor's formula (for the engine) and the trees it evaluates. */
export interface VectorPlan {
  templates: Ast[];
  shapeOf: Int16Array | null;
  /** Each tree's first row (0-based in the column): its text is that shape's head. */
  heads: number[];
  /** `=SIXSTEPVECTOR(id, …)` without the id: filled in by `registerVector`. */
  dependencies: string[];
}

interface RefRect {
  sheet: number;
  rect: Rect;
}

/** A node's references resolved at a row: a cell or a range (whole columns and rows: null, refused). */
function refRect(node: AstNode, base: SimpleCellAddress): RefRect | null {
  if (node.type === "CELL_REFERENCE" && node.reference) {
    const a = node.reference.toSimpleCellAddress(base);
    return { sheet: a.sheet, rect: { r0: a.row, r1: a.row, c0: a.col, c1: a.col } };
  }
  if (node.type === "CELL_RANGE" && node.start && node.end) {
    const s = node.start.toSimpleCellAddress(base);
    const e = node.end.toSimpleCellAddress(base);
    if (s.sheet !== e.sheet) return null;
    return {
      sheet: s.sheet,
      rect: {
        r0: Math.min(s.row, e.row),
        r1: Math.max(s.row, e.row),
        c0: Math.min(s.col, e.col),
        c1: Math.max(s.col, e.col),
      },
    };
  }
  return null;
}

/**
 * The references and names a tree reads, each range as the union over the column's rows, or null
 * when the tree holds anything the column may not be computed as one with.
 */
function collect(
  node: AstNode,
  first: SimpleCellAddress,
  last: SimpleCellAddress,
  out: { refs: RefRect[]; names: Set<string> },
): boolean {
  if (node.type === "CELL_REFERENCE" || node.type === "CELL_RANGE") {
    const a = refRect(node, first);
    const b = refRect(node, last);
    if (!a || !b || a.sheet !== b.sheet) return false;
    out.refs.push({
      sheet: a.sheet,
      rect: {
        r0: Math.min(a.rect.r0, b.rect.r0),
        r1: Math.max(a.rect.r1, b.rect.r1),
        c0: Math.min(a.rect.c0, b.rect.c0),
        c1: Math.max(a.rect.c1, b.rect.c1),
      },
    });
    return true;
  }
  if (node.type === "NAMED_EXPRESSION") {
    if (!node.expressionName) return false;
    out.names.add(node.expressionName);
    return true;
  }
  if (node.type === "FUNCTION_CALL") {
    const name = (node.procedureName ?? "").toUpperCase();
    if (!SCALAR_FUNCTIONS.has(name)) return false;
    for (const a of node.args ?? []) {
      if (Array.isArray(a)) return false;
      // HyperFormula's SUM, MAX and MIN read a range through its vertex in the dependency graph,
      // which only a cell's own formula makes: a range that moves with the row is refused (as one
      // column, its rows would be #VALUE!). The same range from every row is the column's own.
      if (AGGREGATES.has(name) && a.type === "CELL_RANGE" && !sameRect(refRect(a, first), refRect(a, last)))
        return false;
      if (!collect(a, first, last, out)) return false;
    }
    return true;
  }
  if (!PLAIN_NODES.has(node.type)) return false;
  // A literal's `value` is its number or text, not a node.
  if (node.type === "NUMBER" || node.type === "STRING" || node.type === "ERROR") return true;
  for (const child of [node.left, node.right, node.value, node.expression])
    if (child && !collect(child, first, last, out)) return false;
  return true;
}

function rangeText(hf: HyperFormula, r: RefRect): string {
  const name = hf.getSheetName(r.sheet);
  const a = `$${colLetters(r.rect.c0)}$${r.rect.r0 + 1}`;
  const b = `$${colLetters(r.rect.c1)}$${r.rect.r1 + 1}`;
  return `${quoteSheet(name ?? "")}!${a}:${b}`;
}

/**
 * Whether a column of formulas (as the engine takes them: `translated(row)` gives a row's) can be
 * held as one, and how. `texts` are the rows' formulas as written, `=` included; null for a row
 * without one (never the first or the last). The rows are grouped by their formula in R1C1
 * (`vectorConfig.maxShapes` at most, four rows a shape at least), each group parsed once at its
 * first row.
 */
export function vectorPlan(
  hf: HyperFormula,
  sheet: number,
  rect: Rect,
  texts: (string | null)[],
  translated: (i: number) => string,
  nameExpr: (name: string) => string | undefined,
): VectorPlan | null {
  const n = texts.length;
  if (rect.c0 !== rect.c1 || n !== rect.r1 - rect.r0 + 1 || n < vectorConfig.minRows) return null;
  if (texts[0] === null || texts[n - 1] === null) return null;
  const shapes: { head: number; last: number; marks: number[] }[] = [];
  const byKey = new Map<string, number>();
  const shapeOf = new Int16Array(n).fill(-1);
  let current = -1;
  let formulas = 0;
  for (let i = 0; i < n; i++) {
    const text = texts[i];
    if (text === null) continue;
    formulas++;
    // Most rows are the previous row's formula moved down (isShiftedCopy allocates nothing).
    let k = -1;
    if (current >= 0) {
      const g = shapes[current];
      if (isShiftedCopy(texts[g.head]!, g.marks, text, i - g.head)) k = current;
    }
    if (k < 0) {
      const marks: number[] = [];
      const key = relativeKey(text, rect.r0 + i, rect.c0, marks);
      if (key === null) return null;
      const known = byKey.get(key);
      if (known !== undefined) k = known;
      else {
        if (shapes.length >= vectorConfig.maxShapes) return null;
        k = shapes.length;
        shapes.push({ head: i, last: i, marks });
        byKey.set(key, k);
      }
    }
    shapes[k].last = i;
    shapeOf[i] = k;
    current = k;
  }
  // A shape's tree is parsed and compiled once: worth it for a few shapes among many rows, not
  // for a column whose rows each read their own absolute cells.
  if (shapes.length > 1 && formulas < 4 * shapes.length) return null;
  const internals = internalsOf(hf);
  const read = { refs: [] as RefRect[], names: new Set<string>() };
  const templates: Ast[] = [];
  for (const g of shapes) {
    // What the engine takes must be one formula in R1C1 too: a table's [@column] is not (it becomes
    // the row's own absolute reference), nor may a grown table's columns be.
    const head = translated(g.head);
    const headKey = relativeKey(head, rect.r0 + g.head, rect.c0);
    if (headKey === null || headKey !== relativeKey(translated(g.last), rect.r0 + g.last, rect.c0)) return null;
    const first = { sheet, row: rect.r0 + g.head, col: rect.c0 };
    const last = { sheet, row: rect.r0 + g.last, col: rect.c0 };
    let ast: AstNode | undefined;
    try {
      ast = parseFormula(internals, head, first);
    } catch {
      return null;
    }
    if (!ast || ast.type === "ERROR" || ast.type === "ERROR_WITH_RAW_INPUT") return null;
    // A row that is a bare reference or a range would be one value per row read differently: refused.
    if (ast.type === "CELL_REFERENCE" || ast.type === "CELL_RANGE" || ast.type === "NAMED_EXPRESSION") return null;
    if (!collect(ast, first, last, read)) return null;
    templates.push(ast as unknown as Ast);
  }
  const base = { sheet, row: rect.r0, col: rect.c0 };
  for (const name of read.names) {
    const expr = nameExpr(name);
    if (expr === undefined) return null;
    let named: AstNode | undefined;
    try {
      named = parseFormula(internals, expr.startsWith("=") ? expr : `=${expr}`, base);
    } catch {
      return null;
    }
    const r = named && refRect(named, base);
    if (!r) return null;
    read.refs.push(r);
  }
  // Nothing read inside the column: each row is computed once, in one pass.
  if (read.refs.some((r) => r.sheet === sheet && intersects(r.rect, rect))) return null;
  const dependencies = read.refs.map((r) => rangeText(hf, r));
  for (const name of read.names) dependencies.push(name);
  return {
    templates,
    shapeOf: formulas < n || shapes.length > 1 ? shapeOf : null,
    heads: shapes.map((g) => g.head),
    dependencies,
  };
}

/** Records a planned column; returns the formula the engine holds at its first cell. */
export function registerVector(hf: HyperFormula, sheet: number, rect: Rect, plan: VectorPlan): string {
  const reg = registryOf(dependencyGraphOf(hf));
  const id = reg.next++;
  reg.byId.set(id, { id, sheet, rect, templates: plan.templates, shapeOf: plan.shapeOf });
  return `=${VECTOR_FUNCTION}(${[String(id)].concat(plan.dependencies).join(",")})`;
}

export function unregisterVector(hf: HyperFormula, spec: VectorSpec): void {
  vectorsOf(hf).delete(spec.id);
}

/** The spec a SIXSTEPVECTOR call names, when it stands at that column's first cell (else none: a user's call). */
function specOf(graph: DependencyGraph, ast: ProcedureAst, at: SimpleCellAddress): VectorSpec | undefined {
  const arg = ast.args[0] as unknown as AstNode & { value?: unknown };
  if (!arg || arg.type !== "NUMBER" || typeof arg.value !== "number") return undefined;
  const spec = registryOf(graph).byId.get(arg.value);
  if (!spec || spec.sheet !== at.sheet || spec.rect.r0 !== at.row || spec.rect.c0 !== at.col) return undefined;
  return spec;
}

/** SIXSTEPVECTOR: the column's rows, each computed as its own formula would be. */
export class VectorPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    [VECTOR_FUNCTION]: {
      method: "vector",
      sizeOfResultArrayMethod: "vectorSize",
      parameters: [{ argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
    // HyperFormula's ISFORMULA asks whether the cell's vertex is a formula's: a row of a column
    // held as one is the array's, whether or not it holds a formula (a column of sums on some rows).
    ISFORMULA: {
      method: "isformula",
      parameters: [{ argumentType: FunctionArgumentType.NOERROR }],
      doesNotNeedArgumentsToBeComputed: true,
      vectorizationForbidden: true,
    },
  };

  /** ISFORMULA as HyperFormula's, but a row of a column held as one holds a formula only where one was written. */
  isformula(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    return this.runFunctionWithReferenceArgument(
      ast.args,
      state,
      this.metadata("ISFORMULA"),
      () => new CellError(ErrorType.NA),
      (reference: SimpleCellAddress) => {
        const v = vectorAt(this.dependencyGraph, reference);
        if (v) return shapeAt(v.shapeOf, reference.row - v.rect.r0) >= 0;
        // A formula's vertex, as HyperFormula's own test (a cell that failed to parse has no address).
        const vertex = this.dependencyGraph.getCell(reference) as
          { getFormula?: unknown; getAddress?: unknown } | undefined;
        return typeof vertex?.getFormula === "function" && typeof vertex.getAddress === "function";
      },
    );
  }

  vector(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const spec = specOf(this.dependencyGraph, ast, state.formulaAddress);
    if (!spec) return new CellError(ErrorType.NAME);
    const rows: InterpreterValue[][] = [];
    const { sheet, col } = state.formulaAddress;
    const evaluators = (spec.rows ??= spec.templates.map((t) => compileRow(this.interpreter, this.dependencyGraph, t)));
    for (const e of evaluators) e.begin();
    const { shapeOf } = spec;
    for (let row = spec.rect.r0; row <= spec.rect.r1; row++) {
      const k = shapeAt(shapeOf, row - spec.rect.r0);
      // A row without a formula is an empty cell of the array: it reads as blank, as the cell does.
      if (k < 0) {
        rows.push([EmptyValue]);
        continue;
      }
      let v: InterpreterValue;
      try {
        v = evaluators[k](stateAt(state, { sheet, row, col }));
      } catch {
        v = new CellError(ErrorType.VALUE);
      }
      // As a formula cell shows them: an empty result as 0 (evaluateNullToZero), a range as #VALUE!.
      if (v === EmptyValue) v = 0;
      else if (v instanceof SimpleRangeValue) v = new CellError(ErrorType.VALUE);
      rows.push([v]);
    }
    return SimpleRangeValue.onlyValues(rows as never);
  }

  vectorSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const spec = specOf(this.dependencyGraph, ast, state.formulaAddress);
    return spec ? new ArraySize(1, spec.rect.r1 - spec.rect.r0 + 1) : ArraySize.scalar();
  }
}

/**
 * The syntax tree of the formula at a cell as its own formula would have it: a row of a column
 * held as one gives the rows' tree (the formula-work count reads what each row computes).
 */
export function rowFormulaAt(
  x: Internals,
  address: SimpleCellAddress,
): { ast: Ast; address: SimpleCellAddress } | undefined {
  const v = vectorAt(x.dependencyGraph, address);
  if (!v) return formulaAt(x, address);
  const k = shapeAt(v.shapeOf, address.row - v.rect.r0);
  return k < 0 ? undefined : { ast: v.templates[k], address };
}
