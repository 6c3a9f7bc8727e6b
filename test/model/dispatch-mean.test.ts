import { FITTED_ORCHESTRATION } from '../../src/model/fitted-orchestration.ts';
import assert from 'node:assert/strict';
import type { PlatformCalibration } from '../../src/model/calibration.ts';
import { meanTaskDispatchMs } from '../../src/model/dispatch-mean.ts';

const latency = (shiftMs: number, medianMs: number, sigma: number) => ({ shiftMs, medianMs, sigma, source: 'test', observations: 0 });

describe('meanTaskDispatchMs (the per-state charge of the closed forms)', () => {
  it('is the mean of the calibration\'s warm Task dispatch of that workflow type: shift + median·e^(σ²/2)', () => {
    const none = latency(0, 0, 0);
    const calibration: PlatformCalibration = {
      version: 1,
      source: 'test',
      orchestration: {
        taskDispatch: { standard: { warm: latency(20, 100, 0.5), cold: latency(500, 500, 0) }, express: { warm: latency(10, 40, 0), cold: latency(300, 300, 0) } },
        mapIterationStart: { standard: none, express: none },
        parallelBranchStart: { standard: none, express: none },
      },
    };
    // e^(0.125) = 1.1331484530668263
    assert.ok(Math.abs(meanTaskDispatchMs('standard', calibration) - (20 + 100 * 1.1331484530668263)) < 1e-9);
    assert.equal(meanTaskDispatchMs('express', calibration), 50);
  });

  it('uses the shipped calibration by default: the fitted warm Standard dispatch, shift + median·e^(σ²/2)', () => {
    const warm = FITTED_ORCHESTRATION.taskDispatch.standard.warm;
    assert.ok(Math.abs(meanTaskDispatchMs('standard') - (warm.shiftMs + warm.medianMs * Math.exp(warm.sigma ** 2 / 2))) < 1e-9);
  });
});
