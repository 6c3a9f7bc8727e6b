// Slack allotment on decomposed paths (Llama): every step gets a latency
// budget so that every source-to-sink path fits the SLO, each step's share in
// proportion to its latency on the tightest (longest) path through it.
// With l(s) a step's latency and L(s) the longest path through s,
//   budget(s) = SLO × l(s) / L(s),  L(s) = to(s) + from(s) − l(s),
// from two dynamic programs in topological order: no path is enumerated.
// Any path P has Σ_{s∈P} l(s)/L(s) ≤ Σ l(s)/len(P) = 1, so it fits.
// Complexity: O(V log V + E log E) (the sorted topological order).
import { topologicalOrder } from '../ir/topological-order.ts';
import type { IR } from '../ir/types.ts';

/** Each step's share of the SLO on the longest path through it; steps of zero latency get the whole SLO. */
export function slackBudgets(ir: IR, latencyMs: ReadonlyMap<string, number>, sloMs: number): Map<string, number> {
  const order = topologicalOrder(ir);
  const to = new Map<string, number>();
  const from = new Map<string, number>();
  for (const id of order) {
    let before = 0;
    for (const pred of ir.graph.predecessors(id) ?? []) before = Math.max(before, to.get(pred)!);
    to.set(id, before + latencyMs.get(id)!);
  }
  for (const id of [...order].reverse()) {
    let after = 0;
    for (const succ of ir.graph.successors(id) ?? []) after = Math.max(after, from.get(succ)!);
    from.set(id, after + latencyMs.get(id)!);
  }
  const budgets = new Map<string, number>();
  for (const id of order) {
    const own = latencyMs.get(id)!;
    const longest = to.get(id)! + from.get(id)! - own;
    budgets.set(id, longest > 0 ? (sloMs * own) / longest : sloMs);
  }
  return budgets;
}
