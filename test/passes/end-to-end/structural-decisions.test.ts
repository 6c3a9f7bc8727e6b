// The structural decisions under test: every emitted plan obeys the platform
// limits (memory, payloads, Express duration, Standard history, fused
// durations), fusion keeps every function and every order constraint,
// Express is never chosen with a .sync step or a pessimistic duration past
// 5 minutes, and the orchestration decision can be re-derived from the
// numbers in its log entry.
import { constantCalibration } from '../../helpers/constant-calibration.ts';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { edgeKey, type Deployment } from '../../../src/ir/deployment.ts';
import { topologicalOrder } from '../../../src/ir/topological-order.ts';
import { invokesFunction, type IR } from '../../../src/ir/types.ts';
import { maxWidth } from '../../../src/ir/width.ts';
import { loadApp } from '../../../src/ir/load-app.ts';
import { durationModel } from '../../../src/model/duration-model.ts';
import { LAMBDA_LIMITS, STEP_FUNCTIONS_LIMITS } from '../../../src/model/platform.ts';
import { readProfiles } from '../../../src/model/profile.ts';
import type { FunctionProfile } from '../../../src/model/profile-types.ts';
import { worstCaseBytes } from '../../../src/passes/data-passing.ts';
import { optimize } from '../../../src/passes/optimize.ts';
import { EXHAUSTIVE_STRUCTURAL } from '../../../src/baselines/exhaustive-structural.ts';
import { searchEstimateFn } from '../../../src/cli/plan-app.ts';
import { estimate, monteCarloEstimateFn } from '../../../src/sim/estimate.ts';
import { outOfSample } from '../../helpers/out-of-sample.ts';
import { fusedView } from '../../../src/sim/fused-view.ts';
import { exactProfile, deployAt } from '../../helpers/exact-profile.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { profileOf } from '../../helpers/profile-builder.ts';
import { instanceArbitrary } from '../../helpers/random-instance.ts';

/** Every limit a plan must keep; returns the broken ones. */
function limitProblems(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, maxLatencyMs: number): string[] {
  const problems: string[] = [];
  for (const [fn, config] of Object.entries(deployment.functions)) {
    if (config.memoryMb < LAMBDA_LIMITS.minMemoryMb || config.memoryMb > LAMBDA_LIMITS.maxMemoryMb) problems.push(`${fn} memory ${config.memoryMb}`);
  }
  if (deployment.orchestration === 'express' && maxLatencyMs > STEP_FUNCTIONS_LIMITS.expressMaxDurationMs) problems.push(`express for ${maxLatencyMs} ms`);
  const groupOf = new Map<string, string>();
  for (const [id, group] of Object.entries(deployment.groups ?? {})) {
    if (group.memoryMb < LAMBDA_LIMITS.minMemoryMb || group.memoryMb > LAMBDA_LIMITS.maxMemoryMb) problems.push(`group ${id} memory ${group.memoryMb}`);
    let pessimisticMs = 0;
    for (const step of group.steps) {
      if (groupOf.has(step)) problems.push(`${step} in two groups`);
      groupOf.set(step, id);
      const node = ir.graph.node(step);
      if (!invokesFunction(node)) problems.push(`group ${id} holds ${step}, which runs no function`);
      else pessimisticMs += durationModel(profiles.get(node.functionName)!, group.architecture)!.quantile(group.memoryMb, 0.99);
    }
    if (pessimisticMs > LAMBDA_LIMITS.maxTimeoutMs) problems.push(`group ${id} p99 ${pessimisticMs} ms`);
  }
  // Every receiving state's inline inputs fit one state payload; every edge has a mode; in-process only inside a group.
  const inline = new Map<string, number>();
  for (const { v, w } of ir.graph.edges()) {
    const mode = deployment.edges[edgeKey(v, w)];
    const state = groupOf.get(w) ?? w;
    if (!mode) problems.push(`edge ${v}->${w} has no mode`);
    if (mode === 'in-process' && (groupOf.get(v) === undefined || groupOf.get(v) !== groupOf.get(w))) problems.push(`edge ${v}->${w} in-process across Lambdas`);
    if (mode === 'inline') inline.set(state, (inline.get(state) ?? 0) + worstCaseBytes(ir, v, w));
  }
  for (const [state, bytes] of inline) if (bytes > STEP_FUNCTIONS_LIMITS.statePayloadBytes) problems.push(`state ${state} carries ${bytes} bytes inline`);
  for (const id of ir.graph.nodes()) {
    const node = ir.graph.node(id);
    if (node.kind !== 'map') continue;
    const inlineMap = deployment.steps[id]?.map?.mode !== 'distributed';
    if (deployment.orchestration === 'standard' && inlineMap && maxWidth(node.width) * 7 + 10 > STEP_FUNCTIONS_LIMITS.standardMaxHistoryEvents) problems.push(`inline map ${id} overflows Standard's history`);
  }
  return problems;
}

/** Fusion keeps the functions and the order: the contracted DAG is acyclic and every edge runs forward in it or inside one group in order. */
function fusionProblems(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>): string[] {
  const problems: string[] = [];
  const view = fusedView(ir, deployment, profiles);
  const order = topologicalOrder(view.ir);
  if (order.length !== view.ir.graph.nodeCount()) problems.push('the fused DAG has a cycle');
  const position = new Map(order.map((id, i) => [id, i]));
  const groupOf = new Map<string, string>();
  for (const [id, group] of Object.entries(deployment.groups ?? {})) group.steps.forEach((s) => groupOf.set(s, id));
  for (const { v, w } of ir.graph.edges()) {
    const gv = groupOf.get(v) ?? v;
    const gw = groupOf.get(w) ?? w;
    if (gv === gw) {
      const steps = deployment.groups![gv]!.steps;
      if (steps.indexOf(v) >= steps.indexOf(w)) problems.push(`${v} runs after ${w} inside ${gv}`);
    } else if (!(position.get(gv)! < position.get(gw)!)) problems.push(`${gv} does not run before ${gw}`);
  }
  const before = [...ir.graph.nodes()].filter((id) => invokesFunction(ir.graph.node(id))).map((id) => (ir.graph.node(id) as { functionName: string }).functionName);
  const after = [...view.ir.graph.nodes()].flatMap((id) => (deployment.groups?.[id] ? deployment.groups[id]!.steps : [id])).map((id) => ir.graph.node(id)).filter(invokesFunction).map((n) => n.functionName);
  if (before.sort().join() !== after.sort().join()) problems.push('fusion changed which functions run');
  return problems;
}

describe('structural decisions', function () {
  this.timeout(300_000);

  it('emits plans that keep every platform limit and keep every function and order constraint through fusion (random apps and SLOs)', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 5 }), fc.double({ min: 1.05, max: 3, noNaN: true }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 5, maxLength: 5 }), ({ ir, profiles }, sloFactor, outputsKb) => {
        // Outputs of up to 300 KB a step (per item for a map): some states must go through S3.
        [...ir.graph.nodes()].sort().forEach((id, i) => (ir.graph.node(id).outputBytes = outputsKb[i % outputsKb.length]! * 1024));
        for (const { v, w } of ir.graph.edges()) {
          const from = ir.graph.node(v);
          ir.graph.setEdge(v, w, { bytes: from.outputBytes * (from.kind === 'map' ? maxWidth(from.width) : 1) });
        }
        const estimateFn = monteCarloEstimateFn(profiles, { samples: 200, seed: 3 });
        const fastest = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 1 }, estimate: estimateFn, estimateToday: false });
        const slo = { percentile: 'p95' as const, latencyMs: fastest.summary.latencyMs.p95 * sloFactor };
        const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false });
        assert.deepEqual(limitProblems(result.ir, result.deployment, profiles, result.summary.latencyMs.max), []);
        assert.deepEqual(fusionProblems(result.ir, result.deployment, profiles), []);
      }),
      { seed: 21, numRuns: 12 },
    );
  });

  it('never chooses Express for a workflow with a Batch (.sync) step, and says why', () => {
    const { ir } = loadApp('fixtures/gpu-inference/app.yaml');
    const { profiles } = readProfiles(ir);
    const result = optimize(ir, profiles, { slo: ir.slo!, estimate: monteCarloEstimateFn(profiles, { samples: 300, seed: 1 }), estimateToday: false });
    assert.equal(result.deployment.orchestration, 'standard');
    assert.ok(result.deployment.functions['infer']!.batch, 'the GPU function is a Batch job');
    const decision = result.decisions.find((d) => d.pass === 'orchestration')!;
    assert.ok(decision.rejected.some((r) => r.option === 'express' && /submitJob\.sync/.test(r.reason)));
  });

  it('never chooses Express when the slowest execution passes 5 minutes, even where it would be cheaper', () => {
    // 400 items of 60–90 s, at most 40 at a time (the spec's MaxConcurrency): ten waves, over 10 minutes.
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 400 } } });
    (ir.graph.node('m') as { maxConcurrency: number }).maxConcurrency = 40;
    const profiles = new Map([['m', exactProfile('m', (p) => 60_000 + 30_000 * p, { memoryMb: 1024, count: 200 })]]);
    ir.functions.set('m', { ...ir.functions.get('m')!, minMemoryMb: 1024, maxMemoryMb: 1024 });
    const slo = { percentile: 'p95' as const, latencyMs: 3_600_000 };
    const result = optimize(ir, profiles, { slo, estimate: monteCarloEstimateFn(profiles, { samples: 300, seed: 1 }), estimateToday: false });
    assert.ok(result.summary.latencyMs.max > STEP_FUNCTIONS_LIMITS.expressMaxDurationMs, JSON.stringify(result.summary.latencyMs));
    assert.equal(result.deployment.orchestration, 'standard');
    const decision = result.decisions.find((d) => d.pass === 'orchestration')!;
    assert.ok(decision.rejected.some((r) => /^express\b/.test(r.option) && /5-minute/.test(r.reason)), JSON.stringify(decision));
    // Under Express the same plan would have cost less (400 transitions against one execution's duration): the limit, not the price, decided.
    const express = estimate(result.ir, { ...result.deployment, orchestration: 'express' }, profiles, { samples: 300, seed: 1 });
    assert.ok(express.costUsd < result.summary.costUsd, `${express.costUsd} vs ${result.summary.costUsd}`);
  });

  it('keeps the cheaper orchestration, as the numbers in its log entry show', () => {
    const { ir } = loadApp('fixtures/video/app.yaml');
    const { profiles } = readProfiles(ir);
    const result = optimize(ir, profiles, { slo: ir.slo!, estimate: monteCarloEstimateFn(profiles, { samples: 500, seed: 1 }), estimateToday: false });
    const decision = result.decisions.find((d) => d.pass === 'orchestration')!;
    assert.equal(decision.chosen.split(' ')[0], result.deployment.orchestration);
    for (const r of decision.rejected) if (r.reason === 'dearer at the SLO') assert.ok(r.numbers!['costUsd']! >= decision.numbers['costUsd']!, JSON.stringify(r));
    if (result.deployment.orchestration === 'express') assert.match(decision.chosen, /idempotent/);
  });

  it('refuses a function that cannot finish within 900 s at any memory, saying what to do', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', exactProfile('a', () => 2_000_000, { memoryMb: 1024, count: 20 })]]);
    assert.throws(
      () => optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 3_000_000 }, estimate: monteCarloEstimateFn(profiles, { samples: 100, seed: 1 }), estimateToday: false }),
      (error: Error & { diagnostics?: Array<{ code: string; hint?: string }> }) => error.diagnostics?.[0]?.code === 'DAGC0350' && /split it/.test(error.diagnostics[0].hint ?? ''),
    );
  });

  it('makes bundles of a map pay at some bundle sizes and cost latency at others (a U over b, WiseFuse)', () => {
    // 64 items of 50 ms at 1 vCPU per invocation, cold starts rare; more items per invocation stack up in the makespan.
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 64 } } });
    const profiles = new Map([['m', exactProfile('m', (p) => 40 + 20 * p, { memoryMb: 1769, count: 200, initDurationsMs: Array(8).fill(400) })]]);
    // A constant 25 ms dispatch: the U comes from makespans against cold starts, not from how many waves dispatch.
    const calibration = constantCalibration({ taskMs: 25 });
    const p95 = (b: number) => estimate(ir, { ...deployAt(ir, 1769), steps: { m: { bundleSize: b } } }, profiles, { samples: 400, seed: 1, executionsPerHour: 12, calibration }).latencyMs.p95;
    const sizes = [1, 2, 4, 8, 16, 32].map((b) => ({ b, p95: p95(b) }));
    const best = sizes.reduce((a, c) => (c.p95 < a.p95 ? c : a));
    assert.ok(best.b > 1 && best.b < 32, `the p95 is lowest inside the range: ${JSON.stringify(sizes)}`);
  });
});

describe('structural decisions: fusion and prewarming chosen when they pay', function () {
  this.timeout(120_000);

  it('fuses a chain when the transitions it removes are what the SLO needs, and explain says what it saved', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const quick = (fn: string) => exactProfile(fn, (p) => 9 + 2 * p, { memoryMb: 1024, count: 200 });
    const profiles = new Map([['a', quick('a')], ['b', quick('b')], ['c', quick('c')]]);
    for (const fn of ['a', 'b', 'c']) ir.functions.set(fn, { ...ir.functions.get(fn)!, minMemoryMb: 1024, maxMemoryMb: 1024 });
    // Apart: three Task dispatches (the shipped calibration: mean 154 ms each, p95 of the three ~690 ms) and three
    // ~10 ms handlers; fused: one dispatch (p95 ~280 ms) and the same work.
    const slo = { percentile: 'p95' as const, latencyMs: 450 };
    const search = { samples: 500, seed: 1, executionsPerHour: 1e9 };
    const estimateFn = monteCarloEstimateFn(profiles, search);
    const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false });
    assert.ok(result.meetsSlo, JSON.stringify(result.summary.latencyMs));
    assert.ok(outOfSample(result.ir, result.deployment, profiles, slo, search).meets, 'the fused plan meets on independent draws too');
    const groups = Object.values(result.deployment.groups ?? {});
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.steps, ['a', 'b', 'c']);
    assert.equal(result.deployment.edges[edgeKey('a', 'b')], 'in-process');
    const logged = result.decisions.find((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('fused a + b + c'));
    assert.ok(logged, 'explain shows the fusion');
    assert.equal(logged.numbers['transitionsRemoved'], 2);
    assert.ok(logged.numbers['fusedLatencyMs']! < logged.numbers['apartLatencyMs']!);
    // Without fusion no plan meets this SLO.
    const apart = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: { orchestration: true, fusion: false, bundling: true, distributedMaps: true, prewarm: true } });
    assert.equal(apart.meetsSlo, false);
  });

  it('fuses the branches of a Parallel state into one Lambda when the transitions and requests it removes pay, judged with the branches sharing its vCPUs', () => {
    // a; (b | c | d); e under Standard, every step a ~10 ms handler at 1,024 MB (below one vCPU: fused branches run one
    // after another, so the fused step takes their sum, not their max). Fusing the branches removes two transitions and
    // two requests per execution for the same GB-seconds; a loose SLO leaves room for the slower fused step.
    // a and e may only take 2,048 MB, which the branches cannot: no part through the Parallel state has a configuration
    // all its members can take, so what is fused, if anything, is the Parallel state alone.
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['a'], e: ['b', 'c', 'd'] });
    const quick = (fn: string) => exactProfile(fn, (p) => 9 + 2 * p, { memoryMb: 1024, count: 200 });
    const profiles = new Map(['a', 'b', 'c', 'd', 'e'].map((fn) => [fn, quick(fn)]));
    for (const fn of profiles.keys()) {
      const memoryMb = fn === 'a' || fn === 'e' ? 2048 : 1024;
      ir.functions.set(fn, { ...ir.functions.get(fn)!, minMemoryMb: memoryMb, maxMemoryMb: memoryMb });
    }
    const slo = { percentile: 'p95' as const, latencyMs: 5000 };
    const search = { samples: 500, seed: 1, executionsPerHour: 1e9 };
    const estimateFn = monteCarloEstimateFn(profiles, search);
    const standardOnly = { orchestration: false, fusion: true, bundling: true, distributedMaps: true, prewarm: true };
    const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: standardOnly });
    assert.equal(result.deployment.orchestration, 'standard');
    assert.ok(result.meetsSlo, JSON.stringify(result.summary.latencyMs));
    const groups = Object.values(result.deployment.groups ?? {});
    assert.equal(groups.length, 1, JSON.stringify(result.deployment.groups));
    assert.deepEqual([...groups[0]!.steps].sort(), ['b', 'c', 'd']);
    // No edge inside the group (its members are branches) and none across it is made in-process.
    for (const { v, w } of result.ir.graph.edges()) assert.notEqual(result.deployment.edges[edgeKey(v, w)], 'in-process', `${v}->${w}`);
    assert.deepEqual(limitProblems(result.ir, result.deployment, profiles, result.summary.latencyMs.max), []);
    const logged = result.decisions.find((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('fused the parallel branches'));
    assert.ok(logged, 'explain shows the fusion of the branches');
    assert.equal(logged.numbers['transitionsRemoved'], 2);
    // Sharing one environment's vCPU, the fused branches take longer than the slowest branch apart.
    assert.ok(logged.numbers['fusedLatencyMs']! > logged.numbers['apartLatencyMs']!, JSON.stringify(logged.numbers));
    // Without fusion the same search pays the two transitions and requests: dearer by about that (Standard: $25 per
    // million transitions, Lambda $0.20 per million requests).
    const apart = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: { ...standardOnly, fusion: false } });
    const savedUsd = apart.summary.costUsd - result.summary.costUsd;
    assert.ok(savedUsd > 0.9 * 2 * (0.000025 + 0.0000002), `saved ${savedUsd}`);
  });

  it('fuses a fan-in (a | b); c into one Lambda when the S3 hops it keeps in memory pay, and explain shows the part against its longest path apart', () => {
    // a and b each hand c 200 KB: together over the 256 KB state payload, so apart one of them goes through S3 (a PUT, a GET,
    // their transfer). Fused, both stay in the Lambda's memory. Every step a ~10 ms handler at 1,024 MB, a loose SLO.
    const ir = irOf({ a: [], b: [], c: ['a', 'b'] }, { a: { outputBytes: 200 * 1024 }, b: { outputBytes: 200 * 1024 } });
    const quick = (fn: string) => exactProfile(fn, (p) => 9 + 2 * p, { memoryMb: 1024, count: 200 });
    const profiles = new Map(['a', 'b', 'c'].map((fn) => [fn, quick(fn)]));
    for (const fn of profiles.keys()) ir.functions.set(fn, { ...ir.functions.get(fn)!, minMemoryMb: 1024, maxMemoryMb: 1024 });
    const slo = { percentile: 'p95' as const, latencyMs: 5000 };
    const estimateFn = monteCarloEstimateFn(profiles, { samples: 500, seed: 1, executionsPerHour: 1e9 });
    const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false });
    assert.ok(result.meetsSlo, JSON.stringify(result.summary.latencyMs));
    const groups = Object.values(result.deployment.groups ?? {});
    assert.equal(groups.length, 1, JSON.stringify(result.deployment.groups));
    assert.deepEqual(groups[0]!.steps, ['a', 'b', 'c']);
    assert.equal(result.deployment.edges[edgeKey('a', 'c')], 'in-process');
    assert.equal(result.deployment.edges[edgeKey('b', 'c')], 'in-process');
    assert.equal(result.summary.breakdown.s3Usd, 0);
    assert.deepEqual(limitProblems(result.ir, result.deployment, profiles, result.summary.latencyMs.max), []);
    assert.deepEqual(fusionProblems(result.ir, result.deployment, profiles), []);
    const logged = result.decisions.find((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('fused (a | b); c into one Lambda'));
    assert.ok(logged, JSON.stringify(result.decisions.map((d) => d.chosen)));
    assert.equal(logged.numbers['transitionsRemoved'], 2);
    assert.ok(logged.numbers['apartLatencyMs']! > 0 && logged.numbers['fusedLatencyMs']! > 0, JSON.stringify(logged.numbers));
    // Without fusion the same search pays the S3 hop: the plan is dearer.
    const apart = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: { orchestration: true, fusion: false, bundling: true, distributedMaps: true, prewarm: true } });
    assert.ok(apart.summary.breakdown.s3Usd > 0, JSON.stringify(apart.summary.breakdown));
    assert.ok(apart.summary.costUsd > result.summary.costUsd, `${apart.summary.costUsd} vs ${result.summary.costUsd}`);
  });

  it("prices a fused Parallel state with the S3 hop its branches' merged inputs force, so a cheaper fusion elsewhere is not crowded out", () => {
    // x hands a and b 200 KB each: apart, two states of 200 KB; fused, one state of 400 KB, over the 256 KB payload, so an S3
    // hop. Priced without that hop the fused (a | b) looked cheaper than apart, filled the frontier, and the search kept the
    // plan with nothing fused ($4.05 per 1M) over fusing y; p; q ($3.35). a and b take 1,024 MB, y, p and q 512 MB.
    const ir = irOf({ x: [], a: ['x'], b: ['x'], y: ['a', 'b'], p: ['y'], q: ['p'] }, { x: { outputBytes: 200 * 1024 } });
    const memoryOf = (fn: string) => (fn === 'x' ? 2048 : fn === 'a' || fn === 'b' ? 1024 : 512);
    const profiles = new Map([...ir.functions.keys()].map((fn) => [fn, exactProfile(fn, (p) => 9 + 2 * p, { memoryMb: 1024, count: 200 })]));
    for (const fn of profiles.keys()) ir.functions.set(fn, { ...ir.functions.get(fn)!, minMemoryMb: memoryOf(fn), maxMemoryMb: memoryOf(fn) });
    const estimateFn = monteCarloEstimateFn(profiles, { samples: 300, seed: 1, executionsPerHour: 1e9 });
    const slo = { percentile: 'p95' as const, latencyMs: 5000 };
    const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false });
    const groups = Object.values(result.deployment.groups ?? {}).map((g) => g.steps);
    assert.ok(!groups.some((steps) => steps.includes('a') && steps.includes('b')), JSON.stringify(groups));
    assert.equal(result.summary.breakdown.s3Usd, 0);
    const unfused = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: { orchestration: true, fusion: false, bundling: true, distributedMaps: true, prewarm: true } });
    assert.ok(result.summary.costUsd < unfused.summary.costUsd, `fused ${result.summary.costUsd} vs unfused ${unfused.summary.costUsd}`);
  });

  it('never fuses across a restructured workflow\'s join: a part holding steps of two stages would hold the join between them', () => {
    // An N (a → c, a → d, b → d) is staged: (a | b) → join → (c | d). A run through both stages would enclose the join.
    const ir = irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'] });
    const quick = (fn: string) => exactProfile(fn, (p) => 9 + 2 * p, { memoryMb: 1024, count: 200 });
    const profiles = new Map(['a', 'b', 'c', 'd'].map((fn) => [fn, quick(fn)]));
    for (const fn of profiles.keys()) ir.functions.set(fn, { ...ir.functions.get(fn)!, minMemoryMb: 1024, maxMemoryMb: 1024 });
    const estimateFn = monteCarloEstimateFn(profiles, { samples: 500, seed: 1, executionsPerHour: 1e9 });
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 5000 }, estimate: estimateFn, estimateToday: false });
    assert.ok(result.joins.length > 0);
    for (const group of Object.values(result.deployment.groups ?? {})) {
      const stages = new Set(group.steps.map((s) => (['a', 'b'].includes(s) ? 0 : 1)));
      assert.equal(stages.size, 1, `group ${group.steps.join(',')} spans the join`);
    }
    assert.deepEqual(fusionProblems(result.ir, result.deployment, profiles), []);
  });

  it('chooses warm-up pings with memory: a pinged small size beats the large size an unpinged cold start needs, though that plan meets too', () => {
    // a → b at one execution an hour (every environment idles out: both cold unless pinged). b is 400 ms serial + 600 ms
    // on one vCPU: a larger size shortens it (so an unpinged cold b needs one) but bills its serial part at more GB.
    // Cold handlers run ×3 their warm duration (first-call imports): what a ping saves is that excess and the Init —
    // a cold start in steady traffic is dispatched about as fast as a warm one (calibration.ts, isolatedColdTaskDispatch).
    const ir = irOf({ a: [], b: ['a'] });
    const measuredColdStarts = (profile: FunctionProfile) => {
      for (const m of profile.architectures.x86_64!.measurements) {
        m.initDurationsMs = Array(8).fill(50);
        m.coldDurationsMs = Array(8).fill(3 * m.warmDurationsMs[1]!);
      }
      return profile;
    };
    const profiles = new Map([
      ['a', measuredColdStarts(profileOf('a', { x86_64: { serialMs: 10, parallelMs: 0 } }))],
      ['b', measuredColdStarts(profileOf('b', { x86_64: { serialMs: 400, parallelMs: 600, maxUsefulVcpu: 1 } }))],
    ]);
    const slo = { percentile: 'p95' as const, latencyMs: 3600 };
    const search = { samples: 1000, seed: 1, executionsPerHour: 1 };
    const estimateFn = monteCarloEstimateFn(profiles, search);
    // Fusion off: fusing a and b would remove b's dispatch altogether, a different answer to the same cold start.
    const decisions = { orchestration: true, fusion: false, bundling: true, distributedMaps: true, prewarm: true };
    const joint = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions });
    const unwarmed = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: { ...decisions, prewarm: false } });
    // Without pings the search meets the SLO with a larger b, so prewarming after sizing would never have been tried.
    assert.ok(unwarmed.meetsSlo, JSON.stringify(unwarmed.summary.latencyMs));
    assert.ok(joint.meetsSlo, JSON.stringify(joint.summary.latencyMs));
    assert.equal(joint.deployment.steps['b']?.warmedBy, 'a');
    assert.ok(joint.deployment.functions['b']!.memoryMb < unwarmed.deployment.functions['b']!.memoryMb);
    assert.ok(joint.summary.costUsd < 0.95 * unwarmed.summary.costUsd, `${joint.summary.costUsd} vs ${unwarmed.summary.costUsd}`);
    assert.ok(outOfSample(joint.ir, joint.deployment, profiles, slo, search).meets, 'the pinged plan meets on independent draws too');
    const entry = joint.decisions.find((d) => d.pass === 'prewarm' && d.chosen.includes('chosen with memory'));
    assert.ok(entry, 'explain shows the pings and what they bought');
    // At the chosen sizes the plan without its pings misses: the pings are what make the small b meet.
    assert.ok(entry.numbers['withoutLatencyMs']! > slo.latencyMs, JSON.stringify(entry.numbers));
    assert.ok(entry.rejected.some((r) => r.option === 'provisioned concurrency' && r.numbers!['costUsd']! > 0));
  });

  it('counts the Express duration bill when it trades latency for compute: the plan is the cheapest in all, not in Lambda compute', () => {
    // One step, 100 ms serial + 1,000 ms on one vCPU. A smaller size bills less compute (the serial part at fewer GB)
    // but runs longer, and an Express execution bills its 64 MB for every second it runs.
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 100, parallelMs: 1000, maxUsefulVcpu: 1 } })]]);
    const slo = { percentile: 'p95' as const, latencyMs: 60_000 };
    const estimateFn = monteCarloEstimateFn(profiles, { samples: 500, seed: 1 });
    const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false });
    assert.equal(result.deployment.orchestration, 'express');
    // Brute force over the sizes the search had: every other one costs at least as much in the same estimate.
    const chosen = result.deployment.functions['a']!;
    for (const memoryMb of [128, 256, 512, 768, 1024, 1536, 1769, 2048, 3008]) {
      const other = estimateFn(result.ir, { ...result.deployment, functions: { a: { ...chosen, memoryMb } } });
      assert.ok(result.summary.costUsd <= other.costUsd * (1 + 1e-9), `${chosen.memoryMb} MB costs ${result.summary.costUsd}, ${memoryMb} MB ${other.costUsd}`);
    }
  });

  it('pings a later step warm when rare executions make its cold start miss the SLO, and logs what provisioned concurrency would cost', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const slowStart = (fn: string) => exactProfile(fn, (p) => 90 + 20 * p, { memoryMb: 1024, count: 200, initDurationsMs: Array(8).fill(1000) });
    const profiles = new Map([['a', slowStart('a')], ['b', slowStart('b')]]);
    for (const fn of ['a', 'b']) ir.functions.set(fn, { ...ir.functions.get(fn)!, minMemoryMb: 1024, maxMemoryMb: 1024 });
    // One execution an hour: every environment has idled out, so both steps start cold (a cold dispatch of ~0.8 s, 1 s
    // of init and the handler each: ~4 s); with b pinged, one cold step and one warm dispatch fit 3 s.
    const search = { samples: 500, seed: 1, executionsPerHour: 1 };
    const estimateFn = monteCarloEstimateFn(profiles, search);
    const slo = { percentile: 'p95' as const, latencyMs: 3000 };
    const result = optimize(ir, profiles, { slo, estimate: estimateFn, estimateToday: false, decisions: { orchestration: true, fusion: false, bundling: true, distributedMaps: true, prewarm: true } });
    assert.ok(result.meetsSlo, JSON.stringify(result.summary.latencyMs));
    assert.ok(outOfSample(result.ir, result.deployment, profiles, slo, search).meets, 'the warmed plan meets on independent draws too');
    assert.equal(result.deployment.steps['b']?.warmedBy, 'a');
    const decision = result.decisions.find((d) => d.pass === 'prewarm' && d.kind === 'passed')!;
    assert.match(decision.chosen, /warm-up pings/);
    const provisioned = decision.rejected.find((r) => r.option === 'provisioned concurrency')!;
    assert.ok(provisioned.numbers!['costUsd']! > decision.numbers['costUsd']!, 'provisioned concurrency for one execution an hour costs more than the ping');
  });
});

describe('structural decisions: very wide maps', function () {
  this.timeout(300_000);

  it('optimizes a workflow whose maps are a million items wide, in waves the platform allows', () => {
    const { ir } = loadApp('fixtures/video/app.yaml');
    const { profiles } = readProfiles(ir);
    for (const id of ir.graph.nodes()) {
      const node = ir.graph.node(id);
      if (node.kind === 'map') node.width = { kind: 'fixed', width: 1_000_000 };
    }
    const slo = { percentile: 'p95' as const, latencyMs: 3_600_000 };
    const search = { samples: 500, seed: 1 };
    const result = optimize(ir, profiles, { slo, estimate: monteCarloEstimateFn(profiles, search), estimateToday: false });
    assert.ok(result.meetsSlo, JSON.stringify(result.summary.latencyMs));
    assert.ok(outOfSample(result.ir, result.deployment, profiles, slo, search).meets, 'meets on independent draws too');
    // An Inline Map's 40 at a time would take hours: the maps run Distributed.
    for (const id of ['encode', 'rebase']) assert.equal(result.deployment.steps[id]?.map?.mode, 'distributed', id);
    assert.ok(Number.isFinite(result.summary.costUsd) && result.summary.costUsd > 0);
    assert.deepEqual(limitProblems(result.ir, result.deployment, profiles, result.summary.latencyMs.max), []);
    // A million items cost at least a million invocations' requests, bundled or not: the bill is not cut off at some width.
    const invocations = Object.entries(result.deployment.steps).filter(([id]) => ir.graph.node(id)?.kind === 'map').reduce((n, [, s]) => n + 1_000_000 / (s.bundleSize ?? 1), 0);
    assert.ok(result.summary.breakdown.lambdaRequestsUsd >= 0.99 * invocations * 0.2e-6, `${result.summary.breakdown.lambdaRequestsUsd} for ${invocations} invocations`);
  });
});

describe('structural decisions: against the exhaustive structural optimum', function () {
  this.timeout(600_000);

  it('plans sebs-1000-genome at its 2 s SLO within 1.02 × the cheapest plan of the whole structural space, with the same estimator', () => {
    // The optimum (orchestration × fusion partition × bundle size and map mode × memory, src/baselines/exhaustive-structural.ts)
    // fuses individuals_merge + sifting and bundles individuals × 6, frequency × 2 at 2,048 MB; the frontier's pick had
    // frequency × 4 at 4,096 MB (1.042 ×): a map's bundle and memory are moved by polish only since map variants are.
    const { ir } = loadApp('fixtures/sebs-1000-genome/app.yaml');
    const { profiles } = readProfiles(ir);
    const slo = { percentile: 'p95' as const, latencyMs: 2000 };
    const settings = { samples: 2000, seed: 1 };
    const dagc = optimize(ir, profiles, { slo, estimate: monteCarloEstimateFn(profiles, settings), estimateToday: false });
    const optimum = optimize(ir, profiles, { slo, estimate: monteCarloEstimateFn(profiles, settings), estimateToday: false, strategy: EXHAUSTIVE_STRUCTURAL });
    assert.ok(dagc.meetsSlo && optimum.meetsSlo);
    assert.ok(dagc.summary.costUsd <= 1.02 * optimum.summary.costUsd, `dagc $${(dagc.summary.costUsd * 1e6).toFixed(2)} per 1M, optimum $${(optimum.summary.costUsd * 1e6).toFixed(2)}`);
    // And in fewer estimates than even the enumeration's branch and bound spends (the space is 2.1·10⁸ plans; the bound
    // prunes all but ~1,000–3,000 of them, ~1,077 since dispatch is drawn by kind, against dagc's ~800).
    assert.ok(dagc.estimates < optimum.estimates, `dagc ${dagc.estimates} estimates, optimum ${optimum.estimates}`);
  });

  it("plans sebs-excamera at its SLO as the optimum does: its unrolled loop of 8 rebase steps fused whole, searched with dagc optimize's estimator", () => {
    // Runs of a chain were capped at 6 steps, so dagc fused the loop as 4 + 4 and bought the dispatch it could not
    // remove with memory elsewhere: $103.62 per 1M against the optimum's $83.64 (1.24 ×). A uniform run may now take
    // up to 16 steps, its leaf priced with the S3 hop its merged 512 KB input forces.
    const { ir } = loadApp('fixtures/sebs-excamera/app.yaml');
    const { profiles } = readProfiles(ir);
    const slo = ir.slo!;
    const settings = { samples: 2000, seed: 1, slo };
    const dagc = optimize(ir, profiles, { slo, estimate: searchEstimateFn(ir, profiles, settings), estimateToday: false });
    const optimum = optimize(ir, profiles, { slo, estimate: searchEstimateFn(ir, profiles, settings), estimateToday: false, strategy: EXHAUSTIVE_STRUCTURAL });
    assert.ok(dagc.meetsSlo && optimum.meetsSlo);
    assert.ok(dagc.summary.costUsd <= 1.02 * optimum.summary.costUsd, `dagc $${(dagc.summary.costUsd * 1e6).toFixed(2)} per 1M, optimum $${(optimum.summary.costUsd * 1e6).toFixed(2)}`);
    const groups = Object.values(dagc.deployment.groups ?? {});
    assert.deepEqual(groups.map((g) => g.steps.length), [8]);
    assert.ok(dagc.estimates < optimum.estimates / 2, `dagc ${dagc.estimates} estimates, optimum ${optimum.estimates}`);
  });
});
