// A worker thread starts without the parent's module hooks, so it registers
// tsx itself before loading the TypeScript helper (see sampling-pool.ts), then
// serves the calling thread's jobs on its parentPort.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveChunkJobs } = await import('./sampling-worker.ts');
serveChunkJobs(parentPort);
