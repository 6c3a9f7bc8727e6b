// The library call behind `dagc optimize`: profiles → estimator → optimizer
// (dagc's pipeline, or a baseline in its sizing slot) → plan. The CLI only
// parses flags, prints and writes files around it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlan, type Plan } from '../codegen/plan.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import { usableArchitectures } from '../passes/memory-options.ts';
import type { IR } from '../ir/types.ts';
import { profilePath, readProfiles } from '../model/profile.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { optimize, type OptimizationResult } from '../passes/optimize.ts';
import { monteCarloEstimateFn } from '../sim/index.ts';
import type { ChosenCalibration } from '../calibrate/app-calibration.ts';

export { DEFAULT_SAMPLES, DEFAULT_SEED } from '../sim/index.ts';

/** Points of the frontier estimated, for --frontier and for the plan's `frontier` (which `dagc report` draws). */
export const FRONTIER_POINTS = 16;

export interface PlanAppOptions {
  strategy: string;
  samples: number;
  seed: number;
  /** Where plan.json will be written: the app path in the plan is relative to it. */
  outDir: string;
  /** Kept for callers; the frontier is always estimated now, since the plan records it. */
  frontier?: boolean;
  /** --calibration: wins over the app's platform section. */
  calibration?: ChosenCalibration;
}

export interface PlanAppResult {
  plan: Plan;
  result: OptimizationResult;
}

/** ir.slo must be set (the spec's, or the command line's). */
export function planApp(ir: IR, options: PlanAppOptions): PlanAppResult {
  const { profiles, missing } = readProfiles(ir);
  if (missing.length > 0) throw new DagcUserError([optimizerDiagnostics.missingProfiles(missing, path.join(ir.baseDir, 'profiles'))]);
  // A function allowed only on architectures its profile never measured has no option at all; said
  // as what it is, not as the "no memory size fits" the sizing would report.
  const uncovered = [...profiles].filter(([fn, profile]) => usableArchitectures(ir.functions.get(fn)!, profile).length === 0);
  if (uncovered.length > 0) throw new DagcUserError(uncovered.map(([fn]) => modelDiagnostics.noProfileForArchitecture(fn, ir.functions.get(fn)!.architectures.join(' or '))));
  const withBytes = new Map<string, { profile: FunctionProfile; bytes: string }>();
  for (const [fn, profile] of profiles) withBytes.set(fn, { profile, bytes: readFileSync(profilePath(ir, fn), 'utf8') });
  const calibration = options.calibration ?? ir.calibration;
  // Told the SLO, the estimator draws more samples for verdicts too close to call (src/sim/estimate.ts).
  const estimate = monteCarloEstimateFn(profiles, {
    samples: options.samples,
    seed: options.seed,
    decide: { percentile: ir.slo!.percentile, thresholdMs: ir.slo!.latencyMs },
    ...(calibration ? { calibration: calibration.calibration } : {}),
  });
  const result = optimize(ir, profiles, { slo: ir.slo!, estimate, strategy: options.strategy, frontierPoints: FRONTIER_POINTS });
  const plan = buildPlan({
    result,
    appFile: path.relative(options.outDir, ir.sourceFile).split(path.sep).join('/'),
    estimator: { method: 'monte-carlo', samples: options.samples, seed: options.seed },
    profiles: withBytes,
    ...(calibration ? { calibration } : {}),
  });
  return { plan, result };
}
