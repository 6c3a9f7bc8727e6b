// Problems a user can cause when driving the local Lambda emulator (CLI flags,
// a bad --app, a function registered with an unusable handler): codes
// DAGC0200–DAGC0249. Wire-level errors (unknown function, throttling) are not
// diagnostics: they go back to the SDK client in AWS's own error shape.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const emulatorDiagnostics = {
  badPort: (value: string): Diagnostic =>
    makeDiagnostic('DAGC0200', `--port '${value}' is not a TCP port`, 'pass an integer from 0 to 65535 (0 picks any free port)', undefined),
  badIntegerFlag: (flag: string, value: string, min: number): Diagnostic =>
    makeDiagnostic('DAGC0207', `${flag} '${value}' is not a whole number of at least ${min}`, `pass ${flag} as an integer >= ${min}`, undefined),
  functionWithoutHandler: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0201', `function '${fn}' has no handler, so the emulator cannot run it`, `add handler: handlers/${fn}.mjs to function '${fn}' in app.yaml`, undefined),
  handlerFileMissing: (fn: string, file: string): Diagnostic =>
    makeDiagnostic('DAGC0202', `handler file of '${fn}' does not exist: ${file}`, 'check the handler path (relative to app.yaml)', undefined),
  badMemory: (fn: string, memoryMb: number): Diagnostic =>
    makeDiagnostic('DAGC0203', `function '${fn}' has memory ${memoryMb} MB; Lambda allows 128–10240 MB`, 'set memoryMb to an integer from 128 to 10240', undefined),
  badTimeout: (fn: string, timeoutMs: number): Diagnostic =>
    makeDiagnostic('DAGC0204', `function '${fn}' has timeout ${timeoutMs} ms; Lambda allows up to 900 s`, 'set a timeout above 0 and at most 900 s', undefined),
  duplicateFunction: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0205', `function '${fn}' is already registered`, 'register each function name once, or delete it first', undefined),
  badFault: (detail: string): Diagnostic =>
    makeDiagnostic('DAGC0206', `fault is not valid: ${detail}`, "use { kind: 'throttle' | 'serviceError' | 'timeout' | 'crash', functionName?, count? }", undefined),
};
