import assert from 'node:assert/strict';
import { quantileInterval, Z_95 } from '../../src/sim/quantile-interval.ts';

describe('quantileInterval', () => {
  it('brackets the q-quantile with the order statistics at n·q ∓ z·√(n·q·(1−q))', () => {
    // 1..1000: the value at rank r is r. n·q = 950, z·√(1000·0.95·0.05) = 1.96·6.892 = 13.51.
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    assert.deepEqual(quantileInterval(sorted, 0.95), { lowMs: 936, highMs: 964 });
    assert.deepEqual(quantileInterval(sorted, 0.5, Z_95), { lowMs: 469, highMs: 531 });
  });

  it('clamps the ranks to the sample, so a tiny sample gives an interval reaching its largest draw', () => {
    // n·q = 2.85 ∓ 0.74: ranks 2 and 4, the top one clamped to 3.
    assert.deepEqual(quantileInterval([5, 6, 7], 0.95), { lowMs: 6, highMs: 7 });
  });

  it('covers the true p95 of a known distribution about 95 % of the time', () => {
    // Uniform(0, 1): the true p95 is 0.95. 400 intervals of 500 draws each from a seeded LCG.
    let state = 12345;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    let covered = 0;
    for (let trial = 0; trial < 400; trial += 1) {
      const draws = Float64Array.from({ length: 500 }, next).sort();
      const { lowMs, highMs } = quantileInterval(draws, 0.95);
      if (lowMs <= 0.95 && 0.95 <= highMs) covered += 1;
    }
    assert.ok(covered >= 360 && covered <= 396, `covered ${covered} of 400`);
  });
});
