import assert from 'node:assert/strict';
import { durationModel } from '../../src/model/duration-model.ts';
import { createRng, uniformFrom } from '../../src/sim/random.ts';
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

describe('DurationModel.tableDrawAt', () => {
  it('gives the numbers samplerAt draws, at, between and beyond measured sizes', () => {
    const profile = profileOf('f', { x86_64: { serialMs: 40, parallelMs: 900, maxUsefulVcpu: 2, measuredMb: [128, 1024, 3008] } });
    const model = durationModel(profile, 'x86_64')!;
    for (const memoryMb of [128, 300, 1024, 1769, 3008, 6000]) {
      const parts = model.tableDrawAt(memoryMb);
      assert.ok(parts, `${memoryMb} MB has a table draw`);
      const sampler = model.samplerAt(memoryMb);
      const viaSampler = createRng(9);
      const viaTable = createRng(9);
      for (let i = 0; i < 500; i += 1) {
        const u = viaTable.next();
        const drawn: number[] = parts.map((p) => p.weight * p.sortedRatios[Math.min(p.sortedRatios.length - 1, Math.floor(u * p.sortedRatios.length))]!);
        assert.equal(drawn.length === 1 ? drawn[0] : drawn[0]! + drawn[1]!, sampler(viaSampler), `${memoryMb} MB, draw ${i}`);
      }
    }
  });
});
