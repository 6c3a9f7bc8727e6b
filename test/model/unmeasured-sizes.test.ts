// No optimism at sizes nobody measured (src/model/duration-model.ts): between
// two measured sizes a prediction stays inside their bracket at every quantile
// and every draw, and sits at the pessimistic end of its interval; the
// estimator judges a plan at such a size by that end.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { durationModel } from '../../src/model/duration-model.ts';
import { fitDurationModel } from '../../src/model/fit-duration-model.ts';
import type { FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';
import { createRng } from '../../src/sim/random.ts';
import { estimate } from '../../src/sim/index.ts';
import { deployAt } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** Warm samples at one size: the median times the given ratios. */
function measured(memoryMb: number, medianMs: number, ratios: readonly number[]): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: ratios.map((r) => r * medianMs), coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 60, invocations: ratios.length, errors: 0, timeouts: 0 };
}

function profileFrom(measurements: MemoryMeasurement[]): FunctionProfile {
  return { schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: { measurements, model: fitDurationModel(measurements)! } } };
}

const SIZES_MB = [128, 256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 10240];
const ratioSet = fc.array(fc.double({ min: 0.6, max: 2.5, noNaN: true }), { minLength: 3, maxLength: 30 });
/** A random curve over 2–5 measured sizes: monotone (each size no slower) or not, each size with its own noise. */
const curves = fc
  .record({
    sizes: fc.subarray(SIZES_MB, { minLength: 2, maxLength: 5 }),
    medians: fc.array(fc.double({ min: 5, max: 20_000, noNaN: true }), { minLength: 5, maxLength: 5 }),
    ratios: fc.array(ratioSet, { minLength: 5, maxLength: 5 }),
    monotone: fc.boolean(),
  })
  .map(({ sizes, medians, ratios, monotone }) => {
    const levels = monotone ? [...medians].sort((a, b) => b - a) : medians;
    return sizes.map((mb, i) => measured(mb, levels[i]!, ratios[i]!));
  });

describe('predictions at unmeasured sizes', () => {
  it('stay within the bracket of the measured neighbours at every quantile and every draw, monotone curves or not', () => {
    fc.assert(
      fc.property(curves, fc.integer({ min: 1, max: 1e6 }), (measurements, seed) => {
        const model = durationModel(profileFrom(measurements), 'x86_64')!;
        for (let k = 0; k + 1 < measurements.length; k += 1) {
          const a = measurements[k]!.memoryMb;
          const b = measurements[k + 1]!.memoryMb;
          for (const m of [a + 1, Math.round((a + b) / 2), Math.round(a + (b - a) / 10), b - 1]) {
            for (const q of [0.05, 0.5, 0.9, 0.95, 0.99]) {
              const [lo, hi] = [Math.min(model.quantile(a, q), model.quantile(b, q)), Math.max(model.quantile(a, q), model.quantile(b, q))];
              const got = model.quantile(m, q);
              assert.ok(got >= lo * (1 - 1e-12) && got <= hi * (1 + 1e-12), `${m} MB q=${q}: ${got} outside [${lo}, ${hi}]`);
            }
            // A draw with the same uniform as draws at the neighbours lies between them.
            for (let s = 0; s < 20; s += 1) {
              const [da, db, dm] = [a, b, m].map((mb) => model.samplerAt(mb)(createRng(seed + s)));
              assert.ok(dm! >= Math.min(da!, db!) * (1 - 1e-12) && dm! <= Math.max(da!, db!) * (1 + 1e-12), `${m} MB draw ${dm} outside [${da}, ${db}]`);
            }
          }
        }
      }),
      { numRuns: 150, seed: 23 },
    );
  });

  it('predict the pessimistic end of their interval, never faster than the fit interpolates', () => {
    fc.assert(
      fc.property(curves, (measurements) => {
        const model = durationModel(profileFrom(measurements), 'x86_64')!;
        for (let k = 0; k + 1 < measurements.length; k += 1) {
          const m = Math.round((measurements[k]!.memoryMb + measurements[k + 1]!.memoryMb) / 2);
          for (const q of [0.5, 0.95, 0.99]) {
            const interval = model.intervalAt!(m, q);
            assert.equal(interval.predictedMs, model.quantile(m, q));
            assert.ok(interval.predictedMs >= interval.highMs * (1 - 1e-12) && interval.predictedMs >= interval.fitMs * (1 - 1e-12), JSON.stringify(interval));
            assert.ok(interval.lowMs <= interval.fitMs * (1 + 1e-12));
          }
        }
      }),
      { numRuns: 150, seed: 29 },
    );
  });

  it('does not call a size as fast as the next measured one because the fit flattened early', () => {
    // 1000 ms at 1024 MB, 600 ms at 2048 and 4096 MB: every plateau from 0.97 vCPU (all work parallel, 1707 MB)
    // to 1.16 vCPU fits exactly, and the fit takes the smallest, so by the fit 1720 MB runs as fast as 2048 MB.
    const ratios = Array.from({ length: 20 }, (_, i) => 0.9 + i * 0.01);
    const profile = profileFrom([measured(1024, 1000, ratios), measured(2048, 600, ratios), measured(4096, 600, ratios)]);
    const model = durationModel(profile, 'x86_64')!;
    const b = model.quantile(2048, 0.5);
    const interval = model.intervalAt!(1720, 0.5);
    assert.ok(interval.fitMs < 1.03 * b, `the fit alone: ${interval.fitMs} vs ${b}`);
    // Amdahl up to 2048 MB (the latest plateau the measurements allow) puts 1720 MB 80 % of the way: about 680 ms.
    assert.ok(model.quantile(1720, 0.5) > 1.1 * b, `${model.quantile(1720, 0.5)} vs ${b}`);
    assert.ok(Math.abs(model.quantile(1720, 0.5) - interval.highMs) < 1e-9 * interval.highMs);
  });

  it('makes the estimator judge a plan at an unmeasured size by the pessimistic end', () => {
    const ratios = Array.from({ length: 200 }, (_, i) => 0.8 + (0.8 * i) / 199);
    const profile = profileFrom([measured(1024, 1000, ratios), measured(2048, 600, ratios), measured(4096, 600, ratios)]);
    const model = durationModel(profile, 'x86_64')!;
    const ir = irOf({ f: [] });
    const got = estimate(ir, deployAt(ir, 1720), new Map([['f', profile]]), { samples: 4000, seed: 3, executionsPerHour: 1e9, threads: 1 });
    const interval = model.intervalAt!(1720, 0.95);
    assert.ok(interval.highMs > interval.fitMs * 1.05, JSON.stringify(interval));
    // The workflow p95 adds the platform's overheads to the step's own p95: at least the pessimistic end, above the fit's.
    assert.ok(got.latencyMs.p95 >= interval.highMs * 0.99, `p95 ${got.latencyMs.p95} vs ${JSON.stringify(interval)}`);
  });
});
