import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exhaustive } from '../../src/baselines/exhaustive.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import type { Slo } from '../../src/ir/types.ts';
import { verify } from '../../src/ir/verify.ts';
import { optimize } from '../../src/passes/optimize.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';

describe('dagc optimize (frontier search)', () => {
  it('costs at most 1.02 × the exhaustive optimum and is feasible whenever it is, on random small apps', () => {
    let compared = 0;
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 5, architectures: [['x86_64'], ['x86_64', 'arm64']] }), fc.double({ min: 0.2, max: 1.5, noNaN: true }), (instance, sloScale) => {
        const estimate = closedFormEstimator(instance.profiles);
        const fastest = userMax({ ...instance, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment;
        const slo: Slo = { percentile: 'p95', latencyMs: estimate(instance.ir, fastest).latencyMs.p95 / sloScale };
        const input = { ...instance, slo, estimate };
        const optimum = exhaustive()(input);
        const optimumSummary = estimate(instance.ir, optimum.deployment);
        const optimumMeets = optimumSummary.latencyMs.p95 <= slo.latencyMs;
        const result = optimize(input);
        assert.deepEqual(verify(result.ir), []);
        if (!optimumMeets) return;
        compared += 1;
        assert.ok(result.meetsSlo, 'infeasible where exhaustive found a plan');
        assert.ok(result.summary.costUsd <= optimumSummary.costUsd * 1.02 + 1e-15, `dagc ${result.summary.costUsd} vs optimum ${optimumSummary.costUsd}`);
      }),
      { numRuns: 60, seed: 101 },
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
    const result = optimize({ ir, profiles, slo, estimate });
    const optimum = exhaustive()({ ir, profiles, slo, estimate });
    assert.ok(result.meetsSlo);
    assert.ok(result.summary.costUsd <= estimate(ir, optimum.deployment).costUsd * 1.02);
  });

  it('reports the fastest plan when no plan meets the SLO', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 500, parallelMs: 500, maxUsefulVcpu: 1, footprintMb: 60 } })]]);
    const result = optimize({ ir, profiles, slo: { percentile: 'p95', latencyMs: 100 }, estimate: closedFormEstimator(profiles) });
    assert.equal(result.meetsSlo, false);
    assert.ok(result.fastest);
    assert.ok(result.fastest.summary.latencyMs.p95 >= 500);
  });

  it('is deterministic: the same inputs give the same deployment and log', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const curve = (s: number) => ({ serialMs: s, parallelMs: 10 * s, maxUsefulVcpu: 2, footprintMb: 80 });
    const profiles = new Map(['a', 'b', 'c', 'd'].map((f, i) => [f, profileOf(f, { x86_64: curve(20 + 15 * i) })]));
    const run = () => JSON.stringify(optimize({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1500 }, estimate: closedFormEstimator(profiles) }));
    assert.equal(run(), run());
  });
});
