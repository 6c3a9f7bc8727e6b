// Tests from the mutation run's survivors in resource-spec.ts (issue 26): the
// resources SAM generates (its documentation, "Generated CloudFormation
// resources for AWS SAM"), and lookups on a fresh ResourceSpec — the shared
// one caches every type an earlier test looked up, so a lookup bug would hide
// behind the cache.
import assert from 'node:assert/strict';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { ResourceSpec, SAM_RULES } from '../../../src/codegen/sam/resource-spec.ts';

describe('resource specification', function () {
  this.timeout(120_000);

  it('lists the role and alias SAM generates for a function, and only what its properties ask for', () => {
    const fn = SAM_RULES['AWS::Serverless::Function']!;
    assert.deepEqual(fn.generated('Fn', {}), [{ logicalId: 'FnRole', type: 'AWS::IAM::Role' }]);
    assert.deepEqual(fn.generated('Fn', { Role: 'arn:aws:iam::123456789012:role/r', AutoPublishAlias: 'live' }), [{ logicalId: 'FnAliaslive', type: 'AWS::Lambda::Alias' }]);
    assert.deepEqual(fn.generated('Fn', { Role: 'arn:aws:iam::123456789012:role/r', AutoPublishAlias: { Ref: 'AliasName' } }), []);
  });

  it('lists the role SAM generates for a state machine that names none', () => {
    const machine = SAM_RULES['AWS::Serverless::StateMachine']!;
    assert.deepEqual(machine.generated('Flow', {}), [{ logicalId: 'FlowRole', type: 'AWS::IAM::Role' }]);
    assert.deepEqual(machine.generated('Flow', { Role: 'arn:aws:iam::123456789012:role/r' }), []);
  });

  it('finds a resource type with its properties and attributes in a fresh specification, and no unknown type', () => {
    const spec = new ResourceSpec(loadAwsServiceSpecSync());
    const queue = spec.resource('AWS::SQS::Queue');
    assert.equal(queue?.name, 'AWS::SQS::Queue');
    assert.ok(queue && 'QueueName' in queue.properties);
    // The attributes AWS documents for AWS::SQS::Queue (Fn::GetAtt section of its user-guide page).
    assert.deepEqual([...queue!.attributes].sort(), ['Arn', 'QueueName', 'QueueUrl']);
    assert.equal(spec.resource('AWS::SQS::Queu'), undefined);
    assert.equal(spec.resource('AWS::SQS::Queu'), undefined, 'a second lookup of an unknown type is still undefined');
    assert.deepEqual(spec.attributes('AWS::Serverless::Function'), spec.attributes('AWS::Lambda::Function'));
    assert.ok(spec.attributes('AWS::Lambda::Function')!.includes('Arn'));
  });
});
