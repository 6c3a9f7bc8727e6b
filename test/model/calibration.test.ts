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

  it('fits from exactly the minimum count: the floor at half the smallest gap, median and spread from the 50th and 84.13th percentiles of ln(gap − floor)', () => {
    // Sorted 100, 120, 140, 180, 400; floor 50; ln(x − 50) = ln 50, ln 70, ln 90, ln 130, ln 350.
    // Median: ln 90. 84.13th: position 0.8413·4 = 3.3652, ln 130 + 0.3652·(ln 350 − ln 130); σ = (that − ln 90) / Φ⁻¹(0.8413),
    // Φ⁻¹(0.8413) = 0.9998150936147446 (Python statistics.NormalDist): σ = 0.7295532858972444.
    const fit = fitLatency([120, 100, 180, 140, 400], 'five', fallback);
    assert.equal(MIN_FIT_OBSERVATIONS, 5);
    assert.equal(fit.shiftMs, 50);
    assert.ok(Math.abs(fit.medianMs - 90) < 1e-9, `median ${fit.medianMs}`);
    assert.ok(Math.abs(fit.sigma - 0.7295532858972444) < 1e-6, `sigma ${fit.sigma}`);
    assert.equal(fit.observations, 5);
    assert.equal(fit.source, 'five');
  });

  it('drops gaps that are not finite or negative but keeps a zero gap (then the floor is 0)', () => {
    // Kept: 0, 100, 120, 140, 180, 400. ln(max(x − 0, 0.001)); the median between ln 120 and ln 140: √(120·140).
    const fit = fitLatency([400, Number.NaN, 0, 100, -5, 120, Number.POSITIVE_INFINITY, 140, 180], 'with junk', fallback);
    assert.equal(fit.observations, 6);
    assert.equal(fit.shiftMs, 0);
    assert.ok(Math.abs(fit.medianMs - Math.sqrt(120 * 140)) < 1e-9, `median ${fit.medianMs}`);
    assert.ok(Math.abs(fit.sigma - 0.49337283525105435) < 1e-6, `sigma ${fit.sigma}`);
  });

  it('gives the shifted lognormal\'s quantile shift + median·e^(σ·z) and mean shift + median·e^(σ²/2)', () => {
    const d = { shiftMs: 10, medianMs: 100, sigma: 0.3 };
    // e^(0.3²/2) = 1.046027859908717; z(0.9) = 1.2815515655446004, e^(0.3·z) = 1.4688289779168715.
    assert.ok(Math.abs(latencyMeanMs(d) - (10 + 100 * 1.046027859908717)) < 1e-9);
    assert.ok(Math.abs(latencyQuantileMs(d, 0.9) - (10 + 100 * 1.4688289779168715)) < 1e-6);
    assert.ok(Math.abs(latencyQuantileMs(d, 0.5) - 110) < 1e-9);
  });
});
