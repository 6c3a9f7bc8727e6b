// The edges between the members of a set of steps (a fusion group): what a
// fused Lambda passes in memory, and what a probe of the group alone keeps.
// Complexity: O(members + their out-edges).
import type { IR } from './types.ts';

/** [from, to] for every edge whose two ends are members, by member order, then target id. */
export function innerEdges(ir: IR, members: readonly string[]): Array<[string, string]> {
  const inside = new Set(members);
  const result: Array<[string, string]> = [];
  for (const from of members) for (const to of [...(ir.graph.successors(from) ?? [])].sort()) if (inside.has(to)) result.push([from, to]);
  return result;
}
