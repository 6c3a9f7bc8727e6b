// A test from the mutation run's survivors in check-template.ts (issue 26):
// `!Ref Fn.Alias` resolves only through the alias SAM generates for a function
// with AutoPublishAlias, not through the role SAM generates for every function
// that names none.
import assert from 'node:assert/strict';
import { checkTemplateText } from '../../../src/codegen/sam/check-template.ts';

describe('offline template check: SAM alias references', function () {
  this.timeout(120_000);

  it('does not resolve Fn.Alias for a function that has only the role SAM generates', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: .',
      '      Handler: index.handler',
      '      Runtime: nodejs20.x',
      '      Description: !Ref Fn.Alias',
      '',
    ].join('\n');
    const problems = checkTemplateText(text, 't.yaml').map((d) => [d.code, d.message]);
    assert.deepEqual(problems, [['DAGC0475', 'Resources.Fn.Properties.Description: !Ref Fn.Alias names no resource, parameter or pseudo-parameter']]);
  });
});
