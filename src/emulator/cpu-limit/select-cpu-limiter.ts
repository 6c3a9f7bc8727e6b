// Picks how CPU is limited on this host: a cgroup quota when the kernel lets
// us create one (exact, enforced by the scheduler), otherwise the duty cycle
// (approximate, enforced by the emulator's timers), or nothing when asked.
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../../diagnostics/emulator.ts';
import { probeCgroupLimiter } from './cgroup-limiter.ts';
import { noCpuLimit, type CpuLimiter } from './cpu-limiter.ts';
import { DutyCycleLimiter } from './duty-cycle.ts';
import type { Supervisor } from '../supervisor.ts';

export type CpuLimitPreference = 'auto' | 'cgroup' | 'duty-cycle' | 'none';

export function selectCpuLimiter(preference: CpuLimitPreference, supervisor: Supervisor): CpuLimiter {
  if (preference === 'none') return noCpuLimit;
  if (preference === 'duty-cycle') return new DutyCycleLimiter(supervisor);
  const cgroup = probeCgroupLimiter();
  if (cgroup) return cgroup;
  if (preference === 'cgroup') throw new DagcUserError([emulatorDiagnostics.cgroupUnavailable()]);
  return new DutyCycleLimiter(supervisor);
}
