import assert from 'node:assert/strict';
import fc from 'fast-check';
import { llamaSlack } from '../../src/baselines/llama-slack.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import { currentDeployment } from '../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import type { Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { slackSizing } from '../../src/passes/slack-sizing.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';

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
