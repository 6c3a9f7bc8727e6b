// The estimator: end-to-end latency distribution and expected cost per
// execution of a deployment, by seeded Monte Carlo over the DAG that will run
// (hand it the restructured IR for a non-series-parallel app).
//
// One sample is one execution. Steps run in topological order; a step starts
// when every active predecessor has finished and its data has arrived, and
// pays one Step Functions state transition. A choice takes one branch by its
// probability; steps reachable only through branches not taken are skipped,
// and a join waits only for what ran. A map draws its width, splits it into
// ⌈W/b⌉ invocations of b items (bundleSize), runs each invocation's items on
// its vCPU share (list scheduling on ⌊vcpu⌋ workers, or one slower worker
// below 1 vCPU), and runs the invocations at most `concurrency` at a time
// (the map's maxConcurrency, and Standard's inline-Map limit of 40).
// Cold starts: an invocation is cold with probability exp(−λ·T) — λ the
// executions per hour, T how long Lambda keeps an idle environment — unless
// provisioned concurrency (prewarm) covers it; a cold invocation adds an init
// duration, which Lambda bills. Data passes inline (transfer time at the
// inline rate) or through S3 (PUT + GET latency and throughput, and their
// request prices); an edge's default mode is inline when it fits the 256 KB
// state limit, else S3.
// Assumed, not modelled: durations of different invocations are independent
// given their sizes (no shared noisy neighbour, no correlated slow days);
// account concurrency and burst limits are not hit; the network between
// services adds the fixed overheads of src/model/platform.ts.
// Cost is the mean over samples, so with the same seed two deployments of
// the same IR are compared on the same random draws (common random numbers).
// Complexity: O(samples × (V + E + Σ map widths)).
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import { edgeKey, type Deployment } from '../ir/deployment.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import type { IR, StepNode, WidthDistribution } from '../ir/types.ts';
import { durationModel, type DurationModel, type Rng } from '../model/duration-model.ts';
import { LAMBDA_LIMITS, OVERHEADS, pricesFor, STEP_FUNCTIONS_LIMITS, vcpuForMemory } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { CostBreakdown, EstimateFn, EstimateSummary } from '../passes/estimator-port.ts';
import { createRng } from './random.ts';

export interface EstimateOptions {
  samples: number;
  seed: number;
  /** Traffic that decides how often environments are cold (default 60 executions per hour). */
  executionsPerHour?: number;
}

export const DEFAULT_EXECUTIONS_PER_HOUR = 60;
const EXPRESS_MIN_MEMORY_GB = 64 / 1024;
const EXPRESS_BILLING_MS = 100;

interface InEdge {
  from: number;
  transferMs: number;
}

interface PlannedStep {
  node: StepNode;
  inEdges: InEdge[];
  model?: DurationModel;
  /** Warm duration of one item at the configured memory. */
  sampleMs?: (rng: Rng) => number;
  memoryMb: number;
  gbPerInvocation: number;
  gbSecondUsd: number;
  bundleSize: number;
  concurrency: number;
  coldProbability: number;
  prewarm: number;
  /** For a choice: successor indices and cumulative probabilities. */
  branches?: Array<{ to: number; cumulative: number }>;
  s3Requests: { puts: number; gets: number };
}

export interface Estimate extends EstimateSummary {
  samples: number;
}

export function estimate(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): Estimate {
  const prices = pricesFor(ir.region);
  const order = topologicalOrder(ir);
  const index = new Map(order.map((id, i) => [id, i]));
  const lambda = Math.max(options.executionsPerHour ?? DEFAULT_EXECUTIONS_PER_HOUR, 0);
  const coldProbability = Math.exp((-lambda * OVERHEADS.idleEnvironmentLifetimeMs) / 3_600_000);
  const steps: PlannedStep[] = order.map((id) => planStep(ir, deployment, profiles, id, index, coldProbability, prices.lambdaGbSecondUsd));

  const rng = createRng(options.seed);
  const n = Math.max(1, Math.floor(options.samples));
  const latencies = new Float64Array(n);
  const finish = new Float64Array(steps.length);
  const active = new Uint8Array(steps.length);
  const chosen = new Int32Array(steps.length);
  let computeUsd = 0;
  let invocations = 0;
  let transitions = 0;
  let s3Puts = 0;
  let s3Gets = 0;
  let durationTotalMs = 0;

  for (let sample = 0; sample < n; sample += 1) {
    let end = 0;
    for (let i = 0; i < steps.length; i += 1) {
      const step = steps[i]!;
      let start = 0;
      let isActive = step.inEdges.length === 0;
      for (const edge of step.inEdges) {
        if (!active[edge.from]) continue;
        const from = steps[edge.from]!;
        if (from.branches && chosen[edge.from] !== i) continue;
        isActive = true;
        start = Math.max(start, finish[edge.from]! + edge.transferMs);
      }
      active[i] = isActive ? 1 : 0;
      if (!isActive) continue;
      let durationMs = 0;
      transitions += 1;
      if (step.branches) {
        const u = rng.next();
        chosen[i] = (step.branches.find((b) => u < b.cumulative) ?? step.branches[step.branches.length - 1]!).to;
      } else {
        const run = runStep(step, rng);
        durationMs = run.latencyMs;
        computeUsd += run.billedGbSeconds * step.gbSecondUsd;
        invocations += run.invocations;
        if (step.node.kind === 'map') transitions += run.invocations;
      }
      s3Puts += step.s3Requests.puts;
      s3Gets += step.s3Requests.gets;
      finish[i] = start + OVERHEADS.stepFunctionsTransitionMs + durationMs;
      if (finish[i]! > end) end = finish[i]!;
    }
    latencies[sample] = end;
    durationTotalMs += end;
  }

  latencies.sort();
  const at = (q: number) => latencies[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
  const breakdown: CostBreakdown = {
    lambdaComputeUsd: computeUsd / n,
    lambdaRequestsUsd: (invocations / n) * prices.lambdaRequestUsd,
    stepFunctionsUsd:
      deployment.orchestration === 'express'
        ? prices.expressRequestUsd + EXPRESS_MIN_MEMORY_GB * (Math.ceil(durationTotalMs / n / EXPRESS_BILLING_MS) * EXPRESS_BILLING_MS / 1000) * prices.expressGbSecondUsd
        : (transitions / n) * prices.standardTransitionUsd,
    s3Usd: (s3Puts / n) * prices.s3PutUsd + (s3Gets / n) * prices.s3GetUsd,
    provisionedConcurrencyUsd: 0,
  };
  const costUsd = breakdown.lambdaComputeUsd + breakdown.lambdaRequestsUsd + breakdown.stepFunctionsUsd + breakdown.s3Usd + breakdown.provisionedConcurrencyUsd;
  return { latencyMs: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: latencies[n - 1]! }, costUsd, breakdown, samples: n };
}

/** The estimator as the optimizer's EstimateFn: fixed samples and seed for every call. */
export function monteCarloEstimateFn(profiles: ReadonlyMap<string, FunctionProfile>, options: EstimateOptions): EstimateFn {
  return (ir, deployment) => estimate(ir, deployment, profiles, options);
}

function planStep(
  ir: IR,
  deployment: Deployment,
  profiles: ReadonlyMap<string, FunctionProfile>,
  id: string,
  index: ReadonlyMap<string, number>,
  coldProbability: number,
  gbSecondPrices: Record<string, number>,
): PlannedStep {
  const node = ir.graph.node(id);
  const stepDeployment = deployment.steps[id] ?? {};
  const inEdges: InEdge[] = [];
  const s3Requests = { puts: 0, gets: 0 };
  for (const pred of [...(ir.graph.predecessors(id) ?? [])].sort()) {
    const bytes = ir.graph.edge(pred, id).bytes;
    const mode = deployment.edges[edgeKey(pred, id)] ?? (bytes <= STEP_FUNCTIONS_LIMITS.statePayloadBytes ? 'inline' : 's3');
    const transferMs =
      mode === 'inline'
        ? (bytes / OVERHEADS.inlineBytesPerSecond) * 1000
        : OVERHEADS.s3PutMs + OVERHEADS.s3GetMs + ((2 * bytes) / OVERHEADS.s3BytesPerSecond) * 1000;
    if (mode === 's3') {
      s3Requests.puts += 1;
      s3Requests.gets += 1;
    }
    inEdges.push({ from: index.get(pred)!, transferMs });
  }
  const base = { node, inEdges, memoryMb: 0, gbPerInvocation: 0, gbSecondUsd: 0, bundleSize: 1, concurrency: Infinity, coldProbability, prewarm: stepDeployment.prewarm ?? 0, s3Requests };
  if (node.kind === 'choice') {
    let cumulative = 0;
    const branches = Object.entries(node.branchProbabilities)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([to, p]) => ({ to: index.get(to)!, cumulative: (cumulative += p) }));
    return { ...base, branches };
  }
  const config = deployment.functions[node.functionName];
  const profile = profiles.get(node.functionName);
  if (!config || !profile) throw new DagcUserError([modelDiagnostics.noProfileForArchitecture(node.functionName, config?.architecture ?? 'any')]);
  const model = durationModel(profile, config.architecture);
  if (!model) throw new DagcUserError([modelDiagnostics.noProfileForArchitecture(node.functionName, config.architecture)]);
  if (config.memoryMb < model.footprintMb) throw new DagcUserError([modelDiagnostics.memoryBelowFootprint(node.functionName, config.memoryMb, model.footprintMb)]);
  const mapLimit = deployment.orchestration === 'standard' ? STEP_FUNCTIONS_LIMITS.inlineMapConcurrency : Infinity;
  const concurrency = node.kind === 'map' ? Math.min(node.maxConcurrency > 0 ? node.maxConcurrency : Infinity, mapLimit) : Infinity;
  return {
    ...base,
    model,
    sampleMs: model.samplerAt(config.memoryMb),
    memoryMb: config.memoryMb,
    gbPerInvocation: config.memoryMb / 1024,
    gbSecondUsd: gbSecondPrices[config.architecture]!,
    bundleSize: Math.max(1, stepDeployment.bundleSize ?? 1),
    concurrency,
  };
}

/** One execution of a task or map step: its latency, the GB-seconds billed and the invocations made. */
function runStep(step: PlannedStep, rng: Rng): { latencyMs: number; billedGbSeconds: number; invocations: number } {
  if (step.node.kind === 'task' && step.bundleSize === 1) {
    // The common case, without the scheduling machinery.
    let durationMs = step.sampleMs!(rng);
    if (step.prewarm < 1 && rng.next() < step.coldProbability) durationMs += step.model!.sampleInit(rng);
    return { latencyMs: durationMs, billedGbSeconds: (step.gbPerInvocation * Math.ceil(durationMs / LAMBDA_LIMITS.billingGranularityMs) * LAMBDA_LIMITS.billingGranularityMs) / 1000, invocations: 1 };
  }
  const width = step.node.kind === 'map' ? sampleWidth(step.node.width, rng) : 1;
  const invocationCount = Math.ceil(width / step.bundleSize);
  const slots = Math.min(invocationCount, step.concurrency);
  const slotFree = new Array<number>(slots).fill(0);
  let billedGbSeconds = 0;
  let latencyMs = 0;
  for (let k = 0; k < invocationCount; k += 1) {
    const items = Math.min(step.bundleSize, width - k * step.bundleSize);
    let durationMs = bundleMakespanMs(step, items, rng);
    const cold = k >= step.prewarm && rng.next() < step.coldProbability;
    if (cold) durationMs += step.model!.sampleInit(rng);
    billedGbSeconds += step.gbPerInvocation * (Math.ceil(durationMs / LAMBDA_LIMITS.billingGranularityMs) * LAMBDA_LIMITS.billingGranularityMs) / 1000;
    // List scheduling: the invocation starts on the slot that frees first.
    let slot = 0;
    for (let s = 1; s < slots; s += 1) if (slotFree[s]! < slotFree[slot]!) slot = s;
    slotFree[slot] = slotFree[slot]! + durationMs;
    if (slotFree[slot]! > latencyMs) latencyMs = slotFree[slot]!;
  }
  return { latencyMs, billedGbSeconds, invocations: invocationCount };
}

/** b items in one invocation: ⌊vcpu⌋ workers at a full vCPU each, or one worker at the share below 1 vCPU. */
export function bundleMakespanMs(step: Pick<PlannedStep, 'model' | 'memoryMb' | 'sampleMs'>, items: number, rng: Rng): number {
  const vcpu = vcpuForMemory(step.memoryMb);
  if (items <= 1) return step.sampleMs ? step.sampleMs(rng) : step.model!.sample(step.memoryMb, rng);
  const workers = Math.max(1, Math.min(items, Math.floor(vcpu)));
  const perWorkerMemoryMb = workers === 1 ? step.memoryMb : (step.memoryMb / workers);
  const free = new Array<number>(workers).fill(0);
  let makespan = 0;
  for (let i = 0; i < items; i += 1) {
    let w = 0;
    for (let j = 1; j < workers; j += 1) if (free[j]! < free[w]!) w = j;
    free[w] = free[w]! + step.model!.sample(Math.max(perWorkerMemoryMb, LAMBDA_LIMITS.minMemoryMb), rng);
    if (free[w]! > makespan) makespan = free[w]!;
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
