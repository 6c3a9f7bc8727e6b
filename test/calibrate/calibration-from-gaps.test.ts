import assert from 'node:assert/strict';
import { calibrationFromGaps } from '../../src/calibrate/calibration-from-gaps.ts';
import { DEFAULT_CALIBRATION, type GapObservation } from '../../src/model/calibration.ts';
import { normalQuantile } from '../../src/model/normal-quantile.ts';

/** n gaps whose quantiles are exactly those of shift + lognormal(median, sigma): the fit must find them again. */
function knownGaps(n: number, shiftMs: number, medianMs: number, sigma: number, base: Omit<GapObservation, 'gapMs'>): GapObservation[] {
  return Array.from({ length: n }, (_, i) => ({ ...base, gapMs: shiftMs + medianMs * Math.exp(sigma * normalQuantile((i + 0.5) / n)) }));
}

describe('calibrationFromGaps', () => {
  it('recovers the median and spread of warm Standard Task dispatches and Map iteration starts', () => {
    const gaps = [
      ...knownGaps(401, 100, 60, 0.4, { kind: 'task', orchestration: 'standard', cold: false }),
      ...knownGaps(201, 5, 20, 0.8, { kind: 'map-iteration', orchestration: 'standard', cold: false }),
    ];
    const c = calibrationFromGaps(gaps, 'synthetic');
    const warm = c.orchestration.taskDispatch.standard.warm;
    assert.equal(warm.observations, 401);
    // The fit puts its floor at half the smallest gap: the median of the whole gap is what must come back.
    const wholeMedian = warm.shiftMs + warm.medianMs;
    assert.ok(Math.abs(wholeMedian - 160) < 2, `median ${wholeMedian}`);
    const map = c.orchestration.mapIterationStart.standard;
    assert.ok(Math.abs(map.shiftMs + map.medianMs - 25) < 1, `map median ${map.shiftMs + map.medianMs}`);
    assert.match(warm.source, /^synthetic: 401 warm standard Task dispatches$/);
  });

  it('keeps the defaults for groups with too few observations, and says so in their source', () => {
    const gaps = knownGaps(3, 0, 300, 0.2, { kind: 'task', orchestration: 'express', cold: true });
    const c = calibrationFromGaps(gaps, 'two runs');
    assert.equal(c.orchestration.taskDispatch.express.cold.medianMs, DEFAULT_CALIBRATION.orchestration.taskDispatch.express.cold.medianMs);
    assert.match(c.orchestration.taskDispatch.express.cold.source, /only 3 cold express Task dispatches in two runs, too few to fit/);
    assert.deepEqual(c.orchestration.taskDispatch.standard, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard);
    assert.equal(c.source, 'two runs');
  });
});
