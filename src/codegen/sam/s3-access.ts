// Who writes and who reads which prefixes of the data bucket, so IAM grants
// exactly that (CONTRACT-22). The rule matches the runtime's data flow:
// - a step's output is stored in S3 when the plan puts any edge out of that
//   step on S3 (edges to a join of the staged DAG included, which is how
//   plan.json keys them) and the edge leaves the step's invocation (its fusion
//   group; an unfused step is an invocation of its own, even when the next
//   step runs in the same Lambda function); a Batch job's output always goes
//   to S3 (a job cannot hand a value back to the state);
// - every runner that consumes that output then reads it from S3, and may
//   delete it after reading (the runtime cleans up what no later step needs);
//   a step consumes the outputs of its needs in the app's DAG, through a
//   Choice, which passes its own input on.
// So: writers get Put/Delete on their own prefix, readers Get/Delete on the
// prefixes of the writers they consume; nobody gets the bucket as a whole.
import type { Deployment } from '../../ir/deployment.ts';
import { edgeKey } from '../../ir/deployment.ts';
import { toSeriesParallel } from '../../ir/series-parallelize.ts';
import { invokesFunction, type IR } from '../../ir/types.ts';
import { defaultDataPassingMode } from '../../passes/data-passing-default.ts';
import { runnerId, s3Prefix, type Runners } from './runners.ts';

export interface S3Access {
  /** Runner id (runnerId) → prefixes it reads through S3, sorted. */
  reads: Map<string, string[]>;
  /** Runner ids that store some output in S3: only they may Put under their own prefix. */
  writers: Set<string>;
}

export function s3Access(ir: IR, deployment: Deployment, runners: Runners): S3Access {
  const stored = storedInS3(ir, deployment, runners);
  const writers = new Set<string>();
  for (const step of stored) writers.add(runnerId(runners.byStep.get(step)!));
  const reads = new Map<string, Set<string>>();
  for (const step of [...runners.byStep.keys()].sort()) {
    const reader = runnerId(runners.byStep.get(step)!);
    for (const source of sources(ir, step)) {
      const writer = runners.byStep.get(source)!;
      // A Lambda reading an earlier invocation of itself reads its own prefix.
      if (!stored.has(source) || sameInvocation(deployment, source, step)) continue;
      (reads.get(reader) ?? reads.set(reader, new Set()).get(reader)!).add(s3Prefix(writer));
    }
  }
  return { reads: new Map([...reads].map(([id, set]) => [id, [...set].sort()])), writers };
}

/** Steps whose output is stored in S3. */
export function storedInS3(ir: IR, deployment: Deployment, runners: Runners): Set<string> {
  const staged = toSeriesParallel(ir).ir;
  const stored = new Set<string>();
  for (const [step, runner] of runners.byStep) {
    if (runner.kind === 'batch') {
      stored.add(step);
      continue;
    }
    for (const next of staged.graph.successors(step) ?? []) {
      if (sameInvocation(deployment, step, next)) continue;
      const mode = deployment.edges[edgeKey(step, next)] ?? defaultDataPassingMode(staged.graph.edge(step, next).bytes);
      if (mode === 's3') stored.add(step);
    }
  }
  return stored;
}

/** Both steps run in one invocation: members of one fusion group. */
function sameInvocation(deployment: Deployment, a: string, b: string): boolean {
  const group = deployment.steps[a]?.fusionGroup;
  return group !== undefined && group === deployment.steps[b]?.fusionGroup;
}

/** The steps whose outputs a step's input is made of: its needs that run something, and through a Choice that Choice's sources. */
function sources(ir: IR, step: string): string[] {
  const found = new Set<string>();
  const visit = (id: string, seen: Set<string>): void => {
    for (const need of ir.graph.predecessors(id) ?? []) {
      if (seen.has(need)) continue;
      seen.add(need);
      if (invokesFunction(ir.graph.node(need))) found.add(need);
      else visit(need, seen);
    }
  };
  visit(step, new Set());
  return [...found].sort();
}
