// The local history links events as Step Functions does, whatever order they
// were recorded in: handler events can arrive before the StateEntered they follow.
import assert from 'node:assert/strict';
import { gapsFromHistory } from '../../../src/calibrate/history-gaps.ts';
import { HistoryRecorder, type HistoryEvent } from '../../../src/runtime/local/execution-history.ts';

const definition = {
  StartAt: 'prep',
  States: {
    prep: { Type: 'Task', Next: 'fan' },
    fan: { Type: 'Map', Next: 'both', ItemProcessor: { StartAt: 'work', States: { work: { Type: 'Task', End: true } } } },
    both: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'left', States: { left: { Type: 'Task', End: true } } }, { StartAt: 'right', States: { right: { Type: 'Task', End: true } } }] },
  },
};

/** A Lambda Task's handler events, as run-plan-locally records them. */
function invoke(r: HistoryRecorder, state: string, index: number | undefined, startMs: number, endMs: number, requestId: string): void {
  const at = { state, ...(index === undefined ? {} : { index }) };
  r.add('TaskScheduled', startMs, { taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', parameters: '{"FunctionName":"f"}' } }, at);
  r.add('TaskStarted', startMs, {}, at);
  r.add('TaskSucceeded', endMs, { taskSucceededEventDetails: { output: JSON.stringify({ SdkResponseMetadata: { RequestId: requestId } }) } }, at);
}

function byId(events: HistoryEvent[]): Map<number, HistoryEvent> {
  return new Map(events.map((e) => [e.id, e]));
}

describe('HistoryRecorder', () => {
  it('chains every event to the one Step Functions would name, with ids in time order and predecessors first', () => {
    const r = new HistoryRecorder(0, definition);
    r.add('ExecutionStarted', 0);
    // The handler's events for prep are recorded before the log delivers prep's entry.
    invoke(r, 'prep', undefined, 2, 50, 'p');
    r.stateEvent('entered', { name: 'prep', type: 'Task' }, 1, undefined);
    r.stateEvent('exited', { name: 'prep', type: 'Task' }, 51, undefined);
    r.stateEvent('entered', { name: 'fan', type: 'Map' }, 52, undefined);
    for (const i of [0, 1]) r.add('MapIterationStarted', 53 + i, { mapIterationStartedEventDetails: { name: 'fan', index: i } }, { state: 'fan', index: i });
    for (const i of [1, 0]) invoke(r, 'work', i, 56 + i, 90 + i, `w${i}`);
    for (const i of [0, 1]) r.stateEvent('entered', { name: 'work', type: 'Task' }, 55 + i, i);
    for (const i of [0, 1]) r.stateEvent('exited', { name: 'work', type: 'Task' }, 92 + i, i);
    r.stateEvent('exited', { name: 'fan', type: 'Map' }, 95, undefined);
    r.stateEvent('entered', { name: 'both', type: 'Parallel' }, 96, undefined);
    r.stateEvent('entered', { name: 'left', type: 'Task' }, 97, undefined);
    r.stateEvent('entered', { name: 'right', type: 'Task' }, 97, undefined);
    invoke(r, 'left', undefined, 98, 120, 'l');
    invoke(r, 'right', undefined, 98, 110, 'r');
    r.stateEvent('exited', { name: 'right', type: 'Task' }, 111, undefined);
    r.stateEvent('exited', { name: 'left', type: 'Task' }, 121, undefined);
    r.stateEvent('exited', { name: 'both', type: 'Parallel' }, 122, undefined);
    r.add('ExecutionSucceeded', 123);

    const events = r.events;
    const ids = byId(events);
    assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1));
    for (const e of events) {
      if (e.type !== 'ExecutionStarted') assert.ok(e.previousEventId > 0 && e.previousEventId < e.id, `${e.type} ${e.id} follows ${e.previousEventId}`);
      if (e.id > 1) assert.ok(Date.parse(e.timestamp) >= Date.parse(events[e.id - 2]!.timestamp), 'ids follow time');
    }
    const chain = (e: HistoryEvent): string[] => (e.previousEventId ? [...chain(ids.get(e.previousEventId)!), e.type] : [e.type]);
    const last = (type: string, name: string) => [...events].reverse().find((e) => e.type === type && (e.stateExitedEventDetails as { name: string } | undefined)?.name === name)!;
    assert.deepEqual(chain(last('TaskStateExited', 'right')), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'MapStateEntered', 'MapStateStarted', 'MapIterationStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'MapStateExited', 'ParallelStateEntered', 'ParallelStateStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited']);

    // What calibrate then reads from it: every Task, both iterations, both branches.
    const gaps = gapsFromHistory({ execution: 'local', orchestration: 'standard', events }, new Map(['p', 'w0', 'w1', 'l', 'r'].map((id) => [id, { durationMs: 10 }])));
    assert.equal(gaps.lambdaTasks, 5);
    assert.deepEqual(gaps.gaps.filter((g) => g.kind === 'map-iteration').map((g) => g.gapMs), [1, 2]);
    assert.deepEqual(gaps.gaps.filter((g) => g.kind === 'parallel-branch').map((g) => g.gapMs), [1, 1]);
    // prep: execution start (0) → exit (51) − 10 ms of handler.
    assert.equal(gaps.gaps.find((g) => g.kind === 'task' && g.state === 'prep')!.gapMs, 41);
  });
});
