// The longest source-to-sink path of a DAG under per-step latencies, by one
// dynamic program in topological order. Choice branches are all treated as
// taken (a path through any branch may be the critical one). Ties between
// equally long predecessors go to the smaller step id, so the path is stable.
// Strategies that ask for the critical path after every change (greedy)
// build a solver once: the graph is flattened to index arrays, so each
// question costs O(V + E) array reads instead of graph lookups.
// Complexity: O(V log V + E log E) to build (the sorted order), O(V + E) per path; the length alone
// (criticalPathLengthMs) O(V + E), no sorting.
import { topologicalOrder } from './topological-order.ts';
import type { IR } from './types.ts';

export interface CriticalPath {
  lengthMs: number;
  /** Step ids from source to sink. */
  steps: string[];
}

export type CriticalPathSolver = (latencyMs: (stepId: string) => number) => CriticalPath;

export function criticalPathSolver(ir: IR, order: readonly string[] = topologicalOrder(ir)): CriticalPathSolver {
  const preds = orderedPredecessors(ir, order);
  const finish = new Float64Array(order.length);
  const via = new Int32Array(order.length);
  return (latencyMs) => {
    let end = -1;
    for (let i = 0; i < order.length; i++) {
      let start = 0;
      let from = -1;
      for (const p of preds[i]!) {
        if (from < 0 || finish[p]! > start) {
          start = finish[p]!;
          from = p;
        }
      }
      finish[i] = start + latencyMs(order[i]!);
      via[i] = from;
      if (end < 0 || finish[i]! > finish[end]! || (finish[i] === finish[end] && order[i]! < order[end]!)) end = i;
    }
    const steps: string[] = [];
    for (let at = end; at >= 0; at = via[at]!) steps.push(order[at]!);
    return { lengthMs: end < 0 ? 0 : finish[end]!, steps: steps.reverse() };
  };
}

/**
 * Predecessors of each step by position in the order, sorted by step id so the first of equals wins. Kept per
 * graph and order: a strategy asks for many critical paths of one graph (greedy, after every raise), and on a
 * 10k-step graph flattening it is most of the work. The order array is a graph's cached topological order (a new
 * one when the graph changes) or a caller's own. Questions about the length alone use criticalPathLengthMs.
 */
const flattened = new WeakMap<object, WeakMap<readonly string[], number[][]>>();

function orderedPredecessors(ir: IR, order: readonly string[]): number[][] {
  let byOrder = flattened.get(ir.graph);
  if (!byOrder) flattened.set(ir.graph, (byOrder = new WeakMap()));
  let preds = byOrder.get(order);
  if (!preds) {
    const index = new Map(order.map((id, i) => [id, i]));
    preds = order.map((id) => {
      const ids = ir.graph.predecessors(id) ?? [];
      // A lone predecessor needs no sort (the runtime's sort allocates a work area even for one element).
      return (ids.length > 1 ? [...ids].sort() : ids).map((p) => index.get(p)!);
    });
    byOrder.set(order, preds);
  }
  return preds;
}

export function criticalPath(ir: IR, latencyMs: (stepId: string) => number, order: readonly string[] = topologicalOrder(ir)): CriticalPath {
  return criticalPathSolver(ir, order)(latencyMs);
}

/**
 * The critical path's length alone (criticalPath(…).lengthMs, the same number: a step starts at the largest
 * finish among its predecessors, and a maximum does not depend on the order it is taken in). Without a path
 * there are no ties to break, so the predecessors are not sorted — a restructured workflow's join has one
 * predecessor per step of a stage, thousands on a 10k-step workflow, and sorting their ids was most of the work.
 */
export function criticalPathLengthMs(ir: IR, latencyMs: (stepId: string) => number, order: readonly string[] = topologicalOrder(ir)): number {
  const preds = unorderedPredecessors(ir, order);
  const finish = new Float64Array(order.length);
  let longest = 0;
  for (let i = 0; i < order.length; i++) {
    const ps = preds[i]!;
    let start = 0;
    for (let k = 0; k < ps.length; k++) {
      const at = finish[ps[k]!]!;
      if (k === 0 || at > start) start = at;
    }
    finish[i] = start + latencyMs(order[i]!);
    if (i === 0 || finish[i]! > longest) longest = finish[i]!;
  }
  return longest;
}

/** Predecessors of each step by position in the order, in the graph's own order: kept per graph and order, like orderedPredecessors. */
const unordered = new WeakMap<object, WeakMap<readonly string[], Int32Array[]>>();

function unorderedPredecessors(ir: IR, order: readonly string[]): Int32Array[] {
  let byOrder = unordered.get(ir.graph);
  if (!byOrder) unordered.set(ir.graph, (byOrder = new WeakMap()));
  let preds = byOrder.get(order);
  if (!preds) {
    const index = new Map<string, number>();
    for (let i = 0; i < order.length; i++) index.set(order[i]!, i);
    preds = new Array<Int32Array>(order.length);
    for (let i = 0; i < order.length; i++) {
      const ids = ir.graph.predecessors(order[i]!) ?? [];
      const at = new Int32Array(ids.length);
      for (let k = 0; k < ids.length; k++) at[k] = index.get(ids[k]!)!;
      preds[i] = at;
    }
    byOrder.set(order, preds);
  }
  return preds;
}
