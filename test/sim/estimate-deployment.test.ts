// The estimator on what a deployment decides beyond memory: provisioned
// concurrency, cold starts, Express billing, bundles, width distributions,
// branches and S3 hops — each checked against numbers worked out by hand
// from the price table.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { WidthDistribution } from '../../src/ir/types.ts';
import { amdahlMedianMs } from '../../src/model/fit-duration-model.ts';
import { OVERHEADS, pricesFor } from '../../src/model/platform.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';

// Constant platform latencies keep the hand-worked numbers exact: every Task dispatch T (warm and cold), no staggers.
const T = 25;
const CAL = constantCalibration({ taskMs: T });
const prices = pricesFor('us-east-1');
const WARM = { executionsPerHour: 1e9, calibration: CAL };
const ALWAYS_COLD = { executionsPerHour: 1e-6, calibration: CAL };
const constant = (fn: string, ms: number, options = {}) => exactProfile(fn, () => ms, { count: 20, ...options });
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-12 + 1e-9 * Math.abs(want), `${what}: ${got} vs ${want}`);

describe('estimate: deployment decisions', () => {
  it('removes cold starts with provisioned concurrency and charges for keeping it warm, by hand', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', constant('a', 100, { memoryMb: 1024, initDurationsMs: Array(8).fill(300) })]]);
    const executionsPerHour = 6; // idle 10 min between executions: most are cold
    const cold = estimate(ir, deployAt(ir, 1024), profiles, { samples: 2000, seed: 2, executionsPerHour, calibration: CAL });
    assert.equal(cold.latencyMs.max, T + 400);
    const deployment: Deployment = { ...deployAt(ir, 1024), steps: { a: { prewarm: 1 } } };
    const warm = estimate(ir, deployment, profiles, { samples: 2000, seed: 2, executionsPerHour, calibration: CAL });
    assert.equal(warm.latencyMs.max, T + 100);
    // 1 environment × 1 GB × 3600 s at the provisioned price, spread over 6 executions an hour.
    close(warm.breakdown.provisionedConcurrencyUsd, (1 * 1 * 3600 * 0.0000041667) / 6, 'provisioned');
    // The 100 ms it runs is billed at the provisioned duration price.
    close(warm.breakdown.lambdaComputeUsd, 1 * 0.1 * 0.0000097222, 'compute');
    assert.equal(cold.breakdown.provisionedConcurrencyUsd, 0);
  });

  it('covers only the first `prewarm` invocations of a map; the rest are on demand and may be cold', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 5 } } });
    const profiles = new Map([['m', constant('m', 100, { memoryMb: 1024, initDurationsMs: Array(8).fill(300) })]]);
    const result = estimate(ir, { ...deployAt(ir, 1024), steps: { m: { prewarm: 3 } } }, profiles, { samples: 100, seed: 1, ...ALWAYS_COLD });
    assert.equal(result.latencyMs.p50, T + 400);
    close(result.breakdown.lambdaComputeUsd, 3 * 0.1 * 0.0000097222 + 2 * 0.4 * 0.0000166667, 'compute');
  });

  it('runs a cold invocation\'s handler slower by the measured cold/warm ratio, then adds and bills its init', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', constant('a', 100, { memoryMb: 1024, coldDurationsMs: Array(8).fill(250), initDurationsMs: Array(8).fill(300) })]]);
    const result = estimate(ir, deployAt(ir, 1024), profiles, { samples: 50, seed: 1, ...ALWAYS_COLD });
    assert.equal(result.latencyMs.p50, T + 250 + 300);
    close(result.breakdown.lambdaComputeUsd, 0.55 * 0.0000166667, 'compute');
  });

  it('bills an Express execution per request and per 100 ms of its duration at 64 MB', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', constant('a', 120.4, { memoryMb: 1024 })]]);
    const result = estimate(ir, { ...deployAt(ir, 1024), orchestration: 'express' }, profiles, { samples: 10, seed: 1, ...WARM });
    // 25 + 120.4 = 145.4 ms → 200 ms billed.
    close(result.breakdown.stepFunctionsUsd, 1 / 1e6 + (64 / 1024) * 0.2 * 0.00001667, 'express');
    assert.equal(prices.expressRequestUsd, 1 / 1e6);
  });

  it('runs a bundle of b items per invocation: ⌈W/b⌉ invocations, each a makespan on its vCPUs', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 8 } } });
    const profiles = new Map([['m', constant('m', 100)]]);
    const result = estimate(ir, { ...deployAt(ir, 3538), steps: { m: { bundleSize: 4 } } }, profiles, { samples: 20, seed: 1, ...WARM });
    // Two invocations of 4 items on 2 vCPUs: 200 ms each, side by side.
    assert.equal(result.latencyMs.p50, T + 200);
    close(result.breakdown.lambdaRequestsUsd, 2 * 0.2 / 1e6, 'requests');
    close(result.breakdown.stepFunctionsUsd, 3 * 0.025 / 1000, 'transitions');
    close(result.breakdown.lambdaComputeUsd, 2 * (3538 / 1024) * 0.2 * 0.0000166667, 'compute');
  });

  it('draws a map\'s width per execution from its distribution', () => {
    const cases: Array<[WidthDistribution, number]> = [
      [{ kind: 'discrete', values: [1, 30], probabilities: [0.5, 0.5] }, 15.5],
      [{ kind: 'uniform', min: 1, max: 9 }, 5],
    ];
    for (const [width, mean] of cases) {
      const ir = irOf({ m: [] }, { m: { map: width } });
      const result = estimate(ir, deployAt(ir, 1769), new Map([['m', constant('m', 100)]]), { samples: 4000, seed: 5, ...WARM });
      const invocations = result.breakdown.lambdaRequestsUsd / prices.lambdaRequestUsd;
      assert.ok(Math.abs(invocations - mean) < 0.7, `${width.kind}: ${invocations} invocations per execution, want ${mean}`);
    }
  });

  it('skips steps reachable only through a branch not taken, and a join waits only for the branch that ran', () => {
    const ir = irOf(
      { g: [], left: ['g'], after: ['left'], right: ['g'], join: ['after', 'right'] },
      { g: { choice: { left: 0.2, right: 0.8 } }, after: { outputBytes: 1024 * 1024 } },
    );
    const profiles = new Map([
      ['left', constant('left', 1000)],
      ['after', constant('after', 1000)],
      ['right', constant('right', 10)],
      ['join', constant('join', 5)],
    ]);
    const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 5000, seed: 3, ...WARM });
    const transfer = (1024 / (50 * 1024 * 1024)) * 1000; // a 1 KB inline hop
    // The Choice adds no latency of its own (the next Task's dispatch is measured from the previous handler's end).
    const viaRight = 2 * T + 10 + 5 + 2 * transfer;
    const s3Ms = OVERHEADS.s3PutMs + OVERHEADS.s3GetMs + ((2 * 1024 * 1024) / OVERHEADS.s3BytesPerSecond) * 1000;
    const viaLeft = 3 * T + 2000 + 5 + 2 * transfer + s3Ms;
    close(result.latencyMs.p50, viaRight, 'p50 (right, 80 %)');
    close(result.latencyMs.p95, viaLeft, 'p95 (left, 20 %)');
    // The 1 MB hop after → join goes through S3 only in the 20 % of executions that take the left branch.
    const s3Share = result.breakdown.s3Usd / (prices.s3PutUsd + prices.s3GetUsd);
    assert.ok(Math.abs(s3Share - 0.2) < 0.02, `S3 hop ran in ${s3Share} of executions`);
  });

  it('never gets slower with more memory on profiles measured at several sizes, same seed', () => {
    const sizes = [256, 1024, 3008];
    const ratios = [0.8, 0.9, 0.95, 1, 1, 1.05, 1.1, 1.2, 1.6];
    const profileOf = (fn: string, curve: { serialMs: number; parallelMs: number; maxUsefulVcpu: number }): FunctionProfile => {
      const fit = { kind: 'amdahl-lognormal' as const, ...curve, sigma: 0.2, initMs: 100, fitErrorPct: 0 };
      const measurements = sizes.map((memoryMb) => {
        const median = amdahlMedianMs(fit, memoryMb);
        return { memoryMb, warmDurationsMs: ratios.map((r) => r * median), coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 100, invocations: 9, errors: 0, timeouts: 0 };
      });
      return { schemaVersion: 1, function: fn, source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: { measurements, model: fit } } };
    };
    fc.assert(
      fc.property(
        fc.record({ serialMs: fc.integer({ min: 0, max: 500 }), parallelMs: fc.integer({ min: 1, max: 5000 }), maxUsefulVcpu: fc.constantFrom(0.5, 1, 2, 6) }),
        fc.integer({ min: 256, max: 10_000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 1000 }),
        (curve, low, step, seed) => {
          const ir = irOf({ a: [], b: ['a'] }, { b: { map: { kind: 'fixed', width: 4 } } });
          const profiles = new Map(['a', 'b'].map((f) => [f, profileOf(f, curve)]));
          const small = estimate(ir, deployAt(ir, low), profiles, { samples: 200, seed, ...WARM });
          const large = estimate(ir, deployAt(ir, Math.min(low + step, 10_240)), profiles, { samples: 200, seed, ...WARM });
          assert.ok(large.latencyMs.p95 <= small.latencyMs.p95 + 1e-9, `${small.latencyMs.p95} → ${large.latencyMs.p95}`);
        },
      ),
      { numRuns: 60, seed: 17 },
    );
  });
});
