// Who runs each step once deployed: a Lambda (by its deployedLambdas key) or
// an AWS Batch job (by function name, for a function with `batch`), and the
// facts about runners the template grants by: where each writes in the
// bucket, whom each warms, how much provisioned concurrency each keeps.
// Everything is derived from the plan; nothing is chosen here.
//
// S3 prefixes (CONTRACT-22): a Lambda writes under `<stateName(key)>/`; a
// Batch job writes under `<stateName(fn)>/` (the ASL emitter's key prefix for
// a job's output; a function name is never a Lambda key when the function
// runs on Batch, so prefixes stay distinct).
import type { Deployment } from '../../ir/deployment.ts';
import { invokesFunction, type IR } from '../../ir/types.ts';
import { deployedLambdas, type DeployedLambda } from '../deployed-lambdas.ts';
import { stateName } from '../names.ts';

export type Runner = { kind: 'lambda'; key: string } | { kind: 'batch'; fn: string };

export interface Runners {
  lambdas: DeployedLambda[];
  /** Functions that run as Batch jobs and have at least one step, sorted. */
  batchFunctions: string[];
  /** Step id → its runner; steps that run nothing (choice, join) are absent. */
  byStep: Map<string, Runner>;
}

export function runnersOf(ir: IR, deployment: Deployment): Runners {
  const lambdas = deployedLambdas(ir, deployment);
  const byStep = new Map<string, Runner>();
  for (const lambda of lambdas) for (const step of lambda.steps) byStep.set(step, { kind: 'lambda', key: lambda.key });
  const batch = new Set<string>();
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (!invokesFunction(node) || byStep.has(id)) continue;
    if (deployment.functions[node.functionName]?.batch) {
      byStep.set(id, { kind: 'batch', fn: node.functionName });
      batch.add(node.functionName);
    }
  }
  return { lambdas, batchFunctions: [...batch].sort(), byStep };
}

export function runnerId(runner: Runner): string {
  return runner.kind === 'lambda' ? `lambda:${runner.key}` : `batch:${runner.fn}`;
}

/** The bucket prefix (no trailing slash) a runner writes its outputs under. */
export function s3Prefix(runner: Runner): string {
  return stateName(runner.kind === 'lambda' ? runner.key : runner.fn);
}

/** Lambda key → keys of the Lambdas it sends warm-up pings to (warmedBy), sorted; a Lambda never pings itself. */
export function warmTargets(deployment: Deployment, runners: Runners): Map<string, string[]> {
  const targets = new Map<string, Set<string>>();
  for (const step of Object.keys(deployment.steps).sort()) {
    const warmer = deployment.steps[step]!.warmedBy;
    if (warmer === undefined) continue;
    const from = runners.byStep.get(warmer);
    const to = runners.byStep.get(step);
    if (from?.kind !== 'lambda' || to?.kind !== 'lambda' || from.key === to.key) continue;
    const set = targets.get(from.key) ?? new Set<string>();
    set.add(to.key);
    targets.set(from.key, set);
  }
  return new Map([...targets].map(([key, set]) => [key, [...set].sort()]));
}

/** The provisioned concurrency of a Lambda: the largest prewarm among its steps (0 = none). */
export function provisionedConcurrency(deployment: Deployment, lambda: DeployedLambda): number {
  return Math.max(0, ...lambda.steps.map((step) => deployment.steps[step]?.prewarm ?? 0));
}
