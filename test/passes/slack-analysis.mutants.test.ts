// Slack analysis on a chain whose steps all get the same budget-to-today
// ratio, declared in reverse id order: the tightest five are logged by id
// whatever order the graph lists them in; the verdict's subject is the app.
// Complements test/passes/slack-analysis.test.ts.
import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { slackAnalysisPass } from '../../src/passes/slack-analysis.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

// z → y → x → w → v → u, 100 ms each at any memory: one path of 600 ms, every step's budget is SLO / 6.
function run(latencyMs: number) {
  const ir = irOf({ z: [], y: ['z'], x: ['y'], w: ['x'], v: ['w'], u: ['v'] });
  const profiles = new Map([...ir.functions.keys()].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 100, parallelMs: 0 } })]));
  const slo: Slo = { percentile: 'p95', latencyMs };
  const pass = slackAnalysisPass(new OptimizerSession(profiles, closedFormEstimator(profiles), slo));
  return { pass, decisions: pass.run({ ir, deployment: currentDeployment(ir) }, { slo } as PassContext).decisions };
}

describe('slack analysis (ties and subjects)', () => {
  it('logs the five tightest of equally tight steps in id order, not graph order', () => {
    const { decisions } = run(600);
    assert.deepEqual(decisions.slice(1).map((d) => [d.subject, d.numbers.budgetToTodayRatio]), [
      ['u', 1],
      ['v', 1],
      ['w', 1],
      ['x', 1],
      ['y', 1],
    ]);
  });

  it('gives its verdict on the app, met or missed', () => {
    assert.deepEqual(run(600).decisions[0]!.subject, 'app');
    const missed = run(300).decisions[0]!;
    assert.equal(missed.kind, 'missed');
    assert.equal(missed.subject, 'app');
  });

  it('describes what it decides in its summary', () => {
    assert.match(run(600).pass.summary, /budget/);
  });
});
