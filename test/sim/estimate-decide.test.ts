// Enough samples to decide (src/sim/estimate.ts, options.decide): the Monte
// Carlo error of a percentile is reported, and more samples are drawn only
// while a verdict on the threshold is too close to call.
import assert from 'node:assert/strict';
import { normalQuantile } from '../../src/model/normal-quantile.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const WARM = { executionsPerHour: 1e9, threads: 1 };

describe('estimate with a threshold to decide', () => {
  // A map of heavy-tailed items: the workflow p95 is the p95 of a maximum of 20 lognormal draws, which 2,000 samples
  // place only to about ±6 % (95 % half-width ~110 ms at ~1,850 ms; seeds 6 and 7 give p95s 14 % apart, the widest
  // pair of seeds 1–10). Twenty items, not hundreds: StrykerJS runs these tests once per mutant of src/sim with its
  // mutant switches in the sampling loop (~100× slower), and at width 200 this file took 6 minutes of each run.
  const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 20 } } });
  const profiles = new Map([['m', exactProfile('m', (p) => 100 * Math.exp(normalQuantile(p)), { count: 20_000 })]]);
  const deployment = deployAt(ir, 1769);
  const plain = (seed: number, samples = 2000) => estimate(ir, deployment, profiles, { samples, seed, ...WARM });
  const decided = (seed: number, thresholdMs: number) => estimate(ir, deployment, profiles, { samples: 2000, seed, ...WARM, decide: { percentile: 'p95', thresholdMs } });

  it('reports the p95\'s Monte Carlo interval around the p95 it returns', () => {
    const result = plain(1);
    const error = result.monteCarlo!;
    assert.equal(error.percentile, 'p95');
    assert.equal(error.samples, 2000);
    assert.ok(error.lowMs <= result.latencyMs.p95 && result.latencyMs.p95 <= error.highMs, JSON.stringify(error));
    assert.ok(error.highMs > error.lowMs);
  });

  it('makes two seeds agree within the reported error on a close call, where 2,000 draws did not', () => {
    const [a, b] = [plain(6), plain(7)];
    const halfWidth = (r: typeof a) => (r.monteCarlo!.highMs - r.monteCarlo!.lowMs) / 2;
    // Threshold near the p95: the verdict is close, so more chunks are drawn.
    const threshold = (a.latencyMs.p95 + b.latencyMs.p95) / 2;
    // Seeds whose 2,000-draw intervals straddle it (1: 1,853 ± 90 ms, 4: 1,880 ± 118 ms), so each must draw more.
    const [x, y] = [decided(1, threshold), decided(4, threshold)];
    assert.ok(x.samples > 2000 && y.samples > 2000, `${x.samples}, ${y.samples}`);
    assert.ok(Math.abs(x.latencyMs.p95 - y.latencyMs.p95) <= Math.max(halfWidth(x), halfWidth(y)), `${x.latencyMs.p95} vs ${y.latencyMs.p95} ± ${halfWidth(x)}, ${halfWidth(y)}`);
    assert.ok(halfWidth(x) < halfWidth(a) / 1.5, `${halfWidth(x)} vs ${halfWidth(a)}`);
    assert.ok(Math.abs(a.latencyMs.p95 - b.latencyMs.p95) > halfWidth(x), 'the plain estimates were not already this close');
  });

  it('draws no more samples when the verdict is clear either way', () => {
    const p95 = plain(1).latencyMs.p95;
    assert.equal(decided(1, p95 * 2).samples, 2000);
    assert.equal(decided(1, p95 / 2).samples, 2000);
    assert.deepEqual(decided(1, p95 * 2).latencyMs, plain(1).latencyMs);
  });

  it('gives exactly the plain estimate with the samples it settled on (whole chunks, same seed)', () => {
    const threshold = plain(1).latencyMs.p95;
    const first = decided(1, threshold);
    const again = decided(1, threshold);
    assert.deepEqual(again, first);
    const same = plain(1, first.samples);
    assert.deepEqual(same.latencyMs, first.latencyMs);
    assert.equal(same.costUsd, first.costUsd);
    assert.ok(first.samples % 256 === 0 || first.samples === 16_000, `${first.samples}`);
  });
});
