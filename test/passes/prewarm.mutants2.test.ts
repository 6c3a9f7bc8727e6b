// The prewarm pass's removal of warm-ups the SLO does not need, when two removals interact: each alone keeps the
// plan within the SLO, both together do not, so whichever is tried first is the one dropped. The pass tries them
// in step-id order, whatever order the plan lists its steps in (a plan read back from plan.json, or built by a
// pass that spread the steps in another order, must give the same plan). A closed-form cold-start estimator
// (each invoking step 100 ms, plus 150 ms when it starts cold; cost 1 per step, 1/4 per ping, 1 per provisioned
// environment), so every number is worked by hand. Issue 26: the survivor prewarm.ts:84:26 (the steps unsorted).
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import { invokesFunction, type IR, type Slo } from '../../src/ir/types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { prewarmPass } from '../../src/passes/prewarm.ts';
import { irOf } from '../helpers/ir-builder.ts';

const COLD_MS = 150;
const estimate: EstimateFn = (ir: IR, deployment: Deployment): EstimateSummary => {
  const finish = new Map<string, number>();
  let costUsd = 0;
  let lengthMs = 0;
  for (const id of topologicalOrder(ir)) {
    const node = ir.graph.node(id);
    const start = Math.max(0, ...(ir.graph.predecessors(id) ?? []).map((p) => finish.get(p)!));
    let ownMs = 0;
    if (invokesFunction(node)) {
      const step = deployment.steps[id] ?? {};
      const warm = step.warmedBy !== undefined || (step.prewarm ?? 0) > 0;
      ownMs = 100 + (warm ? 0 : COLD_MS);
      costUsd += 1 + (step.warmedBy !== undefined ? 0.25 : 0) + (step.prewarm ?? 0);
    }
    finish.set(id, start + ownMs);
    lengthMs = Math.max(lengthMs, start + ownMs);
  }
  return {
    latencyMs: { p50: lengthMs, p90: lengthMs, p95: lengthMs, p99: lengthMs, max: lengthMs },
    costUsd,
    breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
  };
};

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
