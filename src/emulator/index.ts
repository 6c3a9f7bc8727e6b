// Public surface of the local Lambda emulator.
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './server.ts';
export type { Fault, FaultKind } from './faults.ts';
export type { FunctionRegistration, EmulatedArchitecture } from './types.ts';
export { reportLine, billedDurationMs } from './report-line.ts';
