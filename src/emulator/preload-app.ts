// Registers an app's functions (from app.yaml through the IR) with a running
// emulator, at today's memory, timeout and first architecture. Functions
// without a handler (profile-only) cannot run and are skipped with a warning.
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../diagnostics/emulator.ts';
import { loadAppIr } from '../ir/load-app.ts';
import type { RunningEmulator } from './server.ts';

export function preloadApp(emulator: RunningEmulator, appPath: string): { registered: string[]; warnings: Diagnostic[] } {
  const ir = loadAppIr(appPath);
  const registered: string[] = [];
  const warnings: Diagnostic[] = [];
  for (const fn of [...ir.functions.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (fn.handlerPath === undefined) {
      const error = emulatorDiagnostics.functionWithoutHandler(fn.name);
      warnings.push(makeDiagnostic(error.code, error.message, error.hint, fn.position, 'warning'));
      continue;
    }
    emulator.registerFunction({ name: fn.name, handlerPath: fn.handlerPath, memoryMb: fn.memoryMb, timeoutMs: fn.timeoutMs, architecture: fn.architectures[0] ?? 'x86_64' });
    registered.push(fn.name);
  }
  return { registered, warnings };
}
