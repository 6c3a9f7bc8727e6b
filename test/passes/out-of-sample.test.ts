import assert from 'node:assert/strict';
import type { Slo } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { outOfSampleCheck, outOfSampleWarning } from '../../src/passes/out-of-sample.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 1000 };

function summary(p95: number, costUsd = 1e-5): EstimateSummary {
  return {
    latencyMs: { p50: p95 / 2, p90: p95 * 0.9, p95, p99: p95 * 1.1, max: p95 * 1.2 },
    costUsd,
    breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
  };
}

function check(inP95: number, outP95: number) {
  return outOfSampleCheck({
    slo: SLO,
    inSample: { samples: 2000, seed: 1, summary: summary(inP95) },
    outOfSample: { samples: 4000, seed: 77, summary: summary(outP95, 2e-5), intervalMs: { lowMs: outP95 - 10, highMs: outP95 + 12 } },
  });
}

describe('outOfSampleCheck', () => {
  it('disagrees only when the plan meets on its own draws and misses on independent ones', () => {
    assert.equal(check(990, 1010).disagrees, true);
    assert.equal(check(990, 1000).disagrees, false, 'exactly at the SLO meets');
    assert.equal(check(1000, 1010).disagrees, true, 'exactly at the SLO meets in sample too');
    assert.equal(check(1000, 1010).inSample.meetsSlo, true);
    assert.equal(check(1010, 1020).disagrees, false, 'missed in sample too: not an out-of-sample surprise');
    assert.equal(check(1010, 990).disagrees, false, 'meets out of sample');
  });

  it('reads the SLO percentile from both estimates and keeps the out-of-sample cost and interval', () => {
    const c = check(990, 1010);
    assert.deepEqual(c.inSample, { samples: 2000, seed: 1, latencyMs: 990, meetsSlo: true });
    assert.deepEqual(c.outOfSample, { samples: 4000, seed: 77, latencyMs: 1010, meetsSlo: false, intervalMs: { lowMs: 1000, highMs: 1022 }, costUsd: 2e-5 });
  });

  it('warns (DAGC0340) with the p95 ± the wider side of its interval, and the SLO to loosen to', () => {
    assert.equal(outOfSampleWarning('app', SLO, check(990, 990)), undefined);
    const warning = outOfSampleWarning('app', SLO, check(990, 1010))!;
    assert.equal(warning.code, 'DAGC0340');
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /p95 990 ms, seed 1, 2000 samples.*p95 is 1010 ms ± 12 ms \(95 % interval 1000 ms–1022 ms; seed 77, 4000 samples\)/);
    assert.match(warning.hint!, /--samples 8000/);
    assert.match(warning.hint!, /p95=1022ms/);
  });
});
