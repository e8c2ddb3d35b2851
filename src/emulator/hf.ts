import { FunctionArgumentType, FunctionPlugin, HyperFormula, type ConfigParams } from "hyperformula";
import { formatValue } from "./numfmt";
import { FastCriteriaPlugin, passPerEvaluation } from "./criteria";
import { FastIndexPlugin } from "./fast-index";
import { indexWideEdges } from "./wide-edges";
import { memoiseParses } from "./parse-memo";
import { addressesOutside, blockUnder } from "./columns";

/**
 * HyperFormula's TEXT knows few formats (TEXT(1234.5,"#,##0.00") gives "1235,##0.00"); Excel's
 * TEXT takes any number format, so ours renders with the same formatter as Range.text.
 */
class ExcelTextPlugin extends FunctionPlugin {
  text(ast: any, state: any) {
    // An error argument propagates, as in Excel (runFunction hands it through untouched).
    return this.runFunction(ast.args, state, this.metadata("TEXT"), (value: unknown, format: string) =>
      typeof value === "number"
        ? formatValue(value, format)
        : typeof value === "object" && value !== null
          ? (value as never)
          : String(value ?? ""),
    );
  }
}
(ExcelTextPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = {
  TEXT: {
    method: "text",
    parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.STRING }],
  },
};

let registered = false;
function registerPlugins() {
  if (registered) return;
  registered = true;
  HyperFormula.unregisterFunction("TEXT");
  HyperFormula.registerFunctionPlugin(ExcelTextPlugin, { enGB: { TEXT: "TEXT" }, enUS: { TEXT: "TEXT" } });
  // The criteria functions over per-pass column caches, AVERAGEIFS among them (src/emulator/criteria.ts).
  const criteria = ["SUMIFS", "COUNTIFS", "SUMIF", "COUNTIF", "MINIFS", "MAXIFS", "AVERAGEIFS"];
  for (const f of criteria)
    if (HyperFormula.getRegisteredFunctionNames("enGB").includes(f)) HyperFormula.unregisterFunction(f);
  const names = Object.fromEntries(criteria.map((f) => [f, f]));
  HyperFormula.registerFunctionPlugin(FastCriteriaPlugin, { enGB: names, enUS: names });
  // INDEX reading one cell, not the whole range (src/emulator/fast-index.ts).
  HyperFormula.unregisterFunction("INDEX");
  HyperFormula.registerFunctionPlugin(FastIndexPlugin, { enGB: { INDEX: "INDEX" }, enUS: { INDEX: "INDEX" } });
}

export const HF_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  smartRounding: false,
  useColumnIndex: false,
  // Excel serial dates: days since 1899-12-30 (right for every date from 1900-03-01 on).
  nullDate: { year: 1899, month: 12, day: 30 },
  dateFormats: ["YYYY-MM-DD", "YYYY/MM/DD"],
  evaluateNullToZero: true,
  // Excel evaluates SUMPRODUCT((range=x)*range) element-wise; HyperFormula only in array mode.
  useArrayArithmetic: true,
  // No undo stack: the emulator never undoes (office-js has no undo), and the stack held the old
  // content of every cell written (700,000 entries for a 100,000-row table).
  undoLimit: 0,
  maxRows: 1_048_576,
  maxColumns: 16_384,
};

export function createHyperFormula(): HyperFormula {
  registerPlugins();
  const hf = HyperFormula.buildEmpty(HF_CONFIG);
  passPerEvaluation(hf);
  indexWideEdges(
    (hf as unknown as { dependencyGraph: { graph: Parameters<typeof indexWideEdges>[0] } }).dependencyGraph.graph,
  );
  wireRangesOnce(hf);
  skipLoneValues(hf);
  memoiseParses((hf as unknown as { _parser: Parameters<typeof memoiseParses>[0] })._parser);
  return hf;
}

/**
 * After a write, HyperFormula sorts every written vertex with its dependents and "recomputes" them
 * (3.5.0): a value cell recomputes to itself, so a 100,000-row table loaded into a sheet sorted
 * 700,000 vertices for nothing (2.2 s of the CLI's import). A written value cell that no formula
 * or range depends on is left out of that run; the write itself recorded its change, and a value
 * with dependents still leads them into the run.
 */
export function skipLoneValues(hf: HyperFormula): void {
  const evaluator = (hf as any)._evaluator;
  const graph = (hf as unknown as { dependencyGraph?: any }).dependencyGraph?.graph;
  if (!evaluator || !graph || typeof graph.adjacentNodesCount !== "function")
    throw new Error("HyperFormula internals changed: skipLoneValues needs 3.5.0");
  const original = evaluator.partialRun.bind(evaluator);
  evaluator.partialRun = (vertices: any[]) =>
    original(
      vertices.filter(
        (v) => !(v && "parsedValue" in v && "rawValue" in v && graph.hasNode(v) && graph.adjacentNodesCount(v) === 0),
      ),
    );
}

const WIRED_ONCE = Symbol("sixstep.wiredOnce");

/**
 * HyperFormula 3.5.0 wires a formula's range (a vertex with an edge from every cell in it) each
 * time a formula names it, walking all of its cells again even when that range vertex already
 * exists with all its edges: 300 formulas over a 100,000-row column made ~40 M idempotent edge
 * additions, 36 of Generate's 48 s. A range vertex in the graph is fully wired (the engine
 * removes it with its last dependent), so a formula naming it needs one edge: range → formula.
 * Ranges not yet in the graph take the engine's own path. Patched on the prototype (once), so an
 * engine rebuilt by HyperFormula keeps it; pinned with the version (package.json: 3.5.0).
 */
export function wireRangesOnce(hf: HyperFormula): void {
  const graph = (hf as unknown as { dependencyGraph?: object }).dependencyGraph;
  const proto = graph && (Object.getPrototypeOf(graph) as Record<PropertyKey, any>);
  if (!proto || typeof proto.processCellDependencies !== "function" || typeof proto.getRange !== "function")
    throw new Error("HyperFormula internals changed: wireRangesOnce needs 3.5.0");
  if (proto[WIRED_ONCE]) return;
  const original = proto.processCellDependencies;
  proto.processCellDependencies = function (this: any, deps: any[], endVertex: any) {
    const endId = endVertex.idInGraph;
    const rest: any[] = [];
    for (const dep of deps) {
      const isRange = dep && dep.start && dep.end && typeof dep.isFinite === "function";
      const wired = isRange && endId !== undefined ? this.getRange(dep.start, dep.end) : undefined;
      if (wired && wired.idInGraph !== undefined && this.graph.hasNode(wired)) {
        this.graph.addEdge(wired.idInGraph, endId);
        continue;
      }
      // A range over a column-store block (src/emulator/columns.ts): the engine's own wiring, but
      // the block's cells have no vertices to walk (the model marks the range dirty on a change).
      const block = isRange ? blockUnder(this, dep) : undefined;
      if (!block) {
        rest.push(dep);
        continue;
      }
      const owner = ownerOf(dep, "addresses");
      const addresses = owner.addresses;
      owner.addresses = function (this: any, graph: any) {
        const b = blockUnder(graph, this);
        return b ? addressesOutside(this, graph, b) : addresses.call(this, graph);
      };
      try {
        original.call(this, [dep], endVertex);
      } finally {
        owner.addresses = addresses;
      }
    }
    if (rest.length) original.call(this, rest, endVertex);
  };
  proto[WIRED_ONCE] = true;
}

/** The prototype in an object's chain that defines a method. */
function ownerOf(obj: object, method: string): Record<string, any> {
  let p = Object.getPrototypeOf(obj);
  while (p && !Object.prototype.hasOwnProperty.call(p, method)) p = Object.getPrototypeOf(p);
  if (!p) throw new Error(`HyperFormula internals changed: no ${method}`);
  return p;
}
