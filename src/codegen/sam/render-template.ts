// template.yaml for a plan: the SAM template that deploys what the plan
// decided (issue 22, CONTRACT-22). It renders the Deployment and decides
// nothing: every number comes from plan.json or the app, every name from
// codegen/names.ts, every reference from the shared contract with the ASL and
// handler emitters. Resource order is fixed (state machine, bucket, Lambdas
// by key, Batch), so the same plan gives the same bytes.
import type { Deployment } from '../../ir/deployment.ts';
import type { IR } from '../../ir/types.ts';
import { batchResources } from './batch-resources.ts';
import { dataBucketResource } from './data-bucket.ts';
import { functionLogicalId, functionResource } from './function-resource.ts';
import { DATA_BUCKET } from './iam-statements.ts';
import { provisionedConcurrency, runnerId, runnersOf, warmTargets } from './runners.ts';
import { s3Access } from './s3-access.ts';
import { STATE_MACHINE, stateMachineResources } from './state-machine-resource.ts';
import { Ref, stringifyTemplate } from './cfn-tags.ts';

export const TEMPLATE_FILE = 'template.yaml';
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface SamTemplate {
  AWSTemplateFormatVersion: string;
  Transform: string;
  Description: string;
  Parameters?: Record<string, unknown>;
  Resources: Record<string, unknown>;
  Outputs: Record<string, unknown>;
}

/** The template as a value (intrinsics as cfn-tags classes). */
export function buildTemplate(ir: IR, deployment: Deployment): SamTemplate {
  const runners = runnersOf(ir, deployment);
  const access = s3Access(ir, deployment, runners);
  // The bucket exists exactly when some output is stored in S3 (an S3 edge, or a Batch job's output).
  const hasBucket = access.writers.size > 0;
  const warms = warmTargets(deployment, runners);

  const resources: Record<string, unknown> = {
    ...stateMachineResources({
      ir,
      deployment,
      lambdas: runners.lambdas.map((lambda) => ({ key: lambda.key, aliased: provisionedConcurrency(deployment, lambda) > 0 })),
      batchFunctions: runners.batchFunctions,
    }),
  };
  if (hasBucket) resources[DATA_BUCKET] = dataBucketResource();
  for (const lambda of runners.lambdas) {
    resources[functionLogicalId(lambda.key)] = functionResource(lambda, {
      ir,
      deployment,
      hasBucket,
      writesS3: access.writers.has(runnerId({ kind: 'lambda', key: lambda.key })),
      readPrefixes: access.reads.get(runnerId({ kind: 'lambda', key: lambda.key })) ?? [],
      warms: warms.get(lambda.key) ?? [],
    });
  }
  const batch = batchResources(runners.batchFunctions, { ir, deployment, hasBucket, access });
  Object.assign(resources, batch.resources);

  const outputs: Record<string, unknown> = { StateMachineArn: { Description: 'ARN of the workflow', Value: new Ref(STATE_MACHINE) } };
  if (hasBucket) outputs.DataBucketName = { Description: 'Bucket for data passed between steps through S3', Value: new Ref(DATA_BUCKET) };

  const batchJobs = runners.batchFunctions.length > 0 ? `, ${counted(runners.batchFunctions.length, 'Batch job')}` : '';
  const description = `dagc plan for ${ir.name} (${deployment.orchestration} workflow, ${counted(runners.lambdas.length, 'Lambda function')}${batchJobs})`;
  // Keys in CloudFormation's customary order; Parameters only when there are any.
  const head = { AWSTemplateFormatVersion: '2010-09-09', Transform: SAM_TRANSFORM, Description: description };
  const parameters = Object.keys(batch.parameters).length > 0 ? { Parameters: batch.parameters } : {};
  return { ...head, ...parameters, Resources: resources, Outputs: outputs };
}

/** template.yaml's bytes for a plan. */
export function renderTemplate(ir: IR, deployment: Deployment): string {
  return stringifyTemplate(buildTemplate(ir, deployment));
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
