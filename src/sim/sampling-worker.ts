// The sampling pool's helper thread (sampling-pool.ts): takes chunks of each
// job it is sent until none is left. A job sent while the helper was still
// starting may already be done by the caller; it then takes nothing.
import { parentPort } from 'node:worker_threads';
import { claimChunks, type ChunkJob } from './sample-chunks.ts';

parentPort!.on('message', (job: ChunkJob) => claimChunks(job, true));
parentPort!.postMessage('ready');
