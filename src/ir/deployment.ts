// A Deployment is what the optimizer decides and codegen renders: per function
// its memory and architecture; per step its bundling, fusion and prewarming;
// per edge how data moves; and the orchestration type. It is a plain value so
// it can be compared, hashed and written into plan.json byte for byte.
import type { Architecture, IR } from './types.ts';

export interface FunctionDeployment {
  memoryMb: number;
  architecture: Architecture;
}

export type DataPassingMode = 'inline' | 's3';

export interface StepDeployment {
  /** Map items per Lambda invocation (1 = no bundling). */
  bundleSize?: number;
  /** Steps with the same fusion group run in one Lambda invocation, in order. */
  fusionGroup?: string;
  /** Provisioned concurrency kept warm for this step's function. */
  prewarm?: number;
}

export type Orchestration = 'standard' | 'express';

export interface Deployment {
  functions: Record<string, FunctionDeployment>;
  steps: Record<string, StepDeployment>;
  /** Key `${from}->${to}`; absent means inline when it fits, else s3. */
  edges: Record<string, DataPassingMode>;
  orchestration: Orchestration;
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
