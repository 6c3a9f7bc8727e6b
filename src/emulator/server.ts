// startEmulator: the HTTP server on loopback that the real AWS SDK v3 clients
// talk to (endpoint override, any credentials), plus the programmatic API
// (registerFunction, injectFault, close). Routes: Lambda REST, CloudWatch
// Logs (by X-Amz-Target), and the /__emulator/faults admin route.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isUserError } from '../diagnostics/diagnostic.ts';
import { EmulatorCore, type EmulatorOptions } from './emulator-core.ts';
import { parseFault, type Fault } from './faults.ts';
import { routeLambda } from './http-lambda.ts';
import { routeLogs } from './http-logs.ts';
import { readBody, sendJson, sendRestError } from './http-util.ts';
import type { FunctionRegistration } from './types.ts';

export interface StartEmulatorOptions extends EmulatorOptions {
  /** 0 (default) picks any free port. */
  port?: number;
  host?: string;
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  core: EmulatorCore;
  registerFunction(registration: FunctionRegistration): void;
  injectFault(fault: Fault): void;
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const core = new EmulatorCore(options);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    handle(core, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendRestError(response, 500, 'ServiceException', error instanceof Error ? error.message : String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    core,
    registerFunction: (registration) => {
      core.register(registration);
    },
    injectFault: (fault) => core.injectFault(fault),
    close: async () => {
      core.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(core: EmulatorCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/__emulator/faults') {
    await handleFaults(core, request, response);
    return;
  }
  if (await routeLogs(core.logs, request, response)) return;
  if (await routeLambda(core, request, response, path)) return;
  sendRestError(response, 404, 'UnknownOperationException', `${request.method} ${path} is not emulated`);
}

async function handleFaults(core: EmulatorCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET') {
    sendJson(response, 200, { faults: core.faults.list() });
  } else if (request.method === 'DELETE') {
    core.faults.clear();
    sendJson(response, 200, { faults: [] });
  } else {
    try {
      const fault = parseFault(JSON.parse((await readBody(request)).toString('utf8') || '{}'));
      core.injectFault(fault);
      sendJson(response, 201, { fault });
    } catch (error) {
      const message = isUserError(error) ? error.diagnostics.map((d) => d.message).join('; ') : 'body is not JSON';
      sendJson(response, 400, { message });
    }
  }
}
