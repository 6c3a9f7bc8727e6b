// CPU share without cgroups: a duty cycle of SIGSTOP/SIGCONT, run by a small
// controller process (duty-cycle-controller.mjs, forked on first use, killed
// on close) so that its timing does not depend on how busy the emulator's own
// event loop is. Workers and the controller run at raised priorities (nice
// −10 and −15) where the emulator may set them (root), so that a busy host
// does not eat a worker's share; unprivileged, both keep the default. Only the
// worker process is stopped, not processes it spawned. A share of 1 or more
// is not limited: the worker may use every host core (it cannot get more
// than the host has).
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CPU_PERIOD_MS, type CpuLease, type CpuLimiter } from './cpu-limiter.ts';

const CONTROLLER = fileURLToPath(new URL('./duty-cycle-controller.mjs', import.meta.url));
const WORKER_NICE = -10;
const CONTROLLER_NICE = -15;

export class DutyCycleLimiter implements CpuLimiter {
  readonly mode = 'duty-cycle' as const;
  private controller: ChildProcess | undefined;
  private nextAck = 0;
  private readonly acks = new Map<number, () => void>();

  attach(pid: number, vcpu: number): CpuLease {
    raisePriority(pid, WORKER_NICE);
    if (vcpu >= 1) return { resume: () => {}, pause: async () => {}, release: () => {} };
    return {
      resume: () => this.send({ op: 'resume', pid, share: vcpu }),
      pause: () =>
        new Promise<void>((resolve) => {
          const id = this.nextAck++;
          this.acks.set(id, resolve);
          if (!this.send({ op: 'pause', pid, id })) this.settle(id);
        }),
      release: () => {
        this.send({ op: 'release', pid });
      },
    };
  }

  close(): void {
    this.controller?.kill('SIGKILL');
    this.controller = undefined;
    for (const id of [...this.acks.keys()]) this.settle(id);
  }

  private send(message: object): boolean {
    const controller = this.start();
    if (!controller.connected) return false;
    controller.send(message);
    return true;
  }

  private start(): ChildProcess {
    if (this.controller) return this.controller;
    const controller = fork(CONTROLLER, [String(CPU_PERIOD_MS)], { execArgv: [], env: {}, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
    controller.on('message', (message: { ack: number }) => this.settle(message.ack));
    controller.on('exit', () => {
      if (this.controller === controller) this.controller = undefined;
      for (const id of [...this.acks.keys()]) this.settle(id);
    });
    // The controller must not keep a finished test or CLI alive by itself.
    controller.unref();
    controller.channel?.unref();
    if (controller.pid !== undefined) raisePriority(controller.pid, CONTROLLER_NICE);
    this.controller = controller;
    return controller;
  }

  private settle(id: number): void {
    const resolve = this.acks.get(id);
    this.acks.delete(id);
    resolve?.();
  }
}

function raisePriority(pid: number, nice: number): void {
  try {
    setPriority(pid, nice);
  } catch {
    // Not allowed (not root): keep the default priority.
  }
}
