// The local Lambda emulator's user-facing problems: codes DAGC0200–DAGC0249.
// They cover how the emulator is started and what it is asked to load (flags,
// handler files, app.yaml functions); errors of the Lambda API itself go back
// to the SDK in AWS's error shapes, not as diagnostics.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const emulatorDiagnostics = {
  badFunctionFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0200', `--function '${text}' is not name=path/to/handler.mjs[:memoryMb]`, 'write e.g. --function resize=handlers/resize.mjs:512', undefined),
  handlerFileMissing: (fn: string, file: string): Diagnostic =>
    makeDiagnostic('DAGC0201', `handler of '${fn}' not found: ${file}`, 'point it at an existing .mjs or .js module that exports `handler`', undefined),
  memoryOutOfRange: (fn: string, memoryMb: number, minMb: number, maxMb: number): Diagnostic =>
    makeDiagnostic('DAGC0202', `memory of '${fn}' is ${memoryMb} MB; Lambda allows ${minMb}–${maxMb} MB`, `pick a whole number of MB between ${minMb} and ${maxMb}`, undefined),
  timeoutOutOfRange: (fn: string, timeoutMs: number, maxMs: number): Diagnostic =>
    makeDiagnostic('DAGC0203', `timeout of '${fn}' is ${timeoutMs} ms; Lambda allows up to ${maxMs} ms`, 'pick a positive timeout no longer than 900 s', undefined),
  badFunctionName: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0204', `'${fn}' is not a valid Lambda function name`, 'use 1–64 letters, digits, hyphens and underscores', undefined),
  duplicateFunction: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0205', `function '${fn}' is registered twice`, 'give each function one --function flag (or one entry in app.yaml)', undefined),
  badPort: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0206', `--port '${text}' is not a port number`, 'use 0 (any free port) or 1–65535', undefined),
  cannotListen: (host: string, port: number, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0207', `cannot listen on ${host}:${port}: ${detail}`, 'pick another --port, or stop what is using it', undefined),
  cgroupUnavailable: (): Diagnostic =>
    makeDiagnostic('DAGC0208', 'a cgroup CPU quota was requested but this host does not allow creating one', 'run as root on Linux with a writable /sys/fs/cgroup, or use --cpu-limit duty-cycle', undefined),
  functionWithoutHandler: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0209', `function '${fn}' has no handler in app.yaml, so the emulator does not serve it`, `add handler: handlers/${fn}.mjs to function '${fn}'`, undefined, 'warning'),
  badCpuLimitFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0210', `--cpu-limit '${text}' is not one of auto, cgroup, duty-cycle, none`, 'use --cpu-limit auto (cgroup when allowed, else duty cycle)', undefined),
  badDurationFlag: (flag: string, text: string): Diagnostic =>
    makeDiagnostic('DAGC0211', `${flag} '${text}' is not a duration`, `write e.g. ${flag} 5m, 30s or 500ms`, undefined),
  badConcurrencyFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0212', `--concurrency '${text}' is not a whole number`, 'write e.g. --concurrency 10 (0 throttles every invocation)', undefined),
};
