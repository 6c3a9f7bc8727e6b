// A deterministic topological order of the IR's steps, computed once per graph.
import { GraphMemo } from './graph-memo.ts';
import type { IR } from './types.ts';

/**
 * The order is asked for by every analysis of a graph (the estimator on each
 * call, critical paths, slack, staging), and on a 10k-step workflow each
 * Kahn's pass through graphlib costs tens of milliseconds, so it is kept per
 * graph (graph-memo.ts: a graph still being built never sees an order from before).
 */
const orders = new GraphMemo<readonly string[]>();

/**
 * Kahn's algorithm, seeded with the sources in sorted order and releasing
 * successors in sorted order, so the order depends only on the graph, not on
 * the order its nodes were inserted. The array is shared: do not modify it.
 */
export function topologicalOrder(ir: IR): readonly string[] {
  return orders.get(ir, '', () => kahn(ir));
}

function kahn(ir: IR): string[] {
  const { graph } = ir;
  const indegree = new Map<string, number>();
  // graphlib returns an array for every node of the graph (undefined only for an unknown id).
  for (const id of graph.nodes()) indegree.set(id, graph.predecessors(id)!.length);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id).sort();
  for (let head = 0; head < queue.length; head++) {
    const successors = graph.successors(queue[head]!)!;
    for (const next of successors.length > 1 ? [...successors].sort() : successors) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  return queue;
}
