// Profiles whose samples are the exact quantiles of a chosen distribution,
// for closed-form checks of the estimator: measured at one size, so the
// predictor returns exactly that distribution at that size.
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';

export interface ExactOptions {
  count?: number;
  memoryMb?: number;
  /** Cold invocations' handler durations (≥ 8 to count as measured). */
  coldDurationsMs?: number[];
  initDurationsMs?: number[];
}

export function exactProfile(fn: string, quantile: (p: number) => number, options: ExactOptions = {}): FunctionProfile {
  const count = options.count ?? 4000;
  const warm = Array.from({ length: count }, (_, i) => quantile((i + 0.5) / count));
  return {
    schemaVersion: 1,
    function: fn,
    source: { kind: 'provisional', description: 'exact quantiles for a test' },
    architectures: {
      x86_64: {
        measurements: [
          {
            memoryMb: options.memoryMb ?? 1769,
            warmDurationsMs: warm,
            coldDurationsMs: options.coldDurationsMs ?? [],
            initDurationsMs: options.initDurationsMs ?? [],
            maxMemoryUsedMb: 50,
            invocations: count,
            errors: 0,
            timeouts: 0,
          },
        ],
        model: { kind: 'amdahl-lognormal', serialMs: quantile(0.5), parallelMs: 0, maxUsefulVcpu: 1, sigma: 0, initMs: 100, fitErrorPct: 0 },
      },
    },
  };
}

/** Today's deployment with every function at one memory size on x86_64. */
export function deployAt(ir: IR, memoryMb: number): Deployment {
  const d = currentDeployment(ir);
  for (const fn of Object.keys(d.functions)) d.functions[fn] = { memoryMb, architecture: 'x86_64' };
  return d;
}
