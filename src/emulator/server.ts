// startEmulator: the local Lambda + CloudWatch Logs endpoint. One HTTP server
// on 127.0.0.1 routes /__emulator/* to the admin routes, requests carrying
// `X-Amz-Target: Logs_20140328.*` to CloudWatch Logs, and everything else to
// the Lambda REST API; `X-Amz-Target: AWSStepFunctions.*` reads the
// histories of runs recorded into it (recordExecution, sfn-routes.ts). The SDK clients need only `endpoint` (and any
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
import type { Clock } from './clock.ts';
import { FaultQueue, type Fault } from './faults.ts';
import type { FunctionSettings } from './function-config.ts';
import { FunctionRegistry, LATEST } from './function-registry.ts';
import { sendJson } from './http-util.ts';
import { Supervisor } from './supervisor.ts';
import { Invoker } from './invoker.ts';
import { handleLambdaRequest } from './lambda-routes.ts';
import { LogStore } from './log-store.ts';
import { handleLogsRequest, isLogsRequest } from './logs-routes.ts';
import { handleSfnRequest, isSfnRequest } from './sfn-routes.ts';
import { SfnStore, type RecordedExecution } from './sfn-store.ts';

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  region?: string;
  accountId?: string;
  /** Idle environments are killed after this long (default: the platform model's idle environment lifetime, 5 min). */
  idleTimeoutMs?: number;
  /** What idle time is read from (default the system clock; tests inject one they advance by hand, clock.ts). */
  clock?: Clock;
  /**
   * How long a function created through the API stays Pending, and an update
   * InProgress, before it is Active / Successful (default 100 ms; Lambda takes
   * seconds, which would only slow tests down). Functions from registerFunction are Active at once.
   */
  updateDelayMs?: number;
  /** How CPU is limited (default: DAGC_EMULATOR_CPU, else 'auto' = a cgroup quota when allowed, else the duty cycle). */
  cpuLimit?: CpuLimitPreference;
  /** Account-level concurrent executions; invocations beyond it get 429 (default: Lambda's default account limit). */
  concurrencyLimit?: number;
  /** RSS watchdog period (default 20 ms; 0 turns the memory limit off). */
  memoryPollMs?: number;
  /** Stop idle workers between invocations, as Lambda freezes sandboxes (default true). */
  freezeWhenIdle?: boolean;
  /** Bill the init phase on cold starts, as Lambda has since August 2025 (default false: the invocation only). */
  billInitPhase?: boolean;
}

export type EmulatedArchitecture = Architecture;

export interface FunctionRegistration {
  name: string;
  /** The handler module (.mjs/.js), absolute or relative to the working directory; it runs in place. */
  handlerPath: string;
  /** Named export to call (default `handler`). */
  handlerExport?: string;
  memoryMb: number;
  timeoutMs: number;
  architecture: EmulatedArchitecture;
  env?: Record<string, string>;
  /** Reported as Runtime (default nodejs20.x); the worker runs on the emulator's own Node. */
  runtime?: string;
}

export interface RunningEmulator {
  /** http://127.0.0.1:<port> — pass it as `endpoint` to the SDK clients. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly cpuLimitMode: CpuLimitMode;
  /** Serves a handler file under `name`, Active at once. Throws DagcUserError on bad input. */
  registerFunction(registration: FunctionRegistration): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  setConcurrencyLimit(limit: number): void;
  /** Every live execution environment, sorted by function, version, pid. */
  environments(): EnvironmentSnapshot[];
  /** Keeps a finished execution's history for the Step Functions read APIs (ListExecutions, GetExecutionHistory); returns its ARN. */
  recordExecution(execution: RecordedExecution): string;
  /** Expires idle environments now, as the periodic sweeper does (with an injected clock, after advancing it). */
  expireIdle(): void;
  /** Kills every worker (and waits for them), stops the server, removes temporary code and cgroups. */
  close(): Promise<void>;
}

const DEFAULT_UPDATE_DELAY_MS = 100;

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  let concurrencyLimit = options.concurrencyLimit ?? LAMBDA_LIMITS.accountConcurrency;
  const supervisor = new Supervisor();
  const cpu = selectCpuLimiter(options.cpuLimit ?? cpuLimitFromEnvironment(), supervisor);
  const pools = new EnvironmentPools(options.idleTimeoutMs ?? OVERHEADS.idleEnvironmentLifetimeMs, options.clock);
  const logs = new LogStore();
  const faults = new FaultQueue();
  const code = new CodeStore();
  const sfn = new SfnStore(region, accountId);
  const registry: FunctionRegistry = new FunctionRegistry({
    region,
    accountId,
    transitionMs: options.updateDelayMs ?? DEFAULT_UPDATE_DELAY_MS,
    onServingChange: (name, version) => {
      const current = registry.has(name) ? currentGeneration(registry, name, version) : undefined;
      pools.retire(name, version, current);
    },
  });
  const invoker = new Invoker(registry, pools, logs, faults, {
    region,
    cpu,
    supervisor,
    memoryPollMs: options.memoryPollMs ?? 20,
    freezeWhenIdle: options.freezeWhenIdle ?? true,
    billInitPhase: options.billInitPhase ?? false,
    concurrencyLimit: () => concurrencyLimit,
  });
  let endpoint = '';
  const admin: AdminContext = {
    status: () => ({
      cpuLimitMode: cpu.mode,
      concurrencyLimit,
      functions: registry.list().map((record) => ({ name: record.name, state: record.status.state, lastUpdateStatus: record.status.lastUpdateStatus })),
      environments: pools.snapshot(),
      faults: faults.list(),
    }),
    faults: () => faults.list(),
    injectFault: (fault) => faults.add(fault),
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
      else if (isSfnRequest(request)) await handleSfnRequest(sfn, request, response);
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
    registerFunction(registration) {
      const settings = validateRegistration(registration, registry);
      registry.create(registration.name, code.fromHandlerFile(path.resolve(registration.handlerPath)), settings, 0);
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setConcurrencyLimit: (limit) => {
      concurrencyLimit = limit;
    },
    environments: () => pools.snapshot(),
    recordExecution: (execution) => sfn.record(execution),
    expireIdle: () => pools.expireIdle(),
    async close() {
      process.off('exit', killOnExit);
      registry.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await invoker.drain().catch(() => {});
      await pools.closeAll();
      supervisor.close();
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

function validateRegistration(registration: FunctionRegistration, registry: FunctionRegistry): FunctionSettings {
  const { name, memoryMb, timeoutMs } = registration;
  const handlerPath = path.resolve(registration.handlerPath);
  const problems: Diagnostic[] = [];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) problems.push(emulatorDiagnostics.badFunctionName(name));
  if (registry.has(name)) problems.push(emulatorDiagnostics.duplicateFunction(name));
  if (!existsSync(handlerPath) || !statSync(handlerPath).isFile()) problems.push(emulatorDiagnostics.handlerFileMissing(name, handlerPath));
  if (!Number.isInteger(memoryMb) || memoryMb < LAMBDA_LIMITS.minMemoryMb || memoryMb > LAMBDA_LIMITS.maxMemoryMb) problems.push(emulatorDiagnostics.badMemory(name, memoryMb));
  if (!(timeoutMs > 0 && timeoutMs <= LAMBDA_LIMITS.maxTimeoutMs)) problems.push(emulatorDiagnostics.badTimeout(name, timeoutMs));
  if (problems.length > 0) throw new DagcUserError(problems);
  return {
    handler: `${path.basename(handlerPath).replace(/\.[^.]+$/, '')}.${registration.handlerExport ?? 'handler'}`,
    runtime: registration.runtime ?? 'nodejs20.x',
    memoryMb,
    timeoutMs,
    architecture: registration.architecture,
    env: { ...registration.env },
    description: `registered from ${handlerPath}`,
    role: 'arn:aws:iam::000000000000:role/dagc-emulator',
  };
}

/** DAGC_EMULATOR_CPU=auto|cgroup|duty-cycle|none (also `dutycycle`) picks the CPU limit for every emulator in the process. */
export function cpuLimitFromEnvironment(): CpuLimitPreference {
  const value = process.env.DAGC_EMULATOR_CPU;
  if (value === undefined || value === '') return 'auto';
  return parseCpuLimit(value === 'dutycycle' ? 'duty-cycle' : value);
}

export function parseCpuLimit(value: string): CpuLimitPreference {
  const modes: readonly CpuLimitPreference[] = ['auto', 'cgroup', 'duty-cycle', 'none'];
  if (!modes.includes(value as CpuLimitPreference)) throw new DagcUserError([emulatorDiagnostics.badCpuLimit(value)]);
  return value as CpuLimitPreference;
}
