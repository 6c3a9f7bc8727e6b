import assert from 'node:assert/strict';
import fc from 'fast-check';
import { llamaSlack } from '../../src/baselines/llama-slack.ts';
import { slackBudgets } from '../../src/passes/slack-allotment.ts';
import { optionsByFunction } from '../../src/passes/function-options.ts';
import { StepProbe } from '../../src/passes/step-probe.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import type { IR } from '../../src/ir/types.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';

/** Llama's definition, literally: every source-to-sink path, each step's share on it, the smallest share kept. */
function budgetsByPaths(ir: IR, latency: ReadonlyMap<string, number>, sloMs: number): Map<string, number> {
  const budgets = new Map<string, number>();
  const walk = (path: string[]): void => {
    const last = path.at(-1)!;
    const next = ir.graph.successors(last) ?? [];
    if (next.length > 0) {
      for (const s of next) walk([...path, s]);
      return;
    }
    const total = path.reduce((sum, id) => sum + latency.get(id)!, 0);
    for (const id of path) {
      const share = total > 0 ? (sloMs * latency.get(id)!) / total : sloMs;
      budgets.set(id, Math.min(budgets.get(id) ?? Infinity, share));
    }
  };
  for (const id of ir.graph.nodes()) if ((ir.graph.predecessors(id) ?? []).length === 0) walk([id]);
  return budgets;
}

describe('llama-slack', () => {
  it('computes the same budgets as enumerating every path, on random DAGs', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 8 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 8, maxLength: 8 }), ({ ir }, raw) => {
        const latency = new Map(ir.graph.nodes().map((id, i) => [id, raw[i]!]));
        const fast = slackBudgets(ir, latency, 2000);
        const slow = budgetsByPaths(ir, latency, 2000);
        for (const id of ir.graph.nodes()) assert.ok(Math.abs(fast.get(id)! - slow.get(id)!) < 1e-9, `${id}: ${fast.get(id)} vs ${slow.get(id)}`);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('gives every step a configuration within its budget, the cheapest such, and so meets a feasible SLO', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 6 }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), ({ ir, profiles }, scale) => {
        const estimate = closedFormEstimator(profiles);
        const fastestMs = estimate(ir, userMax({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment).latencyMs.p95;
        const slo = { percentile: 'p95' as const, latencyMs: fastestMs / scale };
        const result = llamaSlack({ ir, profiles, slo, estimate });
        const probe = new StepProbe(ir, estimate);
        const options = optionsByFunction(ir, profiles);
        for (const decision of result.decisions.filter((d) => d.kind === 'passed')) {
          const fn = decision.subject;
          const option = result.deployment.functions[fn]!;
          // One function per step here, so the logged budget is the step's own.
          const withinBudget = (o: ConfigurationOption): boolean => probe.stepsOf(fn).every((id) => probe.stepLatencyMs(id, o, 'p95') <= decision.numbers['budgetMs']! * (1 + 1e-9));
          assert.ok(withinBudget(option));
          for (const cheaper of options.get(fn)!.filter((o) => probe.functionCostUsd(fn, o) < probe.functionCostUsd(fn, option))) assert.ok(!withinBudget(cheaper));
        }
        // Budgets on a path sum to at most the SLO, so meeting all of them meets the SLO.
        if (result.decisions.every((d) => d.kind === 'passed')) assert.ok(estimate(ir, result.deployment).latencyMs.p95 <= slo.latencyMs * (1 + 1e-9));
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('sizes a chain by share: the step with most of the latency gets most of the SLO', () => {
    const ir = irOf({ a: [], b: ['a'] });
    ir.functions.get('a')!.memoryMb = 1769;
    ir.functions.get('b')!.memoryMb = 1769;
    const profiles = new Map([
      ['a', profileOf('a', { x86_64: { serialMs: 0, parallelMs: 3000 } })],
      ['b', profileOf('b', { x86_64: { serialMs: 0, parallelMs: 1000 } })],
    ]);
    const estimate = closedFormEstimator(profiles);
    // At 1769 MB (1 vCPU) a takes 3000 ms and b 1000 ms; an SLO of 2000 ms gives them 1500 and 500:
    // a needs 2 vCPU (3538 MB), b needs 2 vCPU too.
    const result = llamaSlack({ ir, profiles, slo: { percentile: 'p95', latencyMs: 2000 }, estimate });
    assert.equal(result.deployment.functions['a']!.memoryMb, 3538);
    assert.equal(result.deployment.functions['b']!.memoryMb, 3538);
    assert.deepEqual(result.decisions.map((d) => d.numbers['budgetMs']), [1500, 500]);
  });
});

describe('llama-slack with today\'s memory below the footprint', () => {
  it('measures shares at the smallest candidate that fits instead, so the estimator is never asked for an out-of-memory run', () => {
    const ir = irOf({ a: [], b: ['a'] });
    ir.functions.get('b')!.memoryMb = 512;
    const profiles = new Map([
      ['a', profileOf('a', { x86_64: { serialMs: 10, parallelMs: 2000 } })],
      ['b', profileOf('b', { x86_64: { serialMs: 10, parallelMs: 2000, footprintMb: 900 } })],
    ]);
    const closed = closedFormEstimator(profiles);
    const refusing: typeof closed = Object.assign(
      (app: IR, deployment: Parameters<typeof closed>[1]) => {
        for (const [fn, config] of Object.entries(deployment.functions)) {
          if (fn === 'b' && config.memoryMb < 900) throw new Error(`b asked at ${config.memoryMb} MB`);
        }
        return closed(app, deployment);
      },
      { calls: closed.calls },
    );
    const result = llamaSlack({ ir, profiles, slo: { percentile: 'p95', latencyMs: 3000 }, estimate: refusing });
    assert.ok(result.deployment.functions['b']!.memoryMb >= 1024);
  });
});
