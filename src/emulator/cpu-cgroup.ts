// CPU quota through a cgroup: one child group per environment under a
// dagc-emulator parent, with quota = share × period (cgroup v2 cpu.max, or
// v1 cpu.cfs_quota_us / cpu.cfs_period_us). Unlike the duty cycle this also
// caps a process's helper threads and lets shares above 1 vCPU mean something
// (up to the host's cores). Needs write access to the cgroup tree (root);
// `cgroupCpuRoot()` returns undefined when that is not possible, and the caller
// falls back to the duty cycle.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuLimiter } from './duty-cycle.ts';

const PERIOD_US = 100_000;

export interface CgroupRoot {
  version: 1 | 2;
  dir: string;
}

let probed: CgroupRoot | null | undefined;

/** Finds (once) a cgroup directory where per-environment CPU groups can be made. */
export function cgroupCpuRoot(): CgroupRoot | undefined {
  if (probed !== undefined) return probed ?? undefined;
  probed = tryRoot({ version: 2, dir: '/sys/fs/cgroup' }) ?? tryRoot({ version: 1, dir: '/sys/fs/cgroup/cpu' }) ?? null;
  return probed ?? undefined;
}

function tryRoot(base: CgroupRoot): CgroupRoot | undefined {
  try {
    if (base.version === 2) {
      const controllers = readFileSync(join(base.dir, 'cgroup.controllers'), 'utf8');
      if (!controllers.split(/\s+/).includes('cpu')) return undefined;
    } else if (!existsSync(join(base.dir, 'cpu.cfs_quota_us'))) {
      return undefined;
    }
    const dir = join(base.dir, 'dagc-emulator');
    if (!existsSync(dir)) mkdirSync(dir);
    if (base.version === 2) {
      writeFileSync(join(base.dir, 'cgroup.subtree_control'), '+cpu');
      writeFileSync(join(dir, 'cgroup.subtree_control'), '+cpu');
    }
    // Prove we can make and remove a child group before relying on it.
    const probe = join(dir, `probe-${process.pid}`);
    mkdirSync(probe);
    rmdirSync(probe);
    return { version: base.version, dir };
  } catch {
    return undefined;
  }
}

export function cgroupLimiter(root: CgroupRoot, name: string, pid: number, share: number): CpuLimiter & { release(): void } {
  const dir = join(root.dir, name);
  mkdirSync(dir);
  if (root.version === 2) {
    writeFileSync(join(dir, 'cpu.max'), `${Math.max(1000, Math.round(share * PERIOD_US))} ${PERIOD_US}`);
  } else {
    writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.max(1000, Math.round(share * PERIOD_US))));
  }
  writeFileSync(join(dir, 'cgroup.procs'), String(pid));
  return {
    start: () => {},
    stop: () => {},
    release: () => {
      try {
        rmdirSync(dir);
      } catch {
        // Still has a process in it (exit not reaped yet); retried on the next release.
      }
    },
  };
}
