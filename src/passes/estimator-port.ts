// What the optimizer needs from the estimator, as a function type, so passes
// and baselines can be tested with closed-form estimators and the Monte Carlo
// estimator (src/sim) plugs in unchanged. Every caller of one optimization
// uses the same EstimateFn (same profiles, same seed), so strategies are
// compared on equal terms.
import type { PlatformCalibration } from '../model/calibration.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR, Percentile } from '../ir/types.ts';

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface CostBreakdown {
  lambdaComputeUsd: number;
  lambdaRequestsUsd: number;
  stepFunctionsUsd: number;
  s3Usd: number;
  provisionedConcurrencyUsd: number;
  /** AWS Batch instance time of accelerator steps (absent when the workflow has none). */
  batchUsd?: number;
}

export interface EstimateSummary {
  latencyMs: LatencySummary;
  /** Expected cost of one execution. */
  costUsd: number;
  breakdown: CostBreakdown;
  /** How precisely the samples place one percentile (the Monte Carlo estimator says; closed forms need not). */
  monteCarlo?: MonteCarloError;
}

/**
 * A confidence interval of one sampled percentile from the order statistics around it (src/sim/quantile-interval.ts):
 * the true percentile of the model lies in [lowMs, highMs] with this confidence. It is the sampling error only;
 * the model's own error (profiles, platform facts) is not in it.
 */
export interface MonteCarloError {
  percentile: Percentile;
  lowMs: number;
  highMs: number;
  confidence: number;
  samples: number;
}

export interface EstimateFn {
  (ir: IR, deployment: Deployment): EstimateSummary;
  /**
   * Told the workflow before the passes run, an estimator may get ready for it
   * (the Monte Carlo one starts its helper thread for a large one), so that the
   * set-up overlaps the work before the first estimate. Never changes a number.
   */
  prepare?: (ir: IR) => void;
  /**
   * The platform latencies the estimator draws (src/model/calibration.ts): the closed forms (invocation
   * predictor, fusion options) charge its mean Task dispatch so the search and the estimate agree. Absent:
   * the shipped defaults.
   */
  calibration?: PlatformCalibration;
  /**
   * A cheap first look at a plan: the same model and seed on only its first `samples` draws (no deciding
   * growth), with the Monte Carlo interval of `percentile` saying how far off it may be. For guidance only —
   * where a search starts — never a verdict on the SLO (frontier-sizing.ts, large workflows).
   */
  pilot?: (ir: IR, deployment: Deployment, percentile: Percentile, samples: number) => EstimateSummary;
}

export function latencyAt(summary: EstimateSummary, percentile: Percentile): number {
  return summary.latencyMs[percentile];
}
