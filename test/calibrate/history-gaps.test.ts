// Hand-made histories with known gaps: a chain of two Lambda Tasks, a Map of
// three iterations and a Parallel of two branches, interleaved the way Step
// Functions interleaves concurrent states (previousEventId, not event order,
// links a state's events).
import assert from 'node:assert/strict';
import { gapsFromHistory, type HistoryEventLike, type InvocationReport } from '../../src/calibrate/history-gaps.ts';

/** Builds events with ids in call order; `after` names the previous event's id. */
function historyBuilder(t0Ms = Date.UTC(2026, 0, 1)) {
  const events: HistoryEventLike[] = [];
  const add = (type: string, atMs: number, after: number, extra: Partial<HistoryEventLike> = {}): number => {
    const id = events.length + 1;
    events.push({ id, previousEventId: after, timestamp: new Date(t0Ms + atMs), type, ...extra });
    return id;
  };
  /** A Lambda Task from `after`: entered at +enter, invoke from started to succeeded, exit at +exit. */
  const task = (name: string, after: number, times: { entered: number; scheduled: number; started: number; succeeded: number; exited: number }, requestId?: string): number => {
    const entered = add('TaskStateEntered', times.entered, after, { stateEnteredEventDetails: { name } });
    const scheduled = add('TaskScheduled', times.scheduled, entered, { taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', parameters: JSON.stringify({ FunctionName: `fn-${name}` }) } });
    const started = add('TaskStarted', times.started, scheduled);
    const output = JSON.stringify({ Payload: {}, StatusCode: 200, ...(requestId ? { SdkResponseMetadata: { RequestId: requestId } } : {}) });
    const succeeded = add('TaskSucceeded', times.succeeded, started, { taskSucceededEventDetails: { output } });
    return add('TaskStateExited', times.exited, succeeded, { stateEnteredEventDetails: { name } });
  };
  return { events, add, task };
}

describe('gapsFromHistory', () => {
  it("measures a Task's gap from the previous state's exit to its own exit, minus the REPORT's Duration and Init Duration", () => {
    const h = historyBuilder();
    const start = h.add('ExecutionStarted', 0, 0);
    const a = h.task('a', start, { entered: 40, scheduled: 45, started: 60, succeeded: 1160, exited: 1170 }, 'req-a');
    h.task('b', a, { entered: 1200, scheduled: 1210, started: 1230, succeeded: 1830, exited: 1840 }, 'req-b');
    const reports = new Map<string, InvocationReport>([
      ['req-a', { durationMs: 1000, initDurationMs: 50 }],
      ['req-b', { durationMs: 500 }],
    ]);
    const { gaps, stateMachineOnly, lambdaTasks } = gapsFromHistory({ execution: 'e1', orchestration: 'standard', events: h.events }, reports);
    assert.equal(lambdaTasks, 2);
    assert.deepEqual(stateMachineOnly, []);
    // a: 1170 − 0 − 1000 − 50 = 120, cold; b: 1840 − 1170 − 500 = 170, warm.
    assert.deepEqual(
      gaps.map((g) => [g.state, g.kind, g.cold, g.gapMs]),
      [
        ['a', 'task', true, 120],
        ['b', 'task', false, 170],
      ],
    );
  });

  it('tells a Task after a Task and a Task after a Map by the state before it; after the execution\'s start, none', () => {
    const h = historyBuilder();
    const start = h.add('ExecutionStarted', 0, 0);
    const a = h.task('a', start, { entered: 10, scheduled: 12, started: 20, succeeded: 120, exited: 125 }, 'req-a');
    const b = h.task('b', a, { entered: 150, scheduled: 152, started: 160, succeeded: 260, exited: 265 }, 'req-b');
    const mapEntered = h.add('MapStateEntered', 280, b, { stateEnteredEventDetails: { name: 'm' } });
    const mapExited = h.add('MapStateExited', 300, mapEntered, { stateEnteredEventDetails: { name: 'm' } });
    h.task('c', mapExited, { entered: 330, scheduled: 332, started: 340, succeeded: 440, exited: 445 }, 'req-c');
    const reports = new Map<string, InvocationReport>(['req-a', 'req-b', 'req-c'].map((id) => [id, { durationMs: 90 }]));
    const { gaps } = gapsFromHistory({ execution: 'e1', orchestration: 'standard', events: h.events }, reports);
    // a: 125 − 0 − 90 = 35; b: 265 − 125 − 90 = 50; c: 445 − 300 − 90 = 55.
    assert.deepEqual(gaps.map((g) => [g.state, g.dispatch ?? 'pooled', g.gapMs]), [['a', 'pooled', 35], ['b', 'afterTask', 50], ['c', 'afterMap', 55]]);
  });

  it('keeps a Task without a REPORT apart, with only its state-machine part (predecessor → TaskStarted, TaskSucceeded → exit)', () => {
    const h = historyBuilder();
    const start = h.add('ExecutionStarted', 0, 0);
    h.task('a', start, { entered: 40, scheduled: 45, started: 60, succeeded: 1160, exited: 1170 });
    const { gaps, stateMachineOnly } = gapsFromHistory({ execution: 'e1', orchestration: 'express', events: h.events });
    assert.deepEqual(gaps, []);
    assert.deepEqual(stateMachineOnly.map((g) => [g.state, g.gapMs, g.orchestration]), [['a', 60 + 10, 'express']]);
  });

  it('measures Map iteration starts from MapStateStarted and counts each first Task from its iteration start, through interleaved events', () => {
    const h = historyBuilder();
    const start = h.add('ExecutionStarted', 0, 0);
    const mapEntered = h.add('MapStateEntered', 30, start, { stateEnteredEventDetails: { name: 'fanout' } });
    const mapStarted = h.add('MapStateStarted', 35, mapEntered);
    const iterations = [10, 25, 70].map((stagger) => h.add('MapIterationStarted', 35 + stagger, mapStarted));
    // Interleave the three iterations' Tasks: all entries first, then the rest, as concurrent iterations do.
    const reports = new Map<string, InvocationReport>();
    iterations.forEach((iteration, i) => {
      const t = 35 + [10, 25, 70][i]!;
      h.task(`work`, iteration, { entered: t + 5, scheduled: t + 8, started: t + 20, succeeded: t + 320, exited: t + 330 }, `req-${i}`);
      reports.set(`req-${i}`, { durationMs: 200 });
    });
    h.events.sort((x, y) => new Date(x.timestamp as Date).getTime() - new Date(y.timestamp as Date).getTime());
    const { gaps } = gapsFromHistory({ execution: 'e1', orchestration: 'standard', events: h.events }, reports);
    assert.deepEqual(gaps.filter((g) => g.kind === 'map-iteration').map((g) => [g.state, g.gapMs]), [['fanout', 10], ['fanout', 25], ['fanout', 70]]);
    // Each Task: its iteration start → exit is 330 ms, minus 200 ms of handler.
    assert.deepEqual(gaps.filter((g) => g.kind === 'task').map((g) => g.gapMs), [130, 130, 130]);
  });

  it("measures a Parallel branch's start to its first state's entry, and counts that Task from its own entry", () => {
    const h = historyBuilder();
    const start = h.add('ExecutionStarted', 0, 0);
    const entered = h.add('ParallelStateEntered', 20, start, { stateEnteredEventDetails: { name: 'both' } });
    const started = h.add('ParallelStateStarted', 22, entered);
    h.task('left', started, { entered: 30, scheduled: 35, started: 50, succeeded: 450, exited: 460 }, 'l');
    h.task('right', started, { entered: 47, scheduled: 52, started: 70, succeeded: 370, exited: 380 }, 'r');
    const reports = new Map([['l', { durationMs: 300 }], ['r', { durationMs: 250 }]]);
    const { gaps } = gapsFromHistory({ execution: 'e1', orchestration: 'express', events: h.events }, reports);
    assert.deepEqual(gaps.filter((g) => g.kind === 'parallel-branch').map((g) => [g.state, g.gapMs]), [['both', 8], ['both', 25]]);
    assert.deepEqual(gaps.filter((g) => g.kind === 'task').map((g) => [g.state, g.gapMs]), [['left', 430 - 300], ['right', 333 - 250]]);
  });

  it('ignores a failed Task and a Task that is not a Lambda invoke', () => {
    const h = historyBuilder();
    const start = h.add('ExecutionStarted', 0, 0);
    const entered = h.add('TaskStateEntered', 10, start, { stateEnteredEventDetails: { name: 'sqs' } });
    const scheduled = h.add('TaskScheduled', 12, entered, { taskScheduledEventDetails: { resourceType: 'sqs', resource: 'sendMessage' } });
    const s = h.add('TaskStarted', 13, scheduled);
    const ok = h.add('TaskSucceeded', 30, s);
    const exited = h.add('TaskStateExited', 31, ok);
    const e2 = h.add('TaskStateEntered', 40, exited, { stateEnteredEventDetails: { name: 'boom' } });
    const sc2 = h.add('TaskScheduled', 41, e2, { taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke' } });
    const st2 = h.add('TaskStarted', 42, sc2);
    h.add('TaskFailed', 90, st2);
    const result = gapsFromHistory({ execution: 'e1', orchestration: 'standard', events: h.events });
    assert.equal(result.lambdaTasks, 0);
    assert.deepEqual([...result.gaps, ...result.stateMachineOnly], []);
  });
});
