// The emulator's side of worker/supervisor.mjs: forks it on first use, tells
// it which workers exist (so it can kill them if the emulator dies without
// close()), and drives the duty cycle through it. As root, the supervisor runs
// at nice −15, above the workers (−10, see duty-cycle.ts), so that its stop
// and continue signals are on time on a busy host.
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CPU_PERIOD_MS } from './cpu-limit/cpu-limiter.ts';

const SUPERVISOR = fileURLToPath(new URL('./worker/supervisor.mjs', import.meta.url));
const SUPERVISOR_NICE = -15;

export class Supervisor {
  private child: ChildProcess | undefined;
  private nextAck = 0;
  private readonly acks = new Map<number, () => void>();
  private closed = false;

  watch(pid: number): void {
    this.send({ op: 'watch', pid });
  }

  unwatch(pid: number): void {
    this.send({ op: 'unwatch', pid });
  }

  resumeDutyCycle(pid: number, share: number): void {
    this.send({ op: 'resume', pid, share });
  }

  /** Resolves once the worker is running again and no stop signal of the cycle can follow. */
  pauseDutyCycle(pid: number): Promise<void> {
    return new Promise((resolve) => {
      const id = this.nextAck++;
      this.acks.set(id, resolve);
      if (!this.send({ op: 'pause', pid, id })) this.settle(id);
    });
  }

  releaseDutyCycle(pid: number): void {
    this.send({ op: 'release', pid });
  }

  /** Disconnecting makes the supervisor kill the workers still watched, then exit. */
  close(): void {
    this.closed = true;
    if (this.child?.connected) this.child.disconnect();
    this.child = undefined;
    for (const id of [...this.acks.keys()]) this.settle(id);
  }

  private send(message: object): boolean {
    const child = this.start();
    if (!child?.connected) return false;
    child.send(message);
    return true;
  }

  private start(): ChildProcess | undefined {
    if (this.child || this.closed) return this.child;
    const child = fork(SUPERVISOR, [String(CPU_PERIOD_MS)], { execArgv: [], env: {}, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
    child.on('message', (message: { ack: number }) => this.settle(message.ack));
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      for (const id of [...this.acks.keys()]) this.settle(id);
    });
    // The supervisor must not keep a finished test or CLI alive by itself.
    child.unref();
    child.channel?.unref();
    try {
      if (child.pid !== undefined) setPriority(child.pid, SUPERVISOR_NICE);
    } catch {
      // Not allowed (not root): default priority.
    }
    this.child = child;
    return child;
  }

  private settle(id: number): void {
    const resolve = this.acks.get(id);
    this.acks.delete(id);
    resolve?.();
  }
}
