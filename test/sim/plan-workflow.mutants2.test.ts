// Which plans planWorkflow (src/sim/plan-workflow.ts) keeps: a step whose own deployment and the estimate's context
// (profiles, prices, cold odds, ping cold odds) are what they were gets back the very plan object made before; any of
// those changed, or the graph grown, plans afresh; and the plans of the last four contexts of a graph are kept.
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import { pricesFor } from '../../src/model/platform.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { hopContext } from '../../src/sim/s3-hops.ts';
import { planWorkflow } from '../../src/sim/plan-workflow.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { planContext } from '../helpers/plan-context.ts';

const profilesAt = (ms: number, ...fns: string[]): Map<string, FunctionProfile> => new Map(fns.map((fn) => [fn, exactProfile(fn, () => ms, { count: 20 })]));

/** Plans of a → b, by step id. */
function plansById(ir: IR, context: Parameters<typeof planWorkflow>[0]) {
  const { steps } = planWorkflow(context);
  return new Map(steps.map((s) => [s.node.id, s]));
}

describe('planWorkflow reuse', () => {
  it('hands back the very plans it made when the same deployment is planned again in the same context', () => {
    const ir = irOf({ a: [], b: ['a'], m: ['b'] }, { m: { map: { kind: 'fixed', width: 3 } } });
    const deployment = deployAt(ir, 1769);
    deployment.steps.m = { ...deployment.steps.m, map: { mode: 'inline', maxConcurrency: 2 } };
    const context = planContext(ir, deployment, profilesAt(100, 'a', 'b', 'm'));
    const first = planWorkflow(context).steps;
    const again = planWorkflow({ ...context }).steps;
    first.forEach((plan, i) => assert.equal(again[i], plan, plan.node.id));
  });

  it('compiles a re-planned workflow against the tables kept with its plans: nothing is copied in again', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const context = planContext(ir, deployAt(ir, 1769), profilesAt(100, 'a', 'b'));
    const first = planWorkflow(context).workflow.ratios;
    const again = planWorkflow({ ...context }).workflow.ratios;
    assert.ok(first.length > 0, 'the plain tasks draw from tables');
    assert.equal(again.buffer, first.buffer, 'the second estimate\'s tables went into a new arena');
    assert.equal(again.length, first.length, 'a kept table was copied in again');
  });

  it('plans afresh under other profiles, other prices, other cold odds or other ping cold odds', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const deployment = deployAt(ir, 1024);
    deployment.steps.b = { ...deployment.steps.b, warmedBy: 'a' };
    const base = planContext(ir, deployment, profilesAt(100, 'a', 'b'), { pingColdProbability: 0 });
    const before = plansById(ir, base).get('b')!;
    assert.ok(Math.abs(before.model!.medianMs(1024) - 100) < 1e-9);

    const slower = plansById(ir, { ...base, profiles: profilesAt(200, 'a', 'b') }).get('b')!;
    assert.ok(Math.abs(slower.model!.medianMs(1024) - 200) < 1e-9, 'the new profiles\' median');

    const prices = { ...pricesFor('us-east-1'), lambdaGbSecondUsd: { x86_64: 1, arm64: 2 } };
    assert.equal(plansById(ir, { ...base, prices }).get('b')!.onDemandGbSecondUsd, 1);

    assert.equal(plansById(ir, { ...base, coldProbability: 0.25 }).get('b')!.coldProbability, 0.25);

    // One ping at 1 GB: (1 ms + odds × the profile's 100 ms init) / 1000 GB-s at the x86 price.
    const price = pricesFor('us-east-1').lambdaGbSecondUsd.x86_64;
    assert.ok(Math.abs(before.pingComputeUsd - (1 / 1000) * price) < 1e-15);
    const pinged = plansById(ir, { ...base, pingColdProbability: 0.5 }).get('b')!;
    assert.ok(Math.abs(pinged.pingComputeUsd - (51 / 1000) * price) < 1e-15, String(pinged.pingComputeUsd));
  });

  it('plans a map afresh when its deployment switches it to a Distributed Map', () => {
    const ir = irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 3 } } });
    const inline = deployAt(ir, 1769);
    inline.steps.m = { ...inline.steps.m, map: { mode: 'inline', maxConcurrency: 0 } };
    const distributed: Deployment = structuredClone(inline);
    distributed.steps.m = { ...distributed.steps.m, map: { mode: 'distributed', maxConcurrency: 0 } };
    const profiles = profilesAt(100, 'a', 'm');
    const context = planContext(ir, inline, profiles);
    assert.equal(plansById(ir, context).get('m')!.distributed, false);
    assert.equal(plansById(ir, { ...context, deployment: distributed, hops: hopContext(ir, distributed) }).get('m')!.distributed, true);
  });

  it('plans every step afresh once a step is added to the graph, even one with the same settings', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const context = planContext(ir, deployAt(ir, 1769), profilesAt(100, 'a', 'b'));
    planWorkflow(context);
    // a0 runs a's function, alone: the order becomes a, a0, b.
    ir.graph.setNode('a0', { id: 'a0', kind: 'task', functionName: 'a', outputBytes: 1024 });
    assert.deepEqual(planWorkflow({ ...context, hops: hopContext(ir, context.deployment) }).steps.map((s) => s.node.id), ['a', 'a0', 'b']);
  });

  it('plans afresh once an edge is added: an entry that gains a predecessor is timed from its dispatch again', () => {
    const ir = irOf({ a: [], b: [] });
    const context = planContext(ir, deployAt(ir, 1769), profilesAt(100, 'a', 'b'), { untimedEntries: true });
    assert.equal(plansById(ir, context).get('b')!.untimedStart, true);
    ir.graph.setEdge('a', 'b', { bytes: 1024 });
    assert.equal(plansById(ir, { ...context, hops: hopContext(ir, context.deployment) }).get('b')!.untimedStart, false);
  });

  it('keeps the plans of the last four contexts of a graph, dropping the oldest for a fifth', () => {
    const planner = () => {
      const ir = irOf({ a: [] });
      const context = planContext(ir, deployAt(ir, 1769), profilesAt(100, 'a'));
      return (coldProbability: number) => planWorkflow({ ...context, coldProbability }).steps[0]!;
    };
    const four = planner();
    const first = four(0.1);
    for (const p of [0.2, 0.3, 0.4]) four(p);
    assert.equal(four(0.1), first, 'the first of four contexts was dropped');

    const five = planner();
    const oldest = five(0.1);
    for (const p of [0.2, 0.3, 0.4, 0.5]) five(p);
    const again = five(0.1);
    assert.notEqual(again, oldest, 'a fifth context did not drop the oldest');
    assert.equal(again.coldProbability, 0.1);
  });
});
