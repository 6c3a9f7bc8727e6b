// Whether a set of steps is convex in a DAG: no path leaves the set and comes
// back into it. A fusion group must be (it becomes one Task state; a path out
// and back in would make the contracted workflow a cycle). The fusion
// partitions of the exhaustive baseline and dagc's own fused parts
// (structural-options.ts) ask it of the graph the plan runs on, whose join
// steps the series-parallel tree does not list.
// Complexity: O(V + E) per question (a forward search from the set's outside successors).
import type { IR } from './types.ts';

export type Convex = (steps: readonly string[]) => boolean;

/** Whether no path of the graph leaves a set of steps and re-enters it: a forward search from its outside successors. */
export function convexIn(graph: IR['graph']): Convex {
  return (steps) => {
    const inside = new Set(steps);
    const seen = new Set<string>();
    const stack: string[] = [];
    for (const s of steps) for (const t of graph.successors(s) ?? []) if (!inside.has(t) && !seen.has(t)) (seen.add(t), stack.push(t));
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const t of graph.successors(u) ?? []) {
        if (inside.has(t)) return false;
        if (!seen.has(t)) (seen.add(t), stack.push(t));
      }
    }
    return true;
  };
}
