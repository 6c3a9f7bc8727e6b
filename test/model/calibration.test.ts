import assert from 'node:assert/strict';
import { DEFAULT_CALIBRATION, fitLatency, latencyMeanMs, latencyQuantileMs, MIN_FIT_OBSERVATIONS } from '../../src/model/calibration.ts';
import { createRng } from '../../src/sim/random.ts';

const fallback = DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.warm;

describe('calibration: fitting a shifted lognormal to measured gaps', () => {
  it('recovers the median and spread of a lognormal above a known floor', () => {
    const rng = createRng(7);
    const floorMs = 100;
    const xs = Array.from({ length: 4000 }, () => floorMs + 60 * Math.exp(0.5 * rng.normal()));
    const fit = fitLatency(xs, 'synthetic', fallback);
    assert.equal(fit.observations, 4000);
    // The floor is put at half the smallest gap, so the fitted median of the whole gap (shift + median) is what must match.
    assert.ok(Math.abs(latencyQuantileMs(fit, 0.5) - (floorMs + 60)) / (floorMs + 60) < 0.03, `p50 ${latencyQuantileMs(fit, 0.5)}`);
    const sorted = [...xs].sort((a, b) => a - b);
    const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
    assert.ok(Math.abs(latencyQuantileMs(fit, 0.95) - p95) / p95 < 0.1, `p95 ${latencyQuantileMs(fit, 0.95)} vs ${p95}`);
    assert.ok(fit.shiftMs <= sorted[0]!);
  });

  it('keeps the fallback when there are too few observations', () => {
    const fit = fitLatency(Array.from({ length: MIN_FIT_OBSERVATIONS - 1 }, (_, i) => 100 + i), 'few', fallback);
    assert.equal(fit, fallback);
  });

  it('a constant latency has sigma 0 and mean equal to its value', () => {
    const constant = { shiftMs: 0, medianMs: 25, sigma: 0 };
    assert.equal(latencyMeanMs(constant), 25);
    assert.equal(latencyQuantileMs(constant, 0.99), 25);
  });
});
