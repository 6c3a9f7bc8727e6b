// Reads a template's IAM back and judges it against the plan, computed here
// independently of the emitter: no grant beyond the plan's own resources.
// Shared by the IAM tests over fixtures and variants and the property test
// over random plans.
import assert from 'node:assert/strict';
import { deployedLambdas } from '../../../src/codegen/deployed-lambdas.ts';
import { lambdaFunctionName, logicalId, stateName } from '../../../src/codegen/names.ts';
import { GetAtt, parseTemplateDocument, Ref, Sub } from '../../../src/codegen/sam/cfn-tags.ts';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import type { Deployment } from '../../../src/ir/deployment.ts';
import { invokesFunction, type IR } from '../../../src/ir/types.ts';

export interface Grant {
  holder: string;
  action: string;
  resource: unknown;
}

/** Actions AWS does not scope to a resource; the only ones allowed on '*'. */
const UNSCOPED_ACTIONS = new Set([
  'batch:DescribeJobs',
  'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
]);

export function grants(text: string): Grant[] {
  const resources = parseTemplateDocument(text).toJS().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  const out: Grant[] = [];
  for (const [id, { Type, Properties }] of Object.entries(resources)) {
    const documents: any[] = [];
    if (Type === 'AWS::Serverless::Function' || Type === 'AWS::Serverless::StateMachine') {
      for (const policy of Properties.Policies ?? []) {
        assert.equal(typeof policy, 'object', `${id}: a managed policy or SAM policy template by name grants what this test cannot see`);
        assert.ok(Array.isArray(policy.Statement), `${id}: only plain policy documents are emitted`);
        documents.push(policy);
      }
    }
    if (Type === 'AWS::IAM::Role') for (const policy of Properties.Policies ?? []) documents.push(policy.PolicyDocument);
    for (const document of documents) {
      for (const statement of document.Statement) {
        assert.equal(statement.Effect, 'Allow');
        for (const action of statement.Action) for (const resource of statement.Resource) out.push({ holder: id, action, resource });
      }
    }
  }
  return out;
}

/** Who runs a step: the Lambda key, or `batch:<fn>`. */
function runnerOf(ir: IR, deployment: Deployment): Map<string, string> {
  const map = new Map<string, string>();
  for (const lambda of deployedLambdas(ir, deployment)) for (const step of lambda.steps) map.set(step, lambda.key);
  for (const id of ir.graph.nodes()) {
    const node = ir.graph.node(id);
    if (invokesFunction(node) && !map.has(id)) map.set(id, `batch:${node.functionName}`);
  }
  return map;
}

function holderOf(runner: string): string {
  return runner.startsWith('batch:') ? logicalId('BatchJobRole', runner.slice(6)) : logicalId('Fn', runner);
}

function prefixOf(runner: string): string {
  return stateName(runner.startsWith('batch:') ? runner.slice(6) : runner);
}

/**
 * The S3 grants a plan needs, from plan.json's edge keys (which name the joins
 * of a staged DAG) and the app's needs: a step's output is stored when any of
 * its edges leaving its invocation is s3 (a Batch job's always); its consumers,
 * the steps needing it directly or through a Choice, read it.
 */
function expectedS3(ir: IR, deployment: Deployment): { put: Set<string>; get: Set<string> } {
  const runners = runnerOf(ir, deployment);
  // One invocation: a fusion group, or a single unfused step.
  const invocation = (step: string) => deployment.steps[step]?.fusionGroup ?? `step:${step}`;
  const stored = new Set<string>();
  for (const [step, runner] of runners) {
    const s3Edge = Object.entries(deployment.edges).some(([key, mode]) => mode === 's3' && key.startsWith(`${step}->`) && invocation(key.slice(step.length + 2)) !== invocation(step));
    if (s3Edge || runner.startsWith('batch:')) stored.add(step);
  }
  const put = new Set([...stored].map((step) => `${holderOf(runners.get(step)!)} ${prefixOf(runners.get(step)!)}`));
  const get = new Set<string>();
  const consumed = (step: string): string[] => (ir.graph.predecessors(step) ?? []).flatMap((need) => (invokesFunction(ir.graph.node(need)) ? [need] : consumed(need)));
  for (const [step, reader] of runners) {
    for (const source of consumed(step)) {
      const writer = runners.get(source)!;
      if (stored.has(source) && invocation(source) !== invocation(step)) get.add(`${holderOf(reader)} ${prefixOf(writer)}`);
    }
  }
  return { put, get };
}

export function resourceName(resource: unknown): string {
  if (resource instanceof GetAtt) return `GetAtt ${resource.resource}.${resource.attribute}`;
  if (resource instanceof Ref) return `Ref ${resource.name}`;
  if (resource instanceof Sub) return `Sub ${resource.template}`;
  return JSON.stringify(resource);
}

export function s3Prefix(resource: unknown): string {
  assert.ok(resource instanceof Sub, `S3 resource ${JSON.stringify(resource)} is not a !Sub on DataBucket`);
  const match = /^\$\{DataBucket\.Arn\}\/([A-Za-z0-9_-]+)\/\*$/.exec(resource.template);
  assert.ok(match, `S3 resource ${resource.template} is not one prefix of DataBucket`);
  return match[1]!;
}

export function judge(ir: IR, deployment: Deployment): void {
  const text = renderTemplate(ir, deployment);
  const all = grants(text);
  const lambdas = deployedLambdas(ir, deployment).map((l) => l.key);
  const invokable = new Set(lambdas.flatMap((key) => [
    `GetAtt ${logicalId('Fn', key)}.Arn`,
    `Ref ${logicalId('Fn', key)}Aliaslive`,
    `Sub arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${lambdaFunctionName(ir.name, key)}`,
  ]));
  const { put, get } = expectedS3(ir, deployment);
  const seenPut = new Set<string>();
  const seenGet = new Set<string>();
  for (const { holder, action, resource } of all) {
    assert.ok(!action.includes('*'), `${holder}: wildcard action ${action}`);
    if (resource === '*') {
      assert.ok(UNSCOPED_ACTIONS.has(action), `${holder}: ${action} on '*'`);
      continue;
    }
    if (action.startsWith('s3:')) {
      const key = `${holder} ${s3Prefix(resource)}`;
      if (action === 's3:PutObject') seenPut.add(key);
      else if (action === 's3:GetObject') seenGet.add(key);
      else assert.equal(action, 's3:DeleteObject');
      if (action === 's3:DeleteObject') assert.ok(put.has(key) || get.has(key), `${holder} may delete under a prefix it neither writes nor reads: ${key}`);
    } else if (action === 'lambda:InvokeFunction') {
      const name = resourceName(resource);
      assert.ok(invokable.has(name), `${holder} may invoke ${name}, which is not one of the plan's Lambdas`);
    } else if (action === 'batch:SubmitJob') {
      assert.equal(holder, 'StateMachine');
      assert.ok(resource instanceof GetAtt && (resource.resource === 'BatchJobQueue' || /^Job[A-Za-z0-9]+$/.test(resource.resource)), `SubmitJob on ${JSON.stringify(resource)}`);
    } else {
      assert.ok(resource instanceof Sub && !resource.template.endsWith(':*') && /\$\{AWS::AccountId\}/.test(resource.template), `${holder}: ${action} on ${JSON.stringify(resource)} is not scoped to this account`);
    }
  }
  assert.deepEqual([...seenPut].sort(), [...put].sort(), 'Put grants are exactly the S3 writers on their own prefixes');
  assert.deepEqual([...seenGet].sort(), [...get].sort(), 'Get grants are exactly the S3 readers on their producers prefixes');
}
