// What a profile's cold samples say about cold invocations — none is dropped.
//
// Cold handler slowdown (the factor a cold invocation's handler runs longer
// than a warm one at the same size): each cold sample gives the log ratio of
// its duration to the warm level of its size (the size's measured warm level,
// or the fitted warm curve where that size has no warm samples). The estimate
// is a limited-fluctuation credibility (shrinkage) estimate, as actuaries
// blend thin experience with a prior:
//   pooled  = exp(Z(N) · median(all N log ratios) + (1 − Z(N)) · prior),
//   size s  = median(cold)/level at ≥ MIN_EMPIRICAL cold samples there (as
//             before), else the pooled factor,
// with Z(N) = min(1, √(N / MIN_EMPIRICAL)). The prior is the app's other
// functions' cold evidence when the profiles were read together
// (ArchitectureProfile.coldPrior, src/model/cold-prior.ts: their median log
// ratio times its own credibility), else 0 — the warm curve itself (a cold
// handler as fast as a warm one): with no cold sample at all the factor is
// the prior's, and with a few it moves from there by their credibility.
// Sizes with few cold samples share the pooled factor rather than blending
// their own one or two in again (the pool already holds them): the cold/warm
// ratio is taken not to depend on memory below that evidence.
// The estimator charges a cold handler its warm draw plus the factor's excess
// at the warm median, (factor − 1) × median, once per invocation
// (src/sim/plan-steps.ts, coldExtraMs), not the draw times the factor: the
// excess is the first call's one-time work, which does not scale with the
// invocation's noise — trip-booking's cold handlers run 1.6–2.0 s against a
// 20 ms warm median, and ×90 on the warm tail drew 3–5 s colds none measured.
// Init durations: MIN_EMPIRICAL or more pooled over sizes are drawn as measured
// (unchanged); fewer are a lognormal around their median whose log spread is
// their own shrunk toward INIT_PRIOR_SIGMA with INIT_PRIOR_WEIGHT pseudo
// degrees of freedom (pooled variance); none leaves the model's initMs.
// A profile with cold samples only (no warm sample at any size) has its cold
// samples stand in for the warm ones (cold factor 1): they are the only
// durations measured, so the distribution is theirs, never one constant.
// coldSampleWarnings says, as warnings, where any of this assumed something.
import type { Architecture } from '../ir/types.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import { median } from './fit-duration-model.ts';
import { MIN_EMPIRICAL } from './noise.ts';
import type { ArchitectureProfile, FunctionProfile } from './profile-types.ts';

/** Log spread of init durations assumed when few are measured (SeBS cold starts vary about ±25 %). */
export const INIT_PRIOR_SIGMA = 0.25;
/** Pseudo degrees of freedom of that prior in the pooled variance. */
const INIT_PRIOR_WEIGHT = 4;

/** Credibility of n samples: full at MIN_EMPIRICAL. */
export function credibility(n: number): number {
  return Math.min(1, Math.sqrt(n / MIN_EMPIRICAL));
}

export interface ColdSummary {
  /** Cold samples pooled over sizes (at sizes with a warm level or a fitted one). */
  coldSamples: number;
  /** The pooled cold factor the samples measured, the prior it shrinks toward, and the one used after shrinkage. */
  measuredFactor: number;
  priorFactor: number;
  pooledFactor: number;
  /** The prior's evidence: other functions' cold samples (0: the prior is the warm curve, ×1). */
  priorSamples: number;
  priorFunctions: number;
  initSamples: number;
  /** How init durations are drawn. */
  init: { sortedInitsMs: readonly number[] } | { medianMs: number; sigma: number };
  /** The profile had cold samples only: they stand in for warm ones. */
  coldOnly: boolean;
}

/** Whether the architecture's profile measured cold invocations and not one warm one. */
export function isColdOnly(arch: ArchitectureProfile): boolean {
  return arch.measurements.every((m) => m.warmDurationsMs.length === 0) && arch.measurements.some((m) => m.coldDurationsMs.length > 0);
}

/** A cold-only profile with its cold samples as the warm ones: the distribution the predictor then reads. */
export function coldAsWarm(arch: ArchitectureProfile): ArchitectureProfile {
  return { ...arch, measurements: arch.measurements.map((m) => ({ ...m, warmDurationsMs: m.coldDurationsMs, coldDurationsMs: [] })) };
}

/**
 * Cold factors for each measured size (levels: each size's warm level) and the pooled one, by the shrinkage
 * in the header; warmLevelAt gives the fitted warm curve for cold samples at sizes without a warm level.
 */
export function coldFactors(
  arch: ArchitectureProfile,
  levels: ReadonlyArray<{ memoryMb: number; medianMs: number }>,
  warmLevelAt: (memoryMb: number) => number,
): { bySize: number[]; pooledFactor: number; measuredFactor: number; priorFactor: number; coldSamples: number } {
  const levelOf = new Map(levels.map((l) => [l.memoryMb, l.medianMs]));
  const logRatios: number[] = [];
  for (const m of arch.measurements) {
    const level = levelOf.get(m.memoryMb) ?? warmLevelAt(m.memoryMb);
    if (!(level > 0)) continue;
    for (const d of m.coldDurationsMs) if (d > 0) logRatios.push(Math.log(d / level));
  }
  const measuredLog = logRatios.length > 0 ? median(logRatios) : 0;
  const prior = arch.coldPrior;
  const priorLog = prior ? credibility(prior.samples) * prior.medianLogRatio : 0;
  const weight = credibility(logRatios.length);
  const pooledLog = weight * measuredLog + (1 - weight) * priorLog;
  const bySize = levels.map((l) => {
    const m = arch.measurements.find((x) => x.memoryMb === l.memoryMb);
    // Enough at this size: its median ratio as measured, zero durations (SeBS logs a few) included as before.
    const cold = m?.coldDurationsMs ?? [];
    return cold.length >= MIN_EMPIRICAL ? median(cold) / l.medianMs : Math.exp(pooledLog);
  });
  return { bySize, pooledFactor: Math.exp(pooledLog), measuredFactor: Math.exp(measuredLog), priorFactor: Math.exp(priorLog), coldSamples: logRatios.length };
}

/** How init durations are drawn from `sortedInitsMs` (ascending, pooled over sizes), by the header's rule. */
export function initDraw(sortedInitsMs: readonly number[], fittedInitMs: number): ColdSummary['init'] {
  if (sortedInitsMs.length >= MIN_EMPIRICAL) return { sortedInitsMs };
  const positive = sortedInitsMs.filter((d) => d > 0);
  if (positive.length === 0) return { medianMs: fittedInitMs, sigma: INIT_PRIOR_SIGMA };
  const logs = positive.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const squares = logs.reduce((a, l) => a + (l - mean) ** 2, 0);
  const sigma = Math.sqrt((squares + INIT_PRIOR_WEIGHT * INIT_PRIOR_SIGMA ** 2) / (positive.length - 1 + INIT_PRIOR_WEIGHT));
  return { medianMs: median(positive), sigma };
}

/**
 * Warnings (DAGC0120–DAGC0122) for each architecture of a profile whose cold evidence is thin, each saying
 * what the estimator assumed instead. summaryOf gives the predictor's ColdSummary for an architecture.
 */
export function coldSampleWarnings(profile: FunctionProfile, summaryOf: (architecture: Architecture) => ColdSummary | undefined): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const fn = profile.function;
  for (const architecture of Object.keys(profile.architectures).sort() as Architecture[]) {
    const s = summaryOf(architecture);
    if (!s) continue;
    const where = `profile of '${fn}' (${architecture})`;
    if (s.coldOnly) warnings.push(modelDiagnostics.coldOnlyProfile(where, s.coldSamples));
    else if (s.coldSamples < MIN_EMPIRICAL) {
      const toward = s.priorSamples > 0 ? `×${s.priorFactor.toFixed(2)}, the app's other functions' cold samples (${s.priorSamples} from ${s.priorFunctions})` : '×1, the warm curve';
      warnings.push(modelDiagnostics.fewColdSamples(where, s.coldSamples, MIN_EMPIRICAL, s.pooledFactor, s.measuredFactor, credibility(s.coldSamples), toward));
    }
    if (s.initSamples < MIN_EMPIRICAL) {
      const init = s.init;
      const assumed =
        'medianMs' in init
          ? `a lognormal around ${Math.round(init.medianMs)} ms with log spread ${init.sigma.toFixed(2)} (${s.initSamples > 0 ? `their median; spread shrunk toward ${INIT_PRIOR_SIGMA}` : "the profile model's initMs"})`
          : 'the measured ones';
      warnings.push(modelDiagnostics.fewInitSamples(where, s.initSamples, MIN_EMPIRICAL, assumed));
    }
  }
  return warnings;
}
