// Problems a user can cause when driving the local Lambda emulator (CLI flags,
// a bad --app or --function, a function registered with an unusable handler):
// codes DAGC0200–DAGC0249. Wire-level errors (unknown function, throttling) are
// not diagnostics: they go back to the SDK client in AWS's own error shape.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const emulatorDiagnostics = {
  badPort: (value: string): Diagnostic =>
    makeDiagnostic('DAGC0200', `--port '${value}' is not a TCP port`, 'pass an integer from 0 to 65535 (0 picks any free port)', undefined),
  functionWithoutHandler: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0201', `function '${fn}' has no handler, so the emulator cannot run it`, `add handler: handlers/${fn}.mjs to function '${fn}' in app.yaml`, undefined),
  handlerFileMissing: (fn: string, file: string): Diagnostic =>
    makeDiagnostic('DAGC0202', `handler file of '${fn}' does not exist: ${file}`, 'check the handler path (relative to app.yaml, or to where you run dagc)', undefined),
  badMemory: (fn: string, memoryMb: number): Diagnostic =>
    makeDiagnostic('DAGC0203', `function '${fn}' has memory ${memoryMb} MB; Lambda allows 128–10240 MB`, 'set memoryMb to an integer from 128 to 10240', undefined),
  badTimeout: (fn: string, timeoutMs: number): Diagnostic =>
    makeDiagnostic('DAGC0204', `function '${fn}' has timeout ${timeoutMs} ms; Lambda allows up to 900 s`, 'set a timeout above 0 and at most 900 s', undefined),
  duplicateFunction: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0205', `function '${fn}' is already registered`, 'register each function name once, or delete it first', undefined),
  badFault: (detail: string): Diagnostic =>
    makeDiagnostic('DAGC0206', `fault is not valid: ${detail}`, "use { kind: 'throttle' | 'serviceError' | 'timeout' | 'crash', functionName?, count?, afterMs? }", undefined),
  badIntegerFlag: (flag: string, value: string, min: number): Diagnostic =>
    makeDiagnostic('DAGC0207', `${flag} '${value}' is not a whole number of at least ${min}`, `pass ${flag} as an integer >= ${min}`, undefined),
  badFunctionFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0208', `--function '${text}' is not name=path/to/handler.mjs[:memoryMb]`, 'write e.g. --function resize=handlers/resize.mjs:512', undefined),
  badFunctionName: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0209', `'${fn}' is not a valid Lambda function name`, 'use 1–64 letters, digits, hyphens and underscores', undefined),
  cannotListen: (host: string, port: number, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0210', `cannot listen on ${host}:${port}: ${detail}`, 'pick another --port, or stop what is using it', undefined),
  cgroupUnavailable: (): Diagnostic =>
    makeDiagnostic('DAGC0211', 'a cgroup CPU quota was requested but this host does not allow creating one', 'run as root on Linux with a writable cgroup tree, or use --cpu-limit duty-cycle', undefined),
  badCpuLimit: (value: string): Diagnostic =>
    makeDiagnostic('DAGC0212', `CPU limit '${value}' is not one of auto, cgroup, duty-cycle, none`, 'use --cpu-limit auto (a cgroup quota when allowed, else the duty cycle), or DAGC_EMULATOR_CPU=…', undefined),
};
