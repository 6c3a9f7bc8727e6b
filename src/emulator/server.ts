// startEmulator: the local Lambda + CloudWatch Logs endpoint. One HTTP server
// on 127.0.0.1 routes /__emulator/* to the admin routes, requests carrying
// `X-Amz-Target: Logs_20140328.*` to CloudWatch Logs, and everything else to
// the Lambda REST API. The SDK clients need only `endpoint` (and any
// credentials: signatures are not checked). Functions come from
// CreateFunction (a zip) or from registerFunction (a handler file in place,
// Active at once). close() kills every worker and removes what the emulator
// created on disk (extracted code, cgroups).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../diagnostics/emulator.ts';
import type { Architecture } from '../ir/types.ts';
import { LAMBDA_LIMITS, OVERHEADS } from '../model/platform.ts';
import { ADMIN_PREFIX, handleAdminRequest, type AdminContext } from './admin-routes.ts';
import { AwsApiError, lambdaErrorBody, logsErrorBody } from './aws-error.ts';
import { CodeStore } from './code-store.ts';
import type { CpuLimitMode } from './cpu-limit/cpu-limiter.ts';
import { selectCpuLimiter, type CpuLimitPreference } from './cpu-limit/select-cpu-limiter.ts';
import { EnvironmentPools, type EnvironmentSnapshot } from './environment-pool.ts';
import { FaultInjector, type FaultSpec } from './faults.ts';
import { FunctionRegistry, LATEST } from './function-registry.ts';
import { sendJson } from './http-util.ts';
import { Invoker } from './invoker.ts';
import { handleLambdaRequest } from './lambda-routes.ts';
import { LogStore } from './log-store.ts';
import { handleLogsRequest, isLogsRequest } from './logs-routes.ts';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  region?: string;
  accountId?: string;
  /** Idle environments are killed after this long (default: Lambda's typical idle lifetime). */
  idleTimeoutMs?: number;
  /** How long API-created functions stay Pending and updates InProgress (default 500 ms). */
  transitionMs?: number;
  /** How CPU is limited: cgroup quota when allowed, else duty cycle (default 'auto'). */
  cpuLimit?: CpuLimitPreference;
  /** Account-level concurrent executions; more in flight are throttled. */
  concurrencyLimit?: number;
  /** RSS watchdog period (default 20 ms; 0 turns the memory limit off). */
  memoryPollMs?: number;
  /** Stop idle workers between invocations, as Lambda freezes sandboxes (default true). */
  freezeWhenIdle?: boolean;
  /** Cold starts bill the init phase (Lambda since August 2025; default true). */
  billInitPhase?: boolean;
}

export interface RegisterFunctionInput {
  name: string;
  /** The handler module (.mjs/.js); it runs in place, from its own folder. */
  handlerPath: string;
  /** Named export to call (default `handler`). */
  exportName?: string;
  memoryMb?: number;
  timeoutMs?: number;
  architecture?: Architecture;
  env?: Record<string, string>;
  runtime?: string;
}

export interface Emulator {
  /** http://127.0.0.1:<port> — pass it as `endpoint` to the SDK clients. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly cpuLimitMode: CpuLimitMode;
  registerFunction(input: RegisterFunctionInput): void;
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setConcurrencyLimit(limit: number): void;
  environments(): EnvironmentSnapshot[];
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_TRANSITION_MS = 500;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  let concurrencyLimit = options.concurrencyLimit ?? LAMBDA_LIMITS.accountConcurrency;
  const cpu = selectCpuLimiter(options.cpuLimit ?? 'auto');
  const pools = new EnvironmentPools(options.idleTimeoutMs ?? OVERHEADS.idleEnvironmentLifetimeMs);
  const logs = new LogStore();
  const faults = new FaultInjector();
  const code = new CodeStore();
  const registry: FunctionRegistry = new FunctionRegistry({
    region,
    accountId,
    transitionMs: options.transitionMs ?? DEFAULT_TRANSITION_MS,
    onServingChange: (name, version) => {
      const current = registry.has(name) ? currentGeneration(registry, name, version) : undefined;
      pools.retire(name, version, current);
    },
  });
  const invoker = new Invoker(registry, pools, logs, faults, {
    region,
    cpu,
    memoryPollMs: options.memoryPollMs ?? 20,
    freezeWhenIdle: options.freezeWhenIdle ?? true,
    billInitPhase: options.billInitPhase ?? true,
    concurrencyLimit: () => concurrencyLimit,
  });
  let endpoint = '';
  const admin: AdminContext = {
    status: () => ({
      cpuLimitMode: cpu.mode,
      concurrencyLimit,
      functions: registry.list().map((record) => ({ name: record.name, state: record.status.state, lastUpdateStatus: record.status.lastUpdateStatus })),
      environments: pools.snapshot(),
      faults: faults.pending(),
    }),
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    setConcurrencyLimit: (limit) => {
      concurrencyLimit = limit;
    },
    codeOf: (name) => {
      const fn = registry.get(name).latest;
      return { functionName: name, rootDir: fn.code.rootDir, codeSha256: fn.code.sha256Base64 };
    },
  };

  const server = createServer((request, response) => {
    void route(request, response);
  });
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const logsRequest = isLogsRequest(request);
    try {
      if (url.pathname.startsWith(ADMIN_PREFIX)) await handleAdminRequest(admin, request, response, url);
      else if (logsRequest) await handleLogsRequest(logs, request, response);
      else await handleLambdaRequest({ registry, invoker, code, region, accountId, endpoint: () => endpoint }, request, response, url);
    } catch (error) {
      const apiError = error instanceof AwsApiError ? error : new AwsApiError('ServiceException', 500, `dagc emulator bug: ${(error as Error).stack ?? String(error)}`);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const headers: Record<string, string> = logsRequest ? { 'Content-Type': 'application/x-amz-json-1.1' } : { 'x-amzn-ErrorType': apiError.code };
      sendJson(response, apiError.statusCode, logsRequest ? logsErrorBody(apiError) : lambdaErrorBody(apiError), { ...headers, ...apiError.headers });
    }
  };

  const port = await listen(server, host, options.port ?? 0);
  endpoint = `http://${host}:${port}`;
  const killOnExit = (): void => pools.killAllNow();
  process.on('exit', killOnExit);

  return {
    endpoint,
    port,
    region,
    cpuLimitMode: cpu.mode,
    registerFunction(input) {
      const settings = validateRegistration(input, registry);
      registry.create(input.name, code.fromHandlerFile(path.resolve(input.handlerPath)), settings, 0);
    },
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    setConcurrencyLimit: (limit) => {
      concurrencyLimit = limit;
    },
    environments: () => pools.snapshot(),
    async close() {
      process.off('exit', killOnExit);
      registry.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await invoker.drain().catch(() => {});
      await pools.closeAll();
      cpu.close();
      code.close();
    },
  };
}

function currentGeneration(registry: FunctionRegistry, name: string, version: string): number | undefined {
  const record = registry.get(name);
  if (version === LATEST) return record.serving.generation;
  return record.versions.get(version)?.generation;
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new DagcUserError([emulatorDiagnostics.cannotListen(host, port, error.code ?? error.message)])));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function validateRegistration(input: RegisterFunctionInput, registry: FunctionRegistry) {
  const problems: Diagnostic[] = [];
  const memoryMb = input.memoryMb ?? LAMBDA_LIMITS.minMemoryMb;
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.name)) problems.push(emulatorDiagnostics.badFunctionName(input.name));
  if (registry.has(input.name)) problems.push(emulatorDiagnostics.duplicateFunction(input.name));
  if (!existsSync(input.handlerPath) || !statSync(input.handlerPath).isFile()) problems.push(emulatorDiagnostics.handlerFileMissing(input.name, input.handlerPath));
  if (!Number.isInteger(memoryMb) || memoryMb < LAMBDA_LIMITS.minMemoryMb || memoryMb > LAMBDA_LIMITS.maxMemoryMb) {
    problems.push(emulatorDiagnostics.memoryOutOfRange(input.name, memoryMb, LAMBDA_LIMITS.minMemoryMb, LAMBDA_LIMITS.maxMemoryMb));
  }
  if (!(timeoutMs > 0 && timeoutMs <= LAMBDA_LIMITS.maxTimeoutMs)) problems.push(emulatorDiagnostics.timeoutOutOfRange(input.name, timeoutMs, LAMBDA_LIMITS.maxTimeoutMs));
  if (problems.length > 0) throw new DagcUserError(problems);
  const exportName = input.exportName ?? 'handler';
  return {
    handler: `${path.basename(input.handlerPath).replace(/\.[^.]+$/, '')}.${exportName}`,
    runtime: input.runtime ?? 'nodejs20.x',
    memoryMb,
    timeoutMs,
    architecture: input.architecture ?? 'x86_64',
    env: { ...input.env },
    description: `registered from ${input.handlerPath}`,
    role: 'arn:aws:iam::000000000000:role/dagc-emulator',
  };
}
