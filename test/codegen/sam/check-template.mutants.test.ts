// Tests from the mutation run's survivors in check-template.ts (issue 26): the
// exact message, template path and line:column of each problem the offline
// check reports, on small hand-written templates whose positions can be read
// off the text (line and column of the value the path names; for a tagged
// value such as `!Ref X`, of the value after the tag), and the parts
// of the check no test reached (DependsOn, Outputs and Conditions, custom
// resources, SAM's referenceable properties, YAML aliases).
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { checkTemplateText } from '../../../src/codegen/sam/check-template.ts';

/** [code, message, line, column] of every problem, in the check's order. */
function problems(text: string): [string, string, number | undefined, number | undefined][] {
  return checkTemplateText(text, 't.yaml').map((d) => {
    assert.equal(d.position?.file ?? 't.yaml', 't.yaml');
    return [d.code, d.message, d.position?.line, d.position?.column];
  });
}

const SAM = 'Transform: AWS::Serverless-2016-10-31\n';
/** A SAM function's required properties, indented for `Properties:` of a resource. */
const CODE = '      CodeUri: .\n      Handler: index.handler\n      Runtime: nodejs20.x\n';

describe('offline template check: messages and positions', function () {
  this.timeout(120_000);

  it('reports a YAML syntax error with the first line of the parser\'s message at the error\'s position', () => {
    const text = 'Resources: [unclosed\n';
    const expected = parseDocument(text).errors[0]!;
    const firstLine = expected.message.split('\n')[0]!;
    assert.ok(expected.message.includes('\n'), 'the parser\'s message has more than one line');
    assert.deepEqual(problems(text), [['DAGC0470', `not a CloudFormation template: ${firstLine}`, expected.linePos![0].line, expected.linePos![0].col]]);
  });

  it('reports a mapping without Resources at the top of the file', () => {
    assert.deepEqual(problems('just: text\n'), [['DAGC0470', 'not a CloudFormation template: no Resources mapping', 1, 1]]);
  });

  it('reports an unknown top-level section at its value', () => {
    const text = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nOutputz:\n  X: 1\n';
    assert.deepEqual(problems(text), [['DAGC0480', 'Outputz: is not a template section', 5, 3]]);
  });

  it('reports a resource without Type, a logical id that is not alphanumeric and an unknown resource attribute', () => {
    const text = [
      'Resources:',
      '  Bucket:',
      '    Properties: {}',
      '  Log_Group:',
      '    Type: AWS::Logs::LogGroup',
      '    Propertys: {}',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [
      ['DAGC0480', 'Resources.Bucket: a resource needs a Type', 3, 5],
      ['DAGC0478', "Resources.Log_Group: logical id 'Log_Group' is not alphanumeric", 5, 5],
      ['DAGC0480', 'Resources.Log_Group.Propertys: is not a resource attribute', 6, 16],
    ]);
  });

  it('reports a declared resource that takes the logical id of the role SAM generates for a function', () => {
    const text = `${SAM}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${CODE}  FnRole:\n    Type: AWS::S3::Bucket\n`;
    assert.deepEqual(problems(text), [['DAGC0478', "Resources.FnRole: logical id 'FnRole' collides with the resource SAM generates for Fn", 10, 5]]);
  });

  it('resolves references in Conditions and Outputs too, and an output named like a resource is no dependency', () => {
    const text = [
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Ref Queue',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      'Conditions:',
      '  C:',
      '    Fn::Equals: [{ Ref: Missing1 }, x]',
      'Outputs:',
      '  Queue:',
      '    Value: !GetAtt Bucket.Arn',
      '  Other:',
      '    Value: !Ref Missing2',
      '',
    ].join('\n');
    // Outputs.Queue reads Bucket and Bucket reads Queue: outputs are not resources, so that is no cycle.
    assert.deepEqual(problems(text), [
      ['DAGC0475', 'Conditions.C.Fn::Equals[0]: !Ref Missing1 names no resource, parameter or pseudo-parameter', 10, 18],
      ['DAGC0475', 'Outputs.Other.Value: !Ref Missing2 names no resource, parameter or pseudo-parameter', 15, 17],
    ]);
  });

  it('reports a DependsOn naming no resource, and a cycle made of DependsOn lists and strings', () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::S3::Bucket',
      '    DependsOn: Nope',
      '  B:',
      '    Type: AWS::S3::Bucket',
      '    DependsOn: [C]',
      '  C:',
      '    Type: AWS::S3::Bucket',
      '    DependsOn: B',
      '  D:',
      '    Type: AWS::S3::Bucket',
      '    DependsOn: [A, C]',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [
      ['DAGC0480', "Resources.A.DependsOn: DependsOn names no resource 'Nope'", 4, 16],
      ['DAGC0479', 'resources depend on each other in a cycle: B → C → B', 6, 5],
    ]);
  });

  it('accepts DependsOn between resources that form no cycle', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n    DependsOn: A\n  C:\n    Type: AWS::S3::Bucket\n    DependsOn: [A, B]\n';
    assert.deepEqual(problems(text), []);
  });

  it('checks no properties or attributes of custom resources (both spellings)', () => {
    const text = [
      'Resources:',
      '  Hook:',
      '    Type: Custom::Hook',
      '    Properties: { Anything: 1 }',
      '  Hook2:',
      '    Type: AWS::CloudFormation::CustomResource',
      '    Properties: { ServiceToken: x, Other: 2 }',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !GetAtt Hook.Whatever',
      '      Tags: [{ Key: k, Value: !GetAtt Hook2.Result }]',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), []);
  });

  it('reports an unknown resource type at its Type', () => {
    assert.deepEqual(problems('Resources:\n  Q:\n    Type: AWS::SQS::Queu\n'), [
      ['DAGC0471', "Resources.Q.Type: resource type 'AWS::SQS::Queu' is not in the CloudFormation resource specification", 3, 11],
    ]);
  });

  it('reports a SAM resource type without the SAM transform at its Type', () => {
    const text = `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${CODE}`;
    assert.deepEqual(problems(text), [['DAGC0480', 'Resources.Fn.Type: AWS::Serverless::Function needs Transform: AWS::Serverless-2016-10-31', 3, 11]]);
  });

  it('reports SAM\'s one-of and required-with rules at the function\'s Properties', () => {
    const text = [
      SAM.trimEnd(),
      'Resources:',
      '  None:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '  Both:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: .',
      '      InlineCode: x',
      '      Handler: index.handler',
      '      Runtime: nodejs20.x',
      '  Half:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      InlineCode: x',
      '      Runtime: nodejs20.x',
      '  Img:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      ImageUri: repo:tag',
      '',
    ].join('\n');
    // Img needs neither Handler nor Runtime: only CodeUri and InlineCode bring that rule.
    assert.deepEqual(problems(text), [
      ['DAGC0473', "Resources.None.Properties: AWS::Serverless::Function requires 'exactly one of CodeUri, ImageUri, InlineCode'", 6, 7],
      ['DAGC0473', "Resources.Both.Properties: AWS::Serverless::Function requires 'only one of CodeUri, InlineCode'", 10, 7],
      ['DAGC0473', "Resources.Half.Properties: AWS::Serverless::Function requires 'Handler (with InlineCode)'", 17, 7],
    ]);
  });

  it('places a problem of absent Properties at the resource', () => {
    const text = `${SAM}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n`;
    assert.deepEqual(problems(text), [['DAGC0473', "Resources.Fn.Properties: AWS::Serverless::Function requires 'exactly one of CodeUri, ImageUri, InlineCode'", 4, 5]]);
  });

  it('resolves !Ref Fn.Version and Fn.Alias only for a function that publishes an alias', () => {
    const text = [
      SAM.trimEnd(),
      'Resources:',
      '  Pub:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      CODE.trimEnd(),
      '      AutoPublishAlias: live',
      '  Plain:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      CODE.trimEnd(),
      '      Role: arn:aws:iam::123456789012:role/given',
      '      Environment:',
      '        Variables:',
      '          A: !Ref Pub.Version',
      '          B: !Ref Pub.Alias',
      '          C: !Ref Pub.Other',
      '          D: !Ref Plain.Alias',
      '          E: !Ref .Alias',
      '',
    ].join('\n');
    const where = 'Resources.Plain.Properties.Environment.Variables';
    assert.deepEqual(problems(text), [
      ['DAGC0475', `${where}.C: !Ref Pub.Other names no resource, parameter or pseudo-parameter`, 21, 19],
      ['DAGC0475', `${where}.D: !Ref Plain.Alias names no resource, parameter or pseudo-parameter`, 22, 19],
      ['DAGC0475', `${where}.E: !Ref .Alias names no resource, parameter or pseudo-parameter`, 23, 19],
    ]);
  });

  it('resolves !Sub variables with surrounding spaces, plain resource names and attributes, and reports the rest', () => {
    const text = [
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      "    Properties:",
      "      QueueName: !Sub '${ AWS::Region }-${Bucket}-${ Bucket.Arn }-${.Arn}-${Bucket.Nope}'",
      '  Q2:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: !GetAtt Q.Nope',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [
      ['DAGC0477', 'Resources.Q.Properties.QueueName: !Sub variable ${.Arn} names nothing the template declares', 7, 23],
      ['DAGC0477', 'Resources.Q.Properties.QueueName: !Sub variable ${Bucket.Nope} names nothing the template declares', 7, 23],
      // The attributes the specification lists for AWS::SQS::Queue.
      ['DAGC0476', "Resources.Q2.Properties.QueueName: !GetAtt Q.Nope: AWS::SQS::Queue has no attribute 'Nope' (it has: Arn, QueueName, QueueUrl)", 11, 26],
    ]);
  });

  it('finds a cycle through a resource SAM generates, and places it at the first resource of the cycle', () => {
    const text = [
      SAM.trimEnd(),
      'Resources:',
      '  FnA:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      CODE.trimEnd(),
      '      Environment:',
      '        Variables:',
      '          PEER: !GetAtt FnBRole.Arn',
      '  FnB:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      CODE.trimEnd(),
      '      Environment:',
      '        Variables:',
      '          PEER: !Ref FnA',
      '',
    ].join('\n');
    // FnBRole is SAM's role of FnB: reading it makes FnA depend on FnB.
    assert.deepEqual(problems(text), [['DAGC0479', 'resources depend on each other in a cycle: FnA → FnB → FnA', 4, 5]]);
  });

  it('finds a resource that reads its own attribute, but not one that reads the role SAM generates for it', () => {
    assert.deepEqual(problems('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt Q.QueueName\n'), [
      ['DAGC0479', 'resources depend on each other in a cycle: Q → Q', 3, 5],
    ]);
    const own = `${SAM}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${CODE}      Description: !GetAtt FnRole.Arn\n`;
    assert.deepEqual(problems(own), []);
  });

  it('finds a cycle through a !Sub variable written with spaces', () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      "      QueueName: !Sub '${ B.QueueName }-x'",
      '  B:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: !Ref A',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [['DAGC0479', 'resources depend on each other in a cycle: A → B → A', 3, 5]]);
  });

  it('reads a template that uses a YAML alias more often than the YAML library allows by default', () => {
    // &t holds an alias itself, so each *t counts against the library's alias budget (100 by default).
    const aliases = Array.from({ length: 150 }, () => '      - *t').join('\n');
    const text = `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n      - &t { Key: &k k, Value: *k }\n${aliases}\n`;
    assert.throws(() => parseDocument(text).toJS(), /Excessive alias count/);
    assert.deepEqual(problems(text), []);
  });
});
