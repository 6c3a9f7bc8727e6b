import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { handlerPath } from './sdk-clients.ts';

describe('emulator: idle environments', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ idleTimeoutMs: 150 });
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64' });
  });
  after(() => emulator.close());

  it('reuses an environment while it is fresh and starts a new one after the idle timeout', async () => {
    const cold = await emulator.core.invoke('echo', {});
    const warm = await emulator.core.invoke('echo', {});
    assert.notEqual(cold.initDurationMs, undefined);
    assert.equal(warm.initDurationMs, undefined);
    await sleep(600);
    assert.equal(emulator.core.environmentCount('echo'), 0);
    const again = await emulator.core.invoke('echo', {});
    assert.notEqual(again.initDurationMs, undefined);
  });
});
