import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amdahlMedianMs, fitDurationModel } from '../../src/model/fit-duration-model.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';
import { createRng } from '../../src/sim/random.ts';

const SIZES = [128, 256, 512, 1024, 1769, 2048, 3008, 5307, 10240];

function measured(memoryMb: number, warmDurationsMs: number[], initDurationsMs: number[] = []): MemoryMeasurement {
  return { memoryMb, warmDurationsMs, coldDurationsMs: [], initDurationsMs, maxMemoryUsedMb: 80, invocations: warmDurationsMs.length, errors: 0, timeouts: 0 };
}

describe('fitDurationModel', () => {
  it('recovers serial, parallel and useful vCPUs from exact Amdahl medians, with ~0 % fit error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 50, max: 200_000 }),
        fc.constantFrom(0.5, 1, 2, 3.5, 6),
        (serialMs, parallelMs, maxUsefulVcpu) => {
          const truth = { serialMs, parallelMs, maxUsefulVcpu };
          const fit = fitDurationModel(SIZES.map((mb) => measured(mb, [amdahlMedianMs(truth, mb)])))!;
          assert.ok(fit.fitErrorPct < 0.01, `fit error ${fit.fitErrorPct}`);
          for (const mb of [200, 900, 3000, 8000]) {
            const want = amdahlMedianMs(truth, mb);
            assert.ok(Math.abs(amdahlMedianMs(fit, mb) - want) / want < 1e-3, `${mb} MB: ${amdahlMedianMs(fit, mb)} vs ${want}`);
          }
        },
      ),
      { numRuns: 60, seed: 4 },
    );
  });

  it('fits functions that run for seconds as well as for milliseconds (the fit is scale-free)', () => {
    const fast = fitDurationModel(SIZES.slice(0, 7).map((mb) => measured(mb, [amdahlMedianMs({ serialMs: 0.6, parallelMs: 0.35, maxUsefulVcpu: 0.75 }, mb)])))!;
    const slow = fitDurationModel(SIZES.slice(0, 7).map((mb) => measured(mb, [amdahlMedianMs({ serialMs: 6000, parallelMs: 3500, maxUsefulVcpu: 0.75 }, mb)])))!;
    assert.ok(Math.abs(slow.serialMs / fast.serialMs - 10_000) < 1e-3 * 10_000);
    assert.ok(Math.abs(slow.parallelMs / fast.parallelMs - 10_000) < 1e-3 * 10_000);
    assert.equal(slow.maxUsefulVcpu, fast.maxUsefulVcpu);
    assert.ok(slow.fitErrorPct < 0.01);
  });

  it('extrapolates no speed-up beyond the largest measured size when the data cannot tell', () => {
    // Keeps speeding up through 3008 MB: the plateau is put at 3008 MB's share, not at 6 vCPUs.
    const fit = fitDurationModel([256, 512, 1024, 2048, 3008].map((mb) => measured(mb, [amdahlMedianMs({ serialMs: 100, parallelMs: 1000, maxUsefulVcpu: 6 }, mb)])))!;
    assert.ok(Math.abs(fit.maxUsefulVcpu - 3008 / 1769) < 1e-6, `${fit.maxUsefulVcpu}`);
  });

  it('measures sigma as the spread of log(duration / fitted median) and initMs as the median init', () => {
    const rng = createRng(7);
    const sigma = 0.3;
    const ms = [512, 1024, 2048].map((mb) =>
      measured(mb, Array.from({ length: 3000 }, () => amdahlMedianMs({ serialMs: 50, parallelMs: 500, maxUsefulVcpu: 6 }, mb) * Math.exp(sigma * rng.normal())), [300, 100, 200]),
    );
    const fit = fitDurationModel(ms)!;
    assert.ok(Math.abs(fit.sigma - sigma) < 0.02, `sigma ${fit.sigma}`);
    assert.equal(fit.initMs, 200);
  });

  it('fits nothing from nothing', () => {
    assert.equal(fitDurationModel([]), undefined);
  });
});
