// The prewarm pass's removal of warm-ups the SLO does not need, when two removals interact: each alone keeps the
// plan within the SLO, both together do not, so whichever is tried first is the one dropped. The pass tries them
// in step-id order, whatever order the plan lists its steps in (a plan read back from plan.json, or built by a
// pass that spread the steps in another order, must give the same plan). A closed-form cold-start estimator
// (each invoking step 100 ms, plus 150 ms when it starts cold; cost 1 per step, 1/4 per ping, 1 per provisioned
// environment), so every number is worked by hand. Issue 26: the survivor prewarm.ts:84:26 (the steps unsorted).
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { prewarmPass } from '../../src/passes/prewarm.ts';
import { coldStartEstimator } from '../helpers/cold-start-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';

// Each invoking step 100 ms, plus its cold start unless warmed; cost 1 per step, 0.25 per ping, 1 per provisioned environment.
const estimate = coldStartEstimator({ a: 150, b: 150, c: 150 }, { pingUsd: 0.25, provisionedUsd: 1 });

describe('prewarm (dropping warm-ups that interact)', () => {
  it('drops the warm-up of the first step by id when dropping both would miss, whatever order the plan lists its steps in', () => {
    // a → b → c, every step cold: 3 × 250 = 750 ms for 3, over the 600 ms SLO. The entry a is never pinged.
    // Pings from a to b and c: 250 + 100 + 100 = 450 ms for 3 + 2/4 = 3.5; provisioning all three: 300 ms for
    // 3 + 3 = 6. Pings win. Then, in id order: dropping b's ping gives 250 + 250 + 100 = 600 ms for 3.25 (meets,
    // cheaper: dropped); dropping c's too would give 750 ms (misses: kept). Tried c first, c's would go and b's
    // stay (also 600 ms for 3.25): another plan.
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const today = currentDeployment(ir);
    // The steps listed c, b, a: the reverse of id order.
    const base: Deployment = { ...today, steps: { c: today.steps['c'] ?? {}, b: today.steps['b'] ?? {}, a: today.steps['a'] ?? {} } };
    assert.deepEqual(Object.keys(base.steps), ['c', 'b', 'a']);
    const slo: Slo = { percentile: 'p95', latencyMs: 600 };
    const result = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir, deployment: base }, { slo } as PassContext);
    const decision = result.decisions[0]!;
    assert.equal(decision.kind, 'passed');
    assert.equal(decision.chosen, 'warm-up pings from the entry step: the sized plan missed the SLO on cold starts');
    assert.deepEqual(decision.numbers, { costUsd: 3.25, latencyMs: 600, withoutLatencyMs: 750, withoutCostUsd: 3 });
    assert.equal(result.deployment.steps['b']!.warmedBy, undefined);
    assert.equal(result.deployment.steps['c']!.warmedBy, 'a');
  });
});
