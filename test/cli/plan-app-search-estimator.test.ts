import assert from 'node:assert/strict';
import path from 'node:path';
import { loadApp } from '../../src/ir/load-app.ts';
import { planApp, searchEstimateFn, searchEstimatorOptions } from '../../src/cli/plan-app.ts';
import { readProfiles } from '../../src/model/profile.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { optimize } from '../../src/passes/optimize.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const app = path.join(projectRoot, 'fixtures/mapreduce/app.yaml');

describe('searchEstimatorOptions: the estimator dagc optimize searches with, shared with the benches', function () {
  this.timeout(300_000);

  it('tells the estimator the SLO it searches for, so that close calls draw more samples', () => {
    const { ir } = loadApp(app);
    const options = searchEstimatorOptions(ir, { samples: 2000, seed: 1, slo: { percentile: 'p99', latencyMs: 4500 } });
    assert.deepEqual(options.decide, { percentile: 'p99', thresholdMs: 4500 });
    assert.deepEqual({ samples: options.samples, seed: options.seed }, { samples: 2000, seed: 1 });
  });

  it("takes the app's arrivals and calibration unless the command line overrides them", () => {
    const { ir } = loadApp(app);
    const specArrivals = { ratePerHour: 5 };
    const specCalibration = { origin: 'app.yaml platform', calibration: DEFAULT_CALIBRATION };
    ir.arrivals = specArrivals;
    ir.calibration = specCalibration;
    const slo = { percentile: 'p95' as const, latencyMs: 3000 };
    const fromSpec = searchEstimatorOptions(ir, { samples: 10, seed: 1, slo });
    assert.equal(fromSpec.arrivals, specArrivals);
    assert.equal(fromSpec.calibration, DEFAULT_CALIBRATION);
    const flagArrivals = { ratePerHour: 0, burst: { executions: 5, everyMs: 60_000 } };
    const flagCalibration = { origin: '--calibration c.json', calibration: { ...DEFAULT_CALIBRATION, source: 'flag' } };
    const overridden = searchEstimatorOptions(ir, { samples: 10, seed: 1, slo, arrivals: flagArrivals, calibration: flagCalibration });
    assert.equal(overridden.arrivals, flagArrivals);
    assert.equal(overridden.calibration, flagCalibration.calibration);
  });

  it('gives optimize() the plan and estimate planApp (dagc optimize) chooses, so a bench calling it judges the same search', () => {
    const { ir } = loadApp(app);
    const slo = { percentile: 'p95' as const, latencyMs: 3000 };
    ir.slo = slo;
    // One search (no re-search): the search itself is compared, not the out-of-sample retries (out-of-sample-search.test.ts).
    const viaCli = planApp(ir, { strategy: 'dagc', samples: 40, seed: 3, outDir: '/tmp/unused', outOfSampleRetries: 0 });
    const { profiles } = readProfiles(ir);
    const viaBench = optimize(ir, profiles, { slo, estimate: searchEstimateFn(ir, profiles, { samples: 40, seed: 3, slo }), estimateToday: false });
    assert.deepEqual(viaBench.deployment, viaCli.result.deployment);
    assert.deepEqual(viaBench.summary.latencyMs, viaCli.result.summary.latencyMs);
  });
});
