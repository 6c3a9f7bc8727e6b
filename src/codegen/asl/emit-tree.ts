// The structure the ASL emitter walks: the series-parallel tree of the staged
// DAG (toSeriesParallel, the same structure the estimator judged), with each
// fusion group collapsed into one unit, since a group is one Lambda
// invocation and so one Task state. A group must be a run of consecutive
// children of one series node (or the whole of a parallel or series node):
// that is what "one entry, one exit" means in the tree. A group that is not
// is a plan this emitter cannot render, reported as DAGC0420.
// O(size of the tree · groups per series node).
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../../diagnostics/codegen.ts';
import type { Deployment } from '../../ir/deployment.ts';
import { stepsOf, type SpTree } from '../../ir/sp-tree.ts';

export type EmitTree =
  | { kind: 'step'; step: string }
  | { kind: 'group'; group: string; steps: string[] }
  | { kind: 'series'; children: EmitTree[] }
  | { kind: 'parallel'; children: EmitTree[] }
  | { kind: 'choice'; choiceStep: string; branches: Array<{ probability: number; tree: EmitTree | null; steps: string[] }> };

export function emitTree(tree: SpTree, deployment: Deployment): EmitTree {
  const groupOf = (step: string): string | undefined => deployment.steps[step]?.fusionGroup;
  const groups = deployment.groups ?? {};
  const collapsed = collapse(tree, groupOf, groups);
  const placed = new Set<string>();
  visitGroups(collapsed, placed);
  for (const id of Object.keys(groups).sort()) {
    if (!placed.has(id)) throw new DagcUserError([codegenDiagnostics.groupNotContiguous(id, groups[id]!.steps)]);
  }
  return collapsed;
}

function visitGroups(tree: EmitTree | null, placed: Set<string>): void {
  if (tree === null) return;
  if (tree.kind === 'group') placed.add(tree.group);
  if (tree.kind === 'series' || tree.kind === 'parallel') tree.children.forEach((c) => visitGroups(c, placed));
  if (tree.kind === 'choice') tree.branches.forEach((b) => visitGroups(b.tree, placed));
}

function collapse(tree: SpTree, groupOf: (step: string) => string | undefined, groups: Record<string, { steps: string[] }>): EmitTree {
  // A choice is never swallowed by a group holding all of its branches' steps: its Choice state must stay, or the
  // group's Lambda would run in every execution (a branch left empty makes that happen with one fused branch).
  const whole = tree.kind === 'choice' ? undefined : wholeGroup(stepsOf(tree), groupOf, groups);
  if (whole !== undefined) return { kind: 'group', group: whole, steps: [...groups[whole]!.steps] };
  switch (tree.kind) {
    case 'leaf':
      if (groupOf(tree.step) !== undefined) throw new DagcUserError([codegenDiagnostics.groupNotContiguous(groupOf(tree.step)!, groups[groupOf(tree.step)!]?.steps ?? [tree.step])]);
      return { kind: 'step', step: tree.step };
    case 'parallel':
      return { kind: 'parallel', children: tree.children.map((c) => collapse(c, groupOf, groups)) };
    case 'choice':
      return {
        kind: 'choice',
        choiceStep: tree.choiceStep,
        branches: tree.branches.map((b) => ({ probability: b.probability, tree: b.tree === null ? null : collapse(b.tree, groupOf, groups), steps: stepsOf(b.tree) })),
      };
    case 'series':
      return { kind: 'series', children: collapseSeries(tree.children, groupOf, groups) };
  }
}

/** Consecutive children that together are exactly one group become that group. */
function collapseSeries(children: SpTree[], groupOf: (step: string) => string | undefined, groups: Record<string, { steps: string[] }>): EmitTree[] {
  const out: EmitTree[] = [];
  let i = 0;
  while (i < children.length) {
    const steps = stepsOf(children[i]!);
    // A choice child never starts or joins a run (see collapse): its branches keep their own groups.
    const group = children[i]!.kind !== 'choice' && steps.length > 0 && steps.every((s) => groupOf(s) === groupOf(steps[0]!)) ? groupOf(steps[0]!) : undefined;
    if (group !== undefined && wholeGroup(steps, groupOf, groups) === undefined) {
      const members = new Set(groups[group]?.steps ?? []);
      const covered = [...steps];
      let j = i + 1;
      while (covered.length < members.size && j < children.length) {
        const next = stepsOf(children[j]!);
        if (children[j]!.kind === 'choice' || !next.every((s) => groupOf(s) === group)) break;
        covered.push(...next);
        j += 1;
      }
      if (covered.length === members.size && covered.every((s) => members.has(s))) {
        out.push({ kind: 'group', group, steps: [...groups[group]!.steps] });
        i = j;
        continue;
      }
    }
    out.push(collapse(children[i]!, groupOf, groups));
    i += 1;
  }
  return out;
}

/** The group whose members are exactly these steps, if any (joins, which run nothing, are ignored). */
function wholeGroup(steps: string[], groupOf: (step: string) => string | undefined, groups: Record<string, { steps: string[] }>): string | undefined {
  if (steps.length === 0) return undefined;
  const group = groupOf(steps[0]!);
  if (group === undefined || !steps.every((s) => groupOf(s) === group)) return undefined;
  const members = groups[group]?.steps ?? [];
  return members.length === steps.length ? group : undefined;
}
