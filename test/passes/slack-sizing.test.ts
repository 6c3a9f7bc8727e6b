import assert from 'node:assert/strict';
import fc from 'fast-check';
import { llamaSlack } from '../../src/baselines/llama-slack.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { slackSizing } from '../../src/passes/slack-sizing.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('slack sizing (the fallback for graphs too large for the frontier)', () => {
  it('meets the SLO whenever Llama slack does, and never costs more than it', () => {
    let compared = 0;
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 7, architectures: [['x86_64'], ['x86_64', 'arm64']] }), fc.double({ min: 0.3, max: 1.5, noNaN: true }), (instance, sloScale) => {
        const ir = toSeriesParallel(instance.ir).ir;
        const estimate = closedFormEstimator(instance.profiles);
        const fastest = userMax({ ir, profiles: instance.profiles, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment;
        const slo: Slo = { percentile: 'p95', latencyMs: estimate(ir, fastest).latencyMs.p95 / sloScale };
        const llama = estimate(ir, llamaSlack({ ir, profiles: instance.profiles, slo, estimate }).deployment);
        const session = new OptimizerSession(instance.profiles, estimate, slo);
        const base = currentDeployment(ir);
        const a = session.analysis(ir, base);
        const sized = slackSizing({ ir, options: a.options, leaves: a.leaves, slo, estimate, base, maxChecks: 8 }, a.steps, a.todayLatencyMs);
        if (llama.latencyMs.p95 > slo.latencyMs) return;
        compared += 1;
        assert.ok(sized.best, 'no plan where Llama slack found one');
        assert.ok(sized.best.summary.costUsd <= llama.costUsd * (1 + 1e-12), `slack sizing ${sized.best.summary.costUsd} vs Llama ${llama.costUsd}`);
      }),
      { numRuns: 60, seed: 31 },
    );
    assert.ok(compared > 15, `only ${compared} instances compared`);
  });
});

// Worked by hand: table leaves, an estimate that adds the table's numbers along a chain, and today's latencies
// chosen so each step's budget is a known share of the target.
const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
/** memory → [latency, cost] for every function. */
const TABLE: Record<number, [number, number]> = { 128: [300, 1], 256: [150, 2], 512: [75, 4] };

function summaryOf(latencyMs: number, costUsd: number): EstimateSummary {
  return { latencyMs: { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs }, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
}

function sizing(ir: IR, sloMs: number, options: { maxChecks?: number; order?: number[]; today?: Record<string, number> } = {}) {
  const functions = [...ir.functions.keys()].sort();
  const steps = new Map<string, string[]>();
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id) as { functionName: string };
    steps.set(node.functionName, [...(steps.get(node.functionName) ?? []), id]);
  }
  const leaves: LeafModel = { method: 'probed', leaf: (_step, o) => ({ latencyMs: TABLE[o.memoryMb]![0], costUsd: TABLE[o.memoryMb]![1] }) };
  // The chain's latency: every step's table latency added; cost likewise.
  const estimate = (i: IR, d: Deployment) => {
    let latencyMs = 0;
    let costUsd = 0;
    for (const id of i.graph.nodes()) {
      const [l, c] = TABLE[d.functions[(i.graph.node(id) as { functionName: string }).functionName]!.memoryMb]!;
      latencyMs += l;
      costUsd += c;
    }
    return summaryOf(latencyMs, costUsd);
  };
  const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
  const optionList = (options.order ?? [128, 256, 512]).map(x86);
  const today = new Map(ir.graph.nodes().map((id) => [id, options.today?.[id] ?? 100]));
  return slackSizing({ ir, options: new Map(functions.map((fn) => [fn, optionList])), leaves, slo, estimate, base: currentDeployment(ir), maxChecks: options.maxChecks ?? 100 }, steps, today);
}

const memories = (assignment: ReadonlyMap<string, ConfigurationOption>) => Object.fromEntries([...assignment].map(([fn, o]) => [fn, o.memoryMb]));

describe('slack sizing, worked by hand', () => {
  it('gives each function the cheapest option within its budgets, raises the target while the plan meets, then bisects', () => {
    // a → b, today 100 ms each: each budget is half the target. Target 400: budget 200, 256 MB (150 ms): 300 ms,
    // meets. Secant 400 × 400/300 = 533.3: budget 266.7, still 256 MB. Secant 711.1: budget 355.6, 128 MB: 600 ms,
    // misses. Then bisection: 622.2, budget 311.1, 128 MB again (a miss); 577.8, budget 288.9, 256 MB.
    const result = sizing(irOf({ a: [], b: ['a'] }), 400, { maxChecks: 5 });
    const targets = result.checks.map((c) => c.targetMs);
    assert.equal(targets.length, 5);
    const fourth = (1600 / 3 + 6400 / 9) / 2;
    const expected = [400, 1600 / 3, 6400 / 9, fourth, (1600 / 3 + fourth) / 2];
    targets.forEach((t, i) => assert.ok(Math.abs(t - expected[i]!) < 1e-9, `${targets}`));
    assert.deepEqual(result.checks.map((c) => [memories(c.assignment), c.meetsSlo]), [
      [{ a: 256, b: 256 }, true],
      [{ a: 256, b: 256 }, true],
      [{ a: 128, b: 128 }, false],
      [{ a: 128, b: 128 }, false],
      [{ a: 256, b: 256 }, true],
    ]);
    assert.deepEqual(memories(result.best!.assignment), { a: 256, b: 256 });
    assert.equal(result.best!.summary.costUsd, 4);
  });

  it('tries at most 8 targets', () => {
    assert.equal(sizing(irOf({ a: [], b: ['a'] }), 400).checks.length, 8);
  });

  it('stops once the next target is within 0.2 % of the last', () => {
    // SLO 300: the plan at target 300 takes exactly 300 ms, so the secant stays at 300.
    const result = sizing(irOf({ a: [], b: ['a'] }), 300);
    assert.equal(result.checks.length, 1);
    assert.equal(result.best!.summary.latencyMs.p95, 300);
  });

  it('takes the fastest option where none fits the budget, and lowers the target 2 % below the secant while nothing meets', () => {
    // SLO 100: budgets of 50 ms, nothing fits; 512 MB (75 ms) is the fastest: 150 ms, a miss every time.
    const result = sizing(irOf({ a: [], b: ['a'] }), 100, { maxChecks: 3 });
    assert.equal(result.best, undefined);
    assert.deepEqual(result.checks.map((c) => memories(c.assignment)), [{ a: 512, b: 512 }, { a: 512, b: 512 }, { a: 512, b: 512 }]);
    const second = 100 * (100 / 150) * 0.98;
    assert.ok(Math.abs(result.checks[1]!.targetMs - second) < 1e-9);
    assert.ok(Math.abs(result.checks[2]!.targetMs - second * (100 / 150) * 0.98) < 1e-9);
  });

  it('picks by cost, not by the order the options come in', () => {
    const result = sizing(irOf({ a: [], b: ['a'] }), 400, { maxChecks: 1, order: [512, 128, 256] });
    assert.deepEqual(memories(result.checks[0]!.assignment), { a: 256, b: 256 });
  });

  it("holds a function that runs several steps to the tightest of their budgets", () => {
    // s1 (f) → s2 (g) → s3 (f); today s1 100, s2 100, s3 50 (L = 250): budgets at target 500 are 200, 200, 100.
    // f must fit 100 ms on s3: 512 MB; g fits 200 ms at 256 MB.
    const ir = irOf({ s1: [], s2: ['s1'], s3: ['s2'] }, { s1: { functionName: 'f' }, s2: { functionName: 'g' }, s3: { functionName: 'f' } });
    const result = sizing(ir, 500, { maxChecks: 1, today: { s1: 100, s2: 100, s3: 50 } });
    assert.deepEqual(memories(result.checks[0]!.assignment), { f: 512, g: 256 });
  });

  it('spends no more targets than its check budget allows', () => {
    assert.equal(sizing(irOf({ a: [], b: ['a'] }), 400, { maxChecks: 2 }).checks.length, 2);
    assert.equal(sizing(irOf({ a: [], b: ['a'] }), 400, { maxChecks: 0 }).checks.length, 0);
  });
});
