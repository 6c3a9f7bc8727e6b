import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exhaustive } from '../../src/baselines/exhaustive.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import type { Slo } from '../../src/ir/types.ts';
import { verify } from '../../src/ir/verify.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { optimize } from '../../src/passes/optimize.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { instanceArbitrary, type Instance } from '../helpers/random-instance.ts';
import { Graph } from '@dagrejs/graphlib';
import { invokesFunction, type EdgeData, type FunctionInfo, type StepNode } from '../../src/ir/types.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { monteCarloEstimateFn } from '../../src/sim/index.ts';
import { outOfSample } from '../helpers/out-of-sample.ts';

describe('dagc optimize (frontier search)', () => {
  it('costs at most 1.02 × the exhaustive optimum and is feasible whenever it is, on random small apps', () => {
    let compared = 0;
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 5, architectures: [['x86_64'], ['x86_64', 'arm64']] }), fc.double({ min: 0.2, max: 1.5, noNaN: true }), (instance, sloScale) => {
        const estimate = closedFormEstimator(instance.profiles);
        // The optimum is taken over the DAG Step Functions will run, the one dagc must emit.
        const emitted = toSeriesParallel(instance.ir).ir;
        const fastest = userMax({ ...instance, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment;
        const slo: Slo = { percentile: 'p95', latencyMs: estimate(emitted, fastest).latencyMs.p95 / sloScale };
        const optimum = exhaustive()({ ...instance, ir: emitted, slo, estimate });
        const optimumSummary = estimate(emitted, optimum.deployment);
        const optimumMeets = optimumSummary.latencyMs.p95 <= slo.latencyMs;
        const result = optimize(instance.ir, instance.profiles, { slo, estimate, verifyBetweenPasses: true });
        assert.deepEqual(verify(result.ir), []);
        if (!optimumMeets) return;
        compared += 1;
        assert.ok(result.meetsSlo, 'infeasible where exhaustive found a plan');
        assert.ok(result.summary.costUsd <= optimumSummary.costUsd * 1.02 + 1e-15, `dagc ${result.summary.costUsd} vs optimum ${optimumSummary.costUsd}`);
      }),
      { numRuns: 120, seed: 101 },
    );
    assert.ok(compared > 50, `only ${compared} feasible instances compared`);
  });

  it('stays within 1.02 × the exhaustive optimum under the Monte Carlo estimator, whose percentiles are not sums, judged out of sample', () => {
    let compared = 0;
    const ratios: number[] = [];
    const search = { samples: 300, seed: 7 };
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 4, architectures: [['x86_64'], ['x86_64', 'arm64']] }), fc.double({ min: 0.3, max: 1.2, noNaN: true }), (instance, sloScale) => {
        for (const p of instance.profiles.values()) for (const arch of Object.values(p.architectures)) arch!.model!.sigma = 0.25;
        const estimate = monteCarloEstimateFn(instance.profiles, search);
        const emitted = toSeriesParallel(instance.ir).ir;
        const fastest = userMax({ ...instance, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment;
        const slo: Slo = { percentile: 'p95', latencyMs: estimate(emitted, fastest).latencyMs.p95 / sloScale };
        const optimum = exhaustive()({ ...instance, ir: emitted, slo, estimate });
        const optimumSummary = estimate(emitted, optimum.deployment);
        const result = optimize(instance.ir, instance.profiles, { slo, estimate });
        if (optimumSummary.latencyMs.p95 > slo.latencyMs) return;
        compared += 1;
        // The search: on the draws both searched with, dagc finds a plan wherever exhaustive does.
        assert.ok(result.meetsSlo, 'infeasible where exhaustive found a plan');
        // The verdicts, on independent draws: dagc's plan meets (within the Monte Carlo error) and costs ≤ 1.02 × the optimum's.
        const dagcOut = outOfSample(result.ir, result.deployment, instance.profiles, slo, search);
        const optimumOut = outOfSample(emitted, optimum.deployment, instance.profiles, slo, search);
        assert.ok(dagcOut.consistentWithMeeting, `dagc's plan misses out of sample: p95 ${dagcOut.latencyMs} (${dagcOut.intervalMs.lowMs}–${dagcOut.intervalMs.highMs}) vs SLO ${slo.latencyMs}`);
        ratios.push(dagcOut.costUsd / optimumOut.costUsd);
        assert.ok(dagcOut.costUsd <= optimumOut.costUsd * 1.02, `dagc ${dagcOut.costUsd} vs optimum ${optimumOut.costUsd} out of sample`);
      }),
      { numRuns: 12, seed: 11 },
    );
    assert.ok(compared >= 4, `only ${compared} feasible instances compared`);
  });

  it('gives each shared function one configuration and stays within 1.02 × the exhaustive optimum when functions run in several steps', () => {
    let compared = 0;
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 7, architectures: [['x86_64'], ['x86_64', 'arm64']] }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.3, max: 1.3, noNaN: true }), (base, k, sloScale) => {
        const instance = shareFunctions(base, k);
        const estimate = closedFormEstimator(instance.profiles);
        const emitted = toSeriesParallel(instance.ir).ir;
        const fastest = userMax({ ...instance, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment;
        const slo: Slo = { percentile: 'p95', latencyMs: estimate(emitted, fastest).latencyMs.p95 / sloScale };
        const optimumSummary = estimate(emitted, exhaustive()({ ...instance, ir: emitted, slo, estimate }).deployment);
        const result = optimize(instance.ir, instance.profiles, { slo, estimate });
        assert.deepEqual(Object.keys(result.deployment.functions).sort(), [...instance.ir.functions.keys()].sort());
        if (optimumSummary.latencyMs.p95 > slo.latencyMs) return;
        compared += 1;
        assert.ok(result.meetsSlo, 'infeasible where exhaustive found a plan');
        assert.ok(result.summary.costUsd <= optimumSummary.costUsd * 1.02 + 1e-15, `dagc ${result.summary.costUsd} vs optimum ${optimumSummary.costUsd}`);
      }),
      { numRuns: 60, seed: 23 },
    );
    assert.ok(compared > 20, `only ${compared} feasible instances compared`);
  });

  it('gives a function that runs in several steps one configuration that serves all of them', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { functionName: 'shared' }, c: { functionName: 'shared' } });
    ir.functions.set('shared', functionInfo('shared'));
    const profiles = new Map([
      ['shared', profileOf('shared', { x86_64: { serialMs: 50, parallelMs: 800, maxUsefulVcpu: 2, footprintMb: 60 } })],
      ['b', profileOf('b', { x86_64: { serialMs: 20, parallelMs: 300, maxUsefulVcpu: 1, footprintMb: 60 } })],
    ]);
    const estimate = closedFormEstimator(profiles);
    const slo: Slo = { percentile: 'p95', latencyMs: 1500 };
    const result = optimize(ir, profiles, { slo, estimate });
    const optimum = exhaustive()({ ir, profiles, slo, estimate });
    assert.ok(result.meetsSlo);
    assert.ok(result.summary.costUsd <= estimate(ir, optimum.deployment).costUsd * 1.02);
  });

  it('reports the fastest plan when no plan meets the SLO', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 500, parallelMs: 500, maxUsefulVcpu: 1, footprintMb: 60 } })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 100 }, estimate: closedFormEstimator(profiles) });
    assert.equal(result.meetsSlo, false);
    assert.ok(result.fastest);
    assert.ok(result.fastest.summary.latencyMs.p95 >= 500);
  });

  it('is deterministic: the same inputs give the same deployment and log', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const curve = (s: number) => ({ serialMs: s, parallelMs: 10 * s, maxUsefulVcpu: 2, footprintMb: 80 });
    const profiles = new Map(['a', 'b', 'c', 'd'].map((f, i) => [f, profileOf(f, { x86_64: curve(20 + 15 * i) })]));
    const run = () => JSON.stringify(optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 1500 }, estimate: closedFormEstimator(profiles) }));
    assert.equal(run(), run());
  });
});

/** The same app with k functions, step i running function f(i mod k) — the shape of tree reductions and tiled kernels. */
function shareFunctions(instance: Instance, k: number): Instance {
  const steps = [...instance.ir.graph.nodes()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  for (const step of steps) graph.setNode(step, instance.ir.graph.node(step));
  for (const e of instance.ir.graph.edges()) graph.setEdge(e.v, e.w, instance.ir.graph.edge(e));
  const ir: Instance['ir'] = { ...instance.ir, functions: new Map<string, FunctionInfo>(), graph };
  const profiles = new Map<string, FunctionProfile>();
  steps.forEach((step, i) => {
    const fn = `f${i % k}`;
    const node = ir.graph.node(step);
    if (invokesFunction(node)) ir.graph.setNode(step, { ...node, functionName: fn });
    if (!ir.functions.has(fn)) {
      ir.functions.set(fn, { ...instance.ir.functions.get(step)!, name: fn });
      profiles.set(fn, { ...instance.profiles.get(step)!, function: fn });
    }
  });
  return { ir, profiles };
}
