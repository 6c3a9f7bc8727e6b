// Writes provisional profiles for an app's functions that have none, so dagc
// can optimize before the profiler has measured them on a Lambda emulator or
// AWS. Today only gpu-inference's `infer` (accelerator: gpu) keeps one:
// `dagc profile` refuses to measure a function Lambda cannot run, and every
// other fixture function is measured on the emulator (npm run profile-fixtures). Each handler runs in its own process on its sample payload (1 cold + N
// warm invocations, timed by the CPU they use; peak memory from VmHWM);
// the durations are recorded as measured at 1,769 MB (one vCPU), and the
// model assumes single-threaded, CPU-bound code (all "parallel" work that
// slows in proportion below one vCPU and stops speeding up above it). The
// profile's source says exactly this; `dagc profile` replaces it.
//   npx tsx scripts/provisional-profiles.ts fixtures/<app>/app.yaml [--force] [--runs N]
// (--force rewrites the profiles of accelerator functions only.)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAppIr } from '../src/ir/load-app.ts';
import { fitDurationModel, median } from '../src/model/fit-duration-model.ts';
import { LAMBDA_LIMITS } from '../src/model/platform.ts';
import { profilePath, writeProfile } from '../src/model/profile.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const force = args.includes('--force');
const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 7;
const apps = args.filter((a) => a.endsWith('.yaml'));
const machineArchitecture = process.arch === 'arm64' ? 'arm64' : 'x86_64';

for (const app of apps) {
  const ir = loadAppIr(app);
  for (const [name, fn] of [...ir.functions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = profilePath(ir, name);
    // --force rewrites only stand-ins for accelerator functions: a measured profile is never replaced by a provisional one.
    if (existsSync(file) && !(force && fn.accelerator)) continue;
    if (!fn.handlerPath || !fn.payloadPath) {
      console.log(`${app}: ${name}: no handler or payload; skipped`);
      continue;
    }
    const out = execFileSync(process.execPath, [path.join(here, 'measure-handler.mjs'), fn.handlerPath, fn.payloadPath, String(runs + 1)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const measured = JSON.parse(out) as { initMs: number; durationsMs: number[]; maxMemoryUsedMb: number };
    const round = (ms: number) => Math.round(ms * 100) / 100;
    const [cold, ...warm] = measured.durationsMs.map(round);
    const measurement = {
      memoryMb: LAMBDA_LIMITS.mbPerVcpu,
      warmDurationsMs: warm,
      coldDurationsMs: [cold!],
      initDurationsMs: [round(measured.initMs)],
      maxMemoryUsedMb: measured.maxMemoryUsedMb,
      invocations: runs + 1,
      errors: 0,
      timeouts: 0,
    };
    const fitted = fitDurationModel([measurement])!;
    // One size cannot separate serial from parallel work: assume CPU-bound, single-threaded.
    const model = { ...fitted, serialMs: 0, parallelMs: median(warm), maxUsefulVcpu: 1, fitErrorPct: 0 };
    const profile: FunctionProfile = {
      schemaVersion: 1,
      function: name,
      source: {
        kind: 'provisional',
        description: fn.accelerator
          ? `provisional stand-in for a function that needs a ${fn.accelerator} (Lambda has none, so dagc profile cannot measure it): CPU time of ${runs} warm runs of its CPU fallback on its payload on the dagc build machine, recorded as 1769 MB (1 vCPU) on ${machineArchitecture}; model assumes single-threaded CPU-bound work; replace with numbers measured where it really runs`
          : `provisional: CPU time of ${runs} warm runs of the handler on its payload on the dagc build machine, recorded as 1769 MB (1 vCPU) on ${machineArchitecture}; model assumes single-threaded CPU-bound work; replace with \`dagc profile\``,
      },
      // Only the architecture it was measured on: speed on the other is unknown until profiled there.
      architectures: { [machineArchitecture]: { measurements: [measurement], model } },
    };
    writeProfile(file, profile);
    console.log(`${app}: ${name}: median ${median(warm).toFixed(1)} ms, init ${measured.initMs.toFixed(1)} ms, ${measured.maxMemoryUsedMb} MB`);
  }
}
