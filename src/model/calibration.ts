// The platform's own latencies as measured distributions, and where each came
// from: the part of an execution's time that is not a handler running. Step
// Functions dispatching a Task to Lambda, starting a Map iteration or a
// Parallel branch, for Standard and Express, warm and cold. The estimator
// draws them (it does not add a constant); `dagc calibrate` fits them from
// real executions (Step Functions histories or SeBS-Flow-style trace files);
// `optimize`/`simulate` take a calibration file or an app's `platform:`
// section, and without either the shipped defaults apply.
//
// Shape of one latency: shiftMs + a lognormal (median medianMs, log-spread
// sigma). A shifted lognormal because a dispatch has a floor (the service's
// round trips) and a right tail (queueing, placement), and because it is fitted
// robustly from a handful of observations: the shift below the smallest one,
// the median and the spread from quantiles of the log, not from moments that
// one outlier moves.
//
// Cold: a cold dispatch's gap excludes Lambda's Init Duration, which the
// profile's cold samples supply; what is left is the extra placement time of
// a new execution environment.
// Complexity: fitting is O(n log n) in the observations.
import { FITTED_ORCHESTRATION, FITTED_SOURCE } from './fitted-orchestration.ts';
import { normalQuantile } from './normal-quantile.ts';

export interface LatencyDistribution {
  /** The floor: no draw is below it. */
  shiftMs: number;
  /** Median of the lognormal part above the floor. */
  medianMs: number;
  /** Standard deviation of ln(latency − shift); 0 is a constant shift + median. */
  sigma: number;
}

export interface MeasuredLatency extends LatencyDistribution {
  /** Where the numbers come from: a trace file, a history, or 'default: …' with its reason. */
  source: string;
  /** Observations the fit used; 0 for a value not fitted from data. */
  observations: number;
}

export type OrchestrationType = 'standard' | 'express';

export interface WarmCold {
  warm: MeasuredLatency;
  cold: MeasuredLatency;
}

export interface OrchestrationCalibration {
  /** From the previous state's end to a Task's handler start (state transition + Lambda invoke), per workflow type. */
  taskDispatch: Record<OrchestrationType, WarmCold>;
  /** From a Map state's start to one iteration's handler start, beyond a Task's dispatch (iterations start staggered). */
  mapIterationStart: Record<OrchestrationType, MeasuredLatency>;
  /** From a Parallel state's start to one branch's first handler start, beyond a Task's dispatch. */
  parallelBranchStart: Record<OrchestrationType, MeasuredLatency>;
  /** The stagger of a map item whose environment is new (a burst places new environments far apart); absent: mapIterationStart. */
  coldMapIterationStart?: Record<OrchestrationType, MeasuredLatency>;
  /** The stagger of a branch whose first invocation is cold; absent: parallelBranchStart. */
  coldParallelBranchStart?: Record<OrchestrationType, MeasuredLatency>;
  /**
   * A cold Task dispatch outside a cold wave (arrivals.ts): one new environment placed while traffic keeps the
   * others warm — a steady execution's cold start. In the warm SeBS-Flow files such dispatches (Init subtracted)
   * cost what warm ones do (p50 137 vs 124 ms); a burst's waves place many environments at once and draw
   * taskDispatch's cold value (p50 ~800 ms). Absent for a workflow type: taskDispatch's cold value everywhere.
   * Outside a wave a cold invocation's Map item and Parallel branch staggers are the warm ones.
   */
  isolatedColdTaskDispatch?: Partial<Record<OrchestrationType, MeasuredLatency>>;
  /**
   * Task dispatch by what is dispatched after what (DispatchKind), where the data told the kinds apart;
   * a kind absent here (or a step of no kind: after a Parallel or a Choice, a Batch job) draws taskDispatch, the pooled fit.
   */
  dispatchByKind?: Partial<Record<DispatchKind, Record<OrchestrationType, WarmCold>>>;
}

/**
 * What a Task dispatch follows and what it starts — the kinds the SeBS-Flow traces measure apart (warm
 * means 2022–2024: a Task after a Task 131 ms, a Map's first item 160–250 ms, a Task after a Map 57 ms, a
 * Map's later item started when the one before it ended 55–61 ms):
 * - afterTask: a Task state's invocation after a Task state ended (its Catch included);
 * - afterMap: a Task state's invocation after a Map state ended (its last item);
 * - mapFirstItem: a Map state's first item, from the state before it ended (the Map's and the iteration's
 *   start are in it; a loop — a Map run one item at a time — too);
 * - mapNextItem: a Map item started when an earlier item of the same Map ended (a loop's later iterations,
 *   a map's later waves).
 * A Parallel branch's first Task and a state after a Parallel or a Choice are none of these (pooled).
 */
export type DispatchKind = 'afterTask' | 'afterMap' | 'mapFirstItem' | 'mapNextItem';

export const DISPATCH_KINDS: readonly DispatchKind[] = ['afterTask', 'afterMap', 'mapFirstItem', 'mapNextItem'];

export interface PlatformCalibration {
  version: 1;
  /** One line a user reads in `explain`: what this calibration was built from. */
  source: string;
  orchestration: OrchestrationCalibration;
}

/** One measured gap, as `dagc calibrate` extracts it from a trace file or a history. */
export interface GapObservation {
  kind: 'task' | 'map-iteration' | 'parallel-branch';
  /** A Task dispatch's kind, when its structure says which (absent: pooled only). Every Task dispatch is in the pooled fit too. */
  dispatch?: DispatchKind;
  orchestration: OrchestrationType;
  /** The invoked environment was new (its Init Duration already subtracted from gapMs). */
  cold: boolean;
  gapMs: number;
}

/** Step Functions history timestamps are whole milliseconds: gaps closer than this are not told apart. */
const TIMESTAMP_RESOLUTION_MS = 1;

/** Fewer observations than this and a fit keeps the fallback it is given (a spread needs a few points). */
export const MIN_FIT_OBSERVATIONS = 5;

/**
 * The shipped defaults: fitted from the SeBS-Flow AWS traces in data/sebs-flow/ by
 * scripts/fit-orchestration-defaults.ts (src/model/fitted-orchestration.ts holds the numbers, each with
 * its source). Standard is measured; Express is Standard's values (no Express trace: equal, so that no
 * plan counts on a speed-up nobody measured), with observations 0.
 */
export const DEFAULT_CALIBRATION: PlatformCalibration = {
  version: 1,
  source: `default: ${FITTED_SOURCE}`,
  orchestration: FITTED_ORCHESTRATION,
};

/**
 * A shifted lognormal from observed latencies: the floor at half the smallest observation (a gap
 * can be faster than any seen, never faster than the service's round trips), the median and the
 * spread from the 50th and 84th percentiles of ln(x − floor). Fewer than MIN_FIT_OBSERVATIONS: the fallback.
 * Gaps within half a millisecond of the floor count as half a millisecond above it: histories carry
 * millisecond timestamps, so local runs give many 0 ms Map iteration starts, and ln(0.001) for each made
 * a spread of 7.7 — a calibration `dagc calibrate` wrote and its own reader refused (σ at most 5).
 */
export function fitLatency(observationsMs: readonly number[], source: string, fallback: MeasuredLatency): MeasuredLatency {
  const xs = observationsMs.filter((x) => Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  if (xs.length < MIN_FIT_OBSERVATIONS) return fallback;
  const shiftMs = xs[0]! / 2;
  const logs = xs.map((x) => Math.log(Math.max(x - shiftMs, TIMESTAMP_RESOLUTION_MS / 2)));
  const at = (q: number) => {
    const pos = q * (logs.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(logs.length - 1, lo + 1);
    return logs[lo]! + (pos - lo) * (logs[hi]! - logs[lo]!);
  };
  const medianLog = at(0.5);
  const sigma = Math.max(0, (at(0.8413) - medianLog) / normalQuantile(0.8413));
  return { shiftMs, medianMs: Math.exp(medianLog), sigma, source, observations: xs.length };
}

/** The q-quantile of a latency distribution. */
export function latencyQuantileMs(d: LatencyDistribution, q: number): number {
  return d.shiftMs + d.medianMs * Math.exp(d.sigma * normalQuantile(q));
}

/** Its mean: shift + median·e^(σ²/2). */
export function latencyMeanMs(d: LatencyDistribution): number {
  return d.shiftMs + d.medianMs * Math.exp((d.sigma * d.sigma) / 2);
}
