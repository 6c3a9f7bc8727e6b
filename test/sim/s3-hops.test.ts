// S3 requests and transfer times as the emitted runtime moves data (src/sim/s3-hops.ts): a step whose output
// leaves through S3 on any edge writes it once, and every function step reading it GETs it — checked through
// whole estimates against hand-worked bills, in the style of estimator-parts.test.ts (constant durations, never
// cold, every Task dispatch a constant 25 ms).
import assert from 'node:assert/strict';
import { edgeKey, type Deployment } from '../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { pricesFor } from '../../src/model/platform.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const T = 25;
const WARM = { executionsPerHour: 1e9, calibration: constantCalibration({ taskMs: T }) };
const MIB = 1024 * 1024;
const PUT_USD = 0.005 / 1000;
const GET_USD = 0.0004 / 1000;

function constant(durations: Record<string, number>) {
  return new Map(Object.entries(durations).map(([fn, ms]) => [fn, exactProfile(fn, () => ms, { count: 20, memoryMb: 1769 })]));
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('S3 hops as the runtime makes them', () => {
  it('uses the S3 prices the hand-worked bills below assume', () => {
    const prices = pricesFor('us-east-1');
    assert.equal(prices.s3PutUsd, PUT_USD);
    assert.equal(prices.s3GetUsd, GET_USD);
  });

  it('bills a fan-out of one output to two readers through S3 as one PUT and two GETs', () => {
    // a's 1 MiB goes to b and c, both edges through S3 by default. Each reader waits for the PUT and makes its GET:
    // 35 + 20 ms + 2 MiB / (90 MiB/s) = 77.2̅ ms on each edge. End: 25 + 100 + 77.2̅ + 25 + 300 (c, the slower).
    const ir = irOf({ a: [], b: ['a'], c: ['a'] }, { a: { outputBytes: MIB } });
    const result = estimate(ir, deployAt(ir, 1769), constant({ a: 100, b: 200, c: 300 }), { samples: 300, seed: 1, ...WARM });
    close(result.breakdown.s3Usd, PUT_USD + 2 * GET_USD, 'one PUT, two GETs');
    close(result.latencyMs.p95, 25 + 100 + 77 + 2 / 9 + 25 + 300, 'latency');
  });

  it('makes a reader on an inline edge GET too when its writer stores the output in S3 for another reader', () => {
    // a's output is 1 KiB; the plan sends a → b through S3 and leaves a → c inline. The runtime stores a's output once,
    // in S3, so c also waits for the PUT and GETs: 35 + 20 ms + 2 KiB / (90 MiB/s) on c's edge; one PUT, two GETs.
    const ir = irOf({ a: [], b: ['a'], c: ['a'] }, { a: { outputBytes: 1024 } });
    const deployment: Deployment = { ...deployAt(ir, 1769), edges: { [edgeKey('a', 'b')]: 's3', [edgeKey('a', 'c')]: 'inline' } };
    const result = estimate(ir, deployment, constant({ a: 100, b: 200, c: 300 }), { samples: 300, seed: 1, ...WARM });
    close(result.breakdown.s3Usd, PUT_USD + 2 * GET_USD, 'one PUT, two GETs');
    close(result.latencyMs.p95, 25 + 100 + 55 + (2 * 1024 * 1000) / (90 * MIB) + 25 + 300, 'latency through the GET');
  });

  it('bills a hop through a restructuring join as a PUT per writer and a GET per reader', () => {
    // a → c, a → d, a → e, b → d is not series-parallel: staged as a, b → join → c, d, e. a and b each write 1 MiB
    // (through S3, into the join); c, d and e each read through S3 out of the join: two PUTs and three GETs.
    const dag = irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'], e: ['a'] }, { a: { outputBytes: MIB }, b: { outputBytes: MIB } });
    const { ir, joins } = toSeriesParallel(dag);
    assert.equal(joins.length, 1);
    const result = estimate(ir, deployAt(ir, 1769), constant({ a: 100, b: 100, c: 100, d: 100, e: 100 }), { samples: 300, seed: 1, ...WARM });
    close(result.breakdown.s3Usd, 2 * PUT_USD + 3 * GET_USD, 'two PUTs, three GETs');
  });
});
