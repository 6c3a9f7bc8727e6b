// Diagnostics for reading measured workflow executions (SeBS-Flow workflow
// definitions and their per-invocation trace files) into orchestration-latency
// observations: codes DAGC0110–DAGC0119, documented in docs/model-and-estimator.md.
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

type At = SourcePosition | undefined;

export const traceDiagnostics = {
  definitionUnreadable: (file: string, detail: string, position: At): Diagnostic =>
    makeDiagnostic('DAGC0110', `cannot read SeBS-Flow definition ${file}: ${detail}`, 'pass a SeBS-Flow <benchmark>.definition.json (an object with "root" and "states")', position ?? { file, line: 1, column: 1 }),
  definitionState: (position: At, jsonPath: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0111', `${jsonPath}: ${detail}`, 'fix the state: SeBS-Flow states are task (func_name), map (root, states, array), loop (func_name, array) or parallel (parallel_functions), chained by next', position),
  traceUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0112', `cannot read trace file ${file}: ${detail}`, 'pass a SeBS-Flow *_processed.csv trace (one row per function invocation)', { file, line: 1, column: 1 }),
  traceMissingColumns: (file: string, columns: readonly string[]): Diagnostic =>
    makeDiagnostic('DAGC0113', `${file} lacks the column(s) ${columns.join(', ')} of a SeBS-Flow trace`, 'the header needs func, start, end, is_cold, request_id (and provider.execution_duration, provider.init_duration for cold gaps and profiles)', { file, line: 1, column: 1 }),
  traceBadCell: (file: string, line: number, column: number, name: string, cell: string, expected: string): Diagnostic =>
    makeDiagnostic('DAGC0114', `${name} is '${cell}', not ${expected}`, `fix or delete row ${line}`, { file, line, column }),
  traceNoExecutions: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0115', `${file} yields no gap between two invocations: ${detail}`, 'pass the trace of the workflow whose definition you gave (its func column names that workflow\'s functions)', { file, line: 1, column: 1 }),
  traceUnknownFunction: (file: string, line: number, func: string): Diagnostic =>
    makeDiagnostic('DAGC0116', `function '${func}' is not a state of the workflow definition; its rows are skipped`, 'pass the definition the trace was measured with', { file, line, column: 1 }, 'warning'),
};
