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
// Cold starts: an invocation is cold with probability exp(−λ·T) — λ the
// executions per hour, T how long Lambda keeps an idle environment — unless
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
// a map's items are exchangeable); cold starts are independent draws at a
// steady arrival rate (no bursts); account concurrency and burst limits are
// not hit; fusion groups are not simulated yet (each step is its own
// invocation); the network between services adds the fixed overheads of
// src/model/platform.ts.
// Cost is the mean over samples, so with the same seed two deployments of
// the same IR are compared on the same random draws (common random numbers).
// The samples run in chunks with generators of their own (sample-chunks.ts),
// which a large estimate shares with a helper thread (sampling-pool.ts); the
// numbers depend on the seed and the sample count alone.
// Complexity: O(samples × (V + E + Σ map widths × bundle workers)); no
// allocation per sample.
import type { Deployment } from '../ir/deployment.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import type { IR } from '../ir/types.ts';
import { DEFAULT_CALIBRATION, type PlatformCalibration } from '../model/calibration.ts';
import { OVERHEADS, pricesFor, STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { CostBreakdown, EstimateFn, EstimateSummary } from '../passes/estimator-port.ts';
import { compileWorkflow, type CompiledWorkflow } from './compiled-workflow.ts';
import { dispatchTables } from './dispatch-tables.ts';
import { parallelBranchHeads } from './parallel-branches.ts';
import { fusedView, hasGroups } from './fused-view.ts';
import { planStep, type PlannedStep } from './plan-steps.ts';
import { chunkControl, chunkCount, claimChunks, largeEnoughToShare, runsOnArraysAlone, sumChunkTotals, TOTALS_PER_CHUNK, type ChunkJob } from './sample-chunks.ts';
import type { SampleTotals } from './sample-executions.ts';
import { sampleWithPool, startSamplingPool } from './sampling-pool.ts';

export { bundleMakespanMs } from './sample-executions.ts';

export interface EstimateOptions {
  samples: number;
  seed: number;
  /** Traffic that decides how often environments are cold and what provisioned concurrency costs per execution (default 60 per hour). */
  executionsPerHour?: number;
  /** 1 keeps every sample on the calling thread; otherwise a large estimate shares its chunks with the sampling pool. The numbers are the same either way. */
  threads?: number;
  /** The platform's own latencies (Task dispatch, Map item and Parallel branch staggers) to draw; default DEFAULT_CALIBRATION. */
  calibration?: PlatformCalibration;
  /**
   * Where an execution's latency starts: 'execution-start' (default: what a user waits, the first
   * dispatch and a cold entry's Init included) or 'first-handler-start' (what a SeBS-Flow trace measures,
   * max(end) − min(start) of its handlers: the entry steps' first dispatch and Init are not counted).
   */
  timedFrom?: 'execution-start' | 'first-handler-start';
}

export const DEFAULT_EXECUTIONS_PER_HOUR = 60;
/** Below this traffic, provisioned concurrency's cost per execution is taken at this rate rather than dividing by ~0. */
const MIN_EXECUTIONS_PER_HOUR = 1e-6;
const EXPRESS_MIN_MEMORY_GB = STEP_FUNCTIONS_LIMITS.expressMemoryChunkMb / 1024;

export interface Estimate extends EstimateSummary {
  samples: number;
}

export function estimate(original: IR, requested: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): Estimate {
  // Fusion groups run as one invocation each: the estimate runs over the contracted workflow codegen emits.
  const view = hasGroups(requested) ? fusedView(original, requested, profiles) : undefined;
  const ir = view?.ir ?? original;
  const deployment = view?.deployment ?? requested;
  const prices = pricesFor(ir.region);
  const order = topologicalOrder(ir);
  const index = new Map(order.map((id, i) => [id, i]));
  const executionsPerHour = Math.max(options.executionsPerHour ?? DEFAULT_EXECUTIONS_PER_HOUR, MIN_EXECUTIONS_PER_HOUR);
  const coldProbability = Math.exp((-executionsPerHour * OVERHEADS.idleEnvironmentLifetimeMs) / 3_600_000);
  const dispatch = dispatchTables(options.calibration ?? DEFAULT_CALIBRATION, deployment.orchestration);
  const context = {
    ir,
    deployment,
    profiles,
    prices,
    index,
    coldProbability,
    hasEdgeModes: Object.keys(deployment.edges).length > 0,
    dispatch,
    branchHeads: parallelBranchHeads(ir),
    untimedEntries: options.timedFrom === 'first-handler-start',
    ...(view ? { models: view.models } : {}),
  };
  const steps: PlannedStep[] = order.map((id) => planStep(context, id));

  const n = sampleCount(options);
  const { latencies, totals } = sampleInChunks(compileWorkflow(steps, dispatch), options.seed, coldProbability, n, options.threads !== 1);
  const { computeUsd, invocations, transitions, s3Puts, s3Gets, expressBilledMs, batchUsd, childExecutionsUsd } = totals;

  latencies.sort();
  const at = (q: number) => latencies[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
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
  return { latencyMs: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: latencies[n - 1]! }, costUsd, breakdown, samples: n };
}

/** The estimator as the optimizer's EstimateFn: fixed samples and seed for every call. */
export function monteCarloEstimateFn(profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): EstimateFn {
  const fn: EstimateFn = (ir, deployment) => estimate(ir, deployment, profiles, options);
  fn.calibration = options.calibration ?? DEFAULT_CALIBRATION;
  // A workflow large enough to share its samples starts the helper thread now, so its start-up overlaps the passes before the first estimate.
  fn.prepare = (ir) => {
    if (options.threads !== 1 && largeEnoughToShare(sampleCount(options), ir.graph.nodeCount())) startSamplingPool();
  };
  return fn;
}

function sampleCount(options: EstimateOptions): number {
  return Math.max(1, Math.floor(options.samples));
}

/** All of an estimate's samples, chunk by chunk (shared with the sampling pool when large and run on arrays alone): latencies unsorted, totals summed in chunk order. */
function sampleInChunks(w: CompiledWorkflow, seed: number, coldProbability: number, samples: number, mayShare: boolean): { latencies: Float64Array; totals: SampleTotals } {
  const shared = mayShare && largeEnoughToShare(samples, w.kind.length) && runsOnArraysAlone(w);
  // Shared memory only when another thread may write into it.
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const job: ChunkJob = {
    w,
    seed,
    coldProbability,
    samples,
    latencies: new Float64Array(buffer(samples * 8)),
    totals: new Float64Array(buffer(chunkCount(samples) * TOTALS_PER_CHUNK * 8)),
    control: chunkControl(samples, shared),
  };
  if (!shared || !sampleWithPool(job)) claimChunks(job);
  return { latencies: job.latencies, totals: sumChunkTotals(job.totals, samples) };
}

