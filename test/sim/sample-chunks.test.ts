// The estimator's samples run in chunks that the calling thread may share
// with a helper thread (src/sim/sample-chunks.ts, sampling-pool.ts): the
// numbers must not depend on which thread ran which chunk.
import assert from 'node:assert/strict';
import { deployAt } from '../helpers/exact-profile.ts';
import { generateWorkflow } from '../../bench/generate-workflow.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { CHUNK_SAMPLES, chunkControl, chunkCount, claimChunks, POOL_MIN_STEP_SAMPLES, runChunk, runsOnArraysAlone, sumChunkTotals, TOTALS_PER_CHUNK } from '../../src/sim/sample-chunks.ts';
import { compileWorkflow } from '../../src/sim/compiled-workflow.ts';
import { dispatchTables } from '../../src/sim/dispatch-tables.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { helperChunksOfLastEstimate, samplingPoolReady, startSamplingPool } from '../../src/sim/sampling-pool.ts';
import { planStep } from '../../src/sim/plan-steps.ts';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import { pricesFor } from '../../src/model/platform.ts';
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
    const order = topologicalOrder(ir);
    const index = new Map(order.map((id, i) => [id, i]));
    const context = { ir, deployment: deployAt(ir, 1024), profiles, prices: pricesFor(ir.region), index, coldProbability: 0.3, hasEdgeModes: false, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), branchHeads: new Set<string>(), untimedEntries: false };
    const w = compileWorkflow(order.map((id) => planStep(context, id)), context.dispatch);
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
    const order = topologicalOrder(ir);
    const context = { ir, deployment: deployAt(ir, 1024), profiles, prices: pricesFor(ir.region), index: new Map(order.map((id, i) => [id, i])), coldProbability: 0.1, hasEdgeModes: false, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), branchHeads: new Set<string>(), untimedEntries: false };
    assert.equal(runsOnArraysAlone(compileWorkflow(order.map((id) => planStep(context, id)), context.dispatch)), false);
  });
});
