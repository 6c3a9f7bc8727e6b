// A deterministic topological order of the IR's steps.
import type { IR } from './types.ts';

/**
 * Kahn's algorithm, seeded with the sources in sorted order and releasing
 * successors in sorted order, so the order depends only on the graph, not on
 * the order its nodes were inserted.
 */
export function topologicalOrder(ir: IR): string[] {
  const { graph } = ir;
  const indegree = new Map<string, number>();
  for (const id of graph.nodes()) indegree.set(id, (graph.predecessors(id) ?? []).length);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id).sort();
  for (let head = 0; head < queue.length; head++) {
    for (const next of [...(graph.successors(queue[head]!) ?? [])].sort()) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  return queue;
}
