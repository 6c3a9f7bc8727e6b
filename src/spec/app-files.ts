// Where a handler or payload named in app.yaml really is. dagc reads, packages
// and runs these files, often unattended in CI on a spec someone else wrote,
// so each must be a regular file inside the app's folder after every symlink
// is followed: `handler: /etc/passwd` or `../../../../etc/shadow` would
// otherwise be read into a profile run or a deployment package, and a folder
// as a handler made the profiler wait for a module that never loads.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';

/** A problem with the file `relative` (as written in app.yaml), or undefined when it is fine. */
export function appFileProblem(baseDir: string, relative: string, what: string, position: SourcePosition): Diagnostic | undefined {
  let real: string;
  try {
    real = realpathSync(path.resolve(baseDir, relative));
  } catch {
    // Missing, a dangling link, or a path through a file: all "does not exist" to the user.
    return specDiagnostics.fileMissing(position, `${what}:`, relative);
  }
  const appDir = realAppDir(baseDir);
  const inside = path.relative(appDir, real);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return inputDiagnostics.outsideApp(position, what, relative, appDir);
  const stats = statSync(real);
  if (!stats.isFile()) return inputDiagnostics.notARegularFile(position, what, relative, stats.isDirectory() ? 'a folder' : 'a device, pipe or socket');
  return undefined;
}

function realAppDir(baseDir: string): string {
  try {
    return realpathSync(baseDir);
  } catch {
    return path.resolve(baseDir);
  }
}
