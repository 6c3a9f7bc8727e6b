// Child process of scripts/provisional-profiles.ts: loads one handler (timing
// the import as its init), invokes it on its payload a few times, timing the
// CPU it uses, and prints the durations and the process's peak
// resident memory (VmHWM) as JSON. Run alone so memory is the handler's own.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [handlerPath, payloadPath, countText] = process.argv.slice(2);
const event = JSON.parse(readFileSync(payloadPath, 'utf8'));
const t0 = performance.now();
const { handler } = await import(pathToFileURL(handlerPath).href);
const initMs = performance.now() - t0;
const context = { functionName: 'profile', memoryLimitInMB: '1769', awsRequestId: 'profile', stepId: '', getRemainingTimeInMillis: () => 900_000 };
const durationsMs = [];
for (let i = 0; i < Number(countText); i += 1) {
  const copy = structuredClone(event);
  // CPU time, not wall time: on a shared build machine the wall clock counts
  // other processes' time too; a single-threaded handler's CPU time is what
  // it would take on a core of its own.
  const start = process.cpuUsage();
  await handler(copy, context);
  const used = process.cpuUsage(start);
  durationsMs.push((used.user + used.system) / 1000);
}
const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(JSON.stringify({ initMs, durationsMs, maxMemoryUsedMb: Math.ceil(hwmKb / 1024) }));
