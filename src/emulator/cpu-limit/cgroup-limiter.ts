// CPU quota through the kernel's CFS bandwidth control: one cgroup per worker
// under a directory owned by this emulator, with quota = vcpu × period. cgroup
// v2 writes `cpu.max` ("<quota> <period>"); cgroup v1 writes cpu.cfs_period_us
// and cpu.cfs_quota_us. The quota is a ceiling only: on a busy host a worker
// would get no more than a fair slice of a core, far less than the vCPU Lambda
// guarantees. So the emulator's directory also gets a high scheduling weight
// (cpu.weight / cpu.shares): its workers win the CPU they are entitled to,
// and the quota still keeps each at its share. The probe really creates a cgroup and writes a quota,
// so a read-only /sys/fs/cgroup, a missing controller or a non-root user all
// fall back cleanly (probe returns undefined). Directories of emulators whose
// process is gone are swept at probe time; ours are removed on close().
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CPU_PERIOD_MS, type CpuLease, type CpuLimiter, type CpuLimitMode } from './cpu-limiter.ts';

const DIRECTORY_PREFIX = 'dagc-emulator-';
/** CFS refuses quotas below 1 ms. */
const MIN_QUOTA_US = 1_000;
let instances = 0;

/** The emulator directory's weight against everything else on the host: like 100 busy nice-0 processes. */
const V2_WEIGHT = 10_000;
const V1_SHARES = 100 * 1024;

interface CgroupFlavor {
  mode: Extract<CpuLimitMode, 'cgroup-v1' | 'cgroup-v2'>;
  mountPoint: string;
  /** Called once on our root directory before any child is created. */
  prepareRoot(root: string): void;
  writeQuota(dir: string, quotaUs: number, periodUs: number): void;
}

const v2 = (mountPoint: string): CgroupFlavor => ({
  mode: 'cgroup-v2',
  mountPoint,
  prepareRoot(root) {
    enableCpuController(mountPoint);
    enableCpuController(root);
    writeFileSync(path.join(root, 'cpu.weight'), String(V2_WEIGHT));
  },
  writeQuota(dir, quotaUs, periodUs) {
    writeFileSync(path.join(dir, 'cpu.max'), `${quotaUs} ${periodUs}`);
  },
});

const v1 = (mountPoint: string): CgroupFlavor => ({
  mode: 'cgroup-v1',
  mountPoint,
  prepareRoot(root) {
    writeFileSync(path.join(root, 'cpu.shares'), String(V1_SHARES));
  },
  writeQuota(dir, quotaUs, periodUs) {
    writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(periodUs));
    writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
  },
});

class CgroupLimiter implements CpuLimiter {
  readonly mode: CpuLimitMode;
  private next = 0;
  private readonly children = new Set<string>();

  constructor(
    private readonly flavor: CgroupFlavor,
    private readonly root: string,
  ) {
    this.mode = flavor.mode;
  }

  attach(pid: number, vcpu: number): CpuLease {
    const dir = path.join(this.root, `env-${this.next++}`);
    mkdirSync(dir);
    this.children.add(dir);
    const periodUs = CPU_PERIOD_MS * 1000;
    this.flavor.writeQuota(dir, Math.max(MIN_QUOTA_US, Math.round(vcpu * periodUs)), periodUs);
    writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
    return {
      resume: () => {},
      pause: async () => {},
      release: () => {
        // Succeeds once the worker has exited; close() retries whatever is left.
        if (tryRmdir(dir)) this.children.delete(dir);
      },
    };
  }

  close(): void {
    for (const dir of this.children) if (tryRmdir(dir)) this.children.delete(dir);
    tryRmdir(this.root);
  }
}

/** A working cgroup limiter, or undefined when this host does not allow one. */
export function probeCgroupLimiter(): CpuLimiter | undefined {
  for (const flavor of candidateFlavors()) {
    sweepStale(flavor.mountPoint);
    const root = path.join(flavor.mountPoint, `${DIRECTORY_PREFIX}${process.pid}-${instances++}`);
    try {
      mkdirSync(root);
      flavor.prepareRoot(root);
      const probe = path.join(root, 'probe');
      mkdirSync(probe);
      try {
        flavor.writeQuota(probe, 10_000, 100_000);
      } finally {
        tryRmdir(probe);
      }
      return new CgroupLimiter(flavor, root);
    } catch {
      tryRmdir(root);
    }
  }
  return undefined;
}

function candidateFlavors(): CgroupFlavor[] {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return [];
  }
  const flavors: CgroupFlavor[] = [];
  for (const line of mounts.split('\n')) {
    const [, mountPoint, type, options] = line.split(' ');
    if (mountPoint === undefined || options === undefined) continue;
    if (type === 'cgroup2' && controllersOf(mountPoint).includes('cpu')) flavors.push(v2(mountPoint));
    if (type === 'cgroup' && options.split(',').includes('cpu')) flavors.push(v1(mountPoint));
  }
  // v2 first: it is the modern interface and what a plain Linux host has.
  return flavors.sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'cgroup-v2' ? -1 : 1));
}

function controllersOf(dir: string): string[] {
  try {
    return readFileSync(path.join(dir, 'cgroup.controllers'), 'utf8').trim().split(/\s+/);
  } catch {
    return [];
  }
}

function enableCpuController(dir: string): void {
  const file = path.join(dir, 'cgroup.subtree_control');
  if (!readFileSync(file, 'utf8').split(/\s+/).includes('cpu')) writeFileSync(file, '+cpu');
}

function sweepStale(mountPoint: string): void {
  let names: string[];
  try {
    names = readdirSync(mountPoint);
  } catch {
    return;
  }
  for (const name of names) {
    const match = new RegExp(`^${DIRECTORY_PREFIX}(\\d+)-\\d+$`).exec(name);
    if (!match || existsSync(`/proc/${match[1]}`)) continue;
    const dir = path.join(mountPoint, name);
    try {
      for (const child of readdirSync(dir, { withFileTypes: true })) if (child.isDirectory()) tryRmdir(path.join(dir, child.name));
    } catch {
      // Not ours to fight over: leave it.
    }
    tryRmdir(dir);
  }
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
