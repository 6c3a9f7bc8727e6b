// The Monte Carlo interval's ranks at an exact tie (src/sim/quantile-interval.ts): the lower rank l is the largest
// with P(B ≤ l − 1) ≤ tail — "at most", so a binomial tail exactly equal to (1 − confidence)/2 still moves l up.
// At q = 1/2 the binomial probabilities are dyadic (C(n, k)/2ⁿ), so the confidences below make the tie exact.
import assert from 'node:assert/strict';
import { binomialQuantileRanks } from '../../src/sim/quantile-interval.ts';

describe('binomialQuantileRanks at a tail equal to (1 − confidence)/2', () => {
  it('takes l = 2 for 4 draws when P(B ≤ 1) = 5/16 is exactly the tail (confidence 3/8)', () => {
    // Binomial(4, 1/2): 1, 4, 6, 4, 1 sixteenths. tail = (1 − 3/8)/2 = 5/16 = P(B ≤ 1) = P(B ≥ 3): l = 2, u = 3.
    assert.deepEqual(binomialQuantileRanks(4, 0.5, 0.375), [2, 3]);
  });

  it('takes l = 3 for 8 draws when P(B ≤ 2) = 37/256 is exactly the tail', () => {
    // Binomial(8, 1/2): P(B ≤ 2) = (1 + 8 + 28)/256 = 37/256 = P(B ≥ 6); confidence 1 − 74/256.
    assert.deepEqual(binomialQuantileRanks(8, 0.5, 1 - 74 / 256), [3, 6]);
  });
});
