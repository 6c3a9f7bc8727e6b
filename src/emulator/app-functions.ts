// What the emulator serves for an app: one registration per function of
// app.yaml that has a handler (today's memory, timeout and first
// architecture), or per `--function name=path[:memoryMb]` flag. Functions
// without a handler (profile-only ones) are skipped with a warning that
// points at their line in app.yaml.
import { DagcUserError, makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../diagnostics/emulator.ts';
import type { IR } from '../ir/types.ts';
import type { FunctionRegistration } from './server.ts';

/** CreateFunction's documented defaults, used when a --function flag gives no memory. */
const FLAG_DEFAULTS = { memoryMb: 128, timeoutMs: 3_000 } as const;

export interface AppRegistrations {
  functions: FunctionRegistration[];
  warnings: Diagnostic[];
}

export function registrationsFromIr(ir: IR): AppRegistrations {
  const functions: FunctionRegistration[] = [];
  const warnings: Diagnostic[] = [];
  for (const name of [...ir.functions.keys()].sort()) {
    const fn = ir.functions.get(name)!;
    if (fn.handlerPath === undefined) {
      const problem = emulatorDiagnostics.functionWithoutHandler(name);
      warnings.push(makeDiagnostic(problem.code, problem.message, problem.hint, fn.position, 'warning'));
      continue;
    }
    functions.push({ name, handlerPath: fn.handlerPath, memoryMb: fn.memoryMb, timeoutMs: fn.timeoutMs, architecture: fn.architectures[0] ?? 'x86_64' });
  }
  return { functions, warnings };
}

/** Parses repeated `--function name=path/to/handler.mjs[:memoryMb]` flags; reports every bad one. */
export function registrationsFromFlags(flags: readonly string[]): FunctionRegistration[] {
  const problems: Diagnostic[] = [];
  const functions: FunctionRegistration[] = [];
  for (const flag of flags) {
    const match = /^([^=]+)=(.+?)(?::(\d+))?$/.exec(flag);
    if (!match) {
      problems.push(emulatorDiagnostics.badFunctionFlag(flag));
      continue;
    }
    const memoryMb = match[3] === undefined ? FLAG_DEFAULTS.memoryMb : Number(match[3]);
    functions.push({ name: match[1]!, handlerPath: match[2]!, memoryMb, timeoutMs: FLAG_DEFAULTS.timeoutMs, architecture: 'x86_64' });
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return functions;
}
