// Step Functions execution histories (GetExecutionHistory's `events`) → the
// platform's own latencies in them, as GapObservation[] for the fit.
//
// What a history shows, and what it cannot: every event has a timestamp and
// the id of the event it follows (previousEventId), so within an execution —
// Parallel branches and Map iterations interleaved — each state's chain is
// exact. A Lambda Task's chain is TaskStateEntered → TaskScheduled →
// TaskStarted → TaskSucceeded → TaskStateExited; TaskStarted is when Step
// Functions made the Invoke call, TaskSucceeded when the call returned. The
// handler's start is NOT in a history: TaskStarted→TaskSucceeded holds the
// Lambda service's invoke path, an Init phase on a cold start, the handler's
// run and the response's return. So:
//   - with the invocation's REPORT line (joined on the Lambda RequestId that
//     the lambda:invoke integration puts in TaskSucceeded's output,
//     SdkResponseMetadata.RequestId), a Task's gap is all of its time that is
//     not the handler: from its predecessor (the previous state's exit, the
//     execution's or the Map iteration's start) to its own exit, minus the
//     REPORT's Duration and Init Duration. Cold = the REPORT has Init Duration.
//     This is the "taskDispatch" the estimator adds once per Task.
//   - without one, only the state-machine part is known (predecessor →
//     TaskStarted, plus TaskSucceeded → TaskStateExited): a lower bound, which
//     is returned separately (`stateMachineOnly`) and never mixed into the fit.
// A Map iteration's gap is MapIterationStarted − MapStateStarted (iterations
// start staggered); the first Task of an iteration then counts its dispatch
// from MapIterationStarted, so no time is counted twice. A Parallel branch's
// gap is its first state's StateEntered − ParallelStateStarted, and that
// Task's dispatch counts from its own StateEntered (again nothing twice).
// Standard vs Express is the state machine's type, which the caller knows
// (DescribeStateMachine); a history does not say.
// Complexity: linear in the events.
import type { GapObservation, OrchestrationType } from '../model/calibration.ts';

/** The fields of a HistoryEvent that this module reads (the SDK's type is wider). */
export interface HistoryEventLike {
  id: number;
  previousEventId?: number;
  /** A Date from the SDK, an ISO string or epoch seconds in a saved file. */
  timestamp: Date | string | number;
  type: string;
  taskScheduledEventDetails?: { resourceType?: string; resource?: string; parameters?: string };
  taskSucceededEventDetails?: { output?: string };
  stateEnteredEventDetails?: { name?: string };
}

/** What a REPORT line says of one invocation, keyed by its RequestId. */
export interface InvocationReport {
  durationMs: number;
  initDurationMs?: number;
}

export interface HistoryGap extends GapObservation {
  execution: string;
  /** The state the gap belongs to (the Map or Parallel state for iteration and branch gaps). */
  state: string;
}

export interface HistoryGaps {
  /** Gaps the fit may use. */
  gaps: HistoryGap[];
  /** Lambda Tasks without a REPORT line: only their state-machine part (a lower bound), cold unknown. */
  stateMachineOnly: HistoryGap[];
  /** Lambda Task states seen (succeeded), with or without a REPORT. */
  lambdaTasks: number;
}

export interface HistoryInput {
  execution: string;
  orchestration: OrchestrationType;
  events: readonly HistoryEventLike[];
}

export function timestampMs(value: Date | string | number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  return Date.parse(value);
}

/** The Lambda RequestId in a lambda:invoke Task's output, when the integration recorded it. */
export function lambdaRequestId(output: string | undefined): string | undefined {
  if (!output) return undefined;
  try {
    const value = JSON.parse(output) as { SdkResponseMetadata?: { RequestId?: unknown } };
    const id = value?.SdkResponseMetadata?.RequestId;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The FunctionName a lambda:invoke TaskScheduled names (its parameters are a JSON string). */
export function scheduledFunctionName(event: HistoryEventLike): string | undefined {
  const details = event.taskScheduledEventDetails;
  if (!details || details.resourceType !== 'lambda' || !details.parameters) return undefined;
  try {
    const name = (JSON.parse(details.parameters) as { FunctionName?: unknown }).FunctionName;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

export function gapsFromHistory(history: HistoryInput, reports: ReadonlyMap<string, InvocationReport> = new Map()): HistoryGaps {
  const byId = new Map<number, HistoryEventLike>();
  for (const event of history.events) byId.set(event.id, event);
  const at = (event: HistoryEventLike): number => timestampMs(event.timestamp);
  const previous = (event: HistoryEventLike): HistoryEventLike | undefined => (event.previousEventId ? byId.get(event.previousEventId) : undefined);
  const base = { execution: history.execution, orchestration: history.orchestration };
  const out: HistoryGaps = { gaps: [], stateMachineOnly: [], lambdaTasks: 0 };
  // The state a StateEntered event names, by its id (exits carry their own name; we walk back to entries).
  const stateOf = new Map<number, string>();
  for (const event of history.events) if (event.type.endsWith('StateEntered')) stateOf.set(event.id, event.stateEnteredEventDetails?.name ?? `#${event.id}`);

  for (const event of [...history.events].sort((a, b) => a.id - b.id)) {
    if (event.type === 'MapIterationStarted') {
      const start = previous(event);
      if (start?.type === 'MapStateStarted') out.gaps.push({ ...base, kind: 'map-iteration', cold: false, gapMs: at(event) - at(start), state: enclosingState(start, previous, stateOf) });
      continue;
    }
    if (event.type.endsWith('StateEntered')) {
      const start = previous(event);
      if (start?.type === 'ParallelStateStarted') out.gaps.push({ ...base, kind: 'parallel-branch', cold: false, gapMs: at(event) - at(start), state: enclosingState(start, previous, stateOf) });
      continue;
    }
    if (event.type !== 'TaskStateExited') continue;
    const chain = taskChain(event, previous);
    if (!chain) continue;
    out.lambdaTasks += 1;
    const { entered, started, succeeded } = chain;
    const before = previous(entered);
    // A branch's first state: the branch gap took entered − ParallelStateStarted.
    const fromMs = before && before.type !== 'ParallelStateStarted' ? at(before) : at(entered);
    const state = stateOf.get(entered.id) ?? `#${entered.id}`;
    const requestId = lambdaRequestId(succeeded.taskSucceededEventDetails?.output);
    const report = requestId === undefined ? undefined : reports.get(requestId);
    if (report) {
      const gapMs = at(event) - fromMs - report.durationMs - (report.initDurationMs ?? 0);
      // Its kind (calibration.ts DispatchKind) when the state before it was a Task or a Map: a Task from a Map
      // iteration's start or a Parallel branch's is only part of the trace's first-item dispatch, so pooled only.
      const dispatch = before?.type === 'TaskStateExited' ? 'afterTask' : before?.type === 'MapStateExited' ? 'afterMap' : undefined;
      out.gaps.push({ ...base, kind: 'task', ...(dispatch ? { dispatch } : {}), cold: report.initDurationMs !== undefined, gapMs: Math.max(0, gapMs), state });
    } else {
      const gapMs = at(started) - fromMs + (at(event) - at(succeeded));
      out.stateMachineOnly.push({ ...base, kind: 'task', cold: false, gapMs, state });
    }
  }
  return out;
}

/** TaskStateExited → its succeeded Lambda chain, or undefined for a failed or non-Lambda Task. */
function taskChain(exited: HistoryEventLike, previous: (e: HistoryEventLike) => HistoryEventLike | undefined) {
  const succeeded = previous(exited);
  if (succeeded?.type !== 'TaskSucceeded') return undefined;
  const started = previous(succeeded);
  if (started?.type !== 'TaskStarted') return undefined;
  const scheduled = previous(started);
  if (scheduled?.type !== 'TaskScheduled' || scheduled.taskScheduledEventDetails?.resourceType !== 'lambda') return undefined;
  const entered = previous(scheduled);
  if (entered?.type !== 'TaskStateEntered') return undefined;
  return { entered, started, succeeded };
}

/** The Map or Parallel state whose *StateStarted event this is. */
function enclosingState(started: HistoryEventLike, previous: (e: HistoryEventLike) => HistoryEventLike | undefined, stateOf: ReadonlyMap<number, string>): string {
  const entered = previous(started);
  return (entered && stateOf.get(entered.id)) ?? `#${started.id}`;
}
