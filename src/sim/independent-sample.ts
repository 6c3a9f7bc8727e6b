// The settings of an estimate independent of another: the out-of-sample check
// of a chosen plan (`dagc optimize`), and the verdicts of the benches and the
// tests, which must not judge a plan with the draws that chose it. A plan
// picked as the cheapest whose in-sample p95 meets the SLO is biased toward
// draws that happened to be fast; re-estimated on fresh draws its p95 is
// the honest one.
// Independent means no generator shared: an estimate draws chunk k from the
// seed (seed + k·0x9e3779b9) mod 2^32 (sample-chunks.ts), so the derived seed
// is kept away from every chunk seed of the search's estimate, not only from
// the seed itself. Twice the samples (up to the --samples limit) halves the
// variance of the verdict's mean and narrows its quantiles by ~√2.
// A verdict after a re-search (src/cli/out-of-sample-search.ts) must also be
// independent of the earlier verdicts whose misses started the re-search:
// `avoid` lists every stream already used, and the seed is moved on until
// its chunks meet none of them.
// Deterministic: a pure function of the search's seed and sample count (and of `avoid`).
import { LIMITS } from '../spec/limits.ts';
import { chunkCount } from './sample-chunks.ts';

export interface SampleSettings {
  samples: number;
  seed: number;
}

const CHUNK_SEED_STEP = 0x9e3779b9;
/** Odd multiplier of the seed mix (a 32-bit finalizer's, as in splitmix32). */
const MIX = 0x85ebca6b;

/** Another seed and twice the samples (at most LIMITS.samples), sharing no chunk generator with `search` nor with any stream in `avoid`. */
export function independentSample(search: SampleSettings, avoid: readonly SampleSettings[] = []): SampleSettings {
  const samples = Math.min(LIMITS.samples, Math.max(1, Math.floor(search.samples)) * 2);
  const used = [search, ...avoid];
  let seed = mix(search.seed >>> 0);
  while (used.some((u) => sharesGenerator(u.seed >>> 0, chunkCount(u.samples), seed, chunkCount(samples)))) seed = (seed + 1) >>> 0;
  return { samples, seed };
}

/** Whether two estimates' chunk seeds meet: seedB + j·step ≡ seedA + k·step for some chunk k of A and j of B. */
export function sharesGenerator(seedA: number, chunksA: number, seedB: number, chunksB: number): boolean {
  for (let k = 0; k < chunksA; k += 1) {
    const chunkSeedA = (seedA + Math.imul(k, CHUNK_SEED_STEP)) >>> 0;
    // seedB + j·step = chunkSeedA for j in [0, chunksB): step is odd, so j is unique mod 2^32 when it exists.
    for (let j = 0; j < chunksB; j += 1) if (((seedB + Math.imul(j, CHUNK_SEED_STEP)) >>> 0) === chunkSeedA) return true;
  }
  return false;
}

function mix(seed: number): number {
  let z = (seed ^ 0x5bd1e995) >>> 0;
  z = Math.imul(z ^ (z >>> 16), MIX) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
