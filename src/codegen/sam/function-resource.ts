// One AWS::Serverless::Function per deployed Lambda (CONTRACT-22): its
// package is functions/<stateName(key)>/ with entry index.handler on
// nodejs20.x; memory, architecture and timeout from the plan; environment
// DAGC_LAMBDA_KEY, DAGC_BUCKET (when the plan has a bucket) and one
// DAGC_WARM_<logicalId> per Lambda it warms; provisioned concurrency on an
// alias `live` when a step asks for prewarm. A warm-up target is named by its
// FunctionName, literally, not with !Ref: two Lambdas may warm each other (a
// function with steps before and after another's), and !Ref both ways would
// be a dependency cycle CloudFormation refuses; the value is the same name.
// Permissions are the Lambda's
// own: its prefix (when it writes through S3), its producers' prefixes, its warm-up targets.
import type { Deployment } from '../../ir/deployment.ts';
import type { IR } from '../../ir/types.ts';
import type { DeployedLambda } from '../deployed-lambdas.ts';
import { lambdaFunctionName, logicalId, stateName } from '../names.ts';
import { Ref, Sub } from './cfn-tags.ts';
import { DATA_BUCKET, invokeFunctions, policyDocument, readProducerPrefixes, writeOwnPrefix, type Statement } from './iam-statements.ts';
import { lambdaTimeoutSeconds } from './lambda-timeout.ts';
import { provisionedConcurrency, s3Prefix } from './runners.ts';

export const LAMBDA_RUNTIME = 'nodejs20.x';
export const LAMBDA_HANDLER = 'index.handler';
/** SAM names the alias it publishes `<FunctionLogicalId>Alias<AliasName>`. */
export const PREWARM_ALIAS = 'live';

export interface FunctionContext {
  ir: IR;
  deployment: Deployment;
  hasBucket: boolean;
  /** Whether it writes the data of some S3 edge (then it may Put and Delete under its own prefix). */
  writesS3: boolean;
  /** Prefixes this Lambda reads through S3 edges, sorted. */
  readPrefixes: string[];
  /** Keys of the Lambdas it warms, sorted. */
  warms: string[];
}

export function functionLogicalId(key: string): string {
  return logicalId('Fn', key);
}

export function aliasLogicalId(key: string): string {
  return `${functionLogicalId(key)}Alias${PREWARM_ALIAS}`;
}

export function functionResource(lambda: DeployedLambda, ctx: FunctionContext): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (ctx.hasBucket) variables.DAGC_BUCKET = new Ref(DATA_BUCKET);
  variables.DAGC_LAMBDA_KEY = lambda.key;
  for (const target of ctx.warms) variables[`DAGC_WARM_${functionLogicalId(target)}`] = lambdaFunctionName(ctx.ir.name, target);

  const properties: Record<string, unknown> = {
    FunctionName: lambdaFunctionName(ctx.ir.name, lambda.key),
    CodeUri: `functions/${stateName(lambda.key)}/`,
    Handler: LAMBDA_HANDLER,
    Runtime: LAMBDA_RUNTIME,
    Architectures: [lambda.architecture],
    MemorySize: lambda.memoryMb,
    Timeout: lambdaTimeoutSeconds(ctx.ir, lambda),
    Environment: { Variables: variables },
  };
  const prewarm = provisionedConcurrency(ctx.deployment, lambda);
  if (prewarm > 0) {
    properties.AutoPublishAlias = PREWARM_ALIAS;
    properties.ProvisionedConcurrencyConfig = { ProvisionedConcurrentExecutions: prewarm };
  }
  const statements = functionStatements(lambda, ctx);
  if (statements.length > 0) properties.Policies = [policyDocument(statements)];
  return { Type: 'AWS::Serverless::Function', Properties: properties };
}

function functionStatements(lambda: DeployedLambda, ctx: FunctionContext): Statement[] {
  const statements: Statement[] = [];
  if (ctx.writesS3) statements.push(writeOwnPrefix(s3Prefix({ kind: 'lambda', key: lambda.key })));
  if (ctx.readPrefixes.length > 0) statements.push(readProducerPrefixes(ctx.readPrefixes));
  if (ctx.warms.length > 0) statements.push(invokeFunctions(ctx.warms.map((key) => unqualifiedFunctionArn(lambdaFunctionName(ctx.ir.name, key)))));
  return statements;
}

/** The ARN of a function by name, unqualified: what an invoke by bare name (no alias or version) is authorised against. */
export function unqualifiedFunctionArn(functionName: string): Sub {
  return new Sub(`arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${functionName}`);
}
