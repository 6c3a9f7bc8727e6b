// Warm-up samples as down-weighted steady-state evidence.
//
// A profile keeps the first warm invocations after each cold start apart
// (MemoryMeasurement.warmupDurationsMs, src/profiler/measurements.ts): a JIT
// runtime runs them before it has optimized its hot code, so they are slower
// than the steady state by a factor that falls with their position after the
// cold start. That factor is much the same at every memory size of one
// function (it is the runtime's warm-up, not the CPU share), so it is
// estimated from the function's own samples: for position k, the mean over
// sizes of (log warm-up duration − mean log steady duration at that size),
// shrunk toward a prior (the fixtures' medians) worth PRIOR_SIZES sizes. A
// warm-up sample divided by its position's factor is one more steady sample,
// less sure than a real one by the variance of its correction:
//   weight = σ² / (σ² + τ² + Var(estimated log factor)),
// σ² the steady spread (pooled over sizes), τ² the spread of the factor from
// size to size beyond what σ² explains (pooled over positions and shrunk
// toward 0: from a handful of sizes it is mostly noise). Its deviation from the size's level is scaled
// back to the steady spread by σ / √(σ² + τ²) before it joins the size's noise.
//
// Positions are read from the profile alone, and only where they are known:
// at a size with at most one cold start the warm-up samples are positions
// 1…L in the order measured, and the first steady sample is position L + 1
// where a later steady sample is left (SLOW_STEADY_CALLS). Where a size had
// several cold starts, its warm-up samples are left out. A profile with no
// known positions (written before the split, imported logs, CSVs) has no
// warm-up evidence: each size's level is its median. O(samples).
import type { MemoryMeasurement } from './profile-types.ts';
import { sortAscending } from './sort-ascending.ts';

/**
 * The prior for the slowdown of the 1st, 2nd, 3rd… warm call after a cold
 * start: the medians over the 137 sizes of the fixtures' emulator profiles
 * with six or more warm samples (docs/profiler.md, measured 2026-11-25).
 * Positions past the table have factor 1 in the prior.
 */
export const PRIOR_WARMUP_SLOWDOWN: readonly number[] = [1.51, 1.2, 1.13, 1.05];
/** How many sizes' worth of evidence the prior counts as. */
export const PRIOR_SIZES = 1;

export interface PositionCorrection {
  /** Estimated log of the slowdown at this position after the cold start. */
  logSlowdown: number;
  /** The weight of one corrected sample at this position relative to one steady sample (0–1). */
  weight: number;
  /** σ / √(σ² + τ²): scales a corrected sample's deviation back to the steady spread. */
  spreadScale: number;
}

export interface SizeEvidence {
  memoryMb: number;
  /** Log durations: the steady samples, then the corrected warm-up samples. */
  logs: number[];
  /** 1 for a steady sample, its position's weight for a corrected warm-up sample. */
  weights: number[];
  spreadScales: number[];
  /** exp(weighted mean log): the size's typical steady duration. */
  centerMs: number;
}

const logOf = (ms: number) => Math.log(Math.max(ms, 0.01));
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** True when the size's warm-up samples have known positions: at most one cold start, some warm-up and some steady samples. */
export function hasPositions(m: MemoryMeasurement): boolean {
  return (m.warmupDurationsMs?.length ?? 0) > 0 && m.warmDurationsMs.length > 0 && m.coldDurationsMs.length <= 1;
}

/**
 * How many of a size's first steady samples still count as warm-up positions:
 * the 4th call after a cold start, the first the warm-up rule
 * (src/profiler/measurements.ts) calls steady, still runs about 5 % slow
 * (PRIOR_WARMUP_SLOWDOWN[3]), and with two steady samples a size that is a
 * level 2.5 % high. Moved only where a later steady sample is left to compare
 * it with.
 */
export const SLOW_STEADY_CALLS = 1;

/** A size's samples as the evidence reads them: the warm-up by position after the cold start (empty where positions are unknown), and the steady state. */
export function samplesByPosition(m: MemoryMeasurement): { warmupMs: readonly number[]; steadyMs: readonly number[] } {
  if (!hasPositions(m)) return { warmupMs: [], steadyMs: m.warmDurationsMs };
  const moved = m.warmDurationsMs.length > SLOW_STEADY_CALLS ? SLOW_STEADY_CALLS : 0;
  return { warmupMs: [...m.warmupDurationsMs!, ...m.warmDurationsMs.slice(0, moved)], steadyMs: m.warmDurationsMs.slice(moved) };
}

/** True when some size has warm-up samples with known positions: only then is there evidence beyond the steady samples. */
export function hasWarmupEvidence(measurements: readonly MemoryMeasurement[]): boolean {
  return measurements.some(hasPositions);
}

/** Position k's correction (index k − 1), estimated from these measurements (see the header). */
export function warmupCorrections(measurements: readonly MemoryMeasurement[]): PositionCorrection[] {
  const differences: number[][] = [];
  const inverseSteadyN: number[][] = [];
  let steadySquares = 0;
  let steadyDf = 0;
  for (const m of measurements) {
    const { warmupMs, steadyMs } = samplesByPosition(m);
    const steady = steadyMs.map(logOf);
    if (steady.length === 0) continue;
    const level = mean(steady);
    steadySquares += steady.reduce((a, x) => a + (x - level) ** 2, 0);
    steadyDf += steady.length - 1;
    warmupMs.forEach((ms, k) => {
      (differences[k] ??= []).push(logOf(ms) - level);
      (inverseSteadyN[k] ??= []).push(1 / steady.length);
    });
  }
  const variance = steadyDf > 0 ? steadySquares / steadyDf : 0;
  // τ² pooled over positions (one spread of the slowdown for the function): a variance from a
  // handful of sizes per position would swing by half its size and halve the weights by chance.
  let observedSquares = 0;
  let observedDf = 0;
  let noiseSum = 0;
  differences.forEach((list, k) => {
    if (list.length < 2) return;
    const m = mean(list);
    observedSquares += list.reduce((a, d) => a + (d - m) ** 2, 0);
    observedDf += list.length - 1;
    noiseSum += (list.length - 1) * variance * (1 + mean(inverseSteadyN[k]!));
  });
  const tauSquared = observedDf > 0 ? (Math.max(0, observedSquares - noiseSum) / observedDf) * (observedDf / (observedDf + PRIOR_SIZES * differences.length)) : 0;
  return differences.map((list, k) => {
    const n = list.length;
    const prior = Math.log(PRIOR_WARMUP_SLOWDOWN[k] ?? 1);
    const logSlowdown = (list.reduce((a, b) => a + b, 0) + PRIOR_SIZES * prior) / (n + PRIOR_SIZES);
    // A difference's own noise: the warm-up sample's σ² plus that of its size's steady mean.
    const noiseOfDifference = variance * (1 + mean(inverseSteadyN[k]!));
    const estimateVariance = (noiseOfDifference + tauSquared) / (n + PRIOR_SIZES);
    if (variance === 0) return { logSlowdown, weight: 1, spreadScale: 1 };
    return { logSlowdown, weight: variance / (variance + tauSquared + estimateVariance), spreadScale: Math.sqrt(variance / (variance + tauSquared)) };
  });
}

/**
 * Every size's steady evidence, in the order given: its steady samples and,
 * where their positions are known, its corrected warm-up samples. Undefined
 * when no size has warm-up samples with known positions.
 */
export function steadyEvidence(measurements: readonly MemoryMeasurement[]): SizeEvidence[] | undefined {
  if (!hasWarmupEvidence(measurements)) return undefined;
  const corrections = warmupCorrections(measurements);
  return measurements.map((m) => {
    const { warmupMs, steadyMs } = samplesByPosition(m);
    const logs = steadyMs.map(logOf);
    const weights = logs.map(() => 1);
    const spreadScales = logs.map(() => 1);
    warmupMs.forEach((ms, k) => {
      const correction = corrections[k]!;
      logs.push(logOf(ms) - correction.logSlowdown);
      weights.push(correction.weight);
      spreadScales.push(correction.spreadScale);
    });
    const total = weights.reduce((a, b) => a + b, 0);
    const centerMs = total > 0 ? Math.exp(logs.reduce((a, x, i) => a + weights[i]! * x, 0) / total) : NaN;
    return { memoryMb: m.memoryMb, logs, weights, spreadScales, centerMs };
  });
}

/** A lone sample is its own level (leverage 1): its deviation is 0 whatever it is divided by. */
const MIN_ONE_MINUS_LEVERAGE = 0.05;

/**
 * A size's noise as ratios to its level, sorted ascending: each sample's
 * deviation from the level, scaled to the steady spread and divided by
 * √(1 − its leverage on the level). A level computed from the same few
 * samples sits closer to them than the true level does, so plain ratios
 * understate the spread (by √2 with two equal samples) — most at the sizes
 * measured least.
 */
export function evidenceRatios(evidence: SizeEvidence): number[] {
  const total = evidence.weights.reduce((a, b) => a + b, 0);
  const logLevel = Math.log(evidence.centerMs);
  const ratios = evidence.logs.map((x, i) => {
    const leverage = total > 0 ? evidence.weights[i]! / total : 1;
    return Math.exp(((x - logLevel) * evidence.spreadScales[i]!) / Math.sqrt(Math.max(1 - leverage, MIN_ONE_MINUS_LEVERAGE)));
  });
  return sortAscending(ratios);
}
