// Error paths of the SDK-backed Lambda port: the real @aws-sdk/client-lambda
// against a scripted HTTP server on loopback that answers with Lambda's wire
// format (errors as x-amzn-ErrorType + JSON, the log tail in X-Amz-Log-Result).
// The happy path runs against the emulator instead.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/profiler/aws-clients.ts';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { outcomeFromResponse, sdkLambdaPort } from '../../src/profiler/lambda-port.ts';

type Route = (request: IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body?: string };

function reportLine(memoryMb: number, extra = ''): string {
  return `START RequestId: r1 Version: $LATEST\nEND RequestId: r1\nREPORT RequestId: r1\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 61 MB\t${extra}\n`;
}

const awsError = (status: number, type: string, message: string) => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
  body: JSON.stringify({ message, Type: 'User' }),
});

describe('SDK Lambda port against Lambda wire responses', () => {
  let server: Server;
  let clients: AwsClients;
  let route: Route = () => ({ status: 500 });
  const requests: string[] = [];

  before(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        requests.push(`${request.method} ${request.url}`);
        const answer = route(request, body);
        response.writeHead(answer.status, answer.headers ?? { 'content-type': 'application/json' });
        response.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    clients = await createAwsClients({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', fallbackRegion: 'us-east-1' }, {});
  });
  after(() => {
    destroyAwsClients(clients);
    server.close();
  });
  beforeEach(() => (requests.length = 0));

  const fastRetries = { retryPolicy: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } };

  it('retries a throttled invoke (429 TooManyRequestsException) and reads the REPORT line from the log tail', async () => {
    let calls = 0;
    route = (request) => {
      if (!request.url!.endsWith('/invocations')) return { status: 404 };
      calls += 1;
      if (calls <= 2) return awsError(429, 'TooManyRequestsException', 'Rate Exceeded.');
      return { status: 200, headers: { 'x-amz-log-result': Buffer.from(reportLine(512, 'Init Duration: 80.10 ms')).toString('base64'), 'x-amz-executed-version': '$LATEST' }, body: '{"ok":true}' };
    };
    const retries: number[] = [];
    const port = sdkLambdaPort(clients.lambda, { region: 'us-east-1', ...fastRetries, retryHooks: { onRetry: (event) => retries.push(event.attempt) } });
    const outcome = await port.invoke('fn', new TextEncoder().encode('{}'), 512);
    assert.deepEqual(retries, [1, 2]);
    assert.equal(calls, 3, 'the SDK made no retries of its own');
    assert.equal(outcome.report.durationMs, 12.5);
    assert.equal(outcome.report.initDurationMs, 80.1);
  });

  it('gives up with DAGC0261 when 5xx errors outlast the retries', async () => {
    route = () => awsError(503, 'ServiceException', 'Lambda is unavailable');
    const port = sdkLambdaPort(clients.lambda, { region: 'us-east-1', ...fastRetries });
    await assert.rejects(port.invoke('fn', new Uint8Array(), 128), (error) => error instanceof DagcUserError && error.diagnostics[0]!.code === 'DAGC0261');
    assert.equal(requests.length, 4);
  });

  it('turns a missing function into DAGC0257 and a refused memory size into a refusal, not a crash', async () => {
    route = (request) =>
      request.method === 'PUT'
        ? awsError(400, 'InvalidParameterValueException', "'MemorySize' value failed to satisfy constraint")
        : awsError(404, 'ResourceNotFoundException', 'Function not found');
    const port = sdkLambdaPort(clients.lambda, { region: 'us-east-1', ...fastRetries });
    await assert.rejects(port.getConfig('ghost'), (error) => error instanceof DagcUserError && error.diagnostics[0]!.code === 'DAGC0257');
    const refused = await port.setMemory('fn', 20000);
    assert.equal(refused.accepted, false);
  });

  it('waits for the update with GetFunction before invoking at a new size', async () => {
    let updated = 0;
    route = (request) => {
      if (request.method === 'PUT') return { status: 200, body: JSON.stringify({ FunctionName: 'fn', MemorySize: 1024, LastUpdateStatus: 'InProgress' }) };
      updated += 1;
      const status = updated < 2 ? 'InProgress' : 'Successful';
      return { status: 200, body: JSON.stringify({ Configuration: { FunctionName: 'fn', MemorySize: 1024, State: 'Active', LastUpdateStatus: status } }) };
    };
    const port = sdkLambdaPort(clients.lambda, { region: 'us-east-1', ...fastRetries });
    assert.deepEqual(await port.setMemory('fn', 1024), { accepted: true });
    assert.ok(requests.filter((r) => r.startsWith('GET /2015-03-31/functions/fn')).length >= 2);
  });
});

describe('reading an invocation outcome', () => {
  it('marks a timeout that older runtimes report only in the response', () => {
    const report = outcomeFromResponse(reportLine(128), 'Unhandled', '{"errorMessage":"2024-01-01T00:00:00Z abc Task timed out after 3.00 seconds"}', 128);
    assert.equal(report.status, 'timeout');
  });

  it('marks a handler error with its error type', () => {
    const report = outcomeFromResponse(reportLine(128), 'Unhandled', '{"errorType":"TypeError","errorMessage":"x is undefined"}', 128);
    assert.equal(report.status, 'error');
    assert.equal(report.errorType, 'TypeError');
  });

  it('keeps a paid invocation with no REPORT line as an error sample', () => {
    const report = outcomeFromResponse('START RequestId: r1\n', undefined, '{}', 256);
    assert.deepEqual([report.status, report.memorySizeMb, report.errorType], ['error', 256, 'dagc.NoReportLine']);
  });
});
