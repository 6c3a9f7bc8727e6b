import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DutyCycleLimiter } from '../../src/emulator/cpu-limit/duty-cycle.ts';
import { Supervisor } from '../../src/emulator/supervisor.ts';

// utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat): a clock
// independent of the schedstat one the controller itself reads.
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe('emulator: duty-cycle CPU limiter (the fallback without cgroups)', () => {
  const supervisor = new Supervisor();
  const limiter = new DutyCycleLimiter(supervisor);
  after(() => supervisor.close());

  it('holds a spinning process near its CPU share', async () => {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    try {
      await sleep(100);
      const pid = child.pid!;
      const lease = limiter.attach(pid, 0.2);
      lease.resume();
      const ticks0 = cpuTicks(pid);
      const wall0 = performance.now();
      await sleep(1000);
      const ticks = cpuTicks(pid) - ticks0;
      const wallMs = performance.now() - wall0;
      await lease.pause();
      lease.release();
      // Clock ticks are 10 ms on Linux (USER_HZ = 100). Unlimited, a spinning process
      // would use ~1 CPU; at share 0.2 it must stay well below that (contention only lowers it).
      const cpuShare = (ticks * 10) / wallMs;
      assert.ok(cpuShare > 0.02 && cpuShare < 0.45, `used ${cpuShare.toFixed(2)} of a CPU at share 0.2`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('leaves the process running after pause, and does not limit a share of one vCPU or more', async () => {
    const child = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    try {
      await sleep(100);
      const pid = child.pid!;
      const lease = limiter.attach(pid, 0.1);
      lease.resume();
      await sleep(100);
      await lease.pause();
      const before = cpuTicks(pid);
      // Running, not stopped: it keeps using CPU after pause. A spinning process alone gets ~100 ticks a second;
      // 3 ticks (30 ms of CPU in 1 s, 3 %) leaves room for a host whose other tests take nearly all of it.
      await sleep(1000);
      assert.ok(cpuTicks(pid) - before >= 3, 'the worker stayed stopped after pause');
      lease.release();
      const unlimited = limiter.attach(pid, 1.5);
      unlimited.resume();
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[0];
      assert.notEqual(state, 'T');
      unlimited.release();
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('emulator: supervisor', () => {
  it('kills the workers it watches, stopped ones included, when the emulator goes away', async () => {
    const supervisor = new Supervisor();
    const worker = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.on('exit', (_code, signal) => resolve(signal)));
    try {
      await sleep(100);
      supervisor.watch(worker.pid!);
      worker.kill('SIGSTOP');
      // An acknowledged message: the supervisor has read the watch before it (messages are ordered).
      await supervisor.pauseDutyCycle(worker.pid!);
      worker.kill('SIGSTOP');
      // Closing disconnects the supervisor, exactly as the emulator's death would.
      supervisor.close();
      assert.equal(await Promise.race([exited, sleep(5000).then(() => 'still running')]), 'SIGKILL');
    } finally {
      worker.kill('SIGKILL');
    }
  });
});
