// The optimizer's pass order (src/passes/pipeline.ts): which passes run for
// dagc, for a baseline and without prewarming, and the two data-passing
// passes — before sizing only the edges off their default are written (what
// the search's deployments carry), after it every edge's mode.
import assert from 'node:assert/strict';
import { userMax } from '../../src/baselines/user-max.ts';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { ALL_DECISIONS, optimizerPipeline } from '../../src/passes/pipeline.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 1000 };
const session = () => new OptimizerSession(new Map(), closedFormEstimator(new Map()), SLO);

describe('optimizer pipeline (pass order)', () => {
  it('runs prewarming after sizing for dagc, and not for a baseline or with prewarming off', () => {
    const names = (passes: ReturnType<typeof optimizerPipeline>) => passes.map((p) => p.name);
    const dagc = names(optimizerPipeline(session()));
    assert.deepEqual(dagc, ['accelerator', 'long-steps', 'structure', 'slack-allotment', 'data-passing', 'memory-sizing', 'prewarm', 'data-passing']);
    const baseline = names(optimizerPipeline(session(), { name: 'user-max', strategy: userMax }));
    assert.equal(baseline.includes('prewarm'), false);
    assert.equal(baseline.includes('memory-sizing'), false);
    assert.equal(baseline.length, 7);
    const noPrewarm = names(optimizerPipeline(session(), undefined, { ...ALL_DECISIONS, prewarm: false }));
    assert.deepEqual(noPrewarm, ['accelerator', 'long-steps', 'structure', 'slack-allotment', 'data-passing', 'memory-sizing', 'data-passing']);
  });

  it('writes only non-default edge modes before sizing and every edge mode at the end', () => {
    const passes = optimizerPipeline(session());
    const ir = irOf({ a: [], b: ['a'] });
    const state = { ir, deployment: currentDeployment(ir) };
    const before = passes[4]!.run(state, { slo: SLO } as PassContext);
    assert.deepEqual(before.deployment.edges, {});
    const after = passes.at(-1)!.run(state, { slo: SLO } as PassContext);
    assert.deepEqual(after.deployment.edges, { 'a->b': 'inline' });
  });
});
