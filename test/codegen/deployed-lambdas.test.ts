// The Lambdas a deployment creates (src/codegen/deployed-lambdas.ts): every emitter lists them through it, so
// their order and contents must not depend on the order the spec or the deployment happened to list things in.
import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import { deployedLambdas } from '../../src/codegen/deployed-lambdas.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** Steps, groups and functions each listed out of order: y, x run g; w runs f; v runs the Batch function e; u2, u1 the group grp-b; t the group grp-a. */
function scrambled() {
  const ir = irOf(
    { y: [], x: [], w: [], v: [], u2: [], u1: ['u2'], t: [] },
    { y: { functionName: 'g' }, x: { functionName: 'g' }, w: { functionName: 'f' }, v: { functionName: 'e' }, u2: { functionName: 'q' }, u1: { functionName: 'p' }, t: { functionName: 'r' } },
  );
  const deployment = currentDeployment(ir);
  deployment.functions['e'] = { memoryMb: 4096, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
  deployment.groups = {
    'grp-b': { steps: ['u2', 'u1'], memoryMb: 2048, architecture: 'arm64' },
    'grp-a': { steps: ['t'], memoryMb: 512, architecture: 'x86_64' },
  };
  deployment.steps = { u2: { fusionGroup: 'grp-b' }, u1: { fusionGroup: 'grp-b' }, t: { fusionGroup: 'grp-a' } };
  return { ir, deployment };
}

describe('deployed Lambdas', () => {
  it('lists groups by id, then functions by name, each function\'s steps and each group\'s functions sorted, no Lambda for a Batch job', () => {
    const { ir, deployment } = scrambled();
    const memory = ir.functions.get('g')!.memoryMb;
    assert.deepEqual(deployedLambdas(ir, deployment), [
      { key: 'grp-a', kind: 'group', memoryMb: 512, architecture: 'x86_64', steps: ['t'], functions: ['r'] },
      { key: 'grp-b', kind: 'group', memoryMb: 2048, architecture: 'arm64', steps: ['u2', 'u1'], functions: ['p', 'q'] },
      { key: 'f', kind: 'function', memoryMb: ir.functions.get('f')!.memoryMb, architecture: 'x86_64', steps: ['w'], functions: ['f'] },
      { key: 'g', kind: 'function', memoryMb: memory, architecture: 'x86_64', steps: ['x', 'y'], functions: ['g'] },
    ]);
  });

  it('refuses a group id that is also the name of a function with a Lambda of its own (a dagc bug)', () => {
    const { ir, deployment } = scrambled();
    deployment.groups = { g: deployment.groups!['grp-a']! };
    deployment.steps = { t: { fusionGroup: 'g' } };
    assert.throws(() => deployedLambdas(ir, deployment), /fusion group id 'g' collides with function 'g'/);
  });
});
