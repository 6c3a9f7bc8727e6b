import assert from 'node:assert/strict';
import { quantileInterval, quantileRanks } from '../../src/sim/quantile-interval.ts';
import { createRng } from '../../src/sim/random.ts';

describe('quantileInterval (order-statistic confidence interval)', () => {
  it('brackets the sampled quantile\'s rank ⌈q·n⌉ and narrows with more samples', () => {
    for (const n of [50, 400, 2000, 16000]) {
      const [l, u] = quantileRanks(n, 0.95);
      assert.ok(l <= Math.ceil(0.95 * n) && Math.ceil(0.95 * n) <= u, `${n}: [${l}, ${u}]`);
    }
    const width = (n: number) => (quantileRanks(n, 0.95)[1] - quantileRanks(n, 0.95)[0]) / n;
    assert.ok(width(16000) < width(2000) && width(2000) < width(400));
  });

  it('covers the true p95 of a skewed distribution about 95 % of the time, with no assumption about its shape', () => {
    // Pareto draws (heavy right tail): the true p95 is 20^(1/α) · xm.
    const alpha = 1.5;
    const truth = 20 ** (1 / alpha);
    const rng = createRng(7);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t += 1) {
      const draws = Float64Array.from({ length: 300 }, () => (1 - rng.next()) ** (-1 / alpha)).sort();
      const { lowMs, highMs } = quantileInterval(draws, 0.95);
      if (lowMs <= truth && truth <= highMs) covered += 1;
    }
    // Order-statistic intervals are conservative (discrete ranks): at least 95 %, not far above.
    assert.ok(covered / trials >= 0.935 && covered / trials <= 0.985, `coverage ${covered / trials}`);
  });
});
