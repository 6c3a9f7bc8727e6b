// Deployments built by hand for tests of how fusion groups are rendered, and the emit tree written compactly.
import type { EmitTree } from '../../src/codegen/asl/emit-tree.ts';
import type { Deployment } from '../../src/ir/deployment.ts';

/** A deployment with these fusion groups (group id → members in order), each member naming its group; everything else unfused. */
export function withGroups(groups: Record<string, string[]>): Deployment {
  const deployment: Deployment = { functions: {}, steps: {}, edges: {}, orchestration: 'standard', groups: {} };
  for (const [id, steps] of Object.entries(groups)) {
    deployment.groups![id] = { steps, memoryMb: 1024, architecture: 'x86_64' };
    for (const step of steps) deployment.steps[step] = { fusionGroup: id };
  }
  return deployment;
}

/**
 * An emit tree in formatSpTree's compact form, a group written [id:members]; with branchSteps, each choice branch
 * also lists the steps it holds after a slash.
 */
export function showEmitTree(tree: EmitTree | null, options: { branchSteps?: boolean } = {}): string {
  const show = (t: EmitTree | null): string => showEmitTree(t, options);
  if (tree === null) return '∅';
  switch (tree.kind) {
    case 'step':
      return tree.step;
    case 'group':
      return `[${tree.group}:${tree.steps.join(',')}]`;
    case 'series':
      return tree.children.map(show).join(';');
    case 'parallel':
      return `(${tree.children.map(show).join('|')})`;
    case 'choice':
      return `${tree.choiceStep}?{${tree.branches.map((b) => `${b.probability}:${show(b.tree)}${options.branchSteps ? `/${b.steps.join(',')}` : ''}`).join(',')}}`;
  }
}
