// AWS Batch resources for functions the plan runs as Batch jobs (accelerator
// functions, `batch` in plan.json): one managed EC2 compute environment on
// the plan's instance types with the ECS GPU AMI, one job queue, and per
// function a job definition with the plan's vCPUs, GPUs and memory. Placeholders
// `${<logicalId('Job', fn)>Arn}` and `${BatchJobQueueArn}` (CONTRACT-22).
//
// What the plan cannot know is asked as template parameters, never guessed:
// the subnets and security groups the instances run in, each job's container
// image, and the compute environment's vCPU ceiling (default: every Batch
// function running one job at a time).
import type { Deployment } from '../../ir/deployment.ts';
import type { IR } from '../../ir/types.ts';
import { logicalId } from '../names.ts';
import { GetAtt, Ref, Sub } from './cfn-tags.ts';
import { assumeRolePolicy, DATA_BUCKET, policyDocument, readProducerPrefixes, writeOwnPrefix, type Statement } from './iam-statements.ts';
import { runnerId, s3Prefix } from './runners.ts';
import type { S3Access } from './s3-access.ts';

export const BATCH_COMPUTE_ENVIRONMENT = 'BatchComputeEnvironment';
export const BATCH_JOB_QUEUE = 'BatchJobQueue';
export const BATCH_INSTANCE_ROLE = 'BatchInstanceRole';
export const BATCH_INSTANCE_PROFILE = 'BatchInstanceProfile';
export const BATCH_SUBNETS_PARAMETER = 'BatchSubnetIds';
export const BATCH_SECURITY_GROUPS_PARAMETER = 'BatchSecurityGroupIds';
export const BATCH_MAX_VCPUS_PARAMETER = 'BatchMaxvCpus';
/** Batch's own floor for a job attempt's timeout. */
const MIN_ATTEMPT_SECONDS = 60;

export function jobDefinitionLogicalId(fn: string): string {
  return logicalId('Job', fn);
}

export function jobRoleLogicalId(fn: string): string {
  return logicalId('BatchJobRole', fn);
}

export function jobImageParameter(fn: string): string {
  return logicalId('BatchImage', fn);
}

export interface BatchContext {
  ir: IR;
  deployment: Deployment;
  hasBucket: boolean;
  /** Runner id → prefixes it reads through S3 edges; ids of runners that write through S3. */
  access: S3Access;
}

export interface BatchPart {
  parameters: Record<string, unknown>;
  resources: Record<string, unknown>;
}

export function batchResources(functions: string[], ctx: BatchContext): BatchPart {
  const parameters: Record<string, unknown> = {};
  const resources: Record<string, unknown> = {};
  if (functions.length === 0) return { parameters, resources };
  const jobs = functions.map((fn) => ({ fn, batch: ctx.deployment.functions[fn]!.batch! }));
  parameters[BATCH_SUBNETS_PARAMETER] = { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Subnets the Batch GPU instances run in' };
  parameters[BATCH_SECURITY_GROUPS_PARAMETER] = { Type: 'List<AWS::EC2::SecurityGroup::Id>', Description: 'Security groups of the Batch GPU instances' };
  parameters[BATCH_MAX_VCPUS_PARAMETER] = {
    Type: 'Number',
    Default: jobs.reduce((sum, job) => sum + job.batch.vcpus, 0),
    Description: 'Upper bound on the vCPUs the Batch compute environment may run at once',
  };
  for (const { fn } of jobs) parameters[jobImageParameter(fn)] = { Type: 'String', Description: `Container image (URI) that runs function '${fn}' as a Batch job` };

  resources[BATCH_INSTANCE_ROLE] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: assumeRolePolicy('ec2.amazonaws.com'),
      ManagedPolicyArns: [new Sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role')],
    },
  };
  resources[BATCH_INSTANCE_PROFILE] = { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [new Ref(BATCH_INSTANCE_ROLE)] } };
  resources[BATCH_COMPUTE_ENVIRONMENT] = {
    Type: 'AWS::Batch::ComputeEnvironment',
    Properties: {
      Type: 'MANAGED',
      ComputeResources: {
        Type: 'EC2',
        AllocationStrategy: 'BEST_FIT_PROGRESSIVE',
        MinvCpus: 0,
        MaxvCpus: new Ref(BATCH_MAX_VCPUS_PARAMETER),
        InstanceTypes: [...new Set(jobs.map((job) => job.batch.instanceType))].sort(),
        Subnets: new Ref(BATCH_SUBNETS_PARAMETER),
        SecurityGroupIds: new Ref(BATCH_SECURITY_GROUPS_PARAMETER),
        InstanceRole: new GetAtt(BATCH_INSTANCE_PROFILE, 'Arn'),
        Ec2Configuration: [{ ImageType: 'ECS_AL2_NVIDIA' }],
      },
    },
  };
  resources[BATCH_JOB_QUEUE] = {
    Type: 'AWS::Batch::JobQueue',
    Properties: { Priority: 1, ComputeEnvironmentOrder: [{ Order: 1, ComputeEnvironment: new Ref(BATCH_COMPUTE_ENVIRONMENT) }] },
  };
  for (const { fn, batch } of jobs) {
    const timeoutMs = ctx.ir.functions.get(fn)?.timeoutMs ?? 0;
    const container: Record<string, unknown> = {
      Image: new Ref(jobImageParameter(fn)),
      ResourceRequirements: [
        { Type: 'GPU', Value: String(batch.gpus) },
        { Type: 'MEMORY', Value: String(ctx.deployment.functions[fn]!.memoryMb) },
        { Type: 'VCPU', Value: String(batch.vcpus) },
      ],
      Environment: [
        ...(ctx.hasBucket ? [{ Name: 'DAGC_BUCKET', Value: new Ref(DATA_BUCKET) }] : []),
        { Name: 'DAGC_FUNCTION', Value: fn },
      ],
    };
    const runner = { kind: 'batch', fn } as const;
    const statements: Statement[] = [];
    if (ctx.access.writers.has(runnerId(runner))) statements.push(writeOwnPrefix(s3Prefix(runner)));
    const reads = ctx.access.reads.get(runnerId(runner)) ?? [];
    if (reads.length > 0) statements.push(readProducerPrefixes(reads));
    if (statements.length > 0) {
      container.JobRoleArn = new GetAtt(jobRoleLogicalId(fn), 'Arn');
      resources[jobRoleLogicalId(fn)] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: assumeRolePolicy('ecs-tasks.amazonaws.com'),
          Policies: [{ PolicyName: 'dagc-data', PolicyDocument: policyDocument(statements) }],
        },
      };
    }
    resources[jobDefinitionLogicalId(fn)] = {
      Type: 'AWS::Batch::JobDefinition',
      Properties: {
        Type: 'container',
        PlatformCapabilities: ['EC2'],
        Timeout: { AttemptDurationSeconds: Math.max(MIN_ATTEMPT_SECONDS, Math.ceil(timeoutMs / 1000)) },
        ContainerProperties: container,
      },
    };
  }
  return { parameters, resources };
}
