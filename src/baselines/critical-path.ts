// The longest source-to-sink path of a DAG under per-step latencies, by one
// dynamic program in topological order. Choice branches are all treated as
// taken (a path through any branch may be the critical one). Ties between
// equally long predecessors go to the smaller step id, so the path is stable.
// Complexity: O(V log V + E log E).
import type { IR } from '../ir/types.ts';

export interface CriticalPath {
  lengthMs: number;
  /** Step ids from source to sink. */
  steps: string[];
}

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

export function criticalPath(ir: IR, latencyMs: (stepId: string) => number, order: readonly string[] = topologicalOrder(ir)): CriticalPath {
  const { graph } = ir;
  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  for (const id of order) {
    let start = 0;
    let from: string | undefined;
    for (const pred of [...(graph.predecessors(id) ?? [])].sort()) {
      const f = finish.get(pred)!;
      if (from === undefined || f > start) {
        start = f;
        from = pred;
      }
    }
    finish.set(id, start + latencyMs(id));
    via.set(id, from);
  }
  let end: string | undefined;
  for (const id of [...order].sort()) if (end === undefined || finish.get(id)! > finish.get(end)!) end = id;
  const steps: string[] = [];
  for (let at = end; at !== undefined; at = via.get(at)) steps.push(at);
  return { lengthMs: end === undefined ? 0 : finish.get(end)!, steps: steps.reverse() };
}
