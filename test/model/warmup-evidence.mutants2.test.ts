// warmupCorrections where the src/model run's survivors showed the tests thin (issue 26; reviewed in
// bench/results/mutation-src-model-review-rvmodel.txt): one size of warm-up evidence (no position seen at two
// sizes, so no τ² to estimate), and a cold-only size beside it (no steady samples, so no degree of freedom).
// Worked by hand from the module header's formulas.
import assert from 'node:assert/strict';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';
import { warmupCorrections } from '../../src/model/warmup-evidence.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-12, `${what}: ${got}, want ${want}`);

/**
 * One cold start, warm-up 200 ms, steady 100, 100, 200 ms. The first steady call counts as warm-up position 2
 * (SLOW_STEADY_CALLS), so positions 200, 100 ms and steady 100, 200 ms: level ln(100·√2), σ² = 2·(ln 2 / 2)² / 1.
 */
const warmedUp: MemoryMeasurement = {
  memoryMb: 1769, warmupDurationsMs: [200], warmDurationsMs: [100, 100, 200], coldDurationsMs: [400], initDurationsMs: [250],
  maxMemoryUsedMb: 64, invocations: 5, errors: 0, timeouts: 0,
};
const coldOnly: MemoryMeasurement = {
  memoryMb: 3538, warmDurationsMs: [], coldDurationsMs: [300, 320], initDurationsMs: [250, 260], maxMemoryUsedMb: 64, invocations: 2, errors: 0, timeouts: 0,
};

/**
 * With σ² > 0 and τ² = 0 (one size: nothing to pool), each position's weight is σ² / (σ² + Var(estimate)),
 * Var(estimate) = σ²·(1 + 1/2) / (1 + PRIOR_SIZES) = 0.75 σ²: weight 1 / 1.75 = 4/7, spread scale 1; the log
 * slowdowns are the difference to the level averaged with the prior's log (1.51 and 1.2).
 */
function assertOneSizeCorrections(measurements: MemoryMeasurement[]): void {
  const corrections = warmupCorrections(measurements);
  assert.equal(corrections.length, 2);
  const level = Math.log(100 * Math.SQRT2);
  close(corrections[0]!.logSlowdown, (Math.log(200) - level + Math.log(1.51)) / 2, 'position 1 log slowdown');
  close(corrections[1]!.logSlowdown, (Math.log(100) - level + Math.log(1.2)) / 2, 'position 2 log slowdown');
  for (const [k, c] of corrections.entries()) {
    close(c.weight, 4 / 7, `position ${k + 1} weight`);
    close(c.spreadScale, 1, `position ${k + 1} spread scale`);
  }
}

describe('warmupCorrections: one size of evidence, and a cold-only size beside it', () => {
  it('weighs one size\'s warm-up samples by σ² against the estimate\'s variance alone (no τ² from one size)', () => {
    assertOneSizeCorrections([warmedUp]);
  });

  it('takes nothing from a cold-only size: no steady samples, no degree of freedom in σ²', () => {
    assertOneSizeCorrections([warmedUp, coldOnly]);
    assertOneSizeCorrections([coldOnly, warmedUp]);
  });
});
