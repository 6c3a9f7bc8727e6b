// What `dagc import` produces before it is written out: the app's functions
// and steps in the spec's terms, each with the ASL state it came from (kept as
// an app.yaml comment, since spec identifiers cannot hold most state names).
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.ts';
import type { JsonPath } from './json-path.ts';

export interface ImportedFunction {
  key: string;
  /** A service integration dagc cannot size: memory pinned at 128 MB. */
  pinned: boolean;
  /** Where it came from: the function reference or the service call. */
  origin: string;
}

export interface ImportedStep {
  id: string;
  kind: 'task' | 'map' | 'choice';
  function?: string;
  needs: string[];
  map?: { width: number; maxConcurrency: number };
  /** Branch step → probability, summing to 1. */
  choice?: Record<string, number>;
  /** The ASL state it stands for. */
  stateName: string;
  statePath: JsonPath;
}

export interface ImportedApp {
  name: string;
  description: string;
  region?: string;
  functions: ImportedFunction[];
  /** In the order they were made: a topological order of the DAG. */
  steps: ImportedStep[];
  /** Warnings (what could not be carried exactly); errors are thrown. */
  diagnostics: Diagnostic[];
  /** The parsed definition and where its StartAt is, for the structure check after loading. */
  definition: unknown;
  startPosition: SourcePosition;
}
