// The Lambda REST API routes (2015-03-31), in the wire format the AWS SDK v3
// sends: Invoke, Get/Update FunctionConfiguration, GetFunction, CreateFunction,
// DeleteFunction, ListFunctions. Errors use restJson1's shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUserError } from '../diagnostics/diagnostic.ts';
import { createFromZip } from './create-function.ts';
import { ServiceFaultError, ThrottledError, type EmulatorCore } from './emulator-core.ts';
import { configurationJson, nameFromIdentifier } from './function-config.ts';
import { readBody, sendJson, sendRestError } from './http-util.ts';
import type { EmulatedArchitecture, FunctionState } from './types.ts';

const TAIL_BYTES = 4096;

export async function routeLambda(core: EmulatorCore, request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
  const method = request.method ?? 'GET';
  if (path === '/2015-03-31/functions' || path === '/2015-03-31/functions/') {
    if (method === 'GET') {
      sendJson(response, 200, { Functions: core.list().map(configurationJson) });
      return true;
    }
    if (method === 'POST') {
      await createFunction(core, request, response);
      return true;
    }
  }
  const match = /^\/2015-03-31\/functions\/([^/]+)(\/configuration|\/invocations)?\/?$/.exec(path);
  if (!match) return false;
  const name = nameFromIdentifier(decodeURIComponent(match[1]!));
  const state = core.get(name);
  if (!state) {
    sendRestError(response, 404, 'ResourceNotFoundException', `Function not found: arn:aws:lambda:us-east-1:123456789012:function:${name}`);
    return true;
  }
  const tail = match[2] ?? '';
  if (tail === '/invocations' && method === 'POST') await invoke(core, state, request, response);
  else if (tail === '/configuration' && method === 'GET') sendJson(response, 200, configurationJson(state));
  else if (tail === '/configuration' && method === 'PUT') await updateConfiguration(core, state, request, response);
  else if (tail === '' && method === 'GET') sendJson(response, 200, getFunctionJson(state));
  else if (tail === '' && method === 'DELETE') {
    core.delete(name);
    response.writeHead(204).end();
  } else return false;
  return true;
}

async function invoke(core: EmulatorCore, state: FunctionState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  let event: unknown = {};
  if (body.length > 0) {
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      sendRestError(response, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
      return;
    }
  }
  const invocationType = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (invocationType === 'DryRun') {
    response.writeHead(204, { 'x-amz-executed-version': '$LATEST' }).end();
    return;
  }
  try {
    const running = core.invoke(state.config.name, event);
    if (invocationType === 'Event') {
      running.catch(() => {}); // asynchronous invocations report only through the logs
      response.writeHead(202, { 'content-length': '0' }).end();
      return;
    }
    const outcome = await running;
    const headers: Record<string, string> = { 'x-amz-executed-version': '$LATEST', 'content-type': 'application/json', 'x-amzn-requestid': outcome.requestId };
    if (outcome.functionError) headers['x-amz-function-error'] = outcome.functionError;
    if (header(request, 'x-amz-log-type') === 'Tail') {
      const log = Buffer.from(outcome.logLines.map((line) => `${line}\n`).join(''), 'utf8');
      headers['x-amz-log-result'] = log.subarray(Math.max(0, log.length - TAIL_BYTES)).toString('base64');
    }
    response.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(outcome.payload)) });
    response.end(outcome.payload);
  } catch (error) {
    if (error instanceof ThrottledError) sendRestError(response, 429, 'TooManyRequestsException', error.message, { Reason: error.reason, retryAfterSeconds: '1' }, { 'retry-after': '1' });
    else if (error instanceof ServiceFaultError) sendRestError(response, 500, 'ServiceException', error.message);
    else throw error;
  }
}

async function updateConfiguration(core: EmulatorCore, state: FunctionState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const input = parseObject((await readBody(request)).toString('utf8'));
  const change: Parameters<EmulatorCore['update']>[1] = {};
  if (typeof input.MemorySize === 'number') change.memoryMb = input.MemorySize;
  if (typeof input.Timeout === 'number') change.timeoutMs = input.Timeout * 1000;
  const architectures = input.Architectures;
  if (Array.isArray(architectures) && (architectures[0] === 'x86_64' || architectures[0] === 'arm64')) change.architecture = architectures[0] as EmulatedArchitecture;
  const variables = (input.Environment as { Variables?: Record<string, string> } | undefined)?.Variables;
  if (variables && typeof variables === 'object') change.env = { ...variables };
  if (state.lastUpdateStatus === 'InProgress') {
    sendRestError(response, 409, 'ResourceConflictException', `The operation cannot be performed at this time. An update is in progress for resource: ${state.config.name}`);
    return;
  }
  try {
    sendJson(response, 200, configurationJson(core.update(state.config.name, change)));
  } catch (error) {
    if (!isUserError(error)) throw error;
    sendRestError(response, 400, 'InvalidParameterValueException', error.diagnostics.map((d) => d.message).join('; '));
  }
}

async function createFunction(core: EmulatorCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const input = parseObject((await readBody(request)).toString('utf8'));
  const name = typeof input.FunctionName === 'string' ? input.FunctionName : '';
  if (name === '') {
    sendRestError(response, 400, 'InvalidParameterValueException', 'FunctionName is required');
    return;
  }
  if (core.get(name)) {
    sendRestError(response, 409, 'ResourceConflictException', `Function already exist: ${name}`);
    return;
  }
  try {
    const state = createFromZip(core, input, name);
    sendJson(response, 201, configurationJson(state));
  } catch (error) {
    const message = isUserError(error) ? error.diagnostics.map((d) => d.message).join('; ') : error instanceof Error ? error.message : String(error);
    sendRestError(response, 400, 'InvalidParameterValueException', message);
  }
}

function getFunctionJson(state: FunctionState): Record<string, unknown> {
  return { Configuration: configurationJson(state), Code: { RepositoryType: 'S3', Location: `file://${state.config.handlerPath}` }, Tags: {} };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
