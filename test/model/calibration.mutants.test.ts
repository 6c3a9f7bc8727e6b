// fitLatency on gaps the history's millisecond timestamps cannot tell apart: every gap within half a
// millisecond of the floor counts as exactly half a millisecond above it.
import assert from 'node:assert/strict';
import { DEFAULT_CALIBRATION, fitLatency } from '../../src/model/calibration.ts';

const fallback = DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.warm;

describe('fitLatency at the timestamp resolution (mutants)', () => {
  it('fits five 0 ms gaps as a floor of 0 and a median of 0.5 ms with no spread', () => {
    const fit = fitLatency([0, 0, 0, 0, 0], 'zeros', fallback);
    assert.equal(fit.shiftMs, 0);
    assert.ok(Math.abs(fit.medianMs - 0.5) < 1e-12, `median ${fit.medianMs}`);
    assert.equal(fit.sigma, 0);
  });

  it('fits gaps of 2 ms and 2.6 ms above a floor of 1 ms: ln(1), ln(1.6), never the half-millisecond clamp', () => {
    // Sorted 2, 2, 2, 2.6, 2.6: floor 1; x − 1 = 1, 1, 1, 1.6, 1.6 (all over 0.5). Median ln 1 = 0 → 1 ms.
    const fit = fitLatency([2.6, 2, 2, 2.6, 2], 'ms', fallback);
    assert.equal(fit.shiftMs, 1);
    assert.ok(Math.abs(fit.medianMs - 1) < 1e-12, `median ${fit.medianMs}`);
  });
});
