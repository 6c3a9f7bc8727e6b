// The benches' verdicts on a plan, out of sample: every strategy searches
// with the run's estimator (SEARCH: 2,000 samples, seed 1), and every verdict
// the benches print — meets the SLO, cost, cost ratio to the optimum — comes
// from an estimate on independent draws (VERDICT: src/sim/independent-sample.ts,
// another seed and twice the samples), as `dagc optimize` checks its own
// plan. A verdict on the search's own draws favours whichever strategy
// happened to be lucky on them. bench/ablation.ts and bench/plan-quality.ts
// share this.
import type { Deployment } from '../src/ir/deployment.ts';
import type { IR, Slo } from '../src/ir/types.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import type { EstimateFn } from '../src/passes/estimator-port.ts';
import { DEFAULT_SAMPLES, DEFAULT_SEED, estimate, monteCarloEstimateFn } from '../src/sim/index.ts';
import { independentSample } from '../src/sim/independent-sample.ts';

export const SEARCH = { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED };
export const VERDICT = independentSample(SEARCH);

export interface Verdict {
  costUsd: number;
  /** The workflow's latency at the SLO's percentile. */
  latencyMs: number;
  meets: boolean;
}

export function verdict(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, slo: Slo): Verdict {
  const e = estimate(ir, deployment, profiles, VERDICT);
  return { costUsd: e.costUsd, latencyMs: e.latencyMs[slo.percentile], meets: e.latencyMs[slo.percentile] <= slo.latencyMs };
}

/** The verdict's estimator as an EstimateFn, for code that takes one. */
export function verdictEstimator(profiles: ReadonlyMap<string, FunctionProfile>): EstimateFn {
  return monteCarloEstimateFn(profiles, VERDICT);
}
