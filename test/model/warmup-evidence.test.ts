import assert from 'node:assert/strict';
import { durationModel } from '../../src/model/duration-model.ts';
import { amdahlMedianMs, fitDurationModel } from '../../src/model/fit-duration-model.ts';
import type { FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';
import { evidenceRatios, PRIOR_WARMUP_SLOWDOWN, samplesByPosition, SLOW_STEADY_CALLS, steadyEvidence, warmupCorrections } from '../../src/model/warmup-evidence.ts';
import { createRng, type SimRng as Rng } from '../../src/sim/random.ts';

const Z_P95 = 1.6448536269514722;

/** One size as the profiler files it after one cold start: warm-up samples (level × slowdown × noise), then steady ones. */
function sizeOf(memoryMb: number, levelMs: number, options: { rng: Rng; sigma: number; steady: number; slowdowns: readonly number[]; tau?: number; coldStarts?: number }): MemoryMeasurement {
  const { rng, sigma, steady, slowdowns, tau = 0, coldStarts = 1 } = options;
  const noisy = (factor: number) => levelMs * factor * Math.exp(sigma * rng.normal());
  const warmupDurationsMs = slowdowns.map((factor) => noisy(factor * Math.exp(tau * rng.normal())));
  const warmDurationsMs = Array.from({ length: steady }, () => noisy(1));
  const coldDurationsMs = Array.from({ length: coldStarts }, () => 2 * levelMs);
  return { memoryMb, warmDurationsMs, warmupDurationsMs, coldDurationsMs, initDurationsMs: coldDurationsMs.map(() => 200), maxMemoryUsedMb: 80, invocations: 1 + slowdowns.length + steady, errors: 0, timeouts: 0 };
}

function profileOf(measurements: MemoryMeasurement[]): FunctionProfile {
  return { schemaVersion: 1, function: 'f', source: { kind: 'emulator', description: 'test' }, architectures: { x86_64: { measurements } } };
}

const TRUTH = { serialMs: 20, parallelMs: 400, maxUsefulVcpu: 1 };
const SIZES_MB = [128, 448, 1769, 3538];

describe('warm-up samples as steady evidence (warmup-evidence.ts)', () => {
  it('estimates each position\'s slowdown from the function\'s own samples, not from the prior', () => {
    const rng = createRng(5);
    const slowdowns = [1.9, 1.4, 1.15];
    const measurements = Array.from({ length: 12 }, (_, i) => sizeOf(128 * (i + 1), 100 * (i + 1), { rng, sigma: 0.05, steady: 3, slowdowns }));
    const corrections = warmupCorrections(measurements);
    // The first steady call is one more position (SLOW_STEADY_CALLS); these sizes' 4th call runs at the steady level.
    const truth = [...slowdowns, 1];
    assert.equal(corrections.length, slowdowns.length + SLOW_STEADY_CALLS);
    corrections.forEach((correction, k) => {
      const estimated = Math.exp(correction.logSlowdown);
      assert.ok(Math.abs(estimated / truth[k]! - 1) < 0.06, `position ${k + 1}: ${estimated} vs ${truth[k]}`);
      assert.ok(Math.abs(estimated / PRIOR_WARMUP_SLOWDOWN[k]! - 1) > 0.1 || k >= 2, `position ${k + 1} should have left the prior`);
    });
  });

  it('counts a corrected warm-up sample almost as a steady one when the slowdown is the same at every size', () => {
    const rng = createRng(7);
    // Five steady calls: the first is read as a 4th warm-up position (SLOW_STEADY_CALLS), four stay steady.
    const measurements = Array.from({ length: 12 }, (_, i) => sizeOf(128 * (i + 1), 100 * (i + 1), { rng, sigma: 0.1, steady: 5, slowdowns: [1.5, 1.2, 1.13] }));
    for (const correction of warmupCorrections(measurements)) {
      assert.ok(correction.weight > 0.7, `weight ${correction.weight}`);
      assert.ok(correction.spreadScale > 0.9, `spread scale ${correction.spreadScale}`);
    }
  });

  it('down-weights warm-up samples whose slowdown differs from size to size', () => {
    const rng = createRng(7);
    const measurements = Array.from({ length: 8 }, (_, i) => sizeOf(128 * (i + 1), 100, { rng, sigma: 0.05, steady: 4, slowdowns: [1.5, 1.2, 1.13], tau: 0.5 }));
    for (const correction of warmupCorrections(measurements)) {
      assert.ok(correction.weight < 0.3, `weight ${correction.weight}`);
      assert.ok(correction.spreadScale < 0.4, `spread scale ${correction.spreadScale}`);
    }
  });

  it('has no evidence beyond the steady samples in a profile without warm-up samples, which the predictor reads as before', () => {
    const rng = createRng(3);
    const plain = SIZES_MB.map((mb) => {
      const { warmupDurationsMs: _dropped, ...rest } = sizeOf(mb, amdahlMedianMs(TRUTH, mb), { rng, sigma: 0.1, steady: 9, slowdowns: [] });
      return rest;
    });
    assert.equal(steadyEvidence(plain), undefined);
    assert.equal(steadyEvidence(plain.map((m) => ({ ...m, warmupDurationsMs: [] }))), undefined);
    const model = durationModel(profileOf(plain), 'x86_64')!;
    const sorted = [...plain[1]!.warmDurationsMs].sort((a, b) => a - b);
    assert.ok(Math.abs(model.medianMs(448) - sorted[4]!) < 1e-9);
    assert.ok(Math.abs(model.quantile(448, 0.95) - sorted[8]!) < 1e-9);
  });

  it('leaves out the warm-up samples of a size with more than one cold start (their positions cannot be told)', () => {
    const rng = createRng(9);
    const measurements = [
      sizeOf(512, 100, { rng, sigma: 0.1, steady: 2, slowdowns: [1.5, 1.2, 1.13] }),
      sizeOf(1024, 60, { rng, sigma: 0.1, steady: 2, slowdowns: [1.5, 1.2, 1.13, 1.5], coldStarts: 2 }),
    ];
    const evidence = steadyEvidence(measurements)!;
    assert.equal(evidence[0]!.logs.length, 5);
    assert.equal(evidence[1]!.logs.length, 2);
  });

  it('reads the first steady call as a 4th warm-up position where a later steady sample is left to compare it with', () => {
    const rng = createRng(2);
    const size = sizeOf(512, 100, { rng, sigma: 0.1, steady: 3, slowdowns: [1.5, 1.2, 1.13] });
    assert.deepEqual(samplesByPosition(size), { warmupMs: [...size.warmupDurationsMs!, size.warmDurationsMs[0]!], steadyMs: size.warmDurationsMs.slice(1) });
    const lone = sizeOf(512, 100, { rng, sigma: 0.1, steady: 1, slowdowns: [1.5, 1.2, 1.13] });
    assert.deepEqual(samplesByPosition(lone), { warmupMs: lone.warmupDurationsMs, steadyMs: lone.warmDurationsMs });
    const twoColdStarts = sizeOf(512, 100, { rng, sigma: 0.1, steady: 3, slowdowns: [1.5, 1.2, 1.13], coldStarts: 2 });
    assert.deepEqual(samplesByPosition(twoColdStarts), { warmupMs: [], steadyMs: twoColdStarts.warmDurationsMs });
  });

  it('keeps a slow 4th call from raising the level of a size with two steady samples', () => {
    const rng = createRng(13);
    let evidenceBias = 0;
    let steadyMeanBias = 0;
    const runs = 300;
    for (let run = 0; run < runs; run += 1) {
      // The 4th call after the cold start runs 5 % slow, as on the emulator (PRIOR_WARMUP_SLOWDOWN[3]).
      const measurements = SIZES_MB.map((mb) => sizeOf(mb, amdahlMedianMs(TRUTH, mb), { rng, sigma: 0.1, steady: 0, slowdowns: [1.5, 1.2, 1.13, 1.05, 1] }));
      const asProfiled = measurements.map((m) => ({ ...m, warmupDurationsMs: m.warmupDurationsMs!.slice(0, 3), warmDurationsMs: m.warmupDurationsMs!.slice(3) }));
      steadyEvidence(asProfiled)!.forEach((e, i) => {
        const truth = Math.log(amdahlMedianMs(TRUTH, SIZES_MB[i]!));
        evidenceBias += Math.log(e.centerMs) - truth;
        steadyMeanBias += asProfiled[i]!.warmDurationsMs.reduce((a, ms) => a + Math.log(ms), 0) / 2 - truth;
      });
    }
    const n = runs * SIZES_MB.length;
    assert.ok(Math.abs(evidenceBias / n) < 0.006, `level bias ${evidenceBias / n}`);
    assert.ok(steadyMeanBias / n > 0.018, `the steady samples' own mean is ${steadyMeanBias / n} high`);
  });

  it('widens a sample\'s deviation from a level computed from few samples by 1 / √(1 − its leverage)', () => {
    const ratios = evidenceRatios({ memoryMb: 512, logs: [Math.log(90), Math.log(110)], weights: [1, 1], spreadScales: [1, 1], centerMs: Math.sqrt(90 * 110) });
    const half = Math.log(110 / 90) / 2;
    assert.ok(Math.abs(Math.log(ratios[1]!) - half * Math.SQRT2) < 1e-12);
    assert.ok(Math.abs(Math.log(ratios[0]!) + half * Math.SQRT2) < 1e-12);
  });

  it('fits the curve to each size\'s corrected level', () => {
    const rng = createRng(4);
    const measurements = [sizeOf(1769, 420, { rng, sigma: 0.2, steady: 2, slowdowns: [1.5, 1.2, 1.13] })];
    const fit = fitDurationModel(measurements)!;
    assert.ok(Math.abs(amdahlMedianMs(fit, 1769) - steadyEvidence(measurements)![0]!.centerMs) < 1e-6);
  });

  it('recovers a known steady p95 from two steady samples a size better with the warm-up samples than without', () => {
    const rng = createRng(21);
    const sigma = 0.2;
    let withWarmup = 0;
    let steadyOnly = 0;
    const runs = 200;
    for (let run = 0; run < runs; run += 1) {
      const measurements = SIZES_MB.map((mb) => sizeOf(mb, amdahlMedianMs(TRUTH, mb), { rng, sigma, steady: 2, slowdowns: [1.5, 1.2, 1.13] }));
      const plain = measurements.map(({ warmupDurationsMs: _dropped, ...rest }) => rest);
      for (const mb of [192, 640, 1280, 2304]) {
        const truth = amdahlMedianMs(TRUTH, mb) * Math.exp(Z_P95 * sigma);
        withWarmup += Math.abs(durationModel(profileOf(measurements), 'x86_64')!.quantile(mb, 0.95) / truth - 1);
        steadyOnly += Math.abs(durationModel(profileOf(plain), 'x86_64')!.quantile(mb, 0.95) / truth - 1);
      }
    }
    assert.ok(withWarmup < 0.9 * steadyOnly, `mean error ${withWarmup / (4 * runs)} with warm-up samples vs ${steadyOnly / (4 * runs)} without`);
  });
});
