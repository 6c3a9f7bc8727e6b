// Which steps start a Parallel branch that is not its fork's first: the
// estimator adds a branch stagger to their first invocation (Step Functions
// starts a Parallel state's branches a few to a few hundred ms apart; the
// first branch's start is the state's Task dispatch, the others' are measured
// from it, as src/calibrate/trace-gaps.ts measures them). A fork is a step (or
// a restructuring join) with more than one successor that is not a Choice (a
// Choice's successors are alternatives); a branch head is a successor whose
// only predecessor is the fork. Branches are ranked by step id, so the choice
// of "first" is stable.
// Complexity: O(V + E log E).
import { GraphMemo } from '../ir/graph-memo.ts';
import type { IR } from '../ir/types.ts';

const headsMemo = new GraphMemo<ReadonlySet<string>>();

/** Per graph (graph-memo.ts): every estimate of a graph asks. */
export function parallelBranchHeads(ir: IR): ReadonlySet<string> {
  return headsMemo.get(ir, '', () => findBranchHeads(ir));
}

function findBranchHeads(ir: IR): Set<string> {
  const heads = new Set<string>();
  for (const fork of ir.graph.nodes()) {
    if (ir.graph.node(fork).kind === 'choice') continue;
    const successors = ir.graph.successors(fork) ?? [];
    if (successors.length < 2) continue;
    const branches = successors.filter((id) => (ir.graph.predecessors(id) ?? []).length === 1).sort();
    for (const id of branches.slice(1)) heads.add(id);
  }
  return heads;
}
