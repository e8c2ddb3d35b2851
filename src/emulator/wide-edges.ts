/**
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

import { graphArrays, HF_VERSION, type Graph } from "./hf-internals";

/** A vertex or its id, as the graph's edge methods take them. */
type Node = Parameters<Graph["addEdge"]>[0];

interface Index {
  /** The array this index describes (HyperFormula may replace a vertex's array). */
  arr: (number | undefined)[];
  pos: Map<number, number>;
}

const PATCHED = Symbol("sixstep.wideEdges");

function idOf(node: unknown): number | undefined {
  return typeof node === "number" ? node : (node as { idInGraph?: number } | null)?.idInGraph;
}

export function indexWideEdges(graph: Graph): void {
  const g = graph as Graph & { [PATCHED]?: true };
  if (g[PATCHED] || typeof g.addEdge !== "function" || typeof g.adjacentNodesCount !== "function")
    throw new Error(`HyperFormula internals changed: indexWideEdges needs ${HF_VERSION}`);
  const arrays = graphArrays(g);
  g[PATCHED] = true;
  const indexes = new Map<number, Index>();
  /** The index of a wide vertex's array (built or rebuilt on demand); undefined for a narrow one. */
  const indexOf = (fromId: number): Index | undefined => {
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
  const remove = (from: Node, to: Node, strict: boolean) => {
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
