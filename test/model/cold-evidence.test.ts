// Cold samples are never dropped: a few are used, shrunk toward the warm
// curve; a profile with cold samples only still yields a distribution; and a
// warning says what was assumed (src/model/cold-evidence.ts).
import assert from 'node:assert/strict';
import { coldEvidenceWarnings, durationModel } from '../../src/model/duration-model.ts';
import { coldAsWarm, coldFactors, credibility, INIT_PRIOR_SIGMA, initDraw, isColdOnly } from '../../src/model/cold-evidence.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { createRng } from '../../src/sim/random.ts';
import { exactProfile } from '../helpers/exact-profile.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${what}: ${got} vs ${want}`);

/** Warm 100 ms at 1024 MB (20 samples), with the given cold and init samples. */
function warmWith(coldDurationsMs: number[], initDurationsMs: number[]): FunctionProfile {
  return exactProfile('f', () => 100, { count: 20, memoryMb: 1024, coldDurationsMs, initDurationsMs });
}

function coldOnlyProfile(): FunctionProfile {
  const cold = (memoryMb: number, durationsMs: number[]) => ({ memoryMb, warmDurationsMs: [], coldDurationsMs: durationsMs, initDurationsMs: durationsMs.map(() => 250), maxMemoryUsedMb: 60, invocations: durationsMs.length, errors: 0, timeouts: 0 });
  return {
    schemaVersion: 1,
    function: 'coldonly',
    source: { kind: 'logs', description: 'REPORT lines of cold invocations only (a test)' },
    architectures: { x86_64: { measurements: [cold(512, [820, 900, 1010, 1200]), cold(1024, [400, 450, 520, 610, 700])] } },
  };
}

describe('cold evidence', () => {
  it('gives a profile with only cold samples a distribution with spread, not a constant, and warns (DAGC0120)', () => {
    const profile = coldOnlyProfile();
    const model = durationModel(profile, 'x86_64')!;
    assert.ok(model.quantile(1024, 0.95) > model.quantile(1024, 0.05) * 1.2, `q95 ${model.quantile(1024, 0.95)} vs q05 ${model.quantile(1024, 0.05)}`);
    const rng = createRng(7);
    const draws = new Set(Array.from({ length: 50 }, () => model.sample(1024, rng)));
    assert.ok(draws.size > 10, `${draws.size} distinct draws`);
    // The cold samples are the durations: the median at 1024 MB is theirs, and a cold handler is no slower again.
    close(model.medianMs(1024), 520, 'median');
    assert.equal(model.coldFactor(1024), 1);
    const warnings = coldEvidenceWarnings(profile);
    assert.deepEqual(warnings.map((w) => [w.code, w.severity]), [['DAGC0120', 'warning']]);
    assert.match(warnings[0]!.message, /cold samples only/);
  });

  it('uses 3 cold samples, shrunk toward the warm curve by their credibility √(3/8), and warns what it assumed (DAGC0121)', () => {
    const profile = warmWith([300, 300, 300], [200, 250, 300]);
    const model = durationModel(profile, 'x86_64')!;
    // Measured ×3; credibility √(3/8) of it, the rest the warm curve's ×1.
    const factor = Math.exp(Math.sqrt(3 / 8) * Math.log(3));
    close(model.coldFactor(1024), factor, 'cold factor');
    assert.ok(model.coldFactor(1024) > 1.5 && model.coldFactor(1024) < 3);
    const codes = coldEvidenceWarnings(profile).map((w) => w.code);
    assert.deepEqual(codes, ['DAGC0121', 'DAGC0122']);
    assert.match(coldEvidenceWarnings(profile)[0]!.message, /3 cold samples .*×1\.96 .*measured ×3\.00/);
  });

  it('draws few init durations as a lognormal around their median, its spread shrunk toward the prior', () => {
    const inits = [200, 250, 300];
    const model = durationModel(warmWith([300, 300, 300], inits), 'x86_64')!;
    const logs = inits.map(Math.log);
    const mean = logs.reduce((a, b) => a + b, 0) / 3;
    const squares = logs.reduce((a, l) => a + (l - mean) ** 2, 0);
    const draw = model.initDraw;
    assert.ok('medianMs' in draw);
    close(draw.medianMs, 250, 'init median');
    close(draw.sigma, Math.sqrt((squares + 4 * INIT_PRIOR_SIGMA ** 2) / (2 + 4)), 'init spread');
  });

  it('keeps the measured median ratio at a size with 8 or more cold samples, and says nothing', () => {
    const profile = warmWith(Array(8).fill(250), Array(8).fill(300));
    assert.equal(durationModel(profile, 'x86_64')!.coldFactor(1024), 2.5);
    assert.deepEqual(coldEvidenceWarnings(profile), []);
  });

  it('takes a cold handler as fast as a warm one when no cold sample was measured (the warm curve)', () => {
    assert.equal(durationModel(warmWith([], []), 'x86_64')!.coldFactor(1024), 1);
  });

  it('calls a profile cold-only only when no size has a warm sample and some size has a cold one', () => {
    const m = (warmDurationsMs: number[], coldDurationsMs: number[]) => ({ memoryMb: 512, warmDurationsMs, coldDurationsMs, initDurationsMs: [], maxMemoryUsedMb: 60, invocations: 1, errors: 0, timeouts: 0 });
    assert.equal(isColdOnly({ measurements: [m([], [900]), m([], [800])] }), true);
    // One size with warm samples: the warm ones are the durations, the cold ones slow them.
    assert.equal(isColdOnly({ measurements: [m([], [900]), m([400], [800])] }), false);
    assert.equal(isColdOnly({ measurements: [m([], []), m([], [])] }), false);
    assert.equal(isColdOnly({ measurements: [m([], []), m([], [700])] }), true);
    const asWarm = coldAsWarm({ measurements: [m([], [900, 950])] });
    assert.deepEqual([asWarm.measurements[0]!.warmDurationsMs, asWarm.measurements[0]!.coldDurationsMs], [[900, 950], []]);
  });

  it('takes cold samples only where a warm level is known or fitted above 0 ms, and counts only those', () => {
    const m = (memoryMb: number, warmDurationsMs: number[], coldDurationsMs: number[]) => ({ memoryMb, warmDurationsMs, coldDurationsMs, initDurationsMs: [], maxMemoryUsedMb: 60, invocations: 1, errors: 0, timeouts: 0 });
    const arch = { measurements: [m(512, [100], [300]), m(1024, [], [500, 700])] };
    // 1,024 MB has no warm level and its fitted one is 0 ms: its cold samples give no ratio. One ratio: ×3 at credibility √(1/8).
    const noCurve = coldFactors(arch, [{ memoryMb: 512, medianMs: 100 }], () => 0);
    assert.equal(noCurve.coldSamples, 1);
    close(noCurve.measuredFactor, 3, 'measured');
    close(noCurve.pooledFactor, Math.exp(credibility(1) * Math.log(3)), 'pooled');
    close(credibility(1), Math.sqrt(1 / 8), 'credibility of one sample');
    assert.deepEqual(noCurve.bySize, [noCurve.pooledFactor]);
    // With a fitted level of 250 ms there: ratios ×3, ×2, ×2.8, median ×2.8.
    const withCurve = coldFactors(arch, [{ memoryMb: 512, medianMs: 100 }], (memoryMb) => (memoryMb === 1024 ? 250 : Number.NaN));
    assert.equal(withCurve.coldSamples, 3);
    close(withCurve.measuredFactor, 2.8, 'measured with the curve');
    assert.equal(credibility(8), 1);
    assert.equal(credibility(32), 1);
  });

  it('leaves zero cold durations out of the pooled ratios', () => {
    const m = (memoryMb: number, coldDurationsMs: number[]) => ({ memoryMb, warmDurationsMs: [100], coldDurationsMs, initDurationsMs: [], maxMemoryUsedMb: 60, invocations: 1, errors: 0, timeouts: 0 });
    const factors = coldFactors({ measurements: [m(512, [0, 300, 0])] }, [{ memoryMb: 512, medianMs: 100 }], () => Number.NaN);
    assert.equal(factors.coldSamples, 1);
    close(factors.measuredFactor, 3, 'measured');
  });

  it('gives a size its own median ratio from exactly 8 cold samples, not the pooled one', () => {
    const m = (memoryMb: number, coldDurationsMs: number[]) => ({ memoryMb, warmDurationsMs: [100], coldDurationsMs, initDurationsMs: [], maxMemoryUsedMb: 60, invocations: 1, errors: 0, timeouts: 0 });
    // 512 MB: 8 cold samples at ×2; 1,024 MB: 7 at ×4 and 2 at ×5. Pooled: 17 log ratios, the 9th ×4 (full credibility).
    const factors = coldFactors(
      { measurements: [m(512, Array(8).fill(200)), m(1024, [...Array(7).fill(400), 500, 500])] },
      [{ memoryMb: 512, medianMs: 100 }, { memoryMb: 1024, medianMs: 100 }],
      () => Number.NaN,
    );
    close(factors.pooledFactor, 4, 'pooled');
    assert.deepEqual(factors.bySize, [2, 4]);
  });

  it('draws init from the fitted initMs with the prior spread when no init was measured above 0 ms', () => {
    assert.deepEqual(initDraw([], 180), { medianMs: 180, sigma: INIT_PRIOR_SIGMA });
    assert.deepEqual(initDraw([0, 0], 180), { medianMs: 180, sigma: INIT_PRIOR_SIGMA });
    // Zeros left out: one init of 200 ms, spread √((0 + 4·0.25²)/(0 + 4)) = 0.25.
    assert.deepEqual(initDraw([0, 200], 180), { medianMs: 200, sigma: 0.25 });
    const eight = [1, 2, 3, 4, 5, 6, 7, 8];
    assert.deepEqual(initDraw(eight, 180), { sortedInitsMs: eight });
  });

  it('says in its warning where it took the init distribution from: the few measured inits, or the profile\'s model', () => {
    const few = coldEvidenceWarnings(warmWith(Array(8).fill(250), [200, 250, 300]));
    assert.deepEqual(few.map((w) => w.code), ['DAGC0122']);
    assert.match(few[0]!.message, /^profile of 'f' \(x86_64\) has 3 init durations \(fewer than 8\): cold starts draw a lognormal around 250 ms with log spread 0\.\d\d \(their median; spread shrunk toward 0\.25\)$/);
    const none = coldEvidenceWarnings(warmWith(Array(8).fill(250), []));
    assert.match(none[0]!.message, /has 0 init durations .*a lognormal around \d+ ms with log spread 0\.25 \(the profile model's initMs\)$/);
  });
});
