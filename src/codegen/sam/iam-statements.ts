// The IAM statements the template grants, built in one place so every grant
// is scoped to one of the plan's own resources (least privilege, issue 22):
// object actions on one prefix of DataBucket, lambda:InvokeFunction on one
// function, Batch submission on the plan's own queue and job definitions.
// Plain IAM statements rather than SAM policy templates, so the template says
// exactly what is granted and the IAM tests can read it without knowing how
// SAM expands a template.
import { Sub } from './cfn-tags.ts';

export const POLICY_VERSION = '2012-10-17';
export const DATA_BUCKET = 'DataBucket';

export interface Statement {
  Effect: 'Allow';
  Action: string[];
  Resource: unknown[];
}

export function policyDocument(statements: Statement[]): { Version: string; Statement: Statement[] } {
  return { Version: POLICY_VERSION, Statement: statements };
}

/** Objects under `<prefix>/` of the data bucket. */
export function prefixObjects(prefix: string): Sub {
  return new Sub(`\${${DATA_BUCKET}.Arn}/${prefix}/*`);
}

/** Put and Delete under the runner's own prefix: where it writes its outputs and cleans them up. */
export function writeOwnPrefix(prefix: string): Statement {
  return { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:PutObject'], Resource: [prefixObjects(prefix)] };
}

/** Get and Delete under the prefixes of the runners it reads from (it deletes what no one else needs after reading). */
export function readProducerPrefixes(prefixes: string[]): Statement {
  return { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject'], Resource: prefixes.map(prefixObjects) };
}

export function invokeFunctions(resources: unknown[]): Statement {
  return { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: resources };
}

export function assumeRolePolicy(service: string): { Version: string; Statement: unknown[] } {
  return { Version: POLICY_VERSION, Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] };
}

