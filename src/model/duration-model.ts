// Predicts a function's duration distribution at ANY memory size from its
// profile: from the measurements where it was measured, from the fitted
// amdahl-lognormal model (fit-duration-model.ts) elsewhere.
//
// - At a measured size: that size's own warm samples (their median times
//   their ratios to it), so the real tail at that size carries over.
// - Between two measured sizes a < b: the quantile functions of a and b mixed
//   pointwise, Q(u) = (1−t)·Qa(u) + t·Qb(u), so a prediction never leaves the
//   bracket of its measured neighbours, at any quantile. Where between them the
//   truth lies nobody measured, so t is an interval, and the prediction is its
//   pessimistic end (no optimism at unmeasured sizes, docs/model-and-estimator.md):
//   the fit's t (the fraction of the fitted speed-up from a to b reached at this
//   size; linear in memory where the fit is flat) and the Amdahl t (all of the
//   gain from a to b parallel work that keeps scaling until b — the latest
//   plateau the measurements allow; a fit whose plateau falls early, as the
//   smallest useful-vCPU count wins its ties, would otherwise call a size as
//   fast as b) bound it, widened by the fit's mean relative error over the
//   measured gap. The slower end is the lower t when a is slower than b at
//   every quantile, the upper when b is; when their quantile functions cross,
//   each quantile takes the slower of the two ends (a draw too). intervalAt
//   reports the interval.
// - Below the smallest or above the largest measured size: that size's
//   distribution scaled by the fit, fit(m)/fit(end).
// - Nothing measured (a model-only profile): a lognormal with the fit's sigma.
// Monotone: if each measured size is stochastically no slower than the
// smaller ones (Qb(u) ≤ Qa(u)), the predicted quantiles never rise with
// memory, because the fit never does and t only grows.
// A size with fewer than MIN_EMPIRICAL steady warm samples borrows the ratios
// pooled over all sizes, or, when fewer than MIN_POOLED_EMPIRICAL were pooled
// (dagc's default plan pools about 21), a lognormal of the pooled spread
// (pooled-spread.ts): the 0.95 quantile of 21 ratios is their 20th, and it put
// the p95 4.5 % low.
// Warm-up samples (warmup-evidence.ts): where a profile has warm-up samples
// with known positions after the cold start, each is corrected for its
// position's slowdown (estimated from the function's own samples) and counts,
// down-weighted, as one more steady sample: a size's level is the weighted
// geometric mean of its steady and corrected warm-up samples, and its noise
// their deviations from that level, leverage-corrected (a level computed from
// two samples sits closer to them than the true level does). A profile
// without them (written before the split, from logs, from CSVs) has no
// such evidence: each size's median and its ratios to it.
// Cold invocations (cold-evidence.ts): init draws from the measured init
// durations (pooled over sizes; a lognormal around their median with a
// shrunk spread when fewer than MIN_EMPIRICAL), and the handler itself runs
// slower by the size's cold/warm ratio (SeBS's first invocations run 3–6×
// longer than warm ones): measured where a size has MIN_EMPIRICAL cold
// samples, else a credibility-weighted blend of its own, the pooled ones and
// the warm curve (factor 1). A profile with cold samples only predicts from
// those samples as if they were warm ones.
// Footprint: the smallest Max Memory Used among sizes that ran clean; a size
// that ran out of memory (errors, Max Memory Used at its limit) raises it.
import type { Architecture } from '../ir/types.ts';
import { amdahlMedianMs, fitDurationModel, median } from './fit-duration-model.ts';
import { empiricalNoise, lognormalNoise, lognormalTableNoise, MIN_EMPIRICAL, ratiosToMedian, tablePart, type Noise, type Rng, type TablePart } from './noise.ts';
import type { ArchitectureProfile, FittedDurationModel, FunctionProfile } from './profile-types.ts';
import { evidenceRatios, steadyEvidence } from './warmup-evidence.ts';
import { pooledLogSpread } from './pooled-spread.ts';
import { sortAscending } from './sort-ascending.ts';
import { vcpuForMemory } from './platform.ts';
import { coldAsWarm, coldFactors, coldSampleWarnings, initDraw, isColdOnly, type ColdSummary } from './cold-evidence.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

export type { Rng } from './noise.ts';

/**
 * Fewer pooled ratios than this cannot place a p95: the 0.95 quantile of n
 * values is the ⌈0.95 n⌉-th, on average 1.43σ of a lognormal for n = 21 (what
 * dagc's default plan pools) and 1.51σ for n = 40, not 1.645σ. Below it the
 * pooled noise is a lognormal with the pooled spread (pooled-spread.ts), as a
 * table of its quantiles (noise.ts).
 */
export const MIN_POOLED_EMPIRICAL = 40;
export { normalQuantile } from './normal-quantile.ts';

export interface DurationModel {
  fit: FittedDurationModel;
  footprintMb: number;
  /** The typical (median) warm duration at this size. */
  medianMs(memoryMb: number): number;
  /** One warm duration at this size. */
  sample(memoryMb: number, rng: Rng): number;
  /** A sampler fixed to one size (its interpolation computed once): the estimator's hot path. */
  samplerAt(memoryMb: number): (rng: Rng) => number;
  /**
   * The warm sampler at this size as a table draw, when it is one (measured
   * noise at or between measured sizes): one uniform u, then
   * Σ weight · entries[min(n − 1, ⌊u·n⌋)] over the parts (exp of logSigma times
   * the entry for a lognormal table, noise.ts) — the same numbers samplerAt
   * draws from the same rng. Undefined otherwise (the analytic lognormal).
   * Lets the estimator run its hot loop over flat arrays instead of closures.
   */
  tableDrawAt(memoryMb: number): TablePart[] | undefined;
  /** How sampleInit draws, for callers that draw it from flat data: measured inits (sorted, one uniform) or medianMs · exp(sigma · one normal). */
  initDraw: { sortedInitsMs: readonly number[] } | { medianMs: number; sigma: number };
  /** One init duration (cold start). */
  sampleInit(rng: Rng): number;
  /** What the profile's cold samples said and what was assumed (cold-evidence.ts); absent for models not built from one profile. */
  coldSummary?: ColdSummary;
  /** How much longer a cold invocation's handler runs than a warm one at this size (≥ 1 typically; 1 when unmeasured). */
  coldFactor(memoryMb: number): number;
  /** The q-quantile of one warm duration at this size. */
  quantile(memoryMb: number, q: number): number;
  /**
   * quantile(m, q) and medianMs(m) for each size of memoriesMb, into the two
   * arrays: the same numbers, without remembering where each size falls (a
   * 10k-function workflow asks this once per function, for its whole option
   * list, and the per-size cache entries were most of what that allocated).
   */
  quantilesAndMedians(memoriesMb: readonly number[], q: number, quantilesMs: Float64Array, mediansMs: Float64Array): void;
  /** quantile(memoryMb, q) for each level of qs, into out: the same numbers, the size located once. */
  quantilesAt(memoryMb: number, qs: readonly number[], out: Float64Array): void;
  /**
   * The q-quantile's uncertainty at this size: low and high ends of the interval between the measured
   * neighbours (equal at a measured size and outside the measured range), the fit's own value, and the
   * value predicted (quantile(m, q): the high end). Models that compose others (fused) may not say.
   */
  intervalAt?(memoryMb: number, q: number): PredictionInterval;
}

export interface PredictionInterval {
  lowMs: number;
  fitMs: number;
  highMs: number;
  predictedMs: number;
  /** Whether this size was measured (then low = fit = high = predicted). */
  measured: boolean;
}

interface MeasuredSize {
  memoryMb: number;
  /** Measured median warm duration. */
  medianMs: number;
  /** medianMs / fit at this size, so that fit × correction gives the measurement back. */
  correction: number;
  noise: Noise;
  coldFactor: number;
}

/**
 * Where a memory size falls among the measured sizes: one of them (scaled by the fit), or between two, with the
 * weight t of b that predictions use, the interval [tLo, tHi] it comes from, the fit's own tFit, and whether the
 * neighbours' quantile functions cross (then each quantile takes the slower end of the interval).
 */
type Location =
  | { kind: 'none' }
  | { kind: 'at'; point: MeasuredSize; base: number }
  | { kind: 'between'; a: MeasuredSize; b: MeasuredSize; t: number; tLo: number; tHi: number; tFit: number; crossing: boolean };

/** How two neighbouring measured sizes' quantile functions compare: a slower (or equal) everywhere, b slower everywhere, or crossing. */
type PairOrder = 'a-slower' | 'b-slower' | 'crossing';

const cache = new WeakMap<FunctionProfile, Map<Architecture, DurationModel | undefined>>();

export function durationModel(profile: FunctionProfile, architecture: Architecture): DurationModel | undefined {
  let perArch = cache.get(profile);
  if (!perArch) cache.set(profile, (perArch = new Map()));
  if (perArch.has(architecture)) return perArch.get(architecture);
  const arch = profile.architectures[architecture];
  const built = arch ? build(arch) : undefined;
  perArch.set(architecture, built);
  return built;
}

function build(measured: ArchitectureProfile): DurationModel | undefined {
  // Cold samples only: they are the only durations there are, so they stand for the warm ones too.
  const coldOnly = isColdOnly(measured);
  const arch = coldOnly ? coldAsWarm(measured) : measured;
  const fit = arch.model ?? fitDurationModel(arch.measurements);
  return fit ? new FittedModel(arch, fit, coldOnly ? measured.measurements.reduce((n, m) => n + m.coldDurationsMs.length, 0) : -1) : undefined;
}

/**
 * A class, not an object of closures: a 10k-function workflow builds ten
 * thousand models, and methods on the prototype cost nothing per model (no
 * closure objects to allocate and collect, no name helper call each under
 * the TypeScript loader).
 */
class FittedModel implements DurationModel {
  readonly footprintMb: number;
  readonly initDraw: DurationModel['initDraw'];
  readonly coldSummary: ColdSummary;
  private readonly points: MeasuredSize[];
  /** pairOrders[j]: how points[j − 1] and points[j] compare, computed when first needed (pairOrders[0] unused). */
  private readonly pairOrders: Array<PairOrder | undefined>;
  private readonly lognormal: Noise;
  private readonly inits: number[];
  // Sizes come from a small grid and are asked about again and again (leaves, quantiles, samplers): remember where each falls.
  private readonly located = new Map<number, Location>();

  /** coldOnlySamples: how many cold samples stood in for warm ones (-1: the profile had warm samples). */
  constructor(arch: ArchitectureProfile, readonly fit: FittedDurationModel, coldOnlySamples: number) {
    const measured = arch.measurements
      .filter((m) => m.warmDurationsMs.length > 0 && median(m.warmDurationsMs) > 0)
      .sort((x, y) => x.memoryMb - y.memoryMb);
    const evidence = steadyEvidence(measured);
    const levels = evidence ? evidence.map((e) => e.centerMs) : measured.map((m) => median(m.warmDurationsMs));
    const ratiosBySize = evidence ? evidence.map(evidenceRatios) : measured.map((m, i) => ratiosToMedian(m.warmDurationsMs, levels[i]!));
    const pooled = sortAscending(ratiosBySize.flat());
    const cold = coldFactors(
      arch,
      measured.map((m, i) => ({ memoryMb: m.memoryMb, medianMs: levels[i]! })),
      (memoryMb) => this.fitMs(memoryMb),
    );
    const fallback = pooled.length >= MIN_POOLED_EMPIRICAL ? empiricalNoise(pooled) : lognormalTableNoise(pooledLogSpread(measured) ?? fit.sigma);
    this.points = measured.map((m, i) => {
      const medianMs = levels[i]!;
      const fitted = this.fitMs(m.memoryMb);
      const ratios = ratiosBySize[i]!;
      return {
        memoryMb: m.memoryMb,
        medianMs,
        correction: fitted > 0 && medianMs !== fitted ? medianMs / fitted : 1,
        // Own noise by the steady count: corrected warm-up samples sharpen the pooled ratios, not a size's own tail.
        noise: m.warmDurationsMs.length >= MIN_EMPIRICAL ? empiricalNoise(ratios) : fallback,
        coldFactor: cold.bySize[i]!,
      };
    });
    this.pairOrders = new Array<PairOrder | undefined>(this.points.length).fill(undefined);
    this.lognormal = lognormalNoise(fit.sigma);
    this.inits = sortAscending(arch.measurements.flatMap((m) => m.initDurationsMs));
    this.footprintMb = footprintOf(arch);
    this.initDraw = initDraw(this.inits, fit.initMs);
    this.coldSummary = {
      coldSamples: coldOnlySamples >= 0 ? coldOnlySamples : cold.coldSamples,
      measuredFactor: cold.measuredFactor,
      priorFactor: cold.priorFactor,
      pooledFactor: cold.pooledFactor,
      priorSamples: arch.coldPrior?.samples ?? 0,
      priorFunctions: arch.coldPrior?.functions ?? 0,
      initSamples: this.inits.length,
      init: this.initDraw,
      coldOnly: coldOnlySamples >= 0,
    };
  }

  private fitMs(memoryMb: number): number {
    return amdahlMedianMs(this.fit, memoryMb);
  }

  private locate(memoryMb: number): Location {
    let where = this.located.get(memoryMb);
    if (!where) this.located.set(memoryMb, (where = this.locateUncached(memoryMb)));
    return where;
  }

  private locateUncached(memoryMb: number): Location {
    const points = this.points;
    if (points.length === 0) return { kind: 'none' };
    const i = this.place(memoryMb);
    const t = this.placedT;
    if (t < 0) return { kind: 'at', point: points[i]!, base: this.fitMs(memoryMb) * points[i]!.correction };
    return { kind: 'between', a: points[i - 1]!, b: points[i]!, t, tLo: this.placedLo, tHi: this.placedHi, tFit: this.placedFit, crossing: this.orderOf(i) === 'crossing' };
  }

  /** place's second result: -1 when memoryMb is at points[i], else the weight of points[i] that predictions use. */
  private placedT = -1;
  /** place's other results between two points: the interval of t and the fit's own t. */
  private placedLo = 0;
  private placedHi = 0;
  private placedFit = 0;

  /**
   * Where memoryMb falls among the (non-empty) measured points, without allocating, so that locate and the rows of
   * quantilesAndMedians read one answer: at points[i] (a measured size, or outside the measured range, where the
   * nearest point's correction carries the fit on) with placedT -1, or between points[i - 1] and points[i] at
   * placedT in [0, 1], interpolated along the fit (along memory where the fit is flat).
   */
  private place(memoryMb: number): number {
    const points = this.points;
    this.placedT = -1;
    if (memoryMb <= points[0]!.memoryMb) return 0;
    if (memoryMb >= points[points.length - 1]!.memoryMb) return points.length - 1;
    let j = 1;
    while (points[j]!.memoryMb < memoryMb) j += 1;
    const a = points[j - 1]!;
    const b = points[j]!;
    if (b.memoryMb === memoryMb) return j;
    const fa = this.fitMs(a.memoryMb);
    const fb = this.fitMs(b.memoryMb);
    const linear = (memoryMb - a.memoryMb) / (b.memoryMb - a.memoryMb);
    const tFit = clamp01(fa - fb > 1e-9 * fa ? (fa - this.fitMs(memoryMb)) / (fa - fb) : linear);
    // Amdahl to b: 1/vcpu falls from a to b, all of the measured gain riding on it (t does not depend on serial or parallel time).
    const inverseA = 1 / vcpuForMemory(a.memoryMb);
    const inverseB = 1 / vcpuForMemory(b.memoryMb);
    const tAmdahl = inverseA - inverseB > 1e-12 * inverseA ? clamp01((inverseA - 1 / vcpuForMemory(memoryMb)) / (inverseA - inverseB)) : linear;
    // The fit's mean relative error, as a share of the measured gap, widens the interval both ways.
    const gapMs = Math.abs(a.medianMs - b.medianMs);
    const levelMs = (1 - tFit) * a.medianMs + tFit * b.medianMs;
    const widen = gapMs > 0 ? ((this.fit.fitErrorPct || 0) / 100) * (levelMs / gapMs) : 0;
    const lo = clamp01(Math.min(tFit, tAmdahl) - widen);
    const hi = clamp01(Math.max(tFit, tAmdahl) + widen);
    this.placedLo = lo;
    this.placedHi = hi;
    this.placedFit = tFit;
    // Crossing pairs pick per quantile (quantileAt); placedT is the slower end by level for them.
    const order = this.orderOf(j);
    this.placedT = order === 'a-slower' || (order === 'crossing' && a.medianMs >= b.medianMs) ? lo : hi;
    return j;
  }

  private orderOf(j: number): PairOrder {
    let order = this.pairOrders[j];
    if (order === undefined) this.pairOrders[j] = order = pairOrder(this.points[j - 1]!, this.points[j]!);
    return order;
  }

  medianMs(memoryMb: number): number {
    return this.medianAt(this.locate(memoryMb), memoryMb);
  }

  private medianAt(where: Location, memoryMb: number): number {
    if (where.kind === 'none') return this.fitMs(memoryMb);
    if (where.kind === 'at') return where.base;
    if (where.crossing) return Math.max(mix(where.a.medianMs, where.b.medianMs, where.tLo), mix(where.a.medianMs, where.b.medianMs, where.tHi));
    return (1 - where.t) * where.a.medianMs + where.t * where.b.medianMs;
  }

  sample(memoryMb: number, rng: Rng): number {
    return this.samplerAt(memoryMb)(rng);
  }

  samplerAt(memoryMb: number): (rng: Rng) => number {
    const where = this.locate(memoryMb);
    if (where.kind === 'none') {
      const base = this.fitMs(memoryMb);
      const lognormal = this.lognormal;
      return (rng) => base * lognormal.sample(rng);
    }
    if (where.kind === 'at') {
      const { base, point } = where;
      return (rng) => base * point.noise.sample(rng);
    }
    const noiseA = where.a.noise;
    const noiseB = where.b.noise;
    if (where.crossing) {
      const [loA, loB, hiA, hiB] = [(1 - where.tLo) * where.a.medianMs, where.tLo * where.b.medianMs, (1 - where.tHi) * where.a.medianMs, where.tHi * where.b.medianMs];
      return (rng) => {
        const u = rng.next();
        const ra = noiseA.atUniform(u);
        const rb = noiseB.atUniform(u);
        return Math.max(loA * ra + loB * rb, hiA * ra + hiB * rb);
      };
    }
    const weightA = (1 - where.t) * where.a.medianMs;
    const weightB = where.t * where.b.medianMs;
    return (rng) => {
      const u = rng.next();
      return weightA * noiseA.atUniform(u) + weightB * noiseB.atUniform(u);
    };
  }

  tableDrawAt(memoryMb: number): TablePart[] | undefined {
    const where = this.locate(memoryMb);
    if (where.kind === 'none') return undefined;
    if (where.kind === 'at') {
      const part = tablePart(where.point.noise, where.base);
      return part ? [part] : undefined;
    }
    // A per-quantile maximum is no weighted sum of table entries: crossing pairs draw through samplerAt.
    if (where.crossing) return undefined;
    const a = tablePart(where.a.noise, (1 - where.t) * where.a.medianMs);
    const b = tablePart(where.b.noise, where.t * where.b.medianMs);
    return a && b ? [a, b] : undefined;
  }

  sampleInit(rng: Rng): number {
    const draw = this.initDraw;
    if ('sortedInitsMs' in draw) return draw.sortedInitsMs[Math.floor(rng.next() * draw.sortedInitsMs.length)]!;
    return draw.medianMs * Math.exp(draw.sigma * rng.normal());
  }

  coldFactor(memoryMb: number): number {
    const where = this.locate(memoryMb);
    if (where.kind === 'none') return 1;
    if (where.kind === 'at') return where.point.coldFactor;
    return (1 - where.t) * where.a.coldFactor + where.t * where.b.coldFactor;
  }

  quantile(memoryMb: number, q: number): number {
    return this.quantileAt(this.locate(memoryMb), memoryMb, q);
  }

  quantilesAndMedians(memoriesMb: readonly number[], q: number, quantilesMs: Float64Array, mediansMs: Float64Array): void {
    // quantileAt/medianAt for a whole row, each measured size's noise quantile taken once: the same expressions
    // in the same order (so the same numbers), without a Location per size.
    const points = this.points;
    if (points.length === 0) {
      const ratio = this.lognormal.quantile(q);
      for (let i = 0; i < memoriesMb.length; i += 1) {
        const fitted = this.fitMs(memoriesMb[i]!);
        quantilesMs[i] = fitted * ratio;
        mediansMs[i] = fitted;
      }
      return;
    }
    if (rowRatios.length < points.length) rowRatios = new Float64Array(points.length);
    const ratios = rowRatios;
    for (let j = 0; j < points.length; j += 1) ratios[j] = points[j]!.noise.quantile(q);
    for (let i = 0; i < memoriesMb.length; i += 1) {
      const memoryMb = memoriesMb[i]!;
      const at = this.place(memoryMb);
      const t = this.placedT;
      if (t < 0) {
        const base = this.fitMs(memoryMb) * points[at]!.correction;
        quantilesMs[i] = base * ratios[at]!;
        mediansMs[i] = base;
      } else if (this.orderOf(at) === 'crossing') {
        const where = this.locate(memoryMb);
        quantilesMs[i] = this.quantileAt(where, memoryMb, q);
        mediansMs[i] = this.medianAt(where, memoryMb);
      } else {
        const a = points[at - 1]!;
        const b = points[at]!;
        quantilesMs[i] = (1 - t) * a.medianMs * ratios[at - 1]! + t * b.medianMs * ratios[at]!;
        mediansMs[i] = (1 - t) * a.medianMs + t * b.medianMs;
      }
    }
  }

  quantilesAt(memoryMb: number, qs: readonly number[], out: Float64Array): void {
    const where = this.locate(memoryMb);
    for (let k = 0; k < qs.length; k += 1) out[k] = this.quantileAt(where, memoryMb, qs[k]!);
  }

  private quantileAt(where: Location, memoryMb: number, q: number): number {
    if (where.kind === 'none') return this.fitMs(memoryMb) * this.lognormal.quantile(q);
    if (where.kind === 'at') return where.base * where.point.noise.quantile(q);
    if (!where.crossing) return (1 - where.t) * where.a.medianMs * where.a.noise.quantile(q) + where.t * where.b.medianMs * where.b.noise.quantile(q);
    const qa = where.a.medianMs * where.a.noise.quantile(q);
    const qb = where.b.medianMs * where.b.noise.quantile(q);
    return Math.max(mix(qa, qb, where.tLo), mix(qa, qb, where.tHi));
  }

  intervalAt(memoryMb: number, q: number): PredictionInterval {
    const where = this.locate(memoryMb);
    const predictedMs = this.quantileAt(where, memoryMb, q);
    if (where.kind !== 'between') return { lowMs: predictedMs, fitMs: predictedMs, highMs: predictedMs, predictedMs, measured: where.kind === 'at' && where.point.memoryMb === memoryMb };
    const qa = where.a.medianMs * where.a.noise.quantile(q);
    const qb = where.b.medianMs * where.b.noise.quantile(q);
    const ends = [mix(qa, qb, where.tLo), mix(qa, qb, where.tHi)];
    return { lowMs: Math.min(...ends), fitMs: mix(qa, qb, where.tFit), highMs: Math.max(...ends), predictedMs, measured: false };
  }
}

function clamp01(t: number): number {
  return Math.min(1, Math.max(0, t));
}

/** (1 − t)·x + t·y: the same expression the predictions write out, so the numbers agree to the bit. */
function mix(x: number, y: number, t: number): number {
  return (1 - t) * x + t * y;
}

/**
 * Whether a is slower than b at every quantile, b slower at every quantile, or they cross: their quantile
 * functions are step functions of u (table noises), so comparing them at the midpoint of every step of
 * either decides it exactly. O(na + nb) per pair, once per model and pair, when first asked.
 */
function pairOrder(a: MeasuredSize, b: MeasuredSize): PairOrder {
  // One noise shared (the pooled ratios of sizes with few samples): the levels decide.
  if (a.noise === b.noise) return a.medianMs >= b.medianMs ? 'a-slower' : 'b-slower';
  const na = tableSize(a.noise);
  const nb = tableSize(b.noise);
  let aSlower = true;
  let bSlower = true;
  // Walk the merged steps i/na and j/nb (two pointers), comparing at each step's midpoint.
  let i = 0;
  let j = 0;
  let from = 0;
  while (from < 1) {
    const to = Math.min((i + 1) / na, (j + 1) / nb);
    const u = (from + to) / 2;
    const qa = a.medianMs * a.noise.atUniform(u);
    const qb = b.medianMs * b.noise.atUniform(u);
    if (qa < qb) aSlower = false;
    if (qb < qa) bSlower = false;
    if (!aSlower && !bSlower) return 'crossing';
    if ((i + 1) / na <= to) i += 1;
    if ((j + 1) / nb <= to) j += 1;
    from = to;
  }
  return aSlower ? 'a-slower' : 'b-slower';
}

/** Steps of a table noise's quantile function; a fine grid for any other. */
function tableSize(noise: Noise): number {
  return noise.sortedRatios?.length ?? noise.lognormalTable?.standardQuantiles.length ?? 512;
}

/** quantilesAndMedians' per-size noise quantiles, reused (a typed array per call was a malloc per function). */
let rowRatios = new Float64Array(16);

/** The least memory the function is known to run in (see the header). 0 when nothing was measured. */
export function footprintOf(arch: ArchitectureProfile): number {
  const clean = arch.measurements.filter((m) => m.errors === 0 && m.timeouts === 0);
  let footprint = clean.length > 0 ? Math.min(...clean.map((m) => m.maxMemoryUsedMb)) : Math.max(0, ...arch.measurements.map((m) => m.maxMemoryUsedMb));
  for (const m of arch.measurements) {
    const ranOut = m.errors > 0 && m.maxMemoryUsedMb >= m.memoryMb;
    if (ranOut) footprint = Math.max(footprint, m.memoryMb + 1);
  }
  return footprint;
}

/** Warnings for a profile whose cold samples are few or alone (cold-evidence.ts), each saying what the predictor assumed. */
export function coldEvidenceWarnings(profile: FunctionProfile): Diagnostic[] {
  return coldSampleWarnings(profile, (architecture) => durationModel(profile, architecture)?.coldSummary);
}
