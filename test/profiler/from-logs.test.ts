import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { checkLogRead, profileFromReports, readReportsFromFile, readReportsFromLogGroup } from '../../src/profiler/from-logs.ts';
import { resolveDeployedNames, bareFunctionName } from '../../src/profiler/function-names.ts';
import { resolveLogSources } from '../../src/profiler/log-sources.ts';

const examples = fileURLToPath(new URL('./data/report-lines/examples.txt', import.meta.url));

function codesOf(error: unknown): string[] {
  assert.ok(error instanceof DagcUserError, String(error));
  return error.diagnostics.map((diagnostic) => diagnostic.code);
}

describe('--from-logs: profiles from existing REPORT lines', () => {
  it('groups the real examples by Memory Size, counting cold starts, timeouts and errors', async () => {
    const read = await readReportsFromFile(examples);
    assert.deepEqual(checkLogRead(read), []);
    const profile = profileFromReports('fn', 'x86_64', read.records, read.description);
    const measurements = profile.architectures.x86_64!.measurements;
    assert.deepEqual(
      measurements.map((m) => m.memoryMb),
      [128, 256, 512, 1024, 1769, 2048, 3009, 3538, 4096],
    );
    const at128 = measurements[0]!;
    assert.equal(at128.invocations, 11);
    assert.equal(at128.timeouts, 1);
    assert.equal(at128.errors, 0);
    assert.equal(at128.coldDurationsMs.length, 7);
    assert.deepEqual(at128.initDurationsMs.slice(0, 2), [3124.8, 2703.97]);
    assert.deepEqual(at128.warmDurationsMs, [718.65, 24792.85, 5582, 3000]);
    assert.equal(at128.maxMemoryUsedMb, 129);
    const at256 = measurements[1]!;
    assert.equal(at256.invocations, 2);
    assert.equal(at256.errors, 1);
    assert.deepEqual(at256.warmDurationsMs, [3000]);
    const at3009 = measurements.find((m) => m.memoryMb === 3009)!;
    assert.deepEqual(at3009.coldDurationsMs, [2338.66, 306.34]);
    assert.deepEqual(at3009.initDurationsMs, [398.97, 511.25]);
  });

  it('fails with DAGC0250 on a missing file and DAGC0251 when nothing is in it', async () => {
    await assert.rejects(readReportsFromFile('/no/such/file.log'), (error) => codesOf(error)[0] === 'DAGC0250');
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-logs-'));
    writeFileSync(path.join(dir, 'empty.log'), 'START RequestId: x\nEND RequestId: x\n');
    const read = await readReportsFromFile(path.join(dir, 'empty.log'));
    assert.throws(() => checkLogRead(read), (error) => codesOf(error)[0] === 'DAGC0251');
  });

  it('warns with DAGC0252 about REPORT lines it cannot read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-logs-'));
    writeFileSync(path.join(dir, 'f.log'), 'REPORT RequestId: a\tDuration: 1.00 ms\nREPORT RequestId: b\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\n');
    const warnings = checkLogRead(await readReportsFromFile(path.join(dir, 'f.log')));
    assert.deepEqual(warnings.map((w) => [w.code, w.severity]), [['DAGC0252', 'warning']]);
  });
});

describe('--from-logs: CloudWatch log groups', () => {
  function pagedClient(pages: Array<{ messages: string[]; nextToken?: string }>, failFirst?: Error) {
    const requests: Array<{ nextToken?: string; filterPattern?: string; logGroupName?: string }> = [];
    let failed = false;
    const client = {
      send: async (command: FilterLogEventsCommand) => {
        if (failFirst && !failed) {
          failed = true;
          throw failFirst;
        }
        requests.push({ ...command.input });
        const index = command.input.nextToken === undefined ? 0 : Number(command.input.nextToken);
        const page = pages[index]!;
        return { events: page.messages.map((message) => ({ message })), nextToken: page.nextToken };
      },
    };
    return { client: client as never, requests };
  }
  const line = (ms: number, memory: number, init = '') =>
    `REPORT RequestId: r${ms}\tDuration: ${ms}.00 ms\tBilled Duration: ${ms} ms\tMemory Size: ${memory} MB\tMax Memory Used: 70 MB${init}\t\n`;

  it('follows nextToken through every page, empty ones included', async () => {
    const { client, requests } = pagedClient([
      { messages: [line(10, 128, '\tInit Duration: 100.00 ms')], nextToken: '1' },
      { messages: [], nextToken: '2' },
      { messages: [line(20, 128), line(5, 256)] },
    ]);
    const read = await readReportsFromLogGroup(client, '/aws/lambda/fn');
    assert.deepEqual(requests.map((r) => r.nextToken), [undefined, '1', '2']);
    assert.ok(requests.every((r) => r.logGroupName === '/aws/lambda/fn' && r.filterPattern!.includes('REPORT')));
    const measurements = profileFromReports('fn', 'arm64', read.records, read.description).architectures.arm64!.measurements;
    assert.deepEqual(measurements.map((m) => [m.memoryMb, m.coldDurationsMs, m.warmDurationsMs]), [
      [128, [10], [20]],
      [256, [], [5]],
    ]);
  });

  it('asks again for platform.report records when a JSON-format log group has no REPORT lines', async () => {
    const json = '{"time":"2024-01-01T00:00:00Z","type":"platform.report","record":{"requestId":"a","metrics":{"durationMs":9.5,"billedDurationMs":10,"memorySizeMB":256,"maxMemoryUsedMB":70}}}';
    const patterns: string[] = [];
    const client = {
      send: async (command: FilterLogEventsCommand) => {
        patterns.push(command.input.filterPattern!);
        return { events: command.input.filterPattern === 'REPORT' ? [] : [{ message: json }] };
      },
    };
    const read = await readReportsFromLogGroup(client as never, '/aws/lambda/fn');
    assert.deepEqual(patterns, ['REPORT', '"platform.report"']);
    assert.deepEqual(read.records.map((r) => [r.memorySizeMb, r.durationMs]), [[256, 9.5]]);
  });

  it('retries a throttled page and maps a missing group to DAGC0265', async () => {
    const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    const { client } = pagedClient([{ messages: [line(7, 512)] }], throttle);
    const read = await readReportsFromLogGroup(client, 'g', { retryHooks: { sleep: async () => {} } });
    assert.equal(read.records.length, 1);
    const missing = Object.assign(new Error('nope'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    const { client: failing } = pagedClient([], missing);
    await assert.rejects(readReportsFromLogGroup(failing, 'g'), (error) => codesOf(error)[0] === 'DAGC0265');
  });
});

describe('which logs belong to which function', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-sources-'));
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'logs', 'resize.log'), '');
  writeFileSync(path.join(dir, 'one.txt'), '');
  const names = resolveDeployedNames(['resize', 'detect'], ['detect=arn:aws:lambda:us-east-1:123456789012:function:detect-prod:live']);

  it('maps fn=source, directories of <function>.log, and log group prefixes', () => {
    assert.deepEqual([...resolveLogSources(['detect=/custom/group'], names, dir)], [['detect', { kind: 'log-group', name: '/custom/group' }]]);
    assert.deepEqual([...resolveLogSources(['logs'], names, dir)], [['resize', { kind: 'file', path: path.join(dir, 'logs', 'resize.log') }]]);
    assert.deepEqual([...resolveLogSources(['/aws/lambda/'], names, dir)], [
      ['detect', { kind: 'log-group', name: '/aws/lambda/detect-prod' }],
      ['resize', { kind: 'log-group', name: '/aws/lambda/resize' }],
    ]);
  });

  it('refuses a bare source for a multi-function app (DAGC0253) and unknown names (DAGC0254)', () => {
    assert.throws(() => resolveLogSources(['one.txt'], names, dir), (error) => codesOf(error)[0] === 'DAGC0253');
    assert.throws(() => resolveLogSources(['nope=one.txt'], names, dir), (error) => codesOf(error)[0] === 'DAGC0254');
    const single = resolveDeployedNames(['only'], []);
    assert.deepEqual([...resolveLogSources(['one.txt'], single, dir)], [['only', { kind: 'file', path: path.join(dir, 'one.txt') }]]);
  });

  it('reads function mappings and names inside ARNs', () => {
    assert.equal(bareFunctionName('arn:aws:lambda:eu-west-1:123456789012:function:my-fn:3'), 'my-fn');
    assert.equal(bareFunctionName('plain'), 'plain');
    assert.throws(() => resolveDeployedNames(['a'], ['a=']), (error) => codesOf(error)[0] === 'DAGC0266');
    assert.throws(() => resolveDeployedNames(['a'], ['b=x']), (error) => codesOf(error)[0] === 'DAGC0254');
  });
});

describe('--from-logs for an arm64 function: the real examples', () => {
  // REPORT lines carry no architecture: an arm64 function's lines read exactly
  // like an x86_64 one's. The function's spec decides where they are filed and
  // which price applies — and nothing must leak into the other architecture.
  it('files the lines under arm64 only and prices their billed GB-seconds at the arm64 rate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-from-logs-arm64-'));
    writeFileSync(path.join(dir, 'app.yaml'), 'name: graviton\nfunctions:\n  fn: { memory: 1024, architectures: [arm64] }\nsteps:\n  only: { function: fn }\n');
    const { runProfile } = await import('../../src/profiler/run-profile.ts');
    const { readProfile } = await import('../../src/model/profile.ts');
    const { pricesFor } = await import('../../src/model/platform.ts');
    const report = await runProfile({ app: path.join(dir, 'app.yaml'), fromLogs: [examples], region: 'us-east-1' });
    const fn = report.functions[0]!;
    assert.equal(fn.architecture, 'arm64');
    const profile = readProfile(fn.profilePath);
    assert.deepEqual(Object.keys(profile.architectures), ['arm64']);
    const read = await readReportsFromFile(examples);
    const measured = profile.architectures.arm64!.measurements;
    assert.equal(measured.reduce((sum, m) => sum + m.invocations, 0), read.records.length);
    const prices = pricesFor('us-east-1');
    const gbSeconds = read.records.reduce((sum, r) => sum + (r.memorySizeMb / 1024) * (r.billedDurationMs / 1000), 0);
    assert.ok(Math.abs(fn.spend.billedGbSeconds - gbSeconds) < 1e-6, `${fn.spend.billedGbSeconds} vs ${gbSeconds}`);
    const expectedUsd = gbSeconds * prices.lambdaGbSecondUsd.arm64 + read.records.length * prices.lambdaRequestUsd;
    assert.ok(Math.abs(fn.spend.costUsd! - expectedUsd) < 1e-9, `${fn.spend.costUsd} vs arm64 ${expectedUsd}`);
    assert.ok(prices.lambdaGbSecondUsd.arm64 < prices.lambdaGbSecondUsd.x86_64, 'the test tells the two prices apart');
  });
});
