// The local execution's events, in the shape of Step Functions'
// GetExecutionHistory response ({ events: [{ id, previousEventId, timestamp,
// type, …EventDetails }] }), so `dagc calibrate` reads a local history and a
// real one the same way (src/calibrate/history-gaps.ts); and the per-state
// timeline `dagc run` prints.
//
// Events arrive from two places: the interpreter's event log (states, Map
// iterations, the execution) and the Lambda Task handlers (TaskScheduled,
// TaskStarted, TaskSucceeded|TaskFailed around the Invoke call). The log is
// read asynchronously, so a handler's events may be recorded before the
// StateEntered they follow. previousEventId is therefore linked when the
// history is asked for, as Step Functions links it: a Task's events chain
// Entered → Scheduled → Started → Succeeded → Exited; a state's entry follows
// the previous exit in its scope (same Map iteration index), or the execution's
// start, its Map iteration's start, or its Parallel's start. Ids then follow
// time, a predecessor always before its successor. Linking is quadratic in the
// events, which a local run keeps to a few thousand.
// Differences from AWS, said where they matter: the interpreter has no
// separate "Map/Parallel started" moment, so MapStateStarted and
// ParallelStateStarted carry their state's entry time; TaskSucceeded's output
// carries SdkResponseMetadata.RequestId as the lambda:invoke integration
// records it, which joins a Task to its REPORT line.
import { stateScopes, type StateScope } from './state-scopes.ts';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: string;
  [details: string]: unknown;
}

export interface TimelineRow {
  state: string;
  type: string;
  /** Map iteration index, when inside a Map. */
  index?: number;
  startMs: number;
  endMs: number;
  /** For Lambda tasks: whether the invocation started a new environment. */
  cold?: boolean;
}

interface Entry {
  seq: number;
  type: string;
  atMs: number;
  /** The state the event belongs to (the Map for iteration events). */
  state?: string;
  index?: number;
  details: Record<string, unknown>;
  previous?: Entry;
}

export class HistoryRecorder {
  readonly timeline: TimelineRow[] = [];
  private readonly entries: Entry[] = [];
  private readonly open = new Map<string, { row: TimelineRow }>();
  private readonly scopes: Map<string, StateScope>;

  constructor(
    private readonly startedAtMs: number,
    definition: Parameters<typeof stateScopes>[0] = {},
  ) {
    this.scopes = stateScopes(definition);
  }

  /** An event; `at` names its state (and Map iteration) when it has one. */
  add(type: string, timestampMs: number, details: Record<string, unknown> = {}, at: { state?: string; index?: number } = {}): void {
    const entry: Entry = { seq: this.entries.length, type, atMs: timestampMs, details };
    if (at.state !== undefined) entry.state = at.state;
    if (at.index !== undefined) entry.index = at.index;
    this.entries.push(entry);
  }

  /** A state event from aws-local-stepfunctions' event log. */
  stateEvent(kind: 'entered' | 'exited' | 'failed', state: { name: string; type: string; input?: unknown; output?: unknown }, timestampMs: number, index: number | undefined, error?: { Error: string; Cause: unknown }): void {
    const key = `${state.name}#${index ?? ''}`;
    const at = { state: state.name, ...(index === undefined ? {} : { index }) };
    if (kind === 'entered') {
      this.add(`${state.type}StateEntered`, timestampMs, { stateEnteredEventDetails: { name: state.name, input: JSON.stringify(state.input ?? null) } }, at);
      if (state.type === 'Map' || state.type === 'Parallel') this.add(`${state.type}StateStarted`, timestampMs, {}, at);
      const row: TimelineRow = { state: state.name, type: state.type, startMs: timestampMs - this.startedAtMs, endMs: NaN };
      if (index !== undefined) row.index = index;
      this.timeline.push(row);
      this.open.set(key, { row });
      return;
    }
    const open = this.open.get(key);
    if (open) {
      open.row.endMs = timestampMs - this.startedAtMs;
      this.open.delete(key);
    }
    if (kind === 'exited') this.add(`${state.type}StateExited`, timestampMs, { stateExitedEventDetails: { name: state.name, output: JSON.stringify(state.output ?? null) } }, at);
    else this.add(`${state.type}Failed`, timestampMs, { [`${lower(state.type)}FailedEventDetails`]: { error: error?.Error, cause: String(error?.Cause ?? '') } }, at);
  }

  markCold(state: string, index: number | undefined, cold: boolean): void {
    const row = [...this.timeline].reverse().find((r) => r.state === state && r.index === index);
    if (row) row.cold = cold;
  }

  /** The events so far, linked and numbered. */
  get events(): HistoryEvent[] {
    this.link();
    // Depth orders ties: a predecessor recorded in the same millisecond still comes first.
    const depth = new Map<Entry, number>();
    const depthOf = (e: Entry): number => {
      let d = depth.get(e);
      if (d === undefined) depth.set(e, (d = e.previous ? depthOf(e.previous) + 1 : 0));
      return d;
    };
    const ordered = [...this.entries].sort((a, b) => a.atMs - b.atMs || depthOf(a) - depthOf(b) || a.seq - b.seq);
    const ids = new Map<Entry, number>();
    ordered.forEach((e, i) => ids.set(e, i + 1));
    return ordered.map((e) => ({ id: ids.get(e)!, previousEventId: e.previous ? ids.get(e.previous)! : 0, timestamp: new Date(e.atMs).toISOString(), type: e.type, ...e.details }));
  }

  private link(): void {
    // The log's own events are in order (seq); a handler's may precede the entry they follow, so
    // they are matched by state, iteration and time instead.
    const latest = (pick: (e: Entry) => boolean, notAfterMs: number, beforeSeq = Infinity): Entry | undefined => {
      let best: Entry | undefined;
      for (const e of this.entries) if (e.seq < beforeSeq && e.atMs <= notAfterMs && pick(e) && (!best || e.atMs > best.atMs || (e.atMs === best.atMs && e.seq > best.seq))) best = e;
      return best;
    };
    const same = (e: Entry, type: string, state: string | undefined, index: number | undefined) => e.type === type && e.state === state && e.index === index;
    const scopeOf = (state: string | undefined) => (state === undefined ? undefined : this.scopes.get(state));
    const isExit = (e: Entry) => e.type.endsWith('StateExited');
    for (const entry of this.entries) {
      const { type, state, index, atMs, seq } = entry;
      const scope = scopeOf(state);
      let previous: Entry | undefined;
      if (type === 'TaskScheduled') previous = latest((e) => same(e, 'TaskStateEntered', state, index), atMs);
      else if (type === 'TaskStarted') previous = latest((e) => same(e, 'TaskScheduled', state, index), atMs);
      else if (type === 'TaskSucceeded' || type === 'TaskFailed') previous = latest((e) => same(e, 'TaskStarted', state, index), atMs);
      else if (type === 'TaskStateExited') previous = latest((e) => (e.type === 'TaskSucceeded' || e.type === 'TaskFailed') && e.state === state && e.index === index, atMs);
      else if (type === 'MapStateStarted' || type === 'ParallelStateStarted') previous = latest((e) => same(e, type.replace('Started', 'Entered'), state, index), atMs, seq);
      else if (type === 'MapIterationStarted') previous = latest((e) => e.type === 'MapStateStarted' && e.state === state, atMs, seq);
      else if (type.endsWith('StateEntered') && scope) {
        if (scope.isStart && scope.kind === 'top') previous = latest((e) => e.type === 'ExecutionStarted', atMs, seq);
        else if (scope.isStart && scope.kind === 'map') previous = latest((e) => e.type === 'MapIterationStarted' && e.state === scope.parent && e.index === index, atMs, seq);
        else if (scope.isStart) previous = latest((e) => e.type === 'ParallelStateStarted' && e.state === scope.parent, atMs, seq);
        else previous = latest((e) => isExit(e) && scopeOf(e.state)?.scope === scope.scope && e.index === index, atMs, seq);
      } else if (type.endsWith('StateExited') || type.endsWith('Failed')) {
        // A Map or Parallel ends with the last exit inside it; any other state with its own entry.
        const inner = scope && (scope.type === 'Map' || scope.type === 'Parallel') ? state : undefined;
        previous = inner
          ? latest((e) => isExit(e) && scopeOf(e.state)?.parent === inner, atMs, seq)
          : latest((e) => e.type.endsWith('StateEntered') && e.state === state && e.index === index, atMs, seq);
      } else if (type === 'MapIterationSucceeded' || type === 'MapIterationFailed') previous = latest((e) => isExit(e) && scopeOf(e.state)?.parent === state && e.index === index, atMs, seq);
      else if (type.startsWith('Execution') && type !== 'ExecutionStarted') previous = latest((e) => isExit(e) && scopeOf(e.state)?.kind === 'top', atMs, seq);
      if (previous) entry.previous = previous;
    }
  }
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function renderTimeline(rows: TimelineRow[]): string {
  const lines = ['state                                     start ms    end ms   lambda'];
  for (const row of [...rows].sort((a, b) => a.startMs - b.startMs || (a.state < b.state ? -1 : 1))) {
    const name = `${row.state}${row.index === undefined ? '' : `[${row.index}]`}`.padEnd(40).slice(0, 40);
    const start = Math.round(row.startMs).toString().padStart(9);
    const end = (Number.isNaN(row.endMs) ? '-' : Math.round(row.endMs).toString()).padStart(9);
    const cold = row.cold === undefined ? '' : row.cold ? 'cold' : 'warm';
    lines.push(`${name}  ${start} ${end}   ${cold}`);
  }
  return `${lines.join('\n')}\n`;
}
