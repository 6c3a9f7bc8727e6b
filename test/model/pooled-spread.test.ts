import assert from 'node:assert/strict';
import { pooledLogSpread } from '../../src/model/pooled-spread.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';
import { evidenceRatios, steadyEvidence } from '../../src/model/warmup-evidence.ts';
import { createRng, type SimRng as Rng } from '../../src/sim/random.ts';

/** One size after one cold start: warm-up calls at level × slowdown, steady ones at the level, each × lognormal noise. */
function sizeOf(memoryMb: number, levelMs: number, rng: Rng, sigma: number, steady: number, slowdowns: readonly number[], tau = 0): MemoryMeasurement {
  const noisy = (factor: number) => levelMs * factor * Math.exp(sigma * rng.normal());
  return {
    memoryMb,
    warmupDurationsMs: slowdowns.map((factor) => noisy(factor * Math.exp(tau * rng.normal()))),
    warmDurationsMs: Array.from({ length: steady }, (_, i) => noisy(i === 0 ? 1.05 : 1)), // the 4th call after a cold start, still a little slow
    coldDurationsMs: [2 * levelMs],
    initDurationsMs: [200],
    maxMemoryUsedMb: 80,
    invocations: 1 + slowdowns.length + steady,
    errors: 0,
    timeouts: 0,
  };
}

function plainSize(memoryMb: number, warmDurationsMs: number[]): MemoryMeasurement {
  return { memoryMb, warmDurationsMs, coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 80, invocations: warmDurationsMs.length, errors: 0, timeouts: 0 };
}

describe('pooledLogSpread (pooled-spread.ts)', () => {
  it('recovers the spread from two steady samples a size and their warm-up, where the pooled ratios understate it', () => {
    const rng = createRng(17);
    const sigma = 0.1;
    let estimated = 0;
    let ratiosRms = 0;
    const runs = 300;
    for (let run = 0; run < runs; run += 1) {
      const measurements = [128, 448, 1769, 3538].map((mb, i) => sizeOf(mb, 1000 / (i + 1), rng, sigma, 2, [1.5, 1.2, 1.13]));
      estimated += pooledLogSpread(measurements)! / sigma;
      const logs = steadyEvidence(measurements)!.flatMap(evidenceRatios).map(Math.log);
      ratiosRms += Math.sqrt(logs.reduce((a, x) => a + x * x, 0) / logs.length) / sigma;
    }
    assert.ok(Math.abs(estimated / runs - 1) < 0.04, `σ̂ / σ = ${estimated / runs}`);
    assert.ok(ratiosRms / runs < 0.9, `pooled ratios' log spread / σ = ${ratiosRms / runs}`);
  });

  it('does not count a warm-up slowdown that differs from size to size as spread of the durations', () => {
    const rng = createRng(23);
    const sigma = 0.1;
    let estimated = 0;
    const runs = 200;
    for (let run = 0; run < runs; run += 1) {
      const measurements = [128, 256, 512, 1024, 1769, 3538].map((mb, i) => sizeOf(mb, 1000 / (i + 1), rng, sigma, 4, [1.5, 1.2, 1.13], 0.3));
      estimated += pooledLogSpread(measurements)! / sigma;
    }
    // Unscaled, the warm-up residuals carry √(σ² + τ²) ≈ 3.2σ and lift the estimate to about 2.1σ.
    assert.ok(estimated / runs < 1.2, `σ̂ / σ = ${estimated / runs}`);
  });

  it('is zero where every duration is its size\'s level times its position\'s slowdown', () => {
    const exact = [300, 100].map((levelMs, i) => ({ ...sizeOf(512 * (i + 1), levelMs, createRng(1), 0, 3, [1.5, 1.2, 1.13]) }));
    assert.ok(pooledLogSpread(exact)! < 1e-9);
  });

  it('pools the steady samples\' spread within sizes where warm-up positions are unknown', () => {
    const spread = pooledLogSpread([plainSize(512, [90, 110]), plainSize(1024, [40, 50, 60])])!;
    const within = (values: number[]) => {
      const logs = values.map(Math.log);
      const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
      return logs.reduce((a, x) => a + (x - mean) ** 2, 0);
    };
    assert.ok(Math.abs(spread - Math.sqrt((within([90, 110]) + within([40, 50, 60])) / 3)) < 1e-12);
  });

  it('leaves out zero durations, steady or warm-up, and a size with no positive steady sample', () => {
    const within = (values: number[]) => {
      const logs = values.map(Math.log);
      const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
      return logs.reduce((a, x) => a + (x - mean) ** 2, 0);
    };
    // As if the zeros were not there: 90 and 110 at 512 MB, 40, 50 and 60 at 1024 MB, 5 samples less 2 levels.
    const expected = Math.sqrt((within([90, 110]) + within([40, 50, 60])) / 3);
    const spread = pooledLogSpread([plainSize(512, [0, 90, 110]), plainSize(1024, [40, 50, 0, 60]), plainSize(2048, [0, 0])])!;
    assert.ok(Math.abs(spread - expected) < 1e-12, `${spread} vs ${expected}`);
    // Zero warm-up samples (positions known: one cold start) add nothing. The first steady sample of each size moves to
    // warm-up position 2 (SLOW_STEADY_CALLS), 1.2 × its size's steady level at both sizes: slowdown 1.2 fits them
    // exactly, so the residuals are those of 50 and 60 ms alone, over 5 samples less 2 levels and 1 slowdown.
    const size = (memoryMb: number, steady: number[]) => {
      const level = Math.exp(steady.map(Math.log).reduce((a, b) => a + b, 0) / steady.length);
      return { ...plainSize(memoryMb, [1.2 * level, ...steady]), warmupDurationsMs: [0], coldDurationsMs: [300] };
    };
    const warmups = pooledLogSpread([size(512, [110]), size(1024, [50, 60])])!;
    assert.ok(Math.abs(warmups - Math.sqrt(within([50, 60]) / 2)) < 1e-9, `${warmups}`);
  });

  it('is undefined when the samples leave no degree of freedom', () => {
    assert.equal(pooledLogSpread([plainSize(512, [90]), plainSize(1024, [50])]), undefined);
    assert.equal(pooledLogSpread([]), undefined);
  });
});
