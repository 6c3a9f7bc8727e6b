// Limits a worker process to a fraction of one CPU by stopping and resuming it
// (SIGSTOP / SIGCONT) in short periods, for hosts where no cgroup CPU quota
// can be set. The running share is corrected each period from the measured
// on/off times, so timer overshoot does not drift the average. A share of 1 or
// more is not throttled: a Node handler is single-threaded, so more than one
// vCPU only helps its GC and worker threads (documented in docs/emulator.md).
// Cost: two signals and two timers per period per busy environment.

const MIN_ON_MS = 2;
const BASE_PERIOD_MS = 20;

export interface CpuLimiter {
  /** Starts throttling (call when the environment begins work). */
  start(): void;
  /** Stops throttling and leaves the process running. */
  stop(): void;
}

export function dutyCycleLimiter(pid: number, share: number): CpuLimiter {
  if (share >= 1) return { start: () => {}, stop: () => {} };
  // A longer period at small shares keeps the on-slice above timer granularity.
  const periodMs = Math.max(BASE_PERIOD_MS, MIN_ON_MS / share);
  let timer: NodeJS.Timeout | undefined;
  let active = false;
  let onMs = 0;
  let totalMs = 0;

  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(pid, name);
    } catch {
      active = false; // the process is gone
    }
  };

  const runPhase = (): void => {
    if (!active) return;
    const startedAt = performance.now();
    signal('SIGCONT');
    // Aim the cumulative on-fraction at `share`.
    const wantOnMs = Math.max(MIN_ON_MS / 2, share * (totalMs + periodMs) - onMs);
    timer = setTimeout(() => {
      const ranMs = performance.now() - startedAt;
      onMs += ranMs;
      totalMs += ranMs;
      if (!active) return;
      signal('SIGSTOP');
      const stoppedAt = performance.now();
      const wantOffMs = Math.max(0, onMs / share - totalMs);
      timer = setTimeout(() => {
        totalMs += performance.now() - stoppedAt;
        runPhase();
      }, wantOffMs);
    }, wantOnMs);
  };

  return {
    start() {
      if (active) return;
      active = true;
      onMs = 0;
      totalMs = 0;
      runPhase();
    },
    stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      signal('SIGCONT');
    },
  };
}
