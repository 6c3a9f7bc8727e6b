import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { handlerPath, lambdaClient, reportOf } from './sdk-clients.ts';

describe('emulator: idle environments', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;
  before(async () => {
    emulator = await startEmulator({ idleTimeoutMs: 150 });
    lambda = lambdaClient(emulator.endpoint);
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64' });
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  const invoke = async (): Promise<string> => reportOf((await lambda.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail' }))).LogResult);

  it('reuses an environment while it is fresh and starts a new one after the idle timeout', async () => {
    assert.match(await invoke(), /Init Duration/);
    assert.doesNotMatch(await invoke(), /Init Duration/);
    assert.equal(emulator.environments().length, 1);
    await sleep(350);
    assert.equal(emulator.environments().length, 0);
    assert.match(await invoke(), /Init Duration/);
  });
});
