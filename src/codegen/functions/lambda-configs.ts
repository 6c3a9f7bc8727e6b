// The configuration each deployed Lambda's entry point carries
// (runtime/lambda/lambda-config.ts), rendered from the plan's data flow.
// Also the one place that says how long a deployed Lambda may run, which the
// SAM template and the local run both use (CONTRACT-22: the largest timeout of
// the functions it runs, summed along a fused chain, capped at Lambda's 900 s).
import type { Deployment } from '../../ir/deployment.ts';
import { invokesFunction, type IR, type StepNode } from '../../ir/types.ts';
import { vcpuForMemory } from '../../model/platform.ts';
import type { LambdaConfig, StepInfo, UnitConfig } from '../../runtime/lambda/lambda-config.ts';
import type { DeployedLambda } from '../deployed-lambdas.ts';
import { logicalId, stateName } from '../names.ts';
import type { DataFlow } from './data-flow.ts';

export function lambdaConfig(ir: IR, deployment: Deployment, flow: DataFlow, lambda: DeployedLambda): LambdaConfig {
  const steps: Record<string, StepInfo> = {};
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id) as StepNode;
    const info: StepInfo = { name: stateName(id), kind: node.kind, needs: [...(ir.graph.predecessors(id) ?? [])].sort() };
    if (invokesFunction(node)) info.fn = node.functionName;
    if (node.kind === 'choice') info.probabilities = { ...node.branchProbabilities };
    steps[id] = info;
  }
  const functions: LambdaConfig['functions'] = {};
  for (const fn of lambda.functions) functions[fn] = { memoryMb: ir.functions.get(fn)!.memoryMb, timeoutMs: ir.functions.get(fn)!.timeoutMs };
  const units: Record<string, UnitConfig> = {};
  for (const unit of [...flow.units.values()].filter((u) => u.lambdaKey === lambda.key)) {
    const kind = unit.kind === 'batch' ? 'task' : unit.kind;
    units[unit.id] = {
      kind,
      steps: [...unit.steps],
      writes: { ...(flow.writes.get(unit.id) ?? {}) },
      schedules: structuredClone(flow.schedules.get(unit.id) ?? {}),
      drop: [...(flow.drop.get(unit.id) ?? [])],
      delete: [...(flow.delete.get(unit.id) ?? [])],
      warm: warmTargets(deployment, flow, unit.steps),
    };
  }
  return {
    app: ir.name,
    key: lambda.key,
    prefix: stateName(lambda.key),
    steps,
    functions,
    units,
    itemConcurrency: Math.max(1, Math.floor(vcpuForMemory(lambda.memoryMb))),
  };
}

/** Steps warmed by one of these steps → the environment variables naming their Lambdas. */
function warmTargets(deployment: Deployment, flow: DataFlow, steps: string[]): string[] {
  const vars = new Set<string>();
  for (const [target, config] of Object.entries(deployment.steps)) {
    if (config.warmedBy === undefined || !steps.includes(config.warmedBy)) continue;
    const key = flow.units.get(flow.unitOf.get(target) ?? '')?.lambdaKey;
    if (key !== undefined) vars.add(`DAGC_WARM_${logicalId('Fn', key)}`);
  }
  return [...vars].sort();
}
