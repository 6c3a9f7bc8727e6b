// The one call most commands start with: app.yaml → validated spec → verified IR.
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadSpec } from '../spec/load.ts';
import { buildIr } from './build.ts';
import type { IR } from './types.ts';
import { verify } from './verify.ts';

export interface LoadedApp {
  ir: IR;
  warnings: Diagnostic[];
}

export function loadApp(file: string): LoadedApp {
  const loaded = loadSpec(file);
  const ir = buildIr(loaded);
  const problems = verify(ir);
  if (problems.length > 0) throw new DagcUserError(problems);
  return { ir, warnings: loaded.warnings };
}

/** loadApp without the warnings, for commands that only need the IR. */
export function loadAppIr(file: string): IR {
  return loadApp(file).ir;
}
