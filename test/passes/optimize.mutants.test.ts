// The optimizer's driver (src/passes/optimize.ts) on tiny hand-built apps
// under the closed-form test estimator, fast enough to run once per mutant:
// the SLO verdict at the boundary, the fastest plan when nothing meets, the
// summary decision, today's estimate (skipped, or unestimable and reported),
// the per-function estimates (sorted, priced per variant), baselines by name
// and IR verification between passes. Expected numbers are worked from the
// test curves (serialMs + parallelMs / vCPU, GB-seconds × test price), not
// from the optimizer's own helpers. The whole-optimizer quality tests are in
// test/passes/end-to-end/optimize.test.ts.
import assert from 'node:assert/strict';
import { DagcUserError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { PassInvariantError } from '../../src/passes/manager.ts';
import { dagc, functionEstimates, optimize } from '../../src/passes/optimize.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { closedFormEstimator, TEST_PRICE_PER_GB_SECOND_USD } from '../helpers/closed-form-estimator.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const PRICE = TEST_PRICE_PER_GB_SECOND_USD.x86_64;
/** Cost of one invocation under the closed-form estimator: GB × seconds × price. */
const invocationUsd = (memoryMb: number, durationMs: number) => (memoryMb / 1024) * (durationMs / 1000) * PRICE;

/** b → a, both memory-insensitive (parallelMs 0): every plan takes 50 + 100 ms, the cheapest runs both at 128 MB. */
function flatApp(aFootprintMb?: number): { ir: IR; profiles: Map<string, FunctionProfile> } {
  const ir = irOf({ b: [], a: ['b'] });
  const profiles = new Map([
    ['a', profileOf('a', { x86_64: { serialMs: 100, parallelMs: 0, ...(aFootprintMb ? { footprintMb: aFootprintMb } : {}) } })],
    ['b', profileOf('b', { x86_64: { serialMs: 50, parallelMs: 0 } })],
  ]);
  return { ir, profiles };
}

function summaryDecision(decisions: ReturnType<typeof optimize>['decisions']) {
  const summary = decisions.filter((d) => d.pass === 'summary' && d.subject === 'app');
  assert.ok(summary.length >= 1, 'no summary decision');
  return summary.at(-1)!;
}

/**
 * Wraps an estimator so that a deployment running a step of function `fn` with less than `minMb` fails the way
 * `fail` says; a step in a fusion group runs at the group's memory.
 */
function refusing(inner: EstimateFn, fn: string, minMb: number, fail: () => Error): EstimateFn {
  const wrapped: EstimateFn = (ir, deployment) => {
    for (const id of ir.graph.nodes()) {
      const node = ir.graph.node(id);
      if (!('functionName' in node) || node.functionName !== fn) continue;
      const group = deployment.steps[id]?.fusionGroup;
      const memoryMb = group ? deployment.groups?.[group]?.memoryMb : deployment.functions[fn]?.memoryMb;
      if (memoryMb !== undefined && memoryMb < minMb) throw fail();
    }
    return inner(ir, deployment);
  };
  if (inner.calibration) wrapped.calibration = inner.calibration;
  return wrapped;
}

const FOOTPRINT: Diagnostic = { code: 'DAGC9999', severity: 'error', message: "function 'a' needs 300 MB, has 256 MB" };

describe('optimize (the driver, on tiny apps)', () => {
  it('counts a plan whose latency equals the SLO as meeting it, with no fastest plan and a "passed" summary', () => {
    const { ir, profiles } = flatApp();
    const slo: Slo = { percentile: 'p95', latencyMs: 150 };
    const result = optimize(ir, profiles, { slo, estimate: closedFormEstimator(profiles) });
    assert.equal(result.summary.latencyMs.p95, 150);
    assert.equal(result.meetsSlo, true);
    assert.equal('fastest' in result, false);
    assert.equal(result.strategy, 'dagc');
    assert.deepEqual(result.deployment.functions, { a: { memoryMb: 128, architecture: 'x86_64' }, b: { memoryMb: 128, architecture: 'x86_64' } });
    const decision = summaryDecision(result.decisions);
    assert.equal(decision.kind, 'passed');
    assert.equal(decision.chosen, 'plan meets p95 ≤ 150 ms');
    // Today both run at 1024 MB (the builder's default), also in 150 ms.
    const todayUsd = invocationUsd(1024, 100) + invocationUsd(1024, 50);
    const chosenUsd = invocationUsd(128, 100) + invocationUsd(128, 50);
    assert.equal(decision.numbers.latencyMs, 150);
    assert.ok(Math.abs(decision.numbers.costUsd! - chosenUsd) < 1e-15, `${decision.numbers.costUsd} vs ${chosenUsd}`);
    assert.equal(decision.numbers.todayLatencyMs, 150);
    assert.ok(Math.abs(decision.numbers.todayCostUsd! - todayUsd) < 1e-15, `${decision.numbers.todayCostUsd} vs ${todayUsd}`);
    assert.equal(decision.numbers.estimates, result.estimates);
    assert.ok(result.estimates > 0);
    // No pilot estimator, so no pilot count.
    assert.equal('pilotEstimates' in decision.numbers, false);
    assert.equal(result.today.summary?.latencyMs.p95, 150);
  });

  it('reports an SLO 1 ms below every plan as missed, with the fastest plan (the emitted one) and a "missed" summary', () => {
    const { ir, profiles } = flatApp();
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 149 }, estimate: closedFormEstimator(profiles) });
    assert.equal(result.meetsSlo, false);
    assert.ok(result.fastest, 'no fastest plan');
    assert.equal(result.fastest.summary.latencyMs.p95, 150);
    assert.deepEqual(result.fastest.deployment, result.deployment);
    const decision = summaryDecision(result.decisions);
    assert.equal(decision.kind, 'missed');
    assert.equal(decision.chosen, 'no plan meets p95 ≤ 149 ms');
    assert.equal(decision.numbers.latencyMs, 150);
  });

  it('sizes a memory-bound function up to the SLO and reports the fastest plan when the SLO is out of reach', () => {
    // b: 50 + 400 / vCPU ms; at 10,240 MB (6 vCPU cap: 400 / (10240 / 1769)) it is as fast as it gets.
    const ir = irOf({ b: [] });
    const profiles = new Map([['b', profileOf('b', { x86_64: { serialMs: 50, parallelMs: 400 } })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 10 }, estimate: closedFormEstimator(profiles) });
    assert.equal(result.meetsSlo, false);
    const fastestMs = 50 + 400 / (10240 / 1769);
    assert.ok(result.fastest);
    assert.ok(Math.abs(result.fastest.summary.latencyMs.p95 - fastestMs) < 1e-9, `${result.fastest.summary.latencyMs.p95} vs ${fastestMs}`);
    assert.equal(result.fastest.deployment.functions.b!.memoryMb, 10240);
  });

  it("counts a large workflow's pilot estimates in the summary", () => {
    // One map over 20,000 items: a large workflow (a handful of whole-workflow checks), whose memory-only search
    // (structural decisions off) places its start with a pilot estimate.
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 20_000 } } });
    const profiles = new Map([['m', profileOf('m', { x86_64: { serialMs: 50, parallelMs: 400 } })]]);
    const closed = closedFormEstimator(profiles);
    let pilots = 0;
    const estimate: EstimateFn = Object.assign((i: IR, d: Deployment) => closed(i, d), {
      calibration: closed.calibration,
      pilot: (i: IR, d: Deployment) => {
        pilots += 1;
        return closed(i, d);
      },
    });
    const decisions = { fusion: false, bundling: false, distributedMaps: false, orchestration: false, prewarm: false };
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 1000 }, estimate, decisions });
    assert.ok(pilots >= 1, 'no pilot estimate made');
    assert.equal(summaryDecision(result.decisions).numbers.pilotEstimates, pilots);
  });

  it("skips today's estimate when asked, and then reports no today numbers", () => {
    const { ir, profiles } = flatApp();
    const counting = closedFormEstimator(profiles);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 150 }, estimate: counting, estimateToday: false });
    assert.equal(result.today.summary, undefined);
    assert.deepEqual(result.today.deployment, currentDeployment(ir));
    const decision = summaryDecision(result.decisions);
    assert.equal('todayLatencyMs' in decision.numbers, false);
    assert.equal('todayCostUsd' in decision.numbers, false);
  });

  it('gives per-function estimates in sorted order: the slowest step at the percentile and the expected cost, chosen and today', () => {
    const { ir, profiles } = flatApp();
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 150 }, estimate: closedFormEstimator(profiles) });
    assert.deepEqual(Object.keys(result.functions), ['a', 'b']);
    const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) <= 1e-12 * expected, `${actual} vs ${expected}`);
    assert.equal(result.functions.a!.chosen.latencyMs, 100);
    near(result.functions.a!.chosen.costUsd, invocationUsd(128, 100));
    assert.equal(result.functions.a!.today!.latencyMs, 100);
    near(result.functions.a!.today!.costUsd, invocationUsd(1024, 100));
    assert.equal(result.functions.b!.chosen.latencyMs, 50);
    near(result.functions.b!.today!.costUsd, invocationUsd(1024, 50));
  });

  it('weights a function run in several steps by how often each runs, and reports its slowest step', () => {
    // c chooses x (p 0.25) or y (p 0.75); both run function f, 100 ms flat: f's expected cost is 1 × one invocation.
    const ir = irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 0.25, y: 0.75 } }, x: { functionName: 'f' }, y: { functionName: 'f' } });
    const profiles = new Map([['f', profileOf('f', { x86_64: { serialMs: 100, parallelMs: 0 } })]]);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 1000 }, estimate: closedFormEstimator(profiles) });
    const f = result.functions.f!;
    assert.equal(f.chosen.latencyMs, 100);
    const expected = invocationUsd(result.deployment.functions.f!.memoryMb, 100);
    assert.ok(Math.abs(f.chosen.costUsd - expected) <= 1e-12 * expected, `${f.chosen.costUsd} vs ${expected}`);
  });

  it("reports today's deployment as unestimable (not fatal) when the estimator refuses it with a user error", () => {
    // a uses 300 MB (its profile's Max Memory Used) but runs at 256 MB today.
    const { ir, profiles } = flatApp(300);
    ir.functions.get('a')!.memoryMb = 256;
    const estimate = refusing(closedFormEstimator(profiles), 'a', 300, () => new DagcUserError([FOOTPRINT]));
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 150 }, estimate });
    assert.deepEqual(result.today.problem, FOOTPRINT);
    assert.equal(result.today.summary, undefined);
    assert.equal(result.meetsSlo, true);
    const missed = result.decisions.filter((d) => d.pass === 'summary' && d.kind === 'missed');
    assert.deepEqual(
      missed.map((d) => [d.subject, d.chosen]),
      [['app', `today's deployment cannot be estimated: ${FOOTPRINT.message}`]],
    );
    // a's today (256 MB) does not run: no today estimate for it; b's is there.
    assert.equal('today' in result.functions.a!, false);
    assert.equal(result.functions.b!.today!.latencyMs, 50);
    assert.ok(result.deployment.functions.a!.memoryMb >= 300);
  });

  it("rethrows an estimator's internal error on today's deployment rather than reporting it", () => {
    // a uses 300 MB (its profile's Max Memory Used) but runs at 256 MB today.
    const { ir, profiles } = flatApp(300);
    ir.functions.get('a')!.memoryMb = 256;
    const estimate = refusing(closedFormEstimator(profiles), 'a', 300, () => new Error('estimator broke'));
    const slo: Slo = { percentile: 'p95', latencyMs: 150 };
    assert.throws(() => optimize(ir, profiles, { slo, estimate }), /^Error: estimator broke$/);
    // Without today's whole-workflow estimate, the per-function estimate of today meets it and rethrows too.
    assert.throws(() => optimize(ir, profiles, { slo, estimate, estimateToday: false }), /^Error: estimator broke$/);
  });

  it('runs a baseline by name instead of dagc: user-max puts every function at the 10,240 MB maximum', () => {
    const { ir, profiles } = flatApp();
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 150 }, estimate: closedFormEstimator(profiles), strategy: 'user-max' });
    assert.equal(result.strategy, 'user-max');
    assert.deepEqual(result.deployment.functions, { a: { memoryMb: 10240, architecture: 'x86_64' }, b: { memoryMb: 10240, architecture: 'x86_64' } });
  });

  it('verifies the IR between passes only when asked (off by default)', () => {
    // A function whose timeout is above Lambda's 900 s limit: the passes run, verify() rejects the IR.
    const { ir, profiles } = flatApp();
    ir.functions.get('a')!.timeoutMs = 1_000_000;
    const options = { slo: { percentile: 'p95', latencyMs: 150 } as Slo, estimate: closedFormEstimator(profiles) };
    assert.equal(optimize(ir, profiles, options).meetsSlo, true);
    assert.equal(optimize(ir, profiles, { ...options, verifyBetweenPasses: false }).meetsSlo, true);
    assert.throws(() => optimize(ir, profiles, { ...options, verifyBetweenPasses: true }), PassInvariantError);
  });

  it("runs as a Strategy for the benches without estimating today's deployment", () => {
    const { ir, profiles } = flatApp();
    const out = dagc({ ir, profiles, slo: { percentile: 'p95', latencyMs: 150 }, estimate: closedFormEstimator(profiles) });
    assert.equal(out.strategy, 'dagc');
    assert.deepEqual(out.deployment.functions, { a: { memoryMb: 128, architecture: 'x86_64' }, b: { memoryMb: 128, architecture: 'x86_64' } });
    const decision = summaryDecision(out.decisions);
    assert.equal('todayLatencyMs' in decision.numbers, false);
  });
});

describe('functionEstimates (per-function estimates of a deployment)', () => {
  // A map step m over 4 items. The estimator prices the step's variant so that each one is told apart:
  // latency 100 ms × bundle size, + 1,000 ms when distributed; cost the latency in micro-dollars.
  const variantLatencyMs = (bundleSize: number, distributed: boolean) => 100 * bundleSize + (distributed ? 1000 : 0);
  const estimate: EstimateFn = (ir, deployment) => {
    let latencyMs = 0;
    for (const id of ir.graph.nodes()) {
      const d = deployment.steps[id];
      latencyMs += variantLatencyMs(d?.bundleSize ?? 1, d?.map?.mode === 'distributed');
    }
    const costUsd = latencyMs * 1e-6;
    const summary: EstimateSummary = {
      latencyMs: { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs },
      costUsd,
      breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
    };
    return summary;
  };
  const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 4 } } });
  const profiles = new Map([['m', profileOf('m', { x86_64: { serialMs: 100, parallelMs: 0 } })]]);
  const slo: Slo = { percentile: 'p95', latencyMs: 10_000 };
  const today = currentDeployment(ir);
  const withStep = (step: Deployment['steps'][string]): Deployment => ({ ...today, steps: { ...today.steps, m: step } });

  for (const [name, step, bundleSize, distributed] of [
    ['a bundled inline map', { bundleSize: 4 }, 4, false],
    ['an unbundled distributed map', { map: { mode: 'distributed', maxConcurrency: 0 } }, 1, true],
    ['a bundled distributed map', { bundleSize: 2, map: { mode: 'distributed', maxConcurrency: 0 } }, 2, true],
    ['a plain map', {}, 1, false],
  ] as const) {
    it(`prices the chosen plan's ${name} as that variant, today's as a plain map`, () => {
      const session = new OptimizerSession(profiles, estimate, slo);
      const result = functionEstimates(session, ir, today, withStep(step as Deployment['steps'][string]));
      const latencyMs = variantLatencyMs(bundleSize, distributed);
      assert.deepEqual(result.m!.chosen, { latencyMs, costUsd: latencyMs * 1e-6 });
      assert.deepEqual(result.m!.today, { latencyMs: 100, costUsd: 100 * 1e-6 });
    });
  }

  it('gives a function that no step runs zero latency and zero cost, on both sides', () => {
    const withSpare = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 4 } } });
    withSpare.functions.set('spare', functionInfo('spare'));
    const spareProfiles = new Map([...profiles, ['spare', profileOf('spare', { x86_64: { serialMs: 100, parallelMs: 0 } })]]);
    const session = new OptimizerSession(spareProfiles, estimate, slo);
    const spareToday = currentDeployment(withSpare);
    const result = functionEstimates(session, withSpare, spareToday, spareToday);
    assert.deepEqual(result.spare, { chosen: { latencyMs: 0, costUsd: 0 }, today: { latencyMs: 0, costUsd: 0 } });
  });
});
