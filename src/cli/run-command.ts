// The one place where errors become exit codes: user mistakes (DagcUserError)
// print their diagnostics and exit 2 with no stack trace; a gate failure is a
// command's own return value (1); anything else is a bug and shows its stack.
import { formatDiagnostic, isUserError, sortDiagnostics } from '../diagnostics/diagnostic.ts';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
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
    if (isUserError(error)) {
      for (const diagnostic of sortDiagnostics(error.diagnostics)) {
        io.stderr(`${formatDiagnostic(diagnostic)}\n`);
      }
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
