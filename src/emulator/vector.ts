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

/** The fewest rows a column needs to be held as one (tests lower it). */
export const vectorConfig = { minRows: 1_000 };

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
]);

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

/** One column held as one: its sheet (the engine's id), its cells and its rows' syntax tree. */
export interface VectorSpec {
  id: number;
  sheet: number;
  rect: Rect;
  /** The first row's formula as the engine parsed it at the first row (relative references as offsets). */
  template: Ast;
  /** The template compiled, on the column's first evaluation (vector-compile.ts). */
  row?: RowEvaluator;
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

/** What a qualifying column becomes: the anchor's formula (for the engine) and the tree it evaluates. */
export interface VectorPlan {
  template: Ast;
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
    if (!SCALAR_FUNCTIONS.has((node.procedureName ?? "").toUpperCase())) return false;
    for (const a of node.args ?? []) {
      if (Array.isArray(a)) return false;
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
 * held as one, and how. `texts` are the rows' formulas as written, `=` included.
 */
export function vectorPlan(
  hf: HyperFormula,
  sheet: number,
  rect: Rect,
  texts: string[],
  translated: (i: number) => string,
  nameExpr: (name: string) => string | undefined,
): VectorPlan | null {
  if (rect.c0 !== rect.c1 || texts.length !== rect.r1 - rect.r0 + 1 || texts.length < vectorConfig.minRows) return null;
  const marks: number[] = [];
  const key = relativeKey(texts[0], rect.r0, rect.c0, marks);
  if (key === null) return null;
  for (let i = 1; i < texts.length; i++)
    if (!isShiftedCopy(texts[0], marks, texts[i], i) && relativeKey(texts[i], rect.r0 + i, rect.c0) !== key)
      return null;
  // What the engine takes must be one formula in R1C1 too: a table's [@column] is not (it becomes
  // the row's own absolute reference), nor may a grown table's columns be.
  const head = translated(0);
  const tail = translated(texts.length - 1);
  const headKey = relativeKey(head, rect.r0, rect.c0);
  if (headKey === null || headKey !== relativeKey(tail, rect.r1, rect.c0)) return null;
  const internals = internalsOf(hf);
  const first = { sheet, row: rect.r0, col: rect.c0 };
  const last = { sheet, row: rect.r1, col: rect.c0 };
  let ast: AstNode | undefined;
  try {
    ast = parseFormula(internals, head, first);
  } catch {
    return null;
  }
  if (!ast || ast.type === "ERROR" || ast.type === "ERROR_WITH_RAW_INPUT") return null;
  const read = { refs: [] as RefRect[], names: new Set<string>() };
  // A row that is a bare reference or a range would be one value per row read differently: refused.
  if (ast.type === "CELL_REFERENCE" || ast.type === "CELL_RANGE" || ast.type === "NAMED_EXPRESSION") return null;
  if (!collect(ast, first, last, read)) return null;
  for (const name of read.names) {
    const expr = nameExpr(name);
    if (expr === undefined) return null;
    let named: AstNode | undefined;
    try {
      named = parseFormula(internals, expr.startsWith("=") ? expr : `=${expr}`, first);
    } catch {
      return null;
    }
    const r = named && refRect(named, first);
    if (!r) return null;
    read.refs.push(r);
  }
  // Nothing read inside the column: each row is computed once, in one pass.
  if (read.refs.some((r) => r.sheet === sheet && intersects(r.rect, rect))) return null;
  const dependencies = read.refs.map((r) => rangeText(hf, r));
  for (const n of read.names) dependencies.push(n);
  return { template: ast as unknown as Ast, dependencies };
}

/** Records a planned column; returns the formula the engine holds at its first cell. */
export function registerVector(hf: HyperFormula, sheet: number, rect: Rect, plan: VectorPlan): string {
  const reg = registryOf(dependencyGraphOf(hf));
  const id = reg.next++;
  reg.byId.set(id, { id, sheet, rect, template: plan.template });
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
  };

  vector(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const spec = specOf(this.dependencyGraph, ast, state.formulaAddress);
    if (!spec) return new CellError(ErrorType.NAME);
    const rows: InterpreterValue[][] = [];
    const { sheet, col } = state.formulaAddress;
    spec.row ??= compileRow(this.interpreter, this.dependencyGraph, spec.template);
    spec.row.begin();
    for (let row = spec.rect.r0; row <= spec.rect.r1; row++) {
      let v: InterpreterValue;
      try {
        v = spec.row(stateAt(state, { sheet, row, col }));
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
  for (const v of registryOf(x.dependencyGraph).byId.values())
    if (v.sheet === address.sheet && inRect(v.rect, address.row, address.col)) return { ast: v.template, address };
  return formulaAt(x, address);
}
