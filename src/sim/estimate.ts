// The estimator: end-to-end latency distribution and expected cost per
// execution of a deployment, by seeded Monte Carlo over the DAG that will run
// (hand it the restructured IR for a non-series-parallel app).
//
// One sample is one execution. Steps run in topological order; a step starts
// when every active predecessor has finished and its data has arrived, and
// pays one Step Functions state transition. A choice takes one branch by its
// probability; steps reachable only through branches not taken are skipped,
// and a join waits only for what ran. A map draws its width (fixed, uniform
// or discrete, per execution), splits it into ⌈W/b⌉ invocations of b items
// (bundleSize), runs each invocation's items on its vCPU share (list
// scheduling on ⌊vcpu⌋ workers, or one slower worker below 1 vCPU), and runs
// the invocations at most `concurrency` at a time (the map's maxConcurrency,
// and Inline Map's limit of 40 in both workflow types).
// Durations at any memory size come from the profile's predictor
// (src/model/duration-model.ts): measured distributions where measured, the
// fitted curve between and beyond them.
// Cold starts follow the arrival model (arrivals.ts): an execution runs in a
// cold wave (every invocation cold together: a burst that found its pool
// expired) with the model's wave share, otherwise each invocation is cold
// independently — exp(−λ·T) for steady traffic alone, λ the executions per
// hour, T how long Lambda keeps an idle environment — unless
// provisioned concurrency (prewarm) covers it: the first `prewarm`
// invocations of a step per execution are never cold and are billed at the
// provisioned duration price, and keeping them warm costs the provisioned
// price per hour spread over λ executions. A cold invocation adds an init
// duration, which Lambda bills (all runtimes since August 2025), and runs its
// handler slower by the profile's measured cold/warm ratio.
// Data passes inline (transfer time at the inline rate) or through S3 (PUT +
// GET latency and throughput, and one PUT and one GET request per hop that
// runs); an edge's default mode is inline when it fits the 256 KB state
// limit, else S3.
// Assumed, not modelled: durations of different invocations are independent
// given their sizes (no shared noisy neighbour, no correlated slow days, and
// a map's items are exchangeable); outside a cold wave cold starts are
// independent draws (arrivals.ts says what the pool model assumes); account concurrency and burst limits are
// not hit; fusion groups are not simulated yet (each step is its own
// invocation); the network between services adds the fixed overheads of
// src/model/platform.ts.
// Cost is the mean over samples, so with the same seed two deployments of
// the same IR are compared on the same random draws (common random numbers).
// The samples run in chunks with generators of their own (sample-chunks.ts),
// which a large estimate shares with a helper thread (sampling-pool.ts); the
// numbers depend on the seed and the sample count alone.
// Monte Carlo error: every estimate reports a 95 % interval of its p95 (or of
// the percentile it was asked to decide) from the order statistics
// (quantile-interval.ts). Told the SLO (options.decide), it draws more
// samples — whole chunks, doubling the count, up to a cap — while the
// interval straddles the threshold and is not narrower than ±1 % of the percentile;
// the chunks already drawn are kept and a partial last chunk is redrawn whole,
// so an estimate that stopped at n samples is exactly the plain estimate with
// n samples (same seed). Verdicts far from the threshold never draw more.
// Complexity: O(samples × (V + E + Σ map widths × bundle workers)); no
// allocation per sample.
import type { Deployment } from '../ir/deployment.ts';
import { PERCENTILE_LEVEL, type IR, type Percentile } from '../ir/types.ts';
import { DEFAULT_CALIBRATION, type PlatformCalibration } from '../model/calibration.ts';
import { pricesFor, STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { CostBreakdown, EstimateFn, EstimateSummary, MonteCarloError } from '../passes/estimator-port.ts';
import { coldSituations, DEFAULT_ARRIVALS, type ArrivalModel } from './arrivals.ts';
import { dispatchTables } from './dispatch-tables.ts';
import { hopContext } from './s3-hops.ts';
import type { CompiledWorkflow } from './compiled-workflow.ts';
import { planWorkflow } from './plan-workflow.ts';
import { fusedView, hasGroups } from './fused-view.ts';
import { CHUNK_FLAGS, CHUNK_SAMPLES, CHUNKS_DONE, chunkControl, chunkCount, claimChunks, largeEnoughToShare, NEXT_CHUNK, runsOnArraysAlone, sumChunkTotals, TOTALS_PER_CHUNK, type ChunkJob } from './sample-chunks.ts';
import { INTERVAL_CONFIDENCE, latencyIntervals, quantileInterval, type LatencyIntervals } from './quantile-interval.ts';
import { LIMITS } from '../spec/limits.ts';
import type { SampleTotals } from './sample-executions.ts';
import { sampleWithPool, startSamplingPool } from './sampling-pool.ts';

export { bundleMakespanMs } from './sample-executions.ts';

export interface EstimateOptions {
  samples: number;
  seed: number;
  /** How executions arrive: decides which invocations are cold (alone or in waves) and what provisioned concurrency costs per execution (default DEFAULT_ARRIVALS, 60 per hour steady). */
  arrivals?: ArrivalModel;
  /** Shorthand for `arrivals: { ratePerHour }` (steady traffic only); ignored when arrivals is given. */
  executionsPerHour?: number;
  /**
   * The platform's own latencies to draw (Task dispatch, Map iteration and Parallel branch starts; src/model/calibration.ts):
   * a user's calibration (--calibration, app.yaml platform:); absent, the shipped DEFAULT_CALIBRATION.
   */
  calibration?: PlatformCalibration;
  /** 1 keeps every sample on the calling thread; otherwise a large estimate shares its chunks with the sampling pool. The numbers are the same either way. */
  threads?: number;
  /** The threshold a verdict is wanted on: draw more samples until the percentile's interval is on one side of it (see the header). */
  decide?: DecideOptions;
  /** Also the 95 % confidence interval of each percentile (quantile-interval.ts): the out-of-sample check reports it. */
  intervals?: boolean;
  /**
   * Where an execution's latency starts: 'execution-start' (default: what a user waits, the first
   * dispatch and a cold entry's Init included) or 'first-handler-start' (what a SeBS-Flow trace measures,
   * max(end) − min(start) of its handlers: the entry steps' first dispatch and Init are not counted).
   */
  timedFrom?: 'execution-start' | 'first-handler-start';
}

export interface DecideOptions {
  percentile: Percentile;
  thresholdMs: number;
  /** Most samples to draw (default DECIDE_GROWTH_CAP × samples within DECIDE_STEP_DRAW_BUDGET, at most LIMITS.samples). */
  maxSamples?: number;
}

/** A close call draws at most this many times the requested samples. */
export const DECIDE_GROWTH_CAP = 8;
/**
 * ...and at most this many step draws (samples × steps) in all, so a close call on a 10k-step workflow, whose
 * requested 2,000 samples already cost 20 M, stays within its optimizer's time (bench/scale.ts); its reported
 * error then says how precise its verdict is.
 */
export const DECIDE_STEP_DRAW_BUDGET = 24_000_000;
/** An interval narrower than ± this share of its percentile is precise enough, whichever side the threshold is (one exactly this wide is not). */
export const DECIDE_RELATIVE_HALF_WIDTH = 0.01;

export const DEFAULT_EXECUTIONS_PER_HOUR = DEFAULT_ARRIVALS.ratePerHour;
const EXPRESS_MIN_MEMORY_GB = STEP_FUNCTIONS_LIMITS.expressMemoryChunkMb / 1024;

export interface Estimate extends EstimateSummary {
  samples: number;
  /** With options.intervals: how far each percentile may be from the true one (Monte Carlo error alone). */
  latencyIntervalMs?: LatencyIntervals;
}

export function estimate(original: IR, requested: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): Estimate {
  // Fusion groups run as one invocation each: the estimate runs over the contracted workflow codegen emits.
  const view = hasGroups(requested) ? fusedView(original, requested, profiles) : undefined;
  const ir = view?.ir ?? original;
  const deployment = view?.deployment ?? requested;
  const prices = pricesFor(ir.region);
  const cold = coldSituations(arrivalsOf(options));
  const { executionsPerHour, coldWaveShare } = cold;
  const coldProbability = cold.otherColdProbability;
  const dispatch = dispatchTables(options.calibration ?? DEFAULT_CALIBRATION, deployment.orchestration);
  const context = {
    ir,
    deployment,
    profiles,
    prices,
    coldProbability,
    pingColdProbability: cold.meanColdProbability,
    hops: hopContext(ir, deployment),
    dispatch,
    untimedEntries: options.timedFrom === 'first-handler-start',
    ...(view ? { models: view.models } : {}),
  };
  const { steps, workflow } = planWorkflow(context);

  const asked = sampleCount(options);
  const mayShare = options.threads !== 1;
  let drawn = sampleInChunks(workflow, options.seed, coldProbability, coldWaveShare, asked, mayShare);
  // A decision may draw more: keep the draws in chunk order for that, and sort a copy.
  let latencies = options.decide ? Float64Array.from(drawn.latencies).sort() : drawn.latencies.sort();
  const percentile = options.decide?.percentile ?? 'p95';
  let error = quantileInterval(latencies, PERCENTILE_LEVEL[percentile]);
  if (options.decide) {
    const { thresholdMs } = options.decide;
    const byWork = Math.floor(DECIDE_STEP_DRAW_BUDGET / Math.max(1, steps.length));
    const cap = Math.max(asked, Math.min(options.decide.maxSamples ?? Math.min(DECIDE_GROWTH_CAP * asked, byWork), LIMITS.samples));
    for (;;) {
      const n = latencies.length;
      const valueMs = sampleQuantile(latencies, PERCENTILE_LEVEL[percentile]);
      const oneSide = error.highMs <= thresholdMs || error.lowMs > thresholdMs;
      if (oneSide || (error.highMs - error.lowMs) / 2 < DECIDE_RELATIVE_HALF_WIDTH * valueMs || n >= cap) break;
      drawn = sampleInChunks(workflow, options.seed, coldProbability, coldWaveShare, Math.min(cap, chunkCount(2 * n) * CHUNK_SAMPLES), mayShare, drawn);
      latencies = Float64Array.from(drawn.latencies).sort();
      error = quantileInterval(latencies, PERCENTILE_LEVEL[percentile]);
    }
  }
  const n = latencies.length;
  const { computeUsd, invocations, transitions, s3Puts, s3Gets, expressBilledMs, batchUsd, childExecutionsUsd } = drawn.totals;
  const at = (q: number) => sampleQuantile(latencies, q);
  let provisionedHourlyUsd = 0;
  let pingComputeUsd = 0;
  let pingRequests = 0;
  for (const step of steps) {
    provisionedHourlyUsd += step.provisionedHourlyUsd;
    pingComputeUsd += step.pingComputeUsd;
    pingRequests += step.pingRequests;
  }
  const breakdown: CostBreakdown = {
    lambdaComputeUsd: computeUsd / n + pingComputeUsd,
    lambdaRequestsUsd: (invocations / n + pingRequests) * prices.lambdaRequestUsd,
    stepFunctionsUsd:
      (deployment.orchestration === 'express'
        ? prices.expressRequestUsd + EXPRESS_MIN_MEMORY_GB * (expressBilledMs / n / 1000) * prices.expressGbSecondUsd
        : (transitions / n) * prices.standardTransitionUsd) +
      childExecutionsUsd / n,
    s3Usd: (s3Puts / n) * prices.s3PutUsd + (s3Gets / n) * prices.s3GetUsd,
    provisionedConcurrencyUsd: provisionedHourlyUsd / executionsPerHour,
  };
  if (batchUsd > 0) breakdown.batchUsd = batchUsd / n;
  const costUsd = breakdown.lambdaComputeUsd + breakdown.lambdaRequestsUsd + breakdown.stepFunctionsUsd + breakdown.s3Usd + breakdown.provisionedConcurrencyUsd + (breakdown.batchUsd ?? 0);
  const monteCarlo: MonteCarloError = { percentile, lowMs: error.lowMs, highMs: error.highMs, confidence: INTERVAL_CONFIDENCE, samples: n };
  const intervals = options.intervals ? { latencyIntervalMs: latencyIntervals(latencies) } : {};
  return { latencyMs: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: latencies[n - 1]! }, costUsd, breakdown, monteCarlo, samples: n, ...intervals };
}

/**
 * The estimator as the optimizer's EstimateFn: fixed samples and seed for every call. Its prepare starts the
 * sampling pool with startPool (the process's; tests pass their own to see whether it asked).
 */
export function monteCarloEstimateFn(profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions, startPool: () => void = startSamplingPool): EstimateFn {
  const fn: EstimateFn = (ir, deployment) => estimate(ir, deployment, profiles, options);
  fn.calibration = options.calibration ?? DEFAULT_CALIBRATION;
  // The first chunks of the same seeded stream: a decision capped at its own sample count never grows.
  fn.pilot = (ir, deployment, percentile, samples) =>
    estimate(ir, deployment, profiles, { ...options, samples, decide: { percentile, thresholdMs: Infinity, maxSamples: samples } });
  // A workflow large enough to share its samples starts the helper thread now, so its start-up overlaps the passes before the first estimate.
  fn.prepare = (ir) => {
    if (options.threads !== 1 && largeEnoughToShare(sampleCount(options), ir.graph.nodeCount())) startPool();
  };
  return fn;
}

/** The arrival model an estimate assumes: the options' own, their steady shorthand, or the default. */
export function arrivalsOf(options: Pick<EstimateOptions, 'arrivals' | 'executionsPerHour'>): ArrivalModel {
  if (options.arrivals) return options.arrivals;
  return options.executionsPerHour !== undefined ? { ratePerHour: options.executionsPerHour } : DEFAULT_ARRIVALS;
}

/** The q-quantile of ascending-sorted draws: the ⌈q·n⌉-th (1-based), as every reported percentile is taken. */
function sampleQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
}

function sampleCount(options: EstimateOptions): number {
  return Math.max(1, Math.floor(options.samples));
}

interface Drawn {
  /** In chunk order, unsorted. */
  latencies: Float64Array;
  /** Per chunk, TOTALS_PER_CHUNK numbers apiece. */
  chunkTotals: Float64Array;
  totals: SampleTotals;
}

/**
 * All of an estimate's samples, chunk by chunk (shared with the sampling pool when large and run on arrays alone):
 * latencies unsorted, totals summed in chunk order. Given what an estimate of fewer samples drew, its whole chunks
 * are kept and only the rest drawn (a partial last chunk again, whole): the same numbers as drawing all afresh.
 */
function sampleInChunks(w: CompiledWorkflow, seed: number, coldProbability: number, coldWaveShare: number, samples: number, mayShare: boolean, previous?: Drawn): Drawn {
  const shared = mayShare && largeEnoughToShare(samples, w.kind.length) && runsOnArraysAlone(w);
  // Shared memory only when another thread may write into it.
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const job: ChunkJob = {
    w,
    seed,
    coldProbability,
    coldWaveShare,
    samples,
    latencies: new Float64Array(buffer(samples * 8)),
    totals: new Float64Array(buffer(chunkCount(samples) * TOTALS_PER_CHUNK * 8)),
    control: chunkControl(samples, shared),
  };
  if (previous) {
    const kept = Math.floor(previous.latencies.length / CHUNK_SAMPLES);
    job.latencies.set(previous.latencies.subarray(0, kept * CHUNK_SAMPLES));
    job.totals.set(previous.chunkTotals.subarray(0, kept * TOTALS_PER_CHUNK));
    for (let chunk = 0; chunk < kept; chunk += 1) job.control[CHUNK_FLAGS + chunk] = 1;
    job.control[NEXT_CHUNK] = kept;
    job.control[CHUNKS_DONE] = kept;
  }
  if (!shared || !sampleWithPool(job)) claimChunks(job);
  return { latencies: job.latencies, chunkTotals: job.totals, totals: sumChunkTotals(job.totals, samples) };
}

