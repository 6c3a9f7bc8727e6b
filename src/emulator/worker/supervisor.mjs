// The supervisor: one small process per emulator, forked by supervisor.ts.
// Two jobs. (1) When the emulator goes away for any reason — close(), a crash,
// SIGKILL, a test runner interrupted — it kills every worker it was told
// about, so no worker outlives its emulator (a frozen, SIGSTOPped worker could
// not notice by itself). (2) It runs the duty cycle that holds a worker to
// `share` of one CPU while an invocation runs, by stopping (SIGSTOP) and
// continuing (SIGCONT) it; it lives outside the emulator so that its timers
// are not late behind the emulator's own work (HTTP, logs), and runs at a
// raised priority where the emulator may set one. Plain JavaScript; argv:
// <period ms>. Messages:
//   { op: 'watch', pid } / { op: 'unwatch', pid }   a worker started / exited
//   { op: 'resume', pid, share }   the worker was just continued; start cycling
//   { op: 'pause', pid, id }       stop cycling, leave the worker running; answers { ack: id }
//   { op: 'release', pid }         stop cycling, touch nothing
// Duty-cycle accounting: the worker is charged the CPU time it really used (summed over
// its threads from /proc/<pid>/task/*/schedstat, ns), like CFS bandwidth
// control, not the wall time it was allowed to run (a continued worker may
// wait for a core on a busy host). After each run phase of about share ×
// period it stays stopped until its balance (CPU used / share − wall time) is
// paid. Unused share is credited for at most one period, as CFS does not carry
// quota across periods either. Without schedstat, run phases count as fully used.
import { readdirSync, readFileSync } from 'node:fs';

const periodMs = Number(process.argv[2]);
const leases = new Map();
const watched = new Set();

function cpuTimeMs(pid) {
  try {
    let totalNs = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        totalNs += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The thread ended between listing and reading.
      }
    }
    return totalNs / 1e6;
  } catch {
    return undefined;
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // The worker already exited; the emulator learns it from the exit event.
  }
}

function account(lease) {
  const wallMs = performance.now();
  const cpuMs = cpuTimeMs(lease.pid);
  const elapsedMs = wallMs - lease.lastWallMs;
  const usedMs = cpuMs !== undefined && lease.lastCpuMs !== undefined ? cpuMs - lease.lastCpuMs : lease.stopped ? 0 : elapsedMs;
  lease.balanceMs = Math.max(-periodMs, lease.balanceMs + usedMs / lease.share - elapsedMs);
  lease.lastWallMs = wallMs;
  lease.lastCpuMs = cpuMs;
}

function run(lease) {
  account(lease);
  signal(lease.pid, 'SIGCONT');
  lease.stopped = false;
  lease.timer = setTimeout(() => stop(lease), Math.max(1, lease.share * periodMs));
}

function stop(lease) {
  signal(lease.pid, 'SIGSTOP');
  lease.stopped = true;
  account(lease);
  lease.timer = setTimeout(() => run(lease), Math.max(0, lease.balanceMs));
}

function pause(pid) {
  const lease = leases.get(pid);
  if (!lease) return;
  clearTimeout(lease.timer);
  if (lease.stopped) signal(pid, 'SIGCONT');
  leases.delete(pid);
}

process.on('message', (message) => {
  if (message.op === 'watch') watched.add(message.pid);
  else if (message.op === 'unwatch') watched.delete(message.pid);
  else if (message.op === 'resume') {
    pause(message.pid);
    const lease = { pid: message.pid, share: message.share, timer: undefined, stopped: false, balanceMs: 0, lastWallMs: performance.now(), lastCpuMs: cpuTimeMs(message.pid) };
    leases.set(message.pid, lease);
    run(lease);
  } else if (message.op === 'pause') {
    pause(message.pid);
    process.send({ ack: message.id });
  } else if (message.op === 'release') {
    const lease = leases.get(message.pid);
    if (lease) clearTimeout(lease.timer);
    leases.delete(message.pid);
  }
});

// The emulator is gone (or closed us): no worker may outlive it. SIGKILL ends stopped processes too.
process.on('disconnect', () => {
  for (const lease of leases.values()) clearTimeout(lease.timer);
  for (const pid of watched) signal(pid, 'SIGKILL');
  process.exit(0);
});
