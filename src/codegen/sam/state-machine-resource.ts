// The AWS::Serverless::StateMachine: definition from statemachine.asl.json
// (written by the ASL emitter) with every placeholder of CONTRACT-22 filled by
// DefinitionSubstitutions; Type STANDARD or EXPRESS from the plan. Its role
// may invoke only the plan's Lambdas (the exact function or alias ARN each
// placeholder names) and submit only the plan's own Batch jobs, plus what
// `batch:submitJob.sync` needs to follow a job (the managed EventBridge rule
// Step Functions creates for Batch). A Distributed Map runs child executions
// of this same state machine, so its role may start, describe and stop
// executions of itself — named explicitly so the grant needs no self-reference.
// An Express workflow keeps no execution history in Step Functions: it logs
// to its own log group (without execution data, so no payload lands in logs)
// or there would be nothing for `dagc calibrate` or a person to read.
import type { Deployment } from '../../ir/deployment.ts';
import type { IR } from '../../ir/types.ts';
import { stateName } from '../names.ts';
import { GetAtt, Ref, Sub } from './cfn-tags.ts';
import { BATCH_JOB_QUEUE, jobDefinitionLogicalId } from './batch-resources.ts';
import { aliasLogicalId, functionLogicalId } from './function-resource.ts';
import { invokeFunctions, policyDocument, type Statement } from './iam-statements.ts';

export const STATE_MACHINE = 'StateMachine';
export const STATE_MACHINE_LOG_GROUP = 'StateMachineLogGroup';
export const DEFINITION_FILE = 'statemachine.asl.json';
export const EXPRESS_LOG_RETENTION_DAYS = 14;
/** The rule Step Functions manages for `.sync` Batch integrations (Step Functions developer guide, IAM policies for AWS Batch). */
const BATCH_SYNC_RULE = 'StepFunctionsGetEventsForBatchJobsRule';
/** CloudWatch Logs vended-log delivery actions; they do not support resource-level permissions (Step Functions guide, logging). */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
];

export interface StateMachineLambda {
  key: string;
  aliased: boolean;
}

export interface StateMachineContext {
  ir: IR;
  deployment: Deployment;
  lambdas: StateMachineLambda[];
  batchFunctions: string[];
}

export function stateMachineName(ir: IR): string {
  return stateName(ir.name);
}

export function stateMachineResources(ctx: StateMachineContext): Record<string, unknown> {
  const substitutions: Record<string, unknown> = {};
  const invokeTargets: unknown[] = [];
  for (const lambda of ctx.lambdas) {
    const target = lambda.aliased ? new Ref(aliasLogicalId(lambda.key)) : new GetAtt(functionLogicalId(lambda.key), 'Arn');
    substitutions[`${functionLogicalId(lambda.key)}Arn`] = target;
    invokeTargets.push(target);
  }
  if (ctx.batchFunctions.length > 0) substitutions.BatchJobQueueArn = new GetAtt(BATCH_JOB_QUEUE, 'JobQueueArn');
  for (const fn of ctx.batchFunctions) substitutions[`${jobDefinitionLogicalId(fn)}Arn`] = new GetAtt(jobDefinitionLogicalId(fn), 'JobDefinitionArn');

  const statements: Statement[] = [];
  if (invokeTargets.length > 0) statements.push(invokeFunctions(invokeTargets));
  if (ctx.batchFunctions.length > 0) statements.push(...batchSyncStatements(ctx.batchFunctions));
  const name = stateMachineName(ctx.ir);
  if (hasDistributedMap(ctx.deployment)) statements.push(...childExecutionStatements(name));
  const express = ctx.deployment.orchestration === 'express';
  if (express) statements.push({ Effect: 'Allow', Action: [...LOG_DELIVERY_ACTIONS], Resource: ['*'] });

  const properties: Record<string, unknown> = {
    Name: name,
    Type: express ? 'EXPRESS' : 'STANDARD',
    DefinitionUri: DEFINITION_FILE,
  };
  if (Object.keys(substitutions).length > 0) properties.DefinitionSubstitutions = substitutions;
  if (statements.length > 0) properties.Policies = [policyDocument(statements)];
  const resources: Record<string, unknown> = {};
  if (express) {
    properties.Logging = {
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: new GetAtt(STATE_MACHINE_LOG_GROUP, 'Arn') } }],
    };
    resources[STATE_MACHINE_LOG_GROUP] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: EXPRESS_LOG_RETENTION_DAYS } };
  }
  resources[STATE_MACHINE] = { Type: 'AWS::Serverless::StateMachine', Properties: properties };
  return resources;
}

function batchSyncStatements(functions: string[]): Statement[] {
  return [
    {
      Effect: 'Allow',
      Action: ['batch:SubmitJob'],
      Resource: [new GetAtt(BATCH_JOB_QUEUE, 'JobQueueArn'), ...functions.map((fn) => new GetAtt(jobDefinitionLogicalId(fn), 'JobDefinitionArn'))],
    },
    // DescribeJobs has no resource-level permissions; TerminateJob (on a
    // timeout or abort) is scoped to jobs of this account and region.
    { Effect: 'Allow', Action: ['batch:DescribeJobs'], Resource: ['*'] },
    { Effect: 'Allow', Action: ['batch:TerminateJob'], Resource: [new Sub('arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job/*')] },
    {
      Effect: 'Allow',
      Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
      Resource: [new Sub(`arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${BATCH_SYNC_RULE}`)],
    },
  ];
}

function childExecutionStatements(name: string): Statement[] {
  return [
    { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [new Sub(`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:${name}`)] },
    {
      Effect: 'Allow',
      Action: ['states:DescribeExecution', 'states:StopExecution'],
      Resource: [new Sub(`arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:${name}/*`)],
    },
  ];
}

function hasDistributedMap(deployment: Deployment): boolean {
  return Object.values(deployment.steps).some((step) => step.map?.mode === 'distributed');
}
