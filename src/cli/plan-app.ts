// The library call behind `dagc optimize`: profiles → estimator → strategy →
// plan. The CLI only parses flags and writes files around it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baselineByName } from '../baselines/index.ts';
import { buildPlan, type Plan } from '../codegen/plan.ts';
import { currentDeployment } from '../ir/deployment.ts';
import { toSeriesParallel } from '../ir/series-parallelize.ts';
import type { IR } from '../ir/types.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import { profilePath, readProfiles } from '../model/profile.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { DAGC, optimize } from '../passes/optimize.ts';
import { monteCarloEstimateFn } from '../sim/index.ts';

export { DEFAULT_SAMPLES, DEFAULT_SEED } from '../sim/index.ts';

export interface PlanAppOptions {
  strategy: string;
  samples: number;
  seed: number;
  outDir: string;
}

export interface PlanAppResult {
  plan: Plan;
  frontier: Array<{ latencyMs: number; costUsd: number }>;
}

export function planApp(ir: IR, options: PlanAppOptions): PlanAppResult {
  const { profiles, missing } = readProfiles(ir);
  if (missing.length > 0) throw new DagcUserError([optimizerDiagnostics.missingProfiles(missing, path.join(ir.baseDir, 'profiles'))]);
  const withBytes = new Map<string, { profile: FunctionProfile; bytes: string }>();
  for (const [fn, profile] of profiles) withBytes.set(fn, { profile, bytes: readFileSync(profilePath(ir, fn), 'utf8') });
  const estimate = monteCarloEstimateFn(profiles, { samples: options.samples, seed: options.seed });
  const input = { ir, profiles, slo: ir.slo!, estimate };
  let result;
  let frontier: PlanAppResult['frontier'] = [];
  let runIr = ir;
  if (options.strategy === DAGC) {
    const optimized = optimize(input);
    runIr = optimized.ir;
    frontier = optimized.frontier;
    result = optimized;
  } else {
    const restructured = toSeriesParallel(ir);
    runIr = restructured.ir;
    result = baselineByName(options.strategy)({ ...input, ir: runIr });
  }
  const addedEdges = toSeriesParallel(ir).addedEdges;
  const today = currentDeployment(ir);
  const plan = buildPlan({
    ir,
    appFile: path.relative(options.outDir, ir.sourceFile).split(path.sep).join('/'),
    strategy: result.strategy,
    estimator: { method: 'monte-carlo', samples: options.samples, seed: options.seed },
    deployment: result.deployment,
    today,
    predicted: estimate(runIr, result.deployment),
    todaySummary: estimate(runIr, today),
    addedEdges,
    profiles: withBytes,
    decisions: result.decisions,
  });
  return { plan, frontier };
}
