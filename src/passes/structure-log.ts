// What the structural choices of a sized plan were and what they beat, for
// `dagc explain`: each fusion group against its members run apart (at their
// own sizes), and each map's bundle size and map mode against the other
// variants at the same configuration — leaf numbers from the same leaf model
// the search composed (the whole-workflow estimate judged the plan itself).
// Complexity: O(groups × members + maps × variants) leaf lookups (cached).
import type { Deployment } from '../ir/deployment.ts';
import { groupStages } from '../ir/group-stages.ts';
import { invokesFunction, type IR } from '../ir/types.ts';
import type { PlatformCalibration } from '../model/calibration.ts';
import { meanTaskDispatchMs } from '../model/dispatch-mean.ts';
import type { DecisionLog, RejectedOption } from './decision-log.ts';
import { optionLabel } from './function-options.ts';
import type { LeafModel } from './leaf-model.ts';
import { mapVariants, type StructuralOptions } from './structural-options.ts';

export function recordStructure(log: DecisionLog, ir: IR, deployment: Deployment, leaves: LeafModel, structure: StructuralOptions, calibration?: PlatformCalibration): void {
  for (const id of Object.keys(deployment.groups ?? {}).sort()) {
    const group = deployment.groups![id]!;
    const option = { memoryMb: group.memoryMb, architecture: group.architecture };
    let fusedMs = 0;
    let fusedUsd = 0;
    let apartMs = 0;
    let slowestApartMs = 0;
    let apartUsd = 0;
    for (const step of group.steps) {
      const node = ir.graph.node(step);
      if (!invokesFunction(node)) continue;
      const atGroup = leaves.leaf(step, option);
      const own = deployment.functions[node.functionName]!;
      const apart = leaves.leaf(step, { memoryMb: own.memoryMb, architecture: own.architecture });
      fusedMs += atGroup.latencyMs;
      fusedUsd += atGroup.costUsd;
      apartMs += apart.latencyMs;
      slowestApartMs = Math.max(slowestApartMs, apart.latencyMs);
      apartUsd += apart.costUsd;
    }
    const removed = group.steps.length - 1;
    const branches = group.steps.every((a) => group.steps.every((b) => !ir.graph.hasEdge(a, b)));
    const chain = group.steps.every((step, i) => i === 0 || ir.graph.hasEdge(group.steps[i - 1]!, step));
    const fusedPart = !branches && !chain ? leaves.parallelGroup?.(group.steps, option) : undefined;
    if (fusedPart) {
      // A part through a Parallel state ((a | b); c) in one invocation, probed alone, against its longest path apart.
      log.record('passed', id, `fused ${partLabel(ir, group.steps)} into one Lambda at ${optionLabel(option)}: stage by stage, a stage's members concurrently on its vCPUs, data passed in memory`, {
        transitionsRemoved: removed,
        requestsRemoved: removed,
        fusedLatencyMs: fusedPart.latencyMs,
        apartLatencyMs: longestApartMs(ir, group.steps, deployment, leaves),
        fusedLeafCostUsd: fusedPart.costUsd,
        apartLeafCostUsd: apartUsd,
      });
      continue;
    }
    const fusedBranches = branches ? leaves.parallelGroup?.(group.steps, option) : undefined;
    if (fusedBranches) {
      // A Parallel state's branches in one invocation: they run concurrently on its vCPUs (the probe of the group alone), against the slowest branch apart.
      log.record('passed', id, `fused the parallel branches ${group.steps.join(' | ')} into one Lambda at ${optionLabel(option)}: they run concurrently and share its vCPUs`, {
        transitionsRemoved: removed,
        requestsRemoved: removed,
        fusedLatencyMs: fusedBranches.latencyMs,
        apartLatencyMs: slowestApartMs,
        fusedLeafCostUsd: fusedBranches.costUsd,
        apartLeafCostUsd: apartUsd,
      });
      continue;
    }
    const dispatchMs = meanTaskDispatchMs(deployment.orchestration, calibration);
    log.record('passed', id, `fused ${group.steps.join(' + ')} into one Lambda at ${optionLabel(option)}`, {
      transitionsRemoved: removed,
      requestsRemoved: removed,
      hopsRemovedMs: removed * dispatchMs,
      fusedLatencyMs: fusedMs - removed * dispatchMs,
      apartLatencyMs: apartMs,
      fusedLeafCostUsd: fusedUsd,
      apartLeafCostUsd: apartUsd,
    });
  }
  if (!leaves.variants) return;
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (node.kind !== 'map') continue;
    const config = deployment.functions[node.functionName]!;
    if (config.batch) continue;
    const option = { memoryMb: config.memoryMb, architecture: config.architecture };
    const step = deployment.steps[id] ?? {};
    const chosen = { bundleSize: step.bundleSize ?? 1, distributed: step.map?.mode === 'distributed' };
    const label = (v: { bundleSize: number; distributed: boolean }) => `${v.bundleSize} item(s) per invocation, ${v.distributed ? 'Distributed' : 'Inline'} Map`;
    const chosenLeaf = leaves.leaf(id, option, chosen);
    const rejected: RejectedOption[] = [];
    for (const v of mapVariants(ir, id, deployment.orchestration, structure)) {
      if (v.bundleSize === chosen.bundleSize && v.distributed === chosen.distributed) continue;
      const leaf = leaves.leaf(id, option, v);
      const reason = leaf.costUsd < chosenLeaf.costUsd ? 'cheaper but slower: the SLO needs the time' : leaf.latencyMs < chosenLeaf.latencyMs ? 'faster but dearer' : 'dearer and no faster';
      rejected.push({ option: label(v), reason, numbers: { latencyMs: leaf.latencyMs, costUsd: leaf.costUsd } });
    }
    log.record('passed', id, `${label(chosen)} at ${optionLabel(option)}`, { latencyMs: chosenLeaf.latencyMs, costUsd: chosenLeaf.costUsd }, rejected);
  }
}

/** A fused part as it runs, stage by stage, e.g. "(leaf-00 | leaf-01); reduce-1-00" (src/sim/fused-view.ts groupMembers' stages). */
function partLabel(ir: IR, steps: readonly string[]): string {
  const inside = new Set(steps);
  const stageOf = groupStages(steps, (step) => (ir.graph.predecessors(step) ?? []).filter((p) => inside.has(p)));
  const stages: string[][] = [];
  for (const step of steps) (stages[stageOf.get(step)!] ??= []).push(step);
  return stages.map((members) => (members.length === 1 ? members[0]! : `(${members.join(' | ')})`)).join('; ');
}

/** The part's longest path through its members, each at its own function's configuration (the plan unfused). */
function longestApartMs(ir: IR, steps: readonly string[], deployment: Deployment, leaves: LeafModel): number {
  const inside = new Set(steps);
  const finish = new Map<string, number>();
  let longest = 0;
  // The members are in a topological order (FusionGroup.steps).
  for (const step of steps) {
    const node = ir.graph.node(step);
    let start = 0;
    for (const p of ir.graph.predecessors(step) ?? []) if (inside.has(p)) start = Math.max(start, finish.get(p) ?? 0);
    const own = invokesFunction(node) ? deployment.functions[node.functionName]! : undefined;
    const latencyMs = own ? leaves.leaf(step, { memoryMb: own.memoryMb, architecture: own.architecture }).latencyMs : 0;
    finish.set(step, start + latencyMs);
    longest = Math.max(longest, start + latencyMs);
  }
  return longest;
}
