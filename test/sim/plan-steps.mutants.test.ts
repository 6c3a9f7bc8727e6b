// What planning a step refuses (src/sim/plan-steps.ts), through whole estimates of a two-step chain a → b: a
// function with no profile, or none on the architecture it is deployed on, is the user's error (DAGC0104, naming
// the function and the architecture); a Batch instance type the platform table does not know is dagc's own bug.
import assert from 'node:assert/strict';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import type { Deployment } from '../../src/ir/deployment.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const OPTIONS = { samples: 10, seed: 1, threads: 1 };

/** The one diagnostic the estimate was refused with. */
function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(isUserError(error), `not a user error: ${String(error)}`);
    assert.equal(error.diagnostics.length, 1, JSON.stringify(error.diagnostics));
    return error.diagnostics[0]!;
  }
  assert.fail('the estimate was not refused');
}

describe('planning a step refuses', () => {
  const ir = irOf({ a: [], b: ['a'] });
  const both = new Map(['a', 'b'].map((fn) => [fn, exactProfile(fn, () => 100, { count: 20 })]));

  it('a function without a profile, naming the function and its architecture', () => {
    const d = refusal(() => estimate(ir, deployAt(ir, 1769), new Map([['a', both.get('a')!]]), OPTIONS));
    assert.equal(d.code, 'DAGC0104');
    assert.equal(d.message, "function 'b' has no profile on x86_64");
  });

  it('a function the deployment gives no memory or architecture, as having no profile on any', () => {
    const deployment = deployAt(ir, 1769);
    delete deployment.functions.b;
    const d = refusal(() => estimate(ir, deployment, both, OPTIONS));
    assert.equal(d.code, 'DAGC0104');
    assert.equal(d.message, "function 'b' has no profile on any");
  });

  it('a function deployed on an architecture it was not profiled on, naming that architecture', () => {
    const deployment: Deployment = deployAt(ir, 1769);
    deployment.functions.b = { memoryMb: 1769, architecture: 'arm64' };
    const d = refusal(() => estimate(ir, deployment, both, OPTIONS));
    assert.equal(d.code, 'DAGC0104');
    assert.equal(d.message, "function 'b' has no profile on arm64");
  });

  it('a Batch instance type the platform does not list, as a dagc bug naming the type', () => {
    const deployment: Deployment = deployAt(ir, 1769);
    deployment.functions.b = { memoryMb: 1769, architecture: 'x86_64', batch: { instanceType: 'no.such-type', vcpus: 4, gpus: 1 } };
    assert.throws(
      () => estimate(ir, deployment, both, OPTIONS),
      (error: unknown) => !isUserError(error) && error instanceof Error && /unknown Batch instance type 'no\.such-type'/.test(error.message),
    );
  });
});
