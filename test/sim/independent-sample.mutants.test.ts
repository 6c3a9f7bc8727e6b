// The out-of-sample seed (src/sim/independent-sample.ts) is moved on — forward, one at a time — past a stream it
// would share a chunk generator with, so the first free seed after the mixed one is taken.
import assert from 'node:assert/strict';
import { independentSample } from '../../src/sim/independent-sample.ts';

const STEP = 0x9e3779b9;
const CHUNK = 256;

/** The chunk seeds of an estimate, as sample-chunks.ts documents them: (seed + k·step) mod 2^32, k < ⌈samples/256⌉. */
function chunkSeeds(seed: number, samples: number): Set<number> {
  const seeds = new Set<number>();
  for (let k = 0; k < Math.ceil(samples / CHUNK); k += 1) seeds.add(Number((BigInt(seed) + BigInt(k) * BigInt(STEP)) % 2n ** 32n));
  return seeds;
}

describe('independentSample moving its seed on', () => {
  it('takes the next seed up when the mixed one would share a generator with a stream to avoid', () => {
    const search = { samples: 2000, seed: 1 };
    const plain = independentSample(search);
    assert.ok(plain.seed < 2 ** 32 - 1, 'the test needs a seed with a successor below 2^32');
    // An earlier verdict drew from exactly that seed: its chunk 0 is the candidate's chunk 0.
    const avoid = [{ samples: 4000, seed: plain.seed }];
    const moved = independentSample(search, avoid);
    assert.equal(moved.seed, plain.seed + 1);
    assert.equal(moved.samples, 4000);
    const mine = chunkSeeds(moved.seed, moved.samples);
    for (const other of [search, ...avoid]) for (const s of chunkSeeds(other.seed, other.samples)) assert.ok(!mine.has(s), `shares chunk seed ${s}`);
  });
});
