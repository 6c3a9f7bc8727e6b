// Tests from the mutation run's survivors in intrinsics.ts (issue 26): an
// intrinsic function in long form is a mapping with exactly one key
// (CloudFormation template reference, "Intrinsic function reference"); a
// mapping that has Fn::GetAtt or Fn::Sub beside other keys is plain data.
import assert from 'node:assert/strict';
import { referencesIn } from '../../../src/codegen/sam/intrinsics.ts';

describe('references in long-form intrinsics', () => {
  it('reads Fn::GetAtt and Fn::Sub only as the single key of a mapping', () => {
    assert.deepEqual(referencesIn({ 'Fn::GetAtt': ['Fn', 'Arn'] }, ['X']), [{ kind: 'getatt', resource: 'Fn', attribute: 'Arn', path: ['X'] }]);
    assert.deepEqual(referencesIn({ 'Fn::Sub': '${Bucket}' }, ['X']), [{ kind: 'sub', variable: 'Bucket', path: ['X'] }]);
    assert.deepEqual(referencesIn({ 'Fn::GetAtt': ['Fn', 'Arn'], Note: 'x' }, ['X']), []);
    assert.deepEqual(referencesIn({ 'Fn::Sub': '${Bucket}', Note: 'x' }, ['X']), []);
  });
});
