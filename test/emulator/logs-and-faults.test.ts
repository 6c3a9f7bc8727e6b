import assert from 'node:assert/strict';
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { decodeJson, handlerPath, lambdaClient, logsClient } from './sdk-clients.ts';

describe('emulator: CloudWatch Logs and injected faults through the real SDK clients', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;

  before(async () => {
    emulator = await startEmulator({ concurrencyLimit: 2 });
    lambda = lambdaClient(emulator.endpoint);
    logs = logsClient(emulator.endpoint);
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64' });
    emulator.registerFunction({ name: 'sleep', handlerPath: handlerPath('sleep'), memoryMb: 512, timeoutMs: 400, architecture: 'x86_64' });
  });
  after(async () => {
    lambda.destroy();
    logs.destroy();
    await emulator.close();
  });

  it('serves REPORT lines through FilterLogEvents, with time bounds and paging', async () => {
    const startTime = Date.now();
    for (let i = 0; i < 3; i += 1) await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from(JSON.stringify({ i })) }));
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/echo', startTime, filterPattern: 'REPORT' }));
    assert.equal(all.events?.length, 3);
    for (const event of all.events ?? []) {
      assert.match(event.message ?? '', /^REPORT RequestId: \S+\tDuration: /);
      assert.ok((event.timestamp ?? 0) >= startTime);
      assert.match(event.logStreamName ?? '', /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]+$/);
    }
    const handlerLines = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/echo', filterPattern: '"echo handler got"' }));
    assert.equal(handlerLines.events?.length, 3);
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/echo', limit: 4 }));
    assert.equal(first.events?.length, 4);
    assert.ok(first.nextToken);
    const rest = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/echo', limit: 100, nextToken: first.nextToken }));
    assert.equal(rest.nextToken, undefined);
    // INIT_START once (the first call is cold), then START, the handler's line, END, REPORT per call.
    assert.equal((first.events?.length ?? 0) + (rest.events?.length ?? 0), 1 + 3 * 4);
    const future = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/echo', startTime: Date.now() + 60_000 }));
    assert.equal(future.events?.length, 0);
  });

  it('surfaces an injected throttle as TooManyRequestsException', async () => {
    emulator.injectFault({ kind: 'throttle', functionName: 'echo' });
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'TooManyRequestsException');
      assert.equal(error.$metadata?.httpStatusCode, 429);
      return true;
    });
    const after = await lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    assert.equal(after.StatusCode, 200);
  });

  it('throttles invocations beyond the concurrency limit', async () => {
    const payload = Buffer.from(JSON.stringify({ sleepMs: 250 }));
    const results = await Promise.allSettled([1, 2, 3].map(() => lambda.send(new InvokeCommand({ FunctionName: 'sleep', Payload: payload }))));
    const rejected = results.filter((result) => result.status === 'rejected');
    assert.equal(rejected.length, 1);
    assert.equal((rejected[0] as PromiseRejectedResult).reason.name, 'TooManyRequestsException');
  });

  it('surfaces an injected service error as ServiceException (500), set through the admin route', async () => {
    const response = await fetch(`${emulator.endpoint}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'serviceError', functionName: 'echo' }) });
    assert.equal(response.status, 201);
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo' })), { name: 'ServiceException' });
  });

  it('forces a timeout: the handler hangs until the configured timeout', async () => {
    emulator.injectFault({ kind: 'timeout', functionName: 'sleep' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'sleep', Payload: Buffer.from('{"sleepMs":1}'), LogType: 'Tail' }));
    assert.equal(out.FunctionError, 'Unhandled');
    assert.match(Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'), /Duration: 400\.00 ms\t.*\tStatus: timeout\t\n$/);
  });

  it('crashes the environment mid-invocation and starts a new one next time', async () => {
    await lambda.send(new InvokeCommand({ FunctionName: 'sleep', Payload: Buffer.from('{"sleepMs":1}') }));
    emulator.injectFault({ kind: 'crash', functionName: 'sleep', afterMs: 50 });
    const crashed = await lambda.send(new InvokeCommand({ FunctionName: 'sleep', Payload: Buffer.from('{"sleepMs":300}'), LogType: 'Tail' }));
    assert.equal(crashed.FunctionError, 'Unhandled');
    assert.equal((decodeJson(crashed.Payload) as { errorType: string }).errorType, 'Runtime.ExitError');
    assert.match(Buffer.from(crashed.LogResult ?? '', 'base64').toString('utf8'), /\tStatus: error\tError Type: Runtime\.ExitError\t\n$/);
    const next = await lambda.send(new InvokeCommand({ FunctionName: 'sleep', Payload: Buffer.from('{"sleepMs":1}'), LogType: 'Tail' }));
    assert.match(Buffer.from(next.LogResult ?? '', 'base64').toString('utf8'), /Init Duration/);
  });

  it('rejects a malformed fault on the admin route', async () => {
    const response = await fetch(`${emulator.endpoint}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, /kind/);
  });
});
