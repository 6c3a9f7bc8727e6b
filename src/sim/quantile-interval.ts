// The Monte Carlo error of a sampled percentile, without assuming anything
// about the latency distribution: among n independent draws, how many fall
// below the true q-quantile is Binomial(n, q), so the order statistics
// X(l) ≤ X(u) (1-based) bracket it with probability P(l ≤ B < u). l and u are
// the ranks around ⌈q·n⌉ whose binomial tails each hold at most (1 − c)/2,
// computed exactly from the binomial pmf in log space (no normal
// approximation of the ranks either). O(n) once per (n, q), then remembered:
// the optimizer asks at one or two sample counts thousands of times.
import { PERCENTILE_LEVEL, type Percentile } from '../ir/types.ts';

export const INTERVAL_CONFIDENCE = 0.95;

const ranks = new Map<string, [number, number]>();

/** 1-based ranks [l, u] of the order statistics that bracket the q-quantile of n draws with probability ≥ confidence (clamped to 1 … n). */
export function quantileRanks(n: number, q: number, confidence = INTERVAL_CONFIDENCE): [number, number] {
  const key = `${n}|${q}|${confidence}`;
  let found = ranks.get(key);
  if (!found) ranks.set(key, (found = binomialQuantileRanks(n, q, confidence)));
  return found;
}

/**
 * quantileRanks without the memo. Exported for the tests: under mutation
 * testing the memo outlives each planted bug (one process runs them all), so
 * a test of the memoized call would read ranks an earlier run computed.
 * A level at or outside 0 … 1, or one draw, gives the whole range [1, n].
 */
export function binomialQuantileRanks(n: number, q: number, confidence = INTERVAL_CONFIDENCE): [number, number] {
  if (n <= 1 || q <= 0 || q >= 1) return [1, Math.max(1, n)];
  const tail = (1 - confidence) / 2;
  // log pmf(k) = log C(n, k) + k log q + (n − k) log(1 − q), by the ratio pmf(k+1)/pmf(k).
  const logPmf = new Float64Array(n + 1);
  logPmf[0] = n * Math.log1p(-q);
  const logOdds = Math.log(q) - Math.log1p(-q);
  let max = logPmf[0]!;
  for (let k = 0; k < n; k += 1) {
    logPmf[k + 1] = logPmf[k]! + Math.log((n - k) / (k + 1)) + logOdds;
    if (logPmf[k + 1]! > max) max = logPmf[k + 1]!;
  }
  let total = 0;
  for (let k = 0; k <= n; k += 1) total += Math.exp(logPmf[k]! - max);
  // l: the largest rank with P(B ≤ l − 1) ≤ tail; u: the smallest with P(B ≥ u) ≤ tail.
  let lower = 1;
  let cumulative = 0;
  for (let k = 0; k <= n; k += 1) {
    cumulative += Math.exp(logPmf[k]! - max) / total;
    if (cumulative > tail) break;
    lower = k + 1;
  }
  let upper = n;
  let upperTail = 0;
  for (let k = n; k >= 0; k -= 1) {
    upperTail += Math.exp(logPmf[k]! - max) / total;
    if (upperTail > tail) break;
    upper = k;
  }
  return [Math.min(Math.max(1, lower), n), Math.min(Math.max(1, upper), n)];
}

/** The interval [X(l), X(u)] of the q-quantile from ascending-sorted draws. */
export function quantileInterval(sorted: ArrayLike<number>, q: number, confidence = INTERVAL_CONFIDENCE): { lowMs: number; highMs: number } {
  const [l, u] = quantileRanks(sorted.length, q, confidence);
  return { lowMs: sorted[l - 1]!, highMs: sorted[u - 1]! };
}

export interface LatencyInterval {
  lowMs: number;
  highMs: number;
}
export type LatencyIntervals = Record<Percentile, LatencyInterval>;

/** The interval of each reported percentile, from ascending-sorted draws (the out-of-sample check reports them). */
export function latencyIntervals(sorted: ArrayLike<number>, confidence = INTERVAL_CONFIDENCE): LatencyIntervals {
  const out = {} as LatencyIntervals;
  for (const p of Object.keys(PERCENTILE_LEVEL) as Percentile[]) out[p] = quantileInterval(sorted, PERCENTILE_LEVEL[p], confidence);
  return out;
}
