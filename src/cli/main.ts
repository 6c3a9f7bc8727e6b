// Entry point of the dagc CLI: builds the commander program from one file per
// command and returns the exit code instead of calling process.exit, so tests
// can run it in-process as well as as a child process. Nothing thrown escapes
// it: user errors exit 2, anything else 3 (src/cli/run-command.ts).
import { Command, CommanderError } from 'commander';
import { processIo, reportError, type CliIo, EXIT_BAD_INPUT } from './run-command.ts';
import { commandModules } from './commands/index.ts';

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('dagc')
    .description('Compile a serverless workflow into the cheapest AWS Lambda + Step Functions deployment that meets its latency SLO')
    .version('0.1.0')
    .option('--debug', 'on an internal error (exit 3), print its stack too')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const register of commandModules) register(program, io, setExitCode);
  return program;
}

/** True when the command line or the environment asks for stacks of internal errors. */
export function debugRequested(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--debug') || env.DAGC_DEBUG === '1';
}

export async function main(argv: string[], baseIo: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const io: CliIo = { ...baseIo, debug: baseIo.debug === true || debugRequested(argv) };
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes are bad input.
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    // Whatever escaped a command's own guard (src/cli/run-command.ts) is still a bug, reported the same way.
    return reportError(io, error);
  }
  return exitCode;
}
