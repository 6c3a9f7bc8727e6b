// An estimate's samples in fixed chunks of CHUNK_SAMPLES executions, each
// drawn from a generator of its own (seeded from the estimate's seed and the
// chunk's index), its latencies written at the chunk's place and its totals
// kept apart, then summed in chunk order. The numbers therefore depend only on
// the seed and the sample count — not on how many threads ran the chunks, nor
// on which ran which — so the sampling pool (sampling-pool.ts) can share the
// work and a plan stays byte-identical. The threads take chunks from a
// shared counter (claimChunks), so a helper that starts late or is busy
// only takes fewer.
// Complexity: that of sampleExecutions over all samples, plus O(chunks).
import type { CompiledWorkflow } from './compiled-workflow.ts';
import { DRAW_CLOSURE, STEP_JOIN, STEP_TASK } from './compiled-workflow.ts';
import { createRng, type SimRng } from './random.ts';
import { sampleExecutions, type SampleTotals } from './sample-executions.ts';

export const CHUNK_SAMPLES = 256;
/** A chunk's totals, in this order, TOTALS_PER_CHUNK numbers apiece. */
export const TOTALS_PER_CHUNK = 8;
/** Below this many step draws (samples × steps) an estimate runs on the calling thread: handing it over costs more than it saves. */
export const POOL_MIN_STEP_SAMPLES = 2_000_000;

/** Whether an estimate of this many samples over this many steps is worth handing chunks to another thread. */
export function largeEnoughToShare(samples: number, steps: number): boolean {
  return chunkCount(samples) > 1 && samples * steps >= POOL_MIN_STEP_SAMPLES;
}

export function chunkCount(samples: number): number {
  return Math.ceil(samples / CHUNK_SAMPLES);
}

/** Chunk 0 draws from the estimate's own seed; the others from seeds spread by the golden-ratio constant. */
export function chunkRng(seed: number, chunk: number): SimRng {
  return createRng((seed + Math.imul(chunk, 0x9e3779b9)) >>> 0);
}

/** Runs one chunk: its latencies into latencies[chunk × CHUNK_SAMPLES …], its totals into totals[chunk × TOTALS_PER_CHUNK …]. */
export function runChunk(w: CompiledWorkflow, seed: number, coldProbability: number, samples: number, chunk: number, latencies: Float64Array, totals: Float64Array, coldWaveShare = 0): void {
  const first = chunk * CHUNK_SAMPLES;
  const part = sampleExecutions(w, chunkRng(seed, chunk), coldProbability, latencies.subarray(first, Math.min(samples, first + CHUNK_SAMPLES)), coldWaveShare, first);
  const at = chunk * TOTALS_PER_CHUNK;
  totals[at] = part.computeUsd;
  totals[at + 1] = part.invocations;
  totals[at + 2] = part.transitions;
  totals[at + 3] = part.s3Puts;
  totals[at + 4] = part.s3Gets;
  totals[at + 5] = part.expressBilledMs;
  totals[at + 6] = part.batchUsd;
  totals[at + 7] = part.childExecutionsUsd;
}

/**
 * Whether another thread can run this workflow's chunks: every step a join or
 * a plain task drawn from tables, so the typed arrays are all it reads (maps,
 * bundles, choices and closure draws need the PlannedSteps, which hold closures).
 */
export function runsOnArraysAlone(w: CompiledWorkflow): boolean {
  for (let i = 0; i < w.kind.length; i += 1) {
    const kind = w.kind[i]!;
    if (kind === STEP_JOIN) continue;
    if (kind !== STEP_TASK || w.draw[i] === DRAW_CLOSURE) return false;
  }
  return true;
}

/** One estimate's chunks as the threads see them; the arrays are shared memory when a helper takes part. */
export interface ChunkJob {
  w: CompiledWorkflow;
  seed: number;
  coldProbability: number;
  /** Share of executions in a cold wave (arrivals.ts); absent: none. */
  coldWaveShare?: number;
  samples: number;
  latencies: Float64Array;
  totals: Float64Array;
  /** [next chunk to take, chunks done, chunks the helper ran, then 1 per chunk once its numbers are written]. */
  control: Int32Array;
}

export const NEXT_CHUNK = 0;
export const CHUNKS_DONE = 1;
export const HELPER_CHUNKS = 2;
export const CHUNK_FLAGS = 3;

export function chunkControl(samples: number, shared: boolean): Int32Array {
  const bytes = (CHUNK_FLAGS + chunkCount(samples)) * 4;
  return new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** Takes chunks from the job's counter and runs them until none is left; every thread that works on the job runs this. */
export function claimChunks(job: ChunkJob, byHelper = false): void {
  const chunks = chunkCount(job.samples);
  for (let chunk = Atomics.add(job.control, NEXT_CHUNK, 1); chunk < chunks; chunk = Atomics.add(job.control, NEXT_CHUNK, 1)) {
    runChunk(job.w, job.seed, job.coldProbability, job.samples, chunk, job.latencies, job.totals, job.coldWaveShare);
    Atomics.store(job.control, CHUNK_FLAGS + chunk, 1);
    if (byHelper) Atomics.add(job.control, HELPER_CHUNKS, 1);
    Atomics.add(job.control, CHUNKS_DONE, 1);
    Atomics.notify(job.control, CHUNKS_DONE);
  }
}

/** The chunks' totals summed in chunk order (the same sum whichever thread ran which chunk). */
export function sumChunkTotals(totals: Float64Array, samples: number): SampleTotals {
  const sum: SampleTotals = { computeUsd: 0, invocations: 0, transitions: 0, s3Puts: 0, s3Gets: 0, expressBilledMs: 0, batchUsd: 0, childExecutionsUsd: 0 };
  for (let chunk = 0; chunk < chunkCount(samples); chunk += 1) {
    const at = chunk * TOTALS_PER_CHUNK;
    sum.computeUsd += totals[at]!;
    sum.invocations += totals[at + 1]!;
    sum.transitions += totals[at + 2]!;
    sum.s3Puts += totals[at + 3]!;
    sum.s3Gets += totals[at + 4]!;
    sum.expressBilledMs += totals[at + 5]!;
    sum.batchUsd += totals[at + 6]!;
    sum.childExecutionsUsd += totals[at + 7]!;
  }
  return sum;
}
