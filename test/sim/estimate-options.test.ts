import assert from 'node:assert/strict';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { arrivalsOf, monteCarloEstimateFn } from '../../src/sim/estimate.ts';
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
});
