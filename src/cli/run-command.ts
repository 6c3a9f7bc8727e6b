// The one place where errors become exit codes: user mistakes (DagcUserError)
// print their diagnostics and exit 2 with no stack trace; a gate failure is a
// command's own return value (1); anything else is a bug in dagc: a short
// message saying so, how to report it, and exit 3, with the stack only under
// --debug (or DAGC_DEBUG=1), so a CI log shows what happened, not 40 lines
// of frames, and a script can tell "your input" (2) from "our bug" (3).
import { formatDiagnostic, isUserError, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL_ERROR = 3;

/** A generated spec with one systematic mistake can have thousands of problems; a CI log needs the first ones. */
export const MAX_DIAGNOSTICS_SHOWN = 100;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Print the stack of an internal error (--debug). */
  debug?: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs a command body and turns its outcome into an exit code. */
export async function runCommand(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportError(io, error);
  }
}

/** Prints an error the way the CLI reports it and returns its exit code (2 for user errors, 3 for bugs). */
export function reportError(io: CliIo, error: unknown): number {
  if (isUserError(error)) {
    const sorted = sortDiagnostics(error.diagnostics);
    for (const diagnostic of sorted.slice(0, MAX_DIAGNOSTICS_SHOWN)) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
    if (sorted.length > MAX_DIAGNOSTICS_SHOWN) io.stderr(`… and ${sorted.length - MAX_DIAGNOSTICS_SHOWN} more problems (fix these first; many may be consequences of them)\n`);
    return EXIT_BAD_INPUT;
  }
  io.stderr(`${formatDiagnostic(inputDiagnostics.internalError(describeError(error)))}\n`);
  if (io.debug) io.stderr(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
  return EXIT_INTERNAL_ERROR;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}
