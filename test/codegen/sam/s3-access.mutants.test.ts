// Tests from the mutation run's survivors in s3-access.ts (issue 26): which
// bucket prefixes each runner may read (sorted, whatever the order of its
// sources) and which runners write, with the edges inside a fusion group left
// out (they never touch S3: both steps run in one invocation).
import assert from 'node:assert/strict';
import { runnersOf } from '../../../src/codegen/sam/runners.ts';
import { s3Access } from '../../../src/codegen/sam/s3-access.ts';
import { currentDeployment } from '../../../src/ir/deployment.ts';
import { irOf } from '../../helpers/ir-builder.ts';

describe('S3 access of the runners', () => {
  it('lets a step read the prefixes of the Lambdas that stored its inputs, sorted', () => {
    // a runs function zed, b function alpha: in source order the prefixes would be zed, alpha.
    const ir = irOf({ a: [], b: [], c: ['a', 'b'] }, { a: { functionName: 'zed' }, b: { functionName: 'alpha' } });
    const deployment = currentDeployment(ir);
    deployment.edges = { 'a->c': 's3', 'b->c': 's3' };
    const access = s3Access(ir, deployment, runnersOf(ir, deployment));
    assert.deepEqual(access.reads.get('lambda:c'), ['alpha', 'zed']);
    assert.deepEqual([...access.writers].sort(), ['lambda:alpha', 'lambda:zed']);
  });

  it('never routes an edge inside a fusion group through S3', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a', 'b'] });
    const deployment = currentDeployment(ir);
    deployment.groups = { ab: { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } };
    deployment.steps = { a: { fusionGroup: 'ab' }, b: { fusionGroup: 'ab' } };
    // An S3 mode on a → b is moot: b runs in a's invocation. Only a → c leaves the group through S3.
    deployment.edges = { 'a->b': 's3', 'a->c': 's3', 'b->c': 'inline' };
    const access = s3Access(ir, deployment, runnersOf(ir, deployment));
    assert.deepEqual([...access.writers], ['lambda:ab']);
    assert.equal(access.reads.has('lambda:ab'), false, 'the group reads nothing from S3');
    assert.deepEqual(access.reads.get('lambda:c'), ['ab']);
    // Without the S3 edge out of the group, nothing is stored at all.
    deployment.edges = { 'a->b': 's3', 'a->c': 'inline', 'b->c': 'inline' };
    assert.deepEqual([...s3Access(ir, deployment, runnersOf(ir, deployment)).writers], []);
  });
});
