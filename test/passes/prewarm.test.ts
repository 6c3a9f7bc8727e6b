import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateFn } from '../../src/passes/estimator-port.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { prewarmPass, PREWARM } from '../../src/passes/prewarm.ts';
import { coldStartEstimator } from '../helpers/cold-start-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';


function prewarm(ir: IR, estimate: EstimateFn, slo: Slo, deployment: Deployment = currentDeployment(ir)) {
  const session = new OptimizerSession(new Map(), estimate, slo);
  return prewarmPass(session).run({ ir, deployment }, { slo } as PassContext);
}

const slo = (latencyMs: number): Slo => ({ percentile: 'p95', latencyMs });

describe('prewarm', () => {
  it('changes nothing when the sized plan meets the SLO, and logs what each way would have cost and bought', () => {
    const ir = irOf({ a: [], b: ['a'] });
    // Cold: a 500 + b 300 + work 200 = 1000 ms, exactly the SLO.
    const estimate = coldStartEstimator({ a: 500, b: 300 }, { pingUsd: 0.125, provisionedUsd: 1 });
    const deployment = currentDeployment(ir);
    const result = prewarm(ir, estimate, slo(1000), deployment);
    assert.equal(result.deployment, deployment);
    const [decision, ...rest] = result.decisions;
    assert.equal(rest.length, 0);
    assert.equal(decision!.pass, PREWARM);
    assert.equal(decision!.kind, 'analysis');
    assert.equal(decision!.chosen, 'no prewarming: the sized plan meets the SLO');
    assert.deepEqual(decision!.numbers, { costUsd: 2, latencyMs: 1000 });
    assert.deepEqual(decision!.rejected, [
      { option: 'warm-up pings from the entry step', reason: 'the plan meets the SLO without it, for less', numbers: { costUsd: 2.125, latencyMs: 700 } },
      { option: 'provisioned concurrency', reason: 'the plan meets the SLO without it, for less', numbers: { costUsd: 4, latencyMs: 200 } },
    ]);
  });

  it('pings the later steps warm when that is the cheaper way to meet, then drops the pings the SLO does not need', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    // Cold: 1810 ms for 3. Pinged: a stays cold, 800 ms for 3.25. Provisioned: 300 ms for 6. SLO 900 ms: both meet,
    // the pings for less; c's ping (10 ms of cold start) is not needed: 810 ms for 3.125.
    const estimate = coldStartEstimator({ a: 500, b: 1000, c: 10 }, { pingUsd: 0.125, provisionedUsd: 1 });
    const result = prewarm(ir, estimate, slo(900));
    assert.deepEqual(result.deployment.steps, { b: { warmedBy: 'a' }, c: {} });
    const [decision] = result.decisions;
    assert.equal(decision!.kind, 'passed');
    assert.equal(decision!.chosen, 'warm-up pings from the entry step: the sized plan missed the SLO on cold starts');
    assert.deepEqual(decision!.numbers, { costUsd: 3.125, latencyMs: 810, withoutCostUsd: 3, withoutLatencyMs: 1810 });
    assert.deepEqual(decision!.rejected, [{ option: 'provisioned concurrency', reason: 'dearer', numbers: { costUsd: 6, latencyMs: 300 } }]);
  });

  it('keeps a step warmed when dropping it would still meet but cost no less', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    // Pings are free here: dropping c's saves nothing, so it stays.
    const estimate = coldStartEstimator({ a: 500, b: 1000, c: 10 }, { pingUsd: 0, provisionedUsd: 1 });
    assert.deepEqual(prewarm(ir, estimate, slo(900)).deployment.steps, { b: { warmedBy: 'a' }, c: { warmedBy: 'a' } });
  });

  it('provisions concurrency when the pings cost more, or cannot make the plan meet (the entry step stays cold under pings)', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    // SLO 700 ms: pinged (800 ms) misses; provisioned (300 ms) meets. Dropping a's (800 ms) misses; dropping c's
    // (310 ms for 5) meets for less.
    const estimate = coldStartEstimator({ a: 500, b: 1000, c: 10 }, { pingUsd: 0.125, provisionedUsd: 1 });
    const result = prewarm(ir, estimate, slo(700));
    assert.deepEqual(result.deployment.steps, { a: { prewarm: 1 }, b: { prewarm: 1 }, c: {} });
    const [decision] = result.decisions;
    assert.equal(decision!.chosen, 'provisioned concurrency: the sized plan missed the SLO on cold starts');
    assert.deepEqual(decision!.rejected, [{ option: 'warm-up pings from the entry step', reason: 'still misses the SLO', numbers: { costUsd: 3.25, latencyMs: 800 } }]);
    // Where both meet and the pings are dearer, provisioned concurrency wins too.
    const dearPings = coldStartEstimator({ a: 500, b: 1000, c: 10 }, { pingUsd: 10, provisionedUsd: 1 });
    assert.equal(prewarm(ir, dearPings, slo(900)).decisions[0]!.chosen, 'provisioned concurrency: the sized plan missed the SLO on cold starts');
  });

  it('logs a miss when neither way makes the plan meet, and changes nothing', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const estimate = coldStartEstimator({ a: 500, b: 1000 }, { pingUsd: 0.125, provisionedUsd: 1 });
    const deployment = currentDeployment(ir);
    const result = prewarm(ir, estimate, slo(150), deployment);
    assert.equal(result.deployment, deployment);
    const [decision] = result.decisions;
    assert.equal(decision!.kind, 'missed');
    assert.equal(decision!.chosen, 'no prewarming makes the plan meet the SLO');
    assert.deepEqual(decision!.numbers, { costUsd: 2, latencyMs: 1700 });
    assert.deepEqual(decision!.rejected.map((r) => r.reason), ['still misses the SLO', 'still misses the SLO']);
  });

  it('has nothing to prewarm in a one-step workflow', () => {
    const ir = irOf({ a: [] });
    const estimate = coldStartEstimator({ a: 5000 }, { pingUsd: 0.125, provisionedUsd: 1 });
    const result = prewarm(ir, estimate, slo(150));
    assert.equal(result.decisions[0]!.kind, 'analysis');
    assert.equal(result.decisions[0]!.chosen, 'nothing to prewarm: no step runs after the workflow entry');
    assert.deepEqual(result.deployment.steps, {});
  });

  it('pings from the first invoking source step every later invoking step outside Batch and outside the entry fusion group', () => {
    // '0pick' is a choice (runs no function) and sorts first; b and a are invoking sources: a is the entry.
    const ir = irOf({ '0pick': [], b: [], a: [], x: ['0pick', 'a', 'b'], fused: ['a'], gpu: ['x'], y: ['0pick'], z: ['fused', 'gpu', 'y'] }, { '0pick': { choice: { x: 0.5, y: 0.5 } } });
    const deployment = currentDeployment(ir);
    deployment.functions['gpu'] = { ...deployment.functions['gpu']!, batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    deployment.steps['a'] = { fusionGroup: 'g' };
    deployment.steps['fused'] = { fusionGroup: 'g' };
    deployment.steps['x'] = { bundleSize: 2 };
    deployment.groups = { g: { steps: ['a', 'fused'], memoryMb: 1024, architecture: 'x86_64' } };
    const cold = { a: 0, b: 5000, x: 5000, fused: 0, gpu: 0, y: 5000, z: 5000 };
    // Every warmed step is needed (dropping any one misses 4000 ms) and pings are cheaper than provisioning.
    const estimate = coldStartEstimator(cold, { pingUsd: 0.125, provisionedUsd: 1 });
    const result = prewarm(ir, estimate, slo(4000), deployment);
    assert.deepEqual(result.deployment.steps, {
      a: { fusionGroup: 'g' },
      fused: { fusionGroup: 'g' },
      b: { warmedBy: 'a' },
      x: { bundleSize: 2, warmedBy: 'a' },
      y: { warmedBy: 'a' },
      z: { warmedBy: 'a' },
    });
  });

  it('provisions as many environments as each step runs at once: 1 for a task, a map its bundles within its concurrency limits', () => {
    const ir = irOf(
      { e: [], m1: ['e'], m2: ['m1'], m3: ['m2'], m4: ['m3'], m5: ['m4'], gpu: ['m5'] },
      {
        m1: { map: { kind: 'fixed', width: 100 } },
        m2: { map: { kind: 'fixed', width: 1000 } },
        m3: { map: { kind: 'fixed', width: 5000 } },
        m4: { map: { kind: 'uniform', min: 10, max: 30 } },
        m5: { map: { kind: 'fixed', width: 1000 } },
      },
    );
    (ir.graph.node('m2') as { maxConcurrency: number }).maxConcurrency = 30;
    (ir.graph.node('m5') as { maxConcurrency: number }).maxConcurrency = 50;
    const deployment = currentDeployment(ir);
    deployment.functions['gpu'] = { ...deployment.functions['gpu']!, batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    deployment.steps['m1'] = { bundleSize: 3 };
    deployment.steps['m3'] = { map: { mode: 'distributed', maxConcurrency: 0 } };
    const cold = { e: 1000, m1: 1000, m2: 1000, m3: 1000, m4: 1000, m5: 1000 };
    const estimate = coldStartEstimator(cold, { pingUsd: 0.125, provisionedUsd: 1 / 1024 });
    const result = prewarm(ir, estimate, slo(700), deployment);
    assert.equal(result.decisions[0]!.chosen, 'provisioned concurrency: the sized plan missed the SLO on cold starts');
    assert.deepEqual(result.deployment.steps, {
      e: { prewarm: 1 },
      // ceil(100 / 3) = 34 bundles, under the Inline Map's 40.
      m1: { bundleSize: 3, prewarm: 34 },
      // The spec's MaxConcurrency.
      m2: { prewarm: 30 },
      // A Distributed Map: the account's 1,000 concurrent Lambdas.
      m3: { map: { mode: 'distributed', maxConcurrency: 0 }, prewarm: 1000 },
      // The widest draw, 30.
      m4: { prewarm: 30 },
      // A MaxConcurrency over the Inline Map's 40 is capped at 40.
      m5: { prewarm: 40 },
    });
  });

  it('leaves prewarming to the user on a workflow too large for more than two whole-workflow checks', () => {
    const estimate = coldStartEstimator({ m: 5000, n: 5000 }, { pingUsd: 0.125, provisionedUsd: 1 });
    // Size = steps + edges + mean map widths. 2 + 1 + 11,997 = 12,000: a budget of 5 estimates, considered.
    const considered = irOf({ m: [], n: ['m'] }, { m: { map: { kind: 'fixed', width: 11_997 } } });
    assert.equal(prewarm(considered, estimate, slo(150)).decisions[0]!.chosen, 'no prewarming makes the plan meet the SLO');
    // 12,001: a budget of 4 estimates, 2 checks: left to the user.
    const large = irOf({ m: [], n: ['m'] }, { m: { map: { kind: 'fixed', width: 11_998 } } });
    const result = prewarm(large, estimate, slo(150));
    assert.equal(result.decisions.length, 1);
    assert.equal(result.decisions[0]!.kind, 'missed');
    assert.equal(result.decisions[0]!.chosen, 'prewarming not considered: the workflow is large enough that its estimates are reserved for sizing');
    assert.deepEqual(result.deployment.steps, {});
  });
});
