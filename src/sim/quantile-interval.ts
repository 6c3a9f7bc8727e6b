// How far an estimated percentile may be from the true one, from the samples
// alone: a distribution-free confidence interval by order statistics. Of n
// independent draws, the number below the true q-quantile is Binomial(n, q),
// so the ranks n·q ∓ z·√(n·q·(1−q)) bracket it with the normal approximation's
// confidence (z = 1.96: 95 %). It measures the Monte Carlo error of the
// estimate given the model, not the model's own error (profiles, overheads).
// Assumes n·q·(1−q) is not tiny (for p95 that is n ≳ 200); the ranks are
// clamped to the sample, so a small sample gives a wide, honest interval.
import type { LatencySummary } from '../passes/estimator-port.ts';

export type IntervalPercentile = Exclude<keyof LatencySummary, 'max'>;
export interface LatencyInterval {
  lowMs: number;
  highMs: number;
}
export type LatencyIntervals = Record<IntervalPercentile, LatencyInterval>;

/** Two-sided 95 % (normal approximation of the binomial). */
export const Z_95 = 1.959963984540054;
const QUANTILES: Record<IntervalPercentile, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

/** The interval of the q-quantile of `sorted` (ascending, n ≥ 1). */
export function quantileInterval(sorted: ArrayLike<number>, q: number, z = Z_95): LatencyInterval {
  const n = sorted.length;
  const spread = z * Math.sqrt(n * q * (1 - q));
  // 1-based ranks, clamped to the sample.
  const low = Math.min(n, Math.max(1, Math.floor(n * q - spread)));
  const high = Math.min(n, Math.max(1, Math.ceil(n * q + spread)));
  return { lowMs: sorted[low - 1]!, highMs: sorted[high - 1]! };
}

export function latencyIntervals(sorted: ArrayLike<number>, z = Z_95): LatencyIntervals {
  const out = {} as LatencyIntervals;
  for (const p of Object.keys(QUANTILES) as IntervalPercentile[]) out[p] = quantileInterval(sorted, QUANTILES[p], z);
  return out;
}
