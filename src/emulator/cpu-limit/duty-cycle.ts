// CPU share without cgroups: the emulator stops (SIGSTOP) and continues
// (SIGCONT) the worker so that, over every stretch of an invocation, it runs
// `share` of the wall-clock time. Phases aim at a CPU_PERIOD_MS period; timers
// are late by a millisecond or more, so each stop phase is sized from the
// measured totals (run and stopped time since resume), which keeps the ratio
// exact on average whatever the timer jitter. Only the worker process is
// stopped, not processes it spawned. A share of 1 or more is not limited: the
// worker may use every host core (it cannot get more than the host has).
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
  private phaseStartedAt = 0;
  private ranMs = 0;
  private stoppedMs = 0;

  constructor(
    private readonly pid: number,
    private readonly share: number,
  ) {}

  resume(): void {
    this.clear();
    this.ranMs = 0;
    this.stoppedMs = 0;
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
    if (this.stopped) this.signal('SIGCONT');
    this.stopped = false;
    this.timer = setTimeout(() => this.stop(), Math.max(1, this.share * CPU_PERIOD_MS));
  }

  private stop(): void {
    this.account();
    this.signal('SIGSTOP');
    this.stopped = true;
    const owedMs = (this.ranMs * (1 - this.share)) / this.share - this.stoppedMs;
    this.timer = setTimeout(() => this.run(), Math.max(0, owedMs));
  }

  private account(): void {
    const now = performance.now();
    if (this.phaseStartedAt > 0) {
      if (this.stopped) this.stoppedMs += now - this.phaseStartedAt;
      else this.ranMs += now - this.phaseStartedAt;
    }
    this.phaseStartedAt = now;
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.phaseStartedAt = 0;
  }

  private signal(name: 'SIGSTOP' | 'SIGCONT'): void {
    try {
      process.kill(this.pid, name);
    } catch {
      // The worker already exited; the environment notices through its exit event.
    }
  }
}
