// The longest source-to-sink path of a DAG under per-step latencies, by one
// dynamic program in topological order. Choice branches are all treated as
// taken (a path through any branch may be the critical one). Ties between
// equally long predecessors go to the smaller step id, so the path is stable.
// Complexity: O(V log V + E log E).
import { topologicalOrder } from './topological-order.ts';
import type { IR } from './types.ts';

export interface CriticalPath {
  lengthMs: number;
  /** Step ids from source to sink. */
  steps: string[];
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
