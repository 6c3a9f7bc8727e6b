// Error paths of the profiling loop, against a scripted in-memory Lambda.
// The happy path and real faults run against the emulator (profile-emulator.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { journalPath, readJournal } from '../../src/profiler/journal.ts';
import type { LambdaPort } from '../../src/profiler/lambda-port.ts';
import { profileFunction, type ProfileRunOptions } from '../../src/profiler/profile-function.ts';
import { withRetry } from '../../src/profiler/retry.ts';

interface ScriptedLambda extends LambdaPort {
  memoryMb: number;
  invocations: number;
  setMemoryCalls: number[];
}

function scriptedLambda(failOn: (call: { kind: 'invoke' | 'set'; count: number; memoryMb: number }) => Error | undefined = () => undefined): ScriptedLambda {
  let requestCounter = 0;
  const lambda: ScriptedLambda = {
    memoryMb: 1024,
    invocations: 0,
    setMemoryCalls: [],
    async getConfig() {
      return { memoryMb: lambda.memoryMb, timeoutMs: 30_000, architecture: 'x86_64' };
    },
    async setMemory(_name, memoryMb) {
      lambda.setMemoryCalls.push(memoryMb);
      const error = failOn({ kind: 'set', count: lambda.setMemoryCalls.length, memoryMb });
      if (error) throw error;
      if (memoryMb > 3008) return { accepted: false, reason: 'InvalidParameterValueException: above the account limit' };
      lambda.memoryMb = memoryMb;
      return { accepted: true };
    },
    async invoke(_name, _payload, memoryMb) {
      const error = failOn({ kind: 'invoke', count: lambda.invocations + 1, memoryMb });
      if (error) throw error;
      lambda.invocations += 1;
      requestCounter += 1;
      const durationMs = (10 + 300 / Math.min(memoryMb / 1769, 1)) * (1 + (requestCounter % 5) * 0.01);
      return {
        report: { requestId: `req-${requestCounter}`, durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMb: memoryMb, maxMemoryUsedMb: 70, status: 'success' },
        logTail: '',
      };
    },
  };
  return lambda;
}

function options(lambda: LambdaPort, extra: Partial<ProfileRunOptions> = {}): ProfileRunOptions {
  return { lambda, journalDir: mkdtempSync(path.join(tmpdir(), 'dagc-journal-')), platformMinMemoryMb: 128, platformMaxMemoryMb: 10240, ...extra };
}

const target = { functionName: 'work', deployedName: 'work-prod', payload: new TextEncoder().encode('{"n":1}') };
const serviceError = () => Object.assign(new Error('We encountered an internal error'), { name: 'ServiceException', $metadata: { httpStatusCode: 500 } });

describe('profiling loop: restoring the configuration', () => {
  it('puts the original memory back after a finished run, and stops below a size the account refuses', async () => {
    const lambda = scriptedLambda();
    const run = await profileFunction(target, options(lambda));
    assert.equal(lambda.memoryMb, 1024);
    assert.equal(lambda.setMemoryCalls.at(-1), 1024);
    assert.ok(run.done && !run.interrupted);
    assert.ok(run.events.some((event) => event.kind === 'unavailable' && event.memoryMb === 3538));
    assert.ok(run.done.measuredMb.every((size) => size <= 3008));
  });

  it('puts the original memory back when invoking keeps failing, and reports DAGC0261', async () => {
    const lambda = scriptedLambda(({ kind, count }) => (kind === 'invoke' && count >= 6 ? serviceError() : undefined));
    const port: LambdaPort = { ...lambda, invoke: (name, payload, memoryMb) => withRetry('Invoke', () => lambda.invoke(name, payload, memoryMb), { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 }) };
    const run = options(port);
    await assert.rejects(profileFunction(target, run), (error) => error instanceof DagcUserError && error.diagnostics[0]!.code === 'DAGC0261');
    assert.equal(lambda.memoryMb, 1024);
    const journal = await readJournal(journalPath(run.journalDir, 'work'));
    assert.equal(journal!.events.length, 5, 'the five paid invocations are saved');
    assert.equal(journal!.restored, true);
  });

  it('stops between invocations on abort, restores, and resumes from the journal without repeating a sample', async () => {
    const controller = new AbortController();
    const lambda = scriptedLambda(({ kind, count }) => {
      if (kind === 'invoke' && count === 7) controller.abort();
      return undefined;
    });
    const run = options(lambda, { signal: controller.signal });
    const first = await profileFunction(target, run);
    assert.equal(first.interrupted, true);
    assert.equal(first.events.length, 7, 'the invocation in flight when the signal came is kept');
    assert.equal(lambda.memoryMb, 1024);

    const second = await profileFunction(target, { ...run, signal: new AbortController().signal });
    assert.ok(second.done);
    const ids = second.events.flatMap((event) => (event.kind === 'sample' ? [event.report.requestId] : []));
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, lambda.invocations);
    assert.deepEqual(second.events.slice(0, 7), first.events);

    const uninterrupted = await profileFunction(target, options(scriptedLambda()));
    assert.deepEqual(
      second.events.map((event) => event.memoryMb),
      uninterrupted.events.map((event) => event.memoryMb),
      'a resumed run visits the same sizes as one that was never stopped',
    );
  });

  it('restores from the journal after a hard kill left the profiler memory in place', async () => {
    const lambda = scriptedLambda();
    const run = options(lambda);
    const killed = new AbortController();
    // Simulate a kill: the run stops without its finally-block restore ever reaching Lambda.
    const port: LambdaPort = { ...lambda, setMemory: async (name, memoryMb) => (memoryMb === 1024 && lambda.memoryMb !== 1024 ? Promise.reject(new Error('killed')) : lambda.setMemory(name, memoryMb)) };
    const withKill = { ...run, lambda: port, signal: killed.signal };
    let calls = 0;
    const counting: LambdaPort = { ...port, invoke: async (...args) => ((calls += 1), calls === 8 && killed.abort(), port.invoke(...args)) };
    await assert.rejects(profileFunction(target, { ...withKill, lambda: counting }), (error) => error instanceof DagcUserError && error.diagnostics[0]!.code === 'DAGC0267');
    assert.notEqual(lambda.memoryMb, 1024, 'the function was left at a profiling size');

    const resumed = await profileFunction(target, { ...run, lambda });
    assert.ok(resumed.done);
    assert.equal(lambda.memoryMb, 1024, 'the next run restored the original memory from its journal');
  });

  it('starts over with a warning when the payload changed', async () => {
    const lambda = scriptedLambda();
    const run = options(lambda);
    const controller = new AbortController();
    controller.abort();
    await profileFunction(target, { ...run, signal: controller.signal });
    const warnings: string[] = [];
    const other = { ...target, payload: new TextEncoder().encode('{"n":2}') };
    const fresh = await profileFunction(other, { ...run, onWarning: (d) => warnings.push(d.code) });
    assert.deepEqual(warnings, ['DAGC0260']);
    assert.ok(fresh.done);
  });
});
