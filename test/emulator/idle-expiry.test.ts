// Idle expiry on an injected clock (test/helpers/manual-clock.ts): warm within
// the idle timeout and cold after it are checked at exact instants, so a slow
// host cannot turn the second invocation cold or the sweep late. One test
// keeps the system clock and the periodic sweeper, with a generous deadline
// (listed in docs/architecture.md, "Tests that depend on time").
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { handlerPath, lambdaClient, reportOf } from './sdk-clients.ts';

const IDLE_TIMEOUT_MS = 150;

describe('emulator: idle environments', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;
  const clock = new ManualClock();
  before(async () => {
    // The sweeper runs every 75 ms on real time but reads the manual clock, which only the test moves.
    emulator = await startEmulator({ idleTimeoutMs: IDLE_TIMEOUT_MS, clock });
    lambda = lambdaClient(emulator.endpoint);
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64' });
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  const invoke = async (client = lambda): Promise<string> => reportOf((await client.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail' }))).LogResult);

  it('reuses an environment idle for less than the timeout, however long the host took, and expires it at the timeout', async () => {
    assert.match(await invoke(), /Init Duration/);
    assert.doesNotMatch(await invoke(), /Init Duration/, 'no time passed on the clock: warm');
    clock.advance(IDLE_TIMEOUT_MS - 1);
    emulator.expireIdle();
    assert.equal(emulator.environments().length, 1, 'idle 149 ms of 150: kept');
    assert.equal(emulator.environments()[0]!.idleForMs, IDLE_TIMEOUT_MS - 1);
    assert.doesNotMatch(await invoke(), /Init Duration/, 'still warm at 149 ms');
    clock.advance(IDLE_TIMEOUT_MS);
    emulator.expireIdle();
    // Expired means killed at once (state dead); the process leaves the list when it has exited.
    assert.deepEqual(emulator.environments().map((e) => e.state), ['dead'], 'idle 150 ms: expired');
    assert.match(await invoke(), /Init Duration/);
  });

  it('expires idle environments on the system clock by the periodic sweeper (deadline 10 s for a 150 ms timeout)', async () => {
    const live = (e: RunningEmulator) => e.environments().filter((env) => env.state !== 'dead').length;
    const real = await startEmulator({ idleTimeoutMs: IDLE_TIMEOUT_MS });
    const client = lambdaClient(real.endpoint);
    try {
      real.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64' });
      assert.match(await invoke(client), /Init Duration/);
      // A lower bound only: expiry may come late on a loaded host, never before the timeout; 10 s is ~65 timeouts.
      const deadline = Date.now() + 10_000;
      while (live(real) > 0 && Date.now() < deadline) await sleep(25);
      assert.equal(live(real), 0, 'the sweeper expired the idle environment');
      assert.match(await invoke(client), /Init Duration/);
    } finally {
      client.destroy();
      await real.close();
    }
  });
});
