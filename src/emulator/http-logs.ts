// CloudWatch Logs FilterLogEvents (awsJson1_1, X-Amz-Target:
// Logs_20140328.FilterLogEvents) served on the same port as the Lambda API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogStore } from './log-store.ts';
import { readBody, sendJson, sendJsonProtocolError } from './http-util.ts';

const TARGET_PREFIX = 'Logs_20140328.';

export async function routeLogs(logs: LogStore, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return false;
  const operation = target.slice(TARGET_PREFIX.length);
  let input: Record<string, unknown>;
  try {
    input = JSON.parse((await readBody(request)).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    sendJsonProtocolError(response, 400, 'SerializationException', 'request body is not JSON');
    return true;
  }
  if (operation !== 'FilterLogEvents') {
    sendJsonProtocolError(response, 400, 'UnknownOperationException', `${operation} is not emulated (only FilterLogEvents)`);
    return true;
  }
  const group = typeof input.logGroupName === 'string' ? input.logGroupName : '';
  if (!logs.hasGroup(group)) {
    sendJsonProtocolError(response, 400, 'ResourceNotFoundException', 'The specified log group does not exist.');
    return true;
  }
  const page = logs.filter({
    logGroupName: group,
    ...(Array.isArray(input.logStreamNames) ? { logStreamNames: input.logStreamNames as string[] } : {}),
    ...(typeof input.startTime === 'number' ? { startTime: input.startTime } : {}),
    ...(typeof input.endTime === 'number' ? { endTime: input.endTime } : {}),
    ...(typeof input.filterPattern === 'string' ? { filterPattern: input.filterPattern } : {}),
    ...(typeof input.limit === 'number' ? { limit: input.limit } : {}),
    ...(typeof input.nextToken === 'string' ? { nextToken: input.nextToken } : {}),
  });
  sendJson(response, 200, { events: page.events, searchedLogStreams: [], ...(page.nextToken ? { nextToken: page.nextToken } : {}) }, {}, 'application/x-amz-json-1.1');
  return true;
}
