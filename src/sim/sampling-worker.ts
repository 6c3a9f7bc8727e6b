// The sampling pool's helper thread (sampling-pool.ts): takes chunks of each
// job it is sent until none is left. A job sent while the helper was still
// starting may already be done by the caller; it then takes nothing.
// sampling-worker-boot.mjs, the thread's entry, hands it the thread's
// parentPort; as a function of the port it runs on any thread (tests give it a stand-in).
import { claimChunks, type ChunkJob } from './sample-chunks.ts';

/** What the helper needs of its port to the calling thread (parentPort, or a stand-in). */
export interface HelperPort {
  on(event: 'message', listener: (job: ChunkJob) => void): unknown;
  postMessage(message: unknown): void;
}

/** Runs the helper's side: chunks of every job that arrives, and one message once listening (the pool's "ready"). */
export function serveChunkJobs(port: HelperPort): void {
  port.on('message', (job: ChunkJob) => claimChunks(job, true));
  port.postMessage('ready');
}
