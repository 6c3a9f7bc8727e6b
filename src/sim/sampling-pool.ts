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
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CHUNK_FLAGS, CHUNKS_DONE, chunkCount, claimChunks, HELPER_CHUNKS, runChunk, type ChunkJob } from './sample-chunks.ts';

/** How long the caller waits without a chunk finishing before it runs the missing chunks itself. */
const STALL_MS = 10_000;
const WAIT_SLICE_MS = 50;

let helper: Worker | undefined;
let unavailable = availableParallelism() < 2;
let ready: Promise<boolean> = Promise.resolve(false);
/** How many chunks of the last shared estimate the helper ran (for tests and benchmarks). */
let lastHelperChunks = 0;

/** Starts the helper thread if the machine has a core to spare; idempotent. */
export function startSamplingPool(): void {
  if (helper || unavailable) return;
  try {
    helper = new Worker(new URL('./sampling-worker-boot.mjs', import.meta.url));
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

/** Resolves once the helper thread is up (true), or when there is none or it failed (false). */
export function samplingPoolReady(): Promise<boolean> {
  return ready;
}

export function helperChunksOfLastEstimate(): number {
  return lastHelperChunks;
}

/**
 * Runs the job's chunks on this thread and the helper; false when there is no
 * helper (the caller then runs them alone). The job's arrays must be shared memory.
 */
export function sampleWithPool(job: ChunkJob): boolean {
  startSamplingPool();
  if (!helper) return false;
  const { w } = job;
  // The PlannedSteps hold closures and cannot cross threads; a job on the pool reads the arrays alone.
  helper.postMessage({ ...job, w: { ...w, steps: [] } });
  claimChunks(job);
  const chunks = chunkCount(job.samples);
  let done = Atomics.load(job.control, CHUNKS_DONE);
  let waitedMs = 0;
  while (done < chunks && waitedMs < STALL_MS) {
    if (Atomics.wait(job.control, CHUNKS_DONE, done, WAIT_SLICE_MS) === 'timed-out') waitedMs += WAIT_SLICE_MS;
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
