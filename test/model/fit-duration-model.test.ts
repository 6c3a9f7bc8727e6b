import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amdahlMedianMs, fitDurationModel, median } from '../../src/model/fit-duration-model.ts';
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

  it('puts everything in the serial part when the durations rise with memory, at the smallest candidate plateau', () => {
    // Medians 100 ms at 128 MB and 200 ms at 1,024 MB: no parallel part fits (it would be negative). The serial part is
    // then the 1/y²-weighted mean, (1/100 + 1/200) / (1/100² + 1/200²) = 120 ms, 30 % off on average at every candidate,
    // and the first candidate (0.05 vCPU) keeps the tie.
    const fit = fitDurationModel([measured(128, [90, 100, 110]), measured(1024, [180, 200, 220])])!;
    assert.ok(Math.abs(fit.serialMs - 120) < 1e-9, `serial ${fit.serialMs}`);
    assert.equal(fit.parallelMs, 0);
    assert.equal(fit.maxUsefulVcpu, 0.05);
    assert.ok(Math.abs(fit.fitErrorPct - 30) < 1e-9, `error ${fit.fitErrorPct}`);
    // sigma: the sample spread of log(d / 120) over the six warm samples (n − 1 in the denominator).
    assert.ok(Math.abs(fit.sigma - 0.39012354931350185) < 1e-12, `sigma ${fit.sigma}`);
    assert.equal(fit.initMs, 0, 'no init measured');
  });

  it('reads a size with no warm samples at the median of its cold ones', () => {
    // 128 MB: cold only, median 1,000 ms; 1,769 MB: 100 ms warm. Two points: the curve goes through both.
    const cold = { ...measured(128, []), coldDurationsMs: [1100, 900, 1000] };
    const fit = fitDurationModel([cold, measured(1769, [100])])!;
    assert.ok(Math.abs(amdahlMedianMs(fit, 128) - 1000) < 1e-6, `${amdahlMedianMs(fit, 128)}`);
    assert.ok(Math.abs(amdahlMedianMs(fit, 1769) - 100) < 1e-6, `${amdahlMedianMs(fit, 1769)}`);
    // One warm sample in all: no spread to measure.
    assert.equal(fit.sigma, 0);
  });

  it('leaves zero durations out of the spread and sizes without a positive level out of the curve', () => {
    // The zeros neither move the 100 ms level (the median of 0, 100, 100) nor enter sigma; the all-zero size is skipped.
    const fit = fitDurationModel([measured(512, [0, 100, 100]), measured(1024, [0, 0]), measured(2048, [100, 100])])!;
    assert.equal(fit.sigma, 0);
    assert.ok(Math.abs(amdahlMedianMs(fit, 512) - 100) < 1e-9);
    assert.equal(fitDurationModel([measured(512, [0, 0])]), undefined);
  });

  it('takes the median: the middle value, the mean of the middle two, NaN for nothing', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.ok(Number.isNaN(median([])));
    const values = [5, 1, 4];
    median(values);
    assert.deepEqual(values, [5, 1, 4], 'the input is left unsorted');
  });

  it('never fits a negative serial part: durations falling faster than 1/memory get a line through the origin', () => {
    // 1,000 ms at 512 MB, 100 ms at 1,024 MB: the straight line through both crosses below 0 ms. With serial 0, the
    // 1/y²-weighted least squares through the origin in x = 1769/m gives p = Σ(x/y) / Σ(x²/y²).
    const fit = fitDurationModel([measured(512, [1000]), measured(1024, [100])])!;
    const [x1, x2] = [1769 / 512, 1769 / 1024];
    const p = (x1 / 1000 + x2 / 100) / (x1 ** 2 / 1000 ** 2 + x2 ** 2 / 100 ** 2);
    assert.equal(fit.serialMs, 0);
    assert.ok(Math.abs(fit.parallelMs - p) < 1e-9 * p, `parallel ${fit.parallelMs} vs ${p}`);
    const errorPct = ((Math.abs(p * x1 - 1000) / 1000 + Math.abs(p * x2 - 100) / 100) / 2) * 100;
    assert.ok(Math.abs(fit.fitErrorPct - errorPct) < 1e-9, `error ${fit.fitErrorPct} vs ${errorPct}`);
  });
});
