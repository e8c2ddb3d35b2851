/**
 * A column held as one (vector.ts) evaluates its rows' syntax tree at each row. Through the
 * interpreter alone, every function call in it goes through HyperFormula's argument handling
 * (the function's metadata, coercions, array checks): at 60,000 rows of the portfolio's copy that
 * was about a second and a gigabyte of short-lived objects per evaluation.
 *
 * `compileRow` turns the tree into closures once. They answer the common cases directly, with
 * what HyperFormula's own functions answer for them:
 * - IF whose condition is a boolean: the branch taken (HyperFormula's IF returns that argument as
 *   it is; an error in the branch not taken is not the result);
 * - AND whose arguments are all booleans: whether every one is TRUE;
 * - N of a plain number: that number;
 * - INDEX of a reference (a range or a name) at a whole row (and column) inside it: the cell's value,
 *   as fast-index.ts reads it;
 * - the operators: HyperFormula's own operator functions on the operands' values.
 * Anything else — an error or a range where a value is wanted, a text or an empty cell where a
 * number is, any other function, a result the interpreter would post-process — is handed to the
 * interpreter, node by node (`interpreter.evaluateAst`), which computes it as the cell's own
 * formula would. `test/emulator/vector.test.ts` compares every value with the cells computed one
 * by one.
 */
import { CellError, SimpleRangeValue } from "hyperformula";
import {
  cellValueAt,
  interpreterOperators,
  rangeDataRead,
  type AstNode,
  type DependencyGraph,
  type Interpreter,
  type InterpreterState,
  type InterpreterValue,
  type Ast,
} from "./hf-internals";

/**
 * A row's evaluation: the value at `state.formulaAddress`. `begin` is called before each
 * evaluation of the column: what does not depend on the row (an INDEX's absolute range) is read
 * once in it.
 */
export type RowEvaluator = ((state: InterpreterState) => InterpreterValue) & { begin(): void };

/** Returned by a fast path that does not apply: the node goes to the interpreter. */
const DEFER = Symbol("defer");
type Fast = (state: InterpreterState) => InterpreterValue | typeof DEFER;

const BINARY: Record<string, string> = {
  CONCATENATE_OP: "concatOp",
  EQUALS_OP: "equalOp",
  NOT_EQUAL_OP: "notEqualOp",
  GREATER_THAN_OP: "greaterThanOp",
  LESS_THAN_OP: "lessThanOp",
  GREATER_THAN_OR_EQUAL_OP: "greaterThanOrEqualOp",
  LESS_THAN_OR_EQUAL_OP: "lessThanOrEqualOp",
  PLUS_OP: "plusOp",
  MINUS_OP: "minusOp",
  TIMES_OP: "timesOp",
  DIV_OP: "divOp",
};

export function compileRow(interpreter: Interpreter, graph: DependencyGraph, template: Ast): RowEvaluator {
  const compiler = new RowCompiler(interpreter, graph);
  const row = compiler.compile(template as unknown as AstNode);
  return Object.assign((state: InterpreterState) => row(state), { begin: () => compiler.epoch++ });
}

type Evaluate = (state: InterpreterState) => InterpreterValue;

class RowCompiler {
  private readonly ops: ReturnType<typeof interpreterOperators>;
  /** Bumped before each evaluation of the column (`begin`): what is read once per evaluation. */
  epoch = 0;

  constructor(
    private readonly interpreter: Interpreter,
    private readonly graph: DependencyGraph,
  ) {
    this.ops = interpreterOperators(interpreter);
  }

  /** A node's evaluator: its fast path where it has one, the interpreter where that defers. */
  compile(node: AstNode): Evaluate {
    const fast = this.fastPath(node);
    const viaInterpreter = this.slow(node);
    if (!fast) return viaInterpreter;
    return (state) => {
      const v = fast(state);
      return v === DEFER ? viaInterpreter(state) : v;
    };
  }

  private slow(node: AstNode): Evaluate {
    return (state) => this.interpreter.evaluateAst(node as unknown as Ast, state) as InterpreterValue;
  }

  private fastPath(node: AstNode): Fast | null {
    if (node.type === "NUMBER" || node.type === "STRING") {
      const value = (node as unknown as { value: InterpreterValue }).value;
      // A literal beyond the doubles (1E+309) is the interpreter's #NUM!.
      return typeof value === "number" && !Number.isFinite(value) ? null : () => value;
    }
    if (node.type === "PARENTHESES" && node.expression) return this.compile(node.expression);
    const op = BINARY[node.type];
    if (op && node.left && node.right) {
      const fn = this.ops.binary(op);
      const left = this.compile(node.left);
      const right = this.compile(node.right);
      if (node.type === "CONCATENATE_OP")
        // Two texts: joined, as the interpreter's concatenation joins them (coercion leaves a text as it is).
        return (state) => {
          const l = left(state);
          const r = right(state);
          return typeof l === "string" && typeof r === "string"
            ? l + r
            : plain(this.ops.binaryRangeWrapper(fn, l, r, state));
        };
      if (node.type === "EQUALS_OP")
        return (state) => {
          const l = left(state);
          const r = right(state);
          // The same text is equal whatever the interpreter's comparison makes of it (it tries each
          // text as a date first: the sorted copy's key checks, 120,000 of them, spent their time there).
          return typeof l === "string" && l === r ? true : plain(this.ops.binaryRangeWrapper(fn, l, r, state));
        };
      return (state) => plain(this.ops.binaryRangeWrapper(fn, left(state), right(state), state));
    }
    if (node.type !== "FUNCTION_CALL" || !node.procedureName) return null;
    const args = (node.args ?? []) as AstNode[];
    if (args.some((a) => Array.isArray(a))) return null;
    switch (node.procedureName.toUpperCase()) {
      case "IF":
        return this.ifPath(args);
      case "AND":
        return this.andPath(args);
      case "N":
        return this.nPath(args);
      case "INDEX":
        return this.indexPath(args);
      default:
        return null;
    }
  }

  /**
   * A range argument's evaluation: read once per evaluation of the column where it names the same
   * cells from every row (the sorted copy's four INDEX(Revenue[…]) ranges, 60,000 rows each).
   */
  private constant(node: AstNode): Evaluate {
    const read = this.slow(node);
    if (!sameFromEveryRow(node)) return read;
    let epoch = -1;
    let value: InterpreterValue;
    return (state) => {
      if (epoch !== this.epoch) {
        value = read(state);
        epoch = this.epoch;
      }
      return value;
    };
  }

  private ifPath(args: AstNode[]): Fast | null {
    if (args.length !== 3 || args.some((a) => a.type === "EMPTY")) return null;
    // With array arithmetic on, HyperFormula's IF evaluates both branches and a range in either
    // makes its value an array: such an IF is the interpreter's.
    if (args.slice(1).some(mayBeRange)) return null;
    const [c, a, b] = args.map((x) => this.compile(x));
    return (state) => {
      const cond = c(state);
      if (typeof cond !== "boolean") return DEFER;
      const v = cond ? a(state) : b(state);
      // A range as a branch is HyperFormula's to reduce.
      return v instanceof SimpleRangeValue ? DEFER : v;
    };
  }

  private andPath(args: AstNode[]): Fast | null {
    if (!args.length || args.some((a) => a.type === "EMPTY")) return null;
    const parts = args.map((x) => this.compile(x));
    return (state) => {
      let all = true;
      for (const p of parts) {
        const v = p(state);
        if (typeof v !== "boolean") return DEFER;
        if (!v) all = false;
      }
      return all;
    };
  }

  private nPath(args: AstNode[]): Fast | null {
    if (args.length !== 1) return null;
    const x = this.compile(args[0]);
    return (state) => {
      const v = x(state);
      return typeof v === "number" ? plain(v) : DEFER;
    };
  }

  private indexPath(args: AstNode[]): Fast | null {
    if (args.length < 2 || args.length > 3) return null;
    const ref = args[0];
    if (ref.type !== "CELL_RANGE" && ref.type !== "NAMED_EXPRESSION") return null;
    const range = this.constant(ref);
    const row = this.compile(args[1]);
    const col = args[2] ? this.compile(args[2]) : () => 1;
    return (state) => {
      const arg = range(state);
      if (!(arg instanceof SimpleRangeValue) || !arg.range || rangeDataRead(arg)) return DEFER;
      const r = row(state);
      const c = col(state);
      if (!Number.isInteger(r) || !Number.isInteger(c)) return DEFER;
      const rr = r as number;
      const cc = c as number;
      if (rr < 1 || cc < 1 || rr > arg.height() || cc > arg.width()) return DEFER;
      const s = arg.range.start;
      // The cell's value as evaluateAst leaves it: a text, a boolean, an error, a plain number.
      return plain(cellValueAt(this.graph, { sheet: s.sheet, row: s.row + rr - 1, col: s.col + cc - 1 }));
    };
  }
}

/** Whether a range names the same cells from every row: a name, or absolute at both ends. */
function sameFromEveryRow(node: AstNode): boolean {
  if (node.type === "NAMED_EXPRESSION") return true;
  const absolute = "CELL_REFERENCE_ABSOLUTE";
  return node.type === "CELL_RANGE" && node.start?.type === absolute && node.end?.type === absolute;
}

/** Whether a branch may evaluate to a range: it names one outside an INDEX's first argument. */
function mayBeRange(node: AstNode): boolean {
  const t = node.type;
  if (t === "CELL_RANGE" || t === "COLUMN_RANGE" || t === "ROW_RANGE" || t === "NAMED_EXPRESSION") return true;
  const args = (node.args ?? []).filter((a): a is AstNode => !Array.isArray(a));
  const inner = node.type === "FUNCTION_CALL" && node.procedureName?.toUpperCase() === "INDEX" ? args.slice(1) : args;
  return [node.left, node.right, node.value, node.expression, ...inner].some(
    (x) => typeof x === "object" && x !== null && "type" in x && mayBeRange(x),
  );
}

/**
 * An operator's result as evaluateAst returns it, when it needs none of its post-processing (a
 * finite number other than -0, a text, a boolean, an error); DEFER otherwise.
 */
function plain(v: InterpreterValue): InterpreterValue | typeof DEFER {
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0) ? v : DEFER;
  return typeof v === "string" || typeof v === "boolean" || v instanceof CellError ? v : DEFER;
}
