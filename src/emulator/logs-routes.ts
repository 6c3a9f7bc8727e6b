// CloudWatch Logs (awsJson1.1: POST /, `X-Amz-Target: Logs_20140328.<Op>`)
// for the calls a Lambda profiler makes: FilterLogEvents (time window,
// stream names or prefix, filter pattern, limit, nextToken paging) and
// DescribeLogGroups / DescribeLogStreams for discovery. Served on the same
// port as the Lambda API; the target header tells them apart.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logsErrors } from './aws-error.ts';
import { parseFilterPattern, UnsupportedFilterPattern } from './filter-pattern.ts';
import { parseJsonObject, readBody, sendJson } from './http-util.ts';
import type { LogStore } from './log-store.ts';

const TARGET_PREFIX = 'Logs_20140328.';
const JSON_11 = { 'Content-Type': 'application/x-amz-json-1.1' };
/** FilterLogEvents returns at most this many events per page. */
const MAX_PAGE_EVENTS = 10_000;

export function isLogsRequest(request: IncomingMessage): boolean {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}

export async function handleLogsRequest(store: LogStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const operation = String(request.headers['x-amz-target']).slice(TARGET_PREFIX.length);
  const body = parseJsonObject(await readBody(request));
  if (!body) throw logsErrors.invalidParameter('The request body is not a JSON object');
  switch (operation) {
    case 'FilterLogEvents':
      return sendJson(response, 200, filterLogEvents(store, body), JSON_11);
    case 'DescribeLogGroups': {
      const prefix = typeof body.logGroupNamePrefix === 'string' ? body.logGroupNamePrefix : '';
      const logGroups = store.groupNames().filter((name) => name.startsWith(prefix)).map((logGroupName) => ({ logGroupName, storedBytes: 0 }));
      return sendJson(response, 200, { logGroups }, JSON_11);
    }
    default:
      throw logsErrors.unknownOperation(operation);
  }
}

function filterLogEvents(store: LogStore, body: Record<string, unknown>): Record<string, unknown> {
  const group = groupName(body);
  if (!store.hasGroup(group)) throw logsErrors.groupNotFound();
  let pattern;
  try {
    pattern = parseFilterPattern(typeof body.filterPattern === 'string' ? body.filterPattern : undefined);
  } catch (error) {
    if (error instanceof UnsupportedFilterPattern) throw logsErrors.invalidParameter(error.message);
    throw error;
  }
  const limit = body.limit === undefined ? MAX_PAGE_EVENTS : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_EVENTS) throw logsErrors.invalidParameter(`limit must be between 1 and ${MAX_PAGE_EVENTS}`);
  const page = store.filter({
    logGroupName: group,
    ...optionalNumber(body, 'startTime'),
    ...optionalNumber(body, 'endTime'),
    ...(Array.isArray(body.logStreamNames) ? { logStreamNames: body.logStreamNames.map(String) } : {}),
    ...(typeof body.logStreamNamePrefix === 'string' ? { logStreamNamePrefix: body.logStreamNamePrefix } : {}),
    pattern,
    limit,
    ...(typeof body.nextToken === 'string' ? { after: decodeToken(body.nextToken, group) } : {}),
  });
  const result: Record<string, unknown> = {
    events: page.events.map(({ logStreamName, timestamp, message, ingestionTime, eventId }) => ({ logStreamName, timestamp, message, ingestionTime, eventId })),
    searchedLogStreams: page.searchedLogStreams.map((logStreamName) => ({ logStreamName, searchedCompletely: true })),
  };
  if (page.resumeAfter) result.nextToken = encodeToken(page.resumeAfter, group);
  return result;
}

function groupName(body: Record<string, unknown>): string {
  const name = body.logGroupName ?? body.logGroupIdentifier;
  if (typeof name !== 'string' || name === '') throw logsErrors.invalidParameter('logGroupName is required');
  // logGroupIdentifier may be an ARN: arn:aws:logs:region:account:log-group:NAME[:*]
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(name);
  return arn ? arn[1]! : name;
}

function optionalNumber(body: Record<string, unknown>, member: 'startTime' | 'endTime'): Partial<Record<'startTime' | 'endTime', number>> {
  const value = body[member];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'number' || !Number.isFinite(value)) throw logsErrors.invalidParameter(`${member} must be epoch milliseconds`);
  return { [member]: value };
}

function encodeToken(position: { timestamp: number; sequence: number }, group: string): string {
  return Buffer.from(JSON.stringify({ g: group, t: position.timestamp, s: position.sequence })).toString('base64url');
}

function decodeToken(token: string, group: string): { timestamp: number; sequence: number } {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { g: string; t: number; s: number };
    if (value.g === group && Number.isFinite(value.t) && Number.isInteger(value.s)) return { timestamp: value.t, sequence: value.s };
  } catch {
    // Fall through to the error below.
  }
  throw logsErrors.invalidParameter('The specified nextToken is invalid.');
}
