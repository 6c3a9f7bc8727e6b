import assert from 'node:assert/strict';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { cpuLimitMode } from '../../src/emulator/cpu-limiter.ts';
import { decodeJson, handlerPath, lambdaClient } from './sdk-clients.ts';

function reportOf(logResult: string | undefined): string {
  return Buffer.from(logResult ?? '', 'base64').toString('utf8').trim().split('\n').at(-1)!;
}
function durationMs(report: string): number {
  return Number(/\tDuration: (\d+\.\d\d) ms/.exec(report)![1]);
}

describe('emulator: CPU, memory and timeout limits', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;

  before(async () => {
    emulator = await startEmulator();
    lambda = lambdaClient(emulator.endpoint);
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  it('runs a CPU-bound handler more than twice as fast at 1769 MB as at 256 MB', async function () {
    for (const memoryMb of [256, 1769]) {
      emulator.registerFunction({ name: `hash-${memoryMb}`, handlerPath: handlerPath('hash-loop'), memoryMb, timeoutMs: 30_000, architecture: 'x86_64' });
    }
    const payload = Buffer.from(JSON.stringify({ rounds: 60_000 }));
    const timed = async (memoryMb: number): Promise<number> => {
      // First call is cold (module load, JIT); then the fastest of three warm
      // ones, since other work on the host can only ever slow a run down.
      await lambda.send(new InvokeCommand({ FunctionName: `hash-${memoryMb}`, Payload: payload }));
      let best = Infinity;
      for (let i = 0; i < 3; i += 1) {
        const out = await lambda.send(new InvokeCommand({ FunctionName: `hash-${memoryMb}`, Payload: payload, LogType: 'Tail' }));
        best = Math.min(best, durationMs(reportOf(out.LogResult)));
      }
      return best;
    };
    const fullMs = await timed(1769);
    const slowMs = await timed(256);
    const ratio = slowMs / fullMs;
    if (process.env.DAGC_EMULATOR_VERBOSE) console.log(`cpu mode ${cpuLimitMode()}: 256 MB ${slowMs} ms, 1769 MB ${fullMs} ms, ratio ${ratio.toFixed(2)}`);
    assert.ok(ratio > 2, `256 MB took ${slowMs} ms, 1769 MB took ${fullMs} ms (ratio ${ratio.toFixed(2)}, cpu mode ${cpuLimitMode()})`);
  });

  it('kills a handler at its timeout and reports Status: timeout', async () => {
    emulator.registerFunction({ name: 'sleepy', handlerPath: handlerPath('sleep'), memoryMb: 256, timeoutMs: 300, architecture: 'x86_64' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'sleepy', Payload: Buffer.from(JSON.stringify({ sleepMs: 5000 })), LogType: 'Tail' }));
    assert.equal(out.FunctionError, 'Unhandled');
    const lines = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8').trim().split('\n');
    assert.ok(lines.some((line) => / Task timed out after 0\.30 seconds$/.test(line)), lines.join('\n'));
    assert.match(lines.at(-1)!, /^REPORT RequestId: \S+\tDuration: 300\.00 ms\tBilled Duration: 300 ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\tStatus: timeout$/);
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
    assert.match(report, /\tStatus: error\tError Type: Runtime\.OutOfMemory$/);
    assert.ok(Number(/Max Memory Used: (\d+) MB/.exec(report)![1]) >= 128, report);
  });

  it('reports Max Memory Used from the environment high-water mark', async () => {
    emulator.registerFunction({ name: 'grow', handlerPath: handlerPath('allocate'), memoryMb: 512, timeoutMs: 10_000, architecture: 'x86_64' });
    const small = reportOf((await lambda.send(new InvokeCommand({ FunctionName: 'grow', Payload: Buffer.from('{"mb":0}'), LogType: 'Tail' }))).LogResult);
    const big = reportOf((await lambda.send(new InvokeCommand({ FunctionName: 'grow', Payload: Buffer.from('{"mb":150}'), LogType: 'Tail' }))).LogResult);
    const used = (report: string): number => Number(/Max Memory Used: (\d+) MB/.exec(report)![1]);
    assert.ok(used(big) >= used(small) + 100, `${small}\n${big}`);
  });
});
