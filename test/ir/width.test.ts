import assert from 'node:assert/strict';
import { maxWidth, meanWidth } from '../../src/ir/width.ts';

describe('map width facts', () => {
  it('takes a fixed width as both its mean and its maximum', () => {
    assert.equal(meanWidth({ kind: 'fixed', width: 7 }), 7);
    assert.equal(maxWidth({ kind: 'fixed', width: 7 }), 7);
  });

  it('gives a uniform width the midpoint of its range as mean and its upper bound as maximum', () => {
    // Uniform on 4..10: (4 + 10) / 2 = 7.
    assert.equal(meanWidth({ kind: 'uniform', min: 4, max: 10 }), 7);
    assert.equal(maxWidth({ kind: 'uniform', min: 4, max: 10 }), 10);
  });

  it('weights each value of a discrete width by its probability, and takes the largest value as maximum', () => {
    // 2·0.5 + 10·0.25 + 6·0.25 = 1 + 2.5 + 1.5 = 5; the largest value is not the last one.
    const width = { kind: 'discrete' as const, values: [2, 10, 6], probabilities: [0.5, 0.25, 0.25] };
    assert.equal(meanWidth(width), 5);
    assert.equal(maxWidth(width), 10);
  });

  it('counts a discrete value without a probability as never drawn', () => {
    // probabilities shorter than values: 3·1 + 100·0 = 3.
    assert.equal(meanWidth({ kind: 'discrete', values: [3, 100], probabilities: [1] }), 3);
  });
});
