// Invoke, end to end: admission (faults, throttling by reserved and account
// concurrency, payload checks), picking a warm environment or starting a cold
// one, running the event, and writing the log lines Lambda writes around it
// (INIT_START on a cold start, START, the handler's output, the timeout
// message, END, REPORT) to the function's log group. Returns what the Invoke
// API returns: status, payload, FunctionError, the base64 log tail.
import { randomBytes, randomUUID } from 'node:crypto';
import { LAMBDA_LIMITS } from '../model/platform.ts';
import { lambdaErrors } from './aws-error.ts';
import type { CpuLimiter } from './cpu-limit/cpu-limiter.ts';
import type { Supervisor } from './supervisor.ts';
import type { EnvironmentPools } from './environment-pool.ts';
import { ExecutionEnvironment, type ErrorDescription, type InvocationEnd } from './execution-environment.ts';
import type { Fault, FaultQueue } from './faults.ts';
import { logGroupName, type FunctionVersion } from './function-config.ts';
import type { FunctionRegistry } from './function-registry.ts';
import { resolveHandlerModule } from './handler-module.ts';
import type { LogStore } from './log-store.ts';
import { endLine, initStartLine, reportLine, startLine, timeoutLine } from './report-line.ts';

type InvocationStatus = 'success' | 'timeout' | 'error';
import { newLogStreamName, workerEnvironment } from './worker-environment.ts';

/** Invoke returns at most the last 4 KB of the invocation's log (X-Amz-Log-Result). */
const LOG_TAIL_BYTES = 4 * 1024;

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeInput {
  functionName: string;
  qualifier?: string;
  payload: Buffer;
  invocationType?: InvocationType;
  tailLog?: boolean;
}

export interface InvokeOutput {
  statusCode: number;
  payload: Buffer;
  functionError?: 'Unhandled';
  /** Base64 of the log tail, when asked for. */
  logResult?: string;
  executedVersion: string;
  requestId: string;
}

export interface InvokerOptions {
  region: string;
  cpu: CpuLimiter;
  supervisor: Supervisor;
  memoryPollMs: number;
  freezeWhenIdle: boolean;
  billInitPhase: boolean;
  /** Account-level concurrent executions. */
  concurrencyLimit: () => number;
}

export class Invoker {
  private inFlightTotal = 0;
  private readonly inFlight = new Map<string, number>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly registry: FunctionRegistry,
    private readonly pools: EnvironmentPools,
    private readonly logs: LogStore,
    private readonly faults: FaultQueue,
    private readonly options: InvokerOptions,
  ) {}

  async invoke(input: InvokeInput): Promise<InvokeOutput> {
    const fn = this.registry.servingVersion(input.functionName, input.qualifier);
    if (input.payload.length > LAMBDA_LIMITS.syncPayloadBytes) throw lambdaErrors.requestTooLarge(LAMBDA_LIMITS.syncPayloadBytes);
    const eventJson = input.payload.length === 0 ? '{}' : input.payload.toString('utf8');
    try {
      JSON.parse(eventJson);
    } catch (error) {
      throw lambdaErrors.invalidRequestContent(`Could not parse request body into json: ${(error as Error).message}`);
    }
    const requestId = randomUUID();
    const base = { executedVersion: fn.version, requestId };
    if (input.invocationType === 'DryRun') return { ...base, statusCode: 204, payload: Buffer.alloc(0) };
    const fault = this.faults.take(fn.functionName);
    if (fault?.kind === 'throttle') throw lambdaErrors.throttled('CallerRateLimitExceeded');
    if (fault?.kind === 'serviceError') throw lambdaErrors.serviceError();
    this.admit(fn.functionName);
    const run = this.run(fn, requestId, eventJson, fault).finally(() => this.leave(fn.functionName));
    if (input.invocationType === 'Event') {
      this.background.add(run);
      void run.finally(() => this.background.delete(run));
      return { ...base, statusCode: 202, payload: Buffer.alloc(0) };
    }
    const outcome = await run;
    const output: InvokeOutput = { ...base, statusCode: 200, payload: outcome.payload };
    if (outcome.functionError) output.functionError = 'Unhandled';
    if (input.tailLog) output.logResult = Buffer.from(outcome.log, 'utf8').subarray(-LOG_TAIL_BYTES).toString('base64');
    return output;
  }

  /** Lets Event (asynchronous) invocations finish. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  private admit(functionName: string): void {
    const reserved = this.registry.get(functionName).reservedConcurrency;
    const current = this.inFlight.get(functionName) ?? 0;
    if (reserved !== undefined && current >= reserved) throw lambdaErrors.throttled('ReservedFunctionConcurrentInvocationLimitExceeded');
    if (this.inFlightTotal >= this.options.concurrencyLimit()) throw lambdaErrors.throttled('ConcurrentInvocationLimitExceeded');
    this.inFlight.set(functionName, current + 1);
    this.inFlightTotal += 1;
  }

  private leave(functionName: string): void {
    this.inFlight.set(functionName, (this.inFlight.get(functionName) ?? 1) - 1);
    this.inFlightTotal -= 1;
  }

  private async run(fn: FunctionVersion, requestId: string, eventJson: string, fault: Fault | undefined): Promise<{ payload: Buffer; functionError: boolean; log: string }> {
    const group = logGroupName(fn.functionName);
    let tail = '';
    let env = this.pools.claimIdle(fn.functionName, fn.version, fn.generation);
    let initDurationMs: number | undefined;
    const writer = (stream: string) => (message: string, timestampMs: number) => {
      this.logs.append(group, stream, timestampMs, message);
      tail += message;
    };
    if (!env) {
      env = this.startEnvironment(fn);
      const write = writer(env.spec.logStreamName);
      env.logSink = write;
      write(initStartLine(fn.settings.runtime, this.options.region), Date.now());
      const init = await env.init();
      if (!init.ok) {
        this.pools.release(env);
        write(startLine(requestId, fn.version), Date.now());
        write(endLine(requestId), Date.now());
        write(this.report(fn, requestId, 0, env.maxMemoryUsedMb, init.initDurationMs, 'error', init.error.errorType), Date.now());
        return { payload: errorPayload(init.error), functionError: true, log: tail };
      }
      initDurationMs = init.initDurationMs;
    }
    const write = writer(env.spec.logStreamName);
    env.logSink = write;
    write(startLine(requestId, fn.version), Date.now());
    const request = { requestId, eventJson, invokedFunctionArn: this.registry.arn(fn.functionName, fn.version === '$LATEST' ? undefined : fn.version) };
    const result = await env.invoke({
      ...request,
      ...(fault?.kind === 'timeout' ? { hang: true } : {}),
      ...(fault?.kind === 'crash' ? { crashAfterMs: fault.afterMs ?? 0 } : {}),
    });
    const { end } = result;
    let payload = responsePayload(end, requestId, fn.settings.timeoutMs);
    let functionError = end.kind !== 'success';
    if (end.kind === 'success' && payload.length > LAMBDA_LIMITS.syncPayloadBytes) {
      payload = errorPayload({
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_LIMITS.syncPayloadBytes} bytes).`,
        trace: [],
      });
      functionError = true;
    }
    if (end.kind === 'timeout') write(timeoutLine(Date.now(), requestId, fn.settings.timeoutMs), Date.now());
    write(endLine(requestId), Date.now());
    const status: InvocationStatus = end.kind === 'timeout' ? 'timeout' : end.kind === 'crash' ? 'error' : 'success';
    write(this.report(fn, requestId, result.durationMs, result.maxMemoryUsedMb, initDurationMs, status, end.kind === 'crash' ? end.errorType : undefined), Date.now());
    // Later stray output of this environment still goes to its stream, not to this tail.
    env.logSink = (message, timestampMs) => this.logs.append(group, env.spec.logStreamName, timestampMs, message);
    this.pools.release(env);
    return { payload, functionError, log: tail };
  }

  private startEnvironment(fn: FunctionVersion): ExecutionEnvironment {
    const stream = newLogStreamName(fn.version, new Date(), randomBytes(16).toString('hex'));
    const { moduleFile, exportName } = resolveHandlerModule(fn.code, fn.settings.handler);
    const env = new ExecutionEnvironment(
      {
        functionName: fn.functionName,
        version: fn.version,
        generation: fn.generation,
        memoryMb: fn.settings.memoryMb,
        timeoutMs: fn.settings.timeoutMs,
        moduleFile,
        exportName,
        handler: fn.settings.handler,
        rootDir: fn.code.rootDir,
        env: workerEnvironment(fn, this.options.region, stream),
        logStreamName: stream,
      },
      { cpu: this.options.cpu, supervisor: this.options.supervisor, memoryPollMs: this.options.memoryPollMs, freezeWhenIdle: this.options.freezeWhenIdle },
    );
    this.pools.add(env);
    return env;
  }

  private report(
    fn: FunctionVersion,
    requestId: string,
    durationMs: number,
    maxMemoryUsedMb: number,
    initDurationMs: number | undefined,
    status: InvocationStatus,
    errorType: string | undefined,
  ): string {
    return reportLine({
      requestId,
      durationMs,
      memorySizeMb: fn.settings.memoryMb,
      maxMemoryUsedMb,
      ...(initDurationMs !== undefined ? { initDurationMs } : {}),
      ...(status !== 'success' ? { status } : {}),
      ...(errorType !== undefined ? { errorType } : {}),
      billInitPhase: this.options.billInitPhase,
    });
  }
}

function responsePayload(end: InvocationEnd, requestId: string, timeoutMs: number): Buffer {
  switch (end.kind) {
    case 'success':
      return Buffer.from(end.payload, 'utf8');
    case 'handler-error':
      return errorPayload(end.error);
    case 'timeout':
      return Buffer.from(
        JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` }),
      );
    case 'crash':
      return Buffer.from(JSON.stringify({ errorType: end.errorType, errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${end.exitDescription}` }));
  }
}

function errorPayload(error: ErrorDescription): Buffer {
  return Buffer.from(JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, trace: error.trace }));
}

