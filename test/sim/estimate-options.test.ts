import assert from 'node:assert/strict';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { arrivalsOf, estimate, monteCarloEstimateFn } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';

describe('estimate options', () => {
  it('takes the arrival model given, else steady traffic at executionsPerHour, else one execution a minute', () => {
    const burst = { ratePerHour: 2, burst: { executions: 10, everyMs: 60_000 } };
    assert.equal(arrivalsOf({ arrivals: burst, executionsPerHour: 500 }), burst);
    assert.deepEqual(arrivalsOf({ executionsPerHour: 5 }), { ratePerHour: 5 });
    assert.deepEqual(arrivalsOf({ executionsPerHour: 0 }), { ratePerHour: 0 });
    assert.deepEqual(arrivalsOf({}), { ratePerHour: 60 });
  });

  it('gives the optimizer an estimator that carries the calibration it draws from, the shipped one by default', () => {
    const calibration = constantCalibration({ taskMs: 25 });
    assert.equal(monteCarloEstimateFn(new Map(), { samples: 100, seed: 1, calibration }).calibration, calibration);
    assert.equal(monteCarloEstimateFn(new Map(), { samples: 100, seed: 1 }).calibration, DEFAULT_CALIBRATION);
  });

  it('reports each percentile\'s interval, bracketing the percentile it returns, only when asked', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', exactProfile('a', (p) => 100 + 100 * p, { count: 200, memoryMb: 1024 })]]);
    const options = { samples: 1000, seed: 3, calibration: constantCalibration({ taskMs: 25 }) };
    assert.equal(estimate(ir, deployAt(ir, 1024), profiles, options).latencyIntervalMs, undefined);
    const e = estimate(ir, deployAt(ir, 1024), profiles, { ...options, intervals: true });
    for (const p of ['p50', 'p90', 'p95', 'p99'] as const) {
      const interval = e.latencyIntervalMs![p];
      assert.ok(interval.lowMs <= e.latencyMs[p] && e.latencyMs[p] <= interval.highMs, `${p}: ${JSON.stringify(interval)} vs ${e.latencyMs[p]}`);
      assert.ok(interval.lowMs < interval.highMs, p);
    }
  });
});
