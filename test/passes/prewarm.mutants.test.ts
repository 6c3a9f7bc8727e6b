// The prewarm pass on a plan whose warm-up pings the frontier search already
// chose with memory: it keeps the plan, and logs it against the same plan
// without pings and against the two prewarming ways. A closed-form cold-start
// estimator (each invoking step 100 ms + its cold start unless warmed; cost 1
// per step, 1/4 per ping, 1 per provisioned environment), so every number is
// worked by hand. Complements test/passes/prewarm.test.ts.
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { prewarmPass } from '../../src/passes/prewarm.ts';
import { coldStartEstimator } from '../helpers/cold-start-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';

// Each invoking step 100 ms, plus its cold start unless warmed; cost 1 per step, 0.25 per ping, 1 per provisioned environment.
const estimate = coldStartEstimator({ b: 500, c: 500 }, { pingUsd: 0.25, provisionedUsd: 1 });

describe('prewarm (pings chosen by the search)', () => {
  it('keeps pings the search chose and logs them against the plan without pings and the two ways', () => {
    // a → b; b starts cold in 500 ms. The plan pings b from a: 200 ms for 2.25; without the ping 700 ms for 2.
    const ir = irOf({ a: [], b: ['a'] });
    const today = currentDeployment(ir);
    const base: Deployment = { ...today, steps: { ...today.steps, b: { ...today.steps['b'], warmedBy: 'a' } } };
    const slo: Slo = { percentile: 'p95', latencyMs: 300 };
    const result = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir, deployment: base }, { slo } as PassContext);
    assert.equal(result.deployment, base);
    assert.equal(result.decisions.length, 1);
    const decision = result.decisions[0]!;
    assert.equal(decision.kind, 'passed');
    assert.equal(decision.subject, 'app');
    assert.equal(decision.chosen, 'warm-up pings from a to b, chosen with memory by the frontier search');
    assert.deepEqual(decision.numbers, { costUsd: 2.25, latencyMs: 200, withoutLatencyMs: 700, withoutCostUsd: 2 });
    // Pinging from the entry is this very plan (as dear, meets); provisioning b costs 1 more.
    assert.deepEqual(
      decision.rejected.map((r) => [r.option, r.reason]),
      [
        ['warm-up pings from the entry step', 'cheaper in this estimate; the search did not pick it with these sizes'],
        ['provisioned concurrency', 'dearer'],
      ],
    );
    assert.deepEqual(decision.rejected[0]!.numbers, { costUsd: 2.25, latencyMs: 200 });
  });

  it("compares with the plan less its pings only: the plan's provisioned concurrency stays", () => {
    // a → b, a → c; the plan pings b and provisions one environment for c: 200 ms for 3 + 1/4 + 1.
    // Without the ping b starts cold (700 ms); c stays provisioned (cost 4).
    const ir = irOf({ a: [], b: ['a'], c: ['a'] });
    const today = currentDeployment(ir);
    const base: Deployment = { ...today, steps: { ...today.steps, b: { ...today.steps['b'], warmedBy: 'a' }, c: { ...today.steps['c'], prewarm: 1 } } };
    const slo: Slo = { percentile: 'p95', latencyMs: 300 };
    const result = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir, deployment: base }, { slo } as PassContext);
    assert.equal(result.deployment, base);
    const decision = result.decisions[0]!;
    assert.equal(decision.chosen, 'warm-up pings from a to b, chosen with memory by the frontier search');
    assert.deepEqual(decision.numbers, { costUsd: 4.25, latencyMs: 200, withoutLatencyMs: 700, withoutCostUsd: 4 });
  });

  it('lists the pinged steps sorted whatever order the plan lists them in', () => {
    // a → b, a → c; the plan (steps written c first) pings both: 200 ms for 3 + 2/4; without pings 700 ms for 3.
    const ir = irOf({ a: [], b: ['a'], c: ['a'] });
    const today = currentDeployment(ir);
    const base: Deployment = { ...today, steps: { c: { warmedBy: 'a' }, b: { warmedBy: 'a' } } };
    const slo: Slo = { percentile: 'p95', latencyMs: 300 };
    const result = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir, deployment: base }, { slo } as PassContext);
    assert.equal(result.decisions[0]!.chosen, 'warm-up pings from a to b, c, chosen with memory by the frontier search');
    assert.deepEqual(result.decisions[0]!.numbers, { costUsd: 3.5, latencyMs: 200, withoutLatencyMs: 700, withoutCostUsd: 3 });
  });

  it('logs against the app when there is nothing to prewarm or the workflow is too large to consider it', () => {
    const slo: Slo = { percentile: 'p95', latencyMs: 300 };
    const one = irOf({ a: [] });
    const nothing = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir: one, deployment: currentDeployment(one) }, { slo } as PassContext);
    assert.deepEqual(nothing.decisions.map((d) => [d.kind, d.subject]), [['analysis', 'app']]);
    // 2 steps + 1 edge + a 20,000-item map: a budget of 2 whole-workflow checks.
    const large = irOf({ m: [], n: ['m'] }, { m: { map: { kind: 'fixed', width: 20_000 } } });
    const skipped = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir: large, deployment: currentDeployment(large) }, { slo } as PassContext);
    assert.deepEqual(skipped.decisions.map((d) => [d.kind, d.subject]), [['missed', 'app']]);
  });

  it('describes what it decides in its summary', () => {
    assert.match(prewarmPass(new OptimizerSession(new Map(), estimate, { percentile: 'p95', latencyMs: 1 })).summary, /warm-up pings or provisioned concurrency/);
  });
});

// Review of the survivors the completed src/passes run left unreviewed (bench/results/mutation-src-passes-review-rvpasses.txt).
describe('prewarm (the entry\'s fusion group)', () => {
  it("pings no step fused with the entry: it runs in the entry's own warm Lambda", () => {
    // a → b → c, a and b fused in one group; b and c start cold in 500 ms (in this estimator, which ignores fusion).
    // Pinging from a pings c only: 100 + 600 + 100 = 800 ms for 3.25 — over the 300 ms SLO, so provisioned
    // concurrency wins. Pinging b too would make 300 ms for 3.5 and win instead.
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const today = currentDeployment(ir);
    const base: Deployment = {
      ...today,
      steps: { ...today.steps, a: { ...today.steps['a'], fusionGroup: '~fuse-a' }, b: { ...today.steps['b'], fusionGroup: '~fuse-a' } },
      groups: { '~fuse-a': { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } },
    };
    const slo: Slo = { percentile: 'p95', latencyMs: 300 };
    const result = prewarmPass(new OptimizerSession(new Map(), estimate, slo)).run({ ir, deployment: base }, { slo } as PassContext);
    const decision = result.decisions[0]!;
    const pings = decision.rejected.find((r) => r.option === 'warm-up pings from the entry step')!;
    assert.deepEqual(pings.numbers, { costUsd: 3.25, latencyMs: 800 });
    assert.equal(result.deployment.steps['b']!.warmedBy, undefined);
  });
});
