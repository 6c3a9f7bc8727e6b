// The Step Functions read APIs that `dagc calibrate` uses, in Step Functions'
// own protocol (awsJson1.0: POST /, `X-Amz-Target: AWSStepFunctions.<Op>`,
// content-type application/x-amz-json-1.0, timestamps as epoch seconds), so
// the real @aws-sdk/client-sfn works against the emulator unchanged:
//   DescribeStateMachine, ListStateMachines,
//   ListExecutions (statusFilter, maxResults ≤ 1000, nextToken; newest first),
//   GetExecutionHistory (maxResults ≤ 1000, nextToken, reverseOrder,
//   includeExecutionData).
// As on AWS, ListExecutions and GetExecutionHistory refuse Express state
// machines (StateMachineTypeNotSupported): Step Functions keeps no history of
// Express executions. maxResults 0 or absent means 100, AWS's default page.
// Errors are HTTP 400 `{"__type","message"}`, which the SDK turns into named
// exceptions. The histories come from SfnStore (runs recorded into it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsApiError } from './aws-error.ts';
import { parseJsonObject, readBody, sendJson } from './http-util.ts';
import type { SfnStore } from './sfn-store.ts';

const TARGET_PREFIX = 'AWSStepFunctions.';
const JSON_10 = { 'Content-Type': 'application/x-amz-json-1.0' };
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export function isSfnRequest(request: IncomingMessage): boolean {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}

const sfnError = (code: string, message: string) => new AwsApiError(code, 400, message);

export async function handleSfnRequest(store: SfnStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const operation = String(request.headers['x-amz-target']).slice(TARGET_PREFIX.length);
    const body = parseJsonObject(await readBody(request));
    if (!body) throw sfnError('SerializationException', 'The request body is not a JSON object');
    sendJson(response, 200, answer(store, operation, body), JSON_10);
  } catch (error) {
    if (!(error instanceof AwsApiError)) throw error;
    sendJson(response, error.statusCode, { __type: error.code, message: error.message }, JSON_10);
  }
}

function answer(store: SfnStore, operation: string, body: Record<string, unknown>): unknown {
  switch (operation) {
    case 'DescribeStateMachine': {
      const machine = machineOf(store, body.stateMachineArn);
      return { stateMachineArn: machine.arn, name: machine.name, status: 'ACTIVE', type: machine.type, creationDate: machine.creationDateMs / 1000, definition: '{}', roleArn: 'arn:aws:iam::000000000000:role/dagc-emulator' };
    }
    case 'ListStateMachines': {
      const page = paginate(store.machinesList(), body, 'machines');
      return { stateMachines: page.items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: m.creationDateMs / 1000 })), ...page.next };
    }
    case 'ListExecutions': {
      const machine = machineOf(store, body.stateMachineArn);
      if (machine.type === 'EXPRESS') throw sfnError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      const status = body.statusFilter;
      const all = store.executionsOf(machine.arn).filter((e) => status === undefined || e.status === status);
      const page = paginate(all, body, machine.arn);
      return {
        executions: page.items.map((e) => ({ executionArn: e.arn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startDateMs / 1000, stopDate: e.stopDateMs / 1000 })),
        ...page.next,
      };
    }
    case 'GetExecutionHistory': {
      const arn = body.executionArn;
      if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw sfnError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
      if (arn.includes(':express:')) throw sfnError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      const execution = store.execution(arn);
      if (!execution) throw sfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      const ordered = body.reverseOrder === true ? [...execution.events].reverse() : execution.events;
      const page = paginate(ordered, body, `${arn}|${body.reverseOrder === true}`);
      const withData = body.includeExecutionData !== false;
      return { events: page.items.map((e) => wireEvent(e, withData)), ...page.next };
    }
    default:
      throw sfnError('UnknownOperationException', `The dagc emulator does not implement AWSStepFunctions.${operation}`);
  }
}

function machineOf(store: SfnStore, arn: unknown) {
  if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:states:[^:]*:[^:]*:stateMachine:[^:]+$/.test(arn)) throw sfnError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  const machine = store.machine(arn);
  if (!machine) throw sfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

/** A page of `items` from the token's offset; the token names what it pages over, so one from another list is refused. */
function paginate<T>(items: readonly T[], body: Record<string, unknown>, over: string): { items: T[]; next: { nextToken?: string } } {
  const max = body.maxResults === undefined || body.maxResults === 0 ? DEFAULT_PAGE : Number(body.maxResults);
  if (!Number.isInteger(max) || max < 0 || max > MAX_PAGE) throw sfnError('ValidationException', `maxResults must be between 0 and ${MAX_PAGE}`);
  let offset = 0;
  if (typeof body.nextToken === 'string') {
    const decoded = decodeToken(body.nextToken);
    if (!decoded || decoded.over !== over || decoded.offset > items.length) throw sfnError('InvalidToken', 'Invalid Token');
    offset = decoded.offset;
  }
  const end = offset + max;
  return { items: items.slice(offset, end), next: end < items.length ? { nextToken: Buffer.from(JSON.stringify({ over, offset: end })).toString('base64url') } : {} };
}

function decodeToken(token: string): { over: string; offset: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { over?: unknown; offset?: unknown };
    return typeof value.over === 'string' && Number.isInteger(value.offset) ? { over: value.over, offset: value.offset as number } : undefined;
  } catch {
    return undefined;
  }
}

/** Timestamps as epoch seconds (awsJson1.0); without execution data, inputs and outputs are left out as AWS does. */
function wireEvent(event: { timestamp: string; [key: string]: unknown }, withData: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = { ...event, timestamp: Date.parse(event.timestamp) / 1000 };
  if (withData) return wire;
  for (const [key, value] of Object.entries(wire)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
    const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
    wire[key] = rest;
  }
  return wire;
}
