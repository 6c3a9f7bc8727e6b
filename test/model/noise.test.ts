import assert from 'node:assert/strict';
import { empiricalNoise, lognormalNoise, lognormalTableNoise, ratiosToMedian, tablePart, type Noise, type Rng } from '../../src/model/noise.ts';

/** An Rng that returns the given uniform and normal draws. */
const fixedRng = (uniform: number, normal = 0): Rng => ({ next: () => uniform, normal: () => normal });
// Acklam's approximation is good to ~1.2e-9 relative: 1e-8 tolerance, far below any mutant's change.
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-8 * Math.max(1, Math.abs(want)), `${what}: ${got}, want ${want}`);

// Standard normal quantiles from the table: Φ⁻¹(0.005), Φ⁻¹(0.95), Φ⁻¹(0.975).
const Z_0_005 = -2.5758293035489004;
const Z_0_95 = 1.6448536269514722;
const Z_0_975 = 1.959963984540054;

describe('noise', () => {
  describe('empirical', () => {
    // Built per test, not in the describe body: code run at load time makes Stryker's mutants static.
    let noise: Noise;
    beforeEach(() => {
      noise = empiricalNoise([0.5, 1, 1.5, 2]);
    });

    it('draws the ratio at ⌊u·n⌋, and reads a uniform the same way with u near 1 kept on the last ratio', () => {
      assert.equal(noise.sample(fixedRng(0.74)), 1.5); // ⌊2.96⌋ = 2
      assert.equal(noise.sample(fixedRng(0)), 0.5);
      assert.equal(noise.atUniform(0.74), 1.5);
      assert.equal(noise.atUniform(0.25), 1); // ⌊1⌋ = 1
      assert.equal(noise.atUniform(1), 2); // ⌊4⌋ = 4 is past the end: the last ratio
    });

    it('gives the lower quantile: the ⌈q·n⌉-th ratio, the first at q = 0 and the last at q = 1', () => {
      assert.equal(noise.quantile(0.5), 1); // ⌈2⌉ = 2nd
      assert.equal(noise.quantile(0.51), 1.5); // ⌈2.04⌉ = 3rd
      assert.equal(noise.quantile(0), 0.5);
      assert.equal(noise.quantile(1), 2);
    });

    it('is drawn from its own sorted ratios as a table part', () => {
      assert.deepEqual(tablePart(noise, 0.25), { weight: 0.25, entries: [0.5, 1, 1.5, 2], logSigma: undefined });
    });
  });

  describe('lognormal table', () => {
    const sigma = 0.5;
    let noise: Noise;
    beforeEach(() => {
      noise = lognormalTableNoise(sigma);
    });

    it('tabulates the standard normal at (i + 1) / 200 for 199 points, shared by every sigma', () => {
      const table = noise.lognormalTable!.standardQuantiles;
      assert.equal(table.length, 199);
      close(table[0]!, Z_0_005, 'first entry');
      close(table[99]!, 0, 'middle entry');
      close(table[198]!, -Z_0_005, 'last entry');
      assert.equal(lognormalTableNoise(2).lognormalTable!.standardQuantiles, table);
      assert.deepEqual(tablePart(noise, 1), { weight: 1, entries: table, logSigma: sigma });
    });

    it('gives exp(sigma·z) at the median, the p95 and the bottom of the table', () => {
      close(noise.quantile(0.5), 1, 'median');
      close(noise.quantile(0.95), Math.exp(sigma * Z_0_95), 'p95');
      close(noise.atUniform(0), Math.exp(sigma * Z_0_005), 'u = 0');
      close(noise.sample(fixedRng(0.5)), 1, 'u = 0.5');
    });
  });

  describe('lognormal', () => {
    const sigma = 0.3;
    let noise: Noise;
    beforeEach(() => {
      noise = lognormalNoise(sigma);
    });

    it('is exp(sigma·z) for the normal draw, a uniform and a quantile', () => {
      close(noise.sample(fixedRng(0.9, 1.5)), Math.exp(sigma * 1.5), 'sample');
      close(noise.quantile(0.975), Math.exp(sigma * Z_0_975), 'quantile');
      close(noise.atUniform(0.975), Math.exp(sigma * Z_0_975), 'atUniform');
      assert.equal(tablePart(noise, 1), undefined);
    });

    it('keeps a uniform of 0 or 1 finite instead of reading an infinite quantile', () => {
      const low = noise.atUniform(0);
      const high = noise.atUniform(1);
      assert.ok(low > 0 && low < 1 && Number.isFinite(high) && high > 1, `${low} ${high}`);
      // Clamped to 1e-12: Φ⁻¹(1e-12) ≈ −7.0345.
      assert.ok(Math.abs(Math.log(low) / sigma + 7.0345) < 1e-3);
    });
  });

  it('turns samples into sorted ratios to the median, and nothing without a positive median', () => {
    assert.deepEqual(ratiosToMedian([30, 10, 20], 20), [0.5, 1, 1.5]);
    assert.deepEqual(ratiosToMedian([30, 10], 0), []);
    assert.deepEqual(ratiosToMedian([30, 10], Number.NaN), []);
  });
});
