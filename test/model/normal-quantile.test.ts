import assert from 'node:assert/strict';
import { normalQuantile } from '../../src/model/normal-quantile.ts';

// Reference points: Φ(z) from the standard normal table / erfc, so Φ⁻¹(Φ(z)) = z.
const REFERENCE: Array<[p: number, z: number]> = [
  [0.5, 0],
  [0.8413447460685429, 1], // Φ(1), central region
  [0.15865525393145707, -1],
  [0.975, 1.959963984540054],
  [0.022750131948179195, -2], // Φ(−2), below the 0.02425 switch to the tail formula
  [0.9772498680518208, 2], // Φ(2), above 1 − 0.02425: the upper tail by symmetry
  [0.001, -3.090232306167813],
  [0.999, 3.090232306167813],
  [1e-10, -6.361340902404056],
];

describe('normalQuantile', () => {
  it('inverts the standard normal CDF within Acklam\'s accuracy, in the centre and both tails', () => {
    for (const [p, z] of REFERENCE) {
      const got = normalQuantile(p);
      assert.ok(Math.abs(got - z) <= 1e-8 * Math.max(1, Math.abs(z)), `Φ⁻¹(${p}) = ${got}, want ${z}`);
    }
  });

  it('is −∞ at 0 and below, +∞ at 1 and above', () => {
    assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
    assert.equal(normalQuantile(-0.5), Number.NEGATIVE_INFINITY);
    assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
    assert.equal(normalQuantile(1.5), Number.POSITIVE_INFINITY);
  });

  it('is continuous where it switches between the central and the tail formulas', () => {
    // Both sides of p = 0.02425 and of 1 − 0.02425 agree to the approximation's accuracy.
    for (const p of [0.02425, 1 - 0.02425]) {
      const jump = Math.abs(normalQuantile(p + 1e-12) - normalQuantile(p - 1e-12));
      assert.ok(jump < 1e-8, `jump ${jump} at ${p}`);
    }
  });
});
