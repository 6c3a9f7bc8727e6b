// The emulator's own routes, under /__emulator/, for tests and tools that are
// not in the emulator's process. Not part of any AWS API. Errors are
// `{ "message": … }` with status 400 or 404.
//   POST   /__emulator/faults             body: a Fault ({"kind":"throttle","functionName":"f","count":2}) → 201
//   GET    /__emulator/faults             pending faults
//   DELETE /__emulator/faults             clears them
//   GET    /__emulator/status             CPU limit mode, concurrency limit, functions, environments, faults
//   PUT    /__emulator/concurrency        body: {"limit": 10}: account-level concurrent executions
//   GET    /__emulator/functions/<name>   where the function's code lives (GetFunction's Code.Location)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUserError } from '../diagnostics/diagnostic.ts';
import type { AwsApiError } from './aws-error.ts';
import { parseFault, type Fault } from './faults.ts';
import { parseJsonObject, readBody, sendJson } from './http-util.ts';

export const ADMIN_PREFIX = '/__emulator/';

export interface AdminContext {
  status(): unknown;
  faults(): unknown[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  setConcurrencyLimit(limit: number): void;
  /** Throws an AwsApiError when the function does not exist. */
  codeOf(functionName: string): unknown;
}

export async function handleAdminRequest(admin: AdminContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const route = `${request.method} ${url.pathname.slice(ADMIN_PREFIX.length)}`;
  try {
    await dispatch(admin, route, request, response);
  } catch (error) {
    if (isUserError(error)) return sendJson(response, 400, { message: error.diagnostics.map((d) => d.message).join('; ') });
    const apiError = error as AwsApiError;
    if (typeof apiError.statusCode === 'number') return sendJson(response, apiError.statusCode, { message: apiError.message });
    throw error;
  }
}

async function dispatch(admin: AdminContext, route: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  switch (route) {
    case 'GET status':
      return sendJson(response, 200, admin.status());
    case 'GET faults':
      return sendJson(response, 200, { faults: admin.faults() });
    case 'DELETE faults':
      admin.clearFaults();
      return sendJson(response, 200, { faults: [] });
    case 'POST faults': {
      const fault = parseFault(await body(request));
      admin.injectFault(fault);
      return sendJson(response, 201, { fault });
    }
    case 'PUT concurrency': {
      const limit = (await body(request)).limit;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) return sendJson(response, 400, { message: 'limit must be a whole number ≥ 0' });
      admin.setConcurrencyLimit(limit);
      return sendJson(response, 200, { limit });
    }
  }
  const code = /^GET functions\/([^/]+)$/.exec(route);
  if (code) return sendJson(response, 200, admin.codeOf(decodeURIComponent(code[1]!)));
  sendJson(response, 404, { message: `no emulator route ${route}` });
}

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  return parseJsonObject(await readBody(request)) ?? {};
}
