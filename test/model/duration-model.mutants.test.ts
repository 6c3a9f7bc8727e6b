// The predictor's less-travelled paths against hand-worked numbers: neighbours whose quantile
// functions cross, a model with nothing measured, init draws, and the prediction interval at and
// outside the measured sizes. vCPU = memory / 1,769 MB; a fit with fitErrorPct 0 does not widen
// the interval, so between a and b its ends are the fit's t and Amdahl's t (duration-model.ts header).
import assert from 'node:assert/strict';
import { durationModel } from '../../src/model/duration-model.ts';
import type { Rng } from '../../src/model/noise.ts';
import type { FittedDurationModel, FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${what}: ${got}, want ${want}`);

/** 100 ms serial + 1,000 ms parallel, useful up to 1 vCPU (1,769 MB). */
const FIT: FittedDurationModel = { kind: 'amdahl-lognormal', serialMs: 100, parallelMs: 1000, maxUsefulVcpu: 1, sigma: 0.2, initMs: 300, fitErrorPct: 0 };
/** a: narrow around 1,000 ms; b: wide around 900 ms, so b is faster at the median but slower in the tail. */
const NARROW = [0.95, 0.96, 0.97, 0.99, 1, 1.01, 1.02, 1.04, 1.05];
const WIDE = [0.5, 0.6, 0.7, 0.9, 1, 1.1, 1.2, 1.4, 1.5];

function at(memoryMb: number, medianMs: number, ratios: readonly number[], initDurationsMs: number[] = []): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: ratios.map((r) => r * medianMs), coldDurationsMs: [], initDurationsMs, maxMemoryUsedMb: 90, invocations: ratios.length, errors: 0, timeouts: 0 };
}

function profileOf(measurements: MemoryMeasurement[], model: FittedDurationModel | undefined = FIT): FunctionProfile {
  return { schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: model ? { measurements, model } : { measurements } } };
}

function scriptedRng(uniforms: number[], normals: number[] = []): Rng {
  let u = 0;
  let z = 0;
  return { next: () => uniforms[u++]!, normal: () => normals[z++]! };
}

/**
 * Crossing neighbours at 1,024 MB (a, 1,000 ms) and 2,048 MB (b, 900 ms), asked at 1,536 MB:
 * Amdahl's t = (1/1024 − 1/1536) / (1/1024 − 1/2048) = 2/3; the fit's t =
 * (1769/1024 − 1769/1536) / (1769/1024 − 1) (its plateau starts at 1,769 MB) = 0.79149888…
 */
const T_AMDAHL = 2 / 3;
const T_FIT = (1769 / 1024 - 1769 / 1536) / (1769 / 1024 - 1);
const mix = (x: number, y: number, t: number) => (1 - t) * x + t * y;

describe('durationModel: crossing neighbours, nothing measured, inits, intervals', () => {
  it('takes, where two measured sizes\' quantile functions cross, the slower end of the interval at each quantile', () => {
    const model = durationModel(profileOf([at(1024, 1000, NARROW), at(2048, 900, WIDE)]), 'x86_64')!;
    // The median: a is slower, so the end nearer a (the lower t, Amdahl's).
    close(model.medianMs(1536), mix(1000, 900, T_AMDAHL), 'median');
    // The top quantile: b is slower there (1,350 vs 1,050 ms), so the end nearer b (the fit's t).
    close(model.quantile(1536, 0.99), mix(1050, 1350, T_FIT), 'p99');
    // The bottom quantile: a is slower (950 vs 450 ms).
    close(model.quantile(1536, 0.05), mix(950, 450, T_AMDAHL), 'p05');
  });

  it('gives crossing neighbours\' rows the same numbers when asked for many sizes at once', () => {
    const model = durationModel(profileOf([at(1024, 1000, NARROW), at(2048, 900, WIDE)]), 'x86_64')!;
    const quantiles = new Float64Array(3);
    const medians = new Float64Array(3);
    model.quantilesAndMedians([1024, 1536, 2048], 0.99, quantiles, medians);
    assert.deepEqual([...medians].map((x) => Math.round(x * 1e9) / 1e9), [1000, mix(1000, 900, T_AMDAHL), 900].map((x) => Math.round(x * 1e9) / 1e9));
    close(quantiles[0]!, 1050, 'p99 at 1,024 MB');
    close(quantiles[1]!, mix(1050, 1350, T_FIT), 'p99 at 1,536 MB');
    close(quantiles[2]!, 1350, 'p99 at 2,048 MB');
  });

  it('draws crossing neighbours with one uniform, at the slower end for that draw', () => {
    const model = durationModel(profileOf([at(1024, 1000, NARROW), at(2048, 900, WIDE)]), 'x86_64')!;
    // u = 0.95 reads the last ratio of each (1.05, 1.5): the b end is slower.
    close(model.samplerAt(1536)(scriptedRng([0.95])), mix(1050, 1350, T_FIT), 'tail draw');
    // u = 0 reads the first (0.95, 0.5): the a end is slower.
    close(model.samplerAt(1536)(scriptedRng([0])), mix(950, 450, T_AMDAHL), 'low draw');
    assert.equal(model.tableDrawAt(1536), undefined, 'a per-draw maximum is no table draw');
  });

  it('reports the interval between the ends, the fit\'s own value, and the slower end as the prediction', () => {
    const model = durationModel(profileOf([at(1024, 1000, NARROW), at(2048, 900, WIDE)]), 'x86_64')!;
    const interval = model.intervalAt!(1536, 0.99);
    close(interval.lowMs, mix(1050, 1350, T_AMDAHL), 'low');
    close(interval.highMs, mix(1050, 1350, T_FIT), 'high');
    close(interval.fitMs, mix(1050, 1350, T_FIT), 'fit');
    close(interval.predictedMs, mix(1050, 1350, T_FIT), 'predicted');
    assert.equal(interval.measured, false);
  });

  it('has a point interval, flagged measured only at a measured size itself', () => {
    const model = durationModel(profileOf([at(1024, 1000, NARROW), at(2048, 900, WIDE)]), 'x86_64')!;
    const measured = model.intervalAt!(2048, 0.99);
    assert.equal(measured.measured, true);
    for (const key of ['lowMs', 'fitMs', 'highMs', 'predictedMs'] as const) close(measured[key], 1350, key);
    // Above the measured range: 2,048 MB's distribution scaled by the fit (flat past 1,769 MB): the same numbers, not measured.
    const above = model.intervalAt!(4096, 0.99);
    assert.equal(above.measured, false);
    close(above.lowMs, 1350, 'low above');
    close(above.highMs, 1350, 'high above');
    // Below it: 1,024 MB's scaled by fit(512)/fit(1024) = (100 + 1000·1769/512) / (100 + 1000·1769/1024).
    const below = model.intervalAt!(512, 0.99);
    close(below.predictedMs, 1050 * ((100 + (1000 * 1769) / 512) / (100 + (1000 * 1769) / 1024)), 'below');
    assert.equal(below.measured, false);
  });

  it('draws the fit times a lognormal of its sigma when nothing was measured', () => {
    const bare = durationModel(profileOf([]), 'x86_64')!;
    // fit(1000) = 100 + 1000·1769/1000 = 1,869 ms; a normal draw of 1.5 → × e^(0.2·1.5).
    close(bare.samplerAt(1000)(scriptedRng([], [1.5])), 1869 * Math.exp(0.3), 'draw');
    close(bare.sample(1000, scriptedRng([], [-1])), 1869 * Math.exp(-0.2), 'sample');
    assert.equal(bare.tableDrawAt(1000), undefined);
    assert.equal(bare.coldFactor(1000), 1);
  });

  it('draws inits from the measured ones, one per uniform, when there are enough of them', () => {
    const inits = [700, 100, 800, 200, 300, 400, 600, 500];
    const model = durationModel(profileOf([at(1024, 1000, NARROW, inits)]), 'x86_64')!;
    assert.deepEqual(model.initDraw, { sortedInitsMs: [100, 200, 300, 400, 500, 600, 700, 800] });
    assert.equal(model.sampleInit(scriptedRng([0])), 100);
    assert.equal(model.sampleInit(scriptedRng([0.5])), 500); // ⌊0.5 · 8⌋ = 4
    assert.equal(model.sampleInit(scriptedRng([0.99])), 800);
  });

  it('draws inits from a lognormal around their median with the prior spread when only one was measured', () => {
    const model = durationModel(profileOf([at(1024, 1000, NARROW, [240])]), 'x86_64')!;
    // One init: median 240 ms, log spread √((0 + 4·0.25²) / (0 + 4)) = 0.25 (cold-evidence.ts).
    assert.deepEqual(model.initDraw, { medianMs: 240, sigma: 0.25 });
    close(model.sampleInit(scriptedRng([], [2])), 240 * Math.exp(0.5), 'init draw');
  });

  it('is a table draw at and between measured sizes whose quantile functions do not cross', () => {
    // Same ratios at both sizes: a (1,000 ms) slower everywhere, so the lower t (Amdahl's), weights (1 − t)·1000 and t·500.
    const model = durationModel(profileOf([at(1024, 1000, NARROW), at(2048, 500, NARROW)]), 'x86_64')!;
    const atA = model.tableDrawAt(1024)!;
    assert.equal(atA.length, 1);
    close(atA[0]!.weight, 1000, 'weight at 1,024 MB');
    atA[0]!.entries.forEach((ratio, i) => close(ratio, NARROW[i]!, `ratio ${i}`));
    assert.equal(atA[0]!.logSigma, undefined);
    const between = model.tableDrawAt(1536)!;
    assert.equal(between.length, 2);
    close(between[0]!.weight, (1 - T_AMDAHL) * 1000, 'weight of a');
    close(between[1]!.weight, T_AMDAHL * 500, 'weight of b');
  });

  it('predicts from the sizes with warm samples of positive median only, in memory order whatever the profile\'s order', () => {
    // 2,048 MB first, a cold-only size and an all-zero size in between: only 1,024 and 2,048 MB are measured sizes.
    const coldOnly = { ...at(1536, 1, []), coldDurationsMs: [5000] };
    const zeros = { ...at(1280, 1, []), warmDurationsMs: [0, 0, 0] };
    const model = durationModel(profileOf([at(2048, 900, WIDE), coldOnly, zeros, at(1024, 1000, NARROW)]), 'x86_64')!;
    close(model.medianMs(1024), 1000, 'at 1,024 MB');
    close(model.medianMs(2048), 900, 'at 2,048 MB');
    // 1,536 MB is between them as before (crossing neighbours), not at its cold samples.
    close(model.medianMs(1536), mix(1000, 900, T_AMDAHL), 'between');
    close(model.quantile(1536, 0.99), mix(1050, 1350, T_FIT), 'p99 between');
    // Above the largest: 2,048 MB's level carried on by the (flat) fit.
    close(model.medianMs(3000), 900, 'above');
  });

  it('carries a measured size on unscaled where the fitted curve is 0 ms there', () => {
    // A model of no work at all (a profile's stored fit may say so): the measured samples are all there is.
    const none: FittedDurationModel = { ...FIT, serialMs: 0, parallelMs: 0 };
    const model = durationModel(profileOf([at(1024, 1000, NARROW)], none), 'x86_64')!;
    assert.equal(model.medianMs(2048), 0, 'the curve\'s 0 ms, times a correction of 1');
    assert.equal(model.quantile(1024, 0.5), 0);
  });

  it('draws a size with few samples from the pooled ratios once exactly 40 are pooled', () => {
    // Ten sizes of four samples (fewer than 8 each): 40 pooled ratios, just enough to be drawn as measured.
    const four = [0.8, 1, 1, 1.4];
    const sizes = Array.from({ length: 10 }, (_, i) => at(1024 * (i + 1), 1000, four));
    const model = durationModel(profileOf(sizes, { ...FIT, maxUsefulVcpu: 6 }), 'x86_64')!;
    // Every size's ratios to its median (1): 10 × [0.8, 1, 1, 1.4] pooled; the p95 is the 38th of 40, 1.4; the p05 the 2nd, 0.8.
    close(model.quantile(1024, 0.95), 1400, 'p95 from the pooled ratios');
    close(model.quantile(1024, 0.05), 800, 'p05 from the pooled ratios');
    const parts = model.tableDrawAt(1024)!;
    assert.equal(parts[0]!.entries.length, 40);
    assert.equal(parts[0]!.logSigma, undefined);
  });

  it('gives a size with exactly 8 warm samples its own ratios, not the pooled ones', () => {
    // 512 MB: 8 samples with a long tail (max ×2); 1,024 MB: 3 samples. Pooled: 11 ratios, too few, so fewer than 8 would mean a lognormal.
    const own = [0.9, 0.95, 1, 1, 1, 1.05, 1.1, 2];
    const model = durationModel(profileOf([at(512, 1000, own), at(1024, 600, [0.9, 1, 1.1])]), 'x86_64')!;
    close(model.quantile(512, 0.99), 2000, 'p99 is its own largest ratio');
    close(model.quantile(512, 0.5), 1000, 'median');
  });

  it('counts the cold samples that stood in for warm ones in a cold-only profile\'s summary', () => {
    const cold = (memoryMb: number, coldDurationsMs: number[]) => ({ ...at(memoryMb, 1, []), coldDurationsMs });
    const model = durationModel(profileOf([cold(512, [800, 900, 1000]), cold(1024, [400, 500])], undefined), 'x86_64')!;
    assert.equal(model.coldSummary!.coldOnly, true);
    assert.equal(model.coldSummary!.coldSamples, 5);
    const warm = durationModel(profileOf([at(1024, 1000, NARROW)]), 'x86_64')!;
    assert.equal(warm.coldSummary!.coldOnly, false);
    assert.equal(warm.coldSummary!.coldSamples, 0);
  });
});
