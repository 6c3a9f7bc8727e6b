import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dutyCycleLimiter } from '../../src/emulator/duty-cycle.ts';

// utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe('emulator: duty-cycle CPU limiter (the fallback without cgroups)', () => {
  it('holds a spinning process near its CPU share', async () => {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    try {
      await sleep(100);
      const pid = child.pid!;
      const limiter = dutyCycleLimiter(pid, 0.2);
      limiter.start();
      const ticks0 = cpuTicks(pid);
      const wall0 = performance.now();
      await sleep(1000);
      const ticks = cpuTicks(pid) - ticks0;
      const wallMs = performance.now() - wall0;
      limiter.stop();
      // Clock ticks are 10 ms on Linux (USER_HZ = 100). Unlimited, a spinning process
      // would use ~1 CPU; at share 0.2 it must stay well below that (contention only lowers it).
      const cpuShare = (ticks * 10) / wallMs;
      assert.ok(cpuShare > 0.02 && cpuShare < 0.45, `used ${cpuShare.toFixed(2)} of a CPU at share 0.2`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
