// A Deployment is what the optimizer decides and codegen renders: per function
// its memory and architecture (or, for an accelerator, its AWS Batch job); per
// step its bundling, fusion, map mode and prewarming; per fusion group the
// Lambda that runs it; per edge how data moves; and the orchestration type. It
// is a plain value so it can be compared, hashed and written into plan.json
// byte for byte. Emitters (ASL, SAM, handlers) render exactly this and decide
// nothing; the estimator judges exactly this.
import type { Architecture, IR } from './types.ts';

export interface FunctionDeployment {
  /** The Lambda function's memory (for a Batch job: the container's memory). */
  memoryMb: number;
  architecture: Architecture;
  /**
   * Set for a function that cannot run on Lambda (accelerator: gpu): it runs
   * as an AWS Batch job on this instance type, submitted with
   * `arn:aws:states:::batch:submitJob.sync` (so the workflow is Standard).
   */
  batch?: BatchJobDeployment;
}

export interface BatchJobDeployment {
  /** EC2 instance type of the Batch compute environment, e.g. g4dn.xlarge. */
  instanceType: string;
  vcpus: number;
  gpus: number;
}

/**
 * inline: in the Step Functions state (≤ 256 KB per state, all of a state's
 * inline inputs together); s3: the writer PUTs, the state carries a pointer,
 * the reader GETs; in-process: both steps are in one fusion group, the value
 * stays in the Lambda's memory.
 */
export type DataPassingMode = 'inline' | 's3' | 'in-process';

export interface MapDeployment {
  /** inline: an Inline Map (≤ 40 concurrent iterations, its events count against Standard's 25,000-event history); distributed: a Distributed Map whose children are Express executions. */
  mode: 'inline' | 'distributed';
  /** MaxConcurrency written into the Map state; 0 = the spec's maxConcurrency, or the mode's own limit when the spec sets none. */
  maxConcurrency: number;
}

export interface StepDeployment {
  /** Map items per Lambda invocation (1 = no bundling). */
  bundleSize?: number;
  /** Steps with the same fusion group run in one Lambda invocation (Deployment.groups says which Lambda and in what order). */
  fusionGroup?: string;
  /** Provisioned concurrency kept warm for this step's Lambda. */
  prewarm?: number;
  /**
   * Xanadu-style warm-up along the likely path: when this step (id) starts, its
   * Lambda sends an asynchronous warm-up invoke to this step's Lambda, so its
   * environment is initialised before the step is reached.
   */
  warmedBy?: string;
  /** For a map step: how Step Functions runs it. Absent: inline, MaxConcurrency from the spec. */
  map?: MapDeployment;
}

/**
 * A fusion group: steps that run in one Lambda invocation (WiseFuse,
 * Fusionize). Its members form a convex part of the DAG with one entry and
 * one exit; the runtime runs them in topological order, members with no
 * path between them concurrently on the Lambda's vCPUs, passing values in
 * memory. The group is its own Lambda function, with its own memory and
 * architecture; the members' functions keep theirs for any step not in a group.
 */
export interface FusionGroup {
  /** Member step ids in a topological order of the DAG (ties by id). */
  steps: string[];
  memoryMb: number;
  architecture: Architecture;
}

export type Orchestration = 'standard' | 'express';

export interface Deployment {
  functions: Record<string, FunctionDeployment>;
  steps: Record<string, StepDeployment>;
  /** Key `${from}->${to}`; absent means inline when it fits, else s3 (in-process when both ends share a fusion group). */
  edges: Record<string, DataPassingMode>;
  orchestration: Orchestration;
  /** Fusion groups by id; absent or empty when nothing is fused. */
  groups?: Record<string, FusionGroup>;
}

export function edgeKey(from: string, to: string): string {
  return `${from}->${to}`;
}

/** Today's settings from the spec: every function at its configured memory and first architecture. */
export function currentDeployment(ir: IR): Deployment {
  const functions: Record<string, FunctionDeployment> = {};
  for (const name of [...ir.functions.keys()].sort()) {
    const info = ir.functions.get(name)!;
    functions[name] = { memoryMb: info.memoryMb, architecture: info.architectures[0] ?? 'x86_64' };
  }
  return { functions, steps: {}, edges: {}, orchestration: 'standard' };
}
