// Task states: a Lambda invoke (one unfused step, one map chunk, or one whole
// fusion group) and an AWS Batch job. Every Lambda Task retries Lambda's
// transient errors with exponential backoff and full jitter (AWS's
// recommended retrier for lambda:invoke); a handler's own error is not
// retried, because handlers are deterministic and would fail again.
import { BAG_FIELDS } from '../../runtime/lambda/state-bag.ts';
import { BATCH_JOB_QUEUE_PLACEHOLDER, batchJobDefinitionPlaceholder, lambdaArnPlaceholder } from './placeholders.ts';

export type AslState = Record<string, unknown>;

export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException'];

export const LAMBDA_RETRY = [{ ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }];

/** Runs `unit` on the whole state; the Lambda returns the next state. */
export function lambdaTask(lambdaKey: string, unit: string): AslState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: lambdaArnPlaceholder(lambdaKey), Payload: { unit, 'state.$': '$' } },
    OutputPath: '$.Payload',
    Retry: LAMBDA_RETRY,
  };
}

/** Runs one chunk of a map's items; the Lambda returns the chunk's result reference. */
export function lambdaChunkTask(lambdaKey: string, unit: string): AslState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: lambdaArnPlaceholder(lambdaKey), Payload: { unit, 'chunk.$': '$.chunk', 'state.$': '$.state' } },
    OutputPath: '$.Payload',
    Retry: LAMBDA_RETRY,
  };
}

/**
 * A Batch job for an accelerator step. The container gets the unit and the
 * state as environment variables and writes the step's output as JSON to the
 * bucket under its own prefix, at the key the state then points to.
 */
export function batchTask(functionName: string, step: string, stateName: string, keyPrefix: string): AslState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::batch:submitJob.sync',
    Parameters: {
      JobName: stateName,
      JobDefinition: batchJobDefinitionPlaceholder(functionName),
      JobQueue: BATCH_JOB_QUEUE_PLACEHOLDER,
      ContainerOverrides: {
        Environment: [
          { Name: 'DAGC_UNIT', Value: step },
          { Name: 'DAGC_STATE', 'Value.$': 'States.JsonToString($)' },
          { Name: 'DAGC_OUTPUT_KEY', 'Value.$': `States.Format('${escapeFormat(keyPrefix)}/{}/${escapeFormat(stateName)}.json', $.${BAG_FIELDS.exec})` },
        ],
      },
    },
    // The job's own result is its description; the state keeps the pointer to what it wrote (same execution name, same key).
    ResultSelector: { 's3.$': `States.Format('${escapeFormat(keyPrefix)}/{}/${escapeFormat(stateName)}.json', $$.Execution.Name)` },
    ResultPath: `$.${BAG_FIELDS.outputs}.${stateName}`,
  };
}

/** Escapes text for a States.Format template (and a quoted intrinsic argument). */
export function escapeFormat(text: string): string {
  return text.replace(/[\\'{}]/g, (c) => `\\${c}`);
}
