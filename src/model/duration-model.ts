// Predicts a function's duration distribution at ANY memory size from its
// profile: the fitted median at that size (fit-duration-model.ts) times a
// noise factor drawn from what was measured — the pooled ratios of each warm
// sample to its size's measured median (so real tails, such as SeBS's heavy
// ones, carry over), or a lognormal with the fitted sigma when fewer than
// MIN_EMPIRICAL samples exist. The same noise at every size keeps the
// prediction monotone in memory whenever the fit is. Cold starts draw init
// durations the same way. A profile without a stored model is fitted here.
import type { Architecture } from '../ir/types.ts';
import { amdahlMedianMs, fitDurationModel, median } from './fit-duration-model.ts';
import type { FittedDurationModel, FunctionProfile } from './profile-types.ts';

const MIN_EMPIRICAL = 8;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
}

export interface DurationModel {
  fit: FittedDurationModel;
  footprintMb: number;
  medianMs(memoryMb: number): number;
  /** One warm duration at this size. */
  sample(memoryMb: number, rng: Rng): number;
  /** A sampler fixed to one size (its median computed once): the estimator's hot path. */
  samplerAt(memoryMb: number): (rng: Rng) => number;
  /** One init duration (cold start). */
  sampleInit(rng: Rng): number;
  /** The q-quantile of one warm duration at this size. */
  quantile(memoryMb: number, q: number): number;
}

const cache = new WeakMap<FunctionProfile, Map<Architecture, DurationModel | undefined>>();

export function durationModel(profile: FunctionProfile, architecture: Architecture): DurationModel | undefined {
  let perArch = cache.get(profile);
  if (!perArch) cache.set(profile, (perArch = new Map()));
  if (perArch.has(architecture)) return perArch.get(architecture);
  const built = build(profile, architecture);
  perArch.set(architecture, built);
  return built;
}

function build(profile: FunctionProfile, architecture: Architecture): DurationModel | undefined {
  const arch = profile.architectures[architecture];
  if (!arch) return undefined;
  const fit = arch.model ?? fitDurationModel(arch.measurements);
  if (!fit) return undefined;
  const ratios: number[] = [];
  for (const m of arch.measurements) {
    const mid = median(m.warmDurationsMs);
    if (mid > 0) for (const d of m.warmDurationsMs) ratios.push(d / mid);
  }
  ratios.sort((a, b) => a - b);
  const inits = arch.measurements.flatMap((m) => m.initDurationsMs).sort((a, b) => a - b);
  const empirical = ratios.length >= MIN_EMPIRICAL;
  const footprintMb = Math.max(0, ...arch.measurements.map((m) => m.maxMemoryUsedMb));
  const noise = (rng: Rng) => (empirical ? ratios[Math.floor(rng.next() * ratios.length)]! : Math.exp(fit.sigma * rng.normal()));
  return {
    fit,
    footprintMb,
    medianMs: (memoryMb) => amdahlMedianMs(fit, memoryMb),
    sample: (memoryMb, rng) => amdahlMedianMs(fit, memoryMb) * noise(rng),
    samplerAt: (memoryMb) => {
      const base = amdahlMedianMs(fit, memoryMb);
      return (rng) => base * noise(rng);
    },
    sampleInit: (rng) => (inits.length >= MIN_EMPIRICAL ? inits[Math.floor(rng.next() * inits.length)]! : fit.initMs * Math.exp(0.25 * rng.normal())),
    quantile: (memoryMb, q) => {
      const base = amdahlMedianMs(fit, memoryMb);
      if (empirical) return base * ratios[Math.min(ratios.length - 1, Math.max(0, Math.ceil(q * ratios.length) - 1))]!;
      return base * Math.exp(fit.sigma * normalQuantile(q));
    },
  };
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
