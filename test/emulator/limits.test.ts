import assert from 'node:assert/strict';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { decodeJson, handlerPath, lambdaClient, reportOf, tailLines } from './sdk-clients.ts';

describe('emulator: memory and timeout limits', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;

  before(async () => {
    // CPU shares are cpu-share.test.ts's business; without them the allocations here take a fraction of the time.
    emulator = await startEmulator({ cpuLimit: 'none' });
    lambda = lambdaClient(emulator.endpoint);
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  it('kills a handler at its timeout and reports Status: timeout', async () => {
    emulator.registerFunction({ name: 'sleepy', handlerPath: handlerPath('sleep'), memoryMb: 256, timeoutMs: 300, architecture: 'x86_64' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'sleepy', Payload: Buffer.from(JSON.stringify({ sleepMs: 5000 })), LogType: 'Tail' }));
    assert.equal(out.FunctionError, 'Unhandled');
    const lines = tailLines(out.LogResult);
    assert.ok(lines.some((line) => / Task timed out after 0\.30 seconds$/.test(line)), lines.join('\n'));
    assert.match(lines.at(-1)!, /^REPORT RequestId: \S+\tDuration: 300\.00 ms\tBilled Duration: 300 ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\tStatus: timeout\t$/);
    assert.match((decodeJson(out.Payload) as { errorMessage: string }).errorMessage, /Task timed out after 0\.30 seconds/);
    // The environment was killed: the next call is cold.
    const next = await lambda.send(new InvokeCommand({ FunctionName: 'sleepy', Payload: Buffer.from(JSON.stringify({ sleepMs: 1 })), LogType: 'Tail' }));
    assert.equal(next.FunctionError, undefined);
    assert.match(reportOf(next.LogResult), /Init Duration/);
  });

  it('kills an environment that uses more memory than configured and reports it', async () => {
    emulator.registerFunction({ name: 'hog', handlerPath: handlerPath('allocate'), memoryMb: 128, timeoutMs: 10_000, architecture: 'x86_64' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'hog', Payload: Buffer.from(JSON.stringify({ mb: 200 })), LogType: 'Tail' }));
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal((decodeJson(out.Payload) as { errorType: string }).errorType, 'Runtime.OutOfMemory');
    const report = reportOf(out.LogResult);
    assert.match(report, /\tStatus: error\tError Type: Runtime\.OutOfMemory\t$/);
    assert.ok(Number(/Max Memory Used: (\d+) MB/.exec(report)![1]) >= 128, report);
  });

  it('reports Max Memory Used from the environment high-water mark', async () => {
    emulator.registerFunction({ name: 'grow', handlerPath: handlerPath('allocate'), memoryMb: 512, timeoutMs: 10_000, architecture: 'x86_64' });
    const small = reportOf((await lambda.send(new InvokeCommand({ FunctionName: 'grow', Payload: Buffer.from('{"mb":0}'), LogType: 'Tail' }))).LogResult);
    const big = reportOf((await lambda.send(new InvokeCommand({ FunctionName: 'grow', Payload: Buffer.from('{"mb":80}'), LogType: 'Tail' }))).LogResult);
    const used = (report: string): number => Number(/Max Memory Used: (\d+) MB/.exec(report)![1]);
    assert.ok(used(big) >= used(small) + 60, `${small}\n${big}`);
  });
});
