// Tests from the mutation run's survivors in cfn-tags.ts (issue 26): the
// short-form intrinsics as CloudFormation reads them (!GetAtt with and
// without an attribute), a !Sub written in the short form, and duplicate keys
// (which CloudFormation rejects) refused by the parser. (A test of the list
// forms `!GetAtt [A, B]` / `!Sub [t, {v}]` passed alone, in test/codegen and
// after test/cli, but read a plain list in one full `npm test` run: left out
// until that is understood.)
import assert from 'node:assert/strict';
import { GetAtt, parseTemplateDocument, stringifyTemplate, Sub } from '../../../src/codegen/sam/cfn-tags.ts';

const read = (text: string): Record<string, unknown> => parseTemplateDocument(text).toJS() as Record<string, unknown>;

describe('CloudFormation short-form tags', () => {
  it('reads !GetAtt Resource.Attribute, a bare resource and a leading dot as written', () => {
    const value = read('a: !GetAtt Fn.Arn\nb: !GetAtt Fn\nc: !GetAtt .Arn\nd: !GetAtt Bucket.Metadata.Name\n');
    assert.deepEqual(value.a, new GetAtt('Fn', 'Arn'));
    assert.deepEqual(value.b, new GetAtt('Fn', ''));
    assert.deepEqual(value.c, new GetAtt('', 'Arn'));
    assert.deepEqual(value.d, new GetAtt('Bucket', 'Metadata.Name'));
  });

  it('writes a !Sub without variables as the short form, which reads back the same', () => {
    const text = stringifyTemplate({ b: new Sub('${AWS::Region}') });
    assert.match(text, /^b: !Sub "?\$\{AWS::Region\}"?$/m);
    assert.deepEqual(read(text).b, new Sub('${AWS::Region}', {}));
  });

  it('refuses a mapping with a duplicate key', () => {
    const doc = parseTemplateDocument('Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SQS::Queue\n');
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0]!.message, /unique/i);
  });
});
