// The Lambda functions a deployment creates: one per fusion group, and one
// per function that still has a step outside every group and runs on Lambda
// (an accelerator function runs as a Batch job instead). Every emitter (ASL,
// SAM, entry points, the local run) lists them through this one function, so
// they agree on what exists and under which key.
import type { Deployment } from '../ir/deployment.ts';
import { invokesFunction, type IR } from '../ir/types.ts';
import type { Architecture } from '../ir/types.ts';

export interface DeployedLambda {
  /** The group id for a fusion group, the function name otherwise; unique across both. */
  key: string;
  kind: 'function' | 'group';
  memoryMb: number;
  architecture: Architecture;
  /** Steps it runs, in a topological order (a group's order; a function's steps sorted by id). */
  steps: string[];
  /** Functions whose handler code it carries, sorted. */
  functions: string[];
}

export function deployedLambdas(ir: IR, deployment: Deployment): DeployedLambda[] {
  const lambdas: DeployedLambda[] = [];
  const groups = deployment.groups ?? {};
  for (const key of Object.keys(groups).sort()) {
    const group = groups[key]!;
    const functions = new Set<string>();
    for (const step of group.steps) {
      const node = ir.graph.node(step);
      if (node && invokesFunction(node)) functions.add(node.functionName);
    }
    lambdas.push({ key, kind: 'group', memoryMb: group.memoryMb, architecture: group.architecture, steps: [...group.steps], functions: [...functions].sort() });
  }
  const unfused = new Map<string, string[]>();
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (!invokesFunction(node) || deployment.steps[id]?.fusionGroup !== undefined) continue;
    if (deployment.functions[node.functionName]?.batch) continue;
    const list = unfused.get(node.functionName) ?? [];
    list.push(id);
    unfused.set(node.functionName, list);
  }
  for (const fn of [...unfused.keys()].sort()) {
    if (fn in groups) throw new Error(`fusion group id '${fn}' collides with function '${fn}' (a dagc bug: group ids must not be function names)`);
    const config = deployment.functions[fn]!;
    lambdas.push({ key: fn, kind: 'function', memoryMb: config.memoryMb, architecture: config.architecture, steps: unfused.get(fn)!, functions: [fn] });
  }
  return lambdas;
}
