// The emulator's state and behaviour, independent of HTTP: registered
// functions, their pools of execution environments, invocation (cold or warm,
// limits, faults, log lines), configuration changes, and the logs.
// Pools: an invocation takes an idle environment of the function's current
// revision (warm) or starts a new one (cold); environments idle longer than
// idleTimeoutMs are killed; a configuration change retires all of them.
import { randomUUID, createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../diagnostics/emulator.ts';
import { Environment, type RawInvocation } from './environment.ts';
import { FaultQueue, type Fault } from './faults.ts';
import { functionArn, lambdaTimestamp } from './function-config.ts';
import { LAMBDA_LIMITS } from '../model/platform.ts';
import { LogStore } from './log-store.ts';
import { endLine, reportLine, startLine, timeoutMessage } from './report-line.ts';
import type { FunctionRegistration, FunctionState, InvocationOutcome } from './types.ts';

export interface EmulatorOptions {
  /** Idle environments are killed after this long (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Account-level concurrency: invocations in flight beyond this get 429 (default 1000). */
  concurrencyLimit?: number;
  /** How long LastUpdateStatus stays InProgress after a configuration change (default 100 ms). */
  updateDelayMs?: number;
}

export class ThrottledError extends Error {
  constructor(readonly reason: string) {
    super('Rate Exceeded.');
  }
}
export class ServiceFaultError extends Error {}

export class EmulatorCore {
  readonly logs = new LogStore();
  readonly faults = new FaultQueue();
  private readonly functions = new Map<string, FunctionState>();
  private readonly pools = new Map<string, Environment[]>();
  private inFlight = 0;
  private readonly sweeper: NodeJS.Timeout;
  private readonly idleTimeoutMs: number;
  private readonly concurrencyLimit: number;
  private readonly updateDelayMs: number;

  constructor(options: EmulatorOptions = {}) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 300_000;
    this.concurrencyLimit = options.concurrencyLimit ?? 1000;
    this.updateDelayMs = options.updateDelayMs ?? 100;
    this.sweeper = setInterval(() => this.sweepIdle(), Math.max(10, Math.min(1000, this.idleTimeoutMs / 4)));
    this.sweeper.unref();
  }

  register(registration: FunctionRegistration, code?: { sha256: string; size: number; dir?: string }): FunctionState {
    if (this.functions.has(registration.name)) throw new DagcUserError([emulatorDiagnostics.duplicateFunction(registration.name)]);
    const handlerPath = resolvePath(registration.handlerPath);
    if (!existsSync(handlerPath)) throw new DagcUserError([emulatorDiagnostics.handlerFileMissing(registration.name, handlerPath)]);
    validateLimits(registration.name, registration.memoryMb, registration.timeoutMs);
    const state: FunctionState = {
      config: {
        name: registration.name,
        handlerPath,
        handlerExport: registration.handlerExport ?? 'handler',
        memoryMb: registration.memoryMb,
        timeoutMs: registration.timeoutMs,
        architecture: registration.architecture,
        env: { ...(registration.env ?? {}) },
      },
      revision: 1,
      lastModified: lambdaTimestamp(new Date()),
      lastUpdateStatus: 'Successful',
      codeSha256: code?.sha256 ?? createHash('sha256').update(handlerPath).digest('base64'),
      codeSize: code?.size ?? 0,
    };
    if (code?.dir !== undefined) state.codeDir = code.dir;
    this.functions.set(registration.name, state);
    this.pools.set(registration.name, []);
    this.logs.createGroup(`/aws/lambda/${registration.name}`);
    return state;
  }

  get(name: string): FunctionState | undefined {
    return this.functions.get(name);
  }

  list(): FunctionState[] {
    return [...this.functions.values()].sort((a, b) => (a.config.name < b.config.name ? -1 : 1));
  }

  delete(name: string): boolean {
    const state = this.functions.get(name);
    if (!state) return false;
    this.retire(name, true);
    this.functions.delete(name);
    this.pools.delete(name);
    if (state.codeDir) rmSync(state.codeDir, { recursive: true, force: true });
    return true;
  }

  /** Applies a configuration change: retires environments, InProgress → Successful. */
  update(name: string, change: Partial<Pick<FunctionState['config'], 'memoryMb' | 'timeoutMs' | 'architecture' | 'env'>>): FunctionState {
    const state = this.functions.get(name)!;
    validateLimits(name, change.memoryMb ?? state.config.memoryMb, change.timeoutMs ?? state.config.timeoutMs);
    state.config = { ...state.config, ...change };
    state.revision += 1;
    state.lastModified = lambdaTimestamp(new Date());
    state.lastUpdateStatus = 'InProgress';
    this.retire(name);
    const revision = state.revision;
    setTimeout(() => {
      if (state.revision === revision) state.lastUpdateStatus = 'Successful';
    }, this.updateDelayMs).unref();
    return state;
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  async invoke(name: string, event: unknown): Promise<InvocationOutcome> {
    const state = this.functions.get(name)!;
    const fault = this.faults.take(name);
    if (fault?.kind === 'throttle') throw new ThrottledError('CallerRateLimitExceeded');
    if (fault?.kind === 'serviceError') throw new ServiceFaultError('The emulator was told to fail this request (injected fault).');
    if (this.inFlight >= this.concurrencyLimit) throw new ThrottledError('ConcurrentInvocationLimitExceeded');
    this.inFlight += 1;
    try {
      return await this.runInvocation(state, event, fault);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async runInvocation(state: FunctionState, event: unknown, fault: Fault | undefined): Promise<InvocationOutcome> {
    const requestId = randomUUID();
    const config = state.config;
    const group = `/aws/lambda/${config.name}`;
    const pool = this.pools.get(config.name)!;
    let environment = pool.find((candidate) => !candidate.busy && !candidate.dead && candidate.revision === state.revision);
    let initDurationMs: number | undefined;
    if (environment) {
      environment.busy = true;
    } else {
      const started = await Environment.start(state);
      initDurationMs = started.initDurationMs;
      if ('initError' in started) {
        const stream = streamName(`init${requestId.slice(0, 8)}`);
        const lines = [
          `${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(started.initError)}`,
          `INIT_REPORT Init Duration: ${started.initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: error\tError Type: ${started.initError.errorType}`,
        ];
        this.logs.append(group, stream, lines, Date.now());
        return { requestId, payload: JSON.stringify({ errorType: started.initError.errorType, errorMessage: started.initError.errorMessage }), functionError: 'Unhandled', logLines: lines, reportLine: '', durationMs: 0, initDurationMs, maxMemoryUsedMb: 0, status: 'error' };
      }
      environment = started.environment;
      environment.busy = true;
      pool.push(environment);
    }
    const startedAt = Date.now();
    const request = { requestId, event, functionArn: functionArn(config.name), hang: fault?.kind === 'timeout' };
    const raw = await environment.invoke(fault?.kind === 'crash' ? { ...request, crashAfterMs: fault.afterMs ?? 0 } : request);
    environment.busy = false;
    if (environment.dead || environment.revision !== state.revision) this.dropEnvironment(config.name, environment);
    const outcome = this.describe(state, requestId, raw, initDurationMs);
    this.logs.append(group, streamName(environment.id), outcome.logLines, startedAt);
    return outcome;
  }

  private describe(state: FunctionState, requestId: string, raw: RawInvocation, initDurationMs: number | undefined): InvocationOutcome {
    const config = state.config;
    const timedOut = raw.result.kind === 'timeout';
    const durationMs = timedOut ? config.timeoutMs : raw.durationMs;
    const maxMemoryUsedMb = Math.min(Math.ceil(raw.peakMemoryMb), raw.result.kind === 'crash' ? Number.POSITIVE_INFINITY : config.memoryMb);
    const lines = [startLine(requestId), ...raw.handlerLines];
    let payload: string;
    let status: 'timeout' | 'error' | undefined;
    let errorType: string | undefined;
    switch (raw.result.kind) {
      case 'ok':
        payload = raw.result.payload;
        break;
      case 'error':
        payload = JSON.stringify({ errorType: raw.result.error.errorType, errorMessage: raw.result.error.errorMessage, trace: raw.result.error.trace ?? [] });
        break;
      case 'timeout': {
        const message = timeoutMessage(requestId, config.timeoutMs, new Date());
        lines.push(message);
        payload = JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: message });
        status = 'timeout';
        break;
      }
      case 'crash':
        lines.push(`${new Date().toISOString()} ${raw.result.errorMessage}`);
        payload = JSON.stringify({ errorType: raw.result.errorType, errorMessage: raw.result.errorMessage });
        status = 'error';
        errorType = raw.result.errorType;
        break;
    }
    const report = reportLine({ requestId, durationMs, memorySizeMb: config.memoryMb, maxMemoryUsedMb, ...(initDurationMs !== undefined ? { initDurationMs } : {}), ...(status ? { status } : {}), ...(errorType ? { errorType } : {}) });
    lines.push(endLine(requestId), report);
    const outcome: InvocationOutcome = { requestId, payload, logLines: lines, reportLine: report, durationMs, maxMemoryUsedMb };
    if (raw.result.kind !== 'ok') outcome.functionError = 'Unhandled';
    if (initDurationMs !== undefined) outcome.initDurationMs = initDurationMs;
    if (status) outcome.status = status;
    return outcome;
  }

  /** Kills idle environments of a function and marks busy ones to retire when done. */
  private retire(name: string, includingBusy = false): void {
    const pool = this.pools.get(name) ?? [];
    for (const environment of [...pool]) if (includingBusy || !environment.busy) this.dropEnvironment(name, environment);
  }

  private dropEnvironment(name: string, environment: Environment): void {
    environment.kill();
    const pool = this.pools.get(name);
    const index = pool ? pool.indexOf(environment) : -1;
    if (pool && index >= 0) pool.splice(index, 1);
  }

  private sweepIdle(): void {
    const now = Date.now();
    for (const [name, pool] of this.pools) {
      for (const environment of [...pool]) {
        if (!environment.busy && now - environment.lastUsedAt > this.idleTimeoutMs) this.dropEnvironment(name, environment);
      }
    }
  }

  environmentCount(name: string): number {
    return this.pools.get(name)?.length ?? 0;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const name of [...this.functions.keys()]) this.delete(name);
  }
}

function streamName(environmentId: string): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${environmentId}`;
}

function validateLimits(name: string, memoryMb: number, timeoutMs: number): void {
  if (!Number.isInteger(memoryMb) || memoryMb < LAMBDA_LIMITS.minMemoryMb || memoryMb > LAMBDA_LIMITS.maxMemoryMb) throw new DagcUserError([emulatorDiagnostics.badMemory(name, memoryMb)]);
  if (!(timeoutMs > 0 && timeoutMs <= LAMBDA_LIMITS.maxTimeoutMs)) throw new DagcUserError([emulatorDiagnostics.badTimeout(name, timeoutMs)]);
}
