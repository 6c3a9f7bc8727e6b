import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { slackAnalysisPass, SLACK_ALLOTMENT } from '../../src/passes/slack-analysis.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

// a → b → d → e → f and a → c → d; every step takes its serialMs at any memory (no parallel part), so today's
// latencies are a 100, b 300, c 100, d 100, e 100, f 100; the choice step 'pick' between e and f takes none.
// Longest path through every step but c: 700 ms; through c: 500 ms.
function workflow(): { ir: IR; session: (slo: Slo) => OptimizerSession } {
  const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['d'], pick: ['e'], f: ['pick'] }, { pick: { choice: { f: 1 } } });
  const serial: Record<string, number> = { a: 100, b: 300, c: 100, d: 100, e: 100, f: 100 };
  const profiles = new Map(Object.entries(serial).map(([fn, serialMs]) => [fn, profileOf(fn, { x86_64: { serialMs, parallelMs: 0 } })]));
  return { ir, session: (slo) => new OptimizerSession(profiles, closedFormEstimator(profiles), slo) };
}

function run(latencyMs: number) {
  const { ir, session } = workflow();
  const slo: Slo = { percentile: 'p95', latencyMs };
  const deployment = currentDeployment(ir);
  const result = slackAnalysisPass(session(slo)).run({ ir, deployment }, { slo } as PassContext);
  assert.equal(result.ir, ir);
  assert.equal(result.deployment, deployment);
  return result.decisions;
}

describe('slack analysis', () => {
  it("says every step fits its budget when the SLO covers the longest path, and logs the five tightest, ties by id", () => {
    const decisions = run(700);
    assert.equal(decisions[0]!.pass, SLACK_ALLOTMENT);
    assert.equal(decisions[0]!.kind, 'analysis');
    assert.equal(decisions[0]!.chosen, "every step fits its budget at today's configuration");
    assert.deepEqual(decisions[0]!.numbers, { steps: 6, stepsOverBudget: 0 });
    // Budget / today: 1 on the 700 ms path, 1.4 for c (700 × 100 / 500 = 140 ms).
    assert.deepEqual(decisions.slice(1).map((d) => [d.subject, d.chosen, d.numbers]), [
      ['a', 'budget under the SLO', { budgetMs: 100, budgetToTodayRatio: 1, todayLatencyMs: 100 }],
      ['b', 'budget under the SLO', { budgetMs: 300, budgetToTodayRatio: 1, todayLatencyMs: 300 }],
      ['d', 'budget under the SLO', { budgetMs: 100, budgetToTodayRatio: 1, todayLatencyMs: 100 }],
      ['e', 'budget under the SLO', { budgetMs: 100, budgetToTodayRatio: 1, todayLatencyMs: 100 }],
      ['f', 'budget under the SLO', { budgetMs: 100, budgetToTodayRatio: 1, todayLatencyMs: 100 }],
    ]);
  });

  it('counts the steps over their budget as a miss, tightest first', () => {
    const decisions = run(350);
    assert.equal(decisions[0]!.kind, 'missed');
    assert.equal(decisions[0]!.chosen, "6 step(s) over their budget at today's configuration");
    assert.deepEqual(decisions[0]!.numbers, { steps: 6, stepsOverBudget: 6 });
    assert.deepEqual(decisions.slice(1).map((d) => d.numbers.budgetToTodayRatio), [0.5, 0.5, 0.5, 0.5, 0.5]);
    // At 600 ms only the 700 ms path's steps are over (ratio 6/7); c's ratio is 1.2; c sorts last, unlogged.
    const between = run(600);
    assert.deepEqual(between[0]!.numbers, { steps: 6, stepsOverBudget: 5 });
    assert.deepEqual(new Set(between.slice(1).map((d) => d.subject)), new Set(['a', 'b', 'd', 'e', 'f']));
  });

  it('sorts by the ratio before the id', () => {
    // SLO 700 but c slower: c 300 ms makes its path 700 ms too; b 100 ms makes b's path 500 ms (ratio 1.4).
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const serial: Record<string, number> = { a: 100, b: 100, c: 500, d: 100 };
    const profiles = new Map(Object.entries(serial).map(([fn, serialMs]) => [fn, profileOf(fn, { x86_64: { serialMs, parallelMs: 0 } })]));
    const slo: Slo = { percentile: 'p95', latencyMs: 490 };
    const decisions = slackAnalysisPass(new OptimizerSession(profiles, closedFormEstimator(profiles), slo)).run({ ir, deployment: currentDeployment(ir) }, { slo } as PassContext).decisions;
    // Through a, c, d: 700 ms (ratio 0.7); through b: 300 ms (ratio 490 / 300).
    assert.deepEqual(decisions.slice(1).map((d) => d.subject), ['a', 'c', 'd', 'b']);
    assert.equal(decisions[0]!.numbers.stepsOverBudget, 3);
  });
});
