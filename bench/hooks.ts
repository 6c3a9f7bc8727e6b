// Where the benches pick up parts that other branches build, so the tables
// switch over by themselves when those land:
//
// - DAGC STRATEGY HOOK: dagc's own optimizer (branch `optimizer`). The bench
//   looks for a module below exporting a Strategy named `dagc` or
//   `dagcStrategy`, or a Map `strategies` with a 'dagc' entry. Until one
//   exists, plan-quality shows the baselines and the exhaustive optimum only,
//   and scale times the baselines instead.
// - ESTIMATOR HOOK: the Monte Carlo estimator (branch `model`, src/sim).
//   Until it exists the benches use the closed-form estimator of
//   test/helpers/closed-form-estimator.ts (longest path of fitted medians,
//   GB-second costs), and say so in their output.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import type { EstimateFn } from '../src/passes/estimator-port.ts';
import type { Strategy } from '../src/passes/strategy.ts';
import { closedFormEstimator } from '../test/helpers/closed-form-estimator.ts';

const DAGC_MODULES = ['../src/passes/strategies.ts', '../src/passes/optimize.ts', '../src/passes/dagc-strategy.ts'];
const ESTIMATOR_MODULES = ['../src/sim/estimate.ts', '../src/sim/index.ts', '../src/sim/estimator.ts'];

async function importIfPresent(relative: string): Promise<Record<string, unknown> | undefined> {
  const url = new URL(relative, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  return (await import(url.href)) as Record<string, unknown>;
}

export async function loadDagcStrategy(): Promise<{ strategy: Strategy; from: string } | undefined> {
  for (const relative of DAGC_MODULES) {
    const mod = await importIfPresent(relative);
    if (!mod) continue;
    const direct = mod['dagc'] ?? mod['dagcStrategy'];
    if (typeof direct === 'function') return { strategy: direct as Strategy, from: relative };
    const registry = mod['strategies'] ?? mod['STRATEGIES'];
    if (registry instanceof Map && typeof registry.get('dagc') === 'function') return { strategy: registry.get('dagc') as Strategy, from: relative };
  }
  return undefined;
}

export interface EstimatorChoice {
  make: (profiles: ReadonlyMap<string, FunctionProfile>) => EstimateFn;
  name: string;
}

export async function loadEstimator(): Promise<EstimatorChoice> {
  for (const relative of ESTIMATOR_MODULES) {
    const mod = await importIfPresent(relative);
    const factory = mod?.['createEstimateFn'] ?? mod?.['monteCarloEstimator'];
    if (typeof factory === 'function') {
      return { make: (profiles) => (factory as (p: ReadonlyMap<string, FunctionProfile>) => EstimateFn)(profiles), name: `Monte Carlo (${relative})` };
    }
  }
  return { make: (profiles) => closedFormEstimator(profiles), name: 'closed form (test/helpers/closed-form-estimator.ts; the Monte Carlo estimator has not landed)' };
}
