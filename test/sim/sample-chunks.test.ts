// The estimator's samples run in chunks that the calling thread may share
// with a helper thread (src/sim/sample-chunks.ts, sampling-pool.ts): the
// numbers must not depend on which thread ran which chunk.
import assert from 'node:assert/strict';
import { deployAt } from '../helpers/exact-profile.ts';
import { generateWorkflow } from '../../bench/generate-workflow.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { CHUNK_FLAGS, CHUNK_SAMPLES, chunkControl, chunkCount, chunkRng, CHUNKS_DONE, claimChunks, HELPER_CHUNKS, largeEnoughToShare, NEXT_CHUNK, POOL_MIN_STEP_SAMPLES, runChunk, runsOnArraysAlone, sumChunkTotals, TOTALS_PER_CHUNK } from '../../src/sim/sample-chunks.ts';
import { createRng } from '../../src/sim/random.ts';
import { dispatchTables } from '../../src/sim/dispatch-tables.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { helperChunksOfLastEstimate, samplingPoolReady, startSamplingPool } from '../../src/sim/sampling-pool.ts';
import { planWorkflow } from '../../src/sim/plan-workflow.ts';
import { pricesFor } from '../../src/model/platform.ts';
import { hopContext } from '../../src/sim/s3-hops.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

describe('estimate in chunks', function () {
  this.timeout(60_000);

  it('gives the same numbers on one thread and shared with the helper thread, on a workflow large enough to share', async function () {
    const { ir, profiles } = generateWorkflow({ functions: 1_000, depth: 12, peakWidth: 545 });
    const staged = toSeriesParallel(ir).ir;
    const deployment = deployAt(staged, 1024);
    const samples = 2_000;
    assert.ok(samples * staged.graph.nodeCount() >= POOL_MIN_STEP_SAMPLES, 'the workflow is large enough for the pool');
    const alone = estimate(staged, deployment, profiles, { samples, seed: 7, threads: 1 });
    startSamplingPool();
    if (!(await samplingPoolReady())) this.skip(); // a one-core machine has no helper
    let helperChunks = 0;
    for (let run = 0; run < 3; run += 1) {
      assert.deepEqual(estimate(staged, deployment, profiles, { samples, seed: 7 }), alone);
      helperChunks += helperChunksOfLastEstimate();
    }
    assert.ok(helperChunks > 0, 'the helper thread ran some of the chunks');
  });

  it('gives the same numbers whatever order the chunks run in', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const profiles = new Map(['a', 'b', 'c', 'd'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 50, parallelMs: 400, maxUsefulVcpu: 2, footprintMb: 100, measuredMb: [128, 1024, 3008] } })]));
    const deployment = deployAt(ir, 1024);
    const context = { ir, deployment, hops: hopContext(ir, deployment), profiles, prices: pricesFor(ir.region), coldProbability: 0.3, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), untimedEntries: false };
    const w = planWorkflow(context).workflow;
    assert.ok(runsOnArraysAlone(w));
    const samples = 5 * CHUNK_SAMPLES + 17;
    const inOrder = { latencies: new Float64Array(samples), totals: new Float64Array(chunkCount(samples) * TOTALS_PER_CHUNK) };
    claimChunks({ w, seed: 3, coldProbability: 0.3, samples, ...inOrder, control: chunkControl(samples, false) });
    const reversed = { latencies: new Float64Array(samples), totals: new Float64Array(chunkCount(samples) * TOTALS_PER_CHUNK) };
    for (let chunk = chunkCount(samples) - 1; chunk >= 0; chunk -= 1) runChunk(w, 3, 0.3, samples, chunk, reversed.latencies, reversed.totals);
    assert.deepEqual(reversed.latencies, inOrder.latencies);
    assert.deepEqual(sumChunkTotals(reversed.totals, samples), sumChunkTotals(inOrder.totals, samples));
    // Chunks draw from generators of their own: no two chunks repeat each other's latencies.
    assert.notDeepEqual(inOrder.latencies.subarray(0, 17), inOrder.latencies.subarray(CHUNK_SAMPLES, CHUNK_SAMPLES + 17));
  });

  it('keeps maps, bundles and choices on the calling thread, whose steps hold closures', () => {
    const ir = irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 4 } } });
    const profiles = new Map(['a', 'm'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 50, parallelMs: 400, maxUsefulVcpu: 2, footprintMb: 100, measuredMb: [128, 1024] } })]));
    const deployment = deployAt(ir, 1024);
    const context = { ir, deployment, hops: hopContext(ir, deployment), profiles, prices: pricesFor(ir.region), coldProbability: 0.1, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), untimedEntries: false };
    assert.equal(runsOnArraysAlone(planWorkflow(context).workflow), false);
  });

  it('cuts samples into chunks of 256, the last one partial', () => {
    assert.equal(CHUNK_SAMPLES, 256);
    assert.deepEqual([0, 1, 256, 257, 512, 513].map(chunkCount), [0, 1, 1, 2, 2, 3]);
  });

  it('seeds chunk k from (seed + k·0x9e3779b9) mod 2³², chunk 0 from the seed itself', () => {
    const seed = 0xfffffff0;
    for (const chunk of [0, 1, 2, 7]) {
      const expected = Number((BigInt(seed) + BigInt(chunk) * 0x9e3779b9n) % 2n ** 32n);
      const a = chunkRng(seed, chunk);
      const b = createRng(expected);
      for (let i = 0; i < 5; i += 1) assert.equal(a.next(), b.next(), `chunk ${chunk}, draw ${i}`);
    }
  });

  it('shares an estimate with the helper thread only past one chunk and 2,000,000 step draws', () => {
    assert.equal(POOL_MIN_STEP_SAMPLES, 2_000_000);
    assert.equal(largeEnoughToShare(2000, 1000), true);
    assert.equal(largeEnoughToShare(2000, 999), false); // 1,998,000 step draws
    assert.equal(largeEnoughToShare(257, 10_000), true);
    assert.equal(largeEnoughToShare(256, 10_000), false); // one chunk: nothing to share
  });

  it('keeps a control word per counter and one flag per chunk, in shared memory only when asked', () => {
    const shared = chunkControl(600, true);
    assert.equal(shared.length, 3 + 3);
    assert.ok(shared.buffer instanceof SharedArrayBuffer);
    const local = chunkControl(256, false);
    assert.equal(local.length, 4);
    assert.ok(!(local.buffer instanceof SharedArrayBuffer));
    assert.deepEqual([NEXT_CHUNK, CHUNKS_DONE, HELPER_CHUNKS, CHUNK_FLAGS], [0, 1, 2, 3]);
  });

  it('sums each total over the chunks from its own slot', () => {
    const samples = 3 * CHUNK_SAMPLES;
    // Chunk c's slot i holds (i + 1) · 10^c: the sums are (i + 1) · 111.
    const totals = Float64Array.from({ length: 3 * TOTALS_PER_CHUNK }, (_, k) => (1 + (k % TOTALS_PER_CHUNK)) * 10 ** Math.floor(k / TOTALS_PER_CHUNK));
    assert.deepEqual(sumChunkTotals(totals, samples), { computeUsd: 111, invocations: 222, transitions: 333, s3Puts: 444, s3Gets: 555, expressBilledMs: 666, batchUsd: 777, childExecutionsUsd: 888 });
    // Only the estimate's own chunks count.
    assert.equal(sumChunkTotals(totals, 2 * CHUNK_SAMPLES).computeUsd, 11);
  });

  it('counts the chunks a thread ran, flags each, and credits the helper only with its own', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map(['a', 'b'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 50, parallelMs: 400, measuredMb: [128, 1024] } })]));
    const deployment = deployAt(ir, 1024);
    const context = { ir, deployment, hops: hopContext(ir, deployment), profiles, prices: pricesFor(ir.region), coldProbability: 0.1, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), untimedEntries: false };
    const w = planWorkflow(context).workflow;
    const samples = 2 * CHUNK_SAMPLES + 1;
    const job = { w, seed: 5, coldProbability: 0.1, samples, latencies: new Float64Array(samples), totals: new Float64Array(3 * TOTALS_PER_CHUNK), control: chunkControl(samples, false) };
    // The calling thread took chunk 0 already; the helper takes the rest.
    job.control[NEXT_CHUNK] = 1;
    claimChunks(job, true);
    assert.deepEqual([...job.control], [4, 2, 2, 0, 1, 1]);
    assert.equal(job.latencies[0], 0, 'chunk 0 was not run here');
    assert.ok(job.latencies[CHUNK_SAMPLES]! > 0 && job.latencies[samples - 1]! > 0);
    const calling = { ...job, latencies: new Float64Array(samples), totals: new Float64Array(3 * TOTALS_PER_CHUNK), control: chunkControl(samples, false) };
    claimChunks(calling);
    assert.deepEqual([...calling.control], [4, 3, 0, 1, 1, 1]);
    assert.deepEqual(calling.latencies.subarray(CHUNK_SAMPLES), job.latencies.subarray(CHUNK_SAMPLES));
  });
});
