// Chooses how an environment's CPU share is enforced: a cgroup quota when the
// host allows one (see cpu-cgroup.ts), the SIGSTOP/SIGCONT duty cycle
// otherwise. DAGC_EMULATOR_CPU=dutycycle | cgroup | none forces a mode (tests,
// hosts where signals to children are unwanted).
import { cgroupCpuRoot, cgroupLimiter } from './cpu-cgroup.ts';
import { dutyCycleLimiter, type CpuLimiter } from './duty-cycle.ts';

export type CpuLimitMode = 'cgroup' | 'dutycycle' | 'none';

export function cpuLimitMode(): CpuLimitMode {
  const forced = process.env.DAGC_EMULATOR_CPU;
  if (forced === 'none' || forced === 'dutycycle') return forced;
  return cgroupCpuRoot() ? 'cgroup' : 'dutycycle';
}

export function cpuLimiter(environmentId: string, pid: number, share: number): CpuLimiter & { release(): void } {
  const mode = cpuLimitMode();
  if (mode === 'cgroup') {
    const root = cgroupCpuRoot();
    if (root) {
      try {
        return cgroupLimiter(root, `env-${environmentId}`, pid, share);
      } catch {
        // fall through to the duty cycle
      }
    }
  }
  if (mode === 'none') return { start: () => {}, stop: () => {}, release: () => {} };
  return { ...dutyCycleLimiter(pid, share), release: () => {} };
}
