// How often each step runs per execution: 1 outside conditional branches, the
// product of the branch probabilities on the way in otherwise. Read off the
// series-parallel tree, where every choice is a node with its branches.
// Used to weigh per-step costs into per-execution costs. O(V).
import type { SpTree } from '../ir/sp-tree.ts';

export function runProbabilities(tree: SpTree): Map<string, number> {
  const result = new Map<string, number>();
  const walk = (t: SpTree | null, p: number): void => {
    if (t === null) return;
    switch (t.kind) {
      case 'leaf':
        result.set(t.step, p);
        return;
      case 'series':
      case 'parallel':
        for (const child of t.children) walk(child, p);
        return;
      case 'choice':
        result.set(t.choiceStep, p);
        for (const branch of t.branches) walk(branch.tree, p * branch.probability);
        return;
    }
  };
  walk(tree, 1);
  return result;
}
