// A Diagnostic is a user-facing problem: where it is, what is wrong, and how
// to fix it. Every diagnostic has a stable code (DAGCnnnn) so tests, CI logs
// and users can match on it. Diagnostics are values; they become an exit code
// only at the CLI edge (see DagcUserError and src/cli/run-command.ts).

export interface SourcePosition {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** What the user can do about it. */
  hint?: string;
  position?: SourcePosition;
}

/** Thrown for user mistakes; the CLI prints the diagnostics and exits 2. */
export class DagcUserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DagcUserError';
    this.diagnostics = diagnostics;
  }
}

export function isUserError(error: unknown): error is DagcUserError {
  return error instanceof DagcUserError;
}

export function formatPosition(position: SourcePosition | undefined): string {
  if (!position) return '';
  return `${position.file}:${position.line}:${position.column}: `;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = `${formatPosition(diagnostic.position)}${diagnostic.code} ${diagnostic.message}`;
  return diagnostic.hint ? `${head}\n  fix: ${diagnostic.hint}` : head;
}

/** Sorts by file, line, column, then code, so reports are stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    const pa = a.position;
    const pb = b.position;
    if (pa && pb) {
      if (pa.file !== pb.file) return pa.file < pb.file ? -1 : 1;
      if (pa.line !== pb.line) return pa.line - pb.line;
      if (pa.column !== pb.column) return pa.column - pb.column;
    } else if (pa || pb) {
      return pa ? -1 : 1;
    }
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

/**
 * Characters of a message or hint: a diagnostic quotes user input (a name, a
 * value, a YAML error's excerpt), and input can be megabytes of garbage. The
 * first part is enough to recognise it; the rest is cut with an ellipsis.
 */
export const MAX_DIAGNOSTIC_CHARS = 1_000;

export function truncateText(text: string, maxChars: number = MAX_DIAGNOSTIC_CHARS): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars - 1)}… (${text.length - maxChars + 1} more characters)`;
}

export function makeDiagnostic(
  code: string,
  message: string,
  hint: string | undefined,
  position: SourcePosition | undefined,
  severity: Severity = 'error',
): Diagnostic {
  const diagnostic: Diagnostic = { code, severity, message: truncateText(message) };
  if (hint !== undefined) diagnostic.hint = truncateText(hint);
  if (position !== undefined) diagnostic.position = position;
  return diagnostic;
}
