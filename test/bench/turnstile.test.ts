import assert from 'node:assert/strict';
import { setImmediate as nextTick } from 'node:timers/promises';
import { asTask, gatedPort, Turnstile } from '../../bench/turnstile.ts';
import type { LambdaPort } from '../../src/profiler/lambda-port.ts';

interface CallLog {
  active: number;
  maxActive: number;
  calls: string[];
}

/** A port whose invocations take a few event-loop turns and record overlap. */
function recordingPort(log: CallLog): LambdaPort {
  return {
    getConfig: async () => ({ memoryMb: 128, timeoutMs: 3000, architecture: 'x86_64' }),
    setMemory: async () => ({ accepted: true }),
    invoke: async (name, _payload, memoryMb) => {
      log.active += 1;
      log.maxActive = Math.max(log.maxActive, log.active);
      log.calls.push(name);
      for (let i = 0; i < 3; i += 1) await nextTick();
      log.active -= 1;
      return { report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: memoryMb, maxMemoryUsedMb: 1, status: 'success' }, logTail: '' };
    },
  };
}

async function invokeTimes(port: LambdaPort, name: string, times: number, pauseTicks = 0): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    // Some tasks think between calls (a sampling plan, a configuration change): the order must not depend on it.
    for (let k = 0; k < pauseTicks; k += 1) await nextTick();
    await port.invoke(name, new Uint8Array(), 128);
  }
}

/** A fresh turnstile, one recording port and its call log. */
function setup(): { log: CallLog; port: LambdaPort; turnstile: Turnstile } {
  const log: CallLog = { active: 0, maxActive: 0, calls: [] };
  return { log, port: recordingPort(log), turnstile: new Turnstile() };
}

describe('bench turnstile', () => {
  it('runs one invocation at a time, each task at its own pace over the same stretch', async () => {
    const { log, port, turnstile } = setup();
    const fast = turnstile.enter('a', 10);
    const slow = turnstile.enter('b', 20);
    await Promise.all([
      asTask(fast, () => invokeTimes(gatedPort(port, fast), 'a', 10, 5)),
      asTask(slow, () => invokeTimes(gatedPort(port, slow), 'b', 20)),
    ]);
    assert.equal(log.maxActive, 1);
    assert.equal(log.calls.length, 30);
    // Pace: after every prefix, a's share of turns stays within one of a third.
    let a = 0;
    log.calls.forEach((name, i) => {
      if (name === 'a') a += 1;
      assert.ok(Math.abs(a - (i + 1) / 3) <= 1, `after ${i + 1} calls a had ${a}`);
    });
    assert.deepEqual(turnstile.granted, log.calls.map((name) => name));
  });

  it('lets the others go on when a task ends early or fails', async () => {
    const { log, port, turnstile } = setup();
    const failing = turnstile.enter('a', 10);
    const other = turnstile.enter('b', 10);
    const results = await Promise.allSettled([
      asTask(failing, async () => {
        await invokeTimes(gatedPort(port, failing), 'a', 2);
        throw new Error('profile failed');
      }),
      asTask(other, () => invokeTimes(gatedPort(port, other), 'b', 10)),
    ]);
    assert.equal(results[0].status, 'rejected');
    assert.equal(results[1].status, 'fulfilled');
    assert.equal(log.calls.filter((name) => name === 'b').length, 10);
  });

  it('grants the same order whatever the tasks compute between calls', async () => {
    const orders: string[][] = [];
    for (const pause of [0, 7]) {
      const { port, turnstile } = setup();
      const a = turnstile.enter('a', 6);
      const b = turnstile.enter('b', 9);
      await Promise.all([asTask(a, () => invokeTimes(gatedPort(port, a), 'a', 6, pause)), asTask(b, () => invokeTimes(gatedPort(port, b), 'b', 9))]);
      orders.push(turnstile.granted);
    }
    assert.deepEqual(orders[0], orders[1]);
  });
});
