import assert from 'node:assert/strict';
import { durationModel } from '../../src/model/duration-model.ts';
import { createRng, normalFrom, uniformFrom } from '../../src/sim/random.ts';
import type { TablePart } from '../../src/model/noise.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { profileOf } from '../helpers/profile-builder.ts';

/** sfc32 as published (uint32 words, seeded by splitmix32): the stream createRng must reproduce. */
function referenceSfc32(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = (((c << 21) | (c >>> 11)) + t) >>> 0;
    return t / 4294967296;
  };
}

describe('createRng', () => {
  it('draws the sfc32 stream of its seed, through next() and inline from its state alike', () => {
    for (const seed of [0, 1, 42, 0x7fffffff, 0xffffffff]) {
      const reference = referenceSfc32(seed);
      const rng = createRng(seed);
      for (let i = 0; i < 20_000; i += 1) {
        const expected = reference();
        const got = i % 2 === 0 ? rng.next() : uniformFrom(rng.state);
        assert.equal(got, expected, `seed ${seed}, draw ${i}`);
      }
    }
  });
});

describe('SimRng.normal (Box–Muller)', () => {
  it('turns two uniforms u, v into √(−2 ln u)·cos(2πv), keeps √(−2 ln u)·sin(2πv) for the next call, and draws nothing for it', () => {
    for (const seed of [3, 77]) {
      const reference = referenceSfc32(seed);
      const rng = createRng(seed);
      for (let pair = 0; pair < 50; pair += 1) {
        const u = reference();
        const v = reference();
        const radius = Math.sqrt(-2 * Math.log(u));
        assert.equal(rng.normal(), radius * Math.cos(2 * Math.PI * v), `seed ${seed}, pair ${pair}, first`);
        assert.equal(rng.normal(), radius * Math.sin(2 * Math.PI * v), `seed ${seed}, pair ${pair}, second`);
      }
      // The spare was used up: the next uniform is the stream's next one.
      assert.equal(rng.next(), reference());
    }
  });

  it('interleaves with uniform draws without losing its spare', () => {
    const reference = referenceSfc32(9);
    const rng = createRng(9);
    const [u, v] = [reference(), reference()];
    const radius = Math.sqrt(-2 * Math.log(u));
    assert.equal(rng.normal(), radius * Math.cos(2 * Math.PI * v));
    assert.equal(rng.next(), reference());
    assert.equal(rng.normal(), radius * Math.sin(2 * Math.PI * v));
  });
});

describe('DurationModel.tableDrawAt', () => {
  /** One draw from the parts with uniform u, as the estimator's flat-table loop makes it. */
  const drawFromParts = (parts: TablePart[], u: number): number => {
    let sum = 0;
    for (const p of parts) {
      const entry = p.entries[Math.min(p.entries.length - 1, Math.floor(u * p.entries.length))]!;
      sum += p.weight * (p.logSigma === undefined ? entry : Math.exp(p.logSigma * entry));
    }
    return sum;
  };

  const assertSameDraws = (profile: FunctionProfile, sizes: number[]) => {
    const model = durationModel(profile, 'x86_64')!;
    for (const memoryMb of sizes) {
      const parts = model.tableDrawAt(memoryMb);
      assert.ok(parts, `${memoryMb} MB has a table draw`);
      const sampler = model.samplerAt(memoryMb);
      const viaSampler = createRng(9);
      const viaTable = createRng(9);
      for (let i = 0; i < 500; i += 1) assert.equal(drawFromParts(parts, viaTable.next()), sampler(viaSampler), `${memoryMb} MB, draw ${i}`);
    }
  };

  it('gives the numbers samplerAt draws, at, between and beyond measured sizes', () => {
    assertSameDraws(profileOf('f', { x86_64: { serialMs: 40, parallelMs: 900, maxUsefulVcpu: 2, measuredMb: [128, 1024, 3008] } }), [128, 300, 1024, 1769, 3008, 6000]);
  });

  it('draws a lognormal table from the standard normal quantiles every function shares, beside a measured table', () => {
    const profile = profileOf('f', { x86_64: { serialMs: 40, parallelMs: 900, measuredMb: [128, 1024] } });
    // 1,024 MB gets ten samples of its own (an empirical table); 128 MB keeps three, and the 13 pooled ratios are too
    // few to place a p95, so it draws from the lognormal table.
    const at1024 = profile.architectures.x86_64!.measurements[1]!;
    at1024.warmDurationsMs = [0.9, 0.94, 0.97, 0.99, 1, 1.01, 1.03, 1.06, 1.1, 1.2].map((r) => r * at1024.warmDurationsMs[1]!);
    const model = durationModel(profile, 'x86_64')!;
    const [at128] = model.tableDrawAt(128)!;
    const [, towards1024] = model.tableDrawAt(512)!;
    assert.ok(at128!.logSigma !== undefined && at128!.logSigma > 0, 'the three-sample size is a lognormal table');
    assert.equal(towards1024!.logSigma, undefined, 'the ten-sample size is its own ratios');
    const other = durationModel(profileOf('g', { x86_64: { serialMs: 10, parallelMs: 300 } }), 'x86_64')!;
    assert.equal(other.tableDrawAt(128)![0]!.entries, at128!.entries, 'one standard table for every function');
    assertSameDraws(profile, [128, 512, 1024, 2048]);
  });
});

describe('normalFrom', () => {
  it('skips a uniform of exactly 0 (log 0 is −∞) and draws the normal from the next two uniforms', () => {
    // sfc32's output is a + b + d: all three 0 make the first uniform exactly 0.
    const state = Int32Array.from([0, 0, 12345, 0]);
    const spare = new Float64Array(2);
    const following = Int32Array.from(state);
    assert.equal(uniformFrom(following), 0);
    const u = uniformFrom(following);
    const v = uniformFrom(following);
    assert.ok(u > 0);
    const expected = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    assert.equal(normalFrom(state, spare), expected);
    assert.ok(Number.isFinite(spare[1]!));
    assert.deepEqual(state, following, 'three uniforms drawn: the zero, u and v');
  });
});

