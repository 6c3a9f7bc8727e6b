import assert from 'node:assert/strict';
import { binomialQuantileRanks, quantileRanks } from '../../src/sim/quantile-interval.ts';

// The ranks computed without the memo: under mutation testing one process
// runs every planted bug, and the memo would hand each run the ranks an
// earlier one computed (src/sim/quantile-interval.ts says why it exports them).

/** Binomial(n, q) probabilities by the product formula, no logs. */
function binomialPmf(n: number, q: number): number[] {
  return Array.from({ length: n + 1 }, (_, k) => {
    let c = 1;
    for (let i = 1; i <= k; i += 1) c = (c * (n - k + i)) / i;
    return c * q ** k * (1 - q) ** (n - k);
  });
}

/** The largest l with P(B ≤ l − 1) ≤ tail and the smallest u with P(B ≥ u) ≤ tail, by summing the pmf directly. */
function bruteForceRanks(n: number, q: number, confidence: number): [number, number] {
  const pmf = binomialPmf(n, q);
  const tail = (1 - confidence) / 2;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  let l = 1;
  for (let rank = 1; rank <= n; rank += 1) if (sum(pmf.slice(0, rank)) <= tail) l = rank;
  let u = n;
  for (let rank = n; rank >= 1; rank -= 1) if (sum(pmf.slice(rank)) <= tail) u = rank;
  return [l, u];
}

describe('binomialQuantileRanks (the order-statistic ranks, computed afresh)', () => {
  it('matches a brute-force binomial on small and skewed cases, two draws included', () => {
    const cases: [number, number, number][] = [
      [2, 0.5, 0.5], [3, 0.9, 0.2], [5, 0.5, 0.5], [12, 0.95, 0.5], [25, 0.5, 0.95], [40, 0.9, 0.95], [60, 0.99, 0.8], [80, 0.05, 0.9],
    ];
    for (const [n, q, confidence] of cases) {
      assert.deepEqual(binomialQuantileRanks(n, q, confidence), bruteForceRanks(n, q, confidence), `n=${n} q=${q} c=${confidence}`);
    }
  });

  it('narrows around ⌈q·n⌉ for an ordinary sample (not the whole range a degenerate level gets)', () => {
    const [l, u] = binomialQuantileRanks(2000, 0.95);
    assert.ok(l > 1 && u < 2000, `[${l}, ${u}]`);
    assert.ok(l <= 1900 && 1900 <= u, `[${l}, ${u}]`);
  });

  it('gives the whole range [1, n] at the levels 0 and 1, and [1, 1] for no draw or one', () => {
    assert.deepEqual(binomialQuantileRanks(10, 0), [1, 10]);
    assert.deepEqual(binomialQuantileRanks(10, 1), [1, 10]);
    assert.deepEqual(binomialQuantileRanks(10, -0.5), [1, 10]);
    assert.deepEqual(binomialQuantileRanks(10, 1.5), [1, 10]);
    assert.deepEqual(binomialQuantileRanks(1, 0.5), [1, 1]);
    assert.deepEqual(binomialQuantileRanks(0, 0.5), [1, 1]);
  });

  it('is what the memoized quantileRanks returns', () => {
    for (const [n, q] of [[37, 0.95], [911, 0.5], [3, 0.99]] as const) assert.deepEqual(quantileRanks(n, q, 0.9), binomialQuantileRanks(n, q, 0.9));
  });
});
