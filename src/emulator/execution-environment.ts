// One execution environment: a forked Node process (worker/runner.mjs) that
// loads the handler module once (the cold start) and then serves invocations
// one at a time (warm reuse). It enforces what Lambda enforces on a sandbox:
// the CPU share of its memory (through a CpuLease, from the end of init on —
// Lambda is observed to run init unthrottled), the memory limit (an RSS
// watchdog over /proc, plus a V8 heap cap so the collector works before the
// watchdog has to kill), and the timeout (the process is killed). Between
// invocations the process is stopped (SIGSTOP), as Lambda freezes an idle
// sandbox, so timers a handler left behind do not run in the background.
// Every ending is an InvocationEnd; the caller writes the log lines.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CpuLease, CpuLimiter } from './cpu-limit/cpu-limiter.ts';
import type { Supervisor } from './supervisor.ts';
import { vcpuForMemory } from '../model/platform.ts';
import { kbToReportedMb, readMemory } from './memory-watch.ts';

const RUNNER = fileURLToPath(new URL('./worker/runner.mjs', import.meta.url));
/** Share of the memory size given to V8's old space. */
const HEAP_SHARE = 0.9;
/**
 * Lambda gives the init phase 10 s of its own, whatever the function's timeout
 * (a slower init is retried inside the invocation, under the function's
 * timeout); so init may take up to the longer of the two here.
 */
const INIT_TIMEOUT_MS = 10_000;

export interface ErrorDescription {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export interface EnvironmentSpec {
  functionName: string;
  version: string;
  /** Bumped by every configuration or code change; older environments are retired. */
  generation: number;
  memoryMb: number;
  timeoutMs: number;
  /** Absolute module file to import; undefined when the handler setting names no existing file. */
  moduleFile: string | undefined;
  exportName: string;
  handler: string;
  /** Working directory and LAMBDA_TASK_ROOT. */
  rootDir: string;
  /** Complete environment of the worker (Lambda's reserved variables included). */
  env: Record<string, string>;
  logStreamName: string;
}

export interface EnvironmentServices {
  cpu: CpuLimiter;
  /** Kills the worker if the emulator dies without closing. */
  supervisor: Supervisor;
  memoryPollMs: number;
  freezeWhenIdle: boolean;
}

export type InitOutcome = { ok: true; initDurationMs: number } | { ok: false; initDurationMs: number; error: ErrorDescription; crashed: boolean };

export type InvocationEnd =
  | { kind: 'success'; payload: string }
  | { kind: 'handler-error'; error: ErrorDescription }
  | { kind: 'timeout' }
  | { kind: 'crash'; errorType: 'Runtime.ExitError' | 'Runtime.OutOfMemory'; exitDescription: string };

export interface InvocationResult {
  end: InvocationEnd;
  durationMs: number;
  maxMemoryUsedMb: number;
}

export interface InvokeRequest {
  requestId: string;
  eventJson: string;
  invokedFunctionArn: string;
  /** Fault injection: never deliver the event, so the invocation runs into its timeout. */
  hang?: boolean;
  /** Fault injection: kill the worker this long after the invocation starts. */
  crashAfterMs?: number;
}

type WorkerEvent =
  | { type: 'ready' }
  | { type: 'init-error'; error: ErrorDescription }
  | { type: 'result'; requestId: string; payload: string }
  | { type: 'error'; requestId: string; error: ErrorDescription; fatal: boolean }
  | { type: 'exit'; code: number | null; signal: NodeJS.Signals | null };

type KillReason = 'timeout' | 'oom' | 'crash' | 'disposed';

export type EnvironmentState = 'initializing' | 'idle' | 'busy' | 'dead';

export class ExecutionEnvironment {
  state: EnvironmentState = 'initializing';
  /** Where log lines go; the invoker points it at the current invocation. */
  logSink: (message: string, timestampMs: number) => void = () => {};
  lastUsedAt = Date.now();
  /** Set when a newer configuration exists; the environment is killed instead of reused. */
  retired = false;
  private readonly child: ChildProcess;
  private readonly forkedAt = performance.now();
  private lease: CpuLease | undefined;
  private pending: ((event: WorkerEvent) => void) | undefined;
  private readonly queued: WorkerEvent[] = [];
  private poll: NodeJS.Timeout | undefined;
  private hwmKb = 0;
  private killReason: KillReason | undefined;
  private heapExhausted = false;
  private gone = false;
  /** The invocation in flight; results and errors of any other request are stale. */
  private currentRequestId: string | undefined;
  private readonly onDeath: Array<() => void> = [];

  constructor(
    readonly spec: EnvironmentSpec,
    private readonly services: EnvironmentServices,
  ) {
    this.child = fork(RUNNER, [spec.moduleFile ?? '', spec.exportName, spec.handler], {
      cwd: spec.rootDir,
      env: spec.env,
      execArgv: [`--max-old-space-size=${Math.max(16, Math.floor(spec.memoryMb * HEAP_SHARE))}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.on('message', (message: WorkerEvent | { type: 'log'; message: string; timestampMs: number }) => {
      if (message.type === 'log') this.logSink(message.message, message.timestampMs);
      else this.deliver(message);
    });
    this.child.on('error', () => {
      // A failed send to a dying worker; its exit event follows and ends the invocation.
    });
    this.child.on('exit', (code, signal) => this.exited(code, signal));
    this.pipeOutput(this.child.stdout);
    this.pipeOutput(this.child.stderr, (text) => {
      if (text.includes('JavaScript heap out of memory') || text.includes('Reached heap limit')) this.heapExhausted = true;
    });
    if (this.child.pid !== undefined) services.supervisor.watch(this.child.pid);
    this.startPolling();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get maxMemoryUsedMb(): number {
    return kbToReportedMb(this.hwmKb);
  }

  /** Waits for the module to load; on success the environment is idle and frozen. */
  async init(): Promise<InitOutcome> {
    const initLimitMs = Math.max(INIT_TIMEOUT_MS, this.spec.timeoutMs);
    const timer = setTimeout(() => this.kill('timeout'), initLimitMs);
    const event = await this.next();
    clearTimeout(timer);
    const initDurationMs = performance.now() - this.forkedAt;
    if (event.type === 'ready') {
      this.sampleMemory();
      if (this.child.pid !== undefined) this.lease = this.services.cpu.attach(this.child.pid, vcpuForMemory(this.spec.memoryMb));
      this.becomeIdle();
      return { ok: true, initDurationMs };
    }
    this.dispose();
    if (event.type === 'init-error') return { ok: false, initDurationMs, error: event.error, crashed: false };
    if (this.killReason === 'timeout') {
      const seconds = (initLimitMs / 1000).toFixed(2);
      return { ok: false, initDurationMs, crashed: true, error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds`, trace: [] } };
    }
    const crash = this.describeExit(event.type === 'exit' ? event : { code: null, signal: null });
    return {
      ok: false,
      initDurationMs,
      crashed: true,
      error: { errorType: crash.errorType, errorMessage: `Runtime exited with error: ${crash.exitDescription}`, trace: [] },
    };
  }

  async invoke(request: InvokeRequest): Promise<InvocationResult> {
    if (this.state !== 'idle') throw new Error(`environment is ${this.state}, not idle`);
    this.state = 'busy';
    this.currentRequestId = request.requestId;
    this.thaw();
    this.lease?.resume();
    const startedAt = performance.now();
    if (!request.hang) {
      this.child.send({
        type: 'invoke',
        requestId: request.requestId,
        event: request.eventJson,
        deadlineMs: Date.now() + this.spec.timeoutMs,
        invokedFunctionArn: request.invokedFunctionArn,
      });
    }
    const timers = [setTimeout(() => this.kill('timeout'), this.spec.timeoutMs)];
    if (request.crashAfterMs !== undefined) timers.push(setTimeout(() => this.kill('crash'), request.crashAfterMs));
    const event = await this.next();
    const measuredMs = performance.now() - startedAt;
    this.currentRequestId = undefined;
    for (const timer of timers) clearTimeout(timer);
    await this.lease?.pause();
    const end = this.endOf(event);
    const durationMs = end.kind === 'timeout' ? this.spec.timeoutMs : measuredMs;
    if (end.kind === 'success' || (end.kind === 'handler-error' && this.state === 'busy')) this.becomeIdle();
    this.lastUsedAt = Date.now();
    return { end, durationMs, maxMemoryUsedMb: this.maxMemoryUsedMb };
  }

  /** Kills the worker; safe to call on a frozen or already dead environment. */
  dispose(): void {
    if (this.state === 'dead') return;
    this.kill('disposed');
  }

  /** Runs once the worker process is gone. */
  whenDead(callback: () => void): void {
    if (this.gone) callback();
    else this.onDeath.push(callback);
  }

  private endOf(event: WorkerEvent): InvocationEnd {
    switch (event.type) {
      case 'result':
        this.sampleMemory();
        if (this.hwmKb > this.limitKb) {
          // The peak passed the limit between two polls: Lambda would have killed it.
          this.kill('oom');
          return { kind: 'crash', errorType: 'Runtime.OutOfMemory', exitDescription: 'signal: killed' };
        }
        return { kind: 'success', payload: event.payload };
      case 'error':
        if (event.fatal) this.kill('crash');
        return { kind: 'handler-error', error: event.error };
      case 'exit':
        if (this.killReason === 'timeout') return { kind: 'timeout' };
        return { kind: 'crash', ...this.describeExit(event) };
      default:
        this.kill('crash');
        return { kind: 'crash', errorType: 'Runtime.ExitError', exitDescription: `unexpected ${event.type} from the runtime` };
    }
  }

  private describeExit(event: { code: number | null; signal: NodeJS.Signals | null }): { errorType: 'Runtime.ExitError' | 'Runtime.OutOfMemory'; exitDescription: string } {
    const oom = this.killReason === 'oom' || this.heapExhausted;
    const exitDescription = event.signal ? `signal: ${event.signal === 'SIGKILL' ? 'killed' : event.signal}` : `exit status ${event.code}`;
    return { errorType: oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', exitDescription };
  }

  private get limitKb(): number {
    return this.spec.memoryMb * 1024;
  }

  private becomeIdle(): void {
    this.state = 'idle';
    if (this.services.freezeWhenIdle && !this.gone) {
      this.stopPolling();
      this.signal('SIGSTOP');
    }
  }

  private thaw(): void {
    // Always continue: a duty-cycle stop may have landed on an unfrozen worker too.
    this.signal('SIGCONT');
    this.startPolling();
  }

  private kill(reason: KillReason): void {
    if (this.killReason === undefined) this.killReason = reason;
    this.state = 'dead';
    this.stopPolling();
    // SIGKILL ends a stopped process too.
    this.signal('SIGKILL');
  }

  private signal(name: NodeJS.Signals): void {
    try {
      this.child.kill(name);
    } catch {
      // Already gone.
    }
  }

  private startPolling(): void {
    if (this.poll || this.services.memoryPollMs <= 0) return;
    this.poll = setInterval(() => {
      const sample = this.sampleMemory();
      if (sample && sample.rssKb > this.limitKb && (this.state === 'busy' || this.state === 'initializing')) this.kill('oom');
    }, this.services.memoryPollMs);
    this.poll.unref();
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
  }

  private sampleMemory(): { rssKb: number; hwmKb: number } | undefined {
    if (this.child.pid === undefined || this.gone) return undefined;
    const sample = readMemory(this.child.pid);
    if (sample) this.hwmKb = Math.max(this.hwmKb, sample.hwmKb, sample.rssKb);
    return sample;
  }

  private next(): Promise<WorkerEvent> {
    const queued = this.queued.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.pending = resolve;
    });
  }

  private deliver(event: WorkerEvent): void {
    // A worker left running while idle (freezeWhenIdle off) may fail after its invocation ended:
    // that must not become the next invocation's outcome. Its exit, if it dies, still arrives.
    if ((event.type === 'result' || event.type === 'error') && event.requestId !== this.currentRequestId) return;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) pending(event);
    else if (event.type !== 'exit' || this.state !== 'dead') this.queued.push(event);
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    this.state = 'dead';
    this.gone = true;
    this.stopPolling();
    this.lease?.release();
    if (this.child.pid !== undefined) this.services.supervisor.unwatch(this.child.pid);
    this.deliver({ type: 'exit', code, signal });
    for (const callback of this.onDeath.splice(0)) callback();
  }

  private pipeOutput(stream: NodeJS.ReadableStream | null, inspect?: (text: string) => void): void {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      inspect?.(chunk);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.logSink(`${line}\n`, Date.now());
    });
    stream.on('end', () => {
      if (partial !== '') this.logSink(`${partial}\n`, Date.now());
      partial = '';
    });
  }
}
