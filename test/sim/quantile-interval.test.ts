import assert from 'node:assert/strict';
import { latencyIntervals, quantileInterval, quantileRanks } from '../../src/sim/quantile-interval.ts';
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

  it('gives every reported percentile its interval, each bracketing the sampled value at its rank', () => {
    // 1..1000: the value at rank r is r, so each interval is its ranks.
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const intervals = latencyIntervals(sorted);
    for (const [p, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const) {
      const [l, u] = quantileRanks(1000, q);
      assert.deepEqual(intervals[p], { lowMs: l, highMs: u });
      assert.ok(l < Math.ceil(q * 1000) && Math.ceil(q * 1000) < u, `${p}: [${l}, ${u}]`);
    }
  });

  it('picks exactly the ranks a brute-force binomial gives: the largest l with P(B ≤ l − 1) ≤ tail, the smallest u with P(B ≥ u) ≤ tail', () => {
    /** Binomial(n, q) probabilities by the product formula, no logs. */
    const pmf = (n: number, q: number) =>
      Array.from({ length: n + 1 }, (_, k) => {
        let c = 1;
        for (let i = 1; i <= k; i += 1) c = (c * (n - k + i)) / i;
        return c * q ** k * (1 - q) ** (n - k);
      });
    const bruteForce = (n: number, q: number, confidence: number): [number, number] => {
      const p = pmf(n, q);
      const tail = (1 - confidence) / 2;
      let l = 1;
      for (let rank = 1; rank <= n; rank += 1) if (p.slice(0, rank).reduce((a, b) => a + b, 0) <= tail) l = rank;
      let u = n;
      for (let rank = n; rank >= 1; rank -= 1) if (p.slice(rank).reduce((a, b) => a + b, 0) <= tail) u = rank;
      return [l, u];
    };
    for (const [n, q, confidence] of [[20, 0.5, 0.95], [40, 0.9, 0.95], [60, 0.95, 0.9], [30, 0.2, 0.99], [7, 0.5, 0.5]] as const) {
      assert.deepEqual(quantileRanks(n, q, confidence), bruteForce(n, q, confidence), `n=${n} q=${q} c=${confidence}`);
    }
    // By hand for n = 20, q = 0.5, 95 %: P(B ≤ 5) = 0.0207 ≤ 0.025 < P(B ≤ 6) = 0.0577, so l = 6; symmetric, u = 15.
    assert.deepEqual(quantileRanks(20, 0.5), [6, 15]);
  });

  it('brackets with the whole sample when the level or the sample leaves nothing to compute', () => {
    assert.deepEqual(quantileRanks(1, 0.5), [1, 1]);
    assert.deepEqual(quantileRanks(0, 0.5), [1, 1]);
    assert.deepEqual(quantileRanks(10, 0), [1, 10]);
    assert.deepEqual(quantileRanks(10, 1), [1, 10]);
    // Three draws cannot bracket a median at 95 %: the tails are 1/8 each, so the whole sample.
    assert.deepEqual(quantileRanks(3, 0.5), [1, 3]);
  });

  it('reads the interval off the sorted draws at its ranks, at the confidence asked', () => {
    const sorted = Float64Array.from({ length: 20 }, (_, i) => 10 * (i + 1));
    assert.deepEqual(quantileInterval(sorted, 0.5), { lowMs: 60, highMs: 150 });
    const [l, u] = quantileRanks(20, 0.5, 0.5);
    assert.deepEqual(quantileInterval(sorted, 0.5, 0.5), { lowMs: 10 * l, highMs: 10 * u });
    assert.ok(u - l < 15 - 6, 'a lower confidence narrows the interval');
  });
});
