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
import { compileWorkflow, INIT_TABLE, DRAW_ONE_TABLE, DRAW_TWO_TABLES, STEP_CHOICE, STEP_JOIN, STEP_TASK, type CompiledWorkflow } from './compiled-workflow.ts';
import { planStep, type PlannedStep } from './plan-steps.ts';
import { createRng, normalFrom, uniformFrom, type SimRng } from './random.ts';

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
  const totals = sampleExecutions(compileWorkflow(steps), rng, coldProbability, latencies);
  const { computeUsd, invocations, transitions, s3Puts, s3Gets, expressBilledMs } = totals;

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

interface SampleTotals {
  computeUsd: number;
  invocations: number;
  transitions: number;
  s3Puts: number;
  s3Gets: number;
  expressBilledMs: number;
}

/**
 * The hot loop: latencies.length executions over the compiled workflow,
 * each step's end-to-end latency into `latencies`, billing summed. Plain
 * tasks are drawn inline from their tables; everything else through runStep.
 * Draws from rng in the same order as one closure call per step would, so the
 * numbers do not depend on which path a step takes.
 */
function sampleExecutions(w: CompiledWorkflow, rng: SimRng, coldProbability: number, latencies: Float64Array): SampleTotals {
  const { steps, kind, predStart, predFrom, predTransferMs, predS3Puts, predS3Gets, draw, weightA, offsetA, lengthA, weightB, offsetB, lengthB, ratios } = w;
  const { gbPerInvocation, onDemandGbSecondUsd, provisionedDurationGbSecondUsd, coldFactor, provisioned } = w;
  const count = kind.length;
  // Plain tasks draw from the generator's state (the same stream as rng.next()) with uniformFrom, which
  // is small enough for V8 to inline (measured: the same 0.9 s at 10k steps × 2,000 samples as the draw
  // written out by hand); a call V8 does not inline would return its double boxed, one allocation per draw.
  const state = rng.state;
  // Imported bindings are module-namespace reads under the loader; locals keep the loop's reads plain.
  const TASK = STEP_TASK;
  const CHOICE = STEP_CHOICE;
  const JOIN = STEP_JOIN;
  const ONE_TABLE = DRAW_ONE_TABLE;
  const TWO_TABLES = DRAW_TWO_TABLES;
  const transitionMs = OVERHEADS.stepFunctionsTransitionMs;
  const granularityMs = LAMBDA_LIMITS.billingGranularityMs;
  const expressBillingMs = EXPRESS_BILLING_MS;
  const finish = new Float64Array(count);
  const active = new Uint8Array(count);
  const chosen = new Int32Array(count);
  const run: StepRun = { latencyMs: 0, onDemandGbSeconds: 0, provisionedGbSeconds: 0, invocations: 0 };
  // What the rare paths (closures, maps, bundles) return comes back through a Float64Array: a number
  // returned from a call is a tagged value, and merging it into the loop's doubles would box them all.
  const scratch = new Float64Array(5);
  // Totals live in a Float64Array: let-bound doubles updated in the OSR-compiled loop were boxed, one allocation per update.
  const totals = new Float64Array(6);
  const COMPUTE_USD = 0, INVOCATIONS = 1, TRANSITIONS = 2, S3_PUTS = 3, S3_GETS = 4, EXPRESS_BILLED_MS = 5;
  const alwaysActive = !kind.includes(CHOICE);
  let putsPerSample = 0;
  let getsPerSample = 0;
  if (alwaysActive) {
    for (let e = 0; e < predS3Puts.length; e += 1) putsPerSample += predS3Puts[e]!;
    for (let e = 0; e < predS3Gets.length; e += 1) getsPerSample += predS3Gets[e]!;
  }
  for (let sample = 0; sample < latencies.length; sample += 1) {
    let end = 0;
    totals[S3_PUTS] = totals[S3_PUTS]! + putsPerSample;
    totals[S3_GETS] = totals[S3_GETS]! + getsPerSample;
    for (let i = 0; i < count; i += 1) {
      let start = 0;
      const first = predStart[i]!;
      const last = predStart[i + 1]!;
      if (alwaysActive) {
        // No choice anywhere: every step runs, and the S3 requests are counted once per sample below.
        for (let e = first; e < last; e += 1) {
          const arrival = finish[predFrom[e]!]! + predTransferMs[e]!;
          if (arrival > start) start = arrival;
        }
      } else {
        let isActive = first === last;
        for (let e = first; e < last; e += 1) {
          const from = predFrom[e]!;
          if (active[from] === 0) continue;
          if (kind[from] === CHOICE && chosen[from] !== i) continue;
          isActive = true;
          const arrival = finish[from]! + predTransferMs[e]!;
          if (arrival > start) start = arrival;
          totals[S3_PUTS] = totals[S3_PUTS]! + predS3Puts[e]!;
          totals[S3_GETS] = totals[S3_GETS]! + predS3Gets[e]!;
        }
        active[i] = isActive ? 1 : 0;
        if (!isActive) continue;
      }
      const k = kind[i]!;
      if (k === JOIN) {
        finish[i] = start;
        continue;
      }
      let durationMs = 0;
      totals[TRANSITIONS] = totals[TRANSITIONS]! + 1;
      if (k === TASK) {
        const d = draw[i]!;
        if (d === ONE_TABLE) {
          const u = uniformFrom(state);
          const len = lengthA[i]!;
          durationMs = weightA[i]! * ratios[offsetA[i]! + Math.min(len - 1, Math.floor(u * len))]!;
        } else if (d === TWO_TABLES) {
          const u = uniformFrom(state);
          const la = lengthA[i]!;
          const lb = lengthB[i]!;
          durationMs = weightA[i]! * ratios[offsetA[i]! + Math.min(la - 1, Math.floor(u * la))]! + weightB[i]! * ratios[offsetB[i]! + Math.min(lb - 1, Math.floor(u * lb))]!;
        } else {
          drawWarm(steps[i]!, rng, scratch);
          durationMs = scratch[0]!;
        }
        const isProvisioned = provisioned[i] === 1;
        let cold = false;
        if (!isProvisioned) {
          cold = uniformFrom(state) < coldProbability;
        }
        if (cold) {
          drawInit(w, i, rng, scratch);
          durationMs = durationMs * coldFactor[i]! + scratch[0]!;
        }
        const gbSeconds = (gbPerInvocation[i]! * (Math.ceil(durationMs / granularityMs) * granularityMs)) / 1000;
        // Summed in the order runStep's caller sums them, so totals match to the last bit.
        totals[COMPUTE_USD] = totals[COMPUTE_USD]! + (isProvisioned ? 0 : gbSeconds) * onDemandGbSecondUsd[i]!;
        if (isProvisioned && gbSeconds > 0) totals[COMPUTE_USD] = totals[COMPUTE_USD]! + gbSeconds * provisionedDurationGbSecondUsd[i]!;
        totals[INVOCATIONS] = totals[INVOCATIONS]! + 1;
      } else if (k === CHOICE) {
        chosen[i] = chooseBranch(steps[i]!, rng);
      } else {
        const step = steps[i]!;
        runGeneral(step, rng, run, scratch);
        durationMs = scratch[0]!;
        totals[COMPUTE_USD] = totals[COMPUTE_USD]! + scratch[1]!;
        if (scratch[2]! > 0) totals[COMPUTE_USD] = totals[COMPUTE_USD]! + scratch[2]!;
        totals[INVOCATIONS] = totals[INVOCATIONS]! + scratch[3]!;
        totals[TRANSITIONS] = totals[TRANSITIONS]! + scratch[4]!;
      }
      const done = start + transitionMs + durationMs;
      finish[i] = done;
      if (done > end) end = done;
    }
    latencies[sample] = end;
    totals[EXPRESS_BILLED_MS] = totals[EXPRESS_BILLED_MS]! + Math.ceil(end / expressBillingMs) * expressBillingMs;
  }
  return {
    computeUsd: totals[COMPUTE_USD]!,
    invocations: totals[INVOCATIONS]!,
    transitions: totals[TRANSITIONS]!,
    s3Puts: totals[S3_PUTS]!,
    s3Gets: totals[S3_GETS]!,
    expressBilledMs: totals[EXPRESS_BILLED_MS]!,
  };
}

function drawWarm(step: PlannedStep, rng: Rng, out: Float64Array): void {
  out[0] = step.sampleMs!(rng);
}

/** A plain task's init duration from the compiled tables: the same draw as its model's sampleInit. */
function drawInit(w: CompiledWorkflow, i: number, rng: SimRng, out: Float64Array): void {
  if (w.initKind[i] === INIT_TABLE) out[0] = w.ratios[w.initOffset[i]! + Math.floor(uniformFrom(rng.state) * w.initLength[i]!)]!;
  else out[0] = w.initMedianMs[i]! * Math.exp(w.initSigma[i]! * normalFrom(rng.state, rng.spare));
}

/**
 * A map or bundled task through runStep, into out: latency, the on-demand
 * compute dollars, the provisioned compute dollars, invocations, and the
 * extra state transitions (a map's iterations).
 */
function runGeneral(step: PlannedStep, rng: Rng, run: StepRun, out: Float64Array): void {
  runStep(step, rng, run);
  out[0] = run.latencyMs;
  out[1] = run.onDemandGbSeconds * step.onDemandGbSecondUsd;
  out[2] = run.provisionedGbSeconds > 0 ? run.provisionedGbSeconds * step.provisionedDurationGbSecondUsd : 0;
  out[3] = run.invocations;
  out[4] = step.node.kind === 'map' ? run.invocations : 0;
}

/** The successor a choice takes in this execution, by its branches' probabilities. */
function chooseBranch(step: PlannedStep, rng: Rng): number {
  const branches = step.branches!;
  const u = rng.next();
  let pick = branches.length - 1;
  for (let b = 0; b < branches.length; b += 1) {
    if (u < branches[b]!.cumulative) {
      pick = b;
      break;
    }
  }
  return branches[pick]!.to;
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
