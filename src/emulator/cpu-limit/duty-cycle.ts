// CPU share without cgroups: the emulator stops (SIGSTOP) and continues
// (SIGCONT) the worker so that it uses `share` of one CPU over an invocation.
// Like CFS bandwidth control it charges the CPU time the worker really used
// (summed over its threads from /proc/<pid>/task/*/schedstat, in ns), not the
// wall time it was allowed to run: on a busy host a continued worker may wait
// for a core, and charging that wait would give it less than its share. After
// each run phase of about share × CPU_PERIOD_MS, the worker stays stopped
// until its balance (CPU used / share − wall time elapsed) is paid off. Unused
// share (a handler waiting on I/O) is credited for at most one period, as CFS
// does not carry quota across periods either. Without schedstat (non-Linux),
// run phases are charged as fully used. Only the worker process is stopped,
// not processes it spawned. A share of 1 or more is not limited: the worker
// may use every host core (it cannot get more than the host has).
import { readdirSync, readFileSync } from 'node:fs';
import { CPU_PERIOD_MS, type CpuLease, type CpuLimiter } from './cpu-limiter.ts';

export class DutyCycleLimiter implements CpuLimiter {
  readonly mode = 'duty-cycle' as const;
  attach(pid: number, vcpu: number): CpuLease {
    return vcpu >= 1 ? { resume: () => {}, pause: () => {}, release: () => {} } : new DutyCycleLease(pid, vcpu);
  }
  close(): void {}
}

class DutyCycleLease implements CpuLease {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Wall-clock ms the worker owes (positive) or is owed (negative, at most one period). */
  private balanceMs = 0;
  private lastWallMs = 0;
  private lastCpuMs: number | undefined;

  constructor(
    private readonly pid: number,
    private readonly share: number,
  ) {}

  resume(): void {
    this.clear();
    this.balanceMs = 0;
    this.lastWallMs = performance.now();
    this.lastCpuMs = cpuTimeMs(this.pid);
    this.run();
  }

  pause(): void {
    this.clear();
    if (this.stopped) this.signal('SIGCONT');
    this.stopped = false;
  }

  release(): void {
    this.clear();
  }

  private run(): void {
    this.account();
    this.signal('SIGCONT');
    this.stopped = false;
    this.timer = setTimeout(() => this.stop(), Math.max(1, this.share * CPU_PERIOD_MS));
  }

  private stop(): void {
    this.signal('SIGSTOP');
    this.stopped = true;
    this.account();
    this.timer = setTimeout(() => this.run(), Math.max(0, this.balanceMs));
  }

  private account(): void {
    const wallMs = performance.now();
    const cpuMs = cpuTimeMs(this.pid);
    const elapsedMs = wallMs - this.lastWallMs;
    // Without a CPU clock, a run phase counts as fully used and a stop phase as unused.
    const usedMs = cpuMs !== undefined && this.lastCpuMs !== undefined ? cpuMs - this.lastCpuMs : this.stopped ? 0 : elapsedMs;
    this.balanceMs = Math.max(-CPU_PERIOD_MS, this.balanceMs + usedMs / this.share - elapsedMs);
    this.lastWallMs = wallMs;
    this.lastCpuMs = cpuMs;
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private signal(name: 'SIGSTOP' | 'SIGCONT'): void {
    try {
      process.kill(this.pid, name);
    } catch {
      // The worker already exited; the environment notices through its exit event.
    }
  }
}

/** CPU time of all the process's threads, in ms; undefined where /proc has no schedstat. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    let totalNs = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        totalNs += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The thread ended between listing and reading.
      }
    }
    return totalNs / 1e6;
  } catch {
    return undefined;
  }
}
