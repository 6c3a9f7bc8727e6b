// Decides the next invocation of a profiling run: which memory size, or stop.
//
// It is a pure function of what was measured so far (the journal), so a run
// that was killed resumes exactly where it stopped: replay the journal, ask
// again. The plan, in order:
//   1. probe: one invocation at the ladder's middle below one vCPU (or at the
//      current memory, known to work, when that is smaller; there too when the
//      middle runs out of memory) to learn its Max Memory Used; the probe's
//      size is on the ladder (it takes the place of the nearest ladder size
//      within 1.5x), so it is measured there and then, its cold start and
//      warm-up paid once;
//   2. ladder (ladderSizes): the smallest size that fits, one size between it
//      and one vCPU, one vCPU, one doubling, then the largest allowed size,
//      until a step no longer makes the function measurably faster, or the
//      Amdahl fit of the sizes so far (the profile's own fit) puts the plateau
//      well below the largest size — one noisy "faster" pair must not drive
//      the ladder to 10 GB. Under Amdahl's law a step that does not help is
//      followed only by steps that help even less, so the ladder can stop
//      there; multi-threaded code, which keeps speeding up past one vCPU, goes
//      on from the doubling to the largest size, which pins how many vCPUs it
//      can use (the fit places the plateau between);
//   3. refine: one size between the two neighbouring sizes that still helped
//      where the duration drops the most (steepestGapMiddle) — only when the
//      fit misses the measured sizes by more than
//      refineAboveFitErrorPct and by more than the samples' own noise explains
//      (an Amdahl curve that fits needs no more points, and a point measured
//      with two samples would only add noise).
// At each size it samples warm invocations until the p95's confidence
// interval is within the tolerance (see p95-estimate.ts), between a minimum
// and a maximum count and within the size's share of the run's invocation
// budget (maxInvocations; see budgetOf), or exactly `fixedWarmCount` times.
// What the budget still holds when the ladder is done goes to the size
// measured last, where each invocation is a steady sample. The first
// WARMUP_INVOCATIONS warm invocations after each cold start are warm-up, not
// counted (the same rule as the profile's, measurements.ts). A size that times
// out twice, runs out of memory or keeps failing is settled without a p95.
// With an explicit grid (--memory) or --invocations there is no budget; with a
// grid there is no probe, ladder or refinement.
// Cost: O(sizes × samples) per call; a run makes at most a few hundred calls.
import type { ReportRecord } from './report-line.ts';
import { estimateP95, isFasterByEstimate, logStats, pooledLogVariance, speedUpVerdict, type LogStats } from './p95-estimate.ts';
import { isColdStart } from './report-line.ts';
import { emptyMeasurement, WARMUP_INVOCATIONS } from './measurements.ts';
import { fitDurationModel } from '../model/fit-duration-model.ts';
import { LAMBDA_LIMITS, vcpuForMemory } from '../model/platform.ts';
import type { MemoryMeasurement } from '../model/profile-types.ts';

export type ProfileEvent =
  | { kind: 'sample'; memoryMb: number; report: ReportRecord }
  /** The platform refused this size (e.g. above the account's memory limit). */
  | { kind: 'unavailable'; memoryMb: number; reason: string };

export interface SamplingOptions {
  /** Platform bounds of a memory setting (from the model's table). */
  platformMinMemoryMb: number;
  platformMaxMemoryMb: number;
  /** The spec's bounds for this function, if any. */
  minMemoryMb?: number;
  maxMemoryMb?: number;
  /** The function's configured memory before profiling: the probe size. */
  currentMemoryMb: number;
  /** Explicit sizes (--memory): measured all, in ascending order. */
  grid?: readonly number[];
  /** Exactly this many warm samples per size (--invocations), instead of the interval rule. */
  fixedWarmCount?: number;
  minWarm: number;
  maxWarm: number;
  /** Stop at a size once the p95 interval's half-width is at most this fraction of the p95. */
  tolerance: number;
  confidence: 0.8 | 0.9 | 0.95;
  /** Smallest speed-up from doubling memory that counts as "still faster". */
  minGain: number;
  refine: boolean;
  /** Refine at the knee only when the Amdahl fit misses the measured sizes by more than this (mean absolute %). */
  refineAboveFitErrorPct: number;
  /**
   * At most this many invocations in all, cold starts and warm-up included
   * (the adaptive plan only: an explicit grid or fixedWarmCount is exact).
   */
  maxInvocations?: number;
}

export const DEFAULT_SAMPLING: Omit<SamplingOptions, 'platformMinMemoryMb' | 'platformMaxMemoryMb' | 'currentMemoryMb'> = {
  minWarm: 2,
  maxWarm: 10,
  tolerance: 0.2,
  confidence: 0.9,
  minGain: 0.05,
  refine: true,
  refineAboveFitErrorPct: 5,
  maxInvocations: 30,
};

/** Extra invocations allowed at a size beyond maxWarm, for cold starts and failures. */
const SLACK_INVOCATIONS = 3;
const ROUND_MB = 64;
/** Ladder sizes below one vCPU are at least this far apart (a ratio). */
const MIN_STEP_RATIO = 1.5;
const FAILURES_BEFORE_GIVING_UP = 3;

export type SizeOutcome = 'measured' | 'timeout' | 'out-of-memory' | 'failing';

export interface SizeState {
  memoryMb: number;
  invocations: number;
  /** Steady-state warm samples (warm-up excluded, see measurements.ts). */
  warm: LogStats;
  coldStarts: number;
  warmups: number;
  errors: number;
  timeouts: number;
  outOfMemory: boolean;
  maxMemoryUsedMb: number;
}

export type PlanStep =
  | { kind: 'invoke'; memoryMb: number; phase: 'probe' | 'ladder' | 'refine' | 'grid' }
  | { kind: 'done'; measuredMb: number[]; flatFromMb?: number; failed?: string };

function isOutOfMemory(report: ReportRecord): boolean {
  if (report.status !== 'error') return false;
  return /OutOfMemory/i.test(report.errorType ?? '') || report.maxMemoryUsedMb >= report.memorySizeMb;
}

export function sizeStates(events: readonly ProfileEvent[]): Map<number, SizeState> {
  const durations = new Map<number, number[]>();
  const warmSinceCold = new Map<number, number>();
  const states = new Map<number, SizeState>();
  for (const event of events) {
    if (event.kind !== 'sample') continue;
    let state = states.get(event.memoryMb);
    if (!state) {
      state = { memoryMb: event.memoryMb, invocations: 0, warm: logStats([]), coldStarts: 0, warmups: 0, errors: 0, timeouts: 0, outOfMemory: false, maxMemoryUsedMb: 0 };
      states.set(event.memoryMb, state);
      durations.set(event.memoryMb, []);
    }
    const report = event.report;
    state.invocations += 1;
    state.maxMemoryUsedMb = Math.max(state.maxMemoryUsedMb, report.maxMemoryUsedMb);
    if (report.status === 'timeout') state.timeouts += 1;
    if (report.status === 'error') {
      state.errors += 1;
      if (isOutOfMemory(report)) state.outOfMemory = true;
      continue;
    }
    if (isColdStart(report)) {
      state.coldStarts += 1;
      warmSinceCold.set(event.memoryMb, 0);
      continue;
    }
    // The same warm-up rule as the profile's (measurements.ts warmupFlags).
    const sinceCold = (warmSinceCold.get(event.memoryMb) ?? 0) + 1;
    warmSinceCold.set(event.memoryMb, sinceCold);
    if (sinceCold <= WARMUP_INVOCATIONS) state.warmups += 1;
    else if (report.status === 'success') durations.get(event.memoryMb)!.push(report.durationMs);
  }
  for (const [memoryMb, list] of durations) states.get(memoryMb)!.warm = logStats(list);
  return states;
}

/**
 * Settled: nothing more to learn at this size, or no more invocations to
 * spend on it (`budgetCap`: its share of the run's budget). Returns why, or
 * 'unsettled' while sampling continues.
 */
function settledOutcome(state: SizeState | undefined, others: LogStats[], options: SamplingOptions, budgetCap = Infinity): SizeOutcome | 'unsettled' {
  if (!state) return 'unsettled';
  if (state.outOfMemory) return 'out-of-memory';
  if (state.timeouts >= 2) return 'timeout';
  if (state.errors >= 3 && state.errors >= state.warm.n) return 'failing';
  const cap = Math.min(budgetCap, (options.fixedWarmCount ?? options.maxWarm) + WARMUP_INVOCATIONS + SLACK_INVOCATIONS);
  if (state.invocations >= cap) return state.warm.n > 0 ? 'measured' : 'failing';
  if (options.fixedWarmCount !== undefined) return state.warm.n >= options.fixedWarmCount ? 'measured' : 'unsettled';
  if (state.warm.n >= options.maxWarm) return 'measured';
  if (state.warm.n < options.minWarm) return 'unsettled';
  return estimateP95(state.warm, others, options.confidence).relativeHalfWidth <= options.tolerance ? 'measured' : 'unsettled';
}

/** More warm samples may still be taken at this size (to settle whether it is faster), at most `budgetCap` invocations. */
function canSampleMore(state: SizeState, left: ReadonlySet<number>, options: SamplingOptions, budgetCap = Infinity): boolean {
  if (left.has(state.memoryMb) || options.fixedWarmCount !== undefined) return false;
  return state.warm.n < options.maxWarm && state.invocations < Math.min(budgetCap, options.maxWarm + WARMUP_INVOCATIONS + SLACK_INVOCATIONS);
}

function roundMb(memoryMb: number): number {
  return Math.round(memoryMb / ROUND_MB) * ROUND_MB;
}

/**
 * The ladder from the smallest size that fits to the largest allowed. Below
 * one vCPU (where Lambda's CPU share grows with memory) Amdahl's two
 * parameters are pinned by the floor, one vCPU and one size between. Above
 * one vCPU one doubling asks whether more vCPUs help at all, and only if they
 * do, the largest allowed size pins the third parameter (how many vCPUs are
 * useful): under Amdahl's law that one size says as much as every doubling
 * on the way. The probe's size, already paid for with its cold start, takes
 * the place of the nearest ladder size within MIN_STEP_RATIO (or of the
 * middle when it lies inside), so it is never a lone measurement.
 */
export function ladderSizes(lowMb: number, highMb: number, probeMb?: number): number[] {
  if (highMb < lowMb) return [];
  const oneVcpuMb = LAMBDA_LIMITS.mbPerVcpu;
  const sizes = [lowMb];
  if (lowMb < oneVcpuMb && oneVcpuMb <= highMb) {
    const middle = probeMb !== undefined && spacedAsMiddle(lowMb, probeMb) ? probeMb : geometricMiddleMb(lowMb);
    if (spacedAsMiddle(lowMb, middle)) sizes.push(middle);
    sizes.push(oneVcpuMb);
  }
  const last = sizes[sizes.length - 1]!;
  if (last * 2 * MIN_STEP_RATIO <= highMb) sizes.push(last * 2, highMb);
  else if (highMb > last) sizes.push(highMb);
  return withProbe(sizes, lowMb, highMb, probeMb);
}

/** The ladder with the probe's size in place of the nearest size within MIN_STEP_RATIO (unchanged when none is that near). */
function withProbe(sizes: number[], lowMb: number, highMb: number, probeMb: number | undefined): number[] {
  if (probeMb === undefined || probeMb < lowMb || probeMb > highMb || sizes.includes(probeMb)) return sizes;
  const distance = (memoryMb: number) => Math.abs(Math.log(memoryMb / probeMb));
  const nearest = sizes.reduce((best, memoryMb, i) => (distance(memoryMb) < distance(sizes[best]!) ? i : best), 0);
  if (distance(sizes[nearest]!) > Math.log(MIN_STEP_RATIO)) return sizes;
  return sizes.map((memoryMb, i) => (i === nearest ? probeMb : memoryMb));
}

/**
 * Where the first invocation goes: the ladder's middle below one vCPU (the
 * geometric middle of the allowed floor and one vCPU), or the current memory
 * when that is smaller. Probing at the current memory instead put the
 * probe's size on the ladder wherever it happened to be: a function
 * configured at 1,024 MB was measured at 128, 1,024 and 1,769 MB, leaving an
 * 8x gap below, and one at 2,048 MB replaced the one-vCPU size, where
 * single-threaded code flattens. The middle is where the ladder wants a size
 * anyway, and a footprint read there is no larger than at more memory.
 */
function firstProbeMb(options: SamplingOptions): number {
  const { lowMb, highMb } = allowedBounds(options);
  const oneVcpuMb = LAMBDA_LIMITS.mbPerVcpu;
  if (!(lowMb < oneVcpuMb && oneVcpuMb <= highMb)) return options.currentMemoryMb;
  const middleMb = geometricMiddleMb(lowMb);
  return spacedAsMiddle(lowMb, middleMb) ? Math.min(options.currentMemoryMb, middleMb) : options.currentMemoryMb;
}

/** The geometric middle of the floor and one vCPU, on the 64 MB grid. */
function geometricMiddleMb(lowMb: number): number {
  return roundMb(Math.sqrt(lowMb * LAMBDA_LIMITS.mbPerVcpu));
}

/** At least MIN_STEP_RATIO above the floor and below one vCPU: a size that can be the ladder's middle. */
function spacedAsMiddle(lowMb: number, memoryMb: number): boolean {
  return memoryMb >= lowMb * MIN_STEP_RATIO && memoryMb * MIN_STEP_RATIO <= LAMBDA_LIMITS.mbPerVcpu;
}

/** The sizes the platform and the spec allow, before anything is measured. */
function allowedBounds(options: SamplingOptions): { lowMb: number; highMb: number } {
  return {
    lowMb: Math.max(options.platformMinMemoryMb, options.minMemoryMb ?? 0),
    highMb: Math.min(options.platformMaxMemoryMb, options.maxMemoryMb ?? Infinity),
  };
}

/**
 * Does the Amdahl fit of the sizes judged so far (their geometric means, the
 * profile's own fit) put the plateau well below the largest of them? Then the next
 * doubling gains nothing by the fit, whatever one noisy pair of sizes says —
 * a host getting quieter makes a size look faster, and the climb would go on
 * to 10 GB. While the plateau is at or beyond the largest size, the fit cannot
 * tell, and the pairwise verdict decides.
 */
function fitSeesPlateau(judgedMb: readonly number[], states: Map<number, SizeState>): boolean {
  if (judgedMb.length < 3) return false;
  const largestMb = judgedMb[judgedMb.length - 1]!;
  if (largestMb <= LAMBDA_LIMITS.mbPerVcpu) return false;
  const fit = fitDurationModel(judgedMb.map((memoryMb) => pseudoMeasurement(memoryMb, states.get(memoryMb)!)));
  // "Below" with a margin: the fit's plateau must sit in the lower half (geometrically) of the last step,
  // or noise in the largest size's samples alone could end a climb that is still paying.
  const previousMb = judgedMb[judgedMb.length - 2]!;
  return fit !== undefined && fit.maxUsefulVcpu < vcpuForMemory(Math.sqrt(previousMb * largestMb));
}

/** Mean absolute % error of the Amdahl fit over the sizes measured (0 with fewer than three). */
function fitErrorPct(sizesMb: readonly number[], states: Map<number, SizeState>): number {
  if (sizesMb.length < 3) return 0;
  return fitDurationModel(sizesMb.map((memoryMb) => pseudoMeasurement(memoryMb, states.get(memoryMb)!)))?.fitErrorPct ?? 0;
}

/**
 * How far the fit may miss the sizes from sampling noise alone: the standard
 * error of one size's mean log duration (pooled spread, the sizes' mean 1/n),
 * in %. A miss within it says nothing about the curve's shape, and a
 * refinement measured with as few samples would only add its own noise.
 */
function noiseMisfitPct(sizesMb: readonly number[], states: Map<number, SizeState>): number {
  const stats = sizesMb.map((memoryMb) => states.get(memoryMb)!.warm).filter((warm) => warm.n > 0);
  if (stats.length === 0) return 0;
  const meanInverseN = stats.reduce((sum, warm) => sum + 1 / warm.n, 0) / stats.length;
  return 100 * Math.sqrt(pooledLogVariance(stats).variance * meanInverseN);
}

/** One size as the fit sees it: its geometric-mean warm duration. */
function pseudoMeasurement(memoryMb: number, state: SizeState): MemoryMeasurement {
  return { ...emptyMeasurement(memoryMb), warmDurationsMs: [Math.exp(state.warm.meanLog)] };
}

/**
 * The largest size to try after the platform refused `refused`: the limit the
 * refusal names ("… less than or equal to 3008"), else the largest size that
 * already ran below it. Never "one MB less", which would walk down 1 MB a try.
 */
function ceilingBelow(refused: Extract<ProfileEvent, { kind: 'unavailable' }>, states: Map<number, SizeState>): number {
  const named = /less than or equal to (\d+)/i.exec(refused.reason);
  if (named && Number(named[1]) < refused.memoryMb) return Number(named[1]);
  const below = [...states.keys()].filter((memoryMb) => memoryMb < refused.memoryMb);
  return below.length > 0 ? Math.max(...below) : refused.memoryMb - 1;
}

function bounds(states: Map<number, SizeState>, events: readonly ProfileEvent[], options: SamplingOptions): { lowMb: number; highMb: number } {
  let { lowMb, highMb } = allowedBounds(options);
  // Only the probe's footprint sets the floor: footprints grow with the memory
  // granted (lazier garbage collection), and a floor that moved with every
  // sample would move the ladder under the samples already paid for.
  const probe = events.find((event) => event.kind === 'sample' && !isOutOfMemory(event.report));
  if (probe?.kind === 'sample' && !options.grid) lowMb = Math.max(lowMb, Math.ceil(probe.report.maxMemoryUsedMb));
  for (const state of states.values()) if (state.outOfMemory) lowMb = Math.max(lowMb, state.memoryMb + 1);
  for (const event of events) if (event.kind === 'unavailable') highMb = Math.min(highMb, ceilingBelow(event, states));
  // A footprint between ladder steps starts the ladder at the next 64 MB, not the next power of two.
  if (lowMb > options.platformMinMemoryMb) lowMb = Math.min(highMb, Math.ceil(lowMb / ROUND_MB) * ROUND_MB);
  return { lowMb, highMb };
}

/**
 * Sizes the run has moved on from. They stay settled: the pooled spread moves
 * as other sizes are measured, and going back to a size would cost a fresh
 * cold start for one more sample. The probe does not count as a visit, since
 * the ladder may come back to the probe's size on purpose.
 */
function sizesLeft(events: readonly ProfileEvent[], hasProbe: boolean): Set<number> {
  const samples = events.filter((event) => event.kind === 'sample').slice(hasProbe ? 1 : 0);
  const left = new Set<number>();
  samples.forEach((event, i) => {
    const next = samples[i + 1];
    if (next && next.memoryMb !== event.memoryMb) left.add(event.memoryMb);
  });
  return left;
}

/** The first invocations all failed, and not for lack of memory: the handler or payload is broken. */
function hopeless(events: readonly ProfileEvent[]): string | undefined {
  const samples = events.flatMap((event) => (event.kind === 'sample' ? [event.report] : []));
  if (samples.length < FAILURES_BEFORE_GIVING_UP) return undefined;
  const first = samples.slice(0, FAILURES_BEFORE_GIVING_UP);
  if (!first.every((report) => report.status === 'error' && !isOutOfMemory(report))) return undefined;
  const types = [...new Set(first.map((report) => report.errorType ?? 'error'))].sort();
  return `the first ${FAILURES_BEFORE_GIVING_UP} invocations failed (${types.join(', ')})`;
}

/**
 * How the run's invocation budget is shared (undefined without one). Each size
 * the ladder may still visit is owed its minimum (cold start, warm-up,
 * minWarm steady samples); what is left over is split evenly between the
 * size being measured and those still to come, so a noisy function cannot
 * spend it all on the first sizes. Sizes after a "no faster" verdict are never
 * visited, and the last size measured then takes what its share left over
 * (see `leftover`): it is already configured and warm, so every further
 * invocation is a steady sample.
 */
interface Budget {
  /** Invocations still to spend. */
  left: number;
  /** The most invocations `memoryMb` may take in all, `pending` sizes still to come. */
  shareOf(memoryMb: number, pending: number): number;
  /** The most invocations `memoryMb` may take while leaving `pending` sizes their minimum. */
  beyondShareOf(memoryMb: number, pending: number): number;
  /** One size's minimum. */
  perSizeMinimum: number;
}

function budgetOf(states: Map<number, SizeState>, events: readonly ProfileEvent[], options: SamplingOptions): Budget | undefined {
  if (options.maxInvocations === undefined || options.fixedWarmCount !== undefined || options.grid) return undefined;
  const total = options.maxInvocations;
  const used = events.filter((event) => event.kind === 'sample').length;
  const perSizeMinimum = 1 + WARMUP_INVOCATIONS + options.minWarm;
  const elsewhere = (memoryMb: number) => used - (states.get(memoryMb)?.invocations ?? 0);
  return {
    left: total - used,
    perSizeMinimum,
    shareOf: (memoryMb, pending) => {
      const spare = total - elsewhere(memoryMb) - (pending + 1) * perSizeMinimum;
      return Math.min(total - elsewhere(memoryMb), perSizeMinimum + Math.max(0, Math.floor(spare / (pending + 1))));
    },
    beyondShareOf: (memoryMb, pending) => Math.max(0, total - elsewhere(memoryMb) - pending * perSizeMinimum),
  };
}

export function nextStep(events: readonly ProfileEvent[], options: SamplingOptions): PlanStep {
  const states = sizeStates(events);
  const othersThan = (memoryMb: number): LogStats[] => [...states.values()].filter((s) => s.memoryMb !== memoryMb).map((s) => s.warm);
  const left = sizesLeft(events, options.grid === undefined);
  const outcome = (memoryMb: number, budgetCap = Infinity): SizeOutcome | 'unsettled' => {
    const result = settledOutcome(states.get(memoryMb), othersThan(memoryMb), options, budgetCap);
    if (result !== 'unsettled' || !left.has(memoryMb)) return result;
    return states.get(memoryMb)!.warm.n > 0 ? 'measured' : 'failing';
  };
  const unavailable = new Set(events.filter((e) => e.kind === 'unavailable').map((e) => e.memoryMb));
  const measuredMb = () => [...states.keys()].sort((a, b) => a - b);
  const failure = hopeless(events);
  if (failure) return { kind: 'done', measuredMb: measuredMb(), failed: failure };

  if (options.grid) {
    const { lowMb } = bounds(states, events, options);
    for (const memoryMb of [...options.grid].sort((a, b) => a - b)) {
      if (unavailable.has(memoryMb) || (memoryMb < lowMb && !states.has(memoryMb))) continue;
      if (outcome(memoryMb) === 'unsettled') return { kind: 'invoke', memoryMb, phase: 'grid' };
    }
    return { kind: 'done', measuredMb: measuredMb() };
  }

  if (states.size === 0) return { kind: 'invoke', memoryMb: firstProbeMb(options), phase: 'probe' };
  const firstSample = events.find((event) => event.kind === 'sample')!;
  // The middle ran out of memory: learn the footprint where the function is known to work, not 64 MB at a time.
  const middleTooSmall = isOutOfMemory(firstSample.report) && firstSample.memoryMb !== options.currentMemoryMb;
  if (middleTooSmall && !states.has(options.currentMemoryMb)) return { kind: 'invoke', memoryMb: options.currentMemoryMb, phase: 'probe' };

  const { lowMb, highMb } = bounds(states, events, options);
  const probeMb = middleTooSmall ? options.currentMemoryMb : firstSample.memoryMb;
  const ladder = ladderSizes(lowMb, highMb, probeMb);
  const budget = budgetOf(states, events, options);
  // Ladder sizes not yet visited, besides `memoryMb`: each is owed its minimum.
  const pendingBesides = (memoryMb: number) => ladder.filter((size) => size !== memoryMb && !states.has(size)).length;
  // Those above it, which a "faster" verdict here would lead to.
  const pendingAbove = (memoryMb: number) => ladder.filter((size) => size > memoryMb && !states.has(size)).length;
  const shareOf = (memoryMb: number) => budget?.shareOf(memoryMb, pendingBesides(memoryMb)) ?? Infinity;
  const affordable = (memoryMb: number) => states.has(memoryMb) || budget === undefined || budget.left >= budget.perSizeMinimum;
  // Already there, cold start and warm-up paid: measure the probe's size first when it is on the ladder.
  if (ladder.includes(probeMb) && !left.has(probeMb) && outcome(probeMb, shareOf(probeMb)) === 'unsettled') return { kind: 'invoke', memoryMb: probeMb, phase: 'ladder' };
  const improving: number[] = [];
  // Each "faster?" verdict uses only the ladder sizes up to the one judged:
  // those no longer change, so a verdict once reached stays reached.
  const judged: LogStats[] = [];
  const judgedMb: number[] = [];
  let previous: SizeState | undefined;
  let flatFromMb: number | undefined;
  let outOfBudget = false;
  for (const memoryMb of ladder) {
    if (!affordable(memoryMb)) {
      outOfBudget = true;
      break;
    }
    const result = outcome(memoryMb, shareOf(memoryMb));
    if (result === 'unsettled') return { kind: 'invoke', memoryMb, phase: 'ladder' };
    if (result !== 'measured') continue;
    const state = states.get(memoryMb)!;
    judged.push(state.warm);
    judgedMb.push(memoryMb);
    if (previous) {
      let faster: boolean;
      const verdict = speedUpVerdict(previous.warm, state.warm, pooledLogVariance(judged).variance, options.minGain);
      // An unclear gain may take more than its share, as long as the sizes above it keep their minimum.
      const unclearCap = budget?.beyondShareOf(memoryMb, pendingAbove(memoryMb)) ?? Infinity;
      if (verdict === 'unclear' && canSampleMore(state, left, options, unclearCap)) return { kind: 'invoke', memoryMb, phase: 'ladder' };
      if (verdict === 'unclear') faster = isFasterByEstimate(previous.warm, state.warm, options.minGain);
      else faster = verdict === 'faster';
      if (!faster) {
        flatFromMb = memoryMb;
        break;
      }
    }
    improving.push(memoryMb);
    previous = state;
    if (fitSeesPlateau(judgedMb, states)) {
      const next = ladder[ladder.indexOf(memoryMb) + 1];
      if (next !== undefined) flatFromMb = next;
      break;
    }
  }

  const fittedMb = [...improving, ...(flatFromMb !== undefined && states.has(flatFromMb) ? [flatFromMb] : [])];
  const uncertain = fitErrorPct(fittedMb, states) > Math.max(options.refineAboveFitErrorPct, noiseMisfitPct(fittedMb, states));
  if (options.refine && !outOfBudget && uncertain && flatFromMb !== undefined && improving.length >= 2) {
    const middle = steepestGapMiddle(improving, states, unavailable);
    if (middle !== undefined && affordable(middle) && outcome(middle, budget?.shareOf(middle, 0) ?? Infinity) === 'unsettled') {
      return { kind: 'invoke', memoryMb: middle, phase: 'refine' };
    }
  }
  const lastMb = leftoverSize(events, states, othersThan, budget, options);
  if (lastMb !== undefined) return { kind: 'invoke', memoryMb: lastMb, phase: ladder.includes(lastMb) ? 'ladder' : 'refine' };
  return flatFromMb === undefined ? { kind: 'done', measuredMb: measuredMb() } : { kind: 'done', measuredMb: measuredMb(), flatFromMb };
}

/**
 * Where a refinement goes: the geometric middle of the two neighbouring sizes
 * that still helped (at least 1.5× apart) between
 * which the duration drops the most. A curve the fit misses costs the most
 * where it is steep: in run 17 of bench/profiler.ts the last pair
 * (ml-pipeline/train, 1,769 → 3,538 MB, 116 → 110 ms) got the refinement
 * while 448 → 1,769 MB (684 → 117 ms), where five of the eight held-out sizes
 * lie, had none. The ladder sizes do not change while the middle is sampled,
 * so the choice stays the same until it is settled.
 */
export function steepestGapMiddle(improvingMb: readonly number[], states: Map<number, SizeState>, unavailable: ReadonlySet<number>): number | undefined {
  let best: { middle: number; drop: number } | undefined;
  for (let i = 1; i < improvingMb.length; i += 1) {
    const lower = improvingMb[i - 1]!;
    const upper = improvingMb[i]!;
    const middle = roundMb(Math.sqrt(lower * upper));
    if (upper / lower < 1.5 || middle <= lower || middle >= upper || unavailable.has(middle)) continue;
    const drop = states.get(lower)!.warm.meanLog - states.get(upper)!.warm.meanLog;
    if (best === undefined || drop > best.drop) best = { middle, drop };
  }
  return best?.middle;
}

/**
 * Budget left over when the ladder is done goes to the size measured last,
 * where every further invocation is a steady sample (no cold start, no
 * warm-up), until its p95 interval is within the tolerance or the budget or
 * maxWarm runs out. Not the lone probe: it has no warm samples to add to.
 */
function leftoverSize(
  events: readonly ProfileEvent[],
  states: Map<number, SizeState>,
  othersThan: (memoryMb: number) => LogStats[],
  budget: Budget | undefined,
  options: SamplingOptions,
): number | undefined {
  if (budget === undefined || budget.left <= 0) return undefined;
  const samples = events.filter((event) => event.kind === 'sample');
  const last = samples[samples.length - 1];
  if (last === undefined) return undefined;
  const state = states.get(last.memoryMb)!;
  if (state.warm.n === 0) return undefined;
  return settledOutcome(state, othersThan(last.memoryMb), options) === 'unsettled' ? last.memoryMb : undefined;
}
