// Diagnostics from the baseline strategies (src/baselines) and the candidate
// configurations they share with dagc's optimizer: codes DAGC0320–DAGC0339.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const baselineDiagnostics = {
  noFittingMemory: (fn: string, footprintMb: number, maxMemoryMb: number | undefined): Diagnostic =>
    makeDiagnostic(
      'DAGC0320',
      `function '${fn}' used up to ${footprintMb} MB when profiled, and no allowed memory size leaves room for it${maxMemoryMb !== undefined ? ` (maxMemory is ${maxMemoryMb} MB)` : ''}`,
      maxMemoryMb !== undefined ? `raise maxMemory of '${fn}' in app.yaml, or reduce what the function keeps in memory` : `reduce what '${fn}' keeps in memory, or check its profile`,
      undefined,
    ),
  tooLargeForExhaustive: (functions: number, limit: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0321',
      `the exhaustive strategy searches apps of at most ${limit} functions; this app has ${functions}`,
      'use --strategy dagc (or greedy-critical-path) for larger apps; exhaustive exists to check the optimizer on small ones',
      undefined,
    ),
  exhaustiveBudgetExceeded: (estimates: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0322',
      `the exhaustive strategy gave up after ${estimates} estimates without proving an optimum`,
      'narrow the memory grid (minMemory/maxMemory in app.yaml) or use --strategy dagc',
      undefined,
    ),
  tooManyFusionPartitions: (partitions: number, limit: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0325',
      `the exhaustive structural strategy would search ${partitions.toPrecision(3)} fusion partitions (each a branch and bound over its Lambdas' options); it takes at most ${limit}`,
      "use --strategy dagc; exhaustive-structural exists to check the optimizer on apps whose fusion choices can be listed (a deep reduction tree cannot: its subtrees' partitions multiply)",
      undefined,
    ),
  unknownStrategy: (name: string, known: string[]): Diagnostic =>
    makeDiagnostic('DAGC0323', `unknown strategy '${name}'`, `use one of: ${known.join(', ')}`, undefined),
  badPowerTuningSetting: (detail: string): Diagnostic =>
    makeDiagnostic('DAGC0324', `power-tuning: ${detail}`, "write power-tuning:cost, power-tuning:speed or power-tuning:balanced=<weight between 0 and 1>", undefined),
};
