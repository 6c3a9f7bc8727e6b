// Deployments built by hand for tests of how fusion groups are rendered.
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
