// The workflow the estimator runs when a deployment fuses steps: each fusion
// group contracted into one task node (one Lambda invocation, one state
// transition, one cold start), whose duration model is the members' fused
// model (src/model/fused-duration-model.ts) at the group's memory. Edges
// inside a group vanish (the value stays in the process: no hop, no S3);
// edges into or out of a group become edges of the group node, their bytes
// summed, through S3 when any of them was. This is the structure codegen
// emits: the ASL has one Task per group.
// Assumes the groups are valid (verifyDeployment): convex, members invoke
// functions, no member in two groups.
// Complexity: O(V + E + Σ group sizes).
import { Graph } from '@dagrejs/graphlib';
import { edgeKey, type DataPassingMode, type Deployment, type FusionGroup, type StepDeployment } from '../ir/deployment.ts';
import { groupStages } from '../ir/group-stages.ts';
import { invokesFunction, type EdgeData, type FunctionInfo, type IR, type StepNode } from '../ir/types.ts';
import { durationModel, type DurationModel } from '../model/duration-model.ts';
import { FusedDurationModel } from '../model/fused-duration-model.ts';
import { LAMBDA_LIMITS } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { defaultDataPassingMode } from '../passes/data-passing-default.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';

export interface FusedView {
  ir: IR;
  deployment: Deployment;
  /** Duration models of the group nodes, by their function name (the group id). */
  models: Map<string, DurationModel>;
}

export function hasGroups(deployment: Deployment): boolean {
  return deployment.groups !== undefined && Object.keys(deployment.groups).length > 0;
}

export function fusedView(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>): FusedView {
  const groups = deployment.groups ?? {};
  const groupOf = new Map<string, string>();
  for (const id of Object.keys(groups).sort()) for (const step of groups[id]!.steps) groupOf.set(step, id);
  const rep = (step: string) => groupOf.get(step) ?? step;

  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  const functions = new Map<string, FunctionInfo>(ir.functions);
  const steps: Record<string, StepDeployment> = {};
  const models = new Map<string, DurationModel>();
  for (const id of [...ir.graph.nodes()].sort()) {
    if (groupOf.has(id)) continue;
    graph.setNode(id, ir.graph.node(id));
    if (deployment.steps[id]) steps[id] = deployment.steps[id]!;
  }
  for (const id of Object.keys(groups).sort()) {
    const group = groups[id]!;
    const outputBytes = group.steps.reduce((sum, s) => sum + (ir.graph.successors(s) ?? []).filter((t) => rep(t) !== id).reduce((n, t) => n + ir.graph.edge(s, t).bytes, 0), 0);
    graph.setNode(id, { kind: 'task', id, functionName: id, outputBytes });
    functions.set(id, { name: id, memoryMb: group.memoryMb, timeoutMs: LAMBDA_LIMITS.maxTimeoutMs, architectures: [group.architecture] });
    models.set(id, new FusedDurationModel(groupMembers(ir, group, profiles)));
    const prewarm = Math.max(0, ...group.steps.map((s) => deployment.steps[s]?.prewarm ?? 0));
    const warmedBy = group.steps.map((s) => deployment.steps[s]?.warmedBy).find((w) => w !== undefined);
    steps[id] = { ...(prewarm > 0 ? { prewarm } : {}), ...(warmedBy !== undefined ? { warmedBy: rep(warmedBy) } : {}) };
  }
  const edges: Record<string, DataPassingMode> = {};
  for (const { v, w } of ir.graph.edges()) {
    const from = rep(v);
    const to = rep(w);
    if (from === to) continue;
    const bytes = ir.graph.edge(v, w).bytes;
    const existing = graph.edge(from, to) as EdgeData | undefined;
    graph.setEdge(from, to, { bytes: (existing?.bytes ?? 0) + bytes });
    const mode = deployment.edges[edgeKey(v, w)] ?? defaultDataPassingMode(bytes);
    const key = edgeKey(from, to);
    edges[key] = edges[key] === 's3' || mode === 's3' ? 's3' : 'inline';
  }
  const contracted: IR = { ...ir, functions, graph };
  const fused: Deployment = {
    functions: { ...deployment.functions },
    steps,
    edges,
    orchestration: deployment.orchestration,
  };
  for (const id of Object.keys(groups)) fused.functions[id] = { memoryMb: groups[id]!.memoryMb, architecture: groups[id]!.architecture };
  return { ir: contracted, deployment: fused, models };
}

/** A group's members with their stage: the longest path to them from the group's entry inside the group. */
export function groupMembers(ir: IR, group: FusionGroup, profiles: ReadonlyMap<string, FunctionProfile>): Array<{ model: DurationModel; stage: number; step: string }> {
  const inside = new Set(group.steps);
  const stage = groupStages(group.steps, (step) => (ir.graph.predecessors(step) ?? []).filter((p) => inside.has(p)));
  return group.steps.map((step) => {
    const node = ir.graph.node(step);
    if (!invokesFunction(node)) throw new Error(`fusion group member '${step}' runs no function (a dagc bug: verifyDeployment should have caught it)`);
    const profile = profiles.get(node.functionName);
    const model = profile && durationModel(profile, group.architecture);
    if (!model) throw new DagcUserError([modelDiagnostics.noProfileForArchitecture(node.functionName, group.architecture)]);
    return { model, stage: stage.get(step)!, step };
  });
}
