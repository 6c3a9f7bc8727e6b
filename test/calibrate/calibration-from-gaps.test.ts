import assert from 'node:assert/strict';
import { calibrationFromGaps } from '../../src/calibrate/calibration-from-gaps.ts';
import { gapsFromHistory, type HistoryEventLike, type HistoryGap } from '../../src/calibrate/history-gaps.ts';
import { DEFAULT_CALIBRATION, latencyQuantileMs, type GapObservation } from '../../src/model/calibration.ts';
import { seededRandom } from '../../src/profiler/seeded-random.ts';
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

describe('calibration from synthetic histories', () => {
  it('recovers the median and the +1σ quantile of a known Task dispatch distribution through gapsFromHistory', () => {
    const random = seededRandom(23);
    const [shiftMs, medianMs, sigma] = [80, 90, 0.5];
    const truth = { shiftMs, medianMs, sigma };
    const gaps: HistoryGap[] = [];
    for (let e = 0; e < 400; e++) {
      const dispatchMs = latencyQuantileMs(truth, Math.min(0.9999, Math.max(1e-4, random())));
      const handlerMs = 200 + 800 * random();
      // Split the dispatch around the invoke as a real history would: some before TaskStarted, the rest after the handler.
      const beforeMs = dispatchMs * 0.6;
      const events: HistoryEventLike[] = [
        { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 0 },
        { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: (beforeMs * 0.5) / 1000, stateEnteredEventDetails: { name: 't' } },
        { id: 3, previousEventId: 2, type: 'TaskScheduled', timestamp: (beforeMs * 0.6) / 1000, taskScheduledEventDetails: { resourceType: 'lambda' } },
        { id: 4, previousEventId: 3, type: 'TaskStarted', timestamp: beforeMs / 1000 },
        { id: 5, previousEventId: 4, type: 'TaskSucceeded', timestamp: (dispatchMs * 0.95 + handlerMs) / 1000, taskSucceededEventDetails: { output: JSON.stringify({ SdkResponseMetadata: { RequestId: `r${e}` } }) } },
        { id: 6, previousEventId: 5, type: 'TaskStateExited', timestamp: (dispatchMs + handlerMs) / 1000 },
      ];
      gaps.push(...gapsFromHistory({ execution: `e${e}`, orchestration: 'standard', events }, new Map([[`r${e}`, { durationMs: handlerMs }]])).gaps);
    }
    const fitted = calibrationFromGaps(gaps, 'synthetic histories').orchestration.taskDispatch.standard.warm;
    assert.equal(fitted.observations, 400);
    const within = (got: number, want: number, tolerance: number) => assert.ok(Math.abs(got / want - 1) < tolerance, `${got} vs ${want}`);
    within(latencyQuantileMs(fitted, 0.5), latencyQuantileMs(truth, 0.5), 0.05);
    within(latencyQuantileMs(fitted, 0.8413), latencyQuantileMs(truth, 0.8413), 0.08);
  });
});
