// Tests from the mutation run's survivors in runners.ts (issue 26): which
// runner a step has, Batch functions listed by name, runner ids, and the
// warm-up pings between Lambdas (sorted targets, never a Lambda to itself).
import assert from 'node:assert/strict';
import { runnerId, runnersOf, warmTargets } from '../../../src/codegen/sam/runners.ts';
import { currentDeployment } from '../../../src/ir/deployment.ts';
import { irOf } from '../../helpers/ir-builder.ts';

const GPU = { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 };

describe('runners of a deployment', () => {
  it('lists the Batch functions by name, whatever the order of their steps', () => {
    // Step a runs function zeta, step b function alpha: by step the order would be zeta, alpha.
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { functionName: 'zeta' }, b: { functionName: 'alpha' } });
    const deployment = currentDeployment(ir);
    deployment.functions.zeta = { memoryMb: 4096, architecture: 'x86_64', batch: GPU };
    deployment.functions.alpha = { memoryMb: 4096, architecture: 'x86_64', batch: GPU };
    const runners = runnersOf(ir, deployment);
    assert.deepEqual(runners.batchFunctions, ['alpha', 'zeta']);
    assert.deepEqual(runners.byStep.get('a'), { kind: 'batch', fn: 'zeta' });
    assert.deepEqual(runners.byStep.get('c'), { kind: 'lambda', key: 'c' });
    assert.equal(runnerId(runners.byStep.get('a')!), 'batch:zeta');
    assert.equal(runnerId(runners.byStep.get('c')!), 'lambda:c');
  });

  it('pings the Lambdas a warmer warms in key order, and never a Lambda from itself', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c'], e: ['d'] }, { b: { functionName: 'zed' }, c: { functionName: 'yak' }, e: { functionName: 'shared' }, d: { functionName: 'shared' } });
    const deployment = currentDeployment(ir);
    // a warms zed (b) and yak (c); d warms e, but both run on the Lambda of function "shared".
    deployment.steps = { b: { warmedBy: 'a' }, c: { warmedBy: 'a' }, e: { warmedBy: 'd' } };
    const targets = warmTargets(deployment, runnersOf(ir, deployment));
    assert.deepEqual([...targets], [['a', ['yak', 'zed']]]);
  });
});
