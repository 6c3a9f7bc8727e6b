// Public surface of the local Lambda emulator. See docs/emulator.md.
export { startEmulator, type RunningEmulator, type StartEmulatorOptions, type FunctionRegistration, type EmulatedArchitecture } from './server.ts';
export type { Fault, FaultKind } from './faults.ts';
export type { CpuLimitMode } from './cpu-limit/cpu-limiter.ts';
export type { CpuLimitPreference } from './cpu-limit/select-cpu-limiter.ts';
export type { EnvironmentSnapshot } from './environment-pool.ts';
export { reportLine, billedDurationMs } from './report-line.ts';
