import assert from 'node:assert/strict';
import { drawState } from '../../../src/codegen/asl/choice-states.ts';
import { batchTask, escapeFormat, lambdaChunkTask, lambdaTask, LAMBDA_TRANSIENT_ERRORS } from '../../../src/codegen/asl/task-states.ts';

describe('ASL task states', () => {
  it('escapes backslash, quote and braces for a States.Format template, and nothing else', () => {
    assert.equal(escapeFormat("a'b{c}d\\e"), "a\\'b\\{c\\}d\\\\e");
    assert.equal(escapeFormat('plain text/with-dashes_0'), 'plain text/with-dashes_0');
    assert.equal(escapeFormat("''"), "\\'\\'");
  });

  it('invokes a Lambda through its placeholder with the unit and the whole state, retrying only Lambda\'s transient errors', () => {
    assert.deepEqual(lambdaTask('split', 'split'), {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${FnSplitArn}', Payload: { unit: 'split', 'state.$': '$' } },
      OutputPath: '$.Payload',
      Retry: [{ ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
    });
    assert.deepEqual(LAMBDA_TRANSIENT_ERRORS, ['Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException']);
  });

  it('hands a map chunk\'s Lambda the chunk and the state from the item selector', () => {
    const task = lambdaChunkTask('work', 'fan') as { Parameters: unknown; OutputPath: string };
    assert.deepEqual(task.Parameters, { FunctionName: '${FnWorkArn}', Payload: { unit: 'fan', 'chunk.$': '$.chunk', 'state.$': '$.state' } });
    assert.equal(task.OutputPath, '$.Payload');
  });

  it('submits a Batch job with the unit, the state and an output key under the function\'s prefix, and keeps that key as the output', () => {
    const task = batchTask('infer', 'gpu step', 'gpu_step', "in'fer") as Record<string, any>;
    assert.equal(task.Resource, 'arn:aws:states:::batch:submitJob.sync');
    assert.equal(task.Parameters.JobName, 'gpu_step');
    assert.equal(task.Parameters.JobDefinition, '${JobInferArn}');
    assert.equal(task.Parameters.JobQueue, '${BatchJobQueueArn}');
    assert.deepEqual(task.Parameters.ContainerOverrides.Environment, [
      { Name: 'DAGC_UNIT', Value: 'gpu step' },
      { Name: 'DAGC_STATE', 'Value.$': 'States.JsonToString($)' },
      { Name: 'DAGC_OUTPUT_KEY', 'Value.$': "States.Format('in\\'fer/{}/gpu_step.json', $.exec)" },
    ]);
    assert.deepEqual(task.ResultSelector, { 's3.$': "States.Format('in\\'fer/{}/gpu_step.json', $$.Execution.Name)" });
    assert.equal(task.ResultPath, '$.out.gpu_step');
  });

  it('draws a choice from the SHA-256 of the execution name and the escaped choice id, into the draws of its Choice state', () => {
    assert.deepEqual(drawState("g'{1}", 'g_1', 'g_1'), {
      Type: 'Pass',
      Parameters: { 'u.$': "States.Hash(States.Format('{}\u0000g\\'\\{1\\}', $.exec), 'SHA-256')" },
      ResultPath: '$.draw.g_1',
      Next: 'g_1',
    });
  });
});
