// The estimator's public surface. `monteCarloEstimator` is the default the
// benches and the CLI use: 2,000 samples, seed 1.
import type { FunctionProfile } from '../model/profile-types.ts';
import type { EstimateFn } from '../passes/estimator-port.ts';
import { monteCarloEstimateFn } from './estimate.ts';

export { estimate, monteCarloEstimateFn, DEFAULT_EXECUTIONS_PER_HOUR, type Estimate, type EstimateOptions } from './estimate.ts';
export { coldSituations, DEFAULT_ARRIVALS, type ArrivalModel, type ColdSituations } from './arrivals.ts';

export const DEFAULT_SAMPLES = 2000;
export const DEFAULT_SEED = 1;

export function monteCarloEstimator(profiles: ReadonlyMap<string, FunctionProfile>): EstimateFn {
  return monteCarloEstimateFn(profiles, { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED });
}
