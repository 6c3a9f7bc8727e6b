// Diagnostics of the structural passes (orchestration, fusion, bundling, map
// mode, accelerators, long steps): codes DAGC0350–DAGC0399.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const structuralDiagnostics = {
  tooLongForLambda: (fn: string, pessimisticMs: number, memoryMb: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0350',
      `function ${fn} runs ${(pessimisticMs / 1000).toFixed(0)} s at its p99 even at ${memoryMb} MB, past Lambda's 900 s limit: no plan can run it on Lambda`,
      'split it into smaller steps (e.g. a map over chunks of its input), or run it elsewhere: mark it `accelerator: gpu` to run it as an AWS Batch job, or move it to Fargate',
      undefined,
    ),
  acceleratorMap: (step: string, fn: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0351',
      `map step ${step} runs accelerator function ${fn} once per item; dagc runs accelerator functions as one AWS Batch job per step and cannot fan a map out over Batch jobs yet`,
      `make ${step} a task that processes all items in one job, or drop the accelerator requirement`,
      undefined,
    ),
  noGpuInstance: (fn: string, memoryMb: number): Diagnostic =>
    makeDiagnostic('DAGC0352', `accelerator function ${fn} needs ${memoryMb} MB; no GPU instance type dagc knows has that much`, 'lower its memory, or add a larger instance type to the platform table (src/model/platform.ts BATCH)', undefined),
};
