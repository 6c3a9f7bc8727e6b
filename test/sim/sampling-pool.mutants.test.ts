// The sampling pool's start-up and failure paths (src/sim/sampling-pool.ts), driven through createSamplingPool
// with a stand-in helper: an EventEmitter with postMessage/terminate/unref that the test makes start, fail before
// or after its ready message, run chunks, or take chunks and never finish them; and, where the test must play the
// other thread's progress while the caller blocks, a stand-in for the wait. The expected numbers are those of a
// single-thread run of the same job (claimChunks on the calling thread alone, src/sim/sample-chunks.ts): chunks
// are deterministic, so whatever the helper does, the pool must leave exactly those numbers.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { pricesFor } from '../../src/model/platform.ts';
import type { CompiledWorkflow } from '../../src/sim/compiled-workflow.ts';
import { dispatchTables } from '../../src/sim/dispatch-tables.ts';
import { planWorkflow } from '../../src/sim/plan-workflow.ts';
import { hopContext } from '../../src/sim/s3-hops.ts';
import { CHUNK_FLAGS, CHUNK_SAMPLES, chunkControl, chunkCount, CHUNKS_DONE, claimChunks, HELPER_CHUNKS, NEXT_CHUNK, runChunk, TOTALS_PER_CHUNK, type ChunkJob } from '../../src/sim/sample-chunks.ts';
import { createSamplingPool, processPoolParts, samplingPoolReady, startSamplingPool, type SamplingPoolParts } from '../../src/sim/sampling-pool.ts';
import { deployAt } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

/** Five chunks, the last one partial. */
const SAMPLES = 4 * CHUNK_SAMPLES + 9;
const CHUNKS = 5;

/** A two-step workflow drawn from tables alone (what the pool is given), built inside each test. */
function smallWorkflow(): CompiledWorkflow {
  const ir = irOf({ a: [], b: ['a'] });
  const profiles = new Map(['a', 'b'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 50, parallelMs: 400, measuredMb: [128, 1024] } })]));
  const deployment = deployAt(ir, 1024);
  const context = { ir, deployment, hops: hopContext(ir, deployment), profiles, prices: pricesFor(ir.region), coldProbability: 0.2, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), untimedEntries: false };
  return planWorkflow(context).workflow;
}

function jobOf(w: CompiledWorkflow, shared: boolean): ChunkJob {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    w,
    seed: 11,
    coldProbability: 0.2,
    coldWaveShare: 0.1,
    samples: SAMPLES,
    latencies: new Float64Array(buffer(SAMPLES * 8)),
    totals: new Float64Array(buffer(chunkCount(SAMPLES) * TOTALS_PER_CHUNK * 8)),
    control: chunkControl(SAMPLES, shared),
  };
}

/** The reference: every chunk run on the calling thread alone. */
function singleThread(w: CompiledWorkflow): ChunkJob {
  const alone = jobOf(w, false);
  claimChunks(alone);
  return alone;
}

function assertSameNumbers(job: ChunkJob, alone: ChunkJob): void {
  assert.deepEqual([...job.latencies], [...alone.latencies]);
  assert.deepEqual([...job.totals], [...alone.totals]);
}

/** What the helper thread does with a chunk it took: its numbers, its flag, and the counters (as claimChunks does for a helper). */
function finishAsHelper(job: ChunkJob, chunk: number): void {
  runChunk(job.w, job.seed, job.coldProbability, job.samples, chunk, job.latencies, job.totals, job.coldWaveShare);
  Atomics.store(job.control, CHUNK_FLAGS + chunk, 1);
  Atomics.add(job.control, HELPER_CHUNKS, 1);
  Atomics.add(job.control, CHUNKS_DONE, 1);
}

/** A stand-in helper thread: records what the pool asks of it and does with each job what the test says. */
class StandInHelper extends EventEmitter {
  readonly received: ChunkJob[] = [];
  terminated = 0;
  unrefs = 0;
  constructor(private readonly onJob: (job: ChunkJob) => void = () => undefined) {
    super();
  }
  postMessage(message: unknown): void {
    // A real postMessage copies the message by structured clone (shared arrays stay shared; a closure would throw).
    const job = structuredClone(message) as ChunkJob;
    this.received.push(job);
    this.onJob(job);
  }
  terminate(): Promise<number> {
    this.terminated += 1;
    return Promise.resolve(1);
  }
  unref(): void {
    this.unrefs += 1;
  }
}

/** A pool whose helper is `helper`, counting how often it was started, on a two-core machine unless told otherwise. */
function poolWith(helper: () => StandInHelper, parts: Partial<SamplingPoolParts> = {}) {
  const counts = { starts: 0, waits: 0 };
  const waitForChunk = parts.waitForChunk ?? ((control: Int32Array, done: number, sliceMs: number) => Atomics.wait(control, CHUNKS_DONE, done, sliceMs));
  const pool = createSamplingPool({
    cores: 2,
    stallMs: 5,
    waitSliceMs: 1,
    ...parts,
    startHelper: () => {
      counts.starts += 1;
      return helper();
    },
    waitForChunk: (control, done, sliceMs) => {
      counts.waits += 1;
      if (counts.waits > 1000) throw new Error('the caller kept waiting past 1,000 slices');
      return waitForChunk(control, done, sliceMs);
    },
  });
  return { pool, counts };
}

/** The promise's value if it has settled by the next turn of the event loop, else 'pending'. */
function settledValue<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

describe('sampling pool with a stand-in helper', () => {
  it('has no helper on a one-core machine: starts none, is never ready, and leaves every chunk to the caller', async () => {
    const w = smallWorkflow();
    const { pool, counts } = poolWith(() => new StandInHelper(), { cores: 1 });
    pool.start();
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), false);
    assert.equal(counts.starts, 0);
    assert.equal(job.control[NEXT_CHUNK], 0, 'no chunk taken: the caller runs them all');
    assert.equal(await settledValue(pool.ready()), false);
    claimChunks(job);
    assertSameNumbers(job, singleThread(w));
  });

  it('is not ready before it is started', async () => {
    const { pool } = poolWith(() => new StandInHelper());
    assert.equal(await settledValue(pool.ready()), false);
  });

  it('gives up on a helper whose start throws: never asks again, and the caller runs every chunk to the same numbers', async () => {
    const w = smallWorkflow();
    const { pool, counts } = poolWith(() => {
      throw new Error('no worker threads here');
    });
    pool.start();
    pool.start();
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), false);
    assert.equal(counts.starts, 1);
    assert.equal(await settledValue(pool.ready()), false);
    assert.equal(job.control[NEXT_CHUNK], 0);
    claimChunks(job);
    assertSameNumbers(job, singleThread(w));
  });

  it('starts one helper however often it is asked, unrefs it, and is ready at its first message', async () => {
    const helper = new StandInHelper();
    const { pool, counts } = poolWith(() => helper);
    pool.start();
    pool.start();
    assert.equal(counts.starts, 1);
    assert.equal(helper.unrefs, 1, 'the helper never keeps the process alive');
    assert.equal(await settledValue(pool.ready()), 'pending', 'not ready before the helper says so');
    helper.emit('message', 'ready');
    assert.equal(await settledValue(pool.ready()), true);
  });

  for (const failure of ['error', 'exit'] as const) {
    it(`drops a helper that reports ${failure} before its ready message: ready is false, no job goes to it, no other is started`, async () => {
      const w = smallWorkflow();
      const helper = new StandInHelper();
      const { pool, counts } = poolWith(() => helper);
      pool.start();
      helper.emit(failure, failure === 'error' ? new Error('boot failed') : 1);
      assert.equal(await settledValue(pool.ready()), false);
      const job = jobOf(w, true);
      assert.equal(pool.sampleWithPool(job), false);
      assert.equal(helper.received.length, 0);
      assert.equal(counts.starts, 1);
    });

    it(`drops a helper that reports ${failure} after it was ready: the next estimate runs alone, no other is started`, async () => {
      const w = smallWorkflow();
      const helper = new StandInHelper((job) => claimChunks(job, true));
      const { pool, counts } = poolWith(() => helper);
      pool.start();
      helper.emit('message', 'ready');
      assert.equal(await settledValue(pool.ready()), true);
      assert.equal(pool.sampleWithPool(jobOf(w, true)), true);
      helper.emit(failure, failure === 'error' ? new Error('crashed') : 1);
      assert.equal(pool.sampleWithPool(jobOf(w, true)), false);
      assert.equal(helper.received.length, 1);
      assert.equal(counts.starts, 1);
    });
  }

  it('shares the chunks with a helper that runs them as they arrive: one thread\'s numbers, the helper\'s chunks counted, no wait, the helper kept', () => {
    const w = smallWorkflow();
    // The stand-in runs chunks 0 and 1 the moment the job arrives; the caller then takes 2, 3 and 4.
    const helper = new StandInHelper((job) => {
      for (let taken = 0; taken < 2; taken += 1) finishAsHelper(job, Atomics.add(job.control, NEXT_CHUNK, 1));
    });
    const { pool, counts } = poolWith(() => helper);
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), true);
    assertSameNumbers(job, singleThread(w));
    assert.equal(pool.helperChunksOfLastEstimate(), 2);
    assert.equal(counts.waits, 0, 'every chunk was done: the caller never waits');
    assert.equal(helper.terminated, 0);
    // The job the helper got is the caller's: its seed, sample count and draws (its shared arrays: the numbers above).
    const sent = helper.received[0]!;
    assert.deepEqual([sent.seed, sent.samples, sent.coldProbability, sent.coldWaveShare], [11, SAMPLES, 0.2, 0.1]);
    // The helper is kept for the next estimate.
    const next = jobOf(w, true);
    assert.equal(pool.sampleWithPool(next), true);
    assert.equal(helper.received.length, 2);
    assertSameNumbers(next, singleThread(w));
  });

  it('waits for a chunk the helper finishes while the caller waits, and keeps the helper', () => {
    const w = smallWorkflow();
    let held: ChunkJob | undefined;
    // The stand-in takes chunk 0 when the job arrives and finishes it during the caller's first wait.
    const helper = new StandInHelper((job) => {
      held = job;
      Atomics.add(job.control, NEXT_CHUNK, 1);
    });
    const { pool, counts } = poolWith(() => helper, {
      waitForChunk: () => {
        finishAsHelper(held!, 0);
        return 'ok';
      },
    });
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), true);
    assertSameNumbers(job, singleThread(w));
    assert.equal(counts.waits, 1);
    assert.equal(pool.helperChunksOfLastEstimate(), 1);
    assert.equal(helper.terminated, 0);
    assert.equal(pool.sampleWithPool(jobOf(w, true)), true, 'the helper is used again');
  });

  it('keeps waiting for a slow helper as long as a chunk finishes within every stallMs', () => {
    const w = smallWorkflow();
    let held: ChunkJob | undefined;
    let next = 0;
    // The stand-in takes chunks 0-3; each wait of the caller alternates: a slice with nothing done, then a chunk done.
    // 8 waits, 4 slices without progress, beyond stallMs (2 slices) in all but never 2 in a row.
    const helper = new StandInHelper((job) => {
      held = job;
      for (let taken = 0; taken < 4; taken += 1) Atomics.add(job.control, NEXT_CHUNK, 1);
    });
    let calls = 0;
    const { pool, counts } = poolWith(() => helper, {
      stallMs: 2,
      waitSliceMs: 1,
      waitForChunk: () => {
        calls += 1;
        if (calls % 2 === 1) return 'timed-out';
        finishAsHelper(held!, next);
        next += 1;
        return 'ok';
      },
    });
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), true);
    assertSameNumbers(job, singleThread(w));
    assert.equal(counts.waits, 8);
    assert.equal(pool.helperChunksOfLastEstimate(), 4);
    assert.equal(helper.terminated, 0, 'a slow helper is not a stalled one');
  });

  it('runs the chunks a stalled helper took after stallMs / waitSliceMs slices without progress, terminates it and never starts another', () => {
    const w = smallWorkflow();
    // The stand-in takes chunk 0 and never finishes it; the caller waits on the real Atomics.wait, 5 slices of 1 ms.
    const helper = new StandInHelper((job) => void Atomics.add(job.control, NEXT_CHUNK, 1));
    const { pool, counts } = poolWith(() => helper, { stallMs: 5, waitSliceMs: 1 });
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), true);
    assert.equal(counts.waits, 5, 'gives up after exactly stallMs / waitSliceMs slices in which no chunk finished');
    assertSameNumbers(job, singleThread(w));
    assert.equal(pool.helperChunksOfLastEstimate(), 0);
    assert.equal(helper.terminated, 1);
    const after = jobOf(w, true);
    assert.equal(pool.sampleWithPool(after), false, 'the stalled helper is not used again');
    assert.equal(counts.starts, 1, 'nor replaced');
    assert.equal(helper.received.length, 1);
  });

  it('after a stall runs only the chunks nobody finished, leaving a chunk the helper finished as it wrote it', () => {
    const w = smallWorkflow();
    const MARK = -1;
    // The stand-in takes chunks 0 and 1, finishes chunk 1 (writing a marker instead of its numbers, so the test can
    // see whether the caller ran it again) and never finishes chunk 0.
    const helper = new StandInHelper((job) => {
      Atomics.add(job.control, NEXT_CHUNK, 2);
      job.latencies.fill(MARK, CHUNK_SAMPLES, 2 * CHUNK_SAMPLES);
      job.totals.fill(MARK, TOTALS_PER_CHUNK, 2 * TOTALS_PER_CHUNK);
      Atomics.store(job.control, CHUNK_FLAGS + 1, 1);
      Atomics.add(job.control, HELPER_CHUNKS, 1);
      Atomics.add(job.control, CHUNKS_DONE, 1);
    });
    const { pool } = poolWith(() => helper, { stallMs: 2, waitSliceMs: 1, waitForChunk: () => 'timed-out' });
    const job = jobOf(w, true);
    assert.equal(pool.sampleWithPool(job), true);
    const alone = singleThread(w);
    assert.ok(job.latencies.subarray(CHUNK_SAMPLES, 2 * CHUNK_SAMPLES).every((x) => x === MARK), 'chunk 1 was not run again');
    assert.ok(job.totals.subarray(TOTALS_PER_CHUNK, 2 * TOTALS_PER_CHUNK).every((x) => x === MARK));
    for (const chunk of [0, 2, 3, 4]) {
      const from = chunk * CHUNK_SAMPLES;
      const to = Math.min(SAMPLES, from + CHUNK_SAMPLES);
      assert.deepEqual([...job.latencies.subarray(from, to)], [...alone.latencies.subarray(from, to)], `chunk ${chunk}`);
      assert.deepEqual([...job.totals.subarray(chunk * TOTALS_PER_CHUNK, (chunk + 1) * TOTALS_PER_CHUNK)], [...alone.totals.subarray(chunk * TOTALS_PER_CHUNK, (chunk + 1) * TOTALS_PER_CHUNK)]);
    }
    assert.equal(chunkCount(SAMPLES), CHUNKS);
    assert.equal(pool.helperChunksOfLastEstimate(), 1);
  });
});

describe('the process pool as built', () => {
  it('waits on the chunks-done counter: not-equal once it moved, timed-out while it stays', () => {
    const { waitForChunk } = processPoolParts();
    const control = chunkControl(SAMPLES, true);
    control[CHUNKS_DONE] = 3;
    assert.equal(waitForChunk(control, 2, 1), 'not-equal');
    assert.equal(waitForChunk(control, 3, 1), 'timed-out');
  });

  it('starts a helper thread that comes up and says it is ready (on a machine with a core to spare)', async function () {
    const parts = processPoolParts();
    if (parts.cores < 2) this.skip();
    let started: { terminate(): unknown } | undefined;
    const pool = createSamplingPool({
      ...parts,
      startHelper: () => {
        const helper = parts.startHelper();
        started = helper;
        return helper;
      },
    });
    pool.start();
    try {
      assert.equal(await pool.ready(), true);
    } finally {
      await started?.terminate();
    }
  });

  it('has the process-wide helper ready once started (on a machine with a core to spare)', async function () {
    if (processPoolParts().cores < 2) this.skip();
    startSamplingPool();
    assert.equal(await samplingPoolReady(), true);
  });
});
