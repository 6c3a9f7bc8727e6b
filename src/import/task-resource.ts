// What a Task state runs, read from its Resource (and, for the optimized
// Lambda integration, Parameters.FunctionName or JSONata Arguments.FunctionName).
// Lambda functions are named by their function name without alias or
// version, so two states that invoke the same function share one profile.
// Everything else (DynamoDB, SNS, SQS, Glue, Athena, ECS, Batch, aws-sdk:*,
// nested executions, activities) is a service call dagc cannot size.
import { isRecord, type AslState } from './asl-scope.ts';

export type TaskTarget =
  | {
      kind: 'lambda';
      /** Function name as deployed (or the placeholder's name, or the state's name when dynamic). */
      functionName: string;
      qualifier?: string;
      region?: string;
      /** The SAM/CDK substitution it came from, e.g. ${ResizeFunctionArn}. */
      placeholder?: string;
      /** The JSONPath or JSONata expression that picks the function at run time. */
      dynamic?: string;
      callback?: string;
      /** The text that named the function, for the app.yaml comment. */
      source: string;
    }
  | { kind: 'service'; service: string; callback?: string; nested: boolean; source: string };

const LAMBDA_INVOKE = /^lambda:invoke(\.waitForTaskToken)?$/;

export function taskTarget(state: AslState): TaskTarget {
  const resource = typeof state.raw.Resource === 'string' ? state.raw.Resource : '';
  const placeholder = /^\$\{([^}]+)\}$/.exec(resource);
  if (placeholder) return { kind: 'lambda', functionName: placeholderName(placeholder[1]!), placeholder: resource, source: resource };
  // arn:<partition>:states:::<integration>, the partition possibly a ${AWS::Partition} placeholder.
  const integration = /^arn:[^:]*:states:[^:]*:[^:]*:(.+)$/.exec(resource.replace(/\$\{[^}]*\}/g, 'x'));
  if (integration && resource.includes(':states:::')) {
    const name = resource.slice(resource.indexOf(':states:::') + ':states:::'.length);
    const lambda = LAMBDA_INVOKE.exec(name);
    if (lambda) return lambdaInvoke(state, resource, lambda[1] ? 'a task token (.waitForTaskToken)' : undefined);
    return serviceCall(name, resource);
  }
  if (/:activity:/.test(resource)) return { kind: 'service', service: `activity:${resource.split(':activity:')[1]}`, callback: 'an activity worker', nested: false, source: resource };
  const fn = parseFunctionReference(resource);
  if (fn) return { kind: 'lambda', ...fn, source: resource };
  return { kind: 'service', service: resource === '' ? 'an unknown resource' : resource, nested: false, source: resource };
}

function lambdaInvoke(state: AslState, resource: string, callback: string | undefined): TaskTarget {
  const args = isRecord(state.raw.Parameters) ? state.raw.Parameters : isRecord(state.raw.Arguments) ? state.raw.Arguments : {};
  const extra = callback ? { callback } : {};
  const literal = args.FunctionName;
  if (typeof literal === 'string' && !/^\{%.*%\}$/s.test(literal.trim())) {
    const fn = parseFunctionReference(literal);
    if (fn) return { kind: 'lambda', ...fn, ...extra, source: literal };
  }
  const path = typeof args['FunctionName.$'] === 'string' ? (args['FunctionName.$'] as string) : typeof literal === 'string' ? literal : '(no FunctionName)';
  return { kind: 'lambda', functionName: state.name, dynamic: path, ...extra, source: `${resource} ${path}` };
}

function serviceCall(name: string, resource: string): TaskTarget {
  const callback = name.endsWith('.waitForTaskToken') ? 'a task token (.waitForTaskToken)' : /\.sync(:\d+)?$/.test(name) ? 'the job to finish (.sync)' : undefined;
  const service = name.replace(/\.(waitForTaskToken|sync(:\d+)?)$/, '').replace(/^aws-sdk:/, '');
  const nested = service === 'states:startExecution';
  return { kind: 'service', service, nested, ...(callback ? { callback } : {}), source: resource };
}

/**
 * A Lambda function reference in any form Lambda accepts: name, name:alias,
 * partial ARN (123456789012:function:name), full ARN with or without a
 * version or alias; a whole-value placeholder (${FnArn}) names it after the placeholder.
 */
export function parseFunctionReference(text: string): Omit<Extract<TaskTarget, { kind: 'lambda' }>, 'kind' | 'source'> | undefined {
  const value = text.trim();
  const placeholder = /^\$\{([^}]+)\}$/.exec(value);
  if (placeholder) return { functionName: placeholderName(placeholder[1]!), placeholder: value };
  const arn = /(?:^|:)function:([^:]+)(?::([^:]+))?$/.exec(value);
  if (arn) {
    const region = /^arn:[^:]+:lambda:([a-z]{2}(?:-[a-z]+)+-\d):/.exec(value)?.[1];
    const name = arn[1]!;
    const inner = /^\$\{([^}]+)\}$/.exec(name);
    return {
      functionName: inner ? placeholderName(inner[1]!) : name,
      ...(inner ? { placeholder: name } : {}),
      ...(arn[2] ? { qualifier: arn[2] } : {}),
      ...(region ? { region } : {}),
    };
  }
  const plain = /^([A-Za-z0-9_-]{1,140})(?::([A-Za-z0-9_$-]+))?$/.exec(value);
  if (plain) return { functionName: plain[1]!, ...(plain[2] ? { qualifier: plain[2] } : {}) };
  return undefined;
}

/** ${ResizeFunctionArn} → ResizeFunction: the Arn suffix says nothing about the function. */
function placeholderName(inner: string): string {
  return inner.replace(/(Arn|ARN|\.Arn)$/, '') || inner;
}
