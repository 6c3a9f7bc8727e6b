import assert from 'node:assert/strict';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { decodeJson, handlerPath, lambdaClient, tailLines } from './sdk-clients.ts';

const REPORT = /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\t(Init Duration: \d+\.\d\d ms\t)?$/;

describe('emulator: Invoke through the real Lambda SDK client', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;

  before(async () => {
    emulator = await startEmulator();
    lambda = lambdaClient(emulator.endpoint);
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 256, timeoutMs: 5000, architecture: 'x86_64', env: { GREETING: 'hi' } });
    emulator.registerFunction({ name: 'fail', handlerPath: handlerPath('fail'), memoryMb: 256, timeoutMs: 5000, architecture: 'x86_64' });
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  it('runs the handler and returns its value, with the function environment and context', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from(JSON.stringify({ n: 7 })) }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.ExecutedVersion, '$LATEST');
    const body = decodeJson(out.Payload) as { event: unknown; functionName: string; memoryLimitInMB: string; greeting: string };
    assert.deepEqual(body.event, { n: 7 });
    assert.equal(body.functionName, 'echo');
    assert.equal(body.memoryLimitInMB, '256');
    assert.equal(body.greeting, 'hi');
  });

  it('reports Init Duration on the cold start only, and reuses the warm environment', async () => {
    await emulator.close();
    emulator = await startEmulator();
    lambda.destroy();
    lambda = lambdaClient(emulator.endpoint);
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 256, timeoutMs: 5000, architecture: 'x86_64' });
    emulator.registerFunction({ name: 'fail', handlerPath: handlerPath('fail'), memoryMb: 256, timeoutMs: 5000, architecture: 'x86_64' });
    const cold = await lambda.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail', Payload: Buffer.from('{}') }));
    const warm = await lambda.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail', Payload: Buffer.from('{}') }));
    const coldLines = tailLines(cold.LogResult);
    const warmLines = tailLines(warm.LogResult);
    assert.match(coldLines[0]!, /^INIT_START Runtime Version: /);
    assert.match(coldLines[1]!, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    assert.match(warmLines[0]!, /^START RequestId: /);
    assert.ok(coldLines.some((line) => /\tINFO\techo handler got \{\}$/.test(line)), coldLines.join('\n'));
    const coldReport = coldLines.at(-1)!;
    const warmReport = warmLines.at(-1)!;
    assert.match(coldReport, REPORT);
    assert.match(warmReport, REPORT);
    assert.match(coldReport, /\tInit Duration: /);
    assert.doesNotMatch(warmReport, /Init Duration/);
    // Same process: the module-level timestamp did not change.
    assert.equal((decodeJson(cold.Payload) as { loadedAt: number }).loadedAt, (decodeJson(warm.Payload) as { loadedAt: number }).loadedAt);
  });

  it('bills the duration rounded up to the next millisecond', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail' }));
    const report = tailLines(out.LogResult).at(-1)!;
    const durationMs = Number(/Duration: (\d+\.\d\d) ms/.exec(report)![1]);
    const billedMs = Number(/Billed Duration: (\d+) ms/.exec(report)![1]);
    assert.equal(billedMs, Math.max(1, Math.ceil(durationMs)));
  });

  it('returns a handler exception as FunctionError Unhandled with errorType and errorMessage', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'fail' }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    const body = decodeJson(out.Payload) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, 'WidgetError');
    assert.equal(body.errorMessage, 'the widget broke');
  });

  it('reports a handler that is not exported as an init error (Runtime.HandlerNotFound)', async () => {
    emulator.registerFunction({ name: 'missing-export', handlerPath: handlerPath('echo'), handlerExport: 'nope', memoryMb: 256, timeoutMs: 5000, architecture: 'x86_64' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'missing-export' }));
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal((decodeJson(out.Payload) as { errorType: string }).errorType, 'Runtime.HandlerNotFound');
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'nope' })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'ResourceNotFoundException');
      assert.equal(error.$metadata?.httpStatusCode, 404);
      return true;
    });
  });

  it('runs concurrent invocations in separate environments', async () => {
    emulator.registerFunction({ name: 'sleep', handlerPath: handlerPath('sleep'), memoryMb: 256, timeoutMs: 5000, architecture: 'x86_64' });
    const payload = Buffer.from(JSON.stringify({ sleepMs: 300 }));
    const outs = await Promise.all([1, 2].map(() => lambda.send(new InvokeCommand({ FunctionName: 'sleep', Payload: payload, LogType: 'Tail' }))));
    for (const out of outs) assert.match(tailLines(out.LogResult).at(-1)!, /Init Duration/);
    const environments = emulator.environments().filter((environment) => environment.functionName === 'sleep');
    assert.equal(environments.length, 2);
    assert.notEqual(environments[0]!.pid, environments[1]!.pid);
  });
});
