/**
 * The recalculation order (src/emulator/top-sort.ts) against HyperFormula's own TopSort (3.5.0) on
 * random graphs with cycles, self-loops, removed vertices and holes in the dependents' arrays:
 * the same sorted and cycled vertices, `operate` and `onCycle` called on the same vertices in the
 * same order, run after run on one sorter (its scratch space reset between runs).
 */
import * as path from "path";
import { topSorter } from "../../src/emulator/top-sort";

// HyperFormula's own class, from its CommonJS build beside its entry (its package exports no deep path).
const { TopSort } = require(
  path.join(path.dirname(require.resolve("hyperformula")), "DependencyGraph", "TopSort.js"),
) as {
  TopSort: new (
    nodes: unknown[],
    edges: unknown[],
  ) => {
    getTopSortedWithSccSubgraphFrom(seeds: number[], operate: unknown, onCycle: unknown): unknown;
  };
};

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function graph(rnd: () => number, n: number) {
  const nodes: ({ id: number } | undefined)[] = Array.from({ length: n }, (_, id) =>
    rnd() < 0.08 ? undefined : { id },
  );
  const edges: (number | undefined)[][] = Array.from({ length: n }, (_, id) => {
    const out: (number | undefined)[] = [];
    const k = Math.floor(rnd() * 4);
    for (let e = 0; e < k; e++) {
      const r = rnd();
      // Mostly forward (a DAG), some back edges (cycles), a few self-loops and holes.
      out.push(r < 0.05 ? undefined : r < 0.1 ? id : r < 0.25 ? Math.floor(rnd() * n) : id + 1 + Math.floor(rnd() * 6));
    }
    return out.map((t) => (t !== undefined && t >= n ? undefined : t));
  });
  return { nodes, edges };
}

test("the same order, cycles and calls as HyperFormula's TopSort on 200 random graphs", () => {
  let compared = 0;
  let cycles = 0;
  for (let g = 0; g < 20; g++) {
    const rnd = random(1000 + g);
    const n = 30 + Math.floor(rnd() * 300);
    const { nodes, edges } = graph(rnd, n);
    const ours = topSorter<{ id: number }>({ nodesSparseArray: nodes, edgesSparseArray: edges });
    for (let run = 0; run < 10; run++) {
      const seeds = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * n)).filter(
        (id) => nodes[id] !== undefined,
      );
      // operate's answer per vertex: fixed for the run, the same for both sorts.
      const changes = new Map(nodes.map((v, id) => [id, rnd() < 0.7]));
      const calls = (log: string[]) => ({
        operate: (v: { id: number }) => {
          log.push(`o${v.id}`);
          return changes.get(v.id)!;
        },
        onCycle: (v: { id: number }) => {
          log.push(`c${v.id}`);
        },
      });
      const theirsLog: string[] = [];
      const t = calls(theirsLog);
      const theirs = new TopSort(nodes, edges).getTopSortedWithSccSubgraphFrom(seeds.slice(), t.operate, t.onCycle) as {
        sorted: { id: number }[];
        cycled: { id: number }[];
      };
      const oursLog: string[] = [];
      const o = calls(oursLog);
      const mine = ours(seeds.slice(), o.operate, o.onCycle);
      expect(mine.sorted.map((v) => v.id)).toEqual(theirs.sorted.map((v) => v.id));
      expect(mine.cycled.map((v) => v.id)).toEqual(theirs.cycled.map((v) => v.id));
      expect(oursLog).toEqual(theirsLog);
      compared += theirs.sorted.length + theirs.cycled.length;
      cycles += theirs.cycled.length;
    }
  }
  // Enough vertices ordered, and cycles among them, for the comparison to mean something.
  expect(compared).toBeGreaterThan(2000);
  expect(cycles).toBeGreaterThan(50);
});

test("a run stopped by a throwing recomputation leaves nothing behind for the next", () => {
  const rnd = random(7);
  const { nodes, edges } = graph(rnd, 200);
  const ours = topSorter<{ id: number }>({ nodesSparseArray: nodes, edgesSparseArray: edges });
  const seeds = [0, 5, 17, 40].filter((id) => nodes[id] !== undefined);
  let calls = 0;
  expect(() =>
    ours(
      seeds,
      () => {
        if (++calls === 3) throw new Error("stop");
        return true;
      },
      () => undefined,
    ),
  ).toThrow("stop");
  const theirs = new TopSort(nodes, edges).getTopSortedWithSccSubgraphFrom(
    seeds.slice(),
    () => true,
    () => undefined,
  ) as {
    sorted: { id: number }[];
  };
  const again = ours(
    seeds.slice(),
    () => true,
    () => undefined,
  );
  expect(theirs.sorted.length).toBeGreaterThan(3);
  expect(again.sorted.map((v) => v.id)).toEqual(theirs.sorted.map((v) => v.id));
});
