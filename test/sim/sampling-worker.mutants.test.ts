// The helper thread's side of the sampling pool (src/sim/sampling-worker.ts), run on this thread with a stand-in
// port: it says it is listening, then runs the chunks of each job it is sent that no other thread has taken,
// crediting them to the helper. The expected numbers are those of the same chunks run on one thread by
// claimChunks (src/sim/sample-chunks.ts).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { pricesFor } from '../../src/model/platform.ts';
import { dispatchTables } from '../../src/sim/dispatch-tables.ts';
import { planWorkflow } from '../../src/sim/plan-workflow.ts';
import { hopContext } from '../../src/sim/s3-hops.ts';
import { CHUNK_SAMPLES, chunkControl, chunkCount, CHUNKS_DONE, claimChunks, HELPER_CHUNKS, NEXT_CHUNK, TOTALS_PER_CHUNK, type ChunkJob } from '../../src/sim/sample-chunks.ts';
import { serveChunkJobs } from '../../src/sim/sampling-worker.ts';
import { deployAt } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

class StandInPort extends EventEmitter {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

function jobOf(samples: number): ChunkJob {
  const ir = irOf({ a: [], b: ['a'] });
  const profiles = new Map(['a', 'b'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 50, parallelMs: 400, measuredMb: [128, 1024] } })]));
  const deployment = deployAt(ir, 1024);
  const context = { ir, deployment, hops: hopContext(ir, deployment), profiles, prices: pricesFor(ir.region), coldProbability: 0.2, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), untimedEntries: false };
  const w = planWorkflow(context).workflow;
  return { w, seed: 4, coldProbability: 0.2, samples, latencies: new Float64Array(samples), totals: new Float64Array(chunkCount(samples) * TOTALS_PER_CHUNK), control: chunkControl(samples, false) };
}

describe('sampling worker', () => {
  it('sends one message once it listens, then runs the chunks left of each job it is sent, as the helper', () => {
    const port = new StandInPort();
    serveChunkJobs(port);
    assert.equal(port.posted.length, 1, 'one message: the pool takes the first as "ready"');
    const samples = 3 * CHUNK_SAMPLES + 5; // 4 chunks
    const job = jobOf(samples);
    job.control[NEXT_CHUNK] = 1; // the calling thread took chunk 0
    port.emit('message', job);
    assert.equal(job.control[HELPER_CHUNKS], 3, 'chunks 1-3, credited to the helper');
    assert.equal(job.control[CHUNKS_DONE], 3);
    const alone = jobOf(samples);
    claimChunks(alone);
    assert.deepEqual([...job.latencies.subarray(CHUNK_SAMPLES)], [...alone.latencies.subarray(CHUNK_SAMPLES)]);
    assert.ok(job.latencies.subarray(0, CHUNK_SAMPLES).every((x) => x === 0), 'chunk 0 was left to the caller');
    assert.deepEqual([...job.totals.subarray(TOTALS_PER_CHUNK)], [...alone.totals.subarray(TOTALS_PER_CHUNK)]);
    // A second job on the same port is served too.
    const second = jobOf(samples);
    port.emit('message', second);
    assert.equal(second.control[HELPER_CHUNKS], 4);
  });
});
