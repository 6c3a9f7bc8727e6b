// The estimator on the structural decisions: fusion groups (one invocation,
// one transition, members sharing the Lambda's vCPUs), warm-up pings,
// Distributed Map (10,000-wide waves, Express child executions), very wide
// maps drawn in time independent of their width, and accelerator steps run
// as AWS Batch jobs — each against numbers worked out by hand.
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import { BATCH, OVERHEADS, pricesFor } from '../../src/model/platform.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import type { PlatformCalibration } from '../../src/model/calibration.ts';

// Constant platform latencies keep the hand-worked numbers exact: every Task dispatch T (warm and cold), no staggers.
const T = 25;
const CAL = constantCalibration({ taskMs: T });
const prices = pricesFor('us-east-1');
const WARM = { executionsPerHour: 1e9, calibration: CAL };
const constant = (fn: string, ms: number, options = {}) => exactProfile(fn, () => ms, { count: 20, ...options });
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-12 + 1e-9 * Math.abs(want), `${what}: ${got} vs ${want}`);

describe('estimate: structural decisions', () => {
  it('runs a fused chain as one invocation: one transition, one request, no hop, the members one after another', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { outputBytes: 50 * 1024 * 1024 / 1000 } });
    const profiles = new Map([['a', constant('a', 100, { memoryMb: 1024 })], ['b', constant('b', 200, { memoryMb: 1024 })], ['c', constant('c', 50, { memoryMb: 1024 })]]);
    const base = deployAt(ir, 1024);
    const apart = estimate(ir, base, profiles, { samples: 50, seed: 1, ...WARM });
    const fused: Deployment = { ...base, steps: { a: { fusionGroup: 'g' }, b: { fusionGroup: 'g' } }, groups: { g: { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } } };
    const together = estimate(ir, fused, profiles, { samples: 50, seed: 1, ...WARM });
    // a → b's inline hop is 50 KB at the inline rate: 1 ms.
    close(apart.latencyMs.p50, 3 * T + 100 + 1 + 200 + 50 + (1024 / (50 * 1024 * 1024)) * 1000, 'apart');
    close(together.latencyMs.p50, 2 * T + 300 + 50 + (1024 / (50 * 1024 * 1024)) * 1000, 'fused');
    close(apart.breakdown.stepFunctionsUsd - together.breakdown.stepFunctionsUsd, prices.standardTransitionUsd, 'one transition fewer');
    close(apart.breakdown.lambdaRequestsUsd - together.breakdown.lambdaRequestsUsd, prices.lambdaRequestUsd, 'one request fewer');
    close(together.breakdown.lambdaComputeUsd, apart.breakdown.lambdaComputeUsd, 'the same GB-seconds');
  });

  it('shares the vCPUs among fused parallel branches: at one vCPU they take the sum, at two each gets half the memory', () => {
    // Single-threaded, measured at 1769 and 3538 MB (flat above one vCPU) and at 884 MB (twice as slow).
    const profile = (fn: string) => {
      const p = constant(fn, 100, { memoryMb: 1769 });
      const arch = p.architectures.x86_64!;
      arch.measurements.unshift({ ...arch.measurements[0]!, memoryMb: 885, warmDurationsMs: Array(20).fill(200) });
      return p;
    };
    const ir = irOf({ s: [], x: ['s'], y: ['s'] });
    const profiles = new Map([['s', constant('s', 10, { memoryMb: 1769 })], ['x', profile('x')], ['y', profile('y')]]);
    const group = (memoryMb: number): Deployment => ({ ...deployAt(ir, 1769), steps: { x: { fusionGroup: 'g' }, y: { fusionGroup: 'g' } }, groups: { g: { steps: ['x', 'y'], memoryMb, architecture: 'x86_64' } } });
    const oneVcpu = estimate(ir, group(1769), profiles, { samples: 20, seed: 1, ...WARM });
    const twoVcpus = estimate(ir, group(1770), profiles, { samples: 20, seed: 1, ...WARM });
    close(oneVcpu.latencyMs.p50, 2 * T + 10 + 200 + 2 * (1024 / (50 * 1024 * 1024)) * 1000, 'one vCPU: one after the other');
    // 1770 MB is 1.0006 vCPU: one worker; at 3540 MB two workers of 1770 MB each run 100 ms in parallel.
    const two = estimate(ir, group(3540), profiles, { samples: 20, seed: 1, ...WARM });
    assert.ok(two.latencyMs.p50 < oneVcpu.latencyMs.p50 - 90, `two workers ${two.latencyMs.p50} vs ${oneVcpu.latencyMs.p50}`);
    assert.ok(twoVcpus.latencyMs.p50 >= oneVcpu.latencyMs.p50 - 1);
  });

  it('makes a pinged step never cold, and charges one request and the ping\'s init when it finds the environment cold', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map([['a', constant('a', 100, { memoryMb: 1024, initDurationsMs: Array(8).fill(300) })], ['b', constant('b', 100, { memoryMb: 1024, initDurationsMs: Array(8).fill(300) })]]);
    const rare = { executionsPerHour: 1e-6, calibration: CAL }; // always cold
    const base = deployAt(ir, 1024);
    const cold = estimate(ir, base, profiles, { samples: 50, seed: 3, ...rare });
    const pinged = estimate(ir, { ...base, steps: { b: { warmedBy: 'a' } } }, profiles, { samples: 50, seed: 3, ...rare });
    assert.ok(pinged.latencyMs.p50 <= cold.latencyMs.p50 - 300 + 1e-9, `${pinged.latencyMs.p50} vs ${cold.latencyMs.p50}`);
    close(pinged.breakdown.lambdaRequestsUsd - cold.breakdown.lambdaRequestsUsd, prices.lambdaRequestUsd, 'the ping is a request');
    // b's own invocation no longer pays 300 ms of init; the ping does (fit initMs 100 at cold probability 1) plus 1 ms.
    close(pinged.breakdown.lambdaComputeUsd - cold.breakdown.lambdaComputeUsd, (1 * (1 + 100) / 1000) * prices.lambdaGbSecondUsd.x86_64 - (1 * 300 / 1000) * prices.lambdaGbSecondUsd.x86_64, 'compute');
  });

  it('runs a Distributed Map as wide as the account\'s Lambda concurrency where an Inline Map runs 40 at a time, and bills each child as an Express execution', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 400 } } });
    const profiles = new Map([['m', constant('m', 100, { memoryMb: 1024 })]]);
    const inline = estimate(ir, deployAt(ir, 1024), profiles, { samples: 10, seed: 1, ...WARM });
    const distributed = estimate(ir, { ...deployAt(ir, 1024), steps: { m: { map: { mode: 'distributed', maxConcurrency: 0 } } } }, profiles, { samples: 10, seed: 1, ...WARM });
    // Ten waves of 40, each after a dispatch (the first wave's is the state's).
    close(inline.latencyMs.p50, 10 * (T + 100), 'ten waves of 40');
    close(distributed.latencyMs.p50, T + OVERHEADS.distributedChildStartMs + 100, 'one wave');
    // 400 children × ($1/M + 64 MB × 200 ms (150 ms rounded up to 100 ms steps)).
    const child = prices.expressRequestUsd + (64 / 1024) * 0.2 * prices.expressGbSecondUsd;
    close(distributed.breakdown.stepFunctionsUsd - inline.breakdown.stepFunctionsUsd, 400 * child, 'child executions');
  });

  it('draws a map of a million items in waves of order statistics, billing the expected duration of every item', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 1_000_000 } } });
    const profiles = new Map([['m', constant('m', 100, { memoryMb: 1024 })]]);
    const result = estimate(ir, { ...deployAt(ir, 1024), steps: { m: { map: { mode: 'distributed', maxConcurrency: 10_000 } } } }, profiles, { samples: 200, seed: 1, ...WARM });
    // Distributed Map allows 10,000 children, the account 1,000 concurrent Lambdas: 1,000 waves of 1,000, each a dispatch, 100 ms and the child start.
    close(result.latencyMs.p50, 1000 * (T + 100 + OVERHEADS.distributedChildStartMs), 'waves');
    close(result.breakdown.lambdaComputeUsd, 1_000_000 * 1 * 0.1 * prices.lambdaGbSecondUsd.x86_64, 'compute');
    close(result.breakdown.lambdaRequestsUsd, 1_000_000 * prices.lambdaRequestUsd, 'requests');
  });

  it('sums the 25,000 waves of an Inline Map of a million items by their mean, not one by one', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 1_000_000 } } });
    const profiles = new Map([['m', constant('m', 100, { memoryMb: 1024 })]]);
    const result = estimate(ir, deployAt(ir, 1024), profiles, { samples: 200, seed: 1, ...WARM });
    // Constant 100 ms invocations after a constant dispatch: every wave is T + 100 ms, the variance 0.
    close(result.latencyMs.p50, 25_000 * (T + 100), 'waves of 40');
  });

  describe('a wide map\'s waves, dispatched by kind as the narrow path dispatches them', () => {
    // An entry map's first item and its later items have dispatch tables of their own; a cold invocation outside a
    // cold wave its isolated cold dispatch. Constant latencies, so each wave's time is exact.
    const FIRST = 40;
    const FIRST_COLD = 60;
    const NEXT = 7;
    const ISOLATED_COLD = 90;
    const INIT = 300;
    const fixed = (ms: number) => ({ shiftMs: ms, medianMs: 0, sigma: 0, source: 'test: constant', observations: 0 });
    const base = constantCalibration({ taskMs: T });
    const byKind: PlatformCalibration = {
      ...base,
      orchestration: {
        ...base.orchestration,
        dispatchByKind: {
          mapFirstItem: { standard: { warm: fixed(FIRST), cold: fixed(FIRST_COLD) }, express: { warm: fixed(FIRST), cold: fixed(FIRST_COLD) } },
          mapNextItem: { standard: { warm: fixed(NEXT), cold: fixed(NEXT) }, express: { warm: fixed(NEXT), cold: fixed(NEXT) } },
        },
        isolatedColdTaskDispatch: { standard: fixed(ISOLATED_COLD), express: fixed(ISOLATED_COLD) },
      },
    };
    // 20,000 items on a Distributed Map: the account's 1,000 concurrent Lambdas make 20 waves, drawn one by one (≤ 32).
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 20_000 } } });
    const profiles = new Map([['m', constant('m', 100, { memoryMb: 1024, coldDurationsMs: Array(8).fill(100), initDurationsMs: Array(8).fill(INIT) })]]);
    const deployment = { ...deployAt(ir, 1024), steps: { m: { map: { mode: 'distributed' as const, maxConcurrency: 10_000 } } } };
    const child = OVERHEADS.distributedChildStartMs;

    it('warm: the first wave after a map\'s first-item dispatch, each of the 19 others after a next-item dispatch', () => {
      const result = estimate(ir, deployment, profiles, { samples: 50, seed: 1, executionsPerHour: 1e9, calibration: byKind });
      close(result.latencyMs.p50, FIRST + 100 + child + 19 * (NEXT + 100 + child), 'twenty waves');
    });

    it('every invocation cold outside a cold wave: each wave waits for a cold one — its isolated cold dispatch and its Init', () => {
      const result = estimate(ir, deployment, profiles, { samples: 50, seed: 1, executionsPerHour: 1e-6, calibration: byKind });
      close(result.latencyMs.p50, 20 * (ISOLATED_COLD + INIT + 100 + child), 'twenty cold waves');
    });

    it('in a cold wave of executions: the first wave all cold after the first item\'s cold dispatch, the 19 later ones warm', () => {
      const burst = { ratePerHour: 0, burst: { executions: 30, everyMs: 3_600_000 } };
      const result = estimate(ir, deployment, profiles, { samples: 50, seed: 1, arrivals: burst, calibration: byKind });
      close(result.latencyMs.p50, FIRST_COLD + INIT + 100 + child + 19 * (NEXT + 100 + child), 'one cold wave, then warm');
    });
  });

  it('runs an accelerator step as a Batch job: dispatch latency, instance seconds with EC2\'s minimum, no Lambda', () => {
    const ir = irOf({ g: [] });
    const profiles = new Map([['g', constant('g', 2000, { memoryMb: 4096 })]]);
    const deployment: Deployment = { ...deployAt(ir, 4096), functions: { g: { memoryMb: 4096, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } } } };
    const result = estimate(ir, deployment, profiles, { samples: 400, seed: 1, ...WARM });
    assert.equal(result.breakdown.lambdaRequestsUsd, 0);
    assert.equal(result.breakdown.lambdaComputeUsd, 0);
    close(result.breakdown.batchUsd!, (60 * 0.526) / 3600, 'one billed minute');
    // The median dispatch is the table's median; the lognormal's median draw is within a few percent of it over 400 samples.
    assert.ok(Math.abs(result.latencyMs.p50 - (T + BATCH.warmDispatchMedianMs + 2000)) < 0.08 * BATCH.warmDispatchMedianMs, `${result.latencyMs.p50}`);
  });
});
