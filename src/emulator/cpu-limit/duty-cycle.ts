// CPU share without cgroups: a duty cycle of SIGSTOP/SIGCONT, run by the
// emulator's supervisor process (worker/supervisor.mjs) so that its timing
// does not depend on how busy the emulator's own event loop is; the cycle
// charges a worker the CPU time it really used, like CFS. Workers run at nice
// −10 where the emulator may set it (root), so that a busy host does not eat
// their share. Only the worker process is stopped, not processes it spawned.
// A share of 1 or more is not limited: the worker may use every host core (it
// cannot get more than the host has).
import { setPriority } from 'node:os';
import type { Supervisor } from '../supervisor.ts';
import type { CpuLease, CpuLimiter } from './cpu-limiter.ts';

const WORKER_NICE = -10;

export class DutyCycleLimiter implements CpuLimiter {
  readonly mode = 'duty-cycle' as const;

  constructor(private readonly supervisor: Supervisor) {}

  attach(pid: number, vcpu: number): CpuLease {
    try {
      setPriority(pid, WORKER_NICE);
    } catch {
      // Not allowed (not root): keep the default priority.
    }
    if (vcpu >= 1) return { resume: () => {}, pause: async () => {}, release: () => {} };
    return {
      resume: () => this.supervisor.resumeDutyCycle(pid, vcpu),
      pause: () => this.supervisor.pauseDutyCycle(pid),
      release: () => this.supervisor.releaseDutyCycle(pid),
    };
  }

  close(): void {}
}
