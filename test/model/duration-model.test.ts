import assert from 'node:assert/strict';
import fc from 'fast-check';
import { durationModel, footprintOf, MIN_POOLED_EMPIRICAL, type DurationModel } from '../../src/model/duration-model.ts';
import { amdahlMedianMs } from '../../src/model/fit-duration-model.ts';
import { pooledLogSpread } from '../../src/model/pooled-spread.ts';
import type { ArchitectureProfile, FittedDurationModel, FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';
import { createRng } from '../../src/sim/random.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${what}: ${got} vs ${want}`);
const FIT: FittedDurationModel = { kind: 'amdahl-lognormal', serialMs: 100, parallelMs: 1769, maxUsefulVcpu: 2, sigma: 0.2, initMs: 250, fitErrorPct: 0 };

/** n warm samples at one size: the median times fixed ratios 0.8 … 1.6 (a right tail), so quantiles are known exactly. */
function measuredAt(memoryMb: number, medianMs: number, extra: Partial<MemoryMeasurement> = {}): MemoryMeasurement {
  const ratios = [0.8, 0.9, 0.95, 1, 1, 1.05, 1.1, 1.2, 1.6];
  return { memoryMb, warmDurationsMs: ratios.map((r) => r * medianMs), coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 90, invocations: 9, errors: 0, timeouts: 0, ...extra };
}

function profileWith(arch: ArchitectureProfile): FunctionProfile {
  return { schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: arch } };
}

/** Measured medians 10 % above the fit at 512 MB and 5 % below it at 1769 MB. Built inside each test (not at load time, which makes mutants static). */
function measuredTwice(): { profile: FunctionProfile; model: DurationModel } {
  const profile = profileWith({ measurements: [measuredAt(512, 1.1 * amdahlMedianMs(FIT, 512)), measuredAt(1769, 0.95 * amdahlMedianMs(FIT, 1769))], model: FIT });
  return { profile, model: durationModel(profile, 'x86_64')! };
}

describe('durationModel (the predictor)', () => {

  it('gives the measured distribution at a measured size, not the fit', () => {
    const { profile, model } = measuredTwice();
    const m = profile.architectures.x86_64!.measurements[0]!;
    assert.equal(model.medianMs(512), m.warmDurationsMs[3]);
    assert.ok(Math.abs(model.quantile(512, 0.99) - Math.max(...m.warmDurationsMs)) < 1e-9);
    assert.ok(Math.abs(model.quantile(512, 0.1) - Math.min(...m.warmDurationsMs)) < 1e-9);
  });

  it('scales the nearest measured distribution by the fit outside the measured range', () => {
    const { model } = measuredTwice();
    const ratio = amdahlMedianMs(FIT, 256) / amdahlMedianMs(FIT, 512);
    assert.ok(Math.abs(model.quantile(256, 0.9) - ratio * model.quantile(512, 0.9)) < 1e-9);
    // Beyond the fit's 2 useful vCPUs nothing changes.
    assert.equal(model.quantile(8000, 0.5), model.quantile(4000, 0.5));
  });

  it('mixes the neighbours\' quantiles between measured sizes by the fraction of the fitted speed-up reached', () => {
    const { model } = measuredTwice();
    const mb = 1000;
    const t = (amdahlMedianMs(FIT, 512) - amdahlMedianMs(FIT, mb)) / (amdahlMedianMs(FIT, 512) - amdahlMedianMs(FIT, 1769));
    for (const q of [0.5, 0.9, 0.99]) {
      const want = (1 - t) * model.quantile(512, q) + t * model.quantile(1769, q);
      assert.ok(Math.abs(model.quantile(mb, q) - want) < 1e-9, `q=${q}`);
    }
  });

  it('samples what its quantiles say (same seed, same draws)', () => {
    const { model } = measuredTwice();
    for (const mb of [300, 512, 1000, 1769, 5000]) {
      const draw = model.samplerAt(mb);
      const rng = createRng(11);
      const xs = Array.from({ length: 20_000 }, () => draw(rng)).sort((a, b) => a - b);
      for (const q of [0.25, 0.5, 0.9]) {
        const got = xs[Math.ceil(q * xs.length) - 1]!;
        assert.ok(Math.abs(got - model.quantile(mb, q)) / model.quantile(mb, q) < 0.03, `${mb} MB q=${q}: ${got} vs ${model.quantile(mb, q)}`);
      }
      assert.equal(model.samplerAt(mb)(createRng(11)), draw(createRng(11)));
    }
  });

  it('never predicts slower quantiles at more memory when each measured size is no slower than the smaller ones', () => {
    fc.assert(
      fc.property(
        fc.record({ serialMs: fc.integer({ min: 0, max: 2000 }), parallelMs: fc.integer({ min: 1, max: 20_000 }), maxUsefulVcpu: fc.constantFrom(0.5, 1, 2, 6) }),
        fc.uniqueArray(fc.integer({ min: 128, max: 10_240 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0.8, max: 1.25, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 128, max: 10_239 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (curve, sizes, noise, low, step, q) => {
          const fit: FittedDurationModel = { kind: 'amdahl-lognormal', ...curve, sigma: 0.1, initMs: 100, fitErrorPct: 0 };
          // Measured medians off the fit by noise, then made non-increasing in memory.
          let previous = Infinity;
          const measurements = [...sizes].sort((a, b) => a - b).map((mb, i) => {
            previous = Math.min(previous, amdahlMedianMs(fit, mb) * noise[i]!);
            return measuredAt(mb, previous);
          });
          const m = durationModel(profileWith({ measurements, model: fit }), 'x86_64')!;
          const high = Math.min(low + step, 10_240);
          assert.ok(m.quantile(high, q) <= m.quantile(low, q) * (1 + 1e-12), `${low}→${high} MB q=${q}: ${m.quantile(low, q)} → ${m.quantile(high, q)}`);
          assert.ok(m.medianMs(high) <= m.medianMs(low) * (1 + 1e-12));
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });

  it('uses a lognormal with the fitted sigma when nothing was measured', () => {
    const bare = durationModel(profileWith({ measurements: [], model: FIT }), 'x86_64')!;
    assert.equal(bare.medianMs(1769), amdahlMedianMs(FIT, 1769));
    assert.ok(Math.abs(bare.quantile(1769, 0.95) / bare.medianMs(1769) - Math.exp(0.2 * 1.6448536)) < 1e-6);
  });

  it('gives, for many sizes or levels at once, exactly what quantile and medianMs give one at a time', () => {
    const { model } = measuredTwice();
    // Below, at, between and above the measured sizes, in a fresh model (nothing located yet) and in one asked before.
    const sizes = [128, 512, 700, 1000, 1769, 3008, 10240];
    for (const mb of sizes) model.quantile(mb, 0.5);
    const fresh = durationModel(profileWith({ measurements: [measuredAt(512, 900), measuredAt(1769, 300)], model: FIT }), 'x86_64')!;
    const bare = durationModel(profileWith({ measurements: [], model: FIT }), 'x86_64')!;
    for (const m of [fresh, model, bare]) {
      const quantiles = new Float64Array(sizes.length);
      const medians = new Float64Array(sizes.length);
      m.quantilesAndMedians(sizes, 0.95, quantiles, medians);
      assert.deepEqual([...quantiles], sizes.map((mb) => m.quantile(mb, 0.95)));
      assert.deepEqual([...medians], sizes.map((mb) => m.medianMs(mb)));
      const levels = [0.05, 0.5, 0.9, 0.99];
      const atLevels = new Float64Array(levels.length);
      m.quantilesAt(1000, levels, atLevels);
      assert.deepEqual([...atLevels], levels.map((q) => m.quantile(1000, q)));
    }
  });

  it('gives a size with few samples the pooled ratios\' own tail once there are enough of them, else a lognormal of the pooled spread', () => {
    const ratios = [0.8, 0.9, 1, 1.1, 1.5, 1.25];
    const sizes = (count: number) => Array.from({ length: count }, (_, i) => ({ ...measuredAt(256 * (i + 1), 1000 / (i + 1)), warmDurationsMs: ratios.map((r) => (r * 1000) / (i + 1)) }));
    const median = (1000 / 3) * 1.05; // the 3rd size: the median of its six ratios is 1.05
    const many = sizes(Math.ceil(MIN_POOLED_EMPIRICAL / ratios.length));
    const pooled = many.flatMap((m, i) => m.warmDurationsMs.map((ms) => ms / ((1000 / (i + 1)) * 1.05))).sort((a, b) => a - b);
    const fromMany = durationModel(profileWith({ measurements: many }), 'x86_64')!;
    assert.ok(Math.abs(fromMany.quantile(768, 0.95) - median * pooled[Math.ceil(0.95 * pooled.length) - 1]!) < 1e-9);
    const few = sizes(Math.floor((MIN_POOLED_EMPIRICAL - 1) / ratios.length));
    const fromFew = durationModel(profileWith({ measurements: few }), 'x86_64')!;
    // (The fit's median at 768 MB is 350 ms up to rounding, so relative.)
    assert.ok(Math.abs(fromFew.quantile(768, 0.95) / (median * Math.exp(1.6448536269514722 * pooledLogSpread(few)!)) - 1) < 1e-9);
  });

  it('predicts an unbiased p95 from two steady samples a size and their warm-up (dagc\'s default plan)', () => {
    const rng = createRng(29);
    const sigma = 0.1;
    const truth = { serialMs: 20, parallelMs: 400, maxUsefulVcpu: 1 };
    let logBias = 0;
    const runs = 300;
    for (let run = 0; run < runs; run += 1) {
      const measurements: MemoryMeasurement[] = [128, 448, 1769, 3538].map((mb) => {
        const level = amdahlMedianMs(truth, mb);
        const noisy = (factor: number) => level * factor * Math.exp(sigma * rng.normal());
        return { memoryMb: mb, warmupDurationsMs: [1.5, 1.2, 1.13].map(noisy), warmDurationsMs: [noisy(1), noisy(1)], coldDurationsMs: [2 * level], initDurationsMs: [200], maxMemoryUsedMb: 80, invocations: 6, errors: 0, timeouts: 0 };
      });
      const model = durationModel(profileWith({ measurements }), 'x86_64')!;
      for (const mb of [192, 640, 1280]) logBias += Math.log(model.quantile(mb, 0.95) / (amdahlMedianMs(truth, mb) * Math.exp(1.6448536269514722 * sigma)));
    }
    // The empirical 0.95 quantile of the ~20 pooled ratios was 4.5 % low here.
    assert.ok(Math.abs(logBias / (3 * runs)) < 0.02, `p95 log bias ${logBias / (3 * runs)}`);
  });

  it('slows cold invocations by the measured cold/warm median ratio, and a size without cold samples by the pooled one', () => {
    const cold = Array.from({ length: 10 }, () => 3000);
    const withCold = durationModel(profileWith({ measurements: [measuredAt(1024, 1000, { coldDurationsMs: cold }), measuredAt(2048, 800, { coldDurationsMs: [4000] })], model: FIT }), 'x86_64')!;
    assert.equal(withCold.coldFactor(1024), 3);
    // 2048 MB has one cold sample (×5): the 11 pooled log ratios' median, ×3, at full credibility.
    close(withCold.coldFactor(2048), 3, 'pooled factor at 2048 MB');
    assert.ok(Math.abs(withCold.coldFactor(1500) - 3) < 1e-9);
  });

  it('takes the footprint from the smallest clean run, raised past any size that ran out of memory', () => {
    const arch = (ms: Array<[number, number, number]>): ArchitectureProfile => ({ measurements: ms.map(([mb, used, errors]) => measuredAt(mb, 100, { maxMemoryUsedMb: used, errors })) });
    // Node grows its heap with the memory it is given: 165 MB used at 2048 MB, but it ran clean in 128 MB.
    assert.equal(footprintOf(arch([[128, 128, 0], [2048, 165, 0]])), 128);
    assert.equal(footprintOf(arch([[256, 256, 3], [512, 300, 0]])), 300);
    assert.equal(footprintOf(arch([[256, 256, 3], [512, 200, 0]])), 257);
  });
});
