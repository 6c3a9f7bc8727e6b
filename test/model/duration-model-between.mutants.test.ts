// durationModel between two measured sizes (1,024 and 2,048 MB, asked at 1,536 MB), worked by hand:
// the weight t of the larger size is the fit's t (along memory where the fit is flat) or Amdahl's
// t = (1/1024 − 1/1536) / (1/1024 − 1/2048) = 2/3, widened both ways by the fit's error as a share
// of the measured gap; the median takes the end nearer the slower size. Every sample at a size is
// the same, so each size's level is that duration and neither tail crosses the other.
import assert from 'node:assert/strict';
import { durationModel } from '../../src/model/duration-model.ts';
import type { FittedDurationModel, FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * want, `${what}: ${got}, want ${want}`);

function at(memoryMb: number, durationMs: number): MemoryMeasurement {
  const warmDurationsMs = Array.from({ length: 9 }, () => durationMs);
  return { memoryMb, warmDurationsMs, coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 90, invocations: 9, errors: 0, timeouts: 0 };
}

function profileOf(measurements: MemoryMeasurement[], model: FittedDurationModel): FunctionProfile {
  return { schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: { measurements, model } } };
}

/** A fit that does not change with memory: the fit's t is then the linear one, (1536 − 1024) / (2048 − 1024) = 1/2. */
const FLAT: FittedDurationModel = { kind: 'amdahl-lognormal', serialMs: 1500, parallelMs: 0, maxUsefulVcpu: 6, sigma: 0.1, initMs: 200, fitErrorPct: 0 };
/** All parallel, under 6 vCPUs everywhere here: the fit's t is Amdahl's, 2/3; a 10 % error widens it. */
const PARALLEL: FittedDurationModel = { kind: 'amdahl-lognormal', serialMs: 0, parallelMs: 1000, maxUsefulVcpu: 6, sigma: 0.1, initMs: 200, fitErrorPct: 10 };

describe('durationModel between two measured sizes (mutants)', () => {
  it('takes the lower end (t = 1/2, the flat fit’s) when the smaller size is slower', () => {
    const model = durationModel(profileOf([at(1024, 2000), at(2048, 1000)], FLAT), 'x86_64')!;
    close(model.medianMs(1536), 0.5 * 2000 + 0.5 * 1000, 'median');
  });

  it('takes the upper end (t = 2/3, Amdahl’s) when the larger size is slower', () => {
    const model = durationModel(profileOf([at(1024, 1000), at(2048, 2000)], FLAT), 'x86_64')!;
    close(model.medianMs(1536), (1 / 3) * 1000 + (2 / 3) * 2000, 'median');
  });

  it('widens the interval by the fit’s error: 10 % × level 1,333.3 / gap 1,000 = 0.1333 below t = 2/3', () => {
    const model = durationModel(profileOf([at(1024, 2000), at(2048, 1000)], PARALLEL), 'x86_64')!;
    const level = (1 / 3) * 2000 + (2 / 3) * 1000;
    const t = 2 / 3 - 0.1 * (level / 1000);
    close(model.medianMs(1536), (1 - t) * 2000 + t * 1000, 'median');
  });
  it('reads a row of sizes like single sizes, also where the widened interval’s lower end clamps to t = 0, and writes only the rows asked for', () => {
    // A 100 % fit error widens t by 1 × 1,333.3 / 1,000 > 2/3, so the lower end is t = 0: the smaller size's level, 2,000 ms.
    const model = durationModel(profileOf([at(1024, 2000), at(2048, 1000)], { ...PARALLEL, fitErrorPct: 100 }), 'x86_64')!;
    close(model.medianMs(1536), 2000, 'median alone');
    const quantiles = new Float64Array(4).fill(-1);
    const medians = new Float64Array(4).fill(-1);
    model.quantilesAndMedians([1024, 1536, 2048], 0.5, quantiles, medians);
    [2000, 2000, 1000].forEach((want, i) => {
      close(medians[i]!, want, `median ${i}`);
      close(quantiles[i]!, want, `p50 ${i}`);
    });
    assert.equal(medians[3], -1);
    assert.equal(quantiles[3], -1);
  });
});
