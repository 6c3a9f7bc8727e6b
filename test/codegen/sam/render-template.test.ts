import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deployedLambdas } from '../../../src/codegen/deployed-lambdas.ts';
import { GetAtt, parseTemplateDocument, Ref, Sub } from '../../../src/codegen/sam/cfn-tags.ts';
import { checkTemplateText } from '../../../src/codegen/sam/check-template.ts';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import { renderCheckedTemplate } from '../../../src/codegen/sam/write-template.ts';
import { currentDeployment } from '../../../src/ir/deployment.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { projectRoot } from '../../helpers/run-cli.ts';
import { chainIr, fixturePlan, fixturePlans, VARIANTS, variantDeployment, type Variant } from './sam-fixtures.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

function rendered(variant: Variant) {
  const ir = chainIr();
  const text = renderTemplate(ir, variantDeployment(ir, variant));
  return { text, template: parseTemplateDocument(text).toJS() as { Resources: Resources; Parameters?: Record<string, unknown> } };
}

describe('SAM template', function () {
  this.timeout(120_000);

  for (const app of fixturePlans) {
    it(`renders plans/${app} into the committed template.yaml, byte for byte, and it passes the offline check`, () => {
      const { ir, deployment } = fixturePlan(app);
      const text = renderCheckedTemplate(ir, deployment);
      assert.equal(text, renderTemplate(ir, deployment), 'two renders differ');
      const committed = readFileSync(path.join(projectRoot, 'plans', app, 'template.yaml'), 'utf8');
      assert.ok(text === committed, `plans/${app}/template.yaml drifted; run npm run plans`);
      const resources = parseTemplateDocument(text).toJS().Resources as Resources;
      const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Function');
      assert.equal(functions.length, deployedLambdas(ir, deployment).length);
    });
  }

  for (const variant of VARIANTS) {
    it(`passes the offline check with ${variant} in the deployment`, () => {
      const { text } = rendered(variant);
      assert.deepEqual(checkTemplateText(text, 'template.yaml'), []);
    });
  }

  it('holds nothing account-specific or secret: no account ids, no hard-coded partition or region, no keys', () => {
    const texts = [...fixturePlans.map((app) => readFileSync(path.join(projectRoot, 'plans', app, 'template.yaml'), 'utf8')), ...VARIANTS.map((v) => rendered(v).text)];
    for (const text of texts) {
      assert.doesNotMatch(text, /\b\d{12}\b/, 'an account id');
      assert.doesNotMatch(text, /arn:aws[a-z-]*:/, 'a literal partition (use ${AWS::Partition})');
      assert.doesNotMatch(text, /\b(us|eu|ap|sa|ca|me|af|il)-[a-z]+-\d\b/, 'a literal region');
      assert.doesNotMatch(text, /AKIA[0-9A-Z]{16}|aws_secret|SecretAccessKey/i, 'a credential');
    }
  });

  it('writes dates and yes/on-like strings quoted for YAML 1.1 readers', () => {
    const { text } = rendered('s3');
    assert.match(text, /^AWSTemplateFormatVersion: "2010-09-09"$/m);
    assert.match(text, /Version: "2012-10-17"/);
    assert.match(text, /^Transform: AWS::Serverless-2016-10-31$/m);
  });

  it('renders one function per fusion group with the group memory, architecture and the chain timeout summed', () => {
    const { template } = rendered('fusion');
    const group = template.Resources.FnAb!.Properties;
    assert.equal(template.Resources.FnA, undefined);
    assert.equal(template.Resources.FnB, undefined);
    assert.equal(group.MemorySize, 2048);
    assert.deepEqual(group.Architectures, ['arm64']);
    assert.equal(group.Timeout, 70);
    assert.equal(group.CodeUri, 'functions/ab/');
    assert.equal(group.Handler, 'index.handler');
    assert.equal(group.Runtime, 'nodejs20.x');
    assert.equal(group.FunctionName, 'variant-app-ab');
    assert.equal(group.Environment.Variables.DAGC_LAMBDA_KEY, 'ab');
    assert.deepEqual(template.Resources.StateMachine!.Properties.DefinitionSubstitutions.FnAbArn, new GetAtt('FnAb', 'Arn'));
  });

  it('caps a fused chain timeout at 900 s', () => {
    const ir = chainIr();
    for (const info of ir.functions.values()) info.timeoutMs = 600_000;
    const text = renderTemplate(ir, variantDeployment(ir, 'fusion'));
    assert.equal(parseTemplateDocument(text).toJS().Resources.FnAb.Properties.Timeout, 900);
  });

  it('creates DataBucket and DAGC_BUCKET only when some output is stored in S3', () => {
    const inline = rendered('bundle').template;
    assert.equal(inline.Resources.DataBucket, undefined);
    assert.equal(inline.Resources.FnA!.Properties.Environment.Variables.DAGC_BUCKET, undefined);
    const s3 = rendered('s3').template;
    assert.equal(s3.Resources.DataBucket!.Type, 'AWS::S3::Bucket');
    assert.deepEqual(s3.Resources.FnC!.Properties.Environment.Variables.DAGC_BUCKET, new Ref('DataBucket'));
  });

  it('creates DataBucket for a Batch job even when every edge is inline: a job hands its output back through S3', () => {
    const ir = chainIr();
    const deployment = variantDeployment(ir, 'batch');
    for (const key of Object.keys(deployment.edges)) deployment.edges[key] = 'inline';
    const resources = parseTemplateDocument(renderTemplate(ir, deployment)).toJS().Resources as Resources;
    assert.equal(resources.DataBucket!.Type, 'AWS::S3::Bucket');
    assert.deepEqual(resources.FnD!.Properties.Policies[0].Statement, [{ Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject'], Resource: [new Sub('${DataBucket.Arn}/c/*')] }]);
  });

  it('lets a Lambda read its own prefix when one of its steps consumes an earlier invocation of itself through S3', () => {
    const ir = irOf({ first: [], second: ['first'] }, { second: { functionName: 'first' } }, 'self-app');
    const deployment = currentDeployment(ir);
    deployment.edges['first->second'] = 's3';
    const statements = (parseTemplateDocument(renderTemplate(ir, deployment)).toJS().Resources as Resources).FnFirst!.Properties.Policies[0].Statement;
    assert.deepEqual(statements, [
      { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:PutObject'], Resource: [new Sub('${DataBucket.Arn}/first/*')] },
      { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject'], Resource: [new Sub('${DataBucket.Arn}/first/*')] },
    ]);
  });

  it('puts provisioned concurrency on alias live and points the placeholder at the alias', () => {
    const { template } = rendered('prewarm');
    const fn = template.Resources.FnB!.Properties;
    assert.equal(fn.AutoPublishAlias, 'live');
    assert.equal(fn.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions, 3);
    assert.deepEqual(template.Resources.StateMachine!.Properties.DefinitionSubstitutions.FnBArn, new Ref('FnBAliaslive'));
    assert.equal(template.Resources.FnA!.Properties.AutoPublishAlias, undefined);
  });

  it('gives a warming Lambda its target name in DAGC_WARM_<logical id>', () => {
    const { template } = rendered('warmup');
    assert.equal(template.Resources.FnA!.Properties.Environment.Variables.DAGC_WARM_FnC, 'variant-app-c');
    assert.equal(template.Resources.FnC!.Properties.FunctionName, 'variant-app-c');
    assert.equal(template.Resources.FnB!.Properties.Environment.Variables.DAGC_WARM_FnC, undefined);
  });

  it('lets two Lambdas warm each other without a dependency cycle', () => {
    // Function a runs steps a and c; b runs between them: a warms b, b warms c (a's Lambda again).
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { c: { functionName: 'a' } }, 'ping-pong');
    const deployment = currentDeployment(ir);
    deployment.steps.b = { warmedBy: 'a' };
    deployment.steps.c = { warmedBy: 'b' };
    const text = renderTemplate(ir, deployment);
    const resources = parseTemplateDocument(text).toJS().Resources as Resources;
    assert.equal(resources.FnA!.Properties.Environment.Variables.DAGC_WARM_FnB, 'ping-pong-b');
    assert.equal(resources.FnB!.Properties.Environment.Variables.DAGC_WARM_FnA, 'ping-pong-a');
    assert.deepEqual(checkTemplateText(text, 'template.yaml'), []);
  });

  it('runs a batch function as a Batch job on the plan instance type, with the contract placeholders', () => {
    const { template } = rendered('batch');
    assert.equal(template.Resources.FnC, undefined);
    const compute = template.Resources.BatchComputeEnvironment!.Properties.ComputeResources;
    assert.deepEqual(compute.InstanceTypes, ['g4dn.xlarge']);
    const job = template.Resources.JobC!.Properties.ContainerProperties;
    assert.deepEqual(job.ResourceRequirements, [{ Type: 'GPU', Value: '1' }, { Type: 'MEMORY', Value: '16384' }, { Type: 'VCPU', Value: '4' }]);
    const substitutions = template.Resources.StateMachine!.Properties.DefinitionSubstitutions;
    assert.deepEqual(substitutions.JobCArn, new GetAtt('JobC', 'JobDefinitionArn'));
    assert.deepEqual(substitutions.BatchJobQueueArn, new GetAtt('BatchJobQueue', 'JobQueueArn'));
    assert.ok(template.Parameters && 'BatchImageC' in template.Parameters);
  });

  it('renders EXPRESS with a log group and STANDARD without one', () => {
    const express = rendered('express').template.Resources;
    assert.equal(express.StateMachine!.Properties.Type, 'EXPRESS');
    assert.deepEqual(express.StateMachine!.Properties.Logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn, new GetAtt('StateMachineLogGroup', 'Arn'));
    const standard = rendered('bundle').template.Resources;
    assert.equal(standard.StateMachine!.Properties.Type, 'STANDARD');
    assert.equal(standard.StateMachine!.Properties.Logging, undefined);
    assert.equal(standard.StateMachine!.Properties.DefinitionUri, 'statemachine.asl.json');
  });

  it('lets a Distributed Map start child executions of its own state machine only', () => {
    const statements = rendered('distributed').template.Resources.StateMachine!.Properties.Policies[0].Statement;
    const start = statements.find((s: any) => s.Action.includes('states:StartExecution'));
    assert.deepEqual(start.Resource, [new Sub('arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:variant-app')]);
  });
});
