import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exhaustive } from '../../../src/baselines/exhaustive.ts';
import { userMax } from '../../../src/baselines/user-max.ts';
import type { Slo } from '../../../src/ir/types.ts';
import { verify } from '../../../src/ir/verify.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import { dagc, optimize } from '../../../src/passes/optimize.ts';
import { DagcUserError } from '../../../src/diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../../../src/diagnostics/model.ts';
import { closedFormEstimator, TEST_PRICE_PER_GB_SECOND_USD } from '../../helpers/closed-form-estimator.ts';
import { functionInfo, irOf } from '../../helpers/ir-builder.ts';
import { profileOf } from '../../helpers/profile-builder.ts';
import { instanceArbitrary, type Instance } from '../../helpers/random-instance.ts';
import { Graph } from '@dagrejs/graphlib';
import { invokesFunction, type EdgeData, type FunctionInfo, type StepNode } from '../../../src/ir/types.ts';
import type { FunctionProfile } from '../../../src/model/profile-types.ts';
import { monteCarloEstimateFn } from '../../../src/sim/index.ts';
import { outOfSample } from '../../helpers/out-of-sample.ts';

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

describe('dagc optimize: what the result and the summary entry say', () => {
  // Every step takes its fitted median (closed form); cost = GB-s × TEST_PRICE_PER_GB_SECOND_USD × how often it runs.
  const curve = { serialMs: 100, parallelMs: 900, maxUsefulVcpu: 2, footprintMb: 60 };
  const medianMs = (memoryMb: number) => 100 + 900 / Math.min(memoryMb / 1769, 2);
  const costUsd = (memoryMb: number) => (memoryMb / 1024) * (medianMs(memoryMb) / 1000) * TEST_PRICE_PER_GB_SECOND_USD.x86_64;

  it('logs a met SLO with the plan and today\'s numbers and the estimates spent, and reports each function alone, weighted by how often it runs', () => {
    // gate chooses b (p 0.25) or c (p 0.75); both run f; a runs before.
    const ir = irOf({ a: [], gate: ['a'], b: ['gate'], c: ['gate'] }, { gate: { choice: { b: 0.25, c: 0.75 } }, b: { functionName: 'f' }, c: { functionName: 'f' } });
    const profiles = new Map([['a', profileOf('a', { x86_64: curve })], ['f', profileOf('f', { x86_64: curve })]]);
    const estimate = closedFormEstimator(profiles);
    let prepared: unknown;
    const slo: Slo = { percentile: 'p95', latencyMs: 3000 };
    const result = optimize(ir, profiles, { slo, estimate: Object.assign((i: Parameters<typeof estimate>[0], d: Parameters<typeof estimate>[1]) => estimate(i, d), { calibration: estimate.calibration, prepare: (i: unknown) => (prepared = i) }) });
    assert.equal(prepared, ir, 'the estimator was told the workflow first');
    assert.equal(result.strategy, 'dagc');
    assert.equal(result.meetsSlo, true);
    assert.equal(result.fastest, undefined);
    assert.deepEqual(result.frontier, [], 'no frontier table unless asked for');
    assert.deepEqual(result.joins, []);
    const summary = result.decisions.at(-1)!;
    assert.equal(summary.pass, 'summary');
    assert.equal(summary.kind, 'passed');
    assert.equal(summary.chosen, 'plan meets p95 ≤ 3000 ms');
    assert.equal(summary.numbers.latencyMs, Number(result.summary.latencyMs.p95.toPrecision(10)));
    assert.equal(summary.numbers.todayLatencyMs, Number(result.today.summary!.latencyMs.p95.toPrecision(10)));
    assert.equal(summary.numbers.todayCostUsd, Number(result.today.summary!.costUsd.toPrecision(10)));
    assert.equal(summary.numbers.estimates, result.estimates);
    // Today: 1024 MB. f's cost: its steps weighted 0.25 and 0.75 = once per execution; its latency its slowest step.
    const today = result.functions['f']!.today!;
    assert.ok(Math.abs(today.latencyMs - medianMs(1024)) < 1e-6, `${today.latencyMs}`);
    assert.ok(Math.abs(today.costUsd - costUsd(1024)) < 1e-15, `${today.costUsd} vs ${costUsd(1024)}`);
    const chosenMb = result.deployment.functions['a']!.memoryMb;
    assert.ok(Math.abs(result.functions['a']!.chosen.costUsd - costUsd(chosenMb)) < 1e-15);
    assert.deepEqual(Object.keys(result.functions), ['a', 'f']);
  });

  it('leaves today out when asked to, and says so nowhere', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: curve })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 3000 }, estimate: closedFormEstimator(profiles), estimateToday: false });
    assert.equal(result.today.summary, undefined);
    assert.equal(result.today.problem, undefined);
    assert.deepEqual(Object.keys(result.decisions.at(-1)!.numbers).sort(), ['costUsd', 'estimates', 'latencyMs']);
  });

  it("reports today's deployment as a problem, not an error, when it cannot run (below the footprint), and omits its per-function numbers", () => {
    const ir = irOf({ a: [] });
    ir.functions.set('a', { ...ir.functions.get('a')!, memoryMb: 128 });
    const profiles = new Map([['a', profileOf('a', { x86_64: { ...curve, footprintMb: 600 } })]]);
    const closed = closedFormEstimator(profiles);
    // Like the Monte Carlo estimator: a function below its footprint cannot be estimated.
    const estimate = Object.assign(
      (i: Parameters<typeof closed>[0], d: Parameters<typeof closed>[1]) => {
        for (const [fn, c] of Object.entries(d.functions)) if (c.memoryMb < 600) throw new DagcUserError([modelDiagnostics.memoryBelowFootprint(fn, c.memoryMb, 600)]);
        return closed(i, d);
      },
      { calibration: closed.calibration },
    );
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 3000 }, estimate });
    assert.equal(result.today.problem!.code, 'DAGC0103');
    assert.equal(result.today.summary, undefined);
    const missed = result.decisions.find((d) => d.pass === 'summary' && d.kind === 'missed')!;
    assert.equal(missed.chosen, `today's deployment cannot be estimated: ${result.today.problem!.message}`);
    assert.equal(result.functions['a']!.today, undefined);
    assert.ok(result.functions['a']!.chosen.latencyMs > 0);
    // Any other error is not swallowed.
    const broken = Object.assign(() => {
      throw new Error('estimator bug');
    }, { calibration: closed.calibration });
    assert.throws(() => optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 3000 }, estimate: broken }), /estimator bug/);
  });

  it('logs a missed SLO and keeps the fastest plan it found', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map([['a', profileOf('a', { x86_64: curve })], ['b', profileOf('b', { x86_64: curve })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 500 }, estimate: closedFormEstimator(profiles) });
    assert.equal(result.meetsSlo, false);
    assert.equal(result.decisions.at(-1)!.kind, 'missed');
    assert.equal(result.decisions.at(-1)!.chosen, 'no plan meets p95 ≤ 500 ms');
    // The fastest: both at 2 vCPU or more (≥ 3538 MB), 2 × (100 + 450) ms.
    assert.ok(result.fastest);
    assert.ok(Math.abs(result.fastest.summary.latencyMs.p95 - 1100) < 1e-6, `${result.fastest.summary.latencyMs.p95}`);
    assert.ok(result.fastest.summary.latencyMs.p95 <= result.summary.latencyMs.p95);
  });

  it('estimates frontier points when asked for, the chosen plan among them', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map([['a', profileOf('a', { x86_64: curve })], ['b', profileOf('b', { x86_64: curve })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 2000 }, estimate: closedFormEstimator(profiles), frontierPoints: 4 });
    assert.ok(result.frontier.length >= 2, JSON.stringify(result.frontier));
    assert.equal(result.frontier.filter((r) => r.chosen).length, 1);
    for (let i = 1; i < result.frontier.length; i += 1) assert.ok(result.frontier[i]!.latencyMs >= result.frontier[i - 1]!.latencyMs);
  });

  it("runs a baseline by name in place of dagc's sizing, and refuses an unknown one", () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: curve })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 3000 }, estimate: closedFormEstimator(profiles), strategy: 'user-max' });
    assert.equal(result.strategy, 'user-max');
    assert.equal(result.deployment.functions['a']!.memoryMb, 10240);
    assert.ok(!result.decisions.some((d) => d.pass === 'memory-sizing'));
    assert.throws(() => optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 3000 }, estimate: closedFormEstimator(profiles), strategy: 'no-such' }), (e: { diagnostics?: unknown[] }) => Array.isArray(e.diagnostics));
  });

  it('is a Strategy for the benches: the deployment and decisions of optimize, under the name dagc', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: curve })]]);
    const slo: Slo = { percentile: 'p95', latencyMs: 3000 };
    const estimate = closedFormEstimator(profiles);
    const viaStrategy = dagc({ ir, profiles, slo, estimate });
    const direct = optimize(ir, profiles, { slo, estimate, estimateToday: false });
    assert.equal(viaStrategy.strategy, 'dagc');
    assert.deepEqual(viaStrategy.deployment, direct.deployment);
    assert.deepEqual(viaStrategy.decisions, direct.decisions);
  });
});
