// CloudWatch Logs calls beyond the basics, through the real SDK client.
import assert from 'node:assert/strict';
import { DescribeLogGroupsCommand, FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { handlerPath, lambdaClient, logsClient } from './sdk-clients.ts';

describe('emulator: CloudWatch Logs API details', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;

  before(async () => {
    emulator = await startEmulator();
    lambda = lambdaClient(emulator.endpoint);
    logs = logsClient(emulator.endpoint);
    emulator.registerFunction({ name: 'sleepy', handlerPath: handlerPath('sleep'), memoryMb: 512, timeoutMs: 200, architecture: 'x86_64' });
    await lambda.send(new InvokeCommand({ FunctionName: 'sleepy', Payload: Buffer.from('{"sleepMs":1}') }));
    await lambda.send(new InvokeCommand({ FunctionName: 'sleepy', Payload: Buffer.from('{"sleepMs":1000}') }));
  });
  after(async () => {
    lambda.destroy();
    logs.destroy();
    await emulator.close();
  });

  const messages = async (filterPattern: string, group = '/aws/lambda/sleepy'): Promise<string[]> =>
    ((await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: group, filterPattern }))).events ?? []).map((event) => event.message ?? '');

  it('filters with ?alternatives and -exclusions', async () => {
    const reports = await messages('REPORT');
    assert.equal(reports.length, 2);
    assert.deepEqual(await messages('REPORT -timeout'), reports.filter((line) => !line.includes('timeout')));
    assert.equal((await messages('REPORT ?"Status: timeout" ?"Status: error"')).length, 1);
    assert.equal((await messages('"Task timed out after 0.20 seconds"')).length, 1);
  });

  it('accepts the log group as an ARN, and says when a group does not exist', async () => {
    assert.equal((await messages('REPORT', 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/sleepy:*')).length, 2);
    await assert.rejects(messages('REPORT', '/aws/lambda/never-invoked'), { name: 'ResourceNotFoundException' });
    await assert.rejects(messages('{ $.level = "ERROR" }'), { name: 'InvalidParameterException' });
  });

  it('lists the log groups that exist', async () => {
    const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    assert.deepEqual(logGroups.map((group) => group.logGroupName), ['/aws/lambda/sleepy']);
  });
});
