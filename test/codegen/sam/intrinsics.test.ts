// Intrinsic functions in a parsed template: which values count as one, the references found in the
// short (cfn-tags classes) and long (Ref:, Fn::GetAtt:, Fn::Sub:) forms with the path of each, and
// how a path is written for people.
import assert from 'node:assert/strict';
import { GetAtt, Ref, Sub } from '../../../src/codegen/sam/cfn-tags.ts';
import { formatPath, isIntrinsic, referencesIn } from '../../../src/codegen/sam/intrinsics.ts';

describe('isIntrinsic', () => {
  it('is true for the tag classes and for a one-key mapping Ref, Fn::… or Condition', () => {
    for (const yes of [new Ref('A'), new GetAtt('A', 'Arn'), new Sub('x'), { Ref: 'A' }, { 'Fn::Join': ['', []] }, { 'Fn::Sub': 'x' }, { Condition: 'C' }]) {
      assert.equal(isIntrinsic(yes), true, JSON.stringify(yes));
    }
  });

  it('is false for scalars, lists, other mappings and a Ref beside another key', () => {
    for (const no of [null, undefined, 'Ref', 3, [{ Ref: 'A' }], {}, { Refs: 'A' }, { Ref: 'A', Other: 1 }, { 'Fm::Join': [] }, { Conditions: 'C' }]) {
      assert.equal(isIntrinsic(no), false, JSON.stringify(no));
    }
  });
});

describe('referencesIn', () => {
  it('finds short-form references with the path inside the value, lists by index', () => {
    const value = { A: new Ref('Bucket'), B: [1, new GetAtt('Fn', 'Arn')], C: { D: 'plain', E: null } };
    assert.deepEqual(referencesIn(value, ['Resources', 'X']), [
      { kind: 'ref', name: 'Bucket', path: ['Resources', 'X', 'A'] },
      { kind: 'getatt', resource: 'Fn', attribute: 'Arn', path: ['Resources', 'X', 'B', 1] },
    ]);
  });

  it('reads every ${Name} of a !Sub except ${!Literal} and names in its variable map, whose values it also walks', () => {
    const sub = new Sub('${AWS::Region}-${Bucket.Arn}-${!Literal}-${v}-${ Spaced }', { v: new Ref('Other') });
    assert.deepEqual(referencesIn(sub, ['P']), [
      { kind: 'sub', variable: 'AWS::Region', path: ['P'] },
      { kind: 'sub', variable: 'Bucket.Arn', path: ['P'] },
      { kind: 'sub', variable: ' Spaced ', path: ['P'] },
      { kind: 'ref', name: 'Other', path: ['P', 'v'] },
    ]);
  });

  it('reads the long forms: Ref, Fn::GetAtt as a list or a dotted string, Fn::Sub as a string or with variables', () => {
    assert.deepEqual(referencesIn({ Ref: 'A' }, []), [{ kind: 'ref', name: 'A', path: [] }]);
    assert.deepEqual(referencesIn({ 'Fn::GetAtt': ['Fn', 'Arn'] }, ['x']), [{ kind: 'getatt', resource: 'Fn', attribute: 'Arn', path: ['x'] }]);
    // A dotted string splits at the first dot only: the attribute may hold dots itself.
    assert.deepEqual(referencesIn({ 'Fn::GetAtt': 'Db.Endpoint.Address' }, []), [{ kind: 'getatt', resource: 'Db', attribute: 'Endpoint.Address', path: [] }]);
    assert.deepEqual(referencesIn({ 'Fn::GetAtt': ['Db', 'Endpoint', 'Port'] }, []), [{ kind: 'getatt', resource: 'Db', attribute: 'Endpoint.Port', path: [] }]);
    assert.deepEqual(referencesIn({ 'Fn::Sub': 'arn:${Bucket}' }, []), [{ kind: 'sub', variable: 'Bucket', path: [] }]);
    assert.deepEqual(referencesIn({ 'Fn::Sub': ['${a}/${B}', { a: { Ref: 'C' } }] }, ['y']), [
      { kind: 'sub', variable: 'B', path: ['y'] },
      { kind: 'ref', name: 'C', path: ['y', 'a'] },
    ]);
    assert.deepEqual(referencesIn({ 'Fn::Sub': ['${B}'] }, []), [{ kind: 'sub', variable: 'B', path: [] }]);
  });

  it('walks into a mapping that only looks like an intrinsic (Ref beside another key, a Ref that is not a string)', () => {
    assert.deepEqual(referencesIn({ Ref: 'A', Other: new Ref('B') }, []), [{ kind: 'ref', name: 'B', path: ['Other'] }]);
    assert.deepEqual(referencesIn({ Ref: { Ref: 'C' } }, []), [{ kind: 'ref', name: 'C', path: ['Ref'] }]);
    assert.deepEqual(referencesIn('${NotASub}', []), []);
  });
});

describe('formatPath', () => {
  it('joins keys with dots and writes indices in brackets', () => {
    assert.equal(formatPath(['Resources', 'FnA', 'Properties', 'Policies', 0, 'Statement']), 'Resources.FnA.Properties.Policies[0].Statement');
    assert.equal(formatPath(['Outputs']), 'Outputs');
    assert.equal(formatPath([]), '');
    assert.equal(formatPath([2, 'a']), '[2].a');
  });
});
