// The emulator's Step Functions read API through the real @aws-sdk/client-sfn:
// paging, ordering, and the errors AWS gives (as named SDK exceptions).
import assert from 'node:assert/strict';
import { DescribeStateMachineCommand, GetExecutionHistoryCommand, ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import type { HistoryEvent } from '../../src/runtime/local/execution-history.ts';

const events = (startMs: number, n: number): HistoryEvent[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, previousEventId: i, timestamp: new Date(startMs + i * 10).toISOString(), type: i === 0 ? 'ExecutionStarted' : 'PassStateEntered', ...(i === 1 ? { stateEnteredEventDetails: { name: 'p', input: '{"big":1}' } } : {}) }));

describe('emulator Step Functions routes', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let sfn: SFNClient;
  let arn = '';
  before(async () => {
    emulator = await startEmulator({ port: 0, cpuLimit: 'none' });
    sfn = new SFNClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    for (let i = 0; i < 5; i++) emulator.recordExecution({ stateMachineName: 'flow', type: 'STANDARD', executionName: `run-${i}`, status: i === 4 ? 'FAILED' : 'SUCCEEDED', events: events(Date.UTC(2026, 0, 1) + i * 1000, 12) });
    arn = `arn:aws:states:${emulator.region}:000000000000:stateMachine:flow`;
  });
  after(async () => {
    sfn?.destroy();
    await emulator?.close();
  });

  it('describes the state machine with its type and lists it', async () => {
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    assert.equal(machine.type, 'STANDARD');
    assert.equal(machine.name, 'flow');
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    assert.deepEqual(listed.stateMachines!.map((m) => m.name), ['flow']);
  });

  it('lists executions newest first in pages of maxResults, filtered by status', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken }));
      assert.ok(page.executions!.length <= 2);
      names.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(names, ['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
    const failed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'FAILED' }));
    assert.deepEqual(failed.executions!.map((e) => [e.name, e.startDate!.toISOString()]), [['run-4', new Date(Date.UTC(2026, 0, 1) + 4000).toISOString()]]);
  });

  it('pages a history, reversed on request, and leaves execution data out when asked', async () => {
    const executionArn = `arn:aws:states:${emulator.region}:000000000000:execution:flow:run-0`;
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 5, reverseOrder: true }));
    assert.deepEqual(first.events!.map((e) => e.id), [12, 11, 10, 9, 8]);
    const second = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 5, reverseOrder: true, nextToken: first.nextToken }));
    assert.deepEqual(second.events!.map((e) => e.id), [7, 6, 5, 4, 3]);
    const lean = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    assert.deepEqual(lean.events![1]!.stateEnteredEventDetails, { name: 'p' });
  });

  it('answers as AWS does: unknown machine, bad ARN, foreign token, page too large, Express', async () => {
    const name = async (p: Promise<unknown>) => p.then(() => 'no error', (e: Error) => e.name);
    assert.equal(await name(sfn.send(new ListExecutionsCommand({ stateMachineArn: `${arn}-nope` }))), 'StateMachineDoesNotExist');
    assert.equal(await name(sfn.send(new ListExecutionsCommand({ stateMachineArn: 'flow' }))), 'InvalidArn');
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1 }));
    const executionArn = page.executions![0]!.executionArn!;
    assert.equal(await name(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: page.nextToken }))), 'InvalidToken');
    assert.equal(await name(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1001 }))), 'ValidationException');
    assert.equal(await name(sfn.send(new GetExecutionHistoryCommand({ executionArn: `${executionArn}-gone` }))), 'ExecutionDoesNotExist');
    emulator.recordExecution({ stateMachineName: 'quick', type: 'EXPRESS', executionName: 'e', status: 'SUCCEEDED', events: events(0, 3) });
    assert.equal(await name(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn.replace('flow', 'quick') }))), 'StateMachineTypeNotSupported');
  });
});
