/**
 * The one door to HyperFormula's internals (pinned at 3.5.0, package.json). Every member of the
 * engine that its public API does not offer is reached here, typed against the declarations the
 * package ships (node_modules/hyperformula/typings): the types below are read off HyperFormula's
 * own `@internal` getters (`dependencyGraph`, `evaluator`, `lazilyTransformingAstService`, which
 * the typings declare with their classes), so an upgrade that renames or retypes a member fails
 * `tsc`. The package's `exports` map has no path to its typings folder, so a deep
 * `import type … from "hyperformula/typings/…"` does not resolve; members the typings declare
 * `private` (hence untyped) have hand-written interfaces here, checked at run time.
 *
 * The version is asserted once per engine (`assertVersion`, from `createHyperFormula` in hf.ts).
 *
 * What the emulator relies on, and why (one line each):
 * - `hf.dependencyGraph` (DependencyGraph): the graph the column store, the wiring and the criteria caches work on.
 * - `hf.evaluator` (Evaluator) `run` / `partialRun` / `runAndForget`: wrapped per engine — a criteria pass per run, lone values skipped.
 * - `evaluator.interpreter.criterionBuilder.fromCellValue`: HyperFormula's own criterion parsing for SUMIFS and the rest.
 * - `interpreter.arithmeticHelper`: what the criterion builder compares with.
 * - `hf.lazilyTransformingAstService` (and its `parser`, the engine's ParserWithCaching): formulas of vertices, parsing.
 * - `parser.parse(text, address).ast`: the blocks a formula reads (columns.ts); wrapped by the lexing memo (`memoiseParses`, below).
 * - `parser.tokenizeFormula`, `computeHashFromTokens`: the memo answers the hash of a known relative form without lexing.
 * - `parser.cache` (private): whether a hash's syntax tree is still cached, before reusing it; `set`, a
 *   tree of ours put in (`memoiseParses`: a formula's shape with its absolute rows moved).
 * - A parsed cell reference's `row`, `isRowAbsolute()`, `shiftedByRows(n)` (parser/CellAddress), and the
 *   syntax tree's node types and their fields (`args`, `left`, `right`, `value`, `expression`, `start`, `end`).
 * - `parser.lexer` (private): a test counts its runs (test/emulator/engine-scale.test.ts).
 * - `parser.convertReversedRangesToRegularRanges` (private): a tree whose ranges are in order is handed over shared (`shareSyntaxTrees`).
 * - `graph` (Graph) `hasNode`, `addEdge`, `markNodeAsDirty`: dirtying and rewiring the ranges over a column-store block.
 * - `graph.addEdge`, `removeEdge`, `removeEdgeIfExists`, `existsEdge`, `adjacentNodesCount`: indexed for wide vertices (`indexWideEdges`, below).
 * - `graph.edgesSparseArray`, `graph.nodesSparseArray` (private): the dependents' arrays that index keeps in step with,
 *   and the recalculation order reads (`sortWithTypedArrays`: `graph.getTopSortedWithSccSubgraphFrom`, patched per engine).
 * - `dependencyGraph.addressMapping` `getCell`, `sheetEntries`: the vertices over a changed block; the used cells (`forEachUsedCell`); an empty cell read without the public getter (`vertexlessAt`).
 * - `dependencyGraph.getRawValue`: a used cell's raw value, as getSheetSerialized reads it.
 * - `addressMapping.mapping` (private: the sheets' strategies) and a DenseStrategy's `mapping` (its rows of vertices): the used cells' box read row by row from each row's ends (`usedBounds`).
 * - `AddressMapping.prototype.getCellValue`: answers a stored cell from its block (patched once: every cell read goes through it).
 * - `dependencyGraph.rangeMapping.rangesInSheet`: the range vertices over a changed block.
 * - `dependencyGraph.getRange`, `fetchCellOrCreateEmpty`, `getScalarValue`, `getCellValue`, `getCell`: reading and wiring cells and ranges.
 * - `DependencyGraph.prototype.processCellDependencies`: a range already wired gets one edge, not a walk of its cells (`wireRangesOnce`).
 * - `AbsoluteCellRange.prototype.addresses`: leaves a block's cells out while its graph wires a range over it (patched once, never swapped).
 * - `AbsoluteCellRange` `start`, `end`, `isFinite`, `effectiveEndRow`, `effectiveEndColumn`: a range's extent.
 * - `RangeVertex.range`, `idInGraph`; `RangeVertex.prototype.clearCache`: the criteria caches die with HyperFormula's own.
 * - `FormulaVertex.getFormula` / `getAddress`: a formula cell's syntax tree (the formula-work count, work.ts).
 * - `ContentChanges.prototype.add` (private): no change list is kept, nothing reads one (`discardChanges`, patched once).
 * - `hf._crudOperations.operations.getOldContent` (private): with undo off, no old content is read (`skipOldContents`, per engine).
 * - `ValueCellVertex` `parsedValue` / `rawValue` (present or not): a plain value vertex, which `skipLoneValues` may leave out
 *   and `plainValues` reads while evaluation is suspended (with `EmptyCellVertex`, by its class's name).
 * - `hf._serialization.getCellValue` (private): what the public getCellValue reads after its suspension check (`plainValues`).
 * - `SimpleRangeValue._data` (private): whether a range argument was read yet (INDEX then reads one cell, fast-index.ts).
 * - `FunctionPlugin`'s protected `interpreter`, `dependencyGraph`, `runFunction`, `metadata`: what HyperFormula's own plugins use.
 * - `interpreter.evaluateAst(ast, state)` and the InterpreterState class (`state.constructor`): a column held as one
 *   evaluates its rows' syntax tree at each row's address (vector.ts).
 * - `interpreter.binaryRangeWrapper` and its operators (`equalOp`, `concatOp`, …; private): a column's
 *   compiled rows apply the interpreter's own operators (`interpreterOperators`, vector-compile.ts).
 *
 * Plugins are registered per engine (the `functionPlugins` option, HyperFormula's own plugins then
 * ours); only the function names' translations are global (languages are), see hf.ts.
 */
import { HyperFormula, type FunctionPlugin, type SimpleCellAddress } from "hyperformula";
import { inRect, intersection, intersects, type Rect } from "../address";
import { isShiftedCopy, keyShape, relativeKey } from "./parse-memo";
import { topSorter } from "./top-sort";

export const HF_VERSION = "3.5.0";

export type DependencyGraph = HyperFormula["dependencyGraph"];
export type Graph = DependencyGraph["graph"];
export type Vertex = Parameters<Graph["hasNode"]>[0];
export type CellVertex = NonNullable<ReturnType<DependencyGraph["getCell"]>>;
export type RangeVertex = NonNullable<ReturnType<DependencyGraph["getRange"]>>;
export type AbsoluteCellRange = RangeVertex["range"];
export type AddressMapping = DependencyGraph["addressMapping"];
export type Evaluator = HyperFormula["evaluator"];
export type Interpreter = Evaluator["interpreter"];
export type LazilyTransformingAstService = HyperFormula["lazilyTransformingAstService"];
export type Parser = NonNullable<LazilyTransformingAstService["parser"]>;
type RunFunction = FunctionPlugin["runFunction"];
/** A syntax tree node, the interpreter's state and a function's value, as a plugin method gets and gives them. */
export type Ast = Parameters<RunFunction>[0][number];
export type ProcedureAst = Extract<Ast, { procedureName: string }>;
export type InterpreterState = Parameters<RunFunction>[1];
export type InterpreterValue = ReturnType<Parameters<RunFunction>[3]>;
export type { SimpleCellAddress };

/** Throws unless the installed HyperFormula is the one these internals were written against. */
export function assertVersion(): void {
  if (HyperFormula.version !== HF_VERSION)
    throw new Error(`HyperFormula ${HyperFormula.version} installed; the emulator's internals need ${HF_VERSION}`);
}

/** The engine's internals the emulator works on. */
export interface Internals {
  dependencyGraph: DependencyGraph;
  graph: Graph;
  addressMapping: AddressMapping;
  evaluator: Evaluator;
  interpreter: Interpreter;
  parser: Parser;
  lazilyTransformingAstService: LazilyTransformingAstService;
}

/** The engine's dependency graph (its typed `@internal` getter). */
export function dependencyGraphOf(hf: HyperFormula): DependencyGraph {
  return hf.dependencyGraph;
}

export function internalsOf(hf: HyperFormula): Internals {
  const dependencyGraph = hf.dependencyGraph;
  const evaluator = hf.evaluator;
  const lazy = hf.lazilyTransformingAstService;
  const parser = lazy?.parser;
  if (!dependencyGraph?.graph || !dependencyGraph.addressMapping || !evaluator?.interpreter || !parser)
    throw new Error(`HyperFormula internals changed: the emulator needs ${HF_VERSION}`);
  return {
    dependencyGraph,
    graph: dependencyGraph.graph,
    addressMapping: dependencyGraph.addressMapping,
    evaluator,
    interpreter: evaluator.interpreter,
    parser,
    lazilyTransformingAstService: lazy,
  };
}

/** A formula vertex's syntax tree and address, as FormulaVertex declares them. */
type FormulaVertex = Pick<Parameters<DependencyGraph["addArrayVertex"]>[1], "getFormula" | "getAddress">;

/** The syntax tree of the formula at an address (resolved as the engine last transformed it), if one is there. */
export function formulaAt(
  x: Internals,
  address: SimpleCellAddress,
): { ast: Ast; address: SimpleCellAddress } | undefined {
  const v = x.dependencyGraph.getCell(address) as (CellVertex & Partial<FormulaVertex>) | undefined;
  if (!v?.getFormula || !v.getAddress) return undefined;
  const lazy = x.lazilyTransformingAstService;
  return { ast: v.getFormula(lazy), address: v.getAddress(lazy) };
}

/**
 * The fields of a syntax tree node the emulator's visitors read (columns.ts: the blocks a formula
 * reads). The parser's node types are a union over an enum the package does not export, so the
 * visitors read this loose view of `Ast`.
 */
export interface AstNode {
  type: string;
  reference?: { toSimpleCellAddress(base: SimpleCellAddress): SimpleCellAddress };
  start?: AstAddress;
  end?: AstAddress;
  procedureName?: string;
  expressionName?: string;
  args?: (AstNode | AstNode[])[];
  error?: { type?: string };
  left?: AstNode;
  right?: AstNode;
  value?: AstNode;
  expression?: AstNode;
}

interface AstAddress {
  /** CellReferenceType: "CELL_REFERENCE_ABSOLUTE" where both column and row are. */
  type?: string;
  toSimpleCellAddress(base: SimpleCellAddress): SimpleCellAddress;
  toSimpleColumnAddress(base: SimpleCellAddress): { sheet: number; col: number };
  toSimpleRowAddress(base: SimpleCellAddress): { sheet: number; row: number };
}

/**
 * Hands `take` each cell of a sheet that getSheetSerialized would give as something (a formula's
 * own cell, or a raw value other than null and ""), without unparsing any formula: Excel's used
 * range (extent.ts) needs where the cells are, not their text.
 */
export function forEachUsedCell(hf: HyperFormula, sheet: number, take: (row: number, col: number) => void): void {
  const x = internalsOf(hf);
  const lazy = x.lazilyTransformingAstService;
  for (const [a, v] of x.addressMapping.sheetEntries(sheet)) {
    const f = v as CellVertex & Partial<FormulaVertex>;
    if (typeof f.getFormula === "function") {
      // A parsing error's vertex has no address: its text is its cell's. An array's other cells show values.
      const at = typeof f.getAddress === "function" ? f.getAddress(lazy) : a;
      if (at.row === a.row && at.col === a.col) {
        take(a.row, a.col);
        continue;
      }
    }
    const raw = x.dependencyGraph.getRawValue(a);
    if (raw !== null && raw !== undefined && raw !== "") take(a.row, a.col);
  }
}

/**
 * Whether the engine holds nothing at a cell: no vertex there (a value's, a formula's, an array's
 * part, an empty cell a range reads all have one). The public getter's answer for such a cell is
 * null, after an address check, the suspension check and the exporter: an export reads 3.4 million
 * cells of the portfolio's sheet, most of them empty. A column-store block's cells have no vertex
 * either: callers leave blocks out.
 */
export function vertexlessAt(hf: HyperFormula): (address: SimpleCellAddress) => boolean {
  const mapping = internalsOf(hf).addressMapping;
  return (address) => mapping.getCell(address) === undefined;
}

/**
 * The values of a rectangle all of whose cells hold a plain value or nothing (no formula, no part
 * of an array, no parse error), as `getCellValue` gives them, read while evaluation is suspended
 * (the public getter refuses then; it reads `_serialization.getCellValue` after its check). Such
 * cells show the same before and after a recalculation. Null when any cell is not plain.
 */
export function plainValues(hf: HyperFormula, sheet: number, rect: Rect): unknown[][] | null {
  const x = internalsOf(hf);
  const serialization = (hf as unknown as { _serialization?: { getCellValue(a: SimpleCellAddress): unknown } })
    ._serialization;
  if (typeof serialization?.getCellValue !== "function")
    throw new Error(`HyperFormula internals changed: plainValues needs _serialization (${HF_VERSION})`);
  const at = { sheet, row: rect.r0, col: rect.c0 };
  for (at.row = rect.r0; at.row <= rect.r1; at.row++)
    for (at.col = rect.c0; at.col <= rect.c1; at.col++) {
      const v = x.addressMapping.getCell(at) as object | undefined;
      if (v !== undefined && !("parsedValue" in v && "rawValue" in v) && v.constructor.name !== "EmptyCellVertex")
        return null;
    }
  const out: unknown[][] = [];
  for (let row = rect.r0; row <= rect.r1; row++) {
    const line: unknown[] = [];
    for (let col = rect.c0; col <= rect.c1; col++) line.push(serialization.getCellValue({ sheet, row, col }));
    out.push(line);
  }
  return out;
}

/**
 * The box of the cells `forEachUsedCell` takes. On a dense sheet (HyperFormula's rows of vertices)
 * each row is read from its left end up to its first used cell, and from its right end only down
 * to the widest column found so far: a table of 60,000 rows costs about two cells a row, not all
 * of them. Any other sheet: every cell, by `forEachUsedCell`.
 */
export function usedBounds(hf: HyperFormula, sheet: number): { r0: number; c0: number; r1: number; c1: number } | null {
  const x = internalsOf(hf);
  const strategies = (x.addressMapping as unknown as { mapping?: Map<number, { mapping?: unknown }> }).mapping;
  const rows = strategies?.get(sheet)?.mapping;
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  if (!Array.isArray(rows)) {
    forEachUsedCell(hf, sheet, (r, c) => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    });
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }
  const lazy = x.lazilyTransformingAstService;
  const at = { sheet, row: 0, col: 0 };
  const used = (v: unknown, row: number, col: number): boolean => {
    if (!v) return false;
    const f = v as CellVertex & Partial<FormulaVertex>;
    at.row = row;
    at.col = col;
    if (typeof f.getFormula === "function") {
      const a = typeof f.getAddress === "function" ? f.getAddress(lazy) : at;
      if (a.row === row && a.col === col) return true;
    }
    const raw = x.dependencyGraph.getRawValue(at);
    return raw !== null && raw !== undefined && raw !== "";
  };
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown[] | undefined;
    if (!row) continue;
    let first = 0;
    while (first < row.length && !used(row[first], r, first)) first++;
    if (first === row.length) continue;
    if (r < r0) r0 = r;
    r1 = r;
    if (first < c0) c0 = first;
    if (first > c1) c1 = first;
    for (let c = row.length - 1; c > c1; c--)
      if (used(row[c], r, c)) {
        c1 = c;
        break;
      }
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}

/**
 * For each column c0…c1, whether any cell of rows r0…r1 has a vertex in the engine (a value, a
 * formula, an array's part, an empty cell a range reads): on a dense sheet by each row's array,
 * a column once found not looked at again. Any other sheet: every column (nothing is known).
 */
export function columnsWithVertices(hf: HyperFormula, sheet: number, rect: Rect): boolean[] {
  const x = internalsOf(hf);
  const strategies = (x.addressMapping as unknown as { mapping?: Map<number, { mapping?: unknown }> }).mapping;
  const rows = strategies?.get(sheet)?.mapping;
  const width = rect.c1 - rect.c0 + 1;
  if (!Array.isArray(rows)) return new Array<boolean>(width).fill(true);
  const found = new Array<boolean>(width).fill(false);
  let open: number[] = Array.from({ length: width }, (_, k) => rect.c0 + k);
  for (let r = rect.r0; r <= Math.min(rect.r1, rows.length - 1) && open.length; r++) {
    const row = rows[r] as unknown[] | undefined;
    if (!row) continue;
    if (!open.some((c) => row[c] !== undefined)) continue;
    for (const c of open) if (row[c] !== undefined) found[c - rect.c0] = true;
    open = open.filter((c) => !found[c - rect.c0]);
  }
  return found;
}

/** A binary operator of the interpreter: two operand values to the result (errors and coercions its own). */
export type BinaryOperator = (left: InterpreterValue, right: InterpreterValue) => InterpreterValue;

/**
 * The interpreter's binary operators (`equalOp`, `concatOp`, …: its private members, bound in its
 * constructor) and `binaryRangeWrapper`, which applies one to two operand values as the
 * interpreter does for an operator node (vector-compile.ts).
 */
export function interpreterOperators(interpreter: Interpreter) {
  const loose = interpreter as unknown as Record<string, unknown> & {
    binaryRangeWrapper?: (
      op: BinaryOperator,
      l: InterpreterValue,
      r: InterpreterValue,
      s: InterpreterState,
    ) => InterpreterValue;
  };
  if (typeof loose.binaryRangeWrapper !== "function")
    throw new Error(`HyperFormula internals changed: the emulator needs ${HF_VERSION}`);
  const wrap = loose.binaryRangeWrapper.bind(interpreter);
  return {
    binary(name: string): BinaryOperator {
      const op = loose[name];
      if (typeof op !== "function") throw new Error(`HyperFormula internals changed: no ${name} (needs ${HF_VERSION})`);
      return op as BinaryOperator;
    },
    binaryRangeWrapper: wrap,
  };
}

/** A formula's syntax tree (the parser's, cached by it), or undefined when it does not parse. */
export function parseFormula(x: Internals, text: string, base: SimpleCellAddress): AstNode | undefined {
  return x.parser.parse(text, base).ast as unknown as AstNode | undefined;
}

/**
 * A state of the running state's class at another address, with its array mode: a syntax tree
 * evaluated with it is evaluated as a formula standing at that address would be (relative
 * references resolved from there).
 */
export function stateAt(state: InterpreterState, address: SimpleCellAddress): InterpreterState {
  const State = state.constructor as new (address: SimpleCellAddress, arraysFlag: boolean) => InterpreterState;
  return new State(address, state.arraysFlag);
}

// ---- reading and wiring cells and ranges -------------------------------------------------------

/**
 * A range's last row and column as the engine reads it (a whole column or row: the sheet's
 * extent), and whether it is finite (not a whole column or row).
 */
export function effectiveEnd(
  graph: DependencyGraph,
  range: AbsoluteCellRange,
): { row: number; col: number; finite: boolean } {
  return { row: range.effectiveEndRow(graph), col: range.effectiveEndColumn(graph), finite: range.isFinite() };
}

/** A cell's value as the interpreter reads it in a range (an array cell: #VALUE!). */
export function scalarAt(
  graph: DependencyGraph,
  address: SimpleCellAddress,
): ReturnType<DependencyGraph["getScalarValue"]> {
  return graph.getScalarValue(address);
}

/** Whether a formula (or an array formula's spill) is at an address: its value may change within an evaluation. */
export function formulaCellAt(graph: DependencyGraph, address: SimpleCellAddress): boolean {
  const v = graph.addressMapping.getCell(address) as (CellVertex & Partial<FormulaVertex>) | undefined;
  return typeof v?.getFormula === "function";
}

/** The rows of a sheet HyperFormula's address mapping spans (cells of a column-store block aside). */
export function sheetHeight(graph: DependencyGraph, sheet: number): number {
  return graph.getSheetHeight(sheet);
}

/** A cell's value as the interpreter reads it for a reference (a spilled array: the array). */
export function cellValueAt(
  graph: DependencyGraph,
  address: SimpleCellAddress,
): ReturnType<DependencyGraph["getCellValue"]> {
  return graph.getCellValue(address);
}

/** The range's vertex, when a formula names that range (HyperFormula keeps one per distinct range). */
export function rangeVertexOf(graph: DependencyGraph, range: AbsoluteCellRange): RangeVertex | undefined {
  return graph.getRange(range.start, range.end);
}

/** HyperFormula's own test for a criterion value (SUMIFS' "<5", "a*", 3), or undefined for none it reads. */
export function criterionOf(interpreter: Interpreter, value: unknown): { lambda: (v: unknown) => boolean } | undefined {
  type Raw = Parameters<Interpreter["criterionBuilder"]["fromCellValue"]>[0];
  const pkg = interpreter.criterionBuilder.fromCellValue(value as Raw, interpreter.arithmeticHelper);
  // The test reads the raw values the criteria functions hold (numbers, text, booleans, errors, the empty value).
  return pkg && { lambda: pkg.lambda as (v: unknown) => boolean };
}

/**
 * Marks dirty what reads a rectangle of a sheet: the vertex at each of its cells (cell by cell up
 * to 50,000 cells, else by walking the sheet's vertices) and every range vertex over it.
 */
export function markDirtyOver(graph: DependencyGraph, sheet: number, rect: Rect): void {
  const cells = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
  const mark = (v: Vertex | undefined) => {
    if (v && graph.graph.hasNode(v)) graph.graph.markNodeAsDirty(v);
  };
  if (cells <= 50_000) {
    for (let row = rect.r0; row <= rect.r1; row++)
      for (let col = rect.c0; col <= rect.c1; col++) mark(graph.addressMapping.getCell({ sheet, row, col }));
  } else {
    for (const [a, v] of graph.addressMapping.sheetEntries(sheet)) if (inRect(rect, a.row, a.col)) mark(v);
  }
  for (const v of graph.rangeMapping.rangesInSheet(sheet)) if (intersects(rectOf(v.range), rect)) mark(v);
}

/**
 * Gives each range vertex over a rectangle the edges from its cells there that the engine would
 * have made (creating empty cell vertices as it does), and marks it dirty.
 */
export function wireRangesOver(graph: DependencyGraph, sheet: number, rect: Rect): void {
  for (const v of graph.rangeMapping.rangesInSheet(sheet)) {
    if (!graph.graph.hasNode(v)) continue;
    const part = intersection(rectOf(v.range), rect);
    if (!part) continue;
    for (let row = part.r0; row <= part.r1; row++)
      for (let col = part.c0; col <= part.c1; col++) {
        const { vertex, id } = graph.fetchCellOrCreateEmpty({ sheet, col, row });
        graph.graph.addEdge(id ?? vertex, v);
      }
    graph.graph.markNodeAsDirty(v);
  }
}

/** A HyperFormula range as a rectangle; a whole column or row ends at Infinity. */
export function rectOf(range: AbsoluteCellRange): Rect {
  return { r0: range.start.row, r1: range.end.row, c0: range.start.col, c1: range.end.col };
}

/** Graph's private arrays (Graph.d.ts declares them untyped): a vertex's dependents' ids, and the vertices. */
export interface GraphArrays {
  edgesSparseArray: (number | undefined)[][];
  nodesSparseArray: unknown[];
}

export function graphArrays(graph: Graph): GraphArrays {
  const g = graph as unknown as Partial<GraphArrays>;
  if (!Array.isArray(g.edgesSparseArray) || !Array.isArray(g.nodesSparseArray))
    throw new Error(`HyperFormula internals changed: Graph's sparse arrays (${HF_VERSION})`);
  return g as GraphArrays;
}

/** ParserWithCaching's private cache of syntax trees by hash. */
export function parserCache(parser: Parser): { get(hash: string): unknown; set(hash: string, ast: unknown): unknown } {
  const cache = (parser as unknown as { cache?: { get?: unknown; set?: unknown } }).cache;
  if (typeof cache?.get !== "function" || typeof cache.set !== "function")
    throw new Error(`HyperFormula internals changed: the parser's cache (${HF_VERSION})`);
  return cache as { get(hash: string): unknown; set(hash: string, ast: unknown): unknown };
}

/** ParserWithCaching's private lexer (test/emulator/engine-scale.test.ts counts its runs). */
export function parserLexer(parser: Parser): { tokenizeFormula(text: string): unknown } {
  const lexer = (parser as unknown as { lexer?: { tokenizeFormula?: unknown } }).lexer;
  if (typeof lexer?.tokenizeFormula !== "function")
    throw new Error(`HyperFormula internals changed: the parser's lexer (${HF_VERSION})`);
  return lexer as { tokenizeFormula(text: string): unknown };
}

/** Whether a range argument (SimpleRangeValue) has its values yet (its private `_data`). */
export function rangeDataRead(value: object): boolean {
  return (value as { _data?: unknown })._data !== undefined;
}

/** The prototype in an object's chain that defines a method. */
export function ownerOf(obj: object, method: string): Record<PropertyKey, unknown> {
  let p: object | null = Object.getPrototypeOf(obj);
  while (p && !Object.prototype.hasOwnProperty.call(p, method)) p = Object.getPrototypeOf(p);
  if (!p) throw new Error(`HyperFormula internals changed: no ${method} (${HF_VERSION})`);
  return p as Record<PropertyKey, unknown>;
}

// ---- the patches, each installed once (on a prototype) or per engine (on an instance) --------

/**
 * After a write, HyperFormula sorts every written vertex with its dependents and "recomputes" them
 * (3.5.0): a value cell recomputes to itself, so a 100,000-row table loaded into a sheet sorted
 * 700,000 vertices for nothing (2.2 s of the CLI's import). A written value cell that no formula
 * or range depends on is left out of that run; the write itself recorded its change, and a value
 * with dependents still leads them into the run. Per engine (its evaluator instance).
 */
export function skipLoneValues({ evaluator, graph }: Internals): void {
  const original = evaluator.partialRun.bind(evaluator);
  evaluator.partialRun = (vertices: Vertex[]) =>
    original(
      vertices.filter(
        (v) => !(v && "parsedValue" in v && "rawValue" in v && graph.hasNode(v) && graph.adjacentNodesCount(v) === 0),
      ),
    );
}

/**
 * HyperFormula records every written and recomputed cell in a change list (ContentChanges), to
 * return it from each write and to emit `valuesUpdated`; the emulator reads neither. While
 * evaluation is suspended the list holds every cell of the run's writes (a million entries for a
 * portfolio's copy at 200,000 rows, ~200 MB), then is exported into as many objects and dropped.
 * Nothing is recorded: the prototype's private `add` (through which every change goes) does
 * nothing. Patched once; writes then return no changes, which no caller reads. Inside the engine
 * only the column index (`useColumnIndex: true`, off here) reads them: refused with it on.
 */
export function discardChanges(hf: HyperFormula): void {
  if (hf.getConfig().useColumnIndex)
    throw new Error("discardChanges: the column index reads the change lists (useColumnIndex must stay false)");
  const proto = ownerOf(hf.dependencyGraph.getAndClearContentChanges(), "add");
  if (proto[DISCARDS]) return;
  proto.add = () => undefined;
  proto[DISCARDS] = true;
}
const DISCARDS = Symbol("sixstep.discardsChanges");

/**
 * HyperFormula reads each written cell's old content for its undo stack before writing it (for a
 * formula, its tree hashed back to text), then drops the entry at once with `undoLimit: 0`.
 * With undo off nothing reads it: the engine's `operations.getOldContent` answers a constant.
 * Refused with undo on.
 */
export function skipOldContents(hf: HyperFormula): void {
  if (hf.getConfig().undoLimit !== 0)
    throw new Error("skipOldContents: the undo stack reads old contents (undoLimit must stay 0)");
  const operations = (hf as unknown as { _crudOperations?: { operations?: { getOldContent?: unknown } } })
    ._crudOperations?.operations;
  if (typeof operations?.getOldContent !== "function")
    throw new Error(`HyperFormula internals changed: skipOldContents needs operations.getOldContent (${HF_VERSION})`);
  operations.getOldContent = () => NO_OLD_CONTENT;
}
const NO_OLD_CONTENT = Object.freeze([undefined, Object.freeze({ type: "EMPTY" })]);

/** Calls `before` ahead of each run of an engine's evaluator (per engine: its evaluator instance). */
export function wrapEvaluatorRuns(evaluator: Evaluator, before: () => void): void {
  const run = evaluator.run.bind(evaluator);
  const partialRun = evaluator.partialRun.bind(evaluator);
  const runAndForget = evaluator.runAndForget.bind(evaluator);
  evaluator.run = () => {
    before();
    return run();
  };
  evaluator.partialRun = (vertices) => {
    before();
    return partialRun(vertices);
  };
  evaluator.runAndForget = (ast, address, dependencies) => {
    before();
    return runAndForget(ast, address, dependencies);
  };
}

/** How the wiring sees the column store (src/emulator/columns.ts), handed in by hf.ts. */
export interface BlockWiring {
  /** Whether a range overlaps a column-store block of that graph. */
  overBlock(graph: DependencyGraph, range: AbsoluteCellRange): boolean;
  /** A range's addresses without the block's cells, or undefined when it overlaps no block. */
  addressesOutside(graph: DependencyGraph, range: AbsoluteCellRange): SimpleCellAddress[] | undefined;
}

type Dependency = Parameters<DependencyGraph["processCellDependencies"]>[0][number];

function isRange(dep: Dependency): dep is AbsoluteCellRange {
  return !!dep && "start" in dep && "end" in dep && typeof (dep as AbsoluteCellRange).isFinite === "function";
}

const WIRED_ONCE = Symbol("sixstep.wiredOnce");
const ADDRESSES_PATCHED = Symbol("sixstep.addressesOutsideBlocks");
/** Graphs wiring a range over a block right now, with the depth of that wiring (reentrant). */
const wiringBlock = new WeakMap<DependencyGraph, number>();

/**
 * HyperFormula 3.5.0 wires a formula's range (a vertex with an edge from every cell in it) each
 * time a formula names it, walking all of its cells again even when that range vertex already
 * exists with all its edges: 300 formulas over a 100,000-row column made ~40 M idempotent edge
 * additions, 36 of Generate's 48 s. A range vertex in the graph is fully wired (the engine
 * removes it with its last dependent), so a formula naming it needs one edge: range → formula.
 * Ranges not yet in the graph take the engine's own path; a range over a column-store block takes
 * it too, but the block's cells have no vertices to walk (the model marks the range dirty on a
 * change): while that graph wires it, `AbsoluteCellRange.prototype.addresses` (patched once, never
 * swapped) leaves the block's cells out. Patched on the prototype (once), so an engine rebuilt by
 * HyperFormula keeps it.
 */
export function wireRangesOnce(dependencyGraph: DependencyGraph, blocks: BlockWiring): void {
  const proto = Object.getPrototypeOf(dependencyGraph) as DependencyGraph & { [WIRED_ONCE]?: true };
  if (typeof proto.processCellDependencies !== "function" || typeof proto.getRange !== "function")
    throw new Error(`HyperFormula internals changed: wireRangesOnce needs ${HF_VERSION}`);
  if (proto[WIRED_ONCE]) return;
  const original = proto.processCellDependencies;
  proto.processCellDependencies = function (this: DependencyGraph, deps, endVertex) {
    const endId = endVertex.idInGraph;
    const rest: Dependency[] = [];
    for (const dep of deps) {
      const range = isRange(dep) ? dep : undefined;
      const wired = range && endId !== undefined ? this.getRange(range.start, range.end) : undefined;
      if (wired && endId !== undefined && wired.idInGraph !== undefined && this.graph.hasNode(wired)) {
        this.graph.addEdge(wired.idInGraph, endId);
        continue;
      }
      if (!range || !blocks.overBlock(this, range)) {
        rest.push(dep);
        continue;
      }
      addressesOutsideBlocks(range, blocks);
      wiringBlock.set(this, (wiringBlock.get(this) ?? 0) + 1);
      try {
        original.call(this, [dep], endVertex);
      } finally {
        const depth = (wiringBlock.get(this) ?? 1) - 1;
        if (depth) wiringBlock.set(this, depth);
        else wiringBlock.delete(this);
      }
    }
    if (rest.length) original.call(this, rest, endVertex);
  };
  proto[WIRED_ONCE] = true;
}

/**
 * Patches (once) the `addresses` of a range's class: while its graph wires a range over a block,
 * a range (the one named, or the rest HyperFormula computes from it) lists no stored cell.
 */
function addressesOutsideBlocks(range: AbsoluteCellRange, blocks: BlockWiring): void {
  const owner = ownerOf(range, "addresses") as unknown as Pick<AbsoluteCellRange, "addresses"> & {
    [ADDRESSES_PATCHED]?: true;
  };
  if (owner[ADDRESSES_PATCHED]) return;
  const original = owner.addresses;
  owner.addresses = function (this: AbsoluteCellRange, graph: DependencyGraph) {
    const outside = wiringBlock.has(graph) ? blocks.addressesOutside(graph, this) : undefined;
    return outside ?? original.call(this, graph);
  };
  owner[ADDRESSES_PATCHED] = true;
}

const READS_BLOCKS = Symbol("sixstep.readsBlocks");
/** The dependency graph of each address mapping whose reads go through the blocks. */
const graphOfMapping = new WeakMap<AddressMapping, DependencyGraph>();
/** What a block lookup answers for a cell that no block stores. */
export const NOT_STORED = Symbol("sixstep.notStored");

/**
 * Every value HyperFormula's interpreter reads from a cell goes through its address mapping's
 * `getCellValue` (a reference, a range's cells for SUM, INDEX, MATCH and the rest): `stored`
 * answers a stored cell from its block there, so any formula reads the store. Patched once on
 * the prototype.
 */
export function readThroughBlocks(
  graph: DependencyGraph,
  stored: (graph: DependencyGraph, address: SimpleCellAddress) => unknown,
): void {
  graphOfMapping.set(graph.addressMapping, graph);
  const proto = Object.getPrototypeOf(graph.addressMapping) as AddressMapping & { [READS_BLOCKS]?: true };
  if (proto[READS_BLOCKS]) return;
  if (typeof proto.getCellValue !== "function")
    throw new Error(
      `HyperFormula internals changed: the column store needs AddressMapping.getCellValue (${HF_VERSION})`,
    );
  const original = proto.getCellValue;
  proto.getCellValue = function (this: AddressMapping, address) {
    const graph = graphOfMapping.get(this);
    const v = graph ? stored(graph, address) : NOT_STORED;
    return v === NOT_STORED ? original.call(this, address) : (v as ReturnType<AddressMapping["getCellValue"]>);
  };
  proto[READS_BLOCKS] = true;
}

const CLEARS_TOO = Symbol("sixstep.clearsToo");

/**
 * HyperFormula clears a range vertex's own caches (`RangeVertex.clearCache`) whenever the
 * evaluator reaches it: when a cell of the range was written or a formula in it changed value.
 * `onClear` is called at that moment too. Patched once on the prototype (the first hook stays).
 */
export function clearWithRangeCache(vertex: RangeVertex, onClear: (vertex: RangeVertex) => void): void {
  const proto = Object.getPrototypeOf(vertex) as RangeVertex & { [CLEARS_TOO]?: true };
  if (proto[CLEARS_TOO] || typeof proto.clearCache !== "function") return;
  const original = proto.clearCache;
  proto.clearCache = function (this: RangeVertex) {
    onClear(this);
    return original.call(this);
  };
  proto[CLEARS_TOO] = true;
}

// ---- wide vertices: an index of a vertex's dependents ---------------------------------------

/**
 * Wide vertices (`indexWideEdges`).
 * HyperFormula's dependency graph (pinned at 3.5.0, `DependencyGraph/Graph.js`) keeps each vertex's
 * dependents in a plain array and searches it on every edge added (`includes`), removed
 * (`indexOf`) and counted (`adjacentNodesCount` copies the array to drop holes). A vertex with k
 * dependents therefore costs O(k²) to wire and to unwire: a range read by one formula per revenue
 * row (the portfolio's sorted copy, INDEX(SixStep_Amount, position) 60,000 times) took minutes to
 * write and as long again to clear on Refresh. Excel has no such cost.
 *
 * This gives a vertex's array, once it holds more than WIDE entries, a position index (dependent id
 * → its slot), so those operations are O(1). The arrays stay HyperFormula's own (same slots, same
 * holes), so its topological sort and every other reader see exactly what they saw before. Patched
 * on one engine's graph instance, not on the prototype.
 *
 * What the patch relies on (HyperFormula 3.5.0): `graph.edgesSparseArray[id]` is the dependents'
 * id array of vertex `id` (holes where an edge was removed; the array replaced wholesale only by
 * `fixEdgesArrayForNode`, which `adjacentNodesCount` alone calls); `graph.nodesSparseArray[id]` is
 * undefined once a vertex left the graph; node ids are never reused (`nextId` only grows);
 * `adjacentNodesCount` is only ever compared with 0 (DependencyGraph.js, `setCellEmpty` and
 * `removeVertexAndCleanupDependencies`), so for a wide vertex it answers 0 or the live dependents
 * it found first.
 */
/** Below this many entries HyperFormula's own linear search is as fast. */
const WIDE = 64;

/** A vertex or its id, as the graph's edge methods take them. */
type EdgeEnd = Parameters<Graph["addEdge"]>[0];

interface EdgeIndex {
  /** The array this index describes (HyperFormula may replace a vertex's array). */
  arr: (number | undefined)[];
  pos: Map<number, number>;
}

const WIDE_PATCHED = Symbol("sixstep.wideEdges");

function idOf(node: unknown): number | undefined {
  return typeof node === "number" ? node : (node as { idInGraph?: number } | null)?.idInGraph;
}

/**
 * The graph's recalculation order computed by top-sort.ts (HyperFormula's algorithm with typed
 * arrays kept between runs): `Graph.getTopSortedWithSccSubgraphFrom`, patched per engine, reads
 * the seeds' `idInGraph` as HyperFormula's does; `topSortWithScc` (a full build) calls it too.
 */
export function sortWithTypedArrays(graph: Graph): void {
  const g = graph as Graph & { [SORT_PATCHED]?: true };
  if (g[SORT_PATCHED] || typeof g.getTopSortedWithSccSubgraphFrom !== "function")
    throw new Error(`HyperFormula internals changed: sortWithTypedArrays needs ${HF_VERSION}`);
  const arrays = graphArrays(g) as unknown as Parameters<typeof topSorter<Vertex>>[0];
  const sort = topSorter<Vertex>(arrays);
  g[SORT_PATCHED] = true;
  g.getTopSortedWithSccSubgraphFrom = ((
    modified: Vertex[],
    operate: (v: Vertex) => boolean,
    onCycle: (v: Vertex) => void,
  ) => {
    const ids: number[] = [];
    for (const v of modified) {
      const id = (v as { idInGraph?: number }).idInGraph;
      if (id !== undefined) ids.push(id);
    }
    return sort(ids, operate, onCycle);
  }) as unknown as Graph["getTopSortedWithSccSubgraphFrom"];
}
const SORT_PATCHED = Symbol("sixstep.sortWithTypedArrays");

export function indexWideEdges(graph: Graph): void {
  const g = graph as Graph & { [WIDE_PATCHED]?: true };
  if (g[WIDE_PATCHED] || typeof g.addEdge !== "function" || typeof g.adjacentNodesCount !== "function")
    throw new Error(`HyperFormula internals changed: indexWideEdges needs ${HF_VERSION}`);
  const arrays = graphArrays(g);
  g[WIDE_PATCHED] = true;
  const indexes = new Map<number, EdgeIndex>();
  /** The index of a wide vertex's array (built or rebuilt on demand); undefined for a narrow one. */
  const indexOf = (fromId: number): EdgeIndex | undefined => {
    const arr = arrays.edgesSparseArray[fromId];
    if (!arr || arr.length < WIDE) return undefined;
    let ix = indexes.get(fromId);
    if (!ix || ix.arr !== arr) {
      const pos = new Map<number, number>();
      arr.forEach((to, slot) => {
        if (to !== undefined && !pos.has(to)) pos.set(to, slot);
      });
      ix = { arr, pos };
      indexes.set(fromId, ix);
    }
    return ix;
  };
  const own = {
    addEdge: g.addEdge.bind(g),
    removeEdge: g.removeEdge.bind(g),
    removeEdgeIfExists: g.removeEdgeIfExists.bind(g),
    existsEdge: g.existsEdge.bind(g),
    adjacentNodesCount: g.adjacentNodesCount.bind(g),
  };
  g.addEdge = (from, to) => {
    const fromId = idOf(from);
    const toId = idOf(to);
    const ix = fromId === undefined || toId === undefined ? undefined : indexOf(fromId);
    if (!ix || toId === undefined) return own.addEdge(from, to);
    if (ix.pos.has(toId)) return;
    ix.arr.push(toId);
    ix.pos.set(toId, ix.arr.length - 1);
  };
  const remove = (from: EdgeEnd, to: EdgeEnd, strict: boolean) => {
    const fromId = idOf(from);
    const toId = idOf(to);
    const ix = fromId === undefined || toId === undefined ? undefined : indexOf(fromId);
    if (!ix || toId === undefined) return strict ? own.removeEdge(from, to) : own.removeEdgeIfExists(from, to);
    const slot = ix.pos.get(toId);
    if (slot === undefined) {
      if (strict) throw new Error("Edge does not exist");
      return;
    }
    delete ix.arr[slot];
    ix.pos.delete(toId);
  };
  g.removeEdge = (from, to) => remove(from, to, true);
  g.removeEdgeIfExists = (from, to) => remove(from, to, false);
  g.existsEdge = (from, to) => {
    const fromId = idOf(from);
    const toId = idOf(to);
    const ix = fromId === undefined || toId === undefined ? undefined : indexOf(fromId);
    return ix && toId !== undefined ? ix.pos.has(toId) : own.existsEdge(from, to);
  };
  g.adjacentNodesCount = (node) => {
    const id = idOf(node);
    const ix = id === undefined ? undefined : indexOf(id);
    if (!ix) return own.adjacentNodesCount(node);
    // Dependents that left the graph without their edge are dropped as they are met.
    for (const [to, slot] of ix.pos) {
      if (arrays.nodesSparseArray[to] !== undefined) return 1;
      delete ix.arr[slot];
      ix.pos.delete(to);
    }
    return 0;
  };
}

// ---- formulas lexed once per relative form (the scanner: parse-memo.ts) ------------------------

type Lexed = ReturnType<Parser["tokenizeFormula"]>;

const MEMO_PATCHED = Symbol("sixstep.parseMemo");
const NO_TOKENS: Lexed = { errors: [], tokens: [] } as unknown as Lexed;

export function memoiseParses(parser: Parser): void {
  const p = parser as Parser & { [MEMO_PATCHED]?: true };
  if (
    p[MEMO_PATCHED] ||
    typeof p.parse !== "function" ||
    typeof p.tokenizeFormula !== "function" ||
    typeof p.computeHashFromTokens !== "function"
  )
    throw new Error(`HyperFormula internals changed: memoiseParses needs ${HF_VERSION}`);
  const cache = parserCache(p);
  p[MEMO_PATCHED] = true;
  const parse = p.parse.bind(p);
  const tokenize = p.tokenizeFormula.bind(p);
  const hashOf = p.computeHashFromTokens.bind(p);
  const hashes = new Map<string, string>();
  /** Set for the length of one parse: the hash to answer without lexing, or the last one computed. */
  let known: string | undefined;
  let computed: string | undefined;
  p.tokenizeFormula = (text) => (known !== undefined ? NO_TOKENS : tokenize(text));
  p.computeHashFromTokens = (tokens, address) => {
    if (known !== undefined) return known;
    computed = hashOf(tokens, address);
    return computed;
  };
  // The key of each formula text lately parsed (100,000 at most), with its cell: a formula is parsed
  // twice as it is written (the column store's check of what it reads, then the engine), keyed once.
  let recent = new Map<string, { row: number; col: number; key: string | null }>();
  // Per column, the last text keyed by the scanner, with where its relative rows stand: a text
  // below it that is it moved down (rows written in order: the accounts' 28,000 formulas) has its
  // key without a scan (isShiftedCopy allocates nothing).
  const heads = new Map<number, { text: string; row: number; key: string; marks: number[] }>();
  const keyOf = (text: string, row: number, col: number): string | null => {
    const seen = recent.get(text);
    if (seen && seen.row === row && seen.col === col) return seen.key;
    const head = heads.get(col);
    let key: string | null;
    if (head && row > head.row && isShiftedCopy(head.text, head.marks, text, row - head.row)) key = head.key;
    else {
      const marks: number[] = [];
      key = relativeKey(text, row, col, marks);
      if (key !== null) heads.set(col, { text, row, key, marks });
    }
    if (recent.size >= 100_000) recent = new Map();
    recent.set(text, { row, col, key });
    return key;
  };
  // Formulas of one shape that differ only in their absolute rows (the portfolio's accounts read
  // their customer's sums at $AT$<its row>: 6,400 parses of their own, 60 µs each): the first such
  // formula's tree with each absolute row moved goes into the cache under a hash of ours, which
  // the engine's hashes never are (theirs start with "="), and is taken from there as any tree.
  let shapes = new Map<string, { ast: AstNode; rows: number[] }>();
  const parseKnown = (text: string, address: SimpleCellAddress, hash: string) => {
    known = hash;
    try {
      return parse(text, address);
    } finally {
      known = undefined;
    }
  };
  p.parse = (text, address) => {
    const key = address.row >= 0 ? keyOf(text, address.row, address.col) : null;
    const hash = key === null ? undefined : hashes.get(key);
    if (hash !== undefined && cache.get(hash) !== undefined) return parseKnown(text, address, hash);
    const rows: number[] = [];
    const shape = key === null ? null : keyShape(key, rows);
    const template = shape === null || !rows.length ? undefined : shapes.get(shape);
    const moved = template && movedRows(template.ast, template.rows, rows);
    if (key !== null && moved) {
      const own = `\u0001${key}`;
      cache.set(own, moved);
      hashes.set(key, own);
      return parseKnown(text, address, own);
    }
    computed = undefined;
    const result = parse(text, address);
    if (key !== null && computed !== undefined && !result.errors?.length) {
      hashes.set(key, computed);
      const tree = (cache.get(computed) as { ast?: AstNode } | undefined)?.ast;
      if (shape !== null && rows.length && tree && !shapes.has(shape)) {
        if (shapes.size >= 10_000) shapes = new Map();
        shapes.set(shape, { ast: tree, rows });
      }
    }
    return result;
  };
}

/** A cell reference as the parser holds it: its row (absolute or an offset) and a copy moved down. */
interface ParsedAddress {
  row: number;
  isRowAbsolute(): boolean;
  shiftedByRows(rows: number): ParsedAddress;
}

/**
 * `ast` with its absolute rows `from` (in the text's order) moved to `to`, sharing every subtree
 * that holds none; null when the tree is not what the scanner read (another count or row of
 * absolute rows, a column or row range, a node of a kind not known here).
 */
function movedRows(ast: AstNode, from: number[], to: number[]): AstNode | null {
  if (from.length !== to.length) return null;
  let k = 0;
  const moveAddress = (a: ParsedAddress): ParsedAddress | null => {
    if (!a.isRowAbsolute()) return a;
    if (k >= from.length || a.row !== from[k]) return null;
    const shift = to[k] - from[k++];
    return shift ? a.shiftedByRows(shift) : a;
  };
  const walk = (node: AstNode): AstNode | null => {
    const n = node as unknown as Record<string, unknown> & { type: string };
    const same = (changes: Record<string, unknown>) =>
      Object.keys(changes).every((f) => changes[f] === n[f]) ? node : ({ ...n, ...changes } as unknown as AstNode);
    switch (n.type) {
      case "NUMBER":
      case "STRING":
      case "ERROR":
      case "ERROR_WITH_RAW_INPUT":
      case "EMPTY":
      case "NAMED_EXPRESSION":
        return node;
      case "CELL_REFERENCE": {
        const reference = moveAddress(n.reference as ParsedAddress);
        return reference && same({ reference });
      }
      case "CELL_RANGE": {
        const start = moveAddress(n.start as ParsedAddress);
        const end = start && moveAddress(n.end as ParsedAddress);
        return end && same({ start, end });
      }
      case "FUNCTION_CALL": {
        const args: AstNode[] = [];
        for (const a of n.args as AstNode[]) {
          const m = walk(a);
          if (!m) return null;
          args.push(m);
        }
        return args.every((a, i) => a === (n.args as AstNode[])[i]) ? node : same({ args });
      }
      case "PARENTHESES": {
        const expression = walk(n.expression as AstNode);
        return expression && same({ expression });
      }
      case "PLUS_UNARY_OP":
      case "MINUS_UNARY_OP":
      case "PERCENT_OP": {
        const value = walk(n.value as AstNode);
        return value && same({ value });
      }
      default: {
        if (!BINARY_NODES.has(n.type)) return null;
        const left = walk(n.left as AstNode);
        const right = left && walk(n.right as AstNode);
        return right && same({ left, right });
      }
    }
  };
  const out = walk(ast);
  return out && k === from.length ? out : null;
}

/** The parser's binary operators' node types (`left`, `right`). */
export const BINARY_NODES: ReadonlySet<string> = new Set([
  "CONCATENATE_OP",
  "EQUALS_OP",
  "NOT_EQUAL_OP",
  "GREATER_THAN_OP",
  "LESS_THAN_OP",
  "GREATER_THAN_OR_EQUAL_OP",
  "LESS_THAN_OR_EQUAL_OP",
  "PLUS_OP",
  "MINUS_OP",
  "TIMES_OP",
  "DIV_OP",
  "POWER_OP",
]);

// ---- one syntax tree for formulas of one relative form -----------------------------------------

const SHARE_PATCHED = Symbol("sixstep.shareTrees");

/** A range end as the parser holds it: a cell's, a column's or a row's address. */
interface RangeEnd {
  sheet?: number;
  col?: number;
  row?: number;
  type?: string;
  toColumnAddress?: () => { col: number; type: string };
  toRowAddress?: () => { row: number; type: string };
}

/** Whether two ends along one dimension are in order from any cell: both absolute or both relative, start ≤ end. */
function inOrder(a: { type: string; n: number }, b: { type: string; n: number }): boolean {
  return a.type === b.type && a.n <= b.n;
}

/**
 * Whether a range node's ends are in order from any cell (so ordering them changes nothing): the
 * same sheet, and along each dimension both ends absolute or both relative, start ≤ end.
 */
function rangeInOrder(node: { type: string; start: RangeEnd; end: RangeEnd }): boolean {
  const { start, end } = node;
  if (start.sheet !== end.sheet) return false;
  if (node.type === "CELL_RANGE") {
    const [c0, c1] = [start.toColumnAddress!(), end.toColumnAddress!()];
    const [r0, r1] = [start.toRowAddress!(), end.toRowAddress!()];
    return (
      inOrder({ type: c0.type, n: c0.col }, { type: c1.type, n: c1.col }) &&
      inOrder({ type: r0.type, n: r0.row }, { type: r1.type, n: r1.row })
    );
  }
  if (node.type === "COLUMN_RANGE")
    return inOrder({ type: start.type!, n: start.col! }, { type: end.type!, n: end.col! });
  if (node.type === "ROW_RANGE") return inOrder({ type: start.type!, n: start.row! }, { type: end.type!, n: end.row! });
  return true;
}

/**
 * HyperFormula (3.5.0, `ParserWithCaching.parse`) shares a syntax tree between formulas of one
 * relative form in its cache, then copies the whole tree for every cell to put each range's ends in
 * order (`convertReversedRangesToRegularRanges`, with a sort per range): 27,000 account formulas of
 * the portfolio, 0.3 GB of copies. A tree whose every range is already in order from any cell (the
 * add-in writes none reversed) is handed over as it is, shared, as the cache holds it; nothing in
 * the engine writes into a formula's tree, except HYPERLINK (it notes its URL on its node), whose
 * trees are copied as before. Whether a tree qualifies is worked out once per tree.
 */
export function shareSyntaxTrees(parser: Parser): void {
  // A private method of the parser instance: reached through an untyped view of it.
  const p = parser as unknown as {
    [SHARE_PATCHED]?: true;
    convertReversedRangesToRegularRanges?: (ast: unknown) => unknown;
  };
  if (p[SHARE_PATCHED] || typeof p.convertReversedRangesToRegularRanges !== "function")
    throw new Error(`HyperFormula internals changed: shareSyntaxTrees needs ${HF_VERSION}`);
  p[SHARE_PATCHED] = true;
  const convert = p.convertReversedRangesToRegularRanges.bind(p);
  type Node = { type: string; procedureName?: string; [k: string]: unknown };
  const check = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.every(check);
    if (!node || typeof node !== "object") return true;
    const n = node as Node;
    if (n.type === "CELL_RANGE" || n.type === "COLUMN_RANGE" || n.type === "ROW_RANGE")
      return rangeInOrder(n as unknown as { type: string; start: RangeEnd; end: RangeEnd });
    if (n.type === "FUNCTION_CALL" && String(n.procedureName).toUpperCase() === "HYPERLINK") return false;
    return ["args", "left", "right", "value", "expression"].every((k) => check(n[k]));
  };
  // Worked out once per tree (the cache's trees come back for every formula of their form).
  const ordered = new WeakMap<object, boolean>();
  // While a tree is copied, the parser's own recursion reaches this method for each node: passed on.
  let copying = false;
  p.convertReversedRangesToRegularRanges = (ast: unknown) => {
    if (copying || !ast || typeof ast !== "object") return convert(ast);
    let ok = ordered.get(ast);
    if (ok === undefined) {
      ok = check(ast);
      ordered.set(ast, ok);
    }
    if (ok) return ast;
    copying = true;
    try {
      return convert(ast);
    } finally {
      copying = false;
    }
  };
}
