// Entry point of the dagc CLI: builds the commander program from one file per
// command and returns the exit code instead of calling process.exit, so tests
// can run it in-process as well as as a child process.
import { Command, CommanderError } from 'commander';
import { processIo, type CliIo, EXIT_BAD_INPUT } from './run-command.ts';
import { commandModules } from './commands/index.ts';

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('dagc')
    .description('Compile a serverless workflow into the cheapest AWS Lambda + Step Functions deployment that meets its latency SLO')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const register of commandModules) register(program, io, setExitCode);
  return program;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
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
    throw error;
  }
  return exitCode;
}
