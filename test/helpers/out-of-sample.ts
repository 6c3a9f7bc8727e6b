// A plan's verdict for tests, out of sample: the plan is estimated on draws
// independent of the ones the optimizer searched with (src/sim/independent-sample.ts:
// another seed, twice the samples), as `dagc optimize` and the benches judge
// it. `meets` is the strict verdict; `consistentWithMeeting` says the SLO is
// within the 95 % interval of the out-of-sample percentile or above it — a plan
// chosen right at the SLO on its own draws can honestly land either side, and
// only a miss beyond the Monte Carlo error is a wrong plan.
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { estimate, type EstimateOptions } from '../../src/sim/estimate.ts';
import { independentSample } from '../../src/sim/independent-sample.ts';

export interface OutOfSampleVerdict {
  latencyMs: number;
  intervalMs: { lowMs: number; highMs: number };
  costUsd: number;
  meets: boolean;
  consistentWithMeeting: boolean;
}

export function outOfSample(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, slo: Slo, search: EstimateOptions): OutOfSampleVerdict {
  const e = estimate(ir, deployment, profiles, { ...search, ...independentSample(search), intervals: true });
  const latencyMs = e.latencyMs[slo.percentile];
  const intervalMs = e.latencyIntervalMs![slo.percentile];
  return { latencyMs, intervalMs, costUsd: e.costUsd, meets: latencyMs <= slo.latencyMs, consistentWithMeeting: intervalMs.lowMs <= slo.latencyMs };
}
