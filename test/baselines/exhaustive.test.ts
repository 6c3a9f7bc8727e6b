import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exhaustive } from '../../src/baselines/exhaustive.ts';
import { deploymentWith, optionsByFunction } from '../../src/passes/function-options.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import type { Slo } from '../../src/ir/types.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { instanceArbitrary, type Instance } from '../helpers/random-instance.ts';

const GRID = [128, 512, 1024, 1769, 3538];

/** Every assignment, estimated; the cheapest that meets the SLO (undefined when none does). */
function bruteForce({ ir, profiles }: Instance, slo: Slo): { costUsd: number; count: number } | undefined {
  const estimate = closedFormEstimator(profiles);
  const options = [...optionsByFunction(ir, profiles, GRID)];
  let best: number | undefined;
  let count = 0;
  const walk = (i: number, chosen: Map<string, ConfigurationOption>): void => {
    if (i === options.length) {
      count++;
      const summary = estimate(ir, deploymentWith(ir, chosen));
      if (summary.latencyMs[slo.percentile] <= slo.latencyMs && (best === undefined || summary.costUsd < best)) best = summary.costUsd;
      return;
    }
    const [fn, list] = options[i]!;
    for (const option of list) walk(i + 1, new Map(chosen).set(fn, option));
  };
  walk(0, new Map());
  return best === undefined ? undefined : { costUsd: best, count };
}

describe('exhaustive', () => {
  it('finds the same minimum cost as brute force on random small apps, and is infeasible exactly when brute force is', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 4, architectures: [['x86_64'], ['x86_64', 'arm64']] }), fc.double({ min: 0.2, max: 1.5, noNaN: true }), (instance, sloScale) => {
        const estimate = closedFormEstimator(instance.profiles);
        // SLOs between "only the fastest plan" and "anything goes", scaled off the all-largest plan.
        const fastest = deploymentWith(instance.ir, new Map([...optionsByFunction(instance.ir, instance.profiles, GRID)].map(([fn, list]) => [fn, list.at(-1)!])));
        const slo: Slo = { percentile: 'p95', latencyMs: estimate(instance.ir, fastest).latencyMs.p95 / sloScale };
        const expected = bruteForce(instance, slo);
        const result = exhaustive({ gridMb: GRID })({ ir: instance.ir, profiles: instance.profiles, slo, estimate });
        const summary = estimate(instance.ir, result.deployment);
        if (expected === undefined) {
          assert.ok(summary.latencyMs.p95 > slo.latencyMs);
          assert.equal(result.decisions.at(-1)?.kind, 'missed');
        } else {
          assert.ok(summary.latencyMs.p95 <= slo.latencyMs);
          assert.ok(Math.abs(summary.costUsd - expected.costUsd) <= 1e-12 * expected.costUsd, `${summary.costUsd} vs ${expected.costUsd}`);
        }
      }),
      { numRuns: 60, seed: 20240611 },
    );
  });

  it('runs far fewer estimates than there are assignments', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['d'], f: ['d'] });
    const profiles = new Map(names.map((n, i) => [n, profileOf(n, { x86_64: { serialMs: 20 + 10 * i, parallelMs: 400 + 150 * i, maxUsefulVcpu: 2 } })]));
    const estimate = closedFormEstimator(profiles);
    const result = exhaustive({ gridMb: GRID })({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1500 }, estimate });
    const estimates = result.decisions.at(-1)!.numbers['estimates']!;
    assert.equal(estimates, estimate.calls() - 1, 'the log counts every estimate but the final report');
    assert.ok(estimates < GRID.length ** names.length / 10, `${estimates} estimates for ${GRID.length ** names.length} assignments`);
  });

  it('refuses apps with more than 8 functions (DAGC0321)', () => {
    const needs = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, i === 0 ? [] : [`f${i - 1}`]]));
    const ir = irOf(needs);
    const profiles = new Map(Object.keys(needs).map((n) => [n, profileOf(n, { x86_64: { serialMs: 10, parallelMs: 10 } })]));
    assert.throws(
      () => exhaustive()({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1000 }, estimate: closedFormEstimator(profiles) }),
      (error: unknown) => isUserError(error) && error.diagnostics[0]!.code === 'DAGC0321',
    );
  });

  it('gives up with DAGC0322 when the estimate budget runs out', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const profiles = new Map(['a', 'b'].map((n) => [n, profileOf(n, { x86_64: { serialMs: 10, parallelMs: 1000 } })]));
    assert.throws(
      () => exhaustive({ maxEstimates: 3 })({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1000 }, estimate: closedFormEstimator(profiles) }),
      (error: unknown) => isUserError(error) && error.diagnostics[0]!.code === 'DAGC0322',
    );
  });
});
