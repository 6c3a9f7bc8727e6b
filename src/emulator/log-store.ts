// CloudWatch-Logs-shaped storage for the emulator: log groups (one per function,
// /aws/lambda/<name>, created on first write as Lambda does), streams (one per
// execution environment) and events kept sorted by (timestamp, sequence).
// filter() answers FilterLogEvents: time window (both ends inclusive), stream
// names, a filter pattern, a page limit and a resumable position token.
// Appends are O(1) amortized (events arrive almost in time order); a filter is
// a binary search plus a scan of the page. Each group keeps its newest
// `maxEventsPerGroup` events so a long profiling run cannot grow without bound.
import { matchesFilter, type FilterPattern } from './filter-pattern.ts';

export interface LogEvent {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
  /** Global arrival order; breaks timestamp ties and keys the page token. */
  sequence: number;
}

export interface FilterQuery {
  logGroupName: string;
  startTime?: number;
  endTime?: number;
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  pattern: FilterPattern;
  limit: number;
  /** Resume after this (timestamp, sequence). */
  after?: { timestamp: number; sequence: number };
}

export interface FilterPage {
  events: LogEvent[];
  searchedLogStreams: string[];
  /** Where the next page starts; absent on the last page. */
  resumeAfter?: { timestamp: number; sequence: number };
}

export class LogStore {
  private readonly groups = new Map<string, LogEvent[]>();
  private readonly streams = new Map<string, Set<string>>();
  private sequence = 0;

  constructor(private readonly maxEventsPerGroup = 100_000) {}

  append(logGroupName: string, logStreamName: string, timestamp: number, message: string): void {
    let events = this.groups.get(logGroupName);
    if (!events) {
      events = [];
      this.groups.set(logGroupName, events);
      this.streams.set(logGroupName, new Set());
    }
    this.streams.get(logGroupName)!.add(logStreamName);
    const sequence = this.sequence++;
    const event: LogEvent = {
      logStreamName,
      timestamp,
      ingestionTime: Date.now(),
      message,
      eventId: String(sequence).padStart(20, '0'),
      sequence,
    };
    let at = events.length;
    while (at > 0 && compare(events[at - 1]!, event) > 0) at--;
    events.splice(at, 0, event);
    if (events.length > this.maxEventsPerGroup) events.splice(0, events.length - this.maxEventsPerGroup);
  }

  hasGroup(logGroupName: string): boolean {
    return this.groups.has(logGroupName);
  }

  groupNames(): string[] {
    return [...this.groups.keys()].sort();
  }

  filter(query: FilterQuery): FilterPage {
    const events = this.groups.get(query.logGroupName) ?? [];
    const streamSet = query.logStreamNames && query.logStreamNames.length > 0 ? new Set(query.logStreamNames) : undefined;
    const wantedStream = (name: string): boolean =>
      (streamSet === undefined || streamSet.has(name)) && (query.logStreamNamePrefix === undefined || name.startsWith(query.logStreamNamePrefix));
    const searchedLogStreams = [...(this.streams.get(query.logGroupName) ?? [])].filter(wantedStream).sort();
    const from = query.after ?? (query.startTime !== undefined ? { timestamp: query.startTime, sequence: -1 } : undefined);
    let index = from === undefined ? 0 : firstAfter(events, from);
    const page: LogEvent[] = [];
    for (; index < events.length; index++) {
      const event = events[index]!;
      if (query.endTime !== undefined && event.timestamp > query.endTime) break;
      if (!wantedStream(event.logStreamName) || !matchesFilter(query.pattern, event.message)) continue;
      if (page.length === query.limit) {
        const last = page[page.length - 1]!;
        return { events: page, searchedLogStreams, resumeAfter: { timestamp: last.timestamp, sequence: last.sequence } };
      }
      page.push(event);
    }
    return { events: page, searchedLogStreams };
  }
}

function compare(a: { timestamp: number; sequence: number }, b: { timestamp: number; sequence: number }): number {
  return a.timestamp - b.timestamp || a.sequence - b.sequence;
}

/** Index of the first event strictly after `position`. */
function firstAfter(events: readonly LogEvent[], position: { timestamp: number; sequence: number }): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(events[middle]!, position) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
