// dagc validate app.yaml: every problem in the file at once, sorted by
// position, as file:line:col: DAGCnnnn message. Exit 0 valid, 2 invalid.
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { loadApp } from '../../ir/load-app.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

export const registerValidate: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('validate')
    .description('check an app spec and report every problem with its file:line:col')
    .argument('<app>', 'path to app.yaml')
    .option('--quiet', 'print nothing when the spec is valid')
    .action(async (app: string, options: { quiet?: boolean }) => {
      setExitCode(
        await runCommand(io, async () => {
          const { ir, warnings } = loadApp(app);
          for (const warning of warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          if (!options.quiet) {
            io.stdout(`${app}: valid (${ir.graph.nodeCount()} steps, ${ir.functions.size} functions, ${ir.graph.edgeCount()} edges)\n`);
          }
          return EXIT_OK;
        }),
      );
    });
};
