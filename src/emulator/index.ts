// The local Lambda emulator's public surface. See docs/emulator.md.
export { startEmulator, type Emulator, type EmulatorOptions, type RegisterFunctionInput } from './server.ts';
export type { FaultKind, FaultSpec } from './faults.ts';
export type { CpuLimitMode } from './cpu-limit/cpu-limiter.ts';
export type { CpuLimitPreference } from './cpu-limit/select-cpu-limiter.ts';
export type { EnvironmentSnapshot } from './environment-pool.ts';
