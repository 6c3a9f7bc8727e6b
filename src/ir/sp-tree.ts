// The series-parallel decomposition tree of a workflow: what Step Functions can
// express directly (a sequence of states, Parallel branches that all join,
// Choice branches that reconverge, each leaf one step).

export type SpTree =
  | { kind: 'leaf'; step: string }
  | { kind: 'series'; children: SpTree[] }
  | { kind: 'parallel'; children: SpTree[] }
  | { kind: 'choice'; choiceStep: string; branches: Array<{ probability: number; tree: SpTree | null }> };

/** Every step in the tree, left to right. */
export function stepsOf(tree: SpTree | null): string[] {
  if (tree === null) return [];
  switch (tree.kind) {
    case 'leaf':
      return [tree.step];
    case 'series':
    case 'parallel':
      return tree.children.flatMap(stepsOf);
    case 'choice':
      return tree.branches.flatMap((b) => stepsOf(b.tree));
  }
}

/** A compact text form for tests and debugging: a;(b|c);d and c?{0.3:x,0.7:y}. */
export function formatSpTree(tree: SpTree | null): string {
  if (tree === null) return '∅';
  switch (tree.kind) {
    case 'leaf':
      return tree.step;
    case 'series':
      return tree.children.map((c) => (c.kind === 'parallel' ? `(${formatSpTree(c)})` : formatSpTree(c))).join(';');
    case 'parallel':
      return tree.children.map((c) => (c.kind === 'series' ? `(${formatSpTree(c)})` : formatSpTree(c))).join('|');
    case 'choice':
      return `${tree.choiceStep}?{${tree.branches.map((b) => `${b.probability}:${formatSpTree(b.tree)}`).join(',')}}`;
  }
}
