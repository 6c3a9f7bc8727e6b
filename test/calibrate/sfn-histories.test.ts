// Error paths of the SDK reader, with a stand-in client (the happy path runs
// through the real client against the emulator in sdk-path.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readStateMachineHistories } from '../../src/calibrate/sfn-histories.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-sfn-histories-'));
const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:flow';
const throttle = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });

function client(answers: Record<string, Array<() => unknown>>) {
  const calls: string[] = [];
  return {
    calls,
    send: async (command: { constructor: { name: string } }) => {
      const op = command.constructor.name.replace('Command', '');
      calls.push(op);
      const next = answers[op]!.shift()!;
      return next();
    },
  };
}

describe('readStateMachineHistories', () => {
  it('retries a throttled call with backoff and carries on', async () => {
    const c = client({
      DescribeStateMachine: [() => ({ type: 'STANDARD' })],
      ListExecutions: [() => { throw throttle(); }, () => ({ executions: [{ executionArn: `${arn}:x`, status: 'SUCCEEDED' }, { executionArn: `${arn}:y`, status: 'RUNNING' }] })],
      GetExecutionHistory: [() => ({ events: [{ id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: new Date(0) }] })],
    });
    const delays: number[] = [];
    const result = await readStateMachineHistories(c as never, { stateMachineArn: arn, maxExecutions: 5, journalFile: path.join(dir, 'a.json'), retryHooks: { sleep: async (ms) => void delays.push(ms), random: () => 0.5 } });
    assert.deepEqual(c.calls, ['DescribeStateMachine', 'ListExecutions', 'ListExecutions', 'GetExecutionHistory']);
    assert.equal(delays.length, 1);
    // The running execution is not read: its history is not complete.
    assert.deepEqual(result.executions.map((e) => e.executionArn), [`${arn}:x`]);
  });

  it('says what is wrong with an Express machine, a missing one and an empty one (DAGC0589, 0588, 0590)', async () => {
    const codeOf = async (answers: Record<string, Array<() => unknown>>) => {
      try {
        await readStateMachineHistories(client(answers) as never, { stateMachineArn: arn, maxExecutions: 5, journalFile: path.join(dir, 'b.json') });
      } catch (error) {
        if (isUserError(error)) return error.diagnostics[0]!.code;
        throw error;
      }
      return 'none';
    };
    assert.equal(await codeOf({ DescribeStateMachine: [() => ({ type: 'EXPRESS' })] }), 'DAGC0589');
    assert.equal(await codeOf({ DescribeStateMachine: [() => { throw Object.assign(new Error('no'), { name: 'StateMachineDoesNotExist' }); }] }), 'DAGC0588');
    assert.equal(await codeOf({ DescribeStateMachine: [() => ({ type: 'STANDARD' })], ListExecutions: [() => ({ executions: [] })] }), 'DAGC0590');
  });
});
