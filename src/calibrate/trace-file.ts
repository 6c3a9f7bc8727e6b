// Reads a SeBS-Flow trace file (fixtures-data/sebs-flow-traces/README.md): one
// CSV row per function invocation of a workflow execution. `start`/`end` are
// epoch seconds taken inside the handler (so they exclude dispatch and Init),
// `provider.execution_duration` and `provider.init_duration` are Lambda's
// Duration and Init Duration in µs.
// Decided: a row whose own columns are malformed (a start that is not a
// number, end before start, is_cold not True/False) is a positioned error
// (file:line:col), all of them reported at once; a row whose provider fields
// are empty or 0 (the SeBS log lookup failed: 58 rows of trip-booking) is kept
// with those fields undefined, so the rows' times still serve where the
// durations are not needed, and is counted.
// Complexity: O(rows).
import { readFileSync } from 'node:fs';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { traceDiagnostics } from '../diagnostics/traces.ts';

export interface TraceInvocation {
  /** 1-based line of the row in the file. */
  line: number;
  func: string;
  /** The workflow execution the invocation belongs to. */
  requestId: string;
  startS: number;
  endS: number;
  cold: boolean;
  /** Lambda's Duration; undefined when the provider fields are missing. */
  durationMs: number | undefined;
  /** Lambda's Init Duration of a cold invocation (0 when warm); undefined when missing. */
  initMs: number | undefined;
  /** The memory Lambda billed (billing.mem); undefined when absent. */
  billedMemoryMb: number | undefined;
}

export interface TraceFile {
  file: string;
  invocations: TraceInvocation[];
  /** Rows whose provider fields (Duration, and Init Duration when cold) are missing. */
  missingProviderFields: number;
}

const REQUIRED = ['func', 'start', 'end', 'is_cold', 'request_id'] as const;

export function readTraceFile(path: string, displayName = path): TraceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DagcUserError([traceDiagnostics.traceUnreadable(displayName, (error as NodeJS.ErrnoException).code ?? String(error))]);
  }
  return parseTraceFile(text, displayName);
}

export function parseTraceFile(text: string, file: string): TraceFile {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new DagcUserError([traceDiagnostics.traceMissingColumns(file, missing)]);
  const column = (name: string) => header.indexOf(name);
  const problems: Diagnostic[] = [];
  const invocations: TraceInvocation[] = [];
  let missingProviderFields = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = raw.split(',');
    // 1-based character column where cell k starts, for the diagnostic's position.
    const charColumn = (k: number) => cells.slice(0, k).reduce((sum, cell) => sum + cell.length + 1, 1);
    if (cells.length !== header.length) {
      problems.push(traceDiagnostics.traceBadCell(file, line, 1, 'the row', `${cells.length} cells`, `${header.length} cells as in the header`));
      continue;
    }
    const cell = (name: string) => cells[column(name)]!.trim();
    const bad = (name: string, expected: string) => problems.push(traceDiagnostics.traceBadCell(file, line, charColumn(column(name)), name, cell(name), expected));
    const number = (name: string): number | undefined => {
      const text = cell(name);
      const value = text === '' ? NaN : Number(text);
      if (!Number.isFinite(value)) {
        bad(name, 'a number of seconds');
        return undefined;
      }
      return value;
    };
    const before = problems.length;
    const func = cell('func');
    const requestId = cell('request_id');
    if (func === '') bad('func', 'a function name');
    if (requestId === '') bad('request_id', 'an execution id');
    const startS = number('start');
    const endS = number('end');
    if (startS !== undefined && endS !== undefined && endS < startS) bad('end', `a time at or after start (${cell('start')})`);
    const coldText = cell('is_cold');
    if (coldText !== 'True' && coldText !== 'False') bad('is_cold', 'True or False');
    if (problems.length > before) continue;
    const cold = coldText === 'True';
    // Provider fields: optional columns, and empty or 0 when SeBS could not find the REPORT line.
    const optional = (name: string): number | undefined => {
      if (column(name) < 0) return undefined;
      const text = cell(name);
      const value = text === '' ? NaN : Number(text);
      return Number.isFinite(value) && value > 0 ? value : undefined;
    };
    const durationUs = optional('provider.execution_duration');
    const initUs = optional('provider.init_duration');
    const durationMs = durationUs === undefined ? undefined : durationUs / 1000;
    // A warm invocation has no Init by definition, whatever the provider fields say.
    const initMs = cold ? (initUs === undefined ? undefined : initUs / 1000) : 0;
    if (durationMs === undefined || initMs === undefined) missingProviderFields += 1;
    invocations.push({ line, func, requestId, startS: startS!, endS: endS!, cold, durationMs, initMs, billedMemoryMb: optional('billing.mem') });
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return { file, invocations, missingProviderFields };
}
