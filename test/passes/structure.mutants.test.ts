// The structure pass's log entries name the app as their subject, and the
// pass describes itself (its summary is what `dagc explain` and the plan
// page show beside its decisions). Complements test/passes/structure.test.ts.
import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { structurePass } from '../../src/passes/structure.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 1000 };

function decisionsOf(ir: IR) {
  const profiles = new Map([...ir.functions.keys()].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 10, parallelMs: 0 } })]));
  const session = new OptimizerSession(profiles, closedFormEstimator(profiles), SLO);
  return structurePass(session).run({ ir, deployment: currentDeployment(ir) }, {} as PassContext).decisions;
}

describe('structure pass (log subjects and summary)', () => {
  it('logs a series-parallel DAG and a staged one against the app as a whole', () => {
    assert.deepEqual(decisionsOf(irOf({ a: [], b: ['a'] })).map((d) => d.subject), ['app']);
    // The N (a → c, a → d, b → d) is not series-parallel: staged.
    const staged = decisionsOf(irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'] }));
    assert.equal(staged.length, 1);
    assert.equal(staged[0]!.kind, 'analysis');
    assert.equal(staged[0]!.subject, 'app');
  });

  it('describes what it decides in its summary', () => {
    const profiles = new Map();
    const pass = structurePass(new OptimizerSession(profiles, closedFormEstimator(profiles), SLO));
    assert.match(pass.summary, /series-parallel/);
  });
});
