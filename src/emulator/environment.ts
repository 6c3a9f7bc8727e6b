// One execution environment: a forked Node process (runner.mjs) that imported
// the handler once (cold start, timed as Init Duration) and then serves
// invocations one at a time over IPC (warm). It enforces the function's
// limits while it works: CPU share (duty cycle), memory (a heap cap plus an
// RSS watchdog), and the timeout (the process is killed, as Lambda does).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { vcpuForMemory } from '../model/platform.ts';
import { cpuLimiter } from './cpu-limiter.ts';
import type { CpuLimiter } from './duty-cycle.ts';
import { sampleMemory } from './memory-watch.ts';
import type { FunctionState } from './types.ts';

const RUNNER = fileURLToPath(new URL('./runner.mjs', import.meta.url));
const WATCH_INTERVAL_MS = 10;

export interface HandlerError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type RawResult =
  | { kind: 'ok'; payload: string }
  | { kind: 'error'; error: HandlerError }
  | { kind: 'timeout' }
  | { kind: 'crash'; errorType: string; errorMessage: string };

export interface RawInvocation {
  result: RawResult;
  durationMs: number;
  peakMemoryMb: number;
  handlerLines: string[];
}

export interface InvokeRequest {
  requestId: string;
  event: unknown;
  functionArn: string;
  /** Fault: the handler never returns, so the real timeout path fires. */
  hang?: boolean;
  /** Fault: kill the process this many ms into the invocation. */
  crashAfterMs?: number;
}

let nextId = 1;

export class Environment {
  readonly id: string;
  readonly revision: number;
  busy = false;
  dead = false;
  lastUsedAt = Date.now();
  private readonly child: ChildProcess;
  private readonly limiter: CpuLimiter & { release(): void };
  private lines: string[] = [];
  private onMessage: ((message: RunnerMessage) => void) | undefined;
  private onExit: ((signal: string | null) => void) | undefined;

  private constructor(readonly state: FunctionState) {
    this.id = `${Date.now().toString(16)}${(nextId++).toString(16).padStart(8, '0')}`;
    this.revision = state.revision;
    const config = state.config;
    const heapMb = Math.max(16, Math.floor(config.memoryMb * 0.9));
    this.child = fork(RUNNER, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      env: {
        ...config.env,
        PATH: process.env.PATH ?? '',
        AWS_LAMBDA_FUNCTION_NAME: config.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.name}`,
        AWS_REGION: 'us-east-1',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    // Raw stdout/stderr writes (not console.*) still belong in the log.
    const capture = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.lines.push(line);
    };
    this.child.stdout?.on('data', capture);
    this.child.stderr?.on('data', capture);
    this.child.on('message', (message: RunnerMessage) => {
      if (message.type === 'log') this.lines.push(message.line);
      else this.onMessage?.(message);
    });
    this.child.on('exit', (_code, signal) => {
      this.dead = true;
      this.limiter.stop();
      this.limiter.release();
      this.onExit?.(signal);
    });
    this.limiter = cpuLimiter(this.id, this.child.pid ?? -1, vcpuForMemory(config.memoryMb));
  }

  /** Starts a process and loads the handler; resolves with the init time or the init error. */
  static async start(state: FunctionState): Promise<{ environment: Environment; initDurationMs: number } | { initError: HandlerError; initDurationMs: number }> {
    const environment = new Environment(state);
    const startedAt = performance.now();
    const reply = await new Promise<RunnerMessage | 'exit'>((resolve) => {
      environment.onMessage = resolve;
      environment.onExit = () => resolve('exit');
      environment.child.send({ type: 'init', handlerPath: state.config.handlerPath, handlerExport: state.config.handlerExport });
    });
    const initDurationMs = performance.now() - startedAt;
    environment.onMessage = undefined;
    environment.onExit = undefined;
    if (reply !== 'exit' && reply.type === 'ready') return { environment, initDurationMs };
    environment.kill();
    const initError = reply !== 'exit' && reply.type === 'initError' ? reply.error : { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited during init' };
    return { initError, initDurationMs };
  }

  invoke(request: InvokeRequest): Promise<RawInvocation> {
    const config = this.state.config;
    this.lines = [];
    const startedAt = performance.now();
    let peakMemoryMb = 0;
    return new Promise<RawInvocation>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      let settled = false;
      const finish = (result: RawResult): void => {
        if (settled) return;
        settled = true;
        const durationMs = performance.now() - startedAt;
        for (const timer of timers) clearTimeout(timer);
        clearInterval(watch);
        this.limiter.stop();
        peakMemoryMb = Math.max(peakMemoryMb, sampleMemory(this.child.pid ?? -1)?.peakMb ?? 0);
        this.onMessage = undefined;
        this.onExit = undefined;
        this.lastUsedAt = Date.now();
        if (result.kind !== 'ok' && result.kind !== 'error') this.kill();
        resolve({ result, durationMs, peakMemoryMb, handlerLines: this.lines });
      };
      const watch = setInterval(() => {
        const sample = sampleMemory(this.child.pid ?? -1);
        if (!sample) return;
        peakMemoryMb = Math.max(peakMemoryMb, sample.peakMb);
        if (sample.rssMb > config.memoryMb) {
          peakMemoryMb = Math.max(peakMemoryMb, sample.rssMb);
          finish({ kind: 'crash', errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${request.requestId} Error: Runtime exited with error: signal: killed` });
        }
      }, WATCH_INTERVAL_MS);
      timers.push(setTimeout(() => finish({ kind: 'timeout' }), config.timeoutMs));
      if (request.crashAfterMs !== undefined) {
        timers.push(setTimeout(() => this.child.kill('SIGKILL'), request.crashAfterMs));
      }
      this.onMessage = (message) => {
        if (message.type !== 'result' || message.requestId !== request.requestId) return;
        finish(message.ok ? { kind: 'ok', payload: message.payload } : { kind: 'error', error: message.error });
      };
      this.onExit = (signal) => {
        // A heap cap hit shows up as an abort; anything else is a crash.
        const outOfMemory = signal === 'SIGABRT' || signal === 'SIGTRAP';
        finish({
          kind: 'crash',
          errorType: outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
          errorMessage: `RequestId: ${request.requestId} Error: Runtime exited with error: signal: ${signal === 'SIGKILL' || signal === null ? 'killed' : signal.toLowerCase()}`,
        });
      };
      this.limiter.start();
      this.child.send({
        type: 'invoke',
        requestId: request.requestId,
        event: request.event,
        functionName: config.name,
        functionArn: request.functionArn,
        memoryMb: config.memoryMb,
        remainingMs: config.timeoutMs,
        hang: request.hang === true,
      });
    });
  }

  kill(): void {
    this.limiter.stop();
    if (!this.dead) this.child.kill('SIGKILL');
    this.dead = true;
  }
}

type RunnerMessage =
  | { type: 'log'; line: string }
  | { type: 'ready' }
  | { type: 'initError'; error: HandlerError }
  | { type: 'result'; requestId: string; ok: true; payload: string }
  | { type: 'result'; requestId: string; ok: false; error: HandlerError };
