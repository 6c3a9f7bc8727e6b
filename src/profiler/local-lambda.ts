// `dagc profile --local`: starts the emulator on loopback and deploys the
// app's handlers into it under their deployed names, with the memory and
// timeout app.yaml gives them and the host's architecture where the spec
// allows it — so that what follows is exactly the --endpoint path. Functions without a handler cannot run
// locally and are left out (profiling them reports them missing).
import { cpus, loadavg } from 'node:os';
import { startEmulator } from '../emulator/index.ts';
import type { IR } from '../ir/types.ts';
import type { Architecture } from '../spec/types.ts';

export interface LocalLambda {
  endpoint: string;
  /** How the emulator limits CPU here (cgroup-v2, cgroup-v1, duty-cycle, none). */
  cpuLimitMode: string;
  stop(): Promise<void>;
}

/**
 * What a profile measured on this machine must say about it: the emulator's
 * CPU limit mode, the host's CPU and core count, and its load when the
 * function's measurement ended (1- and 5-minute averages) — the numbers that
 * decide how far emulator durations can be trusted.
 */
export function describeLocalHost(cpuLimitMode: string): string {
  const cores = cpus();
  const model = cores[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  const [one, five] = loadavg();
  const hostArchitecture: Architecture = process.arch === 'arm64' ? 'arm64' : 'x86_64';
  return `dagc emulator on a ${hostArchitecture} host (${model}, ${cores.length} cores), cpu limit ${cpuLimitMode}, host load average ${one!.toFixed(2)} (1 min) / ${five!.toFixed(2)} (5 min) at the end of the measurement; durations are this host's speed, whatever architecture the profile is filed under`;
}

/**
 * The emulator runs every architecture on this host's CPU, so a measurement
 * is filed under the host's architecture whenever the spec allows it: an
 * x86_64 host cannot say how fast arm64 is (and vice versa). Only a function
 * whose spec allows no other architecture is measured under a foreign one,
 * and its profile's source says so (describeLocalHost).
 */
export function localArchitecture(allowed: readonly Architecture[]): Architecture {
  const host: Architecture = process.arch === 'arm64' ? 'arm64' : 'x86_64';
  return allowed.includes(host) ? host : allowed[0]!;
}

export async function startLocalLambda(ir: IR, deployedNames: ReadonlyMap<string, string>): Promise<LocalLambda> {
  const emulator = await startEmulator();
  for (const [fn, deployedName] of [...deployedNames].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const info = ir.functions.get(fn)!;
    if (info.handlerPath === undefined) continue;
    emulator.registerFunction({
      name: deployedName,
      handlerPath: info.handlerPath,
      memoryMb: info.memoryMb,
      timeoutMs: info.timeoutMs,
      architecture: localArchitecture(info.architectures),
    });
  }
  return { endpoint: emulator.endpoint, cpuLimitMode: emulator.cpuLimitMode, stop: () => emulator.close() };
}
