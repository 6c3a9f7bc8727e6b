// A deterministic topological order of the IR's steps, computed once per graph.
import type { IR } from './types.ts';

/**
 * The order is asked for by every analysis of a graph (the estimator on each
 * call, critical paths, slack, staging), and on a 10k-step workflow each
 * Kahn's pass through graphlib costs tens of milliseconds, so it is kept per
 * graph object. A graph is not changed once built (passes make new IRs,
 * types.ts); the node and edge counts are checked as well, so a graph that
 * is still being built (tests, builders) never sees an order from before.
 */
const orders = new WeakMap<object, { nodes: number; edges: number; order: readonly string[] }>();

/**
 * Kahn's algorithm, seeded with the sources in sorted order and releasing
 * successors in sorted order, so the order depends only on the graph, not on
 * the order its nodes were inserted. The array is shared: do not modify it.
 */
export function topologicalOrder(ir: IR): readonly string[] {
  const { graph } = ir;
  const nodes = graph.nodeCount();
  const edges = graph.edgeCount();
  const cached = orders.get(graph);
  if (cached && cached.nodes === nodes && cached.edges === edges) return cached.order;
  const order = kahn(ir);
  orders.set(graph, { nodes, edges, order });
  return order;
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
