// Everything about a step that does not change from one Monte Carlo sample
// to the next: its samplers at the deployed memory (and at each worker's
// share for bundles), its prices, its cold-start odds and its provisioned
// concurrency — what its own deployment decides (its in-edges' hops are the
// neighbours' business: s3-hops.ts). plan-workflow.ts plans every step of an
// estimate, reusing a step's plan while its deployment stays the same; the
// sampling loop (estimate.ts) then only draws numbers.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR, StepNode } from '../ir/types.ts';
import { maxWidth } from '../ir/width.ts';
import { durationModel, type DurationModel, type Rng } from '../model/duration-model.ts';
import { BATCH, mapConcurrencyLimit, OVERHEADS, vcpuForMemory, workerShareMb, type RegionPrices } from '../model/platform.ts';
import type { TablePart } from '../model/noise.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { HopContext } from './s3-hops.ts';
import type { EstimateSkeleton } from './estimate-skeleton.ts';

export interface PlannedStep {
  node: StepNode;
  /** For a choice: successor indices and cumulative probabilities, by successor id. */
  branches: Array<{ to: number; cumulative: number }> | undefined;
  model: DurationModel | undefined;
  /** One warm item at the deployed memory. */
  sampleMs: ((rng: Rng) => number) | undefined;
  /** The same draw as table lookups, when the model has one (DurationModel.tableDrawAt). */
  tableDraw: TablePart[] | undefined;
  /** workerSamplers[w]: one item on a worker of a bundle run by w workers (index 0 unused). */
  workerSamplers: Array<(rng: Rng) => number>;
  memoryMb: number;
  gbPerInvocation: number;
  onDemandGbSecondUsd: number;
  provisionedDurationGbSecondUsd: number;
  /** Keeping this step's provisioned concurrency (prewarm) warm for one hour. */
  provisionedHourlyUsd: number;
  bundleSize: number;
  /** Invocations in flight at once (map concurrency after platform limits). */
  concurrency: number;
  /** Cold odds of each invocation outside a cold wave (arrivals.ts). */
  coldProbability: number;
  /**
   * What a cold invocation's handler runs beyond its warm draw: (the model's cold factor − 1, measured; 0 if not)
   * × the warm median at the deployed memory, added once per invocation — the first call's one-time work (imports, connections) does not
   * scale with the invocation's noise.
   */
  coldExtraMs: number;
  /** Invocations of this step served by provisioned concurrency per execution. */
  prewarm: number;
  /** Scratch space for the map's list scheduling, sized for its widest draw (no allocation per sample). */
  slotFree: Float64Array;
  /** A warm-up ping (warmedBy) initialises this step's environments before it runs: its invocations are never cold. */
  neverCold: boolean;
  /** What the warm-up pings of one execution cost (requests and billed duration, a cold ping's init included). */
  pingComputeUsd: number;
  pingRequests: number;
  /** Set for an accelerator step run as an AWS Batch job: dispatch latency and the instance's price. */
  batch: { dispatchMedianMs: number; dispatchSigma: number; usdPerMs: number; minimumBilledMs: number } | undefined;
  /** Distributed Map: each invocation is an Express child execution, started this long before its Lambda and billed as Express. */
  childStartMs: number;
  distributed: boolean;
  /** Express prices a Distributed Map's child executions pay. */
  expressRequestUsd: number;
  expressGbSecondUsd: number;
  /** The mean of one warm invocation at the deployed memory: what the width-independent path of a very wide map bills. */
  meanWarmMs: number;
  /** The orchestration latencies this step draws from (dispatch-tables.ts), shared by every step of the estimate. */
  dispatch: Float64Array;
  /** A Parallel branch after the first of its fork: its first invocation starts a branch stagger later. */
  branchHead: boolean;
  /** Timed from its first handler's start (a trace's convention): the step's first dispatch and Init are not counted. */
  untimedStart: boolean;
  /** The dispatch tables (warm, cold) its first invocation and a map's later-wave invocations draw from, by kind (dispatch-kinds.ts). */
  firstDispatch: { warm: number; cold: number; isolatedCold: number };
  nextDispatch: { warm: number; cold: number; isolatedCold: number };
}

export interface PlanContext {
  ir: IR;
  deployment: Deployment;
  profiles: ReadonlyMap<string, FunctionProfile>;
  prices: RegionPrices;
  coldProbability: number;
  /** Cold odds of a warm-up ping: the mean over all executions, cold waves included (default coldProbability). */
  pingColdProbability?: number;
  /** How each edge's data moves (s3-hops.ts), with the estimate's own cache of which steps write to S3. */
  hops: HopContext;
  /** Duration models that do not come from a profile (fusion groups, by their function name). */
  models?: ReadonlyMap<string, DurationModel>;
  /** The orchestration latencies of the calibration and workflow type (dispatch-tables.ts). */
  dispatch: Float64Array;
  /** Entry steps (no predecessor) whose first dispatch and Init are not counted (EstimateOptions.timedFrom). */
  untimedEntries: boolean;
}

/**
 * The step at position i of the skeleton's order (estimate-skeleton.ts), as this deployment runs it. Its in-edges
 * are not part of it: their hops depend on the neighbours' deployment (s3-hops.ts workflowHops), the rest on the
 * step's own alone, so a plan can be reused while those stay the same (plan-workflow.ts).
 */
export function planStep(context: PlanContext, skeleton: EstimateSkeleton, i: number): PlannedStep {
  const { deployment, profiles, prices } = context;
  const { index } = skeleton;
  const id = skeleton.order[i]!;
  const node = skeleton.nodes[i]!;
  const stepDeployment = deployment.steps[id];
  const prewarm = Math.max(0, Math.floor(stepDeployment?.prewarm ?? 0));
  const branchHead = skeleton.branchHead[i] === 1;
  const untimedStart = context.untimedEntries && skeleton.predStart[i + 1] === skeleton.predStart[i];
  const tables = skeleton.tables[i]!;
  // Every step is one object literal of one shape (no spreads): the sampling loop reads them monomorphically,
  // and a 10k-step estimate builds 10k of them.
  if (node.kind === 'choice' || node.kind === 'join') {
    let branches: PlannedStep['branches'];
    if (node.kind === 'choice') {
      let cumulative = 0;
      branches = Object.entries(node.branchProbabilities)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([to, p]) => ({ to: index.get(to)!, cumulative: (cumulative += p) }));
    }
    return {
      node,
      branches,
      model: undefined,
      sampleMs: undefined,
      tableDraw: undefined,
      workerSamplers: NO_SAMPLERS,
      memoryMb: 0,
      gbPerInvocation: 0,
      onDemandGbSecondUsd: 0,
      provisionedDurationGbSecondUsd: 0,
      provisionedHourlyUsd: 0,
      bundleSize: 1,
      concurrency: Infinity,
      coldProbability: context.coldProbability,
      coldExtraMs: 0,
      prewarm,
      slotFree: NO_SLOTS,
      neverCold: false,
      pingComputeUsd: 0,
      pingRequests: 0,
      batch: undefined,
      childStartMs: 0,
      distributed: false,
      expressRequestUsd: 0,
      expressGbSecondUsd: 0,
      meanWarmMs: 0,
      dispatch: context.dispatch,
      branchHead,
      untimedStart,
      firstDispatch: tables.first,
      nextDispatch: tables.next,
    };
  }
  const config = deployment.functions[node.functionName];
  const override = context.models?.get(node.functionName);
  const profile = profiles.get(node.functionName);
  if (!config || (!profile && !override)) throw new DagcUserError([modelDiagnostics.noProfileForArchitecture(node.functionName, config?.architecture ?? 'any')]);
  const model = override ?? durationModel(profile!, config.architecture);
  if (!model) throw new DagcUserError([modelDiagnostics.noProfileForArchitecture(node.functionName, config.architecture)]);
  if (config.memoryMb < model.footprintMb) throw new DagcUserError([modelDiagnostics.memoryBelowFootprint(node.functionName, config.memoryMb, model.footprintMb)]);
  const bundleSize = Math.max(1, Math.floor(stepDeployment?.bundleSize ?? 1));
  // Inline Map runs at most 40 iterations at once in either workflow type; a Distributed Map up to 10,000 child executions.
  const distributed = node.kind === 'map' && stepDeployment?.map?.mode === 'distributed';
  const modeLimit = mapConcurrencyLimit(distributed);
  const deployed = stepDeployment?.map?.maxConcurrency ?? 0;
  const requested = deployed > 0 ? deployed : node.kind === 'map' ? node.maxConcurrency : 0;
  const concurrency = node.kind === 'map' ? Math.min(requested > 0 ? requested : Infinity, modeLimit) : Infinity;
  const batch = config.batch ? batchPlan(config.batch.instanceType) : undefined;
  // Only runStep's scheduling (maps, bundles, Batch jobs) runs items on workers and uses slots; a plain task shares the empty ones.
  const scheduled = node.kind === 'map' || bundleSize > 1 || batch !== undefined;
  const invocationsAtMost = node.kind === 'map' ? Math.ceil(maxWidth(node.width) / bundleSize) : 1;
  const neverCold = stepDeployment?.warmedBy !== undefined;
  // One ping per environment the step will need: its invocations in flight at once.
  const pings = neverCold ? Math.min(invocationsAtMost, concurrency) : 0;
  const gb = config.memoryMb / 1024;
  const gbSecondUsd = prices.lambdaGbSecondUsd[config.architecture];
  const coldInitMs = model.fit.initMs;
  const pingComputeUsd = pings * gb * ((OVERHEADS.warmupPingBilledMs + (context.pingColdProbability ?? context.coldProbability) * coldInitMs) / 1000) * gbSecondUsd;
  return {
    node,
    branches: undefined,
    model,
    sampleMs: model.samplerAt(config.memoryMb),
    tableDraw: model.tableDrawAt(config.memoryMb),
    workerSamplers: scheduled ? workerSamplers(model, config.memoryMb) : NO_SAMPLERS,
    memoryMb: config.memoryMb,
    gbPerInvocation: config.memoryMb / 1024,
    onDemandGbSecondUsd: prices.lambdaGbSecondUsd[config.architecture],
    provisionedDurationGbSecondUsd: prices.provisionedDurationGbSecondUsd[config.architecture],
    provisionedHourlyUsd: prewarm * (config.memoryMb / 1024) * 3600 * prices.provisionedGbSecondUsd[config.architecture],
    bundleSize,
    concurrency,
    coldProbability: context.coldProbability,
    coldExtraMs: (model.coldFactor(config.memoryMb) - 1) * model.medianMs(config.memoryMb),
    prewarm,
    slotFree: scheduled ? new Float64Array(Math.max(1, Math.min(invocationsAtMost, concurrency, WIDE_MAP_INVOCATIONS))) : NO_SLOTS,
    neverCold,
    pingComputeUsd,
    pingRequests: pings,
    batch,
    childStartMs: distributed ? OVERHEADS.distributedChildStartMs : 0,
    distributed,
    expressRequestUsd: prices.expressRequestUsd,
    expressGbSecondUsd: prices.expressGbSecondUsd,
    meanWarmMs: invocationsAtMost > WIDE_MAP_INVOCATIONS ? meanOf(model, config.memoryMb) : 0,
    dispatch: context.dispatch,
    branchHead,
    untimedStart,
    firstDispatch: tables.first,
    nextDispatch: tables.next,
  };
}

/**
 * Above this many invocations in one execution, a map is drawn in time
 * independent of its width (sample-executions.ts, runWideMap): a wave's
 * maximum as one order-statistic draw, the bill as its expectation.
 */
export const WIDE_MAP_INVOCATIONS = 2048;

/** The mean of one warm invocation, from its quantile function at evenly spaced levels. */
function meanOf(model: DurationModel, memoryMb: number): number {
  const levels = 64;
  let sum = 0;
  for (let k = 0; k < levels; k += 1) sum += model.quantile(memoryMb, (k + 0.5) / levels);
  return sum / levels;
}

function batchPlan(instanceType: string): PlannedStep['batch'] {
  const instance = BATCH.instanceTypes[instanceType];
  if (!instance) throw new Error(`unknown Batch instance type '${instanceType}' (a dagc bug: the accelerator pass picks from BATCH.instanceTypes)`);
  return { dispatchMedianMs: BATCH.warmDispatchMedianMs, dispatchSigma: BATCH.dispatchSigma, usdPerMs: instance.hourlyUsd / 3_600_000, minimumBilledMs: BATCH.minimumBilledMs };
}

const NO_SAMPLERS: Array<(rng: Rng) => number> = [];
const NO_SLOTS = new Float64Array(0);

/**
 * A bundle of b items on ⌊vcpu⌋ workers: each worker gets an equal share of
 * the function's memory (so of its vCPU); one worker below 1 vCPU runs the
 * items one after another at the full memory.
 */
export function workerSamplers(model: DurationModel, memoryMb: number): Array<(rng: Rng) => number> {
  const most = Math.max(1, Math.floor(vcpuForMemory(memoryMb)));
  const samplers: Array<(rng: Rng) => number> = [() => NaN];
  for (let w = 1; w <= most; w += 1) samplers.push(model.samplerAt(workerShareMb(memoryMb, w)));
  return samplers;
}
