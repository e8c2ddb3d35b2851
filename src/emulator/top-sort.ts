/**
 * The order in which the engine recomputes a change's dependents: HyperFormula's own algorithm
 * (3.5.0, `DependencyGraph/TopSort.js`: Tarjan's strongly connected components, iterative, then
 * each vertex in topological order recomputed where something it reads changed, a vertex on a
 * cycle reported), step for step, over the same arrays, in the same order. What differs is the
 * bookkeeping: HyperFormula keeps a vertex's entrance time, low link, parent and status in sparse
 * arrays made afresh at each recalculation and filters each vertex's dependents into a new array
 * three times; here they live in typed arrays kept between runs (only the entries a run touched
 * are reset) and the dependents are read in place. The portfolio's recalculation at 60,000 rows
 * sorts about 100,000 vertices: 270 ms of sorting before.
 */

/** A run's scratch space, grown as the graph grows and reset entry by entry after each run. */
interface Scratch {
  entrance: Int32Array;
  low: Int32Array;
  parent: Int32Array;
  /** 0 not seen, 1 on the DFS stack, 2 processed (its dependents pushed), 3 popped. */
  status: Uint8Array;
  inScc: Uint8Array;
  onCycle: Uint8Array;
  update: Uint8Array;
  touched: number[];
}

const ON_STACK = 1;
const PROCESSED = 2;
const POPPED = 3;

function scratchFor(s: Scratch | undefined, n: number): Scratch {
  if (s && s.entrance.length >= n) return s;
  const size = Math.max(n, 1024, (s?.entrance.length ?? 0) * 2);
  return {
    entrance: new Int32Array(size).fill(-1),
    low: new Int32Array(size),
    parent: new Int32Array(size).fill(-1),
    status: new Uint8Array(size),
    inScc: new Uint8Array(size),
    onCycle: new Uint8Array(size),
    update: new Uint8Array(size),
    touched: [],
  };
}

/**
 * The sort over one graph's arrays, read at each run (`nodesSparseArray[id]` a vertex or undefined,
 * `edgesSparseArray[id]` the ids of its dependents, holes and removed vertices skipped as
 * HyperFormula's `getAdjacentNodeIds` skips them): `{ sorted, cycled }` as HyperFormula's TopSort returns them, `operate` and `onCycle`
 * called in the same order.
 */
export function topSorter<V>(graph: {
  nodesSparseArray: (V | undefined)[];
  edgesSparseArray: (number | undefined)[][];
}): (seeds: number[], operate: (v: V) => boolean, onCycle: (v: V) => void) => { sorted: V[]; cycled: V[] } {
  let scratch: Scratch | undefined;
  return (seeds, operate, onCycle) => {
    scratch = scratchFor(scratch, graph.nodesSparseArray.length + 1);
    try {
      return run(scratch, seeds, operate, onCycle);
    } finally {
      // Every entry the run touched, even when `operate` or `onCycle` threw part way.
      reset(scratch);
    }
  };

  function run(
    s: Scratch,
    seeds: number[],
    operate: (v: V) => boolean,
    onCycle: (v: V) => void,
  ): { sorted: V[]; cycled: V[] } {
    const nodes = graph.nodesSparseArray;
    const edges = graph.edgesSparseArray;
    const { entrance, low, parent, status, inScc, onCycle: cyclic, update, touched } = s;
    const live = (t: number | undefined): t is number => t !== undefined && !!nodes[t];
    let time = 0;
    const order: number[] = [];
    const sccStack: number[] = [];
    const dfs: number[] = [];
    const reversed = seeds.slice().reverse();
    for (const v of reversed) {
      if (status[v] !== 0) continue;
      touched.push(v);
      status[v] = ON_STACK;
      dfs.push(v);
      while (dfs.length) {
        const u = dfs[dfs.length - 1];
        if (status[u] === ON_STACK) {
          entrance[u] = time;
          low[u] = time;
          time++;
          sccStack.push(u);
          for (const t of edges[u] ?? []) {
            if (!live(t) || entrance[t] !== -1) continue;
            if (status[t] === 0) touched.push(t);
            dfs.push(t);
            parent[t] = u;
            status[t] = ON_STACK;
          }
          status[u] = PROCESSED;
        } else if (status[u] === PROCESSED) {
          let uLow = entrance[u];
          for (const t of edges[u] ?? []) {
            if (!live(t) || inScc[t]) continue;
            uLow = Math.min(uLow, parent[t] === u ? low[t] : entrance[t]);
          }
          low[u] = uLow;
          if (uLow === entrance[u]) {
            const start = order.length;
            let w: number;
            do {
              w = sccStack.pop()!;
              order.push(w);
              inScc[w] = 1;
            } while (w !== u);
            if (order.length - start > 1) for (let k = start; k < order.length; k++) cyclic[order[k]] = 1;
          }
          dfs.pop();
          status[u] = POPPED;
        } else dfs.pop();
      }
    }
    // HyperFormula's postprocess: its order reversed (the components were pushed in completion
    // order, each in the order its stack gave them up).
    for (const t of reversed) {
      if (status[t] === 0) touched.push(t);
      update[t] = 1;
    }
    const sorted: V[] = [];
    const cycled: V[] = [];
    const mark = (t: number) => {
      for (const x of edges[t] ?? []) {
        if (!live(x)) continue;
        if (status[x] === 0 && !update[x]) touched.push(x);
        update[x] = 1;
      }
    };
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k];
      const node = nodes[t] as V;
      let self = false;
      for (const x of edges[t] ?? []) if (x === t && live(x)) self = true;
      if (cyclic[t] || self) {
        cycled.push(node);
        onCycle(node);
        mark(t);
      } else {
        sorted.push(node);
        if (update[t] && operate(node)) mark(t);
      }
    }
    return { sorted, cycled };
  }
}

/** Clears what a run wrote, entry by entry. */
function reset(s: Scratch): void {
  for (const t of s.touched) {
    s.entrance[t] = -1;
    s.low[t] = 0;
    s.parent[t] = -1;
    s.status[t] = 0;
    s.inScc[t] = 0;
    s.onCycle[t] = 0;
    s.update[t] = 0;
  }
  s.touched.length = 0;
}
