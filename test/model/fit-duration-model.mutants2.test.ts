// fitDurationModel where the src/model run's survivors showed the tests thin (issue 26; reviewed in
// bench/results/mutation-src-model-review-rvmodel.txt): the flat fit of a function that is slower at the larger
// size, on medians near 1 ms, and a cold-only size counted beside a size whose warm-up samples have positions.
// Expected numbers are worked by hand from the header's rules (weights 1/y², mean absolute percentage error).
import assert from 'node:assert/strict';
import { fitDurationModel } from '../../src/model/fit-duration-model.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';

const close = (got: number, want: number, what: string, tolerance = 1e-9) =>
  assert.ok(Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)), `${what}: ${got}, want ${want}`);

function size(memoryMb: number, warm: number[], extra: Partial<MemoryMeasurement> = {}): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: warm, coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 64, invocations: warm.length, errors: 0, timeouts: 0, ...extra };
}

describe('fitDurationModel: the flat fit and cold-only sizes', () => {
  it('fits a function slower at the larger size as flat at the 1/y²-weighted mean of its medians, even near 1 ms', () => {
    // 1.2 ms at 1 vCPU, 2.1 ms at 2 vCPUs: no Amdahl curve with parallel ≥ 0 falls, so the fit is flat at
    // Σ(1/y) / Σ(1/y²) = (1/1.2 + 1/2.1) / (1/1.44 + 1/4.41) ≈ 1.4215 ms, with parallel 0.
    const model = fitDurationModel([size(1769, [1.2, 1.2, 1.2]), size(3538, [2.1, 2.1, 2.1])])!;
    const flatMs = (1 / 1.2 + 1 / 2.1) / (1 / 1.44 + 1 / 4.41);
    close(model.serialMs, flatMs, 'serialMs');
    assert.equal(model.parallelMs, 0);
    close(model.fitErrorPct, (100 * (Math.abs(flatMs - 1.2) / 1.2 + Math.abs(flatMs - 2.1) / 2.1)) / 2, 'fitErrorPct');
  });

  it('counts a cold-only size by its cold median beside a size with warm-up evidence', () => {
    // 1,769 MB: one cold start, a warm-up sample and steady ones (its level about 98 ms after the warm-up correction);
    // 3,538 MB: cold samples only, median 60 ms. Two sizes, two parameters: the fit passes through both, so the
    // fitted median at 3,538 MB is that size's cold median and the fit error is 0.
    const warmedUp = size(1769, [100, 100, 100], { warmupDurationsMs: [150], coldDurationsMs: [300], initDurationsMs: [200] });
    const coldOnly = size(3538, [], { coldDurationsMs: [55, 60, 70], initDurationsMs: [200, 200, 200], invocations: 3 });
    const model = fitDurationModel([warmedUp, coldOnly])!;
    const fittedAt2VcpuMs = model.serialMs + model.parallelMs / Math.min(3538 / 1769, model.maxUsefulVcpu);
    close(fittedAt2VcpuMs, 60, 'fitted median at 3,538 MB', 1e-6);
    assert.ok(model.fitErrorPct < 1e-6, `fitErrorPct ${model.fitErrorPct}`);
    assert.ok(model.parallelMs > 0, 'the larger size is faster: some parallel part');
  });
});
