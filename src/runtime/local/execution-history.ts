// The local execution's events, in the shape of Step Functions'
// GetExecutionHistory response ({ events: [{ id, previousEventId, timestamp,
// type, …EventDetails }] }), so `dagc calibrate` can read a local history and
// a real one the same way; and the per-state timeline `dagc run` prints.
// Task states get TaskScheduled/TaskStarted/TaskSucceeded|TaskFailed around
// the Lambda call, as Step Functions records for lambda:invoke.

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

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  readonly timeline: TimelineRow[] = [];
  private readonly open = new Map<string, { row: TimelineRow }>();

  constructor(private readonly startedAtMs: number) {}

  add(type: string, timestampMs: number, details: Record<string, unknown> = {}): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp: new Date(timestampMs).toISOString(), type, ...details });
  }

  /** A state event from aws-local-stepfunctions' event log. */
  stateEvent(kind: 'entered' | 'exited' | 'failed', state: { name: string; type: string; input?: unknown; output?: unknown }, timestampMs: number, index: number | undefined, error?: { Error: string; Cause: unknown }): void {
    const key = `${state.name}#${index ?? ''}`;
    if (kind === 'entered') {
      this.add(`${state.type}StateEntered`, timestampMs, { stateEnteredEventDetails: { name: state.name, input: JSON.stringify(state.input ?? null) } });
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
    if (kind === 'exited') this.add(`${state.type}StateExited`, timestampMs, { stateExitedEventDetails: { name: state.name, output: JSON.stringify(state.output ?? null) } });
    else this.add(`${state.type}Failed`, timestampMs, { [`${lower(state.type)}FailedEventDetails`]: { error: error?.Error, cause: String(error?.Cause ?? '') } });
  }

  markCold(state: string, index: number | undefined, cold: boolean): void {
    const row = [...this.timeline].reverse().find((r) => r.state === state && r.index === index);
    if (row) row.cold = cold;
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
