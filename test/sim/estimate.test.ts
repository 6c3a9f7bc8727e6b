import assert from 'node:assert/strict';
import fc from 'fast-check';
import { durationModel } from '../../src/model/duration-model.ts';
import { normalQuantile } from '../../src/model/duration-model.ts';
import { pricesFor } from '../../src/model/platform.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { bundleMakespanMs, estimate } from '../../src/sim/estimate.ts';
import { workerSamplers } from '../../src/sim/plan-steps.ts';
import { createRng } from '../../src/sim/random.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';

// Constant platform latencies keep the hand-worked numbers exact: every Task dispatch T, no staggers.
const T = 25;
const WARM = { executionsPerHour: 1e9, calibration: constantCalibration({ taskMs: T }) }; // traffic so high that nothing is ever cold

describe('estimate', () => {
  it('gives the p95 of a fan-out of W exponentials by the order-statistics formula', () => {
    const theta = 200;
    for (const width of [1, 8, 40]) {
      const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width } } });
      const profiles = new Map([['m', exactProfile('m', (p) => -theta * Math.log(1 - p))]]);
      // W ≤ 40: Inline Map runs all W items at once.
      const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20_000, seed: 3, ...WARM });
      const expected = -theta * Math.log(1 - 0.95 ** (1 / width));
      const got = result.latencyMs.p95 - T;
      assert.ok(Math.abs(got - expected) / expected < 0.03, `W=${width}: ${got} vs ${expected}`);
    }
  });

  it('runs an Inline Map at most 40 items at a time, in Standard and in Express workflows', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 80 } } });
    const profiles = new Map([['m', exactProfile('m', () => 100, { count: 20 })]]);
    for (const orchestration of ['standard', 'express'] as const) {
      const result = estimate(ir, { ...deployAt(ir, 1769), orchestration }, profiles, { samples: 50, seed: 1, ...WARM });
      // Two waves of 40: the first after the state's dispatch, each of the second after a dispatch of its own.
      assert.equal(result.latencyMs.p50, 2 * (T + 100), orchestration);
    }
  });

  it('gives the p95 of a chain of normals as the p95 of their sum', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const params = { a: [300, 30], b: [500, 60], c: [200, 20] } as const;
    const profiles = new Map(Object.entries(params).map(([fn, [mu, sd]]) => [fn, exactProfile(fn, (p) => mu + sd * normalQuantile(p))]));
    const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20_000, seed: 5, ...WARM });
    const mean = 300 + 500 + 200;
    const sd = Math.sqrt(30 ** 2 + 60 ** 2 + 20 ** 2);
    const expected = mean + sd * normalQuantile(0.95);
    assert.ok(Math.abs(result.latencyMs.p95 - 3 * T - expected) < 5, `${result.latencyMs.p95 - 3 * T} vs ${expected}`);
  });

  it('costs a known deployment exactly as the price table says, to the cent per million', () => {
    const ir = irOf({ a: [], b: ['a'] }, { b: { map: { kind: 'fixed', width: 10 } } });
    const profiles = new Map([
      ['a', exactProfile('a', () => 120.4, { count: 20, memoryMb: 1024 })],
      ['b', exactProfile('b', () => 80, { count: 20, memoryMb: 1024 })],
    ]);
    const deployment = deployAt(ir, 1024);
    const result = estimate(ir, deployment, profiles, { samples: 100, seed: 1, ...WARM });
    const prices = pricesFor('us-east-1');
    // a: one invocation of 121 billed ms at 1 GB; b: ten of 80 ms at 1 GB.
    const compute = (1 * 0.121 + 10 * 1 * 0.08) * 0.0000166667;
    const requests = 11 * 0.2 / 1e6;
    const transitions = (1 + 1 + 10) * 0.025 / 1000;
    assert.equal(prices.standardTransitionUsd, 0.025 / 1000);
    const expectedPerMillion = (compute + requests + transitions) * 1e6;
    assert.equal((result.costUsd * 1e6).toFixed(2), expectedPerMillion.toFixed(2));
    assert.ok(Math.abs(result.breakdown.lambdaComputeUsd - compute) < 1e-15);
    assert.ok(Math.abs(result.breakdown.stepFunctionsUsd - transitions) < 1e-15);
  });

  it('runs a bundle as a makespan on its vCPUs (hand-worked: 4 items of 100 ms on 2 vCPUs take 200 ms)', () => {
    const profile = exactProfile('f', () => 100, { count: 20, memoryMb: 1769 });
    const model = durationModel(profile, 'x86_64')!;
    const rng = createRng(1);
    const at = (memoryMb: number) => ({ memoryMb, workerSamplers: workerSamplers(model, memoryMb) });
    assert.equal(bundleMakespanMs(at(3538), 4, rng), 200);
    assert.equal(bundleMakespanMs(at(3538), 3, rng), 200);
    assert.equal(bundleMakespanMs(at(1769), 3, rng), 300);
  });

  it('takes a choice\'s branches by their probabilities', () => {
    const ir = irOf({ g: [], slow: ['g'], fast: ['g'] }, { g: { choice: { slow: 0.3, fast: 0.7 } } });
    const profiles = new Map([
      ['slow', exactProfile('slow', () => 1000, { count: 20 })],
      ['fast', exactProfile('fast', () => 10, { count: 20 })],
    ]);
    const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 10_000, seed: 9, ...WARM });
    // p50 is fast (70 % of executions), p90 slow.
    assert.ok(result.latencyMs.p50 < 100);
    assert.ok(result.latencyMs.p90 > 1000);
    const slowShare = (result.breakdown.lambdaComputeUsd - 0.01 * 1.7275390625 * 0.0000166667) / ((1.0 - 0.01) * 1.7275390625 * 0.0000166667);
    assert.ok(Math.abs(slowShare - 0.3) < 0.02, `slow branch share ${slowShare}`);
  });

  it('refuses memory below a function\'s measured footprint (DAGC0103)', () => {
    const ir = irOf({ a: [] });
    const profile = profileOf('a', { x86_64: { serialMs: 100, parallelMs: 100, footprintMb: 300 } });
    assert.throws(() => estimate(ir, deployAt(ir, 256), new Map([['a', profile]]), { samples: 10, seed: 1 }), /DAGC0103/);
  });

  it('never gets slower with more memory, never costs less than zero, never returns NaN, same seed same numbers', () => {
    fc.assert(
      fc.property(
        fc.record({ serialMs: fc.integer({ min: 1, max: 500 }), parallelMs: fc.integer({ min: 0, max: 5000 }), sigma: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
        fc.constantFrom(128, 256, 512, 1024, 1769, 3008),
        fc.constantFrom(1769, 3538, 10240),
        fc.integer({ min: 1, max: 1000 }),
        (curve, low, high, seed) => {
          const ir = irOf({ a: [], b: ['a'] }, { b: { map: { kind: 'fixed', width: 4 } } });
          const profiles = new Map(['a', 'b'].map((f) => [f, profileOf(f, { x86_64: { ...curve, footprintMb: 60, measuredMb: [1769] } })]));
          const small = estimate(ir, deployAt(ir, low), profiles, { samples: 200, seed });
          const large = estimate(ir, deployAt(ir, Math.max(low, high)), profiles, { samples: 200, seed });
          assert.ok(large.latencyMs.p95 <= small.latencyMs.p95 + 1e-9);
          for (const r of [small, large]) {
            assert.ok(r.costUsd >= 0);
            assert.ok([...Object.values(r.latencyMs), r.costUsd, ...Object.values(r.breakdown)].every(Number.isFinite));
          }
          assert.deepEqual(estimate(ir, deployAt(ir, low), profiles, { samples: 200, seed }), small);
        },
      ),
      { numRuns: 80, seed: 13 },
    );
  });
});
