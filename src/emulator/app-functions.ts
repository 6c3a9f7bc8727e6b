// What the emulator serves for an app: one registration per function of
// app.yaml that has a handler (today's memory, timeout and first
// architecture), or per `--function name=path[:memoryMb]` flag. Functions
// without a handler (profile-only ones) are skipped with a warning.
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../diagnostics/emulator.ts';
import type { IR } from '../ir/types.ts';
import type { RegisterFunctionInput } from './server.ts';

export interface AppRegistrations {
  functions: RegisterFunctionInput[];
  warnings: Diagnostic[];
}

export function registrationsFromIr(ir: IR): AppRegistrations {
  const functions: RegisterFunctionInput[] = [];
  const warnings: Diagnostic[] = [];
  for (const name of [...ir.functions.keys()].sort()) {
    const fn = ir.functions.get(name)!;
    if (fn.handlerPath === undefined) {
      warnings.push(emulatorDiagnostics.functionWithoutHandler(name));
      continue;
    }
    functions.push({ name, handlerPath: fn.handlerPath, memoryMb: fn.memoryMb, timeoutMs: fn.timeoutMs, architecture: fn.architectures[0] ?? 'x86_64' });
  }
  return { functions, warnings };
}

/** Parses repeated `--function name=path/to/handler.mjs[:memoryMb]` flags. */
export function registrationsFromFlags(flags: readonly string[]): RegisterFunctionInput[] {
  const problems: Diagnostic[] = [];
  const functions: RegisterFunctionInput[] = [];
  for (const flag of flags) {
    const match = /^([^=]+)=(.+?)(?::(\d+))?$/.exec(flag);
    if (!match) {
      problems.push(emulatorDiagnostics.badFunctionFlag(flag));
      continue;
    }
    const registration: RegisterFunctionInput = { name: match[1]!, handlerPath: match[2]! };
    if (match[3] !== undefined) registration.memoryMb = Number(match[3]);
    functions.push(registration);
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return functions;
}
