import assert from 'node:assert/strict';
import { durationModel, type DurationModel } from '../../src/model/duration-model.ts';
import { FusedDurationModel, type FusedMember } from '../../src/model/fused-duration-model.ts';
import type { FittedDurationModel, MemoryMeasurement } from '../../src/model/profile-types.ts';
import type { Rng } from '../../src/model/noise.ts';

// Every expected number below is worked out by hand from the members' Amdahl curves:
// one vCPU per 1,769 MB, median(m) = serial + parallel · 1769 / m (each member measured at 1,769 MB
// exactly on its curve, so the predictor scales that size's samples by the curve elsewhere).
// A member's warm samples are its median times the ratios below (median ratio 1, so its p90 is 1.6×).
const RATIOS = [0.8, 0.9, 0.95, 1, 1, 1.05, 1.1, 1.2, 1.6];
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${what}: ${got}, want ${want}`);

interface MemberSpec {
  serialMs: number;
  parallelMs: number;
  maxUsefulVcpu?: number;
  sigma?: number;
  fitErrorPct?: number;
  initMs?: number;
  initDurationsMs?: number[];
  coldDurationsMs?: number[];
  maxMemoryUsedMb?: number;
}

/** A real predictor (durationModel) for a function measured at 1,769 MB on its own Amdahl curve. */
function member(spec: MemberSpec): DurationModel {
  const fit: FittedDurationModel = {
    kind: 'amdahl-lognormal',
    serialMs: spec.serialMs,
    parallelMs: spec.parallelMs,
    maxUsefulVcpu: spec.maxUsefulVcpu ?? 6,
    sigma: spec.sigma ?? 0.2,
    initMs: spec.initMs ?? 0,
    fitErrorPct: spec.fitErrorPct ?? 0,
  };
  const medianMs = spec.serialMs + spec.parallelMs;
  const measurement: MemoryMeasurement = {
    memoryMb: 1769,
    warmDurationsMs: RATIOS.map((r) => r * medianMs),
    coldDurationsMs: spec.coldDurationsMs ?? [],
    initDurationsMs: spec.initDurationsMs ?? [],
    maxMemoryUsedMb: spec.maxMemoryUsedMb ?? 90,
    invocations: RATIOS.length,
    errors: 0,
    timeouts: 0,
  };
  return durationModel({ schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: { measurements: [measurement], model: fit } } }, 'x86_64')!;
}

/** An Rng that hands out the given uniforms in order. */
function scriptedRng(uniforms: number[]): Rng {
  let i = 0;
  return { next: () => uniforms[i++]!, normal: () => assert.fail('no normal draw expected') };
}

/** Inits of 1…8 times a scale: a member's sorted measured inits (8, enough to be drawn as measured). */
const inits = (scale: number) => Array.from({ length: 8 }, (_, i) => (i + 1) * scale);

/**
 * Stage 0: a (1,000 ms at 1,769 MB), b (600 ms), c (300 ms), concurrent; stage 1: d (200 + 1769²/m ms).
 * At 3,538 MB (2 vCPUs) stage 0 runs on two workers of 1,769 MB: a on one, b on the other, c then
 * on b's worker (free first, at 600 ms) ending at 900 ms, so the stage takes 1,000 ms; d gets all
 * 3,538 MB: 200 + 884.5 = 1,084.5 ms.
 */
function fixture(): { fused: FusedDurationModel; members: DurationModel[] } {
  const a = member({ serialMs: 100, parallelMs: 900, sigma: 0.1, fitErrorPct: 1, initDurationsMs: inits(10), coldDurationsMs: Array(8).fill(3000), maxMemoryUsedMb: 100 });
  const b = member({ serialMs: 0, parallelMs: 600, sigma: 0.3, fitErrorPct: 3, initDurationsMs: inits(100), maxMemoryUsedMb: 150 });
  const c = member({ serialMs: 50, parallelMs: 250, maxUsefulVcpu: 2, sigma: 0.15, fitErrorPct: 2, initDurationsMs: inits(1), coldDurationsMs: Array(8).fill(600), maxMemoryUsedMb: 50 });
  const d = member({ serialMs: 200, parallelMs: 1769, sigma: 0.2, fitErrorPct: 0, initDurationsMs: inits(1000), maxMemoryUsedMb: 250 });
  const members: FusedMember[] = [
    { model: a, stage: 0 },
    { model: b, stage: 0 },
    { model: c, stage: 0 },
    { model: d, stage: 1 },
  ];
  return { fused: new FusedDurationModel(members), members: [a, b, c, d] };
}

describe('FusedDurationModel (one fusion group\'s invocation)', () => {
  it('runs a stage\'s members on one worker per whole vCPU, each next member on the worker free first, and stages one after another', () => {
    const { fused } = fixture();
    close(fused.medianMs(3538), 1000 + 1084.5, '3,538 MB');
    // 3 vCPUs: one worker (1,769 MB) per member of stage 0; d gets 5,307 MB.
    close(fused.medianMs(5307), 1000 + (200 + 1769 / 3), '5,307 MB');
  });

  it('runs the members one after another on the whole memory below two vCPUs', () => {
    const { fused } = fixture();
    const slow = 1769 / 1000; // at 1,000 MB every parallel part runs 1.769× its 1-vCPU time
    const stage0 = 100 + 900 * slow + 600 * slow + (50 + 250 * slow);
    close(fused.medianMs(1000), stage0 + (200 + 1769 * slow), '1,000 MB');
  });

  it('lets a later member take the worker that frees first, whichever it is', () => {
    // b longer than a: c goes to a's worker (free at 600 ms) and the stage ends with b at 1,000 ms.
    const a = member({ serialMs: 0, parallelMs: 600 });
    const b = member({ serialMs: 0, parallelMs: 1000 });
    const c = member({ serialMs: 0, parallelMs: 300 });
    const fused = new FusedDurationModel([a, b, c].map((model) => ({ model, stage: 0 })));
    close(fused.medianMs(3538), 1000, 'b-first');
    // Four members on two workers: 600 | 1000, then 300 on the first (900), then 300 on the first again (900 < 1000): 1,200.
    const e = member({ serialMs: 0, parallelMs: 300 });
    const four = new FusedDurationModel([a, b, c, e].map((model) => ({ model, stage: 0 })));
    close(four.medianMs(3538), 1200, 'four members on two workers');
  });

  it('takes each member\'s quantile at the same level and combines them like a draw', () => {
    const { fused } = fixture();
    // q = 0.9 is every member's largest ratio, 1.6: stage 0 on two workers [1600 | 960 + 480] = 1600.
    close(fused.quantile(3538, 0.9), 1600 + 1.6 * 1084.5, 'p90 at 3,538 MB');
    close(fused.quantile(3538, 0.5), 1000 + 1084.5, 'p50 at 3,538 MB');
  });

  it('gives many sizes or levels at once the numbers worked out for each', () => {
    const { fused } = fixture();
    const sizes = [3538, 5307];
    const quantiles = new Float64Array(2);
    const medians = new Float64Array(2);
    fused.quantilesAndMedians(sizes, 0.9, quantiles, medians);
    close(quantiles[0]!, 1600 + 1.6 * 1084.5, 'p90 at 3,538 MB');
    close(quantiles[1]!, 1600 + 1.6 * (200 + 1769 / 3), 'p90 at 5,307 MB');
    close(medians[0]!, 2084.5, 'median at 3,538 MB');
    close(medians[1]!, 1000 + 200 + 1769 / 3, 'median at 5,307 MB');
    const levels = new Float64Array(2);
    fused.quantilesAt(3538, [0.5, 0.9], levels);
    close(levels[0]!, 2084.5, 'p50');
    close(levels[1]!, 1600 + 1.6 * 1084.5, 'p90');
  });

  it('draws each member once, in stage and member order, and schedules the draws like the medians', () => {
    const { fused } = fixture();
    // Uniforms → ratios ⌊9u⌋: 0.95 → 1.6 (a), 0 → 0.8 (b), 0.5 → 1 (c), 0.3 → 0.95 (d).
    // Stage 0: a 1600 | b 480, then c 300 on b's worker (780): 1,600; d: 0.95 × 1,084.5.
    close(fused.samplerAt(3538)(scriptedRng([0.95, 0, 0.5, 0.3])), 1600 + 0.95 * 1084.5, 'draw at 3,538 MB');
    close(fused.sample(3538, scriptedRng([0.95, 0, 0.5, 0.3])), 1600 + 0.95 * 1084.5, 'sample at 3,538 MB');
    // Below two vCPUs the stage is the sum of its draws.
    const slow = 1769 / 1000;
    close(fused.samplerAt(1000)(scriptedRng([0.95, 0, 0.5, 0.3])), 1.6 * (100 + 900 * slow) + 0.8 * 600 * slow + (50 + 250 * slow) + 0.95 * (200 + 1769 * slow), 'draw at 1,000 MB');
  });

  it('is not a table draw', () => {
    assert.equal(fixture().fused.tableDrawAt(), undefined);
  });

  it('sums the members\' inits at the same quantile into a 64-level table, and draws one entry per uniform', () => {
    const { fused } = fixture();
    // Level k reads quantile (k + 0.5) / 64: the ⌊k / 8⌋-th of each member's 8 sorted inits, (⌊k/8⌋ + 1) × 1,111 ms summed.
    assert.deepEqual(fused.initDraw.sortedInitsMs, Array.from({ length: 64 }, (_, k) => 1111 * (Math.floor(k / 8) + 1)));
    assert.equal(fused.sampleInit(scriptedRng([0])), 1111);
    assert.equal(fused.sampleInit(scriptedRng([0.5])), 1111 * 5);
    assert.equal(fused.sampleInit(scriptedRng([0.999])), 1111 * 8);
    // A uniform of 1 (never drawn, but a bound) stays on the last level.
    assert.equal(fused.sampleInit(scriptedRng([1])), 1111 * 8);
  });

  it('reads a member with too few measured inits at its lognormal\'s quantiles', () => {
    // One init of 200 ms: a lognormal around 200 ms with the prior log spread 0.25 (cold-evidence.ts).
    const lone = member({ serialMs: 0, parallelMs: 100, initDurationsMs: [200] });
    const fused = new FusedDurationModel([{ model: lone, stage: 0 }]);
    const table = fused.initDraw.sortedInitsMs;
    // Φ⁻¹(0.5/64) = −2.417559016236505 and Φ⁻¹(32.5/64) = 0.019584285230126924 (Python statistics.NormalDist).
    close(table[0]!, 200 * Math.exp(0.25 * -2.417559016236505), 'level 0');
    close(table[32]!, 200 * Math.exp(0.25 * 0.019584285230126924), 'level 32');
    close(table[31]! * table[32]!, 200 * 200, 'levels 31 and 32 symmetric around the median');
  });

  it('weights the members\' cold slowdowns by their median durations at their memory shares', () => {
    const { fused } = fixture();
    // a: 8 cold samples of 3,000 ms over a 1,000 ms level → ×3; c: 600 over 300 → ×2; b and d measured no cold → ×1.
    close(fused.coldFactor(3538), (1000 * 3 + 600 + 300 * 2 + 1084.5) / (1000 + 600 + 300 + 1084.5), 'at 3,538 MB');
    const slow = 1769 / 1000;
    const medians = [100 + 900 * slow, 600 * slow, 50 + 250 * slow, 200 + 1769 * slow];
    close(fused.coldFactor(1000), (medians[0]! * 3 + medians[1]! + medians[2]! * 2 + medians[3]!) / (medians[0]! + medians[1]! + medians[2]! + medians[3]!), 'at 1,000 MB');
  });

  it('needs the largest stage\'s summed footprint, not the sum over stages', () => {
    // Stage 0: 100 + 150 + 50 = 300 MB alive at once; stage 1: 250 MB.
    assert.equal(fixture().fused.footprintMb, 300);
  });

  it('sums the members\' fitted serial, parallel and init times and takes the largest of the rest', () => {
    const fit = fixture().fused.fit;
    assert.deepEqual(fit, { kind: 'amdahl-lognormal', serialMs: 350, parallelMs: 3519, maxUsefulVcpu: 6, sigma: 0.3, initMs: 0, fitErrorPct: 3 });
    const small = new FusedDurationModel([
      { model: member({ serialMs: 1, parallelMs: 1, maxUsefulVcpu: 1, initMs: 40 }), stage: 0 },
      { model: member({ serialMs: 1, parallelMs: 1, maxUsefulVcpu: 2.5, initMs: 60 }), stage: 1 },
    ]);
    assert.equal(small.fit.maxUsefulVcpu, 2.5);
    assert.equal(small.fit.initMs, 100);
  });

  it('skips a stage number nobody uses', () => {
    const a = member({ serialMs: 0, parallelMs: 600 });
    const b = member({ serialMs: 0, parallelMs: 300 });
    const fused = new FusedDurationModel([{ model: a, stage: 0 }, { model: b, stage: 2 }]);
    // A lone member keeps the whole 3,538 MB (2 vCPUs): 300 ms, then 150 ms.
    close(fused.medianMs(3538), 300 + 150, 'two stages, one gap');
    assert.equal(fused.coldFactor(3538), 1);
  });

  it('starts every draw and every stage with all workers free, however often one sampler is used', () => {
    // Two stages of two members each on two workers (3,538 MB): each stage's makespan is its larger member.
    const [a, b, c, d] = [600, 1000, 300, 200].map((parallelMs) => member({ serialMs: 0, parallelMs }));
    const fused = new FusedDurationModel([
      { model: a!, stage: 0 },
      { model: b!, stage: 0 },
      { model: c!, stage: 1 },
      { model: d!, stage: 1 },
    ]);
    close(fused.medianMs(3538), 1000 + 300, 'median');
    const draw = fused.samplerAt(3538);
    // All four at their median ratio (u = 0.5 → 1): 1,000 + 300, the first time and the second.
    close(draw(scriptedRng([0.5, 0.5, 0.5, 0.5])), 1300, 'first draw');
    close(draw(scriptedRng([0.5, 0.5, 0.5, 0.5])), 1300, 'second draw');
  });
});
