// The estimator's hot loop: a number of executions of a compiled workflow
// (compiled-workflow.ts) drawn from one generator, each execution's
// end-to-end latency written out and its billing summed. estimate.ts splits
// its samples into chunks (sample-chunks.ts), each with a generator of its
// own, and runs this once per chunk — on the main thread, or on the sampling
// pool's helper thread for workflows that need no closure (plain tasks drawn
// from tables and joins), so the numbers do not depend on which thread ran
// which chunk. Cold starts: an execution the chunk's caller marks as in a
// cold wave (arrivals.ts; by its index in the estimate) runs every invocation
// cold; the others draw theirs at the independent odds, as before.
// Complexity: O(samples × (V + E + Σ map widths × bundle workers)); no
// allocation per sample.
import type { Rng } from '../model/duration-model.ts';
import type { WidthDistribution } from '../ir/types.ts';
import { billedDurationMs, LAMBDA_LIMITS, STEP_FUNCTIONS_LIMITS, workerShareMb, workersFor } from '../model/platform.ts';
import { BRANCH_COLD, BRANCH_WARM, DISPATCH_TABLE_SIZE, drawDispatchMs, MAP_COLD, MAP_WARM } from './dispatch-tables.ts';
import { INIT_TABLE, DRAW_CLOSURE, DRAW_TWO_TABLES, STEP_CHOICE, STEP_JOIN, STEP_TASK, type CompiledWorkflow } from './compiled-workflow.ts';
import { WIDE_MAP_INVOCATIONS, type PlannedStep } from './plan-steps.ts';
import { inColdWave } from './arrivals.ts';
import { normalFrom, uniformFrom, type SimRng } from './random.ts';

const EXPRESS_BILLING_MS = STEP_FUNCTIONS_LIMITS.expressBillingGranularityMs;

/** What one step's execution produced: written by runStep, read at once (one object for the whole estimate). */
interface StepRun {
  latencyMs: number;
  onDemandGbSeconds: number;
  provisionedGbSeconds: number;
  invocations: number;
  /** Batch instance dollars (accelerator steps). */
  batchUsd: number;
  /** Step Functions dollars beyond transitions: a Distributed Map's Express child executions. */
  childExecutionsUsd: number;
}

export interface SampleTotals {
  computeUsd: number;
  invocations: number;
  transitions: number;
  s3Puts: number;
  s3Gets: number;
  expressBilledMs: number;
  batchUsd: number;
  childExecutionsUsd: number;
}

/** Executions simulated side by side: each step's row of per-execution finish times is this long (see sampleExecutions). */
const SAMPLE_BLOCK = 64;

/**
 * The hot loop: latencies.length executions over the compiled workflow,
 * each execution's end-to-end latency into `latencies`, billing summed.
 * Executions run in blocks of SAMPLE_BLOCK, step by step: one step's
 * parameters are read once for the whole block, its predecessors' finish
 * times are contiguous rows, and its tables stay in cache while the block
 * draws from them — so the loop's memory reads are sequential instead of
 * one scattered read per step per execution. Plain tasks run in
 * runPlainTask, everything else through runStep. Memory: O(V × block).
 */
export function sampleExecutions(w: CompiledWorkflow, rng: SimRng, coldProbability: number, latencies: Float64Array, coldWaveShare = 0, firstIndex = 0): SampleTotals {
  const { steps, kind, predStart, predFrom, predTransferMs, predS3Puts, predS3Gets, provisioned } = w;
  const count = kind.length;
  const n = latencies.length;
  const block = Math.min(SAMPLE_BLOCK, n);
  // Imported bindings are module-namespace reads under the loader; locals keep the loop's reads plain.
  const TASK = STEP_TASK;
  const CHOICE = STEP_CHOICE;
  const JOIN = STEP_JOIN;
  const expressBillingMs = EXPRESS_BILLING_MS;
  const alwaysActive = !kind.includes(CHOICE);
  // Row-major [step][execution in block]; the choice bookkeeping only when there is a choice.
  const finish = finishRows(count * block);
  const active = alwaysActive ? new Uint8Array(0) : new Uint8Array(count * block);
  const chosen = alwaysActive ? new Int32Array(0) : new Int32Array(count * block);
  const starts = new Float64Array(block);
  const ends = new Float64Array(block);
  // Cold waves (arrivals.ts): 1 for an execution of the block whose invocations are all cold together; none to mark without waves.
  const hasWaves = coldWaveShare > 0;
  const waves = hasWaves ? new Uint8Array(block) : NO_WAVES;
  const run: StepRun = { latencyMs: 0, onDemandGbSeconds: 0, provisionedGbSeconds: 0, invocations: 0, batchUsd: 0, childExecutionsUsd: 0 };
  // What the rare paths (closures, maps, bundles) return comes back through a Float64Array: a number
  // returned from a call is a tagged value, and merging it into the loop's doubles would box them all.
  const scratch = new Float64Array(7);
  // Totals live in a Float64Array: let-bound doubles updated in the OSR-compiled loop were boxed, one allocation per update.
  const totals = new Float64Array(8);
  const COMPUTE_USD = 0, INVOCATIONS = 1, TRANSITIONS = 2, S3_PUTS = 3, S3_GETS = 4, EXPRESS_BILLED_MS = 5, BATCH_USD = 6, CHILD_EXECUTIONS_USD = 7;
  // Without a choice every step runs in every execution: S3 requests, transitions and plain tasks' invocations are per-execution constants.
  let putsPerSample = 0;
  let getsPerSample = 0;
  let tasksPerSample = 0;
  if (alwaysActive) {
    for (let e = 0; e < predS3Puts.length; e += 1) putsPerSample += predS3Puts[e]!;
    for (let e = 0; e < predS3Gets.length; e += 1) getsPerSample += predS3Gets[e]!;
    for (let i = 0; i < count; i += 1) if (kind[i] === TASK) tasksPerSample += 1;
  }
  // A plain task's billed milliseconds, summed per step over the executions: whole numbers, so the sums are
  // exact in any order, and the dollars are one multiplication per step at the end instead of one per draw.
  const billedOnDemandMs = new Float64Array(count);
  const billedProvisionedMs = new Float64Array(count);
  // Cold starts of plain tasks as a Bernoulli process over their invocations in sampling order: the gap to
  // the next cold one is geometric, so a warm invocation costs a counter decrement instead of a uniform draw.
  // The count lives in a typed-array cell that runPlainTask carries from step to step.
  const cells = new Float64Array(1);
  cells[UNTIL_COLD] = coldGap(rng, coldProbability);

  for (let base = 0; base < n; base += block) {
    const m = Math.min(block, n - base);
    ends.fill(0);
    if (hasWaves) for (let s = 0; s < m; s += 1) waves[s] = inColdWave(firstIndex + base + s, coldWaveShare) ? 1 : 0;
    for (let i = 0; i < count; i += 1) {
      const row = i * block;
      const first = predStart[i]!;
      const last = predStart[i + 1]!;
      const k = kind[i]!;
      starts.fill(0);
      if (alwaysActive) {
        for (let e = first; e < last; e += 1) {
          const from = predFrom[e]! * block;
          const transferMs = predTransferMs[e]!;
          for (let s = 0; s < m; s += 1) {
            const arrival = finish[from + s]! + transferMs;
            if (arrival > starts[s]!) starts[s] = arrival;
          }
        }
      } else {
        // A step runs in an execution when a predecessor ran and, if that predecessor is a choice, chose it.
        for (let s = 0; s < m; s += 1) {
          let isActive = first === last;
          let start = 0;
          for (let e = first; e < last; e += 1) {
            const from = predFrom[e]!;
            if (active[from * block + s] === 0) continue;
            if (kind[from] === CHOICE && chosen[from * block + s] !== i) continue;
            isActive = true;
            const arrival = finish[from * block + s]! + predTransferMs[e]!;
            if (arrival > start) start = arrival;
            totals[S3_PUTS] = totals[S3_PUTS]! + predS3Puts[e]!;
            totals[S3_GETS] = totals[S3_GETS]! + predS3Gets[e]!;
          }
          active[row + s] = isActive ? 1 : 0;
          starts[s] = start;
        }
      }
      if (k === JOIN) {
        for (let s = 0; s < m; s += 1) finish[row + s] = starts[s]!;
        continue;
      }
      if (k === TASK) {
        const runs = runPlainTask(w, i, row, m, rng, coldProbability, cells, starts, ends, finish, provisioned[i] === 1 ? billedProvisionedMs : billedOnDemandMs, alwaysActive ? undefined : active, hasWaves ? waves : undefined);
        if (!alwaysActive) {
          totals[TRANSITIONS] = totals[TRANSITIONS]! + runs;
          totals[INVOCATIONS] = totals[INVOCATIONS]! + runs;
        }
        continue;
      }
      // A choice (a transition, no duration), a map or a bundled task.
      for (let s = 0; s < m; s += 1) {
        if (!alwaysActive && active[row + s] === 0) continue;
        totals[TRANSITIONS] = totals[TRANSITIONS]! + 1;
        let durationMs = 0;
        if (k === CHOICE) {
          chosen[row + s] = chooseBranch(steps[i]!, rng);
        } else {
          runGeneral(steps[i]!, rng, run, scratch, hasWaves && waves[s] === 1);
          durationMs = scratch[0]!;
          totals[COMPUTE_USD] = totals[COMPUTE_USD]! + scratch[1]!;
          if (scratch[2]! > 0) totals[COMPUTE_USD] = totals[COMPUTE_USD]! + scratch[2]!;
          totals[INVOCATIONS] = totals[INVOCATIONS]! + scratch[3]!;
          totals[TRANSITIONS] = totals[TRANSITIONS]! + scratch[4]!;
          if (scratch[5]! > 0) totals[BATCH_USD] = totals[BATCH_USD]! + scratch[5]!;
          if (scratch[6]! > 0) totals[CHILD_EXECUTIONS_USD] = totals[CHILD_EXECUTIONS_USD]! + scratch[6]!;
        }
        // A map's, a bundle's or a Batch job's duration includes its dispatch (runStep); a Choice adds none of its
        // own: the gap from one handler's end to the next one's start, Choices between them included, is the next Task's dispatch.
        const done = starts[s]! + durationMs;
        finish[row + s] = done;
        if (done > ends[s]!) ends[s] = done;
      }
    }
    for (let s = 0; s < m; s += 1) {
      const end = ends[s]!;
      latencies[base + s] = end;
      totals[EXPRESS_BILLED_MS] = totals[EXPRESS_BILLED_MS]! + Math.ceil(end / expressBillingMs) * expressBillingMs;
    }
    totals[S3_PUTS] = totals[S3_PUTS]! + putsPerSample * m;
    totals[S3_GETS] = totals[S3_GETS]! + getsPerSample * m;
    totals[TRANSITIONS] = totals[TRANSITIONS]! + tasksPerSample * m;
    totals[INVOCATIONS] = totals[INVOCATIONS]! + tasksPerSample * m;
  }
  return finishTotals(w, billedOnDemandMs, billedProvisionedMs, totals);
}

/**
 * The plain tasks' billed milliseconds in dollars, added to the totals. Apart
 * from the sampling loop because this code first runs after it: in the same
 * function, the loop's on-stack-replaced code would reach it with no type
 * feedback, be thrown away, and the next chunk would start interpreted again.
 */
function finishTotals(w: CompiledWorkflow, billedOnDemandMs: Float64Array, billedProvisionedMs: Float64Array, totals: Float64Array): SampleTotals {
  const { gbPerInvocation, onDemandGbSecondUsd, provisionedDurationGbSecondUsd } = w;
  let computeUsd = totals[0]!;
  for (let i = 0; i < billedOnDemandMs.length; i += 1) {
    if (billedOnDemandMs[i]! > 0) computeUsd += ((gbPerInvocation[i]! * billedOnDemandMs[i]!) / 1000) * onDemandGbSecondUsd[i]!;
    if (billedProvisionedMs[i]! > 0) computeUsd += ((gbPerInvocation[i]! * billedProvisionedMs[i]!) / 1000) * provisionedDurationGbSecondUsd[i]!;
  }
  return { computeUsd, invocations: totals[1]!, transitions: totals[2]!, s3Puts: totals[3]!, s3Gets: totals[4]!, expressBilledMs: totals[5]!, batchUsd: totals[6]!, childExecutionsUsd: totals[7]! };
}

const UNTIL_COLD = 0;
const NO_WAVES = new Uint8Array(0);

let finishScratch = new Float64Array(0);

/**
 * The block's finish-time rows, reused from call to call (a 10k-step workflow's are 5 MB, one per chunk):
 * every cell a step reads was written earlier in the same block, so what a previous call left is never seen.
 */
function finishRows(length: number): Float64Array {
  if (finishScratch.length < length) finishScratch = new Float64Array(length);
  return finishScratch;
}

/**
 * The common step on its own: a plain task, in every execution of the block
 * that runs it (all of them, or those `active` marks); returns how many ran.
 * Its warm duration is drawn from one table or two (a size between two
 * measured ones), or by its closure when its noise is lognormal. A function of
 * its own is compiled whole rather than on-stack-replaced, so its locals stay
 * unboxed doubles.
 */
function runPlainTask(
  w: CompiledWorkflow,
  i: number,
  row: number,
  m: number,
  rng: SimRng,
  coldProbability: number,
  cells: Float64Array,
  starts: Float64Array,
  ends: Float64Array,
  finish: Float64Array,
  billed: Float64Array,
  active: Uint8Array | undefined,
  waves: Uint8Array | undefined,
): number {
  const state = rng.state;
  const ratios = w.ratios;
  const byClosure = w.draw[i] === DRAW_CLOSURE;
  const twoTables = w.draw[i] === DRAW_TWO_TABLES;
  const weight = w.weightA[i]!;
  const offset = w.offsetA[i]!;
  const length = w.lengthA[i]!;
  const weightB = w.weightB[i]!;
  const offsetB = w.offsetB[i]!;
  const lengthB = w.lengthB[i]!;
  const isNeverCold = w.neverCold[i] === 1;
  const dispatch = w.dispatch;
  const isBranchHead = w.branchHead[i] === 1;
  const isUntimed = w.untimedStart[i] === 1;
  const warmAt = w.firstWarmAt[i]!;
  const coldAt = w.firstColdAt[i]!;
  const isolatedColdAt = w.firstIsolatedColdAt[i]!;
  const granularityMs = LAMBDA_LIMITS.billingGranularityMs;
  // Lambda bills by the millisecond: ⌈d / 1⌉ · 1 is ⌈d⌉ exactly (both operations exact by 1), without a division per draw.
  const byTheMillisecond = granularityMs === 1;
  let untilCold = cells[UNTIL_COLD]!;
  let billedMs = 0;
  let runs = 0;
  // The generator's words in int32 locals for the loop (uniformFrom's arithmetic written out), back in its
  // state around every other draw (a closure's, a cold start's): the same stream, without four loads and four
  // stores per table draw.
  let a = state[0]! | 0;
  let b = state[1]! | 0;
  let c = state[2]! | 0;
  let d = state[3]! | 0;
  for (let s = 0; s < m; s += 1) {
    if (active !== undefined && active[row + s] === 0) continue;
    runs += 1;
    let durationMs = 0;
    if (byClosure) {
      state[0] = a;
      state[1] = b;
      state[2] = c;
      state[3] = d;
      durationMs = w.steps[i]!.sampleMs!(rng);
      a = state[0]! | 0;
      b = state[1]! | 0;
      c = state[2]! | 0;
      d = state[3]! | 0;
    } else {
      const t = (a + b + d) >>> 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const u = t / 4294967296;
      // `| 0` is Math.floor for a table index (non-negative, below 2^31) and keeps it an int32 (a third faster here).
      // A lognormal table's ratios are stored exponentiated (table-arena.ts): a lookup, no exp per draw.
      durationMs = weight * ratios[offset + Math.min(length - 1, (u * length) | 0)]!;
      if (twoTables) durationMs += weightB * ratios[offsetB + Math.min(lengthB - 1, (u * lengthB) | 0)]!;
    }
    let cold = false;
    let isolated = false;
    let initMs = 0;
    if (!isNeverCold) {
      // A cold wave's execution is cold here without touching the count of the independent draws' gaps.
      const inWave = waves !== undefined && waves[s] === 1;
      if (inWave || untilCold === 0) {
        isolated = !inWave;
        state[0] = a;
        state[1] = b;
        state[2] = c;
        state[3] = d;
        const scratch = coldScratch;
        drawInit(w, i, rng, scratch);
        cold = true;
        initMs = scratch[0]!;
        durationMs = durationMs + w.coldExtraMs[i]! + initMs;
        if (!inWave) untilCold = coldGap(rng, coldProbability);
        a = state[0]! | 0;
        b = state[1]! | 0;
        c = state[2]! | 0;
        d = state[3]! | 0;
      } else {
        untilCold -= 1;
      }
    }
    billedMs += byTheMillisecond ? Math.ceil(durationMs) : Math.ceil(durationMs / granularityMs) * granularityMs;
    // The Task's dispatch of its kind (and a later Parallel branch's stagger), by whether this invocation is cold and,
    // cold, whether alone (isolated: the warm stagger) or in a wave: table draws.
    let dispatchMs = 0;
    if (isUntimed) {
      durationMs -= initMs;
    } else {
      const t = (a + b + d) >>> 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      dispatchMs = dispatch[(cold ? (isolated ? isolatedColdAt : coldAt) : warmAt) + (((t / 4294967296) * DISPATCH_N) | 0)]!;
      if (isBranchHead) {
        const t2 = (a + b + d) >>> 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (((c << 21) | (c >>> 11)) + t2) | 0;
        dispatchMs += dispatch[(cold && !isolated ? BRANCH_COLD_AT : BRANCH_WARM_AT) + (((t2 / 4294967296) * DISPATCH_N) | 0)]!;
      }
    }
    const done = starts[s]! + dispatchMs + durationMs;
    finish[row + s] = done;
    if (done > ends[s]!) ends[s] = done;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
  cells[UNTIL_COLD] = untilCold;
  billed[i] = billed[i]! + billedMs;
  return runs;
}

const coldScratch = new Float64Array(1);

const DISPATCH_N = DISPATCH_TABLE_SIZE;
const BRANCH_WARM_AT = BRANCH_WARM * DISPATCH_TABLE_SIZE;
const BRANCH_COLD_AT = BRANCH_COLD * DISPATCH_TABLE_SIZE;

/** Plain-task invocations until the next cold one, geometric with the cold probability (one uniform draw). */
function coldGap(rng: SimRng, coldProbability: number): number {
  if (coldProbability >= 1) return 0;
  if (coldProbability <= 0) return Infinity;
  return Math.floor(Math.log(1 - uniformFrom(rng.state)) / Math.log1p(-coldProbability));
}

/** A plain task's init duration from the compiled tables: the same draw as its model's sampleInit. */
function drawInit(w: CompiledWorkflow, i: number, rng: SimRng, out: Float64Array): void {
  if (w.initKind[i] === INIT_TABLE) out[0] = w.ratios[w.initOffset[i]! + ((uniformFrom(rng.state) * w.initLength[i]!) | 0)]!;
  else out[0] = w.initMedianMs[i]! * Math.exp(w.initSigma[i]! * normalFrom(rng.state, rng.spare));
}

/**
 * A map or bundled task through runStep, into out: latency, the on-demand
 * compute dollars, the provisioned compute dollars, invocations, and the
 * extra state transitions (a map's iterations).
 */
function runGeneral(step: PlannedStep, rng: Rng, run: StepRun, out: Float64Array, inWave: boolean): void {
  runStep(step, rng, run, inWave);
  out[0] = run.latencyMs;
  out[1] = run.onDemandGbSeconds * step.onDemandGbSecondUsd;
  out[2] = run.provisionedGbSeconds > 0 ? run.provisionedGbSeconds * step.provisionedDurationGbSecondUsd : 0;
  out[3] = run.invocations;
  out[4] = step.node.kind === 'map' ? run.invocations : 0;
  out[5] = run.batchUsd;
  out[6] = run.childExecutionsUsd;
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

/**
 * One execution of a map, a bundled task or a Batch job into `run`: its latency, the GB-seconds billed (on demand / provisioned), the invocations made.
 * In a cold wave the invocations in flight at first (one per slot) start cold and the later ones reuse their environments.
 */
function runStep(step: PlannedStep, rng: Rng, run: StepRun, inWave: boolean): void {
  run.provisionedGbSeconds = 0;
  run.batchUsd = 0;
  run.childExecutionsUsd = 0;
  if (step.batch !== undefined) {
    runBatchJob(step, rng, run);
    return;
  }
  const width = step.node.kind === 'map' ? sampleWidth(step.node.width, rng) : 1;
  const invocationCount = Math.ceil(width / step.bundleSize);
  if (invocationCount > WIDE_MAP_INVOCATIONS) {
    runWideMap(step, rng, run, width, invocationCount, inWave);
    return;
  }
  const slots = Math.min(invocationCount, step.concurrency);
  const slotFree = step.slotFree;
  slotFree.fill(0, 0, slots);
  let onDemandGbSeconds = 0;
  let provisionedGbSeconds = 0;
  let childExecutionsUsd = 0;
  let latencyMs = 0;
  const dispatch = step.dispatch;
  let firstDispatchMs = 0;
  for (let k = 0; k < invocationCount; k += 1) {
    const items = Math.min(step.bundleSize, width - k * step.bundleSize);
    let durationMs = items <= 1 ? step.sampleMs!(rng) : bundleMakespanMs(step, items, rng);
    const provisioned = k < step.prewarm;
    let cold = false;
    let initMs = 0;
    if (!provisioned && !step.neverCold && (inWave ? k < slots : rng.next() < step.coldProbability)) {
      cold = true;
      // Outside a wave a cold invocation is placed alone: the isolated cold dispatch, the warm staggers.
      initMs = step.model!.sampleInit(rng);
      durationMs = durationMs + step.coldExtraMs + initMs;
    }
    if (provisioned) provisionedGbSeconds += (step.gbPerInvocation * billedDurationMs(durationMs)) / 1000;
    else onDemandGbSeconds += (step.gbPerInvocation * billedDurationMs(durationMs)) / 1000;
    if (step.distributed) {
      // The child execution starts before its Lambda and is billed as an Express execution of its own.
      durationMs += step.childStartMs;
      childExecutionsUsd += expressExecutionUsd(step, durationMs);
    }
    // Orchestration: the state's first invocation after its Task dispatch of its kind (a map's first item; a later
    // Parallel branch's stagger on top); the rest of the first wave a Map item's stagger after it; a later wave's
    // invocation, started when a slot frees, a dispatch of its own (a map's next item: a loop's next iteration).
    let offsetMs: number;
    if (k === 0) {
      if (step.untimedStart) {
        offsetMs = 0;
        durationMs -= initMs;
      } else {
        offsetMs = drawDispatchMs(dispatch, cold ? (inWave ? step.firstDispatch.cold : step.firstDispatch.isolatedCold) : step.firstDispatch.warm, rng.next());
        if (step.branchHead) offsetMs += drawDispatchMs(dispatch, cold && inWave ? BRANCH_COLD : BRANCH_WARM, rng.next());
      }
      firstDispatchMs = offsetMs;
    } else if (k < slots) {
      offsetMs = firstDispatchMs + drawDispatchMs(dispatch, cold && inWave ? MAP_COLD : MAP_WARM, rng.next());
    } else {
      offsetMs = drawDispatchMs(dispatch, cold ? (inWave ? step.nextDispatch.cold : step.nextDispatch.isolatedCold) : step.nextDispatch.warm, rng.next());
    }
    // List scheduling: the invocation starts on the slot that frees first.
    let slot = 0;
    for (let s = 1; s < slots; s += 1) if (slotFree[s]! < slotFree[slot]!) slot = s;
    slotFree[slot] = slotFree[slot]! + offsetMs + durationMs;
    if (slotFree[slot]! > latencyMs) latencyMs = slotFree[slot]!;
  }
  run.latencyMs = latencyMs;
  run.onDemandGbSeconds = onDemandGbSeconds;
  run.provisionedGbSeconds = provisionedGbSeconds;
  run.invocations = invocationCount;
  run.childExecutionsUsd = childExecutionsUsd;
}

/** Express billing of one child execution: its request and 64 MB for its duration rounded up to 100 ms. */
function expressExecutionUsd(step: PlannedStep, durationMs: number): number {
  return step.expressRequestUsd + EXPRESS_GB * ((Math.ceil(durationMs / EXPRESS_BILLING_MS) * EXPRESS_BILLING_MS) / 1000) * step.expressGbSecondUsd;
}

const EXPRESS_GB = STEP_FUNCTIONS_LIMITS.expressMemoryChunkMb / 1024;

/**
 * An accelerator step as an AWS Batch job: dispatch (submit to running, plus
 * submitJob.sync's completion polling) then the job; the instance is billed
 * per second with EC2's minimum. No Lambda invocation.
 */
function runBatchJob(step: PlannedStep, rng: Rng, run: StepRun): void {
  const batch = step.batch!;
  const dispatchMs = batch.dispatchMedianMs * Math.exp(batch.dispatchSigma * rng.normal());
  const jobMs = step.sampleMs!(rng);
  // The Task state's own dispatch (Step Functions → submitJob) before Batch's.
  const stateMs = step.untimedStart ? 0 : drawDispatchMs(step.dispatch, step.firstDispatch.warm, rng.next());
  run.latencyMs = stateMs + dispatchMs + jobMs;
  run.batchUsd = Math.max(jobMs, batch.minimumBilledMs) * batch.usdPerMs;
  run.onDemandGbSeconds = 0;
  run.invocations = 0;
}

/**
 * A map too wide to draw invocation by invocation (a Distributed Map over
 * hundreds of thousands of items), in time independent of its width: the
 * invocations run in ⌈n/c⌉ waves of c; a wave's latency is the maximum of c
 * invocations, drawn as one order statistic — the invocation quantile at level
 * U^(1/c) — and, when at least one of the wave's invocations is cold (odds
 * 1 − (1 − p)^c), as the larger of that and one cold invocation (its isolated
 * cold dispatch, Init and slowdown). Dispatches are drawn by kind, as the
 * narrow path draws them (dispatch-kinds.ts): the first wave's is the state's
 * first, a later wave's a map's next item. In a cold wave of executions
 * (arrivals.ts) the first wave is all cold: the order statistic plus the cold
 * excess and one init, after the first item's cold dispatch. A bundle's
 * makespan at a level is its items per worker times the item quantile at the
 * worker's share (all items at the same level: the pessimistic side). The bill
 * is its expectation: n invocations of the mean warm duration, cold ones' init
 * and slowdown at their rate; provisioned invocations at their price. Past
 * WIDE_WAVES waves (an Inline Map of a million items runs 25,000 of 40) the
 * waves' sum is drawn as a normal with the mean and variance of one wave.
 */
/** Past this many waves a wide map's waves are summed by their mean and variance instead of one by one. */
const WIDE_WAVES = 32;

function runWideMap(step: PlannedStep, rng: Rng, run: StepRun, width: number, invocations: number, inWave: boolean): void {
  const model = step.model!;
  const concurrency = Math.min(invocations, step.concurrency);
  const waves = Math.ceil(invocations / concurrency);
  const workers = workersFor(step.bundleSize, step.memoryMb);
  const itemMemoryMb = workerShareMb(step.memoryMb, workers);
  const itemsPerWorker = Math.ceil(Math.min(step.bundleSize, width) / workers);
  const p = step.neverCold ? 0 : step.coldProbability;
  const anyColdInWave = 1 - Math.pow(1 - p, concurrency);
  // One cold invocation at quantile level u, after a dispatch from `table`: its items, the cold excess, one Init.
  const coldMs = (u: number, table: number): number =>
    itemsPerWorker * model.quantile(itemMemoryMb, u) + step.coldExtraMs + model.sampleInit(rng) + step.childStartMs + drawDispatchMs(step.dispatch, table, rng.next());
  // Each wave's invocations start after a dispatch of their kind, as the narrow path draws them: the first wave's
  // the state's first (its Task dispatch: a map's first item), a later wave's a map's next item; a wave with a cold
  // invocation is at least that invocation — its isolated cold dispatch, its Init and its slowdown.
  const waveMs = (u: number, tables: PlannedStep['firstDispatch']): number => {
    let ms = itemsPerWorker * model.quantile(itemMemoryMb, Math.pow(u, 1 / concurrency)) + step.childStartMs + drawDispatchMs(step.dispatch, tables.warm, rng.next());
    if (p > 0 && rng.next() < anyColdInWave) ms = Math.max(ms, coldMs(rng.next(), tables.isolatedCold));
    return ms;
  };
  // In a cold wave the first wave's invocations all start cold (their maximum: the warm order statistic slowed, plus an init,
  // after the first item's cold dispatch, staggered as cold items are); later waves reuse them.
  const coldFirst = inWave && !step.neverCold && step.prewarm < concurrency;
  // The first wave's items start staggered: the latest of its `concurrency` staggers, one order-statistic draw.
  let latencyMs = drawDispatchMs(step.dispatch, coldFirst ? MAP_COLD : MAP_WARM, Math.pow(rng.next(), 1 / concurrency));
  let laterWaves = waves - 1;
  if (coldFirst) latencyMs += coldMs(Math.pow(rng.next(), 1 / concurrency), step.firstDispatch.cold);
  else latencyMs += waveMs(rng.next(), step.firstDispatch);
  if (laterWaves <= WIDE_WAVES) {
    for (; laterWaves > 0; laterWaves -= 1) latencyMs += waveMs(rng.next(), step.nextDispatch);
  } else {
    // Many waves: their sum is close to normal (central limit), with the mean and variance of one wave taken from
    // WIDE_WAVES stratified draws — O(1) in the number of waves.
    let sum = 0;
    let sumSquares = 0;
    for (let k = 0; k < WIDE_WAVES; k += 1) {
      const ms = waveMs((k + rng.next()) / WIDE_WAVES, step.nextDispatch);
      sum += ms;
      sumSquares += ms * ms;
    }
    const mean = sum / WIDE_WAVES;
    const variance = Math.max(0, sumSquares / WIDE_WAVES - mean * mean);
    latencyMs += Math.max(0, laterWaves * mean + Math.sqrt(laterWaves * variance) * rng.normal());
  }
  const provisioned = Math.min(step.prewarm, invocations);
  const onDemand = invocations - provisioned;
  const invocationMs = itemsPerWorker * step.meanWarmMs;
  // Billed: each on-demand invocation's expected Init and cold excess at the cold odds.
  const expectedColdMs = p * (model.fit.initMs + step.coldExtraMs);
  // A cold wave's first wave pays its inits and slowdown for certain, on the invocations provisioned concurrency does not cover.
  const waveColdMs = coldFirst ? Math.max(0, concurrency - provisioned) * (model.fit.initMs + step.coldExtraMs - expectedColdMs) : 0;
  run.latencyMs = latencyMs;
  run.onDemandGbSeconds = (step.gbPerInvocation * (onDemand * (invocationMs + expectedColdMs) + waveColdMs)) / 1000;
  run.provisionedGbSeconds = (step.gbPerInvocation * provisioned * invocationMs) / 1000;
  run.invocations = invocations;
  run.childExecutionsUsd = step.distributed ? invocations * expressExecutionUsd(step, invocationMs + step.childStartMs) : 0;
}

const workerFree = new Float64Array(LAMBDA_LIMITS.maxVcpu + 1);

/** b items in one invocation: ⌊vcpu⌋ workers, each on its share of the memory, or one worker at the full memory below 1 vCPU. */
export function bundleMakespanMs(step: Pick<PlannedStep, 'memoryMb' | 'workerSamplers'>, items: number, rng: Rng): number {
  const workers = workersFor(items, step.memoryMb);
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
