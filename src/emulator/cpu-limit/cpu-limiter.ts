// How the emulator holds a worker to the vCPU share of its memory size. Three
// ways, tried in this order by select-cpu-limiter.ts: a cgroup v2 `cpu.max`
// quota, a cgroup v1 CFS quota (hybrid hosts, containers), or a duty cycle of
// SIGSTOP/SIGCONT run by the emulator's supervisor process. A share above the host's cores
// cannot be granted; the worker then gets what the host has (it saturates).

export type CpuLimitMode = 'cgroup-v2' | 'cgroup-v1' | 'duty-cycle' | 'none';

/** One worker's limit, from attach to the worker's exit. */
export interface CpuLease {
  /** An invocation starts: the worker must run, at its share. */
  resume(): void;
  /** The invocation ended: stop enforcing and leave the worker running (the environment may then freeze it). */
  pause(): Promise<void>;
  /** The worker exited or is being killed: give back the cgroup, stop timers. */
  release(): void;
}

export interface CpuLimiter {
  readonly mode: CpuLimitMode;
  /** Puts a live worker under the limit for `vcpu` (may be above 1: several cores). */
  attach(pid: number, vcpu: number): CpuLease;
  /** Removes what the limiter created on the host (cgroup directories). */
  close(): void;
}

/** Quota period, for cgroups and the duty cycle alike: short enough that a 10 ms handler sees its share. */
export const CPU_PERIOD_MS = 20;

export const noCpuLimit: CpuLimiter = {
  mode: 'none',
  attach: () => ({ resume: () => {}, pause: async () => {}, release: () => {} }),
  close: () => {},
};
