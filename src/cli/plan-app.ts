// The library call behind `dagc optimize`: profiles → estimator → optimizer
// (dagc's pipeline, or a baseline in its sizing slot) → plan, the plan checked
// on independent draws and, when it meets the SLO only on its own, searched
// again on more samples (out-of-sample-search.ts). The CLI only parses flags,
// prints and writes files around it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlan, type Plan } from '../codegen/plan.ts';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { coldEvidenceWarnings } from '../model/duration-model.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import { usableArchitectures } from '../passes/memory-options.ts';
import type { ArrivalModel, IR, Slo } from '../ir/types.ts';
import type { EstimateFn } from '../passes/estimator-port.ts';
import { profilePath, readProfiles } from '../model/profile.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { optimize, type OptimizationResult, type OptimizeOptions } from '../passes/optimize.ts';
import type { ChosenCalibration } from '../calibrate/app-calibration.ts';
import { estimate, monteCarloEstimateFn, type EstimateOptions } from '../sim/index.ts';
import { independentSample, type SampleSettings } from '../sim/independent-sample.ts';
import { DEFAULT_OUT_OF_SAMPLE_RETRIES, searchMeetingOutOfSample, type OutOfSampleSearch, type SearchAttempt } from './out-of-sample-search.ts';
import { researchReport } from './research-report.ts';
import { outOfSampleCheck, outOfSampleWarning, type OutOfSampleCheck } from '../passes/out-of-sample.ts';
import { estimatorOptions as estimatorOptionsFor } from './estimator-options.ts';

export { DEFAULT_SAMPLES, DEFAULT_SEED } from '../sim/index.ts';

/** Points of the frontier estimated, for --frontier and for the plan's `frontier` (which `dagc report` draws). */
export const FRONTIER_POINTS = 16;

export interface PlanAppOptions {
  strategy: string;
  samples: number;
  seed: number;
  /** Where plan.json will be written: the app path in the plan is relative to it. */
  outDir: string;
  /** How executions arrive (--arrivals); default: the spec's arrivals section, else the estimator's default. */
  arrivals?: ArrivalModel;
  /** Kept for callers; the frontier is always estimated now, since the plan records it. */
  frontier?: boolean;
  /** --calibration: wins over the app's platform section. */
  calibration?: ChosenCalibration;
  /** Re-searches on more samples when the plan misses out of sample (default DEFAULT_OUT_OF_SAMPLE_RETRIES; 0: only report). */
  outOfSampleRetries?: number;
}

export interface PlanAppResult {
  plan: Plan;
  result: OptimizationResult;
  /** The chosen plan re-estimated on independent draws; absent when no plan meets the SLO (nothing is written). */
  outOfSample?: OutOfSampleCheck;
  /** Every search run, in order: more than one when a plan missed out of sample and the search ran again (out-of-sample-search.ts). */
  attempts: SearchAttempt[];
  /** DAGC0341 when the search ran again (what it cost); DAGC0340 when the plan meets the SLO only on the draws it was chosen with; warnings about the profiles' cold evidence (DAGC0120–DAGC0122): what the estimator assumed where it was thin. */
  warnings: Diagnostic[];
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
  // One set of estimator options for the search and (with another seed and more samples) for its out-of-sample check.
  const calibration = options.calibration ?? ir.calibration;
  const arrivals = options.arrivals ?? ir.arrivals;
  const optionsFor = (samples: number, slo: Slo) => searchEstimatorOptions(ir, { samples, seed: options.seed, slo, ...(calibration ? { calibration } : {}), ...(arrivals ? { arrivals } : {}) });
  // A plan that meets only on the search's own draws sends the search round again on more of them (out-of-sample-search.ts).
  const search = optimizeMeetingOutOfSample(ir, profiles, {
    slo: ir.slo!,
    samples: options.samples,
    seed: options.seed,
    retries: options.outOfSampleRetries ?? DEFAULT_OUT_OF_SAMPLE_RETRIES,
    optionsFor,
    optimizeOptions: { strategy: options.strategy, frontierPoints: FRONTIER_POINTS },
  });
  const { samples, check: outOfSample } = search.chosen;
  const retried = search.attempts.length > 1 ? researchReport(ir.name, ir.slo!, options.seed, search) : undefined;
  const result = retried ? { ...search.chosen.result, decisions: [...search.chosen.result.decisions, ...retried.decisions] } : search.chosen.result;
  const plan = buildPlan({
    result,
    appFile: path.relative(options.outDir, ir.sourceFile).split(path.sep).join('/'),
    estimator: { method: 'monte-carlo', samples, seed: options.seed },
    ...(arrivals ? { arrivals } : {}),
    profiles: withBytes,
    ...(calibration ? { calibration } : {}),
    ...(outOfSample ? { outOfSample } : {}),
  });
  const warning = outOfSample && outOfSampleWarning(ir.name, ir.slo!, outOfSample);
  return {
    plan,
    result,
    ...(outOfSample ? { outOfSample } : {}),
    attempts: search.attempts,
    warnings: [...profileWarnings(profiles), ...(retried ? [retried.warning] : []), ...(warning ? [warning] : [])],
  };
}

export interface OptimizeOutOfSampleInput {
  /** The SLO the search decides: the spec's, the command line's, or a bench's sweep point. */
  slo: Slo;
  samples: number;
  seed: number;
  retries: number;
  /**
   * The search's estimator options at a sample count, told the SLO it searches for (searchEstimatorOptions: close
   * calls are decided against it — the guard band's tighter one on the last search); its checks draw with them too.
   */
  optionsFor: (samples: number, slo: Slo) => EstimateOptions;
  /** optimize()'s other options (strategy, decisions, frontier points, …). */
  optimizeOptions?: Omit<OptimizeOptions, 'slo' | 'estimate'>;
  /** Streams no check may share beyond the searches' and earlier checks' (a bench's own verdict). */
  avoid?: readonly SampleSettings[];
}

/**
 * `dagc optimize`'s search: optimize() on `optionsFor(samples)`, searched again on more samples while its plan misses
 * on independent draws (out-of-sample-search.ts), each check by checkOutOfSample. One place, so that the benches
 * (bench/verdict.ts searchLikeOptimize) run the search users get.
 */
export function optimizeMeetingOutOfSample(ir: IR, profiles: ReadonlyMap<string, FunctionProfile>, input: OptimizeOutOfSampleInput): OutOfSampleSearch {
  return searchMeetingOutOfSample({
    samples: input.samples,
    seed: input.seed,
    retries: input.retries,
    search: (samples, guardMs) => {
      const slo = guardMs > 0 ? { ...input.slo, latencyMs: input.slo.latencyMs - guardMs } : input.slo;
      const result = optimize(ir, profiles, { ...input.optimizeOptions, slo, estimate: monteCarloEstimateFn(profiles, input.optionsFor(samples, slo)) });
      // The plan is judged, and written, against the SLO itself; its log keeps the guarded target it was searched for.
      return guardMs > 0 ? { ...result, slo: input.slo } : result;
    },
    check: (result, samples, avoid) => checkOutOfSample(result, profiles, input.optionsFor(samples, input.slo), [...avoid, ...(input.avoid ?? [])]),
  });
}

export interface SearchSettings {
  samples: number;
  seed: number;
  /** The SLO the search decides: the spec's, the command line's, or a bench's sweep point. */
  slo: Slo;
  /** --calibration; default: the app's platform section. */
  calibration?: ChosenCalibration;
  /** --arrivals; default: the app's arrivals section. */
  arrivals?: ArrivalModel;
}

/**
 * The estimator options `dagc optimize` searches an app with at an SLO — the one place they are built, so that the
 * benches (bench/ablation.ts, bench/structural-optimum.ts) judge the search users run, not a look-alike: the app's
 * calibration and arrival model unless overridden, and the SLO told to the estimator, so close calls draw more samples
 * (src/sim/estimate.ts: an interval straddling the SLO and wider than ±1 % doubles its draws, up to 8 × `samples`).
 */
export function searchEstimatorOptions(ir: IR, settings: SearchSettings): EstimateOptions {
  const calibration = settings.calibration ?? ir.calibration;
  const arrivals = settings.arrivals ?? ir.arrivals;
  return estimatorOptionsFor({ samples: settings.samples, seed: settings.seed, slo: settings.slo, ...(calibration ? { calibration } : {}), ...(arrivals ? { arrivals } : {}) });
}

/** searchEstimatorOptions as the EstimateFn optimize() takes. */
export function searchEstimateFn(ir: IR, profiles: ReadonlyMap<string, FunctionProfile>, settings: SearchSettings): EstimateFn {
  return monteCarloEstimateFn(profiles, searchEstimatorOptions(ir, settings));
}

/** The draws that decided a searched plan: its estimate's (a close call draws more), never fewer than the search's --samples. */
export function decidingDraws(result: OptimizationResult, searchSamples: number): number {
  return Math.max(searchSamples, result.summary.monteCarlo?.samples ?? searchSamples);
}

/** The chosen plan on independent draws (src/passes/out-of-sample.ts says why). */
export function checkOutOfSample(result: OptimizationResult, profiles: ReadonlyMap<string, FunctionProfile>, search: EstimateOptions, avoid: readonly SampleSettings[] = []): OutOfSampleCheck {
  // A close call's in-sample estimate drew more than --samples (the deciding estimate): the check draws twice what
  // the verdict it checks drew, at a fixed count (no deciding of its own), so it is never the noisier of the two.
  const drawn = decidingDraws(result, search.samples);
  // `avoid`: the reach of every search so far (any candidate's close call) and every earlier check (out-of-sample-search.ts).
  const settings = independentSample({ samples: drawn, seed: search.seed }, avoid);
  const { decide: _decide, ...fixed } = search;
  const fresh = estimate(result.ir, result.deployment, profiles, { ...fixed, ...settings, intervals: true });
  return outOfSampleCheck({
    slo: result.slo,
    inSample: { samples: drawn, seed: search.seed, summary: result.summary },
    outOfSample: { ...settings, summary: fresh, intervalMs: fresh.latencyIntervalMs![result.slo.percentile] },
  });
}

/** The cold-evidence warnings of every profile, by function name. */
export function profileWarnings(profiles: ReadonlyMap<string, FunctionProfile>): Diagnostic[] {
  return [...profiles.keys()].sort().flatMap((fn) => coldEvidenceWarnings(profiles.get(fn)!));
}
