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
  it('lets a busy process run for roughly its share of the time', async () => {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    try {
      await sleep(100);
      const pid = child.pid!;
      const limiter = dutyCycleLimiter(pid, 0.2);
      const free0 = cpuTicks(pid);
      await sleep(400);
      const freeTicks = cpuTicks(pid) - free0;
      limiter.start();
      const limited0 = cpuTicks(pid);
      await sleep(1000);
      const limitedTicks = cpuTicks(pid) - limited0;
      limiter.stop();
      // Unlimited it ran ~freeTicks per 400 ms; limited at 0.2 it should get far less per 1000 ms.
      const fraction = limitedTicks / ((freeTicks * 1000) / 400);
      assert.ok(fraction > 0.05 && fraction < 0.5, `ran ${fraction.toFixed(2)} of the free rate (free ${freeTicks} ticks/400 ms, limited ${limitedTicks} ticks/1000 ms)`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
