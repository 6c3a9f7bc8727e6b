// What the benches run and judge with: dagc's optimizer (src/passes/optimize.ts)
// and the Monte Carlo estimator (src/sim, 2,000 samples, seed 1) — the same
// EstimateFn for every strategy. BENCH_ESTIMATOR=closed-form swaps in the
// closed-form estimator of test/helpers (longest path of fitted medians,
// GB-second costs) to separate optimizer effects from sampling effects.
import type { FunctionProfile } from '../src/model/profile-types.ts';
import type { EstimateFn } from '../src/passes/estimator-port.ts';
import { dagc } from '../src/passes/optimize.ts';
import type { Strategy } from '../src/passes/strategy.ts';
import { DEFAULT_SAMPLES, DEFAULT_SEED, monteCarloEstimateFn, monteCarloEstimator } from '../src/sim/index.ts';
import type { Slo } from '../src/ir/types.ts';
import { closedFormEstimator } from '../test/helpers/closed-form-estimator.ts';

export async function loadDagcStrategy(): Promise<{ strategy: Strategy; from: string } | undefined> {
  return { strategy: dagc, from: 'src/passes/optimize.ts' };
}

export interface EstimatorChoice {
  /** With an SLO, the Monte Carlo estimator decides close calls with more samples, as `dagc optimize` runs it. */
  make: (profiles: ReadonlyMap<string, FunctionProfile>, slo?: Slo) => EstimateFn;
  name: string;
}

export async function loadEstimator(): Promise<EstimatorChoice> {
  if (process.env['BENCH_ESTIMATOR'] === 'closed-form') {
    return { make: (profiles) => closedFormEstimator(profiles), name: 'closed form (test/helpers/closed-form-estimator.ts), by BENCH_ESTIMATOR' };
  }
  return {
    make: (profiles, slo) =>
      slo ? monteCarloEstimateFn(profiles, { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, decide: { percentile: slo.percentile, thresholdMs: slo.latencyMs } }) : monteCarloEstimator(profiles),
    name: `Monte Carlo (src/sim, ${DEFAULT_SAMPLES} samples, seed ${DEFAULT_SEED})` };
}
