/**
 * Large tables stored compactly (issue 20's column store). A big rectangle of plain values — the
 * revenue table an analyst opens or the add-in writes — is held here as typed columns (numbers in a
 * Float64Array, text and booleans dictionary-encoded in an Int32Array) instead of one HyperFormula
 * cell vertex per value: at 1,000,000 rows × 7 columns that is ~90 MB instead of several GB.
 *
 * The rest of the workbook stays in HyperFormula (pinned 3.5.0), which reads the block in place:
 * - values: every cell value the interpreter reads goes through its address mapping's
 *   `getCellValue`, which answers a stored cell from the block (`readThroughBlocks`), so SUM,
 *   INDEX, MATCH, VLOOKUP, SUMPRODUCT and direct references read the store; the criteria functions
 *   read whole columns from it at once (`rangeValues`, src/emulator/criteria.ts);
 * - wiring: a range over a block gets its vertex without one vertex per stored cell
 *   (`wireRangesOnce` in hf.ts skips the block's addresses);
 * - changes: the model marks the range vertices over a changed stored cell, and any vertex a direct
 *   reference left there, dirty itself (`markRangesDirty`).
 * What the store cannot answer — a whole column or row (HyperFormula copies those from its own
 * cells up to its own last row), a reference made at run time, a formula or a value that is not
 * plain written into the block — first moves the block back into HyperFormula's cells
 * (`WorkbookModel.demote`), wired as the engine would have wired them. Results never differ: the
 * store is a representation, never a semantics (test/emulator/columns.test.ts,
 * test/excel/column-store-routes.test.ts).
 */
import { EmptyValue, type HyperFormula } from "hyperformula";
import { intersects, type Rect } from "../address";
import {
  dependencyGraphOf,
  effectiveEnd,
  formulaCellAt,
  internalsOf,
  markDirtyOver,
  NOT_STORED,
  parseFormula,
  readThroughBlocks,
  rectOf,
  scalarAt,
  sheetHeight,
  wireRangesOver,
  type AbsoluteCellRange,
  type AstNode,
  type DependencyGraph,
  type SimpleCellAddress,
} from "./hf-internals";

/**
 * A block is made for a write or an import of at least `minCells` plain values (tests and the
 * benchmark lower it, or set Infinity to compare against the engine alone).
 */
export const storeConfig = { minCells: 50_000 };

const EMPTY = 0;
const NUMBER = -1;

export class ColumnBlock {
  /** Rows r0..r1 and columns c0..c1 of the sheet (0-based, inclusive). */
  r0: number;
  r1: number;
  readonly c0: number;
  readonly c1: number;
  private num: Float64Array[];
  private code: Int32Array[];
  private capacity: number;
  /** Text and booleans by code (code 0 is the empty cell, -1 a number). */
  private dict: (string | boolean)[] = [""];
  private index = new Map<string | boolean, number>();

  constructor(
    public hfSheet: number,
    rect: Rect,
  ) {
    this.r0 = rect.r0;
    this.r1 = rect.r1;
    this.c0 = rect.c0;
    this.c1 = rect.c1;
    this.capacity = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    this.num = Array.from({ length: cols }, () => new Float64Array(this.capacity));
    this.code = Array.from({ length: cols }, () => new Int32Array(this.capacity));
  }

  get rect(): Rect {
    return { r0: this.r0, r1: this.r1, c0: this.c0, c1: this.c1 };
  }

  has(r: number, c: number): boolean {
    return r >= this.r0 && r <= this.r1 && c >= this.c0 && c <= this.c1;
  }

  /** Grows the block down to row r1 (an appended block of rows), doubling its storage as needed. */
  growTo(r1: number): void {
    if (r1 <= this.r1) return;
    const need = r1 - this.r0 + 1;
    if (need > this.capacity) {
      const cap = Math.max(need, this.capacity * 2);
      this.num = this.num.map((a) => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      });
      this.code = this.code.map((a) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      });
      this.capacity = cap;
    }
    this.r1 = r1;
  }

  /** The value as Range.values gives it: a number, text, a boolean, or "" for an empty cell. */
  get(r: number, c: number): number | string | boolean {
    const i = r - this.r0;
    const j = c - this.c0;
    const k = this.code[j][i];
    return k === NUMBER ? this.num[j][i] : this.dict[k];
  }

  /** The value as HyperFormula's interpreter holds it (EmptyValue for an empty cell). */
  engineValue(r: number, c: number): unknown {
    const i = r - this.r0;
    const j = c - this.c0;
    const k = this.code[j][i];
    return k === NUMBER ? this.num[j][i] : k === EMPTY ? EmptyValue : this.dict[k];
  }

  /** The content HyperFormula would be given for the cell (text keeps its apostrophe: text stays text). */
  rawContent(r: number, c: number): number | string | boolean | null {
    const i = r - this.r0;
    const j = c - this.c0;
    const k = this.code[j][i];
    if (k === NUMBER) return this.num[j][i];
    if (k === EMPTY) return null;
    const v = this.dict[k];
    return typeof v === "string" ? `'${v}` : v;
  }

  /** Stores a value: a number, a boolean, null (empty) or text. */
  set(r: number, c: number, v: number | string | boolean | null): void {
    const i = r - this.r0;
    const j = c - this.c0;
    if (typeof v === "number") {
      this.code[j][i] = NUMBER;
      this.num[j][i] = v;
      return;
    }
    if (v === null || v === "") {
      this.code[j][i] = EMPTY;
      return;
    }
    let k = this.index.get(v);
    if (k === undefined) {
      k = this.dict.length;
      this.dict.push(v);
      this.index.set(v, k);
    }
    this.code[j][i] = k;
  }

  /** Whether any cell holds a value; and the bounding rows of those that do, for the used range. */
  usedRows(): { r0: number; r1: number; c0: number; c1: number } | null {
    let r0 = -1;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const rows = this.r1 - this.r0 + 1;
    for (let j = 0; j < this.code.length; j++) {
      const col = this.code[j];
      let first = -1;
      for (let i = 0; i < rows; i++)
        if (col[i] !== EMPTY) {
          first = i;
          break;
        }
      if (first < 0) continue;
      let last = first;
      for (let i = rows - 1; i > first; i--)
        if (col[i] !== EMPTY) {
          last = i;
          break;
        }
      r0 = r0 < 0 ? first : Math.min(r0, first);
      r1 = Math.max(r1, last);
      c0 = Math.min(c0, j);
      c1 = Math.max(c1, j);
    }
    return r0 < 0 ? null : { r0: this.r0 + r0, r1: this.r0 + r1, c0: this.c0 + c0, c1: this.c0 + c1 };
  }

  /** The block as plain data (typed arrays: a worker hands them over without copying). */
  toData(): BlockData {
    return {
      hfSheet: this.hfSheet,
      rect: this.rect,
      num: this.num,
      code: this.code,
      dict: this.dict,
    };
  }

  /** The buffers `toData` holds, for a worker's transfer list. */
  buffers(): ArrayBuffer[] {
    return [...this.num, ...this.code].map((a) => a.buffer as ArrayBuffer);
  }

  static fromData(d: BlockData): ColumnBlock {
    const b = new ColumnBlock(d.hfSheet, { ...d.rect, r1: d.rect.r0 });
    b.r1 = d.rect.r1;
    b.num = d.num;
    b.code = d.code;
    b.capacity = d.num[0]?.length ?? 0;
    b.dict = d.dict;
    b.index = new Map(d.dict.map((v, k) => [v, k] as [string | boolean, number]).slice(1));
    return b;
  }
}

export interface BlockData {
  hfSheet: number;
  rect: Rect;
  num: Float64Array[];
  code: Int32Array[];
  dict: (string | boolean)[];
}

/** Which value a stored cell can hold: HyperFormula content that is a plain value, or undefined. */
export function storable(content: unknown): number | string | boolean | null | undefined {
  if (content === null || typeof content === "number" || typeof content === "boolean") return content;
  // Text reaches the engine with a leading apostrophe (so it stays text); any other string would
  // be parsed by HyperFormula (an error literal, a date) and is not a plain value.
  if (typeof content === "string" && content.startsWith("'")) return content.slice(1);
  return undefined;
}

// ---- the engine's view of the blocks --------------------------------------------------------

const REGISTRY = new WeakMap<DependencyGraph, Map<number, ColumnBlock>>();

/** The blocks of an engine by HyperFormula sheet id (shared with the model that owns them). */
export function blocksOf(hf: HyperFormula): Map<number, ColumnBlock> {
  const graph = dependencyGraphOf(hf);
  let m = REGISTRY.get(graph);
  if (!m) {
    REGISTRY.set(graph, (m = new Map()));
    // Every value the interpreter reads from a cell goes through the address mapping: a stored
    // cell answers from its block there, so any formula reads the store.
    readThroughBlocks(graph, storedValue);
  }
  return m;
}

/** A stored cell's value as the interpreter holds it, or NOT_STORED. */
function storedValue(graph: DependencyGraph, address: SimpleCellAddress): unknown {
  const b = REGISTRY.get(graph)?.get(address.sheet);
  return b !== undefined && b.has(address.row, address.col) ? b.engineValue(address.row, address.col) : NOT_STORED;
}

/** The block a range (HyperFormula's AbsoluteCellRange) of the dependency graph overlaps, if any. */
export function blockUnder(graph: DependencyGraph, range: AbsoluteCellRange): ColumnBlock | undefined {
  const b = REGISTRY.get(graph)?.get(range.start.sheet);
  return b && intersects(b.rect, rectOf(range)) ? b : undefined;
}

/**
 * A range's values row by row as the interpreter sees them: stored cells from the block, the rest
 * from the graph. An unbounded range (A:A) ends at the last row of the sheet or of the block.
 */
export function rangeValues(
  graph: DependencyGraph,
  range: AbsoluteCellRange,
  unwrap: (v: unknown) => unknown,
): unknown[] {
  const b = blockUnder(graph, range);
  const sheet = range.start.sheet;
  const end = effectiveEnd(graph, range);
  const endRow = end.finite ? end.row : Math.max(end.row, b ? b.r1 : -1);
  const endCol = end.col;
  const out: unknown[] = [];
  for (let r = range.start.row; r <= endRow; r++)
    for (let c = range.start.col; c <= endCol; c++)
      out.push(b && b.has(r, c) ? b.engineValue(r, c) : unwrap(scalarAt(graph, { sheet, row: r, col: c })));
  return out;
}

/** One cell's value as `rangeValues` reads it. */
export function cellValueOf(
  graph: DependencyGraph,
  address: SimpleCellAddress,
  unwrap: (v: unknown) => unknown,
): unknown {
  const b = REGISTRY.get(graph)?.get(address.sheet);
  return b !== undefined && b.has(address.row, address.col)
    ? b.engineValue(address.row, address.col)
    : unwrap(scalarAt(graph, address));
}

/**
 * Rows `from`…`to` of a column of a sheet (to the last the sheet or its block holds), as
 * `rangeValues` reads each cell, and where its formulas are: `formulasBefore[i]` counts the
 * formula cells among the first i rows read, so rows i…j of them hold none when
 * formulasBefore[j + 1] === formulasBefore[i].
 */
export function columnValues(
  graph: DependencyGraph,
  sheet: number,
  col: number,
  from: number,
  to: number,
  unwrap: (v: unknown) => unknown,
): { values: unknown[]; formulasBefore: Int32Array } {
  const b = REGISTRY.get(graph)?.get(sheet);
  const height = Math.max(sheetHeight(graph, sheet), b && col >= b.c0 && col <= b.c1 ? b.r1 + 1 : 0);
  const n = Math.max(0, Math.min(to + 1, height) - from);
  const values: unknown[] = new Array<unknown>(n);
  const formulasBefore = new Int32Array(n + 1);
  let formulas = 0;
  for (let i = 0; i < n; i++) {
    const r = from + i;
    formulasBefore[i] = formulas;
    if (b !== undefined && b.has(r, col)) values[i] = b.engineValue(r, col);
    else {
      const address = { sheet, row: r, col };
      // A formula's value is not read (it may not be computed yet in this evaluation): its row
      // holds undefined, which no cell's value is.
      if (formulaCellAt(graph, address)) formulas++;
      else values[i] = unwrap(scalarAt(graph, address));
    }
  }
  formulasBefore[n] = formulas;
  return { values, formulasBefore };
}

/**
 * A range's addresses without the block's cells (the wiring in hf.ts gives the block's cells no
 * vertices: the model marks the range dirty when one changes).
 */
export function addressesOutside(
  range: AbsoluteCellRange,
  graph: DependencyGraph,
  b: ColumnBlock,
): SimpleCellAddress[] {
  const out: SimpleCellAddress[] = [];
  const sheet = range.start.sheet;
  const { row: endRow, col: endCol } = effectiveEnd(graph, range);
  for (let r = range.start.row; r <= endRow; r++) {
    const rowIn = r >= b.r0 && r <= b.r1;
    for (let c = range.start.col; c <= endCol; c++) {
      if (rowIn && c >= b.c0 && c <= b.c1) {
        c = b.c1;
        continue;
      }
      out.push({ sheet, col: c, row: r });
    }
  }
  return out;
}

/**
 * Marks what reads a changed part of a block dirty — every range vertex over it, and the (empty)
 * vertex a direct reference to a stored cell left there — so the next evaluation recomputes the
 * formulas that read it.
 */
export function markRangesDirty(hf: HyperFormula, b: ColumnBlock, rect: Rect): void {
  markDirtyOver(dependencyGraphOf(hf), b.hfSheet, rect);
}

/**
 * After a block went back into HyperFormula's cells: each range vertex over it gets the edges from
 * those cells that the engine would have made, and is marked dirty.
 */
export function rewireRanges(hf: HyperFormula, b: ColumnBlock): void {
  wireRangesOver(dependencyGraphOf(hf), b.hfSheet, b.rect);
}

// ---- which formulas may read a block --------------------------------------------------------

/** Functions whose result is a reference computed at run time: they may land anywhere. */
const DYNAMIC_REFS = new Set(["OFFSET", "INDIRECT"]);

interface Base {
  sheet: number;
  row: number;
  col: number;
}

/**
 * The blocks a formula would read in a way the store cannot answer. A reference or a range reads
 * the store wherever it stands (the address mapping answers, the wiring marks it dirty); what the
 * store cannot answer is a whole column or row (HyperFormula hands a function the values it
 * copied from its own cells, up to its own last row), and a sheet named next to OFFSET or
 * INDIRECT (a reference made at run time has no wiring). Names count by their expressions.
 * Fails closed (issue 30): a formula, or a name's expression, that does not parse may read
 * anything, so it reads every block (and they go back to the engine).
 */
export function blocksReadDirectly(
  hf: HyperFormula,
  translated: string,
  base: Base,
  blocks: Map<number, ColumnBlock>,
  nameExpr: (name: string) => string | undefined = () => undefined,
): Set<ColumnBlock> {
  const out = new Set<ColumnBlock>();
  if (!blocks.size) return out;
  let unparsed = false;
  const internals = internalsOf(hf);
  const parse = (text: string): AstNode | null => {
    try {
      return parseFormula(internals, text, base) ?? null;
    } catch {
      unparsed = true;
      return null;
    }
  };
  const all = () => {
    for (const b of blocks.values()) out.add(b);
    return out;
  };
  const ast = parse(translated);
  if (!ast) return all();
  const namesSeen = new Set<string>();
  let dynamic = false;
  const sheetsNamed = new Set<number>();
  const check = (sheet: number, r0: number, r1: number, c0: number, c1: number) => {
    const b = blocks.get(sheet);
    if (b && intersects(b.rect, { r0, r1, c0, c1 })) out.add(b);
  };
  const visit = (node: AstNode | AstNode[] | null | undefined): void => {
    if (Array.isArray(node)) {
      for (const a of node) visit(a);
      return;
    }
    if (!node || typeof node !== "object") return;
    switch (node.type) {
      case "CELL_REFERENCE":
        sheetsNamed.add(node.reference!.toSimpleCellAddress(base).sheet);
        return;
      case "CELL_RANGE":
        sheetsNamed.add(node.start!.toSimpleCellAddress(base).sheet);
        return;
      case "COLUMN_RANGE": {
        const s = node.start!.toSimpleColumnAddress(base);
        const e = node.end!.toSimpleColumnAddress(base);
        sheetsNamed.add(s.sheet);
        check(s.sheet, 0, Infinity, Math.min(s.col, e.col), Math.max(s.col, e.col));
        return;
      }
      case "ROW_RANGE": {
        const s = node.start!.toSimpleRowAddress(base);
        const e = node.end!.toSimpleRowAddress(base);
        sheetsNamed.add(s.sheet);
        check(s.sheet, Math.min(s.row, e.row), Math.max(s.row, e.row), 0, Infinity);
        return;
      }
      case "NAMED_EXPRESSION": {
        const key = String(node.expressionName).toLowerCase();
        if (namesSeen.has(key)) return;
        namesSeen.add(key);
        const text = nameExpr(key);
        visit(text ? parse(text) : null);
        return;
      }
      case "FUNCTION_CALL":
        if (DYNAMIC_REFS.has(String(node.procedureName).toUpperCase())) dynamic = true;
        for (const a of node.args ?? []) visit(a);
        return;
      case "ARRAY":
        for (const row of node.args ?? []) visit(row);
        return;
      case "ERROR":
        // A parsing error (not an error literal such as #REF!): the text may have named anything.
        if (node.error?.type === "ERROR") unparsed = true;
        return;
      default:
        for (const k of ["left", "right", "value", "expression"] as const) if (node[k]) visit(node[k]);
    }
  };
  visit(ast);
  if (unparsed) return all();
  if (dynamic) for (const s of sheetsNamed) if (blocks.has(s)) out.add(blocks.get(s)!);
  return out;
}
