// The emulator's own routes, under /__emulator/, for tests and operators that
// are not in the same process: inspect state, inject and clear faults, set
// the account concurrency limit. Not part of any AWS API.
//   GET    /__emulator/status             functions, environments, faults, limits
//   POST   /__emulator/faults             body: FaultSpec ({"kind":"throttle","functionName":"f","times":2})
//   DELETE /__emulator/faults
//   PUT    /__emulator/concurrency        body: {"limit": 10}
//   GET    /__emulator/functions/<name>   where the function's code lives (GetFunction's Code.Location)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsApiError } from './aws-error.ts';
import type { FaultKind, FaultSpec } from './faults.ts';
import { parseJsonObject, readBody, sendJson } from './http-util.ts';

export const ADMIN_PREFIX = '/__emulator/';
const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'service-error', 'timeout', 'crash'];

export interface AdminContext {
  status(): unknown;
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setConcurrencyLimit(limit: number): void;
  codeOf(functionName: string): unknown;
}

export async function handleAdminRequest(admin: AdminContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const route = `${request.method} ${url.pathname.slice(ADMIN_PREFIX.length)}`;
  if (route === 'GET status') return sendJson(response, 200, admin.status());
  if (route === 'DELETE faults') {
    admin.clearFaults();
    return sendJson(response, 204, undefined);
  }
  if (route === 'POST faults') {
    admin.injectFault(faultSpec(await body(request)));
    return sendJson(response, 201, { ok: true });
  }
  if (route === 'PUT concurrency') {
    const limit = (await body(request)).limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw badRequest('limit must be a whole number ≥ 0');
    admin.setConcurrencyLimit(limit);
    return sendJson(response, 200, { limit });
  }
  const code = /^GET functions\/([^/]+)$/.exec(route);
  if (code) return sendJson(response, 200, admin.codeOf(decodeURIComponent(code[1]!)));
  throw new AwsApiError('UnknownOperationException', 404, `no emulator route ${route}`);
}

function faultSpec(value: Record<string, unknown>): FaultSpec {
  const kind = value.kind as FaultKind;
  if (!FAULT_KINDS.includes(kind)) throw badRequest(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  const spec: FaultSpec = { kind };
  if (typeof value.functionName === 'string') spec.functionName = value.functionName;
  if (value.times === 'always' || (typeof value.times === 'number' && Number.isInteger(value.times) && value.times > 0)) spec.times = value.times;
  else if (value.times !== undefined) throw badRequest("times must be a positive whole number or 'always'");
  if (typeof value.afterMs === 'number' && value.afterMs >= 0) spec.afterMs = value.afterMs;
  return spec;
}

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parsed = parseJsonObject(await readBody(request));
  if (!parsed) throw badRequest('body must be a JSON object');
  return parsed;
}

function badRequest(message: string): AwsApiError {
  return new AwsApiError('InvalidRequestException', 400, message);
}
