// A map width drawn from a discrete distribution whose probabilities sum to less than 1 (as a sum of decimal
// fractions can, by rounding): a draw past the last cumulative probability takes the last value — never no width.
// Kills src/sim/sample-executions.ts sampleWidth's fallback mutant (bench/results/mutation-src-sim-review-rvsim.txt).
import assert from 'node:assert/strict';
import { pricesFor } from '../../src/model/platform.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('sampleExecutions: a discrete map width', () => {
  it('gives a draw past the probabilities\' sum the last value', () => {
    // Probabilities 0.25 + 0.25 + 0: half the draws fall past them and take width 3, so the mean width is
    // 0.25·1 + 0.25·2 + 0.5·3 = 2.25 invocations per execution (4,000 draws: ± ~0.03).
    const ir = irOf({ m: [] }, { m: { map: { kind: 'discrete', values: [1, 2, 3], probabilities: [0.25, 0.25, 0] } } });
    const profiles = new Map([['m', exactProfile('m', () => 100, { count: 20 })]]);
    const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 4000, seed: 5, executionsPerHour: 1e9, threads: 1 });
    const invocations = result.breakdown.lambdaRequestsUsd / pricesFor(ir.region).lambdaRequestUsd;
    assert.ok(Math.abs(invocations - 2.25) < 0.1, `${invocations} invocations per execution, want 2.25`);
  });
});
