import assert from 'node:assert/strict';
import { GetAtt, parseTemplateDocument, Ref, stringifyTemplate, Sub } from '../../../src/codegen/sam/cfn-tags.ts';
import { checkTemplateText } from '../../../src/codegen/sam/check-template.ts';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { chainIr, variantDeployment } from './sam-fixtures.ts';

/** A rendered template (S3 edges, a Batch job, prewarm: most resource kinds), mutated by `change`. */
function mutated(change: (resources: Record<string, any>, template: Record<string, any>) => void): string {
  const ir = chainIr();
  const deployment = variantDeployment(ir, 'batch');
  deployment.steps.b = { prewarm: 2 };
  const template = parseTemplateDocument(renderTemplate(ir, deployment)).toJS();
  change(template.Resources, template);
  return stringifyTemplate(template);
}

function codes(text: string): string[] {
  return checkTemplateText(text, 'template.yaml').map((d) => d.code);
}

describe('offline template check', function () {
  this.timeout(120_000);

  it('finds nothing wrong in an untouched emitted template', () => {
    assert.deepEqual(checkTemplateText(mutated(() => {}), 'template.yaml'), []);
  });

  it('reports an unknown property at its line, with the path', () => {
    const text = mutated((r) => { r.FnA.Properties.MemorySizeMb = 512; });
    const [problem, ...rest] = checkTemplateText(text, 'template.yaml');
    assert.equal(rest.length, 0);
    assert.equal(problem!.code, 'DAGC0472');
    assert.match(problem!.message, /Resources\.FnA\.Properties\.MemorySizeMb/);
    const line = text.split('\n').findIndex((l) => l.includes('MemorySizeMb:')) + 1;
    assert.equal(problem!.position?.line, line);
  });

  it('reports an unknown property inside a nested structure', () => {
    assert.deepEqual(codes(mutated((r) => { r.FnA.Properties.Environment.Vars = {}; })), ['DAGC0472']);
  });

  it('reports a missing required property of a CloudFormation type and of SAM', () => {
    assert.deepEqual(codes(mutated((r) => { delete r.JobC.Properties.Type; })), ['DAGC0473']);
    assert.deepEqual(codes(mutated((r) => { delete r.FnA.Properties.Handler; })), ['DAGC0473']);
    assert.deepEqual(codes(mutated((r) => { delete r.StateMachine.Properties.DefinitionUri; })), ['DAGC0473']);
  });

  it('reports a value of the wrong type', () => {
    assert.deepEqual(codes(mutated((r) => { r.FnA.Properties.MemorySize = [512]; })), ['DAGC0474']);
    assert.deepEqual(codes(mutated((r) => { r.FnA.Properties.Architectures = 'x86_64'; })), ['DAGC0474']);
  });

  it('reports an unknown resource type', () => {
    assert.deepEqual(codes(mutated((r) => { r.DataBucket.Type = 'AWS::S3::Bukket'; })), ['DAGC0471']);
  });

  it('reports a dangling !Ref, !GetAtt (resource or attribute) and !Sub variable', () => {
    assert.deepEqual(codes(mutated((r) => { r.FnA.Properties.Environment.Variables.DAGC_BUCKET = new Ref('DataBukket'); })), ['DAGC0475']);
    assert.deepEqual(codes(mutated((r) => { r.StateMachine.Properties.DefinitionSubstitutions.FnAArn = new GetAtt('FnA', 'Arnn'); })), ['DAGC0476']);
    assert.deepEqual(codes(mutated((r) => { r.StateMachine.Properties.DefinitionSubstitutions.FnAArn = new GetAtt('FnZ', 'Arn'); })), ['DAGC0476']);
    assert.deepEqual(codes(mutated((r) => { r.FnB.Properties.Policies[0].Statement[0].Resource = [new Sub('${DataBuckt.Arn}/b/*')]; })), ['DAGC0477']);
    assert.deepEqual(codes(mutated((r) => { r.FnA.Properties.Description = { Ref: 'NoSuchParameter' }; })), ['DAGC0475']);
  });

  it('resolves references to parameters, pseudo-parameters and resources SAM generates', () => {
    const text = mutated((r) => {
      r.FnA.Properties.Description = new Sub('${AWS::StackName} ${BatchMaxvCpus} ${FnARole.Arn}');
      r.FnA.Properties.Environment.Variables.ALIAS = new Ref('FnBAliaslive');
      r.FnA.Properties.Environment.Variables.ALIAS2 = new Ref('FnB.Alias');
    });
    assert.deepEqual(checkTemplateText(text, 'template.yaml'), []);
  });

  it('knows SAM generates a function\'s role only when it names none, and its alias only when it publishes one', () => {
    // A function given its own Role gets no FnARole from SAM; FnA publishes no alias, so FnAAliaslive does not exist.
    assert.deepEqual(codes(mutated((r) => { r.FnA.Properties.Role = 'arn:aws:iam::123456789012:role/given'; r.FnA.Properties.Description = new Sub('${FnARole.Arn}'); })), ['DAGC0477']);
    assert.deepEqual(codes(mutated((r) => { delete r.FnA.Properties.AutoPublishAlias; r.FnB.Properties.Environment.Variables.ALIAS = new Ref('FnAAliaslive'); })), ['DAGC0475']);
    // The state machine's role likewise.
    assert.deepEqual(codes(mutated((r) => { r.StateMachine.Properties.Role = 'arn:aws:iam::123456789012:role/given'; r.FnA.Properties.Description = new Sub('${StateMachineRole.Arn}'); })), ['DAGC0477']);
  });

  it('reports a logical id that collides with one SAM generates, and one that is not alphanumeric', () => {
    assert.deepEqual(codes(mutated((r) => { r.FnARole = { Type: 'AWS::Logs::LogGroup', Properties: {} }; })), ['DAGC0478']);
    assert.deepEqual(codes(mutated((r) => { r['Log-Group'] = { Type: 'AWS::Logs::LogGroup', Properties: {} }; })), ['DAGC0478']);
  });

  it('reports resources that reference each other in a cycle', () => {
    const text = mutated((r) => {
      r.FnA.Properties.Environment.Variables.PEER = new Ref('FnB');
      r.FnB.Properties.Environment.Variables.PEER = new GetAtt('FnA', 'Arn');
    });
    const problems = checkTemplateText(text, 'template.yaml');
    assert.deepEqual(problems.map((d) => d.code), ['DAGC0479']);
    assert.match(problems[0]!.message, /FnA → FnB → FnA/);
  });

  it('reports text that is not YAML, and YAML that is not a template', () => {
    assert.deepEqual(codes('Resources: [unclosed'), ['DAGC0470']);
    assert.deepEqual(codes('just: text\n'), ['DAGC0470']);
    assert.deepEqual(codes(mutated((_r, t) => { t.Resourcez = {}; })), ['DAGC0480']);
  });

  it('reports a SAM resource in a template without the SAM transform', () => {
    assert.deepEqual(codes(mutated((_r, t) => { delete t.Transform; })), ['DAGC0480', 'DAGC0480', 'DAGC0480', 'DAGC0480']);
  });

  it('reads the long forms Ref, Fn::GetAtt and Fn::Sub too', () => {
    const text = mutated((r) => {
      r.FnA.Properties.Environment.Variables.X = { 'Fn::GetAtt': ['FnB', 'Nope'] };
      r.FnA.Properties.Environment.Variables.Y = { 'Fn::Sub': ['${Missing}-${v}', { v: 'x' }] };
    });
    assert.deepEqual(codes(text), ['DAGC0476', 'DAGC0477']);
  });

  it('keeps strings that YAML 1.1 reads as booleans quoted, so the key survives a round trip', () => {
    const ir = irOf({ yes: [], on: ['yes'] }, {}, 'no');
    const deployment = variantDeployment(ir, 'bundle');
    const text = renderTemplate(ir, deployment);
    assert.match(text, /DAGC_LAMBDA_KEY: "yes"/);
    assert.match(text, /DAGC_LAMBDA_KEY: "on"/);
    assert.deepEqual(checkTemplateText(text, 'template.yaml'), []);
  });
});
