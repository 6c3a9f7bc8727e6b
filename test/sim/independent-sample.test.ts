import assert from 'node:assert/strict';
import { independentSample, sharesGenerator } from '../../src/sim/independent-sample.ts';
import { chunkCount, chunkRng } from '../../src/sim/sample-chunks.ts';
import { LIMITS } from '../../src/spec/limits.ts';

describe('independentSample', () => {
  it('takes twice the samples, capped at the --samples limit', () => {
    assert.equal(independentSample({ samples: 2000, seed: 1 }).samples, 4000);
    assert.equal(independentSample({ samples: LIMITS.samples, seed: 1 }).samples, LIMITS.samples);
  });

  it('derives the same seed from the same search settings, never the search seed, within 32 bits', () => {
    for (const seed of [0, 1, 2, 90_210, 2 ** 31, LIMITS.seedMax]) {
      const a = independentSample({ samples: 2000, seed });
      assert.deepEqual(a, independentSample({ samples: 2000, seed }));
      assert.notEqual(a.seed, seed);
      assert.ok(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= LIMITS.seedMax);
    }
  });

  it('shares no chunk generator with the search: no chunk of one draws the numbers of a chunk of the other', () => {
    for (const seed of [0, 1, 7, 123_456]) {
      const search = { samples: 5000, seed };
      const verdict = independentSample(search);
      const first = new Set<number>();
      for (let k = 0; k < chunkCount(search.samples); k += 1) first.add(chunkRng(search.seed, k).next());
      for (let j = 0; j < chunkCount(verdict.samples); j += 1) assert.ok(!first.has(chunkRng(verdict.seed, j).next()), `seed ${seed}, chunk ${j}`);
    }
  });

  it('sharesGenerator finds a seed that equals another chunk seed of the search', () => {
    // Chunk 3 of seed 10 draws from 10 + 3·0x9e3779b9.
    const chunk3 = (10 + Math.imul(3, 0x9e3779b9)) >>> 0;
    assert.equal(sharesGenerator(10, 4, chunk3, 1), true);
    assert.equal(sharesGenerator(10, 3, chunk3, 1), false, 'seed 10 with 3 chunks never reaches chunk 3');
  });

  it('counts a fractional or zero sample count as its whole part, at least one, before doubling', () => {
    assert.equal(independentSample({ samples: 10.7, seed: 1 }).samples, 20);
    assert.equal(independentSample({ samples: 0.5, seed: 1 }).samples, 2);
  });

  it('sharesGenerator looks at every chunk of the other estimate too', () => {
    // Chunk 2 of seed B lands on seed A (chunk 0 of A): B = A − 2·0x9e3779b9 mod 2³².
    const seedB = Number((10n - 2n * 0x9e3779b9n + 2n ** 33n) % 2n ** 32n);
    assert.equal(sharesGenerator(10, 1, seedB, 3), true);
    assert.equal(sharesGenerator(10, 1, seedB, 2), false);
    assert.equal(sharesGenerator(10, 0, 10, 5), false, 'an estimate of no chunk shares nothing');
  });

  it('moves past every stream in `avoid` too, and without `avoid` gives the seed it always gave', () => {
    const search = { samples: 2000, seed: 1 };
    const first = independentSample(search);
    assert.deepEqual(independentSample(search, []), first);
    // A re-search on the same seed and a first check already used: the next verdict shares no generator with either.
    const avoid = [{ seed: 1, samples: 64_000 }, first];
    const next = independentSample({ samples: 16_000, seed: 1 }, avoid);
    assert.notEqual(next.seed, first.seed);
    for (const used of [...avoid, { samples: 16_000, seed: 1 }]) assert.equal(sharesGenerator(used.seed, chunkCount(used.samples), next.seed, chunkCount(next.samples)), false, `${used.seed}×${used.samples}`);
    const firstDraws = new Set<number>();
    for (let k = 0; k < chunkCount(first.samples); k += 1) firstDraws.add(chunkRng(first.seed, k).next());
    for (let j = 0; j < chunkCount(next.samples); j += 1) assert.ok(!firstDraws.has(chunkRng(next.seed, j).next()), `chunk ${j}`);
  });
});
