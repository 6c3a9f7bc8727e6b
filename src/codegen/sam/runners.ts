// Who runs each step once deployed: a Lambda (by its deployedLambdas key) or
// an AWS Batch job (by function name, for a function with `batch`). The SAM
// template needs this to give each runner exactly the permissions its steps
// need: the S3 prefixes of the runners it reads from, and the Lambdas it
// warms. Everything is derived from the plan; nothing is chosen here.
//
// S3 prefixes (CONTRACT-22): a Lambda writes under `<stateName(key)>/`; a
// Batch job, which the contract leaves open, writes under `<stateName(fn)>/`
// by the same rule (a function name is never a Lambda key when the function
// runs on Batch, so prefixes stay distinct).
import { type DataPassingMode, type Deployment, edgeKey } from '../../ir/deployment.ts';
import { invokesFunction, type IR } from '../../ir/types.ts';
import { defaultDataPassingMode } from '../../passes/data-passing-default.ts';
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

/** An edge's data-passing mode as the plan has it; an edge the plan leaves open gets the rule the estimator assumed (deployment.ts). */
export function edgeMode(ir: IR, deployment: Deployment, from: string, to: string): DataPassingMode {
  const explicit = deployment.edges[edgeKey(from, to)];
  if (explicit) return explicit;
  const fromGroup = deployment.steps[from]?.fusionGroup;
  if (fromGroup !== undefined && fromGroup === deployment.steps[to]?.fusionGroup) return 'in-process';
  return defaultDataPassingMode(ir.graph.edge(from, to).bytes);
}

export function usesS3(ir: IR, deployment: Deployment): boolean {
  return ir.graph.edges().some(({ v, w }) => edgeMode(ir, deployment, v, w) === 's3');
}

export interface S3Access {
  /** Runner id (runnerId) → prefixes it reads through S3 edges, sorted. */
  reads: Map<string, string[]>;
  /** Runner ids that write the data of some S3 edge: only they may Put under their own prefix. */
  writers: Set<string>;
}

/**
 * Who writes and who reads which prefixes through S3 edges. An S3 pointer
 * passes through steps that run nothing (a Choice, a join between stages), so
 * the writer of an edge is the nearest step upstream that runs something, and
 * its readers the nearest steps downstream that do.
 */
export function s3Access(ir: IR, deployment: Deployment, runners: Runners): S3Access {
  const reads = new Map<string, Set<string>>();
  const writerIds = new Set<string>();
  const sortedEdges = [...ir.graph.edges()].sort((a, b) => (a.v === b.v ? cmp(a.w, b.w) : cmp(a.v, b.v)));
  for (const { v, w } of sortedEdges) {
    if (edgeMode(ir, deployment, v, w) !== 's3') continue;
    const writers = nearestRunners(ir, runners, v, 'up');
    const readers = nearestRunners(ir, runners, w, 'down');
    for (const writer of writers) writerIds.add(runnerId(writer));
    for (const reader of readers) {
      const set = reads.get(runnerId(reader)) ?? new Set<string>();
      for (const writer of writers) if (runnerId(writer) !== runnerId(reader)) set.add(s3Prefix(writer));
      reads.set(runnerId(reader), set);
    }
  }
  return { reads: new Map([...reads].map(([id, set]) => [id, [...set].sort()])), writers: writerIds };
}

function nearestRunners(ir: IR, runners: Runners, start: string, direction: 'up' | 'down'): Runner[] {
  const found = new Map<string, Runner>();
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const runner = runners.byStep.get(id);
    if (runner) {
      found.set(runnerId(runner), runner);
      continue;
    }
    stack.push(...((direction === 'up' ? ir.graph.predecessors(id) : ir.graph.successors(id)) ?? []));
  }
  return [...found.keys()].sort().map((id) => found.get(id)!);
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
