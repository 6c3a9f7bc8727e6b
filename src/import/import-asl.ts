// dagc import: an ASL definition (text) → the app it describes. Parses the
// JSON with positions, checks it is a state machine, then builds the DAG
// (dag-builder.ts) until no Choice dissolves any more. Throws a DagcUserError
// (exit 2) only when nothing usable comes out: a syntax error, not a state
// machine, or no Task on the main path; everything else is a warning on the
// result, so a user gets an app.yaml plus a list of what to check.
import path from 'node:path';
import { DagcUserError, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../diagnostics/import.ts';
import { isRecord, readScope } from './asl-scope.ts';
import { DagBuilder, type BuildResult } from './dag-builder.ts';
import { sanitizeIdentifier } from './identifiers.ts';
import type { ImportedApp } from './imported-app.ts';
import { formatJsonPath } from './json-path.ts';
import { parseJsonSource, type JsonSource } from './json-source.ts';

export interface ImportOptions {
  /** The app's name (default: from the file name). */
  name?: string;
}

export function importAslText(text: string, displayName: string, options: ImportOptions = {}): ImportedApp {
  const parsed = parseJsonSource(text, displayName);
  if (!parsed.ok) throw new DagcUserError(parsed.diagnostics);
  const { source } = parsed;
  const root = source.value;
  const scope = readScope(root, []);
  if (!scope.ok) throw new DagcUserError([importDiagnostics.notAsl(source.positionOf(scope.path), formatJsonPath(scope.path), scope.detail)]);
  const result = buildToFixpoint(source, root);
  if (!result.steps.some((s) => s.function !== undefined)) {
    throw new DagcUserError([importDiagnostics.noTasks(source.positionOf(['StartAt'])), ...result.diagnostics]);
  }
  const base = path.basename(displayName).replace(/(\.asl)?\.json$/i, '');
  const comment = isRecord(root) && typeof root.Comment === 'string' ? `: ${root.Comment}` : '';
  const app: ImportedApp = {
    name: options.name ?? sanitizeIdentifier(base, 'app'),
    description: `Imported by dagc import from ${path.basename(displayName)}${comment}`,
    functions: result.functions,
    steps: result.steps,
    diagnostics: sortDiagnostics(result.diagnostics),
    definition: root,
    startPosition: source.positionOf(['StartAt']),
  };
  if (result.regions.size === 1) app.region = [...result.regions][0]!;
  return app;
}

/** Builds until no Choice dissolves: each round treats the choices that dissolved as pass-throughs. At most one round per Choice. */
function buildToFixpoint(source: JsonSource, root: unknown): BuildResult {
  const passThrough = new Set<string>();
  for (;;) {
    const result = new DagBuilder(source, passThrough).build(root);
    if (result.dissolved.size === 0) return result;
    for (const where of result.dissolved) passThrough.add(where);
  }
}
