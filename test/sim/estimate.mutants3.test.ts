// When a close call stops drawing (src/sim/estimate.ts, options.decide), at the edges of its rule: the verdict is
// decided when the percentile's interval [low, high] is on one side of the threshold — high ≤ threshold (meets for
// sure) or low > threshold (misses for sure) — or narrower than ±1 % of the percentile; otherwise it doubles.
// One task whose durations take few distinct values, every Task dispatch a constant 25 ms, never cold: each latency
// is exactly 25 + a duration, so the interval's ends are exact numbers to put the threshold on.
import assert from 'node:assert/strict';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { estimate, type EstimateOptions } from '../../src/sim/estimate.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const ir = () => irOf({ t: [] });
const OPTIONS: EstimateOptions = { samples: 200, seed: 1, threads: 1, executionsPerHour: 1e9, calibration: constantCalibration({ taskMs: 25 }) };

function run(profile: FunctionProfile, thresholdMs?: number) {
  const graph = ir();
  const profiles = new Map([['t', profile]]);
  return estimate(graph, deployAt(graph, 1769), profiles, thresholdMs === undefined ? OPTIONS : { ...OPTIONS, decide: { percentile: 'p95', thresholdMs } });
}

describe('estimate deciding at the edges of its stopping rule', () => {
  // 95 % of the durations 100 ms, 5 % 200 ms: the p95's interval over 200 draws spans 125 … 225.
  const twoValued = () => exactProfile('t', (p) => (p < 0.95 ? 100 : 200), { count: 2000 });

  it('stops at the threshold equal to the interval\'s high end: the percentile is at most the threshold', () => {
    const plain = run(twoValued());
    assert.deepEqual([plain.monteCarlo!.lowMs, plain.monteCarlo!.highMs], [125, 225]);
    assert.equal(run(twoValued(), 225).samples, 200);
  });

  it('draws more at the threshold equal to the interval\'s low end: the percentile may be above it', () => {
    assert.ok(run(twoValued(), 125).samples > 200);
  });

  it('stops when the interval straddles the threshold but is narrower than ±1 % of the percentile', () => {
    // Durations uniform on 1000 … 1001 ms: the interval is a few hundredths of a millisecond wide.
    const narrow = () => exactProfile('t', (p) => 1000 + p, { count: 2000 });
    const plain = run(narrow());
    const { lowMs, highMs } = plain.monteCarlo!;
    const thresholdMs = (lowMs + highMs) / 2;
    assert.ok(lowMs < thresholdMs && thresholdMs < highMs && (highMs - lowMs) / 2 < 0.01 * plain.latencyMs.p95, JSON.stringify(plain.monteCarlo));
    assert.equal(run(narrow(), thresholdMs).samples, 200);
  });
});
