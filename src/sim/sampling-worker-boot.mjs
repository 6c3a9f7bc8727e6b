// A worker thread starts without the parent's module hooks, so it registers
// tsx itself before loading the TypeScript helper (see sampling-pool.ts).
import { register } from 'tsx/esm/api';

register();
await import('./sampling-worker.ts');
