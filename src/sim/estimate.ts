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
// Complexity: O(samples × (V + E + Σ map widths × bundle workers)); no
// allocation per sample.
import type { Deployment } from '../ir/deployment.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import type { IR, WidthDistribution } from '../ir/types.ts';
import type { Rng } from '../model/duration-model.ts';
import { LAMBDA_LIMITS, OVERHEADS, pricesFor, STEP_FUNCTIONS_LIMITS, vcpuForMemory } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { CostBreakdown, EstimateFn, EstimateSummary } from '../passes/estimator-port.ts';
import { planStep, type PlannedStep } from './plan-steps.ts';
import { createRng } from './random.ts';

export interface EstimateOptions {
  samples: number;
  seed: number;
  /** Traffic that decides how often environments are cold and what provisioned concurrency costs per execution (default 60 per hour). */
  executionsPerHour?: number;
}

export const DEFAULT_EXECUTIONS_PER_HOUR = 60;
/** Below this traffic, provisioned concurrency's cost per execution is taken at this rate rather than dividing by ~0. */
const MIN_EXECUTIONS_PER_HOUR = 1e-6;
const EXPRESS_MIN_MEMORY_GB = STEP_FUNCTIONS_LIMITS.expressMemoryChunkMb / 1024;
const EXPRESS_BILLING_MS = STEP_FUNCTIONS_LIMITS.expressBillingGranularityMs;

export interface Estimate extends EstimateSummary {
  samples: number;
}

/** What one step's execution produced: written by runStep, read at once (one object for the whole estimate). */
interface StepRun {
  latencyMs: number;
  onDemandGbSeconds: number;
  provisionedGbSeconds: number;
  invocations: number;
}

export function estimate(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): Estimate {
  const prices = pricesFor(ir.region);
  const order = topologicalOrder(ir);
  const index = new Map(order.map((id, i) => [id, i]));
  const executionsPerHour = Math.max(options.executionsPerHour ?? DEFAULT_EXECUTIONS_PER_HOUR, MIN_EXECUTIONS_PER_HOUR);
  const coldProbability = Math.exp((-executionsPerHour * OVERHEADS.idleEnvironmentLifetimeMs) / 3_600_000);
  const context = { ir, deployment, profiles, prices, index, coldProbability };
  const steps: PlannedStep[] = order.map((id) => planStep(context, id));

  const rng = createRng(options.seed);
  const n = Math.max(1, Math.floor(options.samples));
  const latencies = new Float64Array(n);
  const finish = new Float64Array(steps.length);
  const active = new Uint8Array(steps.length);
  const chosen = new Int32Array(steps.length);
  const run: StepRun = { latencyMs: 0, onDemandGbSeconds: 0, provisionedGbSeconds: 0, invocations: 0 };
  let computeUsd = 0;
  let invocations = 0;
  let transitions = 0;
  let s3Puts = 0;
  let s3Gets = 0;
  let expressBilledMs = 0;

  for (let sample = 0; sample < n; sample += 1) {
    let end = 0;
    for (let i = 0; i < steps.length; i += 1) {
      const step = steps[i]!;
      let start = 0;
      let isActive = step.inEdges.length === 0;
      for (const edge of step.inEdges) {
        if (!active[edge.from]) continue;
        if (steps[edge.from]!.branches && chosen[edge.from] !== i) continue;
        isActive = true;
        start = Math.max(start, finish[edge.from]! + edge.transferMs);
        s3Puts += edge.s3Puts;
        s3Gets += edge.s3Gets;
      }
      active[i] = isActive ? 1 : 0;
      if (!isActive) continue;
      if (step.node.kind === 'join') {
        // A stage boundary: no state of its own, so no transition and no time.
        finish[i] = start;
        continue;
      }
      let durationMs = 0;
      transitions += 1;
      if (step.branches) {
        const u = rng.next();
        let pick = step.branches.length - 1;
        for (let b = 0; b < step.branches.length; b += 1) {
          if (u < step.branches[b]!.cumulative) {
            pick = b;
            break;
          }
        }
        chosen[i] = step.branches[pick]!.to;
      } else {
        runStep(step, rng, run);
        durationMs = run.latencyMs;
        computeUsd += run.onDemandGbSeconds * step.onDemandGbSecondUsd;
        if (run.provisionedGbSeconds > 0) computeUsd += run.provisionedGbSeconds * step.provisionedDurationGbSecondUsd;
        invocations += run.invocations;
        if (step.node.kind === 'map') transitions += run.invocations;
      }
      finish[i] = start + OVERHEADS.stepFunctionsTransitionMs + durationMs;
      if (finish[i]! > end) end = finish[i]!;
    }
    latencies[sample] = end;
    expressBilledMs += Math.ceil(end / EXPRESS_BILLING_MS) * EXPRESS_BILLING_MS;
  }

  latencies.sort();
  const at = (q: number) => latencies[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
  let provisionedHourlyUsd = 0;
  for (const step of steps) provisionedHourlyUsd += step.provisionedHourlyUsd;
  const breakdown: CostBreakdown = {
    lambdaComputeUsd: computeUsd / n,
    lambdaRequestsUsd: (invocations / n) * prices.lambdaRequestUsd,
    stepFunctionsUsd:
      deployment.orchestration === 'express'
        ? prices.expressRequestUsd + EXPRESS_MIN_MEMORY_GB * (expressBilledMs / n / 1000) * prices.expressGbSecondUsd
        : (transitions / n) * prices.standardTransitionUsd,
    s3Usd: (s3Puts / n) * prices.s3PutUsd + (s3Gets / n) * prices.s3GetUsd,
    provisionedConcurrencyUsd: provisionedHourlyUsd / executionsPerHour,
  };
  const costUsd = breakdown.lambdaComputeUsd + breakdown.lambdaRequestsUsd + breakdown.stepFunctionsUsd + breakdown.s3Usd + breakdown.provisionedConcurrencyUsd;
  return { latencyMs: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: latencies[n - 1]! }, costUsd, breakdown, samples: n };
}

/** The estimator as the optimizer's EstimateFn: fixed samples and seed for every call. */
export function monteCarloEstimateFn(profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): EstimateFn {
  return (ir, deployment) => estimate(ir, deployment, profiles, options);
}

function billedMs(durationMs: number): number {
  return Math.ceil(durationMs / LAMBDA_LIMITS.billingGranularityMs) * LAMBDA_LIMITS.billingGranularityMs;
}

/** One execution of a task or map step into `run`: its latency, the GB-seconds billed (on demand / provisioned), the invocations made. */
function runStep(step: PlannedStep, rng: Rng, run: StepRun): void {
  run.provisionedGbSeconds = 0;
  if (step.node.kind === 'task' && step.bundleSize === 1) {
    // The common case, without the scheduling machinery.
    let durationMs = step.sampleMs!(rng);
    const provisioned = step.prewarm >= 1;
    if (!provisioned && rng.next() < step.coldProbability) durationMs = durationMs * step.coldFactor + step.model!.sampleInit(rng);
    const gbSeconds = (step.gbPerInvocation * billedMs(durationMs)) / 1000;
    run.latencyMs = durationMs;
    run.onDemandGbSeconds = provisioned ? 0 : gbSeconds;
    run.provisionedGbSeconds = provisioned ? gbSeconds : 0;
    run.invocations = 1;
    return;
  }
  const width = step.node.kind === 'map' ? sampleWidth(step.node.width, rng) : 1;
  const invocationCount = Math.ceil(width / step.bundleSize);
  const slots = Math.min(invocationCount, step.concurrency);
  const slotFree = step.slotFree;
  slotFree.fill(0, 0, slots);
  let onDemandGbSeconds = 0;
  let provisionedGbSeconds = 0;
  let latencyMs = 0;
  for (let k = 0; k < invocationCount; k += 1) {
    const items = Math.min(step.bundleSize, width - k * step.bundleSize);
    let durationMs = items <= 1 ? step.sampleMs!(rng) : bundleMakespanMs(step, items, rng);
    const provisioned = k < step.prewarm;
    if (!provisioned && rng.next() < step.coldProbability) durationMs = durationMs * step.coldFactor + step.model!.sampleInit(rng);
    if (provisioned) provisionedGbSeconds += (step.gbPerInvocation * billedMs(durationMs)) / 1000;
    else onDemandGbSeconds += (step.gbPerInvocation * billedMs(durationMs)) / 1000;
    // List scheduling: the invocation starts on the slot that frees first.
    let slot = 0;
    for (let s = 1; s < slots; s += 1) if (slotFree[s]! < slotFree[slot]!) slot = s;
    slotFree[slot] = slotFree[slot]! + durationMs;
    if (slotFree[slot]! > latencyMs) latencyMs = slotFree[slot]!;
  }
  run.latencyMs = latencyMs;
  run.onDemandGbSeconds = onDemandGbSeconds;
  run.provisionedGbSeconds = provisionedGbSeconds;
  run.invocations = invocationCount;
}

const workerFree = new Float64Array(LAMBDA_LIMITS.maxVcpu + 1);

/** b items in one invocation: ⌊vcpu⌋ workers, each on its share of the memory, or one worker at the full memory below 1 vCPU. */
export function bundleMakespanMs(step: Pick<PlannedStep, 'memoryMb' | 'workerSamplers'>, items: number, rng: Rng): number {
  const workers = Math.max(1, Math.min(items, Math.floor(vcpuForMemory(step.memoryMb))));
  const sample = step.workerSamplers[workers]!;
  workerFree.fill(0, 0, workers);
  let makespan = 0;
  for (let i = 0; i < items; i += 1) {
    let w = 0;
    for (let j = 1; j < workers; j += 1) if (workerFree[j]! < workerFree[w]!) w = j;
    workerFree[w] = workerFree[w]! + sample(rng);
    if (workerFree[w]! > makespan) makespan = workerFree[w]!;
  }
  return makespan;
}

function sampleWidth(width: WidthDistribution, rng: Rng): number {
  switch (width.kind) {
    case 'fixed':
      return width.width;
    case 'uniform':
      return width.min + Math.floor(rng.next() * (width.max - width.min + 1));
    case 'discrete': {
      const u = rng.next();
      let cumulative = 0;
      for (let i = 0; i < width.values.length; i += 1) {
        cumulative += width.probabilities[i]!;
        if (u < cumulative) return width.values[i]!;
      }
      return width.values[width.values.length - 1]!;
    }
  }
}
