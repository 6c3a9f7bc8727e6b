// The estimator's parts against closed forms, each on a workflow built so that
// the closed form is exact: every duration a constant (exact profiles measured
// at the deployed size), traffic so high that nothing is ever cold. Then every
// sample is the same number and p50 = p95 = max = the hand-worked latency, and
// the cost breakdown is the hand-worked bill. The platform constants the hand
// numbers use are checked first, by name, so a change of the table shows up
// here as what it is rather than as a wrong sum.
import assert from 'node:assert/strict';
import { LAMBDA_LIMITS, OVERHEADS, pricesFor, STEP_FUNCTIONS_LIMITS } from '../../src/model/platform.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { edgeKey, type Deployment } from '../../src/ir/deployment.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';

/** Every Task dispatch a constant 25 ms (the calibration's draw made exact), so the hand-worked sums hold. */
const T = 25;
const WARM = { executionsPerHour: 1e9, calibration: constantCalibration({ taskMs: T }) };
const MIB = 1024 * 1024;
const prices = pricesFor('us-east-1');

function constant(durations: Record<string, number>, memoryMb = 1769) {
  return new Map(Object.entries(durations).map(([fn, ms]) => [fn, exactProfile(fn, () => ms, { count: 20, memoryMb })]));
}

function close(actual: number, expected: number, what: string, tolerance = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

/** Every sample the same latency: the distribution is one point. */
function onePoint(result: { latencyMs: { p50: number; p95: number; max: number } }, expectedMs: number, what: string): void {
  close(result.latencyMs.p50, expectedMs, `${what} p50`);
  close(result.latencyMs.p95, expectedMs, `${what} p95`);
  close(result.latencyMs.max, expectedMs, `${what} max`);
}

describe('estimator parts against closed forms', () => {
  it('uses the platform constants the hand-worked numbers below assume', () => {
    assert.equal(OVERHEADS.inlineBytesPerSecond, 50 * MIB);
    assert.equal(OVERHEADS.s3PutMs, 35);
    assert.equal(OVERHEADS.s3GetMs, 20);
    assert.equal(OVERHEADS.s3BytesPerSecond, 90 * MIB);
    assert.equal(STEP_FUNCTIONS_LIMITS.statePayloadBytes, 256 * 1024);
    assert.equal(STEP_FUNCTIONS_LIMITS.expressBillingGranularityMs, 100);
    assert.equal(STEP_FUNCTIONS_LIMITS.expressMemoryChunkMb, 64);
    assert.equal(LAMBDA_LIMITS.billingGranularityMs, 1);
    assert.equal(prices.lambdaGbSecondUsd.x86_64, 0.0000166667);
    assert.equal(prices.lambdaRequestUsd, 0.2 / 1e6);
    assert.equal(prices.standardTransitionUsd, 0.025 / 1000);
    assert.equal(prices.expressRequestUsd, 1 / 1e6);
    assert.equal(prices.expressGbSecondUsd, 0.00001667);
    assert.equal(prices.s3PutUsd, 0.005 / 1000);
    assert.equal(prices.s3GetUsd, 0.0004 / 1000);
  });

  it('adds an inline edge\'s transfer time, bytes over the inline rate (100 KiB: 1.953125 ms)', () => {
    // a (100 ms) → b (200 ms), a's output 102,400 bytes ≤ 256 KiB: inline at inlineBytesPerSecond (50 MiB/s).
    // 102,400 / 52,428,800 s = 1.953125 ms. Latency: transition + a + transfer + transition + b
    // = 25 + 100 + 1.953125 + 25 + 200 = 351.953125 ms. No S3 requests.
    const ir = irOf({ a: [], b: ['a'] }, { a: { outputBytes: 100 * 1024 } });
    const result = estimate(ir, deployAt(ir, 1769), constant({ a: 100, b: 200 }), { samples: 300, seed: 1, ...WARM });
    onePoint(result, 351.953125, 'inline chain');
    assert.equal(result.breakdown.s3Usd, 0);
  });

  it('adds an S3 hop: PUT + GET latency and both transfers at the S3 rate, one PUT and one GET request (1 MiB: 77.2̅ ms, $5.40 per 1M)', () => {
    // a's output 1 MiB > 256 KiB: S3 by default. Transfer: s3PutMs + s3GetMs + (PUT 1 MiB + GET 1 MiB) / (90 MiB/s)
    // = 35 + 20 + 2/90 s = 55 + 22.2̅ ms = 77.2̅ ms. Latency: 25 + 100 + 77.2̅ + 25 + 200 = 427.2̅ ms.
    // S3 per execution: one PUT ($0.005 / 1,000) and one GET ($0.0004 / 1,000) = $0.0000054.
    const ir = irOf({ a: [], b: ['a'] }, { a: { outputBytes: MIB } });
    const result = estimate(ir, deployAt(ir, 1769), constant({ a: 100, b: 200 }), { samples: 300, seed: 1, ...WARM });
    onePoint(result, 427 + 2 / 9, 's3 chain');
    close(result.breakdown.s3Usd, 0.0000054, 's3 cost');
  });

  it('takes an edge\'s mode from the deployment: the same 1 MiB forced inline is 20 ms and costs no S3 request', () => {
    // 1,048,576 / 52,428,800 s = 20 ms. Latency 25 + 100 + 20 + 25 + 200 = 370 ms.
    const ir = irOf({ a: [], b: ['a'] }, { a: { outputBytes: MIB } });
    const deployment: Deployment = { ...deployAt(ir, 1769), edges: { [edgeKey('a', 'b')]: 'inline' } };
    const result = estimate(ir, deployment, constant({ a: 100, b: 200 }), { samples: 300, seed: 1, ...WARM });
    onePoint(result, 370, 'forced inline');
    assert.equal(result.breakdown.s3Usd, 0);
  });

  it('starts a join step when its slowest predecessor\'s data has arrived (max over predecessors, transfer included)', () => {
    // a (50 ms) → b (300 ms) and c (250 ms) → d (10 ms). a's output 1 KiB inline: 1,024 / 50 MiB/s = 0.01953125 ms on each edge.
    // b → d: b's output 1 KiB inline, 0.01953125 ms: b's data reaches d at 25 + 50 + 0.01953125 + 25 + 300 + 0.01953125 = 400.0390625.
    // c → d: c's output 1 MiB through S3, 77.2̅ ms: c's data reaches d at 25 + 50 + 0.01953125 + 25 + 250 + 77.2̅ = 427.2417534̅.
    // d starts at the later, 427.24175…, and ends 25 + 10 ms later: 462.2417534722̅ ms. One PUT and one GET.
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }, { c: { outputBytes: MIB } });
    const result = estimate(ir, deployAt(ir, 1769), constant({ a: 50, b: 300, c: 250, d: 10 }), { samples: 300, seed: 1, ...WARM });
    const inlineKiB = 1024 / (50 * MIB) * 1000;
    assert.equal(inlineKiB, 0.01953125);
    onePoint(result, 25 + 50 + 0.01953125 + 25 + 250 + 77 + 2 / 9 + 25 + 10, 'diamond');
    close(result.breakdown.s3Usd, 0.0000054, 'one hop of requests');
  });

  it('adds transfers on a choice\'s branch that runs, and counts S3 requests only for hops that run', () => {
    // g (a choice: one transition billed, no duration and no dispatch of its own — the next Task's dispatch, measured
    // from the previous state's end, covers it) → x (p 0.25, 100 ms, 1 MiB out through S3) or y (p 0.75, 100 ms, 1 KiB out) → j (10 ms).
    // g → x and g → y carry g's 1 KiB inline: 0.01953125 ms.
    // Through x: 0.01953125 + 25 + 100 + 77.2̅ + 25 + 10 = 237.2417534̅ ms; through y: 0.01953125 + 25 + 100 + 0.01953125 + 25 + 10 = 160.0390625 ms.
    // p50 takes y (75 % of executions), p90 and p95 take x. S3 per execution: 0.25 × $0.0000054 on average.
    const ir = irOf({ g: [], x: ['g'], y: ['g'], j: ['x', 'y'] }, { g: { choice: { x: 0.25, y: 0.75 } }, x: { outputBytes: MIB } });
    const result = estimate(ir, deployAt(ir, 1769), constant({ x: 100, y: 100, j: 10 }), { samples: 20_000, seed: 4, ...WARM });
    close(result.latencyMs.p50, 160.0390625, 'p50 through y');
    close(result.latencyMs.p95, 237 + 0.01953125 + 2 / 9, 'p95 through x');
    const xShare = result.breakdown.s3Usd / 0.0000054;
    assert.ok(Math.abs(xShare - 0.25) < 0.02, `share of executions with the S3 hop: ${xShare}`);
    // Transitions: g, one branch, j = 3 per execution, whichever branch.
    close(result.breakdown.stepFunctionsUsd, 3 * 0.000025, 'three transitions');
  });

  it('bills Lambda duration rounded up to the ms at the GB-second price (100.2 ms at 2 GB: 101 ms, $3.3667 per 1M)', () => {
    // 2,048 MB = 2 GB; 100.2 ms billed as 101 ms (billingGranularityMs 1): 2 × 0.101 × $0.0000166667 = $0.00000336667.
    // One request: $0.0000002. A mutant rounding to the nearest ms would bill 100 ms ($0.00000333334).
    const ir = irOf({ a: [] });
    const result = estimate(ir, deployAt(ir, 2048), constant({ a: 100.2 }, 2048), { samples: 100, seed: 1, ...WARM });
    close(result.breakdown.lambdaComputeUsd, 2 * 0.101 * 0.0000166667, 'compute');
    close(result.breakdown.lambdaRequestsUsd, 0.0000002, 'requests');
    onePoint(result, 125.2, 'one task');
  });

  it('charges a Standard workflow one transition per state and per map item (2 tasks and a map of 4: 7 × $0.000025)', () => {
    // a, b: one transition each; the map state one, and each of its 4 items one: 2 + 1 + 4 = 7.
    const ir = irOf({ a: [], b: ['a'], m: ['b'] }, { m: { map: { kind: 'fixed', width: 4 } } });
    const result = estimate(ir, deployAt(ir, 1769), constant({ a: 10, b: 10, m: 10 }), { samples: 100, seed: 1, ...WARM });
    close(result.breakdown.stepFunctionsUsd, 7 * 0.000025, 'standard transitions');
    close(result.breakdown.lambdaRequestsUsd, 6 * 0.0000002, 'six invocations');
  });

  it('bills an Express workflow per request plus 64 MB for its duration rounded up to 100 ms (321.95 ms → 400 ms)', () => {
    // a (100 ms) → b (170 ms) inline, 100 KiB: 25 + 100 + 1.953125 + 25 + 170 = 321.953125 ms, billed as 400 ms
    // (rounding to the nearest 100 ms would bill 300). $0.000001 + (64 / 1024) GB × 0.4 s × $0.00001667 = $0.00000141675.
    const ir = irOf({ a: [], b: ['a'] }, { a: { outputBytes: 100 * 1024 } });
    const deployment: Deployment = { ...deployAt(ir, 1769), orchestration: 'express' };
    const result = estimate(ir, deployment, constant({ a: 100, b: 170 }), { samples: 100, seed: 1, ...WARM });
    onePoint(result, 321.953125, 'express chain');
    close(result.breakdown.stepFunctionsUsd, 0.000001 + 0.0625 * 0.4 * 0.00001667, 'express bill');
  });
});
