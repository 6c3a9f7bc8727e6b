// What happens inside an execution environment, as seen through the SDK:
// frozen between invocations, init failures and crashes logged the way Lambda
// logs them, a clean process environment, and log lines stamped when they
// were written.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { decodeJson, handlerPath, lambdaClient, logsClient, reportOf, tailLines } from './sdk-clients.ts';

/** How long the ticker's environment stays idle between its two invocations. */
const IDLE_GAP_MS = 1000;

describe('emulator: inside an execution environment', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;

  before(async () => {
    process.env.DAGC_EMULATOR_TEST_SECRET = 'must-not-leak';
    emulator = await startEmulator();
    lambda = lambdaClient(emulator.endpoint);
    logs = logsClient(emulator.endpoint);
    const register = (name: string, file: string, env?: Record<string, string>) =>
      emulator.registerFunction({ name, handlerPath: handlerPath(file), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64', ...(env ? { env } : {}) });
    register('ticker', 'ticker');
    register('broken', 'broken-at-load');
    register('thrower', 'throw-later');
    register('env', 'env', { STAGE: 'test' });
  });
  after(async () => {
    delete process.env.DAGC_EMULATOR_TEST_SECRET;
    lambda.destroy();
    logs.destroy();
    await emulator.close();
  });

  const invoke = (FunctionName: string, event: object = {}) =>
    lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail' }));

  it('freezes an idle environment: its timers do not run between invocations', async () => {
    await invoke('ticker');
    await sleep(IDLE_GAP_MS);
    const { ticks } = decodeJson((await invoke('ticker')).Payload) as { ticks: number };
    // A 10 ms interval left running for the 1 s gap would fire ~100 times. Frozen, it fires only in the moments
    // the worker runs around its invocations (before SIGSTOP, after SIGCONT), which a loaded host stretches:
    // 6 were seen under load with a 250 ms gap. At most a quarter of the gap's ticks is the margin.
    assert.ok(ticks <= 25, `the interval fired ${ticks} times while the environment was idle`);
    const unfrozen = await startEmulator({ freezeWhenIdle: false });
    try {
      unfrozen.registerFunction({ name: 'ticker', handlerPath: handlerPath('ticker'), memoryMb: 512, timeoutMs: 5000, architecture: 'x86_64' });
      const client = lambdaClient(unfrozen.endpoint);
      await client.send(new InvokeCommand({ FunctionName: 'ticker' }));
      await sleep(IDLE_GAP_MS);
      const after = decodeJson((await client.send(new InvokeCommand({ FunctionName: 'ticker' }))).Payload) as { ticks: number };
      client.destroy();
      // Unfrozen, the interval runs through the gap: well over the frozen count even if a busy host delays half its ticks.
      assert.ok(after.ticks > ticks + 25, `unfrozen: ${after.ticks} ticks, frozen: ${ticks}`);
    } finally {
      await unfrozen.close();
    }
  });

  it('reports an exception at module load as an init error, with START, END and REPORT, and retries init next time', async () => {
    const out = await invoke('broken');
    assert.equal(out.FunctionError, 'Unhandled');
    assert.deepEqual(
      { ...(decodeJson(out.Payload) as object), trace: undefined },
      { errorType: 'RangeError', errorMessage: 'configuration is missing', trace: undefined },
    );
    const lines = tailLines(out.LogResult);
    assert.match(lines[0]!, /^INIT_START /);
    assert.match(lines[1]!, /^\S+Z\tundefined\tINFO\tloading, about to fail$/);
    assert.match(lines[2]!, /^\S+Z\tundefined\tERROR\tUncaught Exception \t\{"errorType":"RangeError"/);
    assert.match(lines.at(-3)!, /^START RequestId: /);
    assert.match(lines.at(-2)!, /^END RequestId: /);
    assert.match(lines.at(-1)!, /\tInit Duration: \d+\.\d\d ms\tStatus: error\tError Type: RangeError\t$/);
    assert.match(reportOf((await invoke('broken')).LogResult), /Init Duration/);
  });

  it('fails the invocation when an exception escapes the handler, and replaces the runtime', async () => {
    const { pid } = decodeJson((await invoke('thrower')).Payload) as { pid: number };
    const crashed = await invoke('thrower', { throwLater: true });
    assert.equal(crashed.FunctionError, 'Unhandled');
    assert.equal((decodeJson(crashed.Payload) as { errorMessage: string }).errorMessage, 'thrown from a timer');
    const next = await invoke('thrower');
    assert.notEqual((decodeJson(next.Payload) as { pid: number }).pid, pid);
    assert.match(reportOf(next.LogResult), /Init Duration/);
  });

  it("gives the handler Lambda's variables and the function's, and none of the emulator's", async () => {
    const { env, cwd } = decodeJson((await invoke('env')).Payload) as { env: Record<string, string>; cwd: string };
    assert.equal(env.DAGC_EMULATOR_TEST_SECRET, undefined);
    assert.equal(env.STAGE, 'test');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'env');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '512');
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/env');
    assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME ?? '', /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(env.TZ, ':UTC');
    assert.equal(cwd, env.LAMBDA_TASK_ROOT);
  });

  it('stamps every log line when it was written, START before the handler lines before REPORT', async () => {
    const startTime = Date.now();
    await invoke('env', { gapMs: 200 });
    const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/env', startTime }));
    const at = (pattern: RegExp): number => events.find((event) => pattern.test(event.message ?? ''))!.timestamp!;
    assert.ok(at(/^START /) <= at(/\tfirst line\n$/));
    assert.ok(at(/\tsecond line\n$/) - at(/\tfirst line\n$/) >= 150, 'the lines 200 ms apart carry the same time');
    assert.ok(at(/\tsecond line\n$/) <= at(/^REPORT /));
  });

  it('runs an Event invocation after answering 202', async () => {
    const startTime = Date.now();
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'env', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    assert.equal(out.StatusCode, 202);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/env', startTime, filterPattern: 'REPORT' }));
      if (events.length === 1) return;
      await sleep(25);
    }
    assert.fail('the Event invocation never ran');
  });
});
