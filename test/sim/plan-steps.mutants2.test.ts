// What planStep (src/sim/plan-steps.ts) decides for one step, checked field by field against hand-worked values:
// which steps are timed from their first handler, a Choice's branches in id order, the memory floor, the deployed
// Map concurrency, the warm-up pings of a bundled map and their bill, the mean a very wide map bills, and a bundled
// task's slot (through a whole estimate: constant 100 ms durations, every Task dispatch a constant 25 ms).
import assert from 'node:assert/strict';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import type { Deployment } from '../../src/ir/deployment.ts';
import { OVERHEADS, pricesFor } from '../../src/model/platform.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { planContext, planOf } from '../helpers/plan-context.ts';

const constant = (...fns: string[]) => new Map(fns.map((fn) => [fn, exactProfile(fn, () => 100, { count: 20 })]));

describe('planStep', () => {
  it('leaves untimed exactly the entry steps (no predecessor) when timed from the first handler, and none otherwise', () => {
    const ir = irOf({ a: [], b: ['a'], c: [] });
    const profiles = constant('a', 'b', 'c');
    const timedFromHandler = planContext(ir, deployAt(ir, 1769), profiles, { untimedEntries: true });
    assert.deepEqual(['a', 'b', 'c'].map((id) => planOf(timedFromHandler, id).untimedStart), [true, false, true]);
    const timedFromStart = planContext(ir, deployAt(ir, 1769), profiles);
    assert.deepEqual(['a', 'b', 'c'].map((id) => planOf(timedFromStart, id).untimedStart), [false, false, false]);
  });

  it('lists a Choice\'s branches by successor id with cumulative probabilities, whatever order the IR gives them in', () => {
    const ir = irOf({ a: [], ch: ['a'], x: ['ch'], y: ['ch'], z: ['ch'] }, { ch: { choice: { z: 0.2, x: 0.3, y: 0.5 } } });
    const context = planContext(ir, deployAt(ir, 1769), constant('a', 'x', 'y', 'z'));
    const { branches } = planOf(context, 'ch');
    const index = (id: string) => ['a', 'ch', 'x', 'y', 'z'].indexOf(id);
    assert.deepEqual(branches!.map((b) => b.to), [index('x'), index('y'), index('z')]);
    const expected = [0.3, 0.8, 1];
    branches!.forEach((b, k) => assert.ok(Math.abs(b.cumulative - expected[k]!) < 1e-12, `${k}: ${b.cumulative}`));
  });

  it('plans a function deployed at exactly its measured footprint, and refuses one MB below', () => {
    const ir = irOf({ a: [] });
    const profile = exactProfile('a', () => 100, { count: 20 });
    profile.architectures.x86_64!.measurements[0]!.maxMemoryUsedMb = 128;
    const profiles = new Map([['a', profile]]);
    assert.equal(planOf(planContext(ir, deployAt(ir, 128), profiles), 'a').memoryMb, 128);
    try {
      planOf(planContext(ir, deployAt(ir, 127), profiles), 'a');
      assert.fail('127 MB was planned');
    } catch (error) {
      assert.ok(isUserError(error), String(error));
      assert.equal(error.diagnostics[0]!.code, 'DAGC0103');
    }
  });

  it('runs a map at the maxConcurrency its deployment sets', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 10 } } });
    const deployment: Deployment = deployAt(ir, 1769);
    deployment.steps.m = { ...deployment.steps.m, map: { mode: 'inline', maxConcurrency: 3 } };
    assert.equal(planOf(planContext(ir, deployment, constant('m')), 'm').concurrency, 3);
  });

  it('pings one environment per bundle in flight: a map of 10 items in bundles of 2 needs 5', () => {
    const ir = irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 10 } } });
    const deployment: Deployment = deployAt(ir, 1769);
    deployment.steps.m = { ...deployment.steps.m, bundleSize: 2, warmedBy: 'a' };
    assert.equal(planOf(planContext(ir, deployment, constant('a', 'm')), 'm').pingRequests, 5);
  });

  it('bills a warm-up ping at the function\'s memory in GB: 1 ms plus the cold odds times the init, at 2 GB', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const deployment: Deployment = deployAt(ir, 2048);
    deployment.steps.b = { ...deployment.steps.b, warmedBy: 'a' };
    assert.equal(OVERHEADS.warmupPingBilledMs, 1);
    const price = pricesFor('us-east-1').lambdaGbSecondUsd.x86_64;
    // One ping; the profile's init is 100 ms (exact-profile.ts), cold with odds 0.5: (1 + 0.5 × 100) ms at 2 GB.
    const usd = planOf(planContext(ir, deployment, constant('a', 'b'), { pingColdProbability: 0.5 }), 'b').pingComputeUsd;
    const expected = 2 * (51 / 1000) * price;
    assert.ok(Math.abs(usd - expected) <= 1e-12 * expected, `${usd} vs ${expected}`);
  });

  it('bills a map of more than 2,048 invocations at the mean of its item durations (uniform on 100 … 200 ms: 150)', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 3000 } } });
    const profiles = new Map([['m', exactProfile('m', (p) => 100 + 100 * p, { count: 4000 })]]);
    const mean = planOf(planContext(ir, deployAt(ir, 1769), profiles), 'm').meanWarmMs;
    assert.ok(Math.abs(mean - 150) < 0.2, `mean ${mean}`);
  });

  it('gives a task deployed in bundles of 2 its full duration: one item, dispatched then run', () => {
    const ir = irOf({ a: [] });
    const deployment: Deployment = deployAt(ir, 1769);
    deployment.steps.a = { ...deployment.steps.a, bundleSize: 2 };
    const result = estimate(ir, deployment, constant('a'), { samples: 20, seed: 1, threads: 1, executionsPerHour: 1e9, calibration: constantCalibration({ taskMs: 25 }) });
    assert.equal(result.latencyMs.p50, 125);
    assert.equal(result.latencyMs.max, 125);
  });
});
