// How well do the warm samples at one memory size pin down its p95?
//
// Assumes what the profile's fitted model assumes: at a given size, warm
// durations are lognormal and the spread (sigma of the log) is much the same
// at every size. So the p95 at a size is exp(mean log + z95 * sigma), with
// the mean from that size's own samples and sigma pooled over every size
// measured so far, shrunk toward that size's own spread (a heavy-tailed size
// keeps its own noise). The interval comes from the two sampling errors:
//   Var(log p95) ≈ sigma² / n  +  z95² sigma² / (2 df).
// With pooling, three or four samples per size are often enough where an
// order-statistic interval would need about sixty. O(total samples).

export const Z_P95 = 1.6448536269514722;

/** Two-sided normal quantiles for the confidence levels we offer. */
const Z_CONFIDENCE: Record<string, number> = { '0.8': 1.2815515655446004, '0.9': 1.6448536269514722, '0.95': 1.959963984540054 };

export interface LogStats {
  n: number;
  meanLog: number;
  /** Sum of squared deviations of the logs from their mean. */
  sumSquares: number;
}

export function logStats(durationsMs: readonly number[]): LogStats {
  const logs = durationsMs.map((ms) => Math.log(Math.max(ms, 0.01)));
  const n = logs.length;
  const meanLog = n === 0 ? 0 : logs.reduce((sum, x) => sum + x, 0) / n;
  const sumSquares = logs.reduce((sum, x) => sum + (x - meanLog) ** 2, 0);
  return { n, meanLog, sumSquares };
}

/** Pooled variance of the log over sizes, and its degrees of freedom. */
export function pooledLogVariance(sizes: readonly LogStats[]): { variance: number; df: number } {
  let sumSquares = 0;
  let df = 0;
  for (const stats of sizes) {
    if (stats.n < 2) continue;
    sumSquares += stats.sumSquares;
    df += stats.n - 1;
  }
  return { variance: df > 0 ? sumSquares / df : 0, df };
}

export interface P95Estimate {
  p95Ms: number;
  medianMs: number;
  sigma: number;
  /** Half-width of the confidence interval of the p95, relative to the p95 (0.1 = ±10 %). */
  relativeHalfWidth: number;
}

/** Most weight the other sizes' spread gets, in samples' worth of degrees of freedom. */
export const MAX_PRIOR_DF = 20;

/**
 * The p95 estimate at one size. `others` are the other sizes' statistics.
 * Infinite half-width while the spread cannot be estimated at all.
 */
export function estimateP95(own: LogStats, others: readonly LogStats[], confidence: 0.8 | 0.9 | 0.95 = 0.9): P95Estimate {
  const prior = pooledLogVariance(others);
  const priorDf = Math.min(prior.df, MAX_PRIOR_DF);
  const ownDf = Math.max(own.n - 1, 0);
  const df = priorDf + ownDf;
  const variance = df > 0 ? (priorDf * prior.variance + own.sumSquares) / df : 0;
  const sigma = Math.sqrt(variance);
  const medianMs = Math.exp(own.meanLog);
  const p95Ms = Math.exp(own.meanLog + Z_P95 * sigma);
  if (own.n === 0 || df === 0) return { p95Ms, medianMs, sigma, relativeHalfWidth: Infinity };
  const logVariance = variance / own.n + (Z_P95 ** 2 * variance) / (2 * df);
  const z = Z_CONFIDENCE[String(confidence)]!;
  return { p95Ms, medianMs, sigma, relativeHalfWidth: Math.exp(z * Math.sqrt(logVariance)) - 1 };
}

export type SpeedUpVerdict = 'faster' | 'flat' | 'unclear';

/**
 * Did going from `lower` to `higher` memory make the function faster?
 * 'faster' when the geometric-mean speed-up beats both `minGain` and twice its
 * standard error (noise alone does not count as a gain); 'flat' when the
 * speed-up is at most `minGain` and, within twice its standard error, below
 * four times that; 'unclear' otherwise — a few noisy samples can hide a real
 * gain, and calling that flat would end the ladder too early.
 */
export function speedUpVerdict(lower: LogStats, higher: LogStats, pooledVariance: number, minGain: number): SpeedUpVerdict {
  if (lower.n === 0 || higher.n === 0) return 'faster';
  const logGain = lower.meanLog - higher.meanLog;
  const standardError = Math.sqrt(pooledVariance / lower.n + pooledVariance / higher.n);
  if (logGain > Math.max(Math.log1p(minGain), 2 * standardError)) return 'faster';
  if (logGain <= Math.log1p(minGain) && logGain + 2 * standardError < Math.log1p(4 * minGain)) return 'flat';
  return 'unclear';
}

/** The verdict when no more samples can be had: the point estimate decides. */
export function isFasterByEstimate(lower: LogStats, higher: LogStats, minGain: number): boolean {
  return lower.n === 0 || higher.n === 0 || lower.meanLog - higher.meanLog > Math.log1p(minGain);
}
