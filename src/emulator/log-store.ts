// In-memory CloudWatch Logs: one group per function (/aws/lambda/<name>), one
// stream per execution environment, events in arrival order. Serves
// FilterLogEvents with startTime/endTime, a plain-term filterPattern (every
// term must occur; a quoted phrase is one term) and nextToken paging.
// Filtering is a linear scan: fine for the thousands of lines a profiling run makes.

export interface LogEvent {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
}

export interface FilterQuery {
  logGroupName: string;
  logStreamNames?: string[];
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  limit?: number;
  nextToken?: string;
}

const DEFAULT_PAGE = 10000;

export class LogStore {
  private readonly groups = new Map<string, LogEvent[]>();
  private sequence = 0;

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  createGroup(group: string): void {
    if (!this.groups.has(group)) this.groups.set(group, []);
  }

  append(group: string, stream: string, lines: readonly string[], timestamp: number): void {
    this.createGroup(group);
    const events = this.groups.get(group)!;
    for (const line of lines) {
      this.sequence += 1;
      // CloudWatch keeps Lambda's trailing newline on each message.
      events.push({ logStreamName: stream, timestamp, ingestionTime: Date.now(), message: `${line}\n`, eventId: String(this.sequence).padStart(20, '0') });
    }
  }

  filter(query: FilterQuery): { events: LogEvent[]; nextToken?: string } {
    const events = this.groups.get(query.logGroupName) ?? [];
    const terms = parsePattern(query.filterPattern ?? '');
    const streams = query.logStreamNames && query.logStreamNames.length > 0 ? new Set(query.logStreamNames) : undefined;
    const matching = events.filter(
      (event) =>
        (query.startTime === undefined || event.timestamp >= query.startTime) &&
        (query.endTime === undefined || event.timestamp <= query.endTime) &&
        (streams === undefined || streams.has(event.logStreamName)) &&
        terms.every((term) => event.message.includes(term)),
    );
    const offset = query.nextToken ? Number(Buffer.from(query.nextToken, 'base64').toString('utf8')) || 0 : 0;
    const pageSize = Math.max(1, Math.min(query.limit ?? DEFAULT_PAGE, DEFAULT_PAGE));
    const page = matching.slice(offset, offset + pageSize);
    const next = offset + page.length;
    return next < matching.length ? { events: page, nextToken: Buffer.from(String(next)).toString('base64') } : { events: page };
  }

  deleteGroup(group: string): void {
    this.groups.delete(group);
  }
}

/** Plain terms and "quoted phrases"; all must match (CloudWatch's unstructured pattern subset). */
export function parsePattern(pattern: string): string[] {
  const terms: string[] = [];
  const regex = /"([^"]*)"|(\S+)/g;
  for (let match = regex.exec(pattern); match; match = regex.exec(pattern)) {
    const term = match[1] ?? match[2] ?? '';
    if (term !== '') terms.push(term);
  }
  return terms;
}
