// The estimator's helper thread: on a machine with more than one core, a
// large estimate's chunks (sample-chunks.ts) are shared between the calling
// thread and one worker thread, through shared memory. The estimate stays a
// synchronous call: the caller takes chunks itself and then waits
// (Atomics.wait) for the ones the helper took. The helper is started on
// demand (startSamplingPool: the optimizer asks before its first passes, so
// the worker's start-up overlaps them) and never keeps the process alive.
// What can go wrong is contained: a helper that is not up yet takes no
// chunk; one that fails is dropped and the caller runs every chunk whose
// numbers are missing itself; chunks are deterministic, so the numbers are
// the same in every case.
// The process has one pool (the exported functions below, created on first
// use); createSamplingPool builds one from its parts — how to start the
// helper, the cores, the stall bound and the wait — so that tests can drive
// the failure paths with a stand-in helper instead of a real thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CHUNK_FLAGS, CHUNKS_DONE, chunkCount, claimChunks, HELPER_CHUNKS, runChunk, type ChunkJob } from './sample-chunks.ts';

/** How long the caller waits without a chunk finishing before it runs the missing chunks itself. */
const STALL_MS = 10_000;
const WAIT_SLICE_MS = 50;

/** What the pool needs of its helper thread: a node:worker_threads Worker, or a stand-in in tests. */
export interface HelperThread {
  postMessage(message: unknown): void;
  terminate(): unknown;
  unref(): void;
  on(event: 'error' | 'exit', listener: () => void): unknown;
  once(event: 'message' | 'error' | 'exit', listener: () => void): unknown;
}

export interface SamplingPoolParts {
  /** Starts the helper thread; may throw (then the pool has no helper). */
  startHelper: () => HelperThread;
  /** The machine's cores: with fewer than 2 there is no helper. */
  cores: number;
  /** How long the caller waits without a chunk finishing before it runs the missing chunks itself. */
  stallMs: number;
  /** The caller waits in slices of this length, counting those in which no chunk finished. */
  waitSliceMs: number;
  /** Blocks until control[CHUNKS_DONE] is no longer `done` or sliceMs have passed: Atomics.wait's answer. */
  waitForChunk: (control: Int32Array, done: number, sliceMs: number) => 'ok' | 'not-equal' | 'timed-out';
}

export interface SamplingPool {
  /** Starts the helper thread if the machine has a core to spare; idempotent. */
  start(): void;
  /** Resolves once the helper thread is up (true), or when there is none or it failed (false). */
  ready(): Promise<boolean>;
  /** How many chunks of the last shared estimate the helper ran (for tests and benchmarks). */
  helperChunksOfLastEstimate(): number;
  /**
   * Runs the job's chunks on this thread and the helper; false when there is no
   * helper (the caller then runs them alone). The job's arrays must be shared memory.
   */
  sampleWithPool(job: ChunkJob): boolean;
}

export function createSamplingPool(parts: SamplingPoolParts): SamplingPool {
  let helper: HelperThread | undefined;
  let unavailable = parts.cores < 2;
  let ready: Promise<boolean> = Promise.resolve(false);
  let lastHelperChunks = 0;

  function start(): void {
    if (helper || unavailable) return;
    try {
      helper = parts.startHelper();
    } catch {
      unavailable = true;
      return;
    }
    helper.unref();
    const started = helper;
    ready = new Promise((resolve) => {
      started.once('message', () => resolve(true));
      started.once('error', () => resolve(false));
      started.once('exit', () => resolve(false));
    });
    const drop = () => {
      if (helper === started) helper = undefined;
      unavailable = true;
    };
    helper.on('error', drop);
    helper.on('exit', drop);
  }

  function sampleWithPool(job: ChunkJob): boolean {
    start();
    if (!helper) return false;
    const { w } = job;
    // The PlannedSteps hold closures and cannot cross threads; a job on the pool reads the arrays alone.
    helper.postMessage({ ...job, w: { ...w, steps: [] } });
    claimChunks(job);
    const chunks = chunkCount(job.samples);
    let done = Atomics.load(job.control, CHUNKS_DONE);
    let waitedMs = 0;
    while (done < chunks && waitedMs < parts.stallMs) {
      if (parts.waitForChunk(job.control, done, parts.waitSliceMs) === 'timed-out') waitedMs += parts.waitSliceMs;
      else waitedMs = 0;
      done = Atomics.load(job.control, CHUNKS_DONE);
    }
    lastHelperChunks = Atomics.load(job.control, HELPER_CHUNKS);
    if (done < chunks) {
      // The helper took chunks and stopped: run them here (the same numbers), and use it no more.
      void helper.terminate();
      helper = undefined;
      unavailable = true;
      for (let chunk = 0; chunk < chunks; chunk += 1) {
        if (Atomics.load(job.control, CHUNK_FLAGS + chunk) === 0) runChunk(w, job.seed, job.coldProbability, job.samples, chunk, job.latencies, job.totals, job.coldWaveShare);
      }
    }
    return true;
  }

  return { start, ready: () => ready, helperChunksOfLastEstimate: () => lastHelperChunks, sampleWithPool };
}

/** The process's pool as it is built: a worker thread running sampling-worker.ts, Atomics.wait, this machine's cores. */
export function processPoolParts(): SamplingPoolParts {
  return {
    startHelper: () => new Worker(new URL('./sampling-worker-boot.mjs', import.meta.url)),
    cores: availableParallelism(),
    stallMs: STALL_MS,
    waitSliceMs: WAIT_SLICE_MS,
    waitForChunk: (control, done, sliceMs) => Atomics.wait(control, CHUNKS_DONE, done, sliceMs),
  };
}

let processPool: SamplingPool | undefined;

/** The process-wide pool, built on first use (not when the module loads). */
function pool(): SamplingPool {
  processPool ??= createSamplingPool(processPoolParts());
  return processPool;
}

/** Starts the process's helper thread if the machine has a core to spare; idempotent. */
export function startSamplingPool(): void {
  pool().start();
}

/** Resolves once the process's helper thread is up (true), or when there is none or it failed (false). */
export function samplingPoolReady(): Promise<boolean> {
  return pool().ready();
}

export function helperChunksOfLastEstimate(): number {
  return pool().helperChunksOfLastEstimate();
}

/** The process pool's sampleWithPool (see SamplingPool). */
export function sampleWithPool(job: ChunkJob): boolean {
  return pool().sampleWithPool(job);
}
