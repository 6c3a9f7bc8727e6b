import assert from 'node:assert/strict';
import { latencyQuantileMs, type DispatchKind, type MeasuredLatency, type PlatformCalibration } from '../../src/model/calibration.ts';
import { OVERHEADS } from '../../src/model/platform.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const WARM = { executionsPerHour: 1e9 };
const ALWAYS_COLD = { executionsPerHour: 1e-6 };
const constant = (fn: string, ms: number, options = {}) => exactProfile(fn, () => ms, { count: 20, ...options });
/** One inline hop of the builder's 1 KB output. */
const HOP_MS = (1024 / OVERHEADS.inlineBytesPerSecond) * 1000;
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

describe('estimate: orchestration latency drawn from the calibration', () => {
  it('adds k × the dispatch to a chain of k tasks when the calibration is a constant', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c'] });
    const profiles = new Map(['a', 'b', 'c', 'd'].map((fn) => [fn, constant(fn, 100)]));
    for (const taskMs of [0, 40, 170]) {
      const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 200, seed: 1, ...WARM, calibration: constantCalibration({ taskMs }) });
      close(result.latencyMs.p50, 4 * taskMs + 4 * 100 + 3 * HOP_MS, `dispatch ${taskMs} ms`);
      close(result.latencyMs.p99, result.latencyMs.p50, 'no spread');
    }
  });

  it('spreads a one-task workflow by the dispatch distribution: p95 − p50 is the closed form of the shifted lognormal', () => {
    const spread: PlatformCalibration = {
      ...constantCalibration({ taskMs: 0 }),
      source: 'test: spread dispatch',
    };
    const dispatch = { shiftMs: 20, medianMs: 100, sigma: 0.5, source: 'test', observations: 0 };
    spread.orchestration = { ...spread.orchestration, taskDispatch: { standard: { warm: dispatch, cold: dispatch }, express: { warm: dispatch, cold: dispatch } } };
    const ir = irOf({ a: [] });
    const result = estimate(ir, deployAt(ir, 1769), new Map([['a', constant('a', 100)]]), { samples: 20_000, seed: 4, ...WARM, calibration: spread });
    // 100 · (e^(0.5 · 1.645) − 1) = 127.6 ms between the two quantiles of the dispatch; the handler is a constant.
    const want = latencyQuantileMs(dispatch, 0.95) - latencyQuantileMs(dispatch, 0.5);
    const got = result.latencyMs.p95 - result.latencyMs.p50;
    assert.ok(Math.abs(got - want) / want < 0.04, `p95 − p50 ${got} vs ${want}`);
    assert.ok(Math.abs(result.latencyMs.p50 - (100 + latencyQuantileMs(dispatch, 0.5))) < 3, `p50 ${result.latencyMs.p50}`);
  });

  it('uses the Express values in an Express workflow and the Standard ones in a Standard workflow', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map([['a', constant('a', 100)], ['b', constant('b', 100)]]);
    const calibration = constantCalibration({ taskMs: 100 }, { taskMs: 10 });
    const standard = estimate(ir, { ...deployAt(ir, 1769), orchestration: 'standard' }, profiles, { samples: 50, seed: 1, ...WARM, calibration });
    const express = estimate(ir, { ...deployAt(ir, 1769), orchestration: 'express' }, profiles, { samples: 50, seed: 1, ...WARM, calibration });
    close(standard.latencyMs.p50, 2 * 100 + 200 + HOP_MS, 'standard');
    close(express.latencyMs.p50, 2 * 10 + 200 + HOP_MS, 'express');
  });

  it('draws the cold dispatch for a cold invocation and the warm one for a warm invocation', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', constant('a', 100, { initDurationsMs: Array(8).fill(300) })]]);
    const calibration = constantCalibration({ taskMs: 50, coldTaskMs: 500 });
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 50, seed: 1, ...ALWAYS_COLD, calibration }).latencyMs.p50, 500 + 300 + 100, 'cold');
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 50, seed: 1, ...WARM, calibration }).latencyMs.p50, 50 + 100, 'warm');
  });

  it('starts a map\'s later items one stagger after its first, and a later wave after a dispatch of its own', () => {
    const calibration = constantCalibration({ taskMs: 50, mapItemMs: 30 });
    const profiles = new Map([['m', constant('m', 100)]]);
    const one = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 1 } } });
    const three = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 3 } } });
    const waves = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 41 } } });
    close(estimate(one, deployAt(one, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration }).latencyMs.p50, 50 + 100, 'one item');
    close(estimate(three, deployAt(three, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration }).latencyMs.p50, 50 + 30 + 100, 'three items');
    // 40 at a time: the 41st starts when the first slot frees (at 50 + 100), after a dispatch.
    close(estimate(waves, deployAt(waves, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration }).latencyMs.p50, 50 + 100 + 50 + 100, 'two waves');
  });

  it('starts a Parallel state\'s later branches one branch stagger after its first', () => {
    const ir = irOf({ s: [], x: ['s'], y: ['s'] });
    const profiles = new Map([['s', constant('s', 10)], ['x', constant('x', 100)], ['y', constant('y', 100)]]);
    const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration: constantCalibration({ taskMs: 50, branchMs: 70 }) });
    // s, then x at one dispatch and y (the later branch by id) at a dispatch plus the stagger.
    close(result.latencyMs.p50, 50 + 10 + HOP_MS + 50 + 70 + 100, 'branches');
  });

  it('times from the first handler\'s start on request: the entry step\'s dispatch and Init are not counted', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map([['a', constant('a', 100, { initDurationsMs: Array(8).fill(300) })], ['b', constant('b', 100, { initDurationsMs: Array(8).fill(300) })]]);
    const calibration = constantCalibration({ taskMs: 50, coldTaskMs: 500 });
    const fromStart = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...ALWAYS_COLD, calibration });
    const fromHandler = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...ALWAYS_COLD, calibration, timedFrom: 'first-handler-start' });
    close(fromStart.latencyMs.p50, 2 * (500 + 300 + 100) + HOP_MS, 'from the execution\'s start');
    close(fromHandler.latencyMs.p50, 100 + HOP_MS + 500 + 300 + 100, 'from the first handler\'s start');
    close(fromHandler.costUsd, fromStart.costUsd, 'the Init is billed either way');
  });

  /** The constant calibration with each listed kind's warm and cold dispatch its own constants. */
  const withKinds = (base: PlatformCalibration, kinds: Partial<Record<DispatchKind, [number, number]>>): PlatformCalibration => {
    const c = (ms: number): MeasuredLatency => ({ shiftMs: ms, medianMs: 0, sigma: 0, source: 'test: constant', observations: 1 });
    const dispatchByKind = Object.fromEntries(Object.entries(kinds).map(([kind, [warm, cold]]) => [kind, { standard: { warm: c(warm), cold: c(cold) }, express: { warm: c(warm), cold: c(cold) } }]));
    return { ...base, orchestration: { ...base.orchestration, dispatchByKind } };
  };

  it('draws each dispatch from its kind: after a Task, a Map\'s first item, its next item (a later wave), after a Map; pooled for the entry', () => {
    // a → b → m (41 items, 40 at a time) → c; every handler 100 ms.
    const ir = irOf({ a: [], b: ['a'], m: ['b'], c: ['m'] }, { m: { map: { kind: 'fixed', width: 41 } } });
    const profiles = new Map(['a', 'b', 'm', 'c'].map((fn) => [fn, constant(fn, 100)]));
    const calibration = withKinds(constantCalibration({ taskMs: 50, mapItemMs: 0 }), { afterTask: [200, 0], mapFirstItem: [300, 0], mapNextItem: [11, 0], afterMap: [7, 0] });
    const result = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration });
    // a: 50 + 100; b: 200 + 100; m: its first wave at 300, the 41st item when a slot frees (300 + 100), 11 later, 100 long; c: 7 + 100.
    close(result.latencyMs.p50, 150 + 300 + (300 + 100 + 11 + 100) + 107 + 3 * HOP_MS, 'kinds');
    // Without kinds every dispatch is the pooled 50 ms.
    const pooled = estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration: constantCalibration({ taskMs: 50, mapItemMs: 0 }) });
    close(pooled.latencyMs.p50, 150 + 150 + (50 + 100 + 50 + 100) + 150 + 3 * HOP_MS, 'pooled');
  });

  it('draws a cold invocation\'s dispatch from its kind\'s cold value', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map([['a', constant('a', 100, { initDurationsMs: Array(8).fill(300) })], ['b', constant('b', 100, { initDurationsMs: Array(8).fill(300) })]]);
    const calibration = withKinds(constantCalibration({ taskMs: 50, coldTaskMs: 500 }), { afterTask: [60, 900] });
    // a (an entry: pooled) cold 500 + 300 + 100; b cold after a Task 900 + 300 + 100.
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...ALWAYS_COLD, calibration }).latencyMs.p50, 900 + HOP_MS + 1300, 'cold');
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...WARM, calibration }).latencyMs.p50, 150 + HOP_MS + 160, 'warm');
  });

  it('draws the isolated cold dispatch for a cold start outside a wave, and the cold value in a burst\'s wave', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', constant('a', 100, { initDurationsMs: Array(8).fill(300) })]]);
    const base = constantCalibration({ taskMs: 50, coldTaskMs: 500 });
    const isolated = { shiftMs: 60, medianMs: 0, sigma: 0, source: 'test: constant', observations: 1 };
    const calibration: PlatformCalibration = { ...base, orchestration: { ...base.orchestration, isolatedColdTaskDispatch: { standard: isolated } } };
    // Steady traffic so rare every invocation is cold, each alone: 60 + 300 + 100.
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...ALWAYS_COLD, calibration }).latencyMs.p50, 60 + 300 + 100, 'isolated');
    // One burst of 5 on expired environments: every execution in the cold wave, 500 + 300 + 100.
    const burst = { ratePerHour: 0, burst: { executions: 5, everyMs: 2 * OVERHEADS.idleEnvironmentLifetimeMs } };
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, arrivals: burst, calibration }).latencyMs.p50, 500 + 300 + 100, 'wave');
    // Without the field a calibration draws its cold value for both, as before.
    close(estimate(ir, deployAt(ir, 1769), profiles, { samples: 20, seed: 1, ...ALWAYS_COLD, calibration: base }).latencyMs.p50, 500 + 300 + 100, 'no field');
  });

  it('adds a cold handler\'s excess over the warm median to its warm draw, so cold draws spread as warm ones do', () => {
    // Warm uniform on 50–150 ms (median 100); 8 cold samples of 300 ms: ×3, an excess of 200 ms.
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', exactProfile('a', (p) => 50 + 100 * p, { count: 400, coldDurationsMs: Array(8).fill(300), initDurationsMs: Array(8).fill(300) })]]);
    const calibration = constantCalibration({ taskMs: 50 });
    const cold = estimate(ir, deployAt(ir, 1769), profiles, { samples: 4000, seed: 2, ...ALWAYS_COLD, calibration }).latencyMs;
    // p50: 50 + (100 + 200) + 300; p95 − p50: the warm draws' 45 ms, not ×3 of it (135 ms).
    assert.ok(Math.abs(cold.p50 - 650) < 3, `p50 ${cold.p50}`);
    assert.ok(Math.abs(cold.p95 - cold.p50 - 45) < 4, `p95 − p50 ${cold.p95 - cold.p50}`);
  });
});
