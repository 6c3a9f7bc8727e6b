// The memory-sizing pass on small chains with a closed-form estimate: every step takes 100,000 / memory ms and
// costs memory / 10⁶ (plus, under Standard, 10⁻⁴ a step for its transition), the workflow its chain's sum — so
// the cheapest plan within an SLO can be worked out by hand over the default grid.
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { memorySizingPass, MEMORY_SIZING } from '../../src/passes/memory-sizing.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { irOf } from '../helpers/ir-builder.ts';
import path from 'node:path';
import { projectRoot } from '../helpers/run-cli.ts';
import { EXHAUSTIVE_STRUCTURAL } from '../../src/baselines/exhaustive-structural.ts';
import { searchEstimateFn, searchEstimatorOptions } from '../../src/cli/plan-app.ts';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { readProfiles } from '../../src/model/profile.ts';
import { optimize } from '../../src/passes/optimize.ts';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../../src/sim/index.ts';
import { outOfSample } from '../helpers/out-of-sample.ts';

const STANDARD_STEP_USD = 1e-4;

function estimate(ir: IR, d: Deployment): EstimateSummary {
  let latencyMs = 0;
  let costUsd = 0;
  for (const id of ir.graph.nodes()) {
    const node = ir.graph.node(id) as { functionName?: string };
    if (!node.functionName) continue;
    const memoryMb = d.functions[node.functionName]!.memoryMb;
    latencyMs += 100_000 / memoryMb;
    costUsd += memoryMb / 1e6 + (d.orchestration === 'standard' ? STANDARD_STEP_USD : 0);
  }
  return { latencyMs: { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs }, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
}

function size(ir: IR, sloMs: number, orchestrations: boolean, deployment: Deployment = currentDeployment(ir)) {
  const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
  const session = new OptimizerSession(new Map(), estimate, slo);
  const result = memorySizingPass(session, undefined, orchestrations).run({ ir, deployment }, { slo, profiles: new Map(), estimate: session.estimate } as PassContext);
  return { result, session };
}

const memories = (d: Deployment) => Object.fromEntries(Object.entries(d.functions).map(([fn, c]) => [fn, c.memoryMb]));

describe('memory sizing pass', () => {
  it('picks the cheapest plan within the SLO and logs the search, the checks, the polish and each function', () => {
    // a → b within 400 ms: both at 512 MB (195.3 ms each, 390.6 ms) is the cheapest; 1024 + 256 takes 488 ms.
    const { result, session } = size(irOf({ a: [], b: ['a'] }), 400, false);
    assert.deepEqual(memories(result.deployment), { a: 512, b: 512 });
    assert.equal(result.deployment.orchestration, 'standard');
    assert.ok(result.decisions.every((d) => d.pass === MEMORY_SIZING));
    const search = result.decisions.find((d) => d.chosen === 'frontier search over probed leaves')!;
    assert.equal(search.numbers.epsilon, 0);
    assert.equal(search.numbers.sharedFunctions, 0);
    assert.equal(search.numbers.fixings, 1);
    assert.ok(search.numbers.frontierPoints! > 1);
    assert.ok(result.decisions.some((d) => d.chosen === 'candidate meets the SLO in the whole-workflow estimate'));
    const polish = result.decisions.find((d) => d.chosen === 'frontier, then polish')!;
    assert.equal(polish.numbers.costUsd, 2 * (512 / 1e6 + STANDARD_STEP_USD));
    assert.ok(result.decisions.some((d) => /^greedy on the critical path/.test(d.chosen)), 'greedy runs beside it on a small workflow');
    const perFunction = result.decisions.filter((d) => d.subject === 'a' || d.subject === 'b');
    assert.deepEqual(perFunction.map((d) => [d.subject, d.chosen]), [['a', '512 MB on x86_64'], ['b', '512 MB on x86_64']]);
    assert.deepEqual(perFunction[0]!.numbers, { chosenMemoryMb: 512, optionsConsidered: 17, stepCostUsd: 512 / 1e6 + STANDARD_STEP_USD, stepLatencyMs: 100_000 / 512, todayMemoryMb: 1024 });
    assert.equal(session.sizing!.method, 'frontier');
    assert.equal(session.sizing!.fastest, undefined);
    assert.ok(session.sizing!.checks.length > 0);
  });

  it('keeps the fastest plan when no plan meets the SLO, and says so', () => {
    // The fastest: both at 10,240 MB, 19.53 ms; the SLO is 10 ms.
    const { result, session } = size(irOf({ a: [], b: ['a'] }), 10, false);
    assert.deepEqual(memories(result.deployment), { a: 10_240, b: 10_240 });
    const missed = result.decisions.find((d) => d.kind === 'missed')!;
    assert.equal(missed.chosen, 'no plan meets p95 ≤ 10 ms; keeping the fastest plan found');
    assert.deepEqual(missed.numbers, { fastestCostUsd: 2 * (10_240 / 1e6 + STANDARD_STEP_USD), fastestLatencyMs: Number(((2 * 100_000) / 10_240).toPrecision(10)) });
    assert.ok(session.sizing!.fastest);
    assert.ok(!result.decisions.some((d) => /polish/.test(d.chosen)));
  });

  it('sizes under Express and Standard and keeps the cheaper, logged first under the orchestration pass', () => {
    const { result } = size(irOf({ a: [], b: ['a'] }), 400, true);
    assert.equal(result.deployment.orchestration, 'express');
    assert.deepEqual(memories(result.deployment), { a: 512, b: 512 });
    assert.equal(result.decisions[0]!.pass, 'orchestration');
    assert.match(result.decisions[0]!.chosen, /^express workflow/);
    assert.ok(result.decisions[0]!.rejected.some((r) => r.option === 'standard' && r.reason === 'dearer at the SLO'));
  });

  it('sizes under Standard alone when a function runs as a Batch job, keeping the job', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const deployment = currentDeployment(ir);
    deployment.functions['a'] = { memoryMb: 4096, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    const { result } = size(ir, 400, true, deployment);
    assert.equal(result.deployment.orchestration, 'standard');
    assert.deepEqual(result.deployment.functions['a'], deployment.functions['a']);
    // a takes 24.4 ms at its 4,096 MB; b then fits 375 ms: 512 MB (195 ms) is not the cheapest, 384 is off the grid: 512.
    assert.equal(result.deployment.functions['b']!.memoryMb, 512);
    assert.ok(result.decisions[0]!.rejected.some((r) => r.option === 'express' && /submitJob\.sync/.test(r.reason)));
  });

  it('on a workflow too large for more than two checks, stops after the fastest plan when even it misses', () => {
    // A map 20,000 items wide: a budget of 3 estimates, 2 checks. Every step at its fastest (10,240 MB) takes
    // 2 × 9.77 ms in the surrogate, over the 10 ms SLO: the fastest plan is checked and misses.
    const ir = irOf({ m: [], b: ['m'] }, { m: { map: { kind: 'fixed', width: 20_000 } } });
    const { result, session } = size(ir, 10, false);
    assert.equal(session.sizing!.method, 'fastest plan');
    assert.equal(session.sizing!.checks.length, 1);
    assert.deepEqual(memories(result.deployment), { m: 10_240, b: 10_240 });
    const first = result.decisions[0]!;
    assert.equal(first.kind, 'missed');
    assert.match(first.chosen, /^large workflow: every step at its fastest option already misses the SLO/);
    assert.equal(first.numbers.steps, 2);
    assert.ok(!result.decisions.some((d) => /^greedy/.test(d.chosen)), 'no greedy run beside it on a large workflow');
  });
});

// The whole pipeline on a committed fixture (fixtures/video: profiles measured on AWS Lambda), searched with
// `dagc optimize`'s own estimator and judged on independent draws, against the exhaustive structural optimum.
describe('memory sizing pass on the video fixture at its SLO', function () {
  this.timeout(300_000);

  it('polishes the memory-alone Standard plan re-priced as Express with bundles too, one paid for by another step\'s memory, and comes within 2 % of the exhaustive optimum', () => {
    const ir = loadAppIr(path.join(projectRoot, 'fixtures', 'video', 'app.yaml'));
    const { profiles } = readProfiles(ir);
    const slo = ir.slo!;
    const search = searchEstimatorOptions(ir, { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, slo });
    const dagc = optimize(ir, profiles, { slo, estimate: searchEstimateFn(ir, profiles, { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, slo }), estimateToday: false });
    const optimum = optimize(ir, profiles, { slo, estimate: searchEstimateFn(ir, profiles, { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, slo }), estimateToday: false, strategy: EXHAUSTIVE_STRUCTURAL });
    // The plan that won is the memory-alone Standard plan re-priced as Express, and its polish under Express bundled a map.
    const repriced = dagc.decisions.find((d) => d.pass === 'orchestration' && d.chosen.startsWith('the Standard plan (memory alone) that meets the SLO, re-priced as Express and polished'));
    assert.ok(repriced, 'the memory-alone plan was re-priced and polished');
    assert.ok(repriced.numbers['polishedCostUsd']! < repriced.numbers['asExpressCostUsd']!, JSON.stringify(repriced.numbers));
    assert.ok(Object.values(dagc.deployment.steps).some((s) => (s.bundleSize ?? 1) > 1), `a map is bundled: ${JSON.stringify(dagc.deployment.steps)}`);
    // One bundle fits the SLO alone; the next only with another step's memory paying for its time (polish's mixed pair).
    assert.ok(dagc.decisions.some((d) => d.pass === 'memory-sizing' && / item\(s\) per invocation, Inline Map, paid for by \w+ up to /.test(d.chosen)), 'a bundle paid for by another function');
    const { decide: _decide, ...fixed } = search;
    const dagcOut = outOfSample(dagc.ir, dagc.deployment, profiles, slo, fixed);
    const optimumOut = outOfSample(optimum.ir, optimum.deployment, profiles, slo, fixed);
    assert.ok(dagcOut.meets && optimumOut.meets, `both meet on independent draws: ${dagcOut.latencyMs}, ${optimumOut.latencyMs} ms`);
    assert.ok(dagcOut.costUsd <= 1.02 * optimumOut.costUsd, `dagc ${dagcOut.costUsd} against the optimum's ${optimumOut.costUsd}`);
  });
});
