// A close call's growth stops at its cap (src/sim/estimate.ts, options.decide): more samples are drawn in whole
// chunks by doubling, but never past maxSamples, even when the cap is not a whole number of chunks.
import assert from 'node:assert/strict';
import { normalQuantile } from '../../src/model/normal-quantile.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('estimate deciding a close call', () => {
  it('draws at most maxSamples when the cap falls inside a chunk (256 asked, cap 300)', () => {
    // One task with widely spread durations (lognormal, σ = 1): 256 draws place its p95 only to tens of per cent.
    const ir = irOf({ t: [] });
    const profiles = new Map([['t', exactProfile('t', (p) => 100 * Math.exp(normalQuantile(p)), { count: 2000 })]]);
    const options = { samples: 256, seed: 3, executionsPerHour: 1e9, threads: 1 };
    const plain = estimate(ir, deployAt(ir, 1769), profiles, options);
    const error = plain.monteCarlo!;
    // The threshold at the sampled p95 itself: the interval straddles it and is far wider than ±1 %.
    assert.ok(error.lowMs <= plain.latencyMs.p95 && error.highMs > plain.latencyMs.p95 && (error.highMs - error.lowMs) / 2 > 0.01 * plain.latencyMs.p95, JSON.stringify(error));
    const decided = estimate(ir, deployAt(ir, 1769), profiles, { ...options, decide: { percentile: 'p95', thresholdMs: plain.latencyMs.p95, maxSamples: 300 } });
    assert.equal(decided.samples, 300);
  });
});
