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
  /**
   * For the lognormal table, the standard normal quantiles every such noise
   * shares and its sigma: sample(rng) is exp(sigma · standardQuantiles[⌊rng.next()·n⌋]),
   * so a caller draws it from one flat table for all functions, not one per function.
   */
  lognormalTable?: { standardQuantiles: readonly number[]; sigma: number };
}

/**
 * One part of a table draw (DurationModel.tableDrawAt): weight · entries[min(n − 1, ⌊u·n⌋)],
 * or weight · exp(logSigma · entries[…]) when logSigma is set (a lognormal table).
 */
export interface TablePart {
  weight: number;
  entries: readonly number[];
  logSigma: number | undefined;
}

/** The noise as a table part of this weight, when it is drawn from a table. */
export function tablePart(noise: Noise, weight: number): TablePart | undefined {
  if (noise.sortedRatios) return { weight, entries: noise.sortedRatios, logSigma: undefined };
  if (noise.lognormalTable) return { weight, entries: noise.lognormalTable.standardQuantiles, logSigma: noise.lognormalTable.sigma };
  return undefined;
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

/**
 * Quantile positions of the lognormal table: (i + 1) / 200 for i = 0 … 198, so
 * that the table's lower quantiles at every multiple of 0.005 (the median, the
 * p95, the p99) are the lognormal's exactly (⌈q · 199⌉ − 1 = 200 q − 1).
 */
const TABLE_POINTS = 199;
let standardNormal: EmpiricalNoise | undefined;

/** The standard normal's quantiles as empirical noise, built once and shared by every lognormal table. */
function standardNormalTable(): EmpiricalNoise {
  if (!standardNormal) {
    const table = new Array<number>(TABLE_POINTS);
    for (let i = 0; i < TABLE_POINTS; i += 1) table[i] = normalQuantile((i + 1) / (TABLE_POINTS + 1));
    standardNormal = new EmpiricalNoise(table);
  }
  return standardNormal;
}

/**
 * A lognormal with this sigma as a table of its quantiles: sampled like
 * measured ratios (one uniform, one table entry), so the estimator's flat-table
 * hot path and its helper thread take it like any measured noise. The table is
 * the standard normal's, shared by every function, and exp(sigma · entry) the
 * ratio: a table of its own per function made a 10k-function estimate copy
 * 2 M ratios per call (bench/scale.ts: 1.8 s to 2.7 s). The estimator stores
 * each (table, sigma) exponentiated once, in an arena it keeps across
 * estimates (src/sim/table-arena.ts), so its draws take no exp. The tails beyond the
 * 0.005 and 0.995 quantiles are cut; nothing reads them.
 */
export function lognormalTableNoise(sigma: number): Noise {
  return new LognormalTableNoise(sigma, standardNormalTable());
}

/** exp(sigma · z) for z drawn, or read at a uniform or a quantile, from the standard normal's table. */
class LognormalTableNoise implements Noise {
  readonly lognormalTable: { standardQuantiles: readonly number[]; sigma: number };
  constructor(
    private readonly sigma: number,
    private readonly standard: EmpiricalNoise,
  ) {
    this.lognormalTable = { standardQuantiles: standard.sortedRatios, sigma };
  }
  sample(rng: Rng): number {
    return Math.exp(this.sigma * this.standard.sample(rng));
  }
  atUniform(u: number): number {
    return Math.exp(this.sigma * this.standard.atUniform(u));
  }
  quantile(q: number): number {
    return Math.exp(this.sigma * this.standard.quantile(q));
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
