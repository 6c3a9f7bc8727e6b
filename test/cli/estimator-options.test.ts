import assert from 'node:assert/strict';
import { estimatorOptions } from '../../src/cli/estimator-options.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';

describe('the estimator options optimize and simulate share', () => {
  it('decides the SLO it is told, and draws a fixed count without one', () => {
    assert.deepEqual(estimatorOptions({ samples: 2000, seed: 7, slo: { percentile: 'p95', latencyMs: 3000 } }), { samples: 2000, seed: 7, decide: { percentile: 'p95', thresholdMs: 3000 } });
    assert.deepEqual(estimatorOptions({ samples: 2000, seed: 7 }), { samples: 2000, seed: 7 });
  });

  it('passes the chosen calibration\'s values and the arrival model on, and leaves the estimator\'s defaults otherwise', () => {
    const options = estimatorOptions({ samples: 10, seed: 1, calibration: { origin: '--calibration c.json', calibration: DEFAULT_CALIBRATION }, arrivals: { ratePerHour: 0, burst: { executions: 5, everyMs: 60_000 } } });
    assert.equal(options.calibration, DEFAULT_CALIBRATION);
    assert.deepEqual(options.arrivals, { ratePerHour: 0, burst: { executions: 5, everyMs: 60_000 } });
    assert.ok(!('calibration' in estimatorOptions({ samples: 10, seed: 1 })) && !('arrivals' in estimatorOptions({ samples: 10, seed: 1 })));
  });
});
