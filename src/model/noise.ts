// The shape of a function's warm-duration noise at one measured size, as a
// ratio to that size's median: the measured ratios themselves when there are
// enough of them (real tails carry over — SeBS's are heavy), else a lognormal
// with the fitted sigma. One uniform draw or one normal draw per sample.
import { normalQuantile } from './normal-quantile.ts';
import { sortAscending } from './sort-ascending.ts';

/** Fewer samples than this at a size do not describe a distribution; the pooled ratios or the lognormal stand in. */
export const MIN_EMPIRICAL = 8;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
}

export interface Noise {
  /** One ratio to the median. */
  sample(rng: Rng): number;
  /** The ratio at quantile u in [0, 1): the same distribution as sample, driven by a given uniform. */
  atUniform(u: number): number;
  /** The q-quantile of the ratio (lower quantile for empirical ratios). */
  quantile(q: number): number;
  /** For empirical noise, its sorted ratios: sample(rng) is sortedRatios[⌊rng.next()·n⌋], so a caller can draw it from a flat table. */
  sortedRatios?: readonly number[];
}

// Classes rather than object literals of closures: a workflow of thousands of
// functions builds one noise per measured size, and methods on a prototype
// cost no allocation (nor a name helper call under the TypeScript loader) per
// instance.

/** Sorted ratios to the median: an empirical distribution. */
export function empiricalNoise(sortedRatios: readonly number[]): Noise {
  return new EmpiricalNoise(sortedRatios);
}

class EmpiricalNoise implements Noise {
  private readonly n: number;
  constructor(readonly sortedRatios: readonly number[]) {
    this.n = sortedRatios.length;
  }
  sample(rng: Rng): number {
    return this.sortedRatios[Math.floor(rng.next() * this.n)]!;
  }
  atUniform(u: number): number {
    return this.sortedRatios[Math.min(this.n - 1, Math.floor(u * this.n))]!;
  }
  quantile(q: number): number {
    return this.sortedRatios[Math.min(this.n - 1, Math.max(0, Math.ceil(q * this.n) - 1))]!;
  }
}

export function lognormalNoise(sigma: number): Noise {
  return new LognormalNoise(sigma);
}

class LognormalNoise implements Noise {
  constructor(private readonly sigma: number) {}
  sample(rng: Rng): number {
    return Math.exp(this.sigma * rng.normal());
  }
  atUniform(u: number): number {
    return Math.exp(this.sigma * normalQuantile(Math.min(Math.max(u, 1e-12), 1 - 1e-12)));
  }
  quantile(q: number): number {
    return Math.exp(this.sigma * normalQuantile(q));
  }
}

/** Each sample divided by the median of its set, sorted ascending. */
export function ratiosToMedian(samples: readonly number[], medianMs: number): number[] {
  if (!(medianMs > 0)) return [];
  return sortAscending(samples.map((d) => d / medianMs));
}
